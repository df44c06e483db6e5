package dev.bellman.control.finite;

import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.DeviceKind;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.run.Json;
import java.util.List;

/** Development probe (not a test): java ... FiniteProbe problem dim iterations rollouts steps valueSteps policySteps vlr plr resW. */
public final class FiniteProbe {
    public static void main(String[] args) throws Exception {
        BellmanEngine.start(new EngineConfig(0L, Integer.parseInt(System.getProperty("threads", "1")), Precision.FLOAT64, DeviceKind.CPU));
        FiniteProblemKind kind = FiniteProblemKind.parse(args[0]);
        int dim = Integer.parseInt(args[1]);
        FiniteSolverConfig c = FiniteSolverConfig.defaults(kind, dim);
        if (args.length > 2) {
            c = c.withIterations(Integer.parseInt(args[2])).withRollouts(Integer.parseInt(args[3]), Integer.parseInt(args[4]))
                    .withSteps(Integer.parseInt(args[5]), Integer.parseInt(args[6]))
                    .withLearningRates(Double.parseDouble(args[7]), Double.parseDouble(args[8]))
                    .withWeights(Double.parseDouble(args[9]), 1.0);
        }
        FiniteHorizonProblem p = System.getProperty("beta0") != null
                ? new LqrFiniteProblem(dev.bellman.control.reference.LqrFiniteParameters.decoupled(
                        dev.bellman.control.reference.LqrParameters.scalar(-0.5, 0, 1, 0.1, 0.3, 0.1), 1.0, 1.0))
                : kind == FiniteProblemKind.LQR_FINITE && dim == 3 ? ExactFieldsTest.lqr3()
                : new FiniteProblemSpec(kind, dim, null, List.of(), null).build();
        FiniteResult r = FiniteHorizonSolver.solve(p, c, rec -> System.err.println(rec));
        System.out.println(Json.class.getSimpleName());
        System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(r));
    }
}
