package dev.bellman.benchmarks.qlearn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bellman.benchmarks.BenchRow;
import dev.bellman.benchmarks.BenchRow.Better;
import dev.bellman.benchmarks.ChildRuns;
import dev.bellman.benchmarks.SuiteContext;
import dev.bellman.benchmarks.SuiteRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code qlearn} suite: continuous-time Q-learning on the scalar LQR across Δt (errors against
 * the continuous optimum and against the optimum of the discretised problem the learner faces), with
 * Richardson extrapolation, and on Merton; one case per child JVM at 1 thread. Quick mode runs one
 * short case to check the harness.
 */
public final class QlearnSuiteRunner implements SuiteRunner {
    private static final String COMMAND = "./bellman bench --suite qlearn";

    @Override
    public List<BenchRow> run(SuiteContext context) {
        List<BenchRow> rows = new ArrayList<>();
        List<String> cases = context.quick() ? List.of("lqr-0.1")
                : List.of("lqr-0.1", "lqr-0.01", "lqr-0.001", "lqr-0.01-richardson", "merton-0.01");
        String cmd = COMMAND + (context.quick() ? " --quick" : "");
        for (String c : cases) {
            String[] args = context.quick() ? new String[] {c, "--steps", "100"} : new String[] {c};
            List<JsonNode> results = ChildRuns.run(context, QlearnSuite.class, 1, context.repeats(), 3600, args);
            List<String> keys = c.startsWith("merton") ? List.of("pi_rel_err", "k_rel_err", "wall_s")
                    : List.of("K_rel_err_discrete", "K_rel_err", "wall_s");
            for (String key : keys) {
                double[] v = ChildRuns.values(results, n -> n.path("report").get(key));
                String target = switch (c + " " + key) {
                    case "lqr-0.01 K_rel_err_discrete" -> "≤ 0.005";
                    case "lqr-0.01 K_rel_err" -> "≤ 0.025";
                    case "lqr-0.01-richardson K_rel_err" -> "≤ 0.005";
                    case "lqr-0.1 K_rel_err_discrete", "lqr-0.001 K_rel_err_discrete" -> "≤ 0.01";
                    case "merton-0.01 pi_rel_err" -> "≤ 0.02";
                    case "merton-0.01 k_rel_err" -> "≤ 0.03";
                    case "lqr-0.01 wall_s" -> "≤ 120";
                    default -> null;
                };
                rows.add(BenchRow.of("control qlearn " + c + " " + key, key.equals("wall_s") ? "s" : "", Better.LOWER, v,
                        null, target, cmd, null));
            }
        }
        return rows;
    }
}
