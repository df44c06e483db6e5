package dev.bellman.benchmarks;

import dev.bellman.control.BadInputException;
import java.util.List;

/**
 * A benchmark run: which suites, quick (under 5 minutes, what CI can afford) or full, and how many
 * times each measurement is repeated (the median and the spread are reported).
 */
public record BenchConfig(List<Suite> suites, boolean quick, int repeats) {
    public BenchConfig {
        if (suites == null || suites.isEmpty()) {
            throw new BadInputException("no benchmark suite selected");
        }
        if (repeats < 1) {
            throw new BadInputException("repeats must be at least 1, got " + repeats);
        }
        suites = List.copyOf(suites);
    }

    /** Quick mode repeats once; a full run three times. */
    public static BenchConfig of(String suite, boolean quick) {
        return new BenchConfig(Suite.parse(suite), quick, quick ? 1 : 3);
    }
}
