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
 * u* = g(t) ∇log p_t. Reads the time from the first row of t (the samplers give every row one time).
 */
final class MixtureOracle implements ControlModel {
    final ForwardSde sde;
    final GaussianMixture data;

    MixtureOracle(ForwardSde sde, GaussianMixture data) {
        this.sde = sde;
        this.data = data;
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
                return data.pushForward(m, sde.variance(tf)).score(x).mul(sde.diffusion(tf));
            }

            @Override
            public NDArray divergence(NDArray t, NDArray x, DivergenceMode mode) {
                throw new UnsupportedOperationException("not needed by these tests");
            }
        };
    }
}
