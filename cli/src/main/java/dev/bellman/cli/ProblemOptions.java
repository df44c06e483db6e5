package dev.bellman.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The problem options that {@code control pi} and {@code control qlearn} share (DESIGN.md §4). */
final class ProblemOptions {
    @Option(names = "--problem", paramLabel = "NAME", required = true,
            description = "lqr|merton (pi also: lqr-finite|merton-finite|hjb-lq).")
    String problem;

    @Option(names = "--dim", paramLabel = "d", description = "State dimension (lqr: d decoupled copies of the scalar problem).")
    Integer dim;

    @Option(names = "--set", paramLabel = "key=value", description = "Override a problem parameter (repeatable).")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--problem-file", paramLabel = "FILE", description = "A YAML or JSON problem file.")
    Path problemFile;
}
