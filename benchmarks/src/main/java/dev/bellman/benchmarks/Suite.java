package dev.bellman.benchmarks;

import dev.bellman.control.BadInputException;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark suites of {@code bellman bench} (DESIGN.md §4). Each suite measures end-to-end
 * workloads (in child JVMs, one per thread count) against closed forms and, where one exists, the
 * PyTorch peer run beside it in the same run.
 */
public enum Suite {
    CONTROL,
    QLEARN,
    DIFFUSION,
    SAMPLERS,
    FINITE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One suite by name, or every suite for {@code all}. */
    public static List<Suite> parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("all")) {
            return List.of(values());
        }
        for (Suite suite : values()) {
            if (suite.label().equals(s)) {
                return List.of(suite);
            }
        }
        throw new BadInputException("unknown suite '" + text + "' (expected control, qlearn, diffusion, samplers, finite or all)");
    }
}
