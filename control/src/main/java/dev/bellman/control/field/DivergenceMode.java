package dev.bellman.control.field;

/**
 * How the divergence ∇·v of a {@link VectorField} is computed: exactly (d forward-mode tangents, the
 * diagonal of the Jacobian; for small d) or by Hutchinson's estimator mean vᵀJv over fixed probes (for
 * images; Grathwohl et al. 2019, FFJORD).
 */
public sealed interface DivergenceMode permits DivergenceMode.Exact, DivergenceMode.Hutchinson {

    /** Exact divergence. */
    DivergenceMode EXACT = new Exact();

    /** Hutchinson's estimator with a fixed probe set of length d. */
    static DivergenceMode hutchinson(Probes probes) {
        return new Hutchinson(probes);
    }

    /** See {@link #EXACT}. */
    record Exact() implements DivergenceMode {}

    /** See {@link #hutchinson(Probes)}. */
    record Hutchinson(Probes probes) implements DivergenceMode {
        public Hutchinson {
            if (probes == null) {
                throw new IllegalArgumentException("Hutchinson needs a probe set");
            }
        }
    }
}
