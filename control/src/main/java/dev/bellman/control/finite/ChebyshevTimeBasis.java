package dev.bellman.control.finite;

/**
 * Chebyshev polynomials T₀ … T_p of the first kind in the rescaled time s = 2t/T − 1 ∈ [−1, 1]: the
 * time basis of the space-time least-squares value and policy (a smooth function of t on [0, T] such as
 * the Riccati solution P(t) is approximated by them with geometric convergence in p; Trefethen,
 * Approximation Theory and Approximation Practice, ch. 8). Host-side, double precision.
 *
 * @param degree p ≥ 0
 * @param horizon T &gt; 0
 */
public record ChebyshevTimeBasis(int degree, double horizon) {
    public ChebyshevTimeBasis {
        if (degree < 0 || !(horizon > 0)) {
            throw new IllegalArgumentException("degree must be ≥ 0 and the horizon > 0, got " + degree + ", " + horizon);
        }
    }

    /** p + 1. */
    public int size() {
        return degree + 1;
    }

    /** T_k(s(t)), k = 0..p, into {@code out} (p + 1). */
    public void values(double t, double[] out) {
        double s = 2 * t / horizon - 1;
        out[0] = 1;
        if (degree >= 1) {
            out[1] = s;
        }
        for (int k = 2; k <= degree; k++) {
            out[k] = 2 * s * out[k - 1] - out[k - 2];
        }
    }

    /** d/dt T_k(s(t)) = (2/T)·k·U_{k−1}(s), k = 0..p, into {@code out} (p + 1). */
    public void timeDerivatives(double t, double[] out) {
        double s = 2 * t / horizon - 1;
        out[0] = 0;
        double uPrev = 0; // U_{-1}
        double u = 1; // U_0
        for (int k = 1; k <= degree; k++) {
            out[k] = 2 / horizon * k * u;
            double next = 2 * s * u - uPrev;
            uPrev = u;
            u = next;
        }
    }
}
