package dev.bellman.samplers.ode;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scope;
import dev.bellman.samplers.ControlCalls;
import dev.bellman.samplers.GenerativeGrid;
import dev.bellman.samplers.SampleResult;
import dev.bellman.samplers.Sampler;
import dev.bellman.samplers.SamplerConfig;
import dev.bellman.samplers.SamplerListener;
import dev.bellman.samplers.SamplerStep;

/**
 * The probability-flow ODE by Heun's method (explicit trapezoid, order 2) on the uniform τ-grid:
 * k₁ = F(τ, x), k₂ = F(τ + h, x + h k₁), x ← x + h(k₁ + k₂)/2; two evaluations a step.
 * Deterministic: the seed is unused.
 */
public final class HeunSampler implements Sampler {
    private final SamplerConfig config;

    public HeunSampler(SamplerConfig config) {
        this.config = config;
    }

    @Override
    public SamplerConfig config() {
        return config;
    }

    @Override
    public SampleResult integrate(ControlCalls calls, NDArray prior, long seed, SamplerListener listener) {
        long start = System.nanoTime();
        GenerativeGrid grid = GenerativeGrid.uniform(calls.sde(), config.steps());
        OdeFunction flow = ProbabilityFlow.generative(calls);
        long before = calls.evaluations();
        NDArray x = prior.duplicate();
        try (GradMode off = GradMode.disabled()) {
            int n = grid.steps();
            for (int k = 0; k < n; k++) {
                try (Scope scope = Scope.open()) {
                    double tau = grid.tau(k);
                    double h = grid.dtau(k);
                    NDArray k1 = flow.rate(tau, x);
                    NDArray k2 = flow.rate(tau + h, k1.mul(h).addi(x));
                    x.addi(k1.addi(k2).muli(h / 2));
                    listener.onStep(new SamplerStep(k, n, grid.tau(k + 1), h, calls.evaluations() - before, x));
                }
            }
        }
        return new SampleResult(x, grid.steps(), calls.evaluations() - before, (System.nanoTime() - start) * 1e-9);
    }
}
