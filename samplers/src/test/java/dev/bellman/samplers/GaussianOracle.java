package dev.bellman.samplers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.VectorField;
import dev.bellman.diffusion.ControlModel;
import dev.bellman.diffusion.sde.ForwardSde;

/**
 * Closed-form test model: data N(μ, σ²I) under a linear SDE has p_t = N(m μ, v I), v = m²σ² + s²,
 * so u* = g ∇log p_t = −g (x − m μ)/v, ∇·u* = −g D / v, and the probability-flow ODE maps x_T to
 * x_t = m_t μ + √(v_t/v_T)(x_T − m_T μ) (each coordinate's standardised value is conserved).
 */
final class GaussianOracle implements ControlModel {
    final ForwardSde sde;
    final double[] mu;
    final double sigma2;

    GaussianOracle(ForwardSde sde, double[] mu, double sigma2) {
        this.sde = sde;
        this.mu = mu.clone();
        this.sigma2 = sigma2;
    }

    double mean(double t, int i) {
        return sde.meanScale(t) * mu[i];
    }

    double variance(double t) {
        double m = sde.meanScale(t);
        return m * m * sigma2 + sde.variance(t);
    }

    /** log p_t(x) for one point. */
    double logDensity(double t, double[] x) {
        double v = variance(t);
        double q = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - mean(t, i);
            q += d * d;
        }
        return -0.5 * q / v - 0.5 * x.length * Math.log(2 * Math.PI * v);
    }

    /** Draws (n, D) from p_t in float64. */
    NDArray sample(NDManager manager, double t, int n, java.util.Random rng) {
        double sd = Math.sqrt(variance(t));
        double[] out = new double[n * mu.length];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < mu.length; i++) {
                out[r * mu.length + i] = mean(t, i) + sd * rng.nextGaussian();
            }
        }
        return manager.create(out, new Shape(n, mu.length));
    }

    @Override
    public ForwardSde sde() {
        return sde;
    }

    @Override
    public Shape sampleShape() {
        return new Shape(mu.length);
    }

    @Override
    public VectorField control() {
        return new VectorField() {
            @Override
            public int dim() {
                return mu.length;
            }

            @Override
            public NDArray value(NDArray t, NDArray x) {
                NDArray td = t.toType(DataType.FLOAT64, false);
                NDArray m = sde.meanScale(td);
                NDArray v = m.square().mul(sigma2).add(sde.std(td).square());
                NDArray g = sde.diffusion(td);
                NDArray muRow = x.getManager().create(mu, new Shape(1, mu.length));
                NDArray u = x.toType(DataType.FLOAT64, false).sub(m.mul(muRow)).mul(g).div(v).neg();
                return u.toType(x.getDataType(), false);
            }

            @Override
            public NDArray divergence(NDArray t, NDArray x, DivergenceMode mode) {
                NDArray td = t.toType(DataType.FLOAT64, false);
                NDArray v = sde.meanScale(td).square().mul(sigma2).add(sde.std(td).square());
                NDArray div = sde.diffusion(td).div(v).mul(-mu.length);
                return x.getManager().ones(new Shape(x.getShape().get(0), 1), DataType.FLOAT64).mul(div)
                        .toType(x.getDataType(), false);
            }
        };
    }
}
