package dev.bellman.benchmarks.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bellman.benchmarks.BenchRow;
import dev.bellman.benchmarks.BenchRow.Better;
import dev.bellman.benchmarks.ChildRuns;
import dev.bellman.benchmarks.SuiteContext;
import dev.bellman.benchmarks.SuiteRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code control} suite of {@code bellman bench}: {@link ControlSuite} in child JVMs at 1 and 2
 * threads (quick: scalar LQR and Merton at 1 thread, no peer), with the PyTorch peer
 * {@code torch_pi_lqr.py} run once beside it at its best thread count (1) for time-to-2 %.
 */
public final class ControlSuiteRunner implements SuiteRunner {
    private static final String COMMAND = "./bellman bench --suite control";

    private record Metric(String key, String unit, Better better, String target) {}

    private static final List<Metric> LQR = List.of(new Metric("K_rel_err", "", Better.LOWER, "≤ 0.002"),
            new Metric("V_rel_l2", "", Better.LOWER, "≤ 0.002"), new Metric("hjb_residual", "", Better.LOWER, "≤ 1e-3"),
            new Metric("wall_s", "s", Better.LOWER, "≤ 60"), new Metric("time_to_2pct_s", "s", Better.LOWER, "< peer"));
    private static final List<Metric> MERTON = List.of(new Metric("pi_rel_err", "", Better.LOWER, "≤ 0.005"),
            new Metric("k_rel_err", "", Better.LOWER, "≤ 0.01"), new Metric("V_rel_l2", "", Better.LOWER, "≤ 0.005"),
            new Metric("wall_s", "s", Better.LOWER, "≤ 60"));
    private static final List<Metric> LQR10 = List.of(new Metric("action_rel_l2", "", Better.LOWER, "≤ 0.01"),
            new Metric("wall_s", "s", Better.LOWER, "≤ 60"));
    private static final List<Metric> LQR100 = List.of(new Metric("action_rel_l2", "", Better.LOWER, "≤ 0.02"),
            new Metric("wall_s", "s", Better.LOWER, null));

    @Override
    public List<BenchRow> run(SuiteContext context) {
        List<BenchRow> rows = new ArrayList<>();
        String cases = context.quick() ? "lqr,merton" : "lqr,merton,lqr10,lqr100";
        int[] threadCounts = context.quick() ? new int[] {1} : new int[] {1, 2};
        Double peerTime = null;
        if (!context.quick() && context.peer().isPresent()) {
            peerTime = peerTimeTo2pct(context);
        }
        for (int threads : threadCounts) {
            List<JsonNode> results = ChildRuns.run(context, ControlSuite.class, threads, context.repeats(), 3600,
                    "--no-peer", "--cases", cases, context.quick() ? "--quick" : "--full");
            for (String c : cases.split(",")) {
                List<Metric> metrics = switch (c) {
                    case "lqr" -> LQR;
                    case "merton" -> MERTON;
                    case "lqr10" -> LQR10;
                    default -> LQR100;
                };
                for (Metric m : metrics) {
                    double[] v = ChildRuns.values(results, n -> caseResult(n, c) == null ? null : caseResult(n, c).get(m.key()));
                    double[] peer = m.key().equals("time_to_2pct_s") && peerTime != null ? new double[] {peerTime} : null;
                    String name = "control pi " + c + " " + m.key() + " (threads " + threads + ")";
                    rows.add(BenchRow.of(name, m.unit(), m.better(), v, peer, m.target(),
                            COMMAND + (context.quick() ? " --quick" : ""), null));
                }
            }
        }
        return rows;
    }

    private static JsonNode caseResult(JsonNode run, String c) {
        for (JsonNode row : run.path("cases")) {
            if (row.path("case").asText().equals(c)) {
                return row.get("result");
            }
        }
        return null;
    }

    private static Double peerTimeTo2pct(SuiteContext context) {
        context.progress().accept("bench: peer torch_pi_lqr.py (1 thread)");
        java.util.Map<String, Object> r = ControlSuite.runPeer(1);
        Object t = r.get("time_to_2pct_s");
        if (t instanceof Double d) {
            return d;
        }
        context.note("peer torch_pi_lqr.py: " + (r.containsKey("iterations")
                ? "its V error never fell below 2 % within its 30 iterations" : r.toString()));
        return null;
    }
}
