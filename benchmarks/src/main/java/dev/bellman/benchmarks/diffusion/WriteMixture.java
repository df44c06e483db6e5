package dev.bellman.benchmarks.diffusion;

import dev.bellman.data.mixture.GaussianMixture;
import dev.bellman.data.mixture.MixtureFile;
import java.nio.file.Path;

/**
 * Writes one of {@link IdentityCheck#mixtures()} as a {@code gmm:FILE} mixture file, so that
 * {@code bellman train --data gmm:FILE} can train the model whose identity rows IdentityCheck checks
 * (the 5-D mixture has no toy name). Usage: {@code WriteMixture NAME FILE}.
 */
public final class WriteMixture {
    private WriteMixture() {}

    public static void main(String[] args) {
        if (args.length != 2 || !IdentityCheck.mixtures().containsKey(args[0])) {
            throw new IllegalArgumentException("usage: WriteMixture NAME FILE with NAME in " + IdentityCheck.mixtures().keySet());
        }
        GaussianMixture mixture = IdentityCheck.mixtures().get(args[0]);
        MixtureFile.write(Path.of(args[1]), mixture);
        System.out.println("wrote " + args[0] + " (" + mixture.components() + " components in R^" + mixture.dimension() + ") to " + args[1]);
    }
}
