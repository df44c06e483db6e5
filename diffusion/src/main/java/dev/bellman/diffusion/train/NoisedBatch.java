package dev.bellman.diffusion.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.data.DataSource;
import dev.bellman.data.HostArrays;
import dev.bellman.diffusion.sde.ForwardSde;
import java.util.random.RandomGenerator;

/**
 * One denoising-score-matching batch, assembled on the Java side in double precision and moved to
 * the engine in ONE native call: per row [x_t (D) | t | a | b·z (D)] with
 * t ~ U(ε, T), x_0 ~ data, z ~ N(0, I), x_t = m(t) x_0 + s(t) z, and the residual factors a, b of
 * {@link Weighting#residualFactors} scaled by 1/√B, so that the loss is just Σ (a·u_θ + b·z)² — the
 * batch mean of λ‖u_θ + g z/s‖² (the 1/B folded into the factors saves a native op per step).
 *
 * <p>Every number comes from the step's generator, so the batch of step k is a function of
 * (seed, k) alone.
 */
final class NoisedBatch {
    private final DataSource data;
    private final ForwardSde sde;
    private final Weighting weighting;
    private final int batch;
    private final int dim;
    private final int width;
    private final double[] host;

    NoisedBatch(DataSource data, ForwardSde sde, Weighting weighting, int batch, int dim) {
        this.data = data;
        this.sde = sde;
        this.weighting = weighting;
        this.batch = batch;
        this.dim = dim;
        this.width = 2 * dim + 2;
        this.host = new double[batch * width];
    }

    /**
     * The arrays of one step: x_t (B, D), t (B, 1), a (B, 1), b·z (B, D), views of one packed array;
     * and Σ(b·z)², the batch's loss under the zero control u ≡ 0 (the baseline of {@link DivergencePolicy}).
     */
    record Arrays(NDArray xt, NDArray t, NDArray a, NDArray bz, double zeroControlLoss) {}

    Arrays draw(NDManager manager, DataType type, RandomGenerator rng) {
        double zeroControlLoss = fill(manager, rng);
        NDArray packed = HostArrays.toNDArray(manager, host, new Shape(batch, width), type);
        NDList cols = packed.split(new long[] {dim, dim + 1, dim + 2}, 1);
        return new Arrays(cols.get(0), cols.get(1), cols.get(2), cols.get(3), zeroControlLoss);
    }

    /**
     * The same batch left on the Java side ({@link HostTraining}): rows [x_t (D) | t | a | b·z (D)] in
     * {@link #packed()}; returns Σ(b·z)².
     */
    double drawHost(NDManager manager, RandomGenerator rng) {
        return fill(manager, rng);
    }

    /** The packed rows of the last draw (B, 2D + 2), live. */
    double[] packed() {
        return host;
    }

    /** Fills the packed rows from the step's generator; returns Σ(b·z)². */
    private double fill(NDManager manager, RandomGenerator rng) {
        double[] x0 = data instanceof DataSource.Infinite inf ? inf.law().sampleFlat(batch, rng)
                : HostArrays.toDoubles(data.sample(manager, DataType.FLOAT64, batch, rng));
        double eps = sde.epsilon();
        double span = sde.horizon() - eps;
        double scale = 1.0 / Math.sqrt(batch);
        double zeroControlLoss = 0;
        for (int i = 0; i < batch; i++) {
            double t = eps + span * rng.nextDouble();
            double m = sde.meanScale(t);
            double s = sde.std(t);
            double[] ab = weighting.residualFactors(sde, t);
            double a = ab[0] * scale;
            double b = ab[1] * scale;
            int row = i * width;
            int src = i * dim;
            for (int j = 0; j < dim; j++) {
                double z = rng.nextGaussian();
                host[row + j] = m * x0[src + j] + s * z;
                host[row + dim + 2 + j] = b * z;
                zeroControlLoss += (b * z) * (b * z);
            }
            host[row + dim] = t;
            host[row + dim + 1] = a;
        }
        return zeroControlLoss;
    }
}
