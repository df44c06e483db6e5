package dev.bellman.cli;

import dev.bellman.control.BadInputException;
import dev.bellman.samplers.SamplerConfig;
import java.nio.file.Path;

/**
 * A validated {@code bellman sample} invocation.
 *
 * @param model the run directory
 * @param sampler the sampler configuration
 * @param n samples, or null for the default (10,000; 64 for images)
 * @param output where to write them, or null
 */
record SampleSettings(Path model, SamplerConfig sampler, Integer n, Path output) {
    SampleSettings {
        if (n != null && n < 1) {
            throw new BadInputException("--n must be at least 1, got " + n);
        }
        if (output != null) {
            SampleOutput.of(output);
        }
    }

    int samples(boolean image) {
        return n != null ? n : image ? 64 : 10_000;
    }
}
