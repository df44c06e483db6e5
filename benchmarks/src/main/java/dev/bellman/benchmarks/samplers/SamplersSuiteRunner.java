package dev.bellman.benchmarks.samplers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bellman.benchmarks.BenchRow;
import dev.bellman.benchmarks.BenchRow.Better;
import dev.bellman.benchmarks.ChildRuns;
import dev.bellman.benchmarks.SuiteContext;
import dev.bellman.benchmarks.SuiteRunner;
import dev.bellman.benchmarks.diffusion.DefaultModel;
import dev.bellman.benchmarks.diffusion.DsmPeer;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code samplers} suite: Euler–Maruyama sample-steps/s on the peer workload (10,000 samples ×
 * 1,000 steps of the product's ControlNet after 2,000 training steps) at 1 and 2 threads, each in
 * its own JVM, against torch_dsm_toy.py's sampling at its best thread count (and once with the host
 * kernels off, at 2 threads, to show what they add); the oracle targets of
 * issue 7 ({@link OracleSampling}: RK45 NFE at batch 10,000, likelihood error, EM MMD²); and the
 * default model's NLL, MMD² and SW2 against their floors ({@code bellman train} then {@code eval}).
 */
public final class SamplersSuiteRunner implements SuiteRunner {
    private static final String COMMAND = "./bellman bench --suite samplers";

    @Override
    public List<BenchRow> run(SuiteContext context) {
        List<BenchRow> rows = new ArrayList<>();
        int n = context.quick() ? 2000 : 10_000;
        int steps = context.quick() ? 100 : 1000;
        int[] threadCounts = context.quick() ? new int[] {1} : new int[] {1, 2};
        Double peerBest = null;
        if (!context.quick()) {
            for (int t : new int[] {1, 2}) {
                DsmPeer.Speeds s = DsmPeer.measure(context, t, 2000);
                if (s != null && (peerBest == null || s.sampleStepsPerS() > peerBest)) {
                    peerBest = s.sampleStepsPerS();
                }
            }
        }
        String cmd = COMMAND + (context.quick() ? " --quick" : "");
        for (int threads : threadCounts) {
            List<JsonNode> results = ChildRuns.run(context, SamplingSpeed.class, threads, context.repeats(), 3600,
                    Integer.toString(n), Integer.toString(steps), "auto", "1");
            double[] rate = ChildRuns.values(results, r -> r.get("sample_steps_per_s"));
            rows.add(BenchRow.of("em sample-steps/s, " + n + " × " + steps + " peer workload (threads " + threads + ")",
                    "sample-steps/s", Better.HIGHER, rate, peerBest == null ? null : new double[] {peerBest},
                    "≥ 1.5 × peer (best threads)", cmd, null));
        }
        if (!context.quick()) {
            // the same with the host kernels off: what the Vector API path adds over plain libtorch ops
            List<JsonNode> djl = ChildRuns.run(context, SamplingSpeed.class, 2, context.repeats(), 3600,
                    Integer.toString(n), Integer.toString(steps), "djl", "1");
            rows.add(BenchRow.of("em sample-steps/s, " + n + " × " + steps + ", host kernels off (threads 2)", "sample-steps/s",
                    Better.HIGHER, ChildRuns.values(djl, r -> r.get("sample_steps_per_s")),
                    peerBest == null ? null : new double[] {peerBest}, null, cmd, "every layer a libtorch op"));
        }
        int batch = context.quick() ? 1000 : 10_000;
        for (String toy : new String[] {"8gaussians", "25gaussians"}) {
            List<JsonNode> oracle = ChildRuns.run(context, OracleSampling.class, 1, 1, 3600, toy, Integer.toString(batch),
                    context.quick() ? "100" : "1000", context.quick() ? "500" : "2000");
            String budget = toy.equals("8gaussians") ? "≤ 100" : "≤ 150";
            rows.add(BenchRow.of("oracle RK45 NFE at rtol = atol = 1e-5, batch " + batch + ", " + toy, "evaluations", Better.LOWER,
                    ChildRuns.values(oracle, r -> r.get("rk45_nfe")), null, budget, cmd, null));
            rows.add(BenchRow.of("oracle probability-flow log p, max |error| vs closed form, " + toy, "nats", Better.LOWER,
                    ChildRuns.values(oracle, r -> r.get("lik_max_abs_err")), null, "≤ 1e-3", cmd, null));
            double[] excess = oracle.stream().mapToDouble(r -> r.path("mmd2").asDouble() - r.path("mmd2_floor").asDouble()
                    - 2 * r.path("mmd2_floor_sd").asDouble()).toArray();
            rows.add(BenchRow.of("oracle EM 1,000 steps MMD² minus (floor + 2 sd), " + toy, "", Better.LOWER, excess, null, "≤ 0",
                    cmd, "n = " + (context.quick() ? 500 : 2000)));
        }
        List<DefaultModel.Run> defaults = DefaultModel.runs(context);
        String defaultCmd = DefaultModel.command(context);
        rows.add(BenchRow.of("default model NLL of held-out 8gaussians (entropy 2.8319)", "nats", Better.LOWER,
                DefaultModel.values(defaults, true, "nll"), null, "≤ 2.90", defaultCmd, null));
        rows.add(BenchRow.of("default model MMD² minus (floor + 2 sd)", "", Better.LOWER, excess(defaults), null, "≤ 0",
                defaultCmd, "n = " + (context.quick() ? 2000 : 10_000)));
        rows.add(BenchRow.of("default model SW2 / its floor", "ratio", Better.LOWER, ratio(defaults, "sw2", "sw2_floor"), null,
                "≤ 1.5", defaultCmd, "n = " + (context.quick() ? 2000 : 10_000) + ", 1,000 projections"));
        rows.add(BenchRow.of("default model energy distance / its floor", "ratio", Better.LOWER,
                ratio(defaults, "energy", "energy_floor"), null, null, defaultCmd, null));
        return rows;
    }

    /** mmd2 − (mmd2_floor + 2·mmd2_floor_sd) of each evaluated run. */
    static double[] excess(List<DefaultModel.Run> runs) {
        return runs.stream().map(DefaultModel.Run::eval).filter(e -> e != null && e.path("mmd2").isNumber())
                .mapToDouble(e -> e.path("mmd2").asDouble() - e.path("mmd2_floor").asDouble() - 2 * e.path("mmd2_floor_sd").asDouble())
                .toArray();
    }

    /** key / floorKey of each evaluated run. */
    static double[] ratio(List<DefaultModel.Run> runs, String key, String floorKey) {
        return runs.stream().map(DefaultModel.Run::eval).filter(e -> e != null && e.path(key).isNumber())
                .mapToDouble(e -> e.path(key).asDouble() / e.path(floorKey).asDouble()).toArray();
    }
}
