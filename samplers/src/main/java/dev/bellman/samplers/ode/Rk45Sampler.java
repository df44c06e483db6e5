package dev.bellman.samplers.ode;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.engine.GradMode;
import dev.bellman.samplers.ControlCalls;
import dev.bellman.samplers.SampleResult;
import dev.bellman.samplers.Sampler;
import dev.bellman.samplers.SamplerConfig;
import dev.bellman.samplers.SamplerListener;
import dev.bellman.samplers.SamplerStep;

/**
 * The probability-flow ODE from τ = 0 to T − ε by adaptive {@link DormandPrince} RK45 with
 * rtol/atol from the configuration (1e-5 by default, as Song et al. 2021); NFE is reported.
 * {@code steps} of the configuration bounds the number of step attempts (at least 10,000).
 * Deterministic: the seed is unused.
 */
public final class Rk45Sampler implements Sampler {
    private final SamplerConfig config;

    public Rk45Sampler(SamplerConfig config) {
        this.config = config;
    }

    @Override
    public SamplerConfig config() {
        return config;
    }

    @Override
    public SampleResult integrate(ControlCalls calls, NDArray prior, long seed, SamplerListener listener) {
        long start = System.nanoTime();
        DormandPrince solver = new DormandPrince(config.rtol(), config.atol(), Math.max(10_000, config.steps()));
        double end = calls.sde().horizon() - calls.sde().epsilon();
        long before = calls.evaluations();
        OdeSolution sol;
        try (GradMode off = GradMode.disabled()) {
            sol = solver.solve(ProbabilityFlow.generative(calls), 0.0, end, prior,
                    (i, s, h, e, y) -> listener.onStep(new SamplerStep(i, -1, s, h, calls.evaluations() - before, y)));
        }
        return new SampleResult(sol.state(), sol.acceptedSteps(), calls.evaluations() - before, (System.nanoTime() - start) * 1e-9);
    }
}
