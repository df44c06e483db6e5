package dev.bellman.samplers.sde;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.random.StepRandom;
import dev.bellman.samplers.ControlCalls;
import dev.bellman.samplers.GenerativeGrid;
import dev.bellman.samplers.SampleResult;
import dev.bellman.samplers.Sampler;
import dev.bellman.samplers.SamplerConfig;
import dev.bellman.samplers.SamplerListener;
import dev.bellman.samplers.SamplerStep;

/**
 * Predictor–corrector sampling (Song et al. 2021, Alg. 1): on the uniform τ-grid, at every grid
 * point the corrector's Langevin steps at t = T − τ_k, then the predictor's step to τ_{k+1}; the
 * last predictor step adds no noise. Without a corrector this is the plain predictor sampler
 * (reverse-diffusion or ancestral).
 */
public final class PredictorCorrectorSampler implements Sampler {
    private final SamplerConfig config;
    private final Predictor predictor;
    private final Corrector corrector;

    /** @param corrector null for none */
    public PredictorCorrectorSampler(SamplerConfig config, Predictor predictor, Corrector corrector) {
        this.config = config;
        this.predictor = predictor;
        this.corrector = corrector;
    }

    @Override
    public SamplerConfig config() {
        return config;
    }

    @Override
    public SampleResult integrate(ControlCalls calls, NDArray prior, long seed, SamplerListener listener) {
        predictor.check(calls.sde());
        long start = System.nanoTime();
        GenerativeGrid grid = GenerativeGrid.uniform(calls.sde(), config.steps());
        StepRandom noise = StepRandom.of(seed);
        long before = calls.evaluations();
        NDArray x = prior.duplicate();
        try (GradMode off = GradMode.disabled()) {
            int n = grid.steps();
            for (int k = 0; k < n; k++) {
                try (Scope scope = Scope.open()) {
                    noise.forStep(k).seedEngine();
                    double tau = grid.tau(k);
                    double next = grid.tau(k + 1);
                    NDArray y = x;
                    if (corrector != null) {
                        y = corrector.correct(calls, y, tau, next);
                    }
                    y = predictor.step(calls, y, tau, next, k < n - 1);
                    if (y != x) {
                        x.close();
                        x = scope.keep(y);
                    }
                    listener.onStep(new SamplerStep(k, n, next, next - tau, calls.evaluations() - before, x));
                }
            }
        }
        return new SampleResult(x, grid.steps(), calls.evaluations() - before, (System.nanoTime() - start) * 1e-9);
    }
}
