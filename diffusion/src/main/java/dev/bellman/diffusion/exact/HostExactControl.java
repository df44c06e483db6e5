package dev.bellman.diffusion.exact;

import dev.bellman.control.field.HostVectorField;
import dev.bellman.diffusion.sde.ForwardSde;

/**
 * {@link ExactControl} on host arrays: u*(t_f, x) = g(t_f) ∇log p_{t_f}(x) for Gaussian-mixture data,
 * FORWARD time t_f, in float64. The same formulas as {@link MixtureLogDensity} in another order: at
 * each time the precision matrices S_k⁻¹ = Q_k diag(1/v_k) Q_kᵀ (v_k = m²λ_k + s²), the centres m μ_k and
 * the log-normalisers are formed once ({@link #at}), and a row then costs K(d² + 3d) multiply-adds and
 * K exponentials: g_k = −S_k⁻¹(x − mμ_k), logit_k = log w_k − ½(log det S_k + (x − mμ_k)·S_k⁻¹(x − mμ_k)
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
        for (int c = 0; c < k; c++) {
            double logDet = 0;
            double[] inv = new double[d];
            for (int j = 0; j < d; j++) {
                double v = m * m * lambda[c * d + j] + s2;
                logDet += Math.log(v);
                inv[j] = 1.0 / v;
            }
            constant[c] = logW[c] - 0.5 * (logDet + d * LOG_2PI);
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
        return (x, out, from, to) -> {
            double[] delta = new double[d];
            double[] scores = new double[k * d]; // g_k
            double[] logits = new double[k];
            for (int row = from; row < to; row++) {
                int base = row * d;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    for (int i = 0; i < d; i++) {
                        delta[i] = x[base + i] - centre[c * d + i];
                    }
                    double quad = 0;
                    for (int i = 0; i < d; i++) {
                        double sum = 0;
                        int p = (c * d + i) * d;
                        for (int l = 0; l < d; l++) {
                            sum += precision[p + l] * delta[l];
                        }
                        scores[c * d + i] = -sum;
                        quad += sum * delta[i];
                    }
                    logits[c] = constant[c] - 0.5 * quad;
                    max = Math.max(max, logits[c]);
                }
                double total = 0;
                for (int c = 0; c < k; c++) {
                    logits[c] = Math.exp(logits[c] - max);
                    total += logits[c];
                }
                double scale = g / total;
                for (int i = 0; i < d; i++) {
                    double sum = 0;
                    for (int c = 0; c < k; c++) {
                        sum += logits[c] * scores[c * d + i];
                    }
                    out[base + i] = scale * sum;
                }
            }
        };
    }
}
