package dev.bellman.control.finite;

/**
 * Functions φ₁ … φ_q of the squared radius s = ‖x‖² ≥ 0 with their first and second derivatives in s:
 * the state half of the radial space-time value F(t, s) = Σ θ_{kl} T_k(t) φ_l(s) ({@link RadialValue}) and
 * of the equivariant feedback h(t, s) x ({@link EquivariantPolicy}) of a rotation-invariant problem
 * ({@link Symmetry#ROTATION}). Working in s rather than r = ‖x‖ keeps every function smooth at the origin.
 * Host-side, double precision, one s at a time.
 */
public interface RadialBasis {

    /** q. */
    int size();

    /**
     * φ_l(s) into {@code value} (q); when not null, φ_l'(s) into {@code first} and φ_l''(s) into
     * {@code second} (q each).
     */
    void evaluate(double s, double[] value, double[] first, double[] second);

    /**
     * Chebyshev polynomials T_l(ξ), l = 0..p, of the log-radius ξ(s) = 2 ln(1 + s/c)/ln(1 + s_max/c) − 1
     * (ξ ∈ [−1, 1] on [0, s_max]), times (c + s)^{−k}; see {@link LogChebyshev}.
     *
     * @param degree p ≥ 0
     * @param scale c &gt; 0
     * @param sMax s_max &gt; 0
     * @param power k ≥ 0
     */
    static RadialBasis logChebyshev(int degree, double scale, double sMax, int power) {
        return new LogChebyshev(degree, scale, sMax, power);
    }

    /**
     * φ_l(s) = T_l(ξ(s)) (c + s)^{−k} with ξ(s) = 2 ln(1 + s/c)/ln(1 + s_max/c) − 1.
     *
     * <p>Why a logarithmic map: a value that grows like ln s at large radii (a terminal reward such as
     * ln((1 + ‖x‖²)/2), or any value of a problem whose states spread diffusively over [0, s_max] from
     * near the origin) is nearly linear in ln(1 + s/c), and the map also resolves the small radii where the
     * values are reported, whereas polynomials in s itself converge slowly on [0, s_max] when s_max ≫ c
     * (Boyd, Chebyshev and Fourier Spectral Methods, 2001, ch. 17, on mapped Chebyshev bases for
     * semi-infinite intervals). k = 0 is the value basis; with k = 1 the basis spans the s-derivatives of
     * the k = 0 basis of one degree more: φ_l'(s) = T_l'(ξ) ξ'(s) and ξ'(s) = 2/(ln(1 + s_max/c)(c + s)),
     * so the greedy feedback of a radial value, proportional to F_s, lies in it exactly.
     *
     * @param degree p ≥ 0
     * @param scale c &gt; 0
     * @param sMax s_max &gt; 0
     * @param power k ≥ 0
     */
    record LogChebyshev(int degree, double scale, double sMax, int power) implements RadialBasis {
        public LogChebyshev {
            if (degree < 0 || degree > 60 || !(scale > 0) || !(sMax > 0) || !Double.isFinite(sMax) || power < 0) {
                throw new IllegalArgumentException("log-Chebyshev basis needs degree in [0, 60], c > 0, finite s_max > 0,"
                        + " power ≥ 0; got " + degree + ", " + scale + ", " + sMax + ", " + power);
            }
        }

        @Override
        public int size() {
            return degree + 1;
        }

        @Override
        public void evaluate(double s, double[] value, double[] first, double[] second) {
            int q = degree + 1;
            double span = Math.log1p(sMax / scale);
            double cs = scale + s;
            double xi = 2 * Math.log1p(s / scale) / span - 1;
            double dxi = 2 / (span * cs); // ξ'(s)
            double ddxi = -dxi / cs; // ξ''(s)
            if (first == null && second == null) {
                // values only (policies along paths): the recurrence in place, no derivatives
                double w = power == 0 ? 1 : Math.pow(cs, -power);
                double prev = 1;
                double cur = xi;
                value[0] = w;
                for (int l = 1; l < q; l++) {
                    value[l] = cur * w;
                    double next = 2 * xi * cur - prev;
                    prev = cur;
                    cur = next;
                }
                return;
            }
            // T_l, T_l', T_l'' in ξ by the three-term recurrence and its derivatives
            double[] p0 = new double[q];
            double[] p1 = new double[q];
            double[] p2 = new double[q];
            p0[0] = 1;
            if (degree >= 1) {
                p0[1] = xi;
                p1[1] = 1;
            }
            for (int l = 1; l < degree; l++) {
                p0[l + 1] = 2 * xi * p0[l] - p0[l - 1];
                p1[l + 1] = 2 * p0[l] + 2 * xi * p1[l] - p1[l - 1];
                p2[l + 1] = 4 * p1[l] + 2 * xi * p2[l] - p2[l - 1];
            }
            // the weight w = (c + s)^{-k} and its derivatives
            double w = Math.pow(cs, -power);
            double dw = -power * w / cs;
            double ddw = power * (power + 1.0) * w / (cs * cs);
            for (int l = 0; l < q; l++) {
                double f = p0[l];
                double df = p1[l] * dxi;
                double ddf = p2[l] * dxi * dxi + p1[l] * ddxi;
                value[l] = f * w;
                if (first != null) {
                    first[l] = df * w + f * dw;
                }
                if (second != null) {
                    second[l] = ddf * w + 2 * df * dw + f * ddw;
                }
            }
        }
    }
}
