package dev.bellman.benchmarks.diffusion;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bellman.benchmarks.ChildJvm;
import dev.bellman.benchmarks.SuiteContext;
import dev.bellman.control.run.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The default model as a user makes it: {@code bellman train --json} with no training options (in
 * quick mode 500 steps, 200 gap paths and EMA 0.99), then {@code bellman eval MODEL --json}, each the real
 * command in its own JVM at the default thread count (2). Run once per seed per benchmark run and
 * shared by the diffusion suite (wall time, gap) and the samplers suite (NLL, MMD², SW2 against their
 * floors).
 */
public final class DefaultModel {
    /** The {@code bellman} entry point, on the class path of {@code bellman bench}. */
    static final String MAIN = "dev.bellman.cli.Main";
    private static final Map<String, Run> CACHE = new HashMap<>();

    /**
     * One seed's run.
     *
     * @param train the JSON of {@code train --json} (null when it failed)
     * @param trainProcessSeconds the wall time of the whole train process (JVM start included)
     * @param eval the JSON of {@code eval --json} (null when it failed or was not asked for)
     */
    public record Run(long seed, JsonNode train, double trainProcessSeconds, JsonNode eval) {}

    private DefaultModel() {}

    /** The train command line's options (quick mode shortens the run). */
    static List<String> trainArgs(SuiteContext context, long seed, Path dir) {
        List<String> a = new ArrayList<>(List.of("train", "--json", "--seed", Long.toString(seed), "--out", dir.toString()));
        if (context.quick()) {
            // One intra-op thread in quick mode: it checks the harness (in CI, on a busy machine where a
            // second thread stalls), not the speed.
            a.addAll(List.of("--steps", "500", "--gap-paths", "200", "--ema", "0.99", "--threads", "1"));
        }
        return a;
    }

    /** The command a reader reruns, e.g. {@code ./bellman train --json --seed 0}. */
    public static String command(SuiteContext context) {
        return "./bellman train --json --seed S" + (context.quick() ? " --steps 500 --gap-paths 200 --ema 0.99 --threads 1" : "")
                + "; ./bellman eval RUNDIR --json" + (context.quick() ? " --n 2000 --threads 1" : "");
    }

    /** Trains (and evaluates) the default model for {@code seed}, once per benchmark run. */
    public static synchronized Run get(SuiteContext context, long seed) {
        String key = seed + (context.quick() ? "q" : "");
        Run cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        Path dir = context.outputDir().resolve("default-model-" + seed);
        JsonNode train = null;
        JsonNode eval = null;
        double seconds = Double.NaN;
        try {
            context.progress().accept("bench: bellman train (default model, seed " + seed + ")");
            long t0 = System.nanoTime();
            ChildJvm.Outcome o = ChildJvm.runMain(MAIN, context.quick() ? 1 : 2, 3600, trainArgs(context, seed, dir));
            seconds = (System.nanoTime() - t0) / 1e9;
            train = parse(context, "train", o);
            if (train != null) {
                context.progress().accept("bench: bellman eval (default model, seed " + seed + ")");
                List<String> evalArgs = new ArrayList<>(List.of("eval", dir.toString(), "--json", "--seed", Long.toString(seed),
                        "--out", context.outputDir().resolve("default-eval-" + seed).toString()));
                if (context.quick()) {
                    evalArgs.addAll(List.of("--n", "2000", "--threads", "1"));
                }
                eval = parse(context, "eval", ChildJvm.runMain(MAIN, context.quick() ? 1 : 2, 3600, evalArgs));
            }
        } catch (Exception e) {
            context.note("default model (seed " + seed + ") could not run: " + e);
        }
        Run run = new Run(seed, train, seconds, eval);
        CACHE.put(key, run);
        return run;
    }

    private static JsonNode parse(SuiteContext context, String what, ChildJvm.Outcome o) throws Exception {
        if (o.exitCode() != 0 || o.result() == null) {
            String tail = o.stderrTail().strip();
            context.note("bellman " + what + " (default model) failed with exit " + o.exitCode() + ": "
                    + tail.substring(Math.max(0, tail.length() - 300)).replaceAll("\\s+", " "));
            return null;
        }
        return Json.mapper().readTree(o.result());
    }

    /** The runs for seeds 0 .. repeats − 1. */
    public static List<Run> runs(SuiteContext context) {
        List<Run> runs = new ArrayList<>();
        for (long s = 0; s < context.repeats(); s++) {
            runs.add(get(context, s));
        }
        return runs;
    }

    /** The numbers at {@code key} of the train (or eval) JSON of each run, skipping missing ones. */
    public static double[] values(List<Run> runs, boolean fromEval, String key) {
        return runs.stream().map(r -> fromEval ? r.eval() : r.train()).filter(n -> n != null && n.get(key) != null
                && n.get(key).isNumber()).mapToDouble(n -> n.get(key).asDouble()).toArray();
    }
}
