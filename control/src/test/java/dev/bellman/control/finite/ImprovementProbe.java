package dev.bellman.control.finite;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.DeviceKind;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.nn.Mlp;
import dev.bellman.control.nn.MlpConfig;
import dev.bellman.control.optim.Adam;
import dev.bellman.control.optim.AdamConfig;
import dev.bellman.control.random.StepRandom;
import dev.bellman.control.reference.LqrFiniteParameters;
import java.util.List;

/** Development probe: the improvement step against the exact value. */
public final class ImprovementProbe {
    public static void main(String[] args) {
        BellmanEngine.start(new EngineConfig(0L, 1, Precision.FLOAT64, DeviceKind.CPU));
        LqrFiniteProblem p = new LqrFiniteProblem(LqrFiniteParameters.reference());
        FiniteSolverConfig c = FiniteSolverConfig.defaults(FiniteProblemKind.LQR_FINITE, 1);
        try (NDManager m = BellmanEngine.current().newManager()) {
            PolicyNetwork pi = new PolicyNetwork(new Mlp(MlpConfig.of(2, List.of(32, 32), 1, Precision.FLOAT64, 1).withZeroLastLayer(true), m), p.actionSpace());
            Adam adam = new Adam(pi.parameters(), AdamConfig.of(Double.parseDouble(args[0])));
            FiniteHorizonSolver.Evaluation ev = FiniteHorizonSolver.Evaluation.prepare(p, m, DataType.FLOAT64, c.traceMode(1, 1));
            for (int s = 0; s < Integer.parseInt(args[1]); s++) {
                double o = FiniteHorizonSolver.policyStep(p, c, p.exactValue(), pi, StepRandom.of(3).forStep(s), p.trainingPoints(), m, DataType.FLOAT64, true);
                adam.step();
                if (s % 100 == 0) {
                    System.err.println(s + " obj " + o + " " + ev.errors(p, p.exactValue(), pi.frozen(), c.traceMode(1, 1)));
                }
            }
        }
    }
}
