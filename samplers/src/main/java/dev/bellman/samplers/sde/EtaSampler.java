package dev.bellman.samplers.sde;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.random.StepRandom;
import dev.bellman.diffusion.sde.ForwardSde;
import dev.bellman.samplers.ControlCalls;
import dev.bellman.samplers.GenerativeGrid;
import dev.bellman.samplers.SampleResult;
import dev.bellman.samplers.Sampler;
import dev.bellman.samplers.SamplerConfig;
import dev.bellman.samplers.SamplerListener;
import dev.bellman.samplers.SamplerStep;

/**
 * Euler–Maruyama on the η-family of generative SDEs (DESIGN.md §1.5):
 *
 * <pre>  dX = (μ + (1 − η/2) Σ u) dτ + √(1 − η) Σ dW,   μ = −a(T − τ) x,  Σ = g(T − τ),</pre>
 *
 * all of which have the marginals p_{T−τ} when u = u* (the Fokker–Planck equations agree: the
 * −(η/2)Σu = −(η/2)Σ² s drift removes exactly the diffusion that the smaller noise no longer
 * supplies). η = 0 is the controlled reverse SDE of §1.4, η = 1 the probability-flow ODE (Euler).
 *
 * <p>One step, with every coefficient a per-step scalar:
 * x ← (1 − a h) x + (1 − η/2) g h u(t_f, x) + √(1 − η) g √h z, no noise on the last step.
 * Speed: one network call, one noise draw and three in-place updates per step (DESIGN.md §3).
 */
public final class EtaSampler implements Sampler {
    private final SamplerConfig config;

    public EtaSampler(SamplerConfig config) {
        this.config = config;
    }

    @Override
    public SamplerConfig config() {
        return config;
    }

    @Override
    public SampleResult integrate(ControlCalls calls, NDArray prior, long seed, SamplerListener listener) {
        long start = System.nanoTime();
        ForwardSde sde = calls.sde();
        GenerativeGrid grid = GenerativeGrid.uniform(sde, config.steps());
        double eta = config.eta();
        StepRandom noise = StepRandom.of(seed);
        long before = calls.evaluations();
        NDArray x = prior.duplicate();
        try (GradMode off = GradMode.disabled()) {
            int n = grid.steps();
            for (int k = 0; k < n; k++) {
                try (Scope scope = Scope.open()) {
                    double tf = grid.forwardTime(k);
                    double h = grid.dtau(k);
                    double a = sde.driftRate(tf);
                    double g = sde.diffusion(tf);
                    NDArray u = calls.control(tf, x);
                    NDArray push = u.mul((1 - eta / 2) * g * h);
                    x.muli(1 - a * h).addi(push);
                    double noiseStd = Math.sqrt((1 - eta) * h) * g;
                    if (k < n - 1 && noiseStd > 0) {
                        noise.forStep(k).seedEngine();
                        x.addi(x.getManager().randomNormal(0f, (float) noiseStd, x.getShape(), x.getDataType()));
                    }
                    listener.onStep(new SamplerStep(k, n, grid.tau(k + 1), h, calls.evaluations() - before, x));
                }
            }
        }
        return new SampleResult(x, grid.steps(), calls.evaluations() - before, (System.nanoTime() - start) * 1e-9);
    }
}
