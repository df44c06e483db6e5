package dev.bellman.cli;

import dev.bellman.control.BadInputException;
import java.nio.file.Path;

/**
 * A validated {@code bellman eval} invocation.
 *
 * @param model the run directory
 * @param n samples (and held-out points) for the metrics and the likelihood, ≥ 2
 */
record EvalSettings(Path model, int n) {
    EvalSettings {
        if (n < 2) {
            throw new BadInputException("--n must be at least 2, got " + n);
        }
    }
}
