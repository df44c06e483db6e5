package dev.bellman.diffusion.exact;

import dev.bellman.data.mixture.GaussianMixture;

/** Test mixtures: an anisotropic 3-component mixture in 3-D with rotated covariances, and the peer's 2-D one. */
public final class Mixtures {
    private Mixtures() {}

    /** Three components in R³ with full (non-diagonal) covariances and unequal weights. */
    public static GaussianMixture anisotropic3d() {
        double[] w = {0.5, 0.3, 0.2};
        double[][] mu = {{1.0, -0.5, 0.3}, {-1.2, 0.8, 0.0}, {0.2, 1.5, -1.0}};
        double[][][] c = {
            {{0.30, 0.10, 0.05}, {0.10, 0.20, 0.02}, {0.05, 0.02, 0.15}},
            {{0.05, 0.00, 0.01}, {0.00, 0.40, -0.1}, {0.01, -0.1, 0.25}},
            {{0.20, -0.05, 0.0}, {-0.05, 0.10, 0.0}, {0.0, 0.0, 0.08}}};
        return new GaussianMixture(w, mu, c);
    }

    /** The mixture of ../shared/peers/numpy_identity.py. */
    public static GaussianMixture peer2d() {
        double[] w = {0.5, 0.3, 0.2};
        double[][] mu = {{1.5, 0.0}, {-1.0, 1.0}, {0.0, -1.5}};
        double[][][] c = {{{0.3, 0.1}, {0.1, 0.2}}, {{0.05, 0}, {0, 0.4}}, {{0.2, 0}, {0, 0.1}}};
        return new GaussianMixture(w, mu, c);
    }
}
