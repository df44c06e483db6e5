package dev.bellman.benchmarks.diffusion;

import dev.bellman.benchmarks.SuiteContext;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PyTorch peer ../shared/peers/torch_dsm_toy.py, run once per thread count per benchmark run and
 * shared by the diffusion (training steps/s) and samplers (sample-steps/s) suites.
 */
public final class DsmPeer {
    private static final Pattern TRAIN = Pattern.compile("train: ([0-9.]+) steps/s");
    private static final Pattern SAMPLE = Pattern.compile("sample: ([0-9.]+) M sample-steps/s");
    private static final Map<Integer, double[]> CACHE = new HashMap<>();

    /** Train steps/s and sample-steps/s of the peer. */
    public record Speeds(double trainStepsPerS, double sampleStepsPerS) {}

    private DsmPeer() {}

    /** The peer's speeds at {@code threads}, or null (with a note) when it cannot run. */
    public static synchronized Speeds measure(SuiteContext context, int threads, int trainSteps) {
        double[] cached = CACHE.get(threads);
        if (cached == null) {
            if (context.peer().isEmpty()) {
                return null;
            }
            context.progress().accept("bench: peer torch_dsm_toy.py threads=" + threads);
            try {
                String out = context.peer().get().run("torch_dsm_toy.py", 3600, Integer.toString(threads),
                        Integer.toString(trainSteps));
                Matcher t = TRAIN.matcher(out);
                Matcher s = SAMPLE.matcher(out);
                if (!t.find() || !s.find()) {
                    context.note("peer torch_dsm_toy.py printed no speeds: " + out.strip());
                    return null;
                }
                cached = new double[] {Double.parseDouble(t.group(1)), Double.parseDouble(s.group(1)) * 1e6};
                CACHE.put(threads, cached);
            } catch (Exception e) {
                context.note("peer torch_dsm_toy.py failed: " + e.getMessage());
                return null;
            }
        }
        return new Speeds(cached[0], cached[1]);
    }
}
