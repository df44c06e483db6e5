package dev.bellman.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bellman.control.run.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Repeated runs of a benchmark main in child JVMs (one per run, so each gets its own engine thread
 * count), each returning its {@code RESULT} JSON. A failed or timed-out run is noted, not fatal.
 */
public final class ChildRuns {
    private ChildRuns() {}

    public static List<JsonNode> run(SuiteContext context, Class<?> main, int threads, int repeats, long timeoutSeconds,
            String... args) {
        return run(context, main, threads, repeats, timeoutSeconds, List.of(), args);
    }

    /** As above, each child started with the extra {@code jvmOptions}. */
    public static List<JsonNode> run(SuiteContext context, Class<?> main, int threads, int repeats, long timeoutSeconds,
            List<String> jvmOptions, String... args) {
        List<JsonNode> results = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            context.progress().accept("bench: " + main.getSimpleName() + " threads=" + threads + " run " + (r + 1) + "/" + repeats);
            try {
                ChildJvm.Outcome o = ChildJvm.run(main, threads, timeoutSeconds, jvmOptions, args);
                if (o.exitCode() != 0 || o.result() == null) {
                    String tail = o.stderrTail().strip();
                    int cut = Math.max(0, tail.length() - 300);
                    context.note(main.getSimpleName() + " (threads " + threads + ") failed with exit " + o.exitCode()
                            + ": " + tail.substring(cut).replaceAll("\\s+", " "));
                    continue;
                }
                results.add(Json.mapper().readTree(o.result()));
            } catch (Exception e) {
                context.note(main.getSimpleName() + " (threads " + threads + ") could not run: " + e);
            }
        }
        return results;
    }

    /** The numbers at {@code path} (e.g. "result/K_rel_err") of each result, skipping missing ones. */
    public static double[] values(List<JsonNode> results, java.util.function.Function<JsonNode, JsonNode> select) {
        List<Double> v = new ArrayList<>();
        for (JsonNode n : results) {
            JsonNode x = select.apply(n);
            if (x != null && x.isNumber()) {
                v.add(x.asDouble());
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
