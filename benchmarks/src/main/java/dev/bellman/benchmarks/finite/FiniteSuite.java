package dev.bellman.benchmarks.finite;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.DeviceKind;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.finite.FiniteHorizonProblem;
import dev.bellman.control.finite.FiniteHorizonSolver;
import dev.bellman.control.finite.FiniteProblemKind;
import dev.bellman.control.finite.FiniteProblemSpec;
import dev.bellman.control.finite.FiniteResult;
import dev.bellman.control.finite.FiniteSolverConfig;
import dev.bellman.control.finite.LqrFiniteProblem;
import dev.bellman.control.reference.LqrFiniteParameters;
import dev.bellman.control.reference.LqrParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * The finite-horizon accuracy suite of issue 10: runs finite-horizon policy iteration with the default
 * settings of each problem (lqr-finite and merton-finite by space-time least squares, hjb-lq by the MLP
 * route) and prints one {@code RESULT {json}} line per case (the
 * {@code control pi --json} keys) beside the targets, with progress on stderr.
 *
 * <pre>  java ... dev.bellman.benchmarks.finite.FiniteSuite [--threads N] [--seed S] [case ...]</pre>
 * Cases: {@code lqr-finite-1}, {@code lqr-finite-3} (values.json lqr_matrix[1] with Q_T = I, T = 1),
 * {@code merton-finite}, {@code hjb-lq-10}, {@code hjb-lq-100}; all when none is given.
 * Targets: lqr-finite V_rel_l2 ≤ 0.005, action_rel_l2 ≤ 0.01; merton-finite pi_rel_err ≤ 0.005,
 * V_rel_l2 ≤ 0.005; hjb-lq d = 10 u0_rel_err ≤ 0.005, off_origin_rel_err ≤ 0.01; d = 100
 * u0_rel_err ≤ 0.002, off_origin_rel_err ≤ 0.01 within 15 minutes on 2 cores.
 */
public final class FiniteSuite {
    private FiniteSuite() {}

    /** lqr_matrix[1] of ../shared/reference/values.json with Q_T = I, T = 1. */
    public static LqrFiniteProblem lqrMatrix3() {
        double[][] a = {{-0.502, 0.3138, 0.2225}, {0.2172, -0.0144, -0.3617}, {-0.1881, -0.3962, -0.5323}};
        double[][] b = {{0.9988, -0.0219}, {0.4959, -1.9108}, {0.1471, -0.9069}};
        double[][] i3 = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        double[][] r = {{0.5, 0}, {0, 0.5}};
        double[][] d = {{0.2, 0, 0}, {0, 0.2, 0}, {0, 0, 0.2}};
        return new LqrFiniteProblem(new LqrFiniteParameters(new LqrParameters(a, b, i3, r, d, 0.1), i3, 1.0));
    }

    public static void main(String[] args) throws Exception {
        int threads = 2;
        long seed = 0;
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    // ChildJvm passes the thread count first, bare
                    if (i == 0 && args[i].matches("\\d+")) {
                        threads = Integer.parseInt(args[i]);
                    } else {
                        cases.add(args[i]);
                    }
                }
            }
        }
        if (cases.isEmpty()) {
            cases = List.of("lqr-finite-1", "lqr-finite-3", "merton-finite", "hjb-lq-10", "hjb-lq-100");
        }
        BellmanEngine.start(new EngineConfig(seed, threads, Precision.FLOAT64, DeviceKind.CPU));
        ObjectMapper json = new ObjectMapper();
        for (String c : cases) {
            FiniteHorizonProblem problem;
            FiniteProblemKind kind;
            int dim;
            switch (c) {
                case "lqr-finite-1" -> { kind = FiniteProblemKind.LQR_FINITE; dim = 1; problem = FiniteProblemSpec.of("lqr-finite", 1).build(); }
                case "lqr-finite-3" -> { kind = FiniteProblemKind.LQR_FINITE; dim = 3; problem = lqrMatrix3(); }
                case "merton-finite" -> { kind = FiniteProblemKind.MERTON_FINITE; dim = 1; problem = FiniteProblemSpec.of("merton-finite", 1).build(); }
                case "hjb-lq-10" -> { kind = FiniteProblemKind.HJB_LQ; dim = 10; problem = FiniteProblemSpec.of("hjb-lq", 10).build(); }
                case "hjb-lq-100" -> { kind = FiniteProblemKind.HJB_LQ; dim = 100; problem = FiniteProblemSpec.of("hjb-lq", 100).build(); }
                default -> throw new IllegalArgumentException("unknown case " + c);
            }
            FiniteSolverConfig config = FiniteSolverConfig.defaults(kind, dim).withSeed(seed);
            String name = c;
            FiniteResult r = FiniteHorizonSolver.solve(problem, config, rec -> System.err.println(name + " " + rec));
            System.out.println("RESULT " + json.writeValueAsString(r));
        }
    }
}
