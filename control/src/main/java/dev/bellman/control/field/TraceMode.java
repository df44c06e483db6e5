package dev.bellman.control.field;

/**
 * How the weighted trace Tr(ΣΣᵀ∇²φ) of a generator (DESIGN.md §1.1) is computed.
 *
 * <ul>
 *   <li>{@link #EXACT_HESSIAN}: the full Hessian (B, d, d), then Tr(ΣᵀHΣ); exact, O(d²) per state.</li>
 *   <li>{@link #EXACT_COLUMNS}: Σⱼ (Σeⱼ)ᵀH(Σeⱼ) over the n columns of Σ; exact, n directional passes.</li>
 *   <li>{@link #hutchinson(Probes)}: the mean over K fixed Rademacher probes v of (Σv)ᵀH(Σv);
 *       unbiased, cost linear in d.</li>
 * </ul>
 */
public sealed interface TraceMode permits TraceMode.ExactHessian, TraceMode.ExactColumns, TraceMode.Hutchinson {

    /** Trace from the full Hessian. */
    TraceMode EXACT_HESSIAN = new ExactHessian();

    /** Trace as a sum of second derivatives along the columns of Σ. */
    TraceMode EXACT_COLUMNS = new ExactColumns();

    /** Hutchinson's estimator with a fixed probe set (probes of length n, the noise dimension). */
    static TraceMode hutchinson(Probes probes) {
        return new Hutchinson(probes);
    }

    /** See {@link #EXACT_HESSIAN}. */
    record ExactHessian() implements TraceMode {}

    /** See {@link #EXACT_COLUMNS}. */
    record ExactColumns() implements TraceMode {}

    /** See {@link #hutchinson(Probes)}. */
    record Hutchinson(Probes probes) implements TraceMode {
        public Hutchinson {
            if (probes == null) {
                throw new IllegalArgumentException("Hutchinson needs a probe set");
            }
        }
    }
}
