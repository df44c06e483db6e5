package dev.bellman.benchmarks.finite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bellman.benchmarks.BenchRow;
import dev.bellman.benchmarks.BenchRow.Better;
import dev.bellman.benchmarks.ChildRuns;
import dev.bellman.benchmarks.SuiteContext;
import dev.bellman.benchmarks.SuiteRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code finite} suite: finite-horizon policy iteration against the closed forms (lqr-finite
 * scalar and d = 3, merton-finite; full mode adds the Han–Jentzen–E HJB in d = 10 and d = 100, whose
 * target includes 15 minutes of wall time), one case per child JVM at 1 thread.
 */
public final class FiniteSuiteRunner implements SuiteRunner {
    private static final String COMMAND = "./bellman bench --suite finite";

    private record Metric(String key, String target) {}

    @Override
    public List<BenchRow> run(SuiteContext context) {
        List<BenchRow> rows = new ArrayList<>();
        List<String> cases = context.quick() ? List.of("lqr-finite-1", "merton-finite")
                : List.of("lqr-finite-1", "lqr-finite-3", "merton-finite", "hjb-lq-10", "hjb-lq-100");
        String cmd = COMMAND + (context.quick() ? " --quick" : "");
        for (String c : cases) {
            List<JsonNode> results = ChildRuns.run(context, FiniteSuite.class, 1, context.repeats(), 3600, c);
            List<Metric> metrics = c.equals("hjb-lq-100")
                    ? List.of(new Metric("u0_rel_err", "≤ 0.002"), new Metric("off_origin_rel_err", "≤ 0.01"),
                            new Metric("wall_s", "≤ 900"))
                    : c.startsWith("hjb")
                    ? List.of(new Metric("u0_rel_err", "≤ 0.005"), new Metric("off_origin_rel_err", "≤ 0.01"), new Metric("wall_s", null))
                    : c.startsWith("merton")
                            ? List.of(new Metric("pi_rel_err", "≤ 0.005"), new Metric("V_rel_l2", "≤ 0.005"), new Metric("wall_s", null))
                            : List.of(new Metric("V_rel_l2", "≤ 0.005"), new Metric("action_rel_l2", "≤ 0.01"),
                                    new Metric("K_rel_err", null), new Metric("wall_s", null));
            for (Metric m : metrics) {
                double[] v = ChildRuns.values(results, n -> n.get(m.key()));
                rows.add(BenchRow.of("control pi " + c + " " + m.key(), m.key().equals("wall_s") ? "s" : "", Better.LOWER, v,
                        null, m.target(), cmd, null));
            }
        }
        return rows;
    }
}
