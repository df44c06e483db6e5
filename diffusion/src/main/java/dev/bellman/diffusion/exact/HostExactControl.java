package dev.bellman.diffusion.exact;

import dev.bellman.control.field.HostVectorField;
import dev.bellman.diffusion.sde.ForwardSde;

/**
 * {@link ExactControl} on host arrays: u*(t_f, x) = g(t_f) ∇log p_{t_f}(x) for Gaussian-mixture data,
 * FORWARD time t_f, in float64. The same formulas as {@link MixtureLogDensity} in another order: at
 * each time the precision matrices S_k⁻¹ = Q_k diag(1/v_k) Q_kᵀ (v_k = m²λ_k + s²), the centres m μ_k and
 * the log-normalisers are formed once ({@link #at}), and a row then costs K(d² + 3d) multiply-adds and
 * K exponentials (K(3d) when every S_k is a multiple of I), computed over blocks of rows: g_k = −S_k⁻¹(x − mμ_k), logit_k = log w_k − ½(log det S_k + (x − mμ_k)·S_k⁻¹(x − mμ_k)
 * + d log 2π), responsibilities by a max-shifted softmax, ∇log p = Σ_k r_k g_k.
 */
final class HostExactControl implements HostVectorField {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final MixtureLogDensity logDensity;
    private final ForwardSde sde;
    private final int d;
    private final int k;

    HostExactControl(MixtureLogDensity logDensity) {
        this.logDensity = logDensity;
        this.sde = logDensity.sde();
        this.d = logDensity.dim();
        this.k = logDensity.components();
    }

    @Override
    public int dim() {
        return d;
    }

    /**
     * The same field: the same data mixture (the same instance) under an equal SDE. A rollout whose
     * control is an affine map of its target u* then evaluates u* once a step.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof HostExactControl h && h.logDensity.data() == logDensity.data() && h.sde.equals(sde);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(logDensity.data()) * 31 + sde.hashCode();
    }

    /** Whether every data covariance is a multiple of I (then so is every S_k, and g_k = −(x − mμ_k)/v_k). */
    private boolean isotropic() {
        double[] lambda = logDensity.eigenvaluesView();
        for (int c = 0; c < k; c++) {
            for (int j = 1; j < d; j++) {
                if (lambda[c * d + j] != lambda[c * d]) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public Slice at(double tf) {
        double m = sde.meanScale(tf);
        double s2 = sde.variance(tf);
        double g = sde.diffusion(tf);
        double[] lambda = logDensity.eigenvaluesView();
        double[] q = logDensity.eigenvectorsView();
        double[] mu = logDensity.meansView();
        double[] logW = logDensity.logWeightsView();
        double[] precision = new double[k * d * d]; // S_k⁻¹ row-major
        double[] centre = new double[k * d]; // m μ_k
        double[] constant = new double[k]; // log w_k − ½(log det S_k + d log 2π)
        double[] scalar = new double[k]; // 1/v_k when S_k = v_k I
        for (int c = 0; c < k; c++) {
            double logDet = 0;
            double[] inv = new double[d];
            for (int j = 0; j < d; j++) {
                double v = m * m * lambda[c * d + j] + s2;
                logDet += Math.log(v);
                inv[j] = 1.0 / v;
            }
            constant[c] = logW[c] - 0.5 * (logDet + d * LOG_2PI);
            scalar[c] = inv[0];
            for (int i = 0; i < d; i++) {
                centre[c * d + i] = m * mu[c * d + i];
                for (int l = 0; l < d; l++) {
                    double sum = 0;
                    for (int j = 0; j < d; j++) {
                        sum += q[(c * d + i) * d + j] * inv[j] * q[(c * d + l) * d + j];
                    }
                    precision[(c * d + i) * d + l] = sum;
                }
            }
        }
        boolean isotropic = isotropic();
        // Rows are transposed to coordinate-major blocks so that every inner loop runs over rows:
        // independent, unit-stride work the JIT vectorises (d and K are small, 2–5 and 3–25).
        return (x, out, from, to) -> {
            int n = to - from;
            double[] xs = new double[d * n]; // xs[i·n + r]
            for (int r = 0; r < n; r++) {
                for (int i = 0; i < d; i++) {
                    xs[i * n + r] = x[(from + r) * d + i];
                }
            }
            double[] delta = new double[d * n];
            double[] scores = new double[k * d * n]; // g_k, [(c·d + i)·n + r]
            double[] logits = new double[k * n];
            double[] quad = new double[n];
            for (int c = 0; c < k; c++) {
                int cd = c * d;
                for (int i = 0; i < d; i++) {
                    double centreI = centre[cd + i];
                    int o = i * n;
                    for (int r = 0; r < n; r++) {
                        delta[o + r] = xs[o + r] - centreI;
                    }
                }
                if (isotropic) { // S_k⁻¹ = (1/v) I: g_k = −δ/v
                    double inv = -scalar[c];
                    for (int i = 0; i < d; i++) {
                        int o = i * n;
                        int gi = (cd + i) * n;
                        for (int r = 0; r < n; r++) {
                            scores[gi + r] = inv * delta[o + r];
                        }
                    }
                } else { // g_k = −S_k⁻¹δ, S_k⁻¹ symmetric: column l scaled by δ_l
                    for (int i = 0; i < d; i++) {
                        int gi = (cd + i) * n;
                        for (int l = 0; l < d; l++) {
                            double p = -precision[(cd + l) * d + i];
                            int o = l * n;
                            for (int r = 0; r < n; r++) {
                                scores[gi + r] += p * delta[o + r];
                            }
                        }
                    }
                }
                java.util.Arrays.fill(quad, 0.0);
                for (int i = 0; i < d; i++) {
                    int o = i * n;
                    int gi = (cd + i) * n;
                    for (int r = 0; r < n; r++) {
                        quad[r] -= scores[gi + r] * delta[o + r];
                    }
                }
                double constantC = constant[c];
                for (int r = 0; r < n; r++) {
                    logits[c * n + r] = constantC - 0.5 * quad[r];
                }
            }
            for (int r = 0; r < n; r++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    max = Math.max(max, logits[c * n + r]);
                }
                double total = 0;
                for (int c = 0; c < k; c++) {
                    double e = Math.exp(logits[c * n + r] - max);
                    logits[c * n + r] = e;
                    total += e;
                }
                quad[r] = g / total; // reused: the factor g(t_f)/Σ_k e_k of row r
            }
            for (int i = 0; i < d; i++) {
                for (int r = 0; r < n; r++) {
                    double sum = 0;
                    for (int c = 0; c < k; c++) {
                        sum += logits[c * n + r] * scores[(c * d + i) * n + r];
                    }
                    out[(from + r) * d + i] = quad[r] * sum;
                }
            }
        };
    }
}
