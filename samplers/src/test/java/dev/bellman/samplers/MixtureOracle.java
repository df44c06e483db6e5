package dev.bellman.samplers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.VectorField;
import dev.bellman.data.mixture.GaussianMixture;
import dev.bellman.diffusion.ControlModel;
import dev.bellman.diffusion.sde.ForwardSde;

/**
 * Test stand-in for the exact mixture control: p_t is the mixture pushed forward by (m(t), s(t)²),
 * u* = g(t) ∇log p_t, in a handful of batched ops. Reads the time from the first row of t (the samplers give every row one time).
 */
final class MixtureOracle implements ControlModel {
    final ForwardSde sde;
    final GaussianMixture data;

    private final double std;
    private final ai.djl.ndarray.NDArray centres;
    private final ai.djl.ndarray.NDArray logWeights;

    /** For isotropic mixtures with one standard deviation (8gaussians, 25gaussians). */
    MixtureOracle(ForwardSde sde, GaussianMixture data, double std, ai.djl.ndarray.NDManager manager) {
        this.sde = sde;
        this.data = data;
        this.std = std;
        int k = data.components();
        double[] c = new double[k * data.dimension()];
        double[] lw = new double[k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(data.mean(i), 0, c, i * data.dimension(), data.dimension());
            lw[i] = Math.log(data.weights()[i]);
            double[][] cov = data.covariance(i);
            for (int a = 0; a < cov.length; a++) {
                if (Math.abs(cov[a][a] - std * std) > 1e-12 * std * std) {
                    throw new IllegalArgumentException("not isotropic with std " + std);
                }
            }
        }
        this.centres = manager.create(c, new Shape(k, data.dimension()));
        this.logWeights = manager.create(lw, new Shape(1, k));
    }

    /** The toy's mixture; its standard deviation read from the first covariance. */
    static MixtureOracle of(ForwardSde sde, GaussianMixture data, ai.djl.ndarray.NDManager manager) {
        return new MixtureOracle(sde, data, Math.sqrt(data.covariance(0)[0][0]), manager);
    }

    @Override
    public ForwardSde sde() {
        return sde;
    }

    @Override
    public Shape sampleShape() {
        return new Shape(data.dimension());
    }

    @Override
    public VectorField control() {
        return new VectorField() {
            @Override
            public int dim() {
                return data.dimension();
            }

            @Override
            public NDArray value(NDArray t, NDArray x) {
                double tf = t.toType(DataType.FLOAT64, false).getDouble(0, 0);
                double m = sde.meanScale(tf);
                double v = m * m * std * std + sde.variance(tf);
                // isotropic mixture: responsibilities by a softmax over −‖x − mμ_k‖²/(2v) + log w_k,
                // ∇log p_t = (Σ_k r_k m μ_k − x)/v
                NDArray c = centres.toType(x.getDataType(), false).mul(m); // (K, D)
                NDArray logits = x.matMul(c.transpose()).mul(1 / v)
                        .sub(c.square().sum(new int[] {1}).mul(0.5 / v).expandDims(0))
                        .add(logWeights.toType(x.getDataType(), false));
                NDArray r = logits.softmax(1);
                return r.matMul(c).sub(x).mul(sde.diffusion(tf) / v);
            }

            @Override
            public NDArray divergence(NDArray t, NDArray x, DivergenceMode mode) {
                throw new UnsupportedOperationException("not needed by these tests");
            }
        };
    }
}
