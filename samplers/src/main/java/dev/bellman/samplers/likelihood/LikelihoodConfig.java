package dev.bellman.samplers.likelihood;

import dev.bellman.control.BadInputException;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.Probes;
import dev.bellman.samplers.SamplerConfig;
import dev.bellman.samplers.TimeInput;
import dev.bellman.samplers.ode.ErrorNorm;

/**
 * How to solve the augmented probability-flow ODE.
 *
 * @param rtol RK45 relative tolerance (&gt; 0; default 1e-5)
 * @param atol RK45 absolute tolerance (&gt; 0; default 1e-5)
 * @param divergence exact (small D) or Hutchinson with probes fixed for the whole solve (images)
 * @param batch rows per ODE solve (each chunk of the data is one solve with its own adaptive steps)
 * @param timeInput how t reaches the network
 * @param maxSteps step attempts before giving up
 * @param norm the step-acceptance norm: {@link ErrorNorm#WORST_ROW} by default, since log p(x) is a
 *     per-point quantity (with the sampler's batch RMS, one point of 1,000 on 25gaussians was off by
 *     2.3e-2 nats at rtol 1e-5 while the mean error was 1.4e-4: BENCHMARKS.md)
 */
public record LikelihoodConfig(double rtol, double atol, DivergenceMode divergence, int batch, TimeInput timeInput,
        int maxSteps, ErrorNorm norm) {
    /** Above this dimension the default divergence is Hutchinson's (exact costs D tangents a call). */
    public static final int EXACT_DIVERGENCE_MAX_DIM = 16;

    public LikelihoodConfig {
        if (!(rtol > 0) || !(atol > 0)) {
            throw new BadInputException("--rtol and --atol must be positive, got " + rtol + " and " + atol);
        }
        if (divergence == null || timeInput == null || norm == null) {
            throw new BadInputException("the likelihood needs a divergence mode, a time input and an error norm");
        }
        if (batch < 1 || maxSteps < 1) {
            throw new BadInputException("batch and step limit must be ≥ 1, got " + batch + " and " + maxSteps);
        }
    }

    /**
     * rtol = atol = 1e-5; exact divergence for D ≤ 16, otherwise Hutchinson with one Rademacher probe
     * per solve drawn from {@code seed} (Grathwohl et al. 2019; Song et al. 2021, App. D); batch 10,000;
     * every point's error controlled ({@link ErrorNorm#WORST_ROW}).
     */
    public static LikelihoodConfig defaults(int dim, long seed) {
        DivergenceMode mode = dim <= EXACT_DIVERGENCE_MAX_DIM ? DivergenceMode.EXACT
                : DivergenceMode.hutchinson(Probes.rademacher(1, dim, seed));
        return new LikelihoodConfig(SamplerConfig.DEFAULT_TOLERANCE, SamplerConfig.DEFAULT_TOLERANCE, mode, 10_000,
                TimeInput.AUTO, 100_000, ErrorNorm.WORST_ROW);
    }

    public LikelihoodConfig withTolerances(double r, double a) {
        return new LikelihoodConfig(r, a, divergence, batch, timeInput, maxSteps, norm);
    }

    public LikelihoodConfig withDivergence(DivergenceMode d) {
        return new LikelihoodConfig(rtol, atol, d, batch, timeInput, maxSteps, norm);
    }

    public LikelihoodConfig withBatch(int b) {
        return new LikelihoodConfig(rtol, atol, divergence, b, timeInput, maxSteps, norm);
    }

    public LikelihoodConfig withNorm(ErrorNorm n) {
        return new LikelihoodConfig(rtol, atol, divergence, batch, timeInput, maxSteps, n);
    }
}
