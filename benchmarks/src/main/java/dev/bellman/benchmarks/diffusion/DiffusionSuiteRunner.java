package dev.bellman.benchmarks.diffusion;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bellman.benchmarks.BenchRow;
import dev.bellman.benchmarks.BenchRow.Better;
import dev.bellman.benchmarks.ChildRuns;
import dev.bellman.benchmarks.SuiteContext;
import dev.bellman.benchmarks.SuiteRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code diffusion} suite: score-matching training speed on the peer workload at 1 and 2 threads
 * (each in its own JVM) against torch_dsm_toy.py at its best thread count, resident-memory growth
 * over the run, and (full mode) the verification identity on three mixtures.
 */
public final class DiffusionSuiteRunner implements SuiteRunner {
    private static final String COMMAND = "./bellman bench --suite diffusion";
    /** JVM options of the speed-and-memory children: a fixed, pre-touched heap, so RSS shows native memory. */
    static final List<String> RSS_JVM_OPTIONS = List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch");
    /** Steps before the RSS baseline (RSS grows ~9 MB over the first 1,500 steps, then stays flat). */
    static final long RSS_WARMUP = 2000;

    @Override
    public List<BenchRow> run(SuiteContext context) {
        List<BenchRow> rows = new ArrayList<>();
        int steps = context.quick() ? 300 : 20000;
        int[] threadCounts = context.quick() ? new int[] {1} : new int[] {1, 2};
        Double peerBest = null;
        if (!context.quick()) {
            for (int t : new int[] {1, 2}) {
                DsmPeer.Speeds s = DsmPeer.measure(context, t, 2000);
                if (s != null && (peerBest == null || s.trainStepsPerS() > peerBest)) {
                    peerBest = s.trainStepsPerS();
                }
            }
        }
        String cmd = COMMAND + (context.quick() ? " --quick" : "");
        for (int threads : threadCounts) {
            // A fixed, pre-touched Java heap and a 2,000-step warm-up (JIT, allocator arenas), as in
            // TrainingMemoryTest: otherwise the RSS row counts the heap growing to its default maximum
            // (it read +148 % that way), not the native memory the training loop might leak.
            List<JsonNode> results = ChildRuns.run(context, DsmTrainSpeed.class, threads, context.repeats(), 3600,
                    RSS_JVM_OPTIONS, Integer.toString(steps), Long.toString(RSS_WARMUP));
            double[] rate = ChildRuns.values(results, n -> n.get("steps_per_s"));
            rows.add(BenchRow.of("dsm train steps/s, 8gaussians peer workload (threads " + threads + ")", "steps/s",
                    Better.HIGHER, rate, peerBest == null ? null : new double[] {peerBest}, "≥ 1.5 × peer (best threads)",
                    cmd, null));
            double[] growth = new double[results.size()];
            for (int i = 0; i < results.size(); i++) {
                JsonNode n = results.get(i);
                double warm = n.path("rss_kb_after_warmup").asDouble();
                growth[i] = warm > 0 ? (n.path("rss_kb_end").asDouble() - warm) / warm : Double.NaN;
            }
            rows.add(BenchRow.of("dsm train RSS growth after warm-up over " + steps + " steps (threads " + threads + ")",
                    "fraction", Better.LOWER, growth, null, "≤ 0.10", cmd, null));
        }
        if (!context.quick()) {
            // the same with the host kernels off: libtorch's forward, backward and fused Adam every step
            List<JsonNode> djl = ChildRuns.run(context, DsmTrainSpeed.class, 1, context.repeats(), 3600, List.of(), "3000", "200", "djl");
            rows.add(BenchRow.of("dsm train steps/s, host kernels off (threads 1)", "steps/s", Better.HIGHER,
                    ChildRuns.values(djl, n -> n.get("steps_per_s")), peerBest == null ? null : new double[] {peerBest}, null, cmd,
                    "every step a libtorch forward, backward and Adam"));
        }
        List<DefaultModel.Run> defaults = DefaultModel.runs(context);
        String defaultCmd = DefaultModel.command(context);
        rows.add(BenchRow.of("default `bellman train` wall, whole process (8gaussians)", "s", Better.LOWER,
                defaults.stream().filter(r -> r.train() != null).mapToDouble(DefaultModel.Run::trainProcessSeconds).toArray(),
                null, "≤ 90 s on 2 cores", defaultCmd, "JVM start, training, gap curve and final gap included"));
        rows.add(BenchRow.of("default model verification gap", "nats", Better.LOWER, DefaultModel.values(defaults, false, "gap"),
                null, "≤ 0.05", defaultCmd, null));
        rows.add(BenchRow.of("default model gap standard error", "nats", Better.LOWER,
                DefaultModel.values(defaults, false, "gap_se"), null, "≤ 0.01", defaultCmd, null));
        if (!context.quick()) {
            // Per data set the N (run at 2N only) and grid at which the Euler bias, measured by the control
            // variate, is below the 0.02 standard error (BENCHMARKS.md: 8gaussians ≈ 46/N, 25gaussians on the
            // power-2 grid ≈ 122/N, aniso5d ≈ 112/N); ≈ 40 minutes on 2 cores in all.
            List<JsonNode> identity = new java.util.ArrayList<>();
            for (String[] a : new String[][] {{"2000", "8gaussians", "1"}, {"4000", "25gaussians", "2"}, {"4000", "aniso5d", "1"}}) {
                identity.addAll(ChildRuns.run(context, IdentityCheck.class, 2, 1, 4 * 3600, a[0], "0.02", "400000", a[1], a[2], "-",
                        "exact", "single"));
            }
            for (JsonNode run : identity) {
                for (JsonNode row : run.path("rows")) {
                    String label = row.path("data").asText() + " " + row.path("control").asText();
                    rows.add(BenchRow.of("identity |residual| at 2N steps, " + label, "nats", Better.LOWER,
                            new double[] {Math.abs(row.path("residualFine").asDouble())}, null,
                            "≤ 3 × se = " + String.format(java.util.Locale.ROOT, "%.3f", 3 * row.path("residualFineSe").asDouble()),
                            cmd, "N = " + row.path("steps").asText() + " steps, n = " + row.path("n").asText()
                                    + " paths, residual at N: " + row.path("residual").asText() + "; Euler bias at 2N "
                                    + String.format(java.util.Locale.ROOT, "%+.4f ± %.4f", row.path("biasFine").asDouble(),
                                            row.path("biasFineSe").asDouble())
                                    + (row.path("holds").asBoolean() ? " (below se: holds)" : " (NOT below se)")));
                }
            }
        }
        return rows;
    }
}
