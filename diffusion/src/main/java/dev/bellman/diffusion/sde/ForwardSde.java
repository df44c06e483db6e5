package dev.bellman.diffusion.sde;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.Scalars;

/**
 * A linear forward (noising) SDE on t ∈ [0, T], dY_t = a(t) Y_t dt + g(t) dB_t, whose transition is
 * Gaussian: Y_t | Y_0 ~ N(m(t) Y_0, s(t)² I) (DESIGN.md §1.4; Song et al., "Score-Based Generative
 * Modeling through Stochastic Differential Equations", ICLR 2021, Appendix B).
 *
 * <p>Time here is always forward diffusion time t_f; the generative time τ = T − t_f is introduced
 * only by the reverse-time controlled SDE. Scalar methods take a double t; the batched methods take
 * {@code t} (B, 1) and return (B, 1), allocated in {@code t}'s manager.
 */
public interface ForwardSde {
    /** The horizon T. */
    double horizon();

    /** The smallest time used in training and sampling (t ~ U(ε, T); sampling stops at τ = T − ε). */
    double epsilon();

    /** a(t): the drift is f(y, t) = a(t) y. */
    double driftRate(double t);

    /** g(t), the diffusion coefficient. */
    double diffusion(double t);

    /** m(t), the mean scale of the transition. */
    double meanScale(double t);

    /** s(t)², the variance of the transition. */
    double variance(double t);

    /** s(t). */
    default double std(double t) {
        return Math.sqrt(variance(t));
    }

    /** Standard deviation of the prior N(0, σ_p² I) that stands in for p_T. */
    double priorStd();

    /** a(t) for {@code t} (B, 1). */
    NDArray driftRate(NDArray t);

    /** g(t) for {@code t} (B, 1). */
    NDArray diffusion(NDArray t);

    /** m(t) for {@code t} (B, 1). */
    NDArray meanScale(NDArray t);

    /** s(t) for {@code t} (B, 1). */
    NDArray std(NDArray t);

    /** f(y, t) = a(t) y for {@code y} (B, d), {@code t} (B, 1). */
    default NDArray drift(NDArray y, NDArray t) {
        return driftRate(t).mul(y);
    }

    /** Draws (n, dims...) from the prior N(0, σ_p² I) with the engine's generator (seed it per step). */
    default NDArray samplePrior(NDManager manager, Shape shape, DataType dataType) {
        return manager.randomNormal(0f, (float) priorStd(), shape, dataType);
    }

    /** log N(x; 0, σ_p² I) summed over all but the batch axis: {@code x} (B, ...) → (B, 1). */
    default NDArray priorLogDensity(NDArray x) {
        long dim = x.getShape().size() / x.getShape().get(0);
        double sp = priorStd();
        double constant = -0.5 * dim * Math.log(2 * Math.PI * sp * sp);
        NDArray flat = x.reshape(x.getShape().get(0), -1);
        return Scalars.mul(flat.square().sum(new int[] {1}, true), -0.5 / (sp * sp)).add(constant);
    }
}
