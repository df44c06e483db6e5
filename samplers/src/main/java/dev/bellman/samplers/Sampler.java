package dev.bellman.samplers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.random.StepRandom;
import dev.bellman.diffusion.ControlModel;

/**
 * Draws samples of a {@link ControlModel} by integrating in generative time τ from 0 (the prior
 * N(0, σ_p² I) standing in for p_T) to T − ε (DESIGN.md §1.5). The control is always called in
 * FORWARD time t_f = T − τ. Works the same with a trained network and with an exact control.
 *
 * <p>Memory: every step runs in its own {@link dev.bellman.control.engine.Scope} and the state is
 * updated in place or replaced by a kept array, so native memory stays flat over any number of
 * steps (DESIGN.md §3). Autograd recording is off while sampling.
 */
public interface Sampler {

    SamplerConfig config();

    /**
     * Integrates from a given prior draw.
     *
     * @param calls the model's control, counting evaluations
     * @param prior x at τ = 0 (n, D); not modified
     * @param seed the seed of the sampler's noise (engine-side draws re-seeded per step from it)
     * @param listener called after every accepted step
     * @return the samples in {@code prior}'s manager
     */
    SampleResult integrate(ControlCalls calls, NDArray prior, long seed, SamplerListener listener);

    /** Draws {@code n} prior samples (in the engine's precision) and integrates them; samples (n, D) in {@code manager}. */
    default SampleResult sample(ControlModel model, NDManager manager, int n, long seed, SamplerListener listener) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one sample, got " + n);
        }
        long start = System.nanoTime();
        NDArray prior;
        try (GradMode off = GradMode.disabled()) {
            StepRandom.of(seed).stream(0x9121L).forStep(0).seedEngine();
            prior = model.sde().samplePrior(manager, new Shape(n, model.dim()), BellmanEngine.current().dataType());
        }
        SampleResult r = integrate(new ControlCalls(model, config().timeInput()), prior, seed, listener);
        prior.close();
        return new SampleResult(r.samples(), r.steps(), r.evaluations(), (System.nanoTime() - start) * 1e-9);
    }

    /** As {@link #sample(ControlModel, NDManager, int, long, SamplerListener)} without a listener. */
    default SampleResult sample(ControlModel model, NDManager manager, int n, long seed) {
        return sample(model, manager, n, seed, SamplerListener.NONE);
    }
}
