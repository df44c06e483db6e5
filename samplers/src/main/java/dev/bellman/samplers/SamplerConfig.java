package dev.bellman.samplers;

import dev.bellman.control.BadInputException;

/**
 * How to sample (DESIGN.md §1.5).
 *
 * @param kind the sampler
 * @param steps N, steps of the uniform τ-grid from 0 to T − ε (fixed-step samplers), ≥ 1
 * @param eta η ∈ [0, 1] of the {@link SamplerKind#EM} family: drift μ + (1 − η/2)Σu, noise √(1 − η)Σ
 * @param snr the Langevin corrector's signal-to-noise ratio r (Song et al. 2021, Alg. 5), &gt; 0
 * @param correctorSteps Langevin steps per predictor step of {@link SamplerKind#PC}, ≥ 0
 * @param rtol RK45 relative tolerance, &gt; 0
 * @param atol RK45 absolute tolerance, &gt; 0
 * @param timeInput how t_f reaches the network
 */
public record SamplerConfig(SamplerKind kind, int steps, double eta, double snr, int correctorSteps, double rtol,
        double atol, TimeInput timeInput) {
    public static final int DEFAULT_STEPS = 1000;
    public static final double DEFAULT_SNR = 0.16;
    public static final double DEFAULT_TOLERANCE = 1e-5;

    public SamplerConfig {
        if (kind == null || timeInput == null) {
            throw new BadInputException("a sampler needs a kind and a time input");
        }
        if (steps < 1) {
            throw new BadInputException("--steps must be at least 1, got " + steps);
        }
        if (!(eta >= 0 && eta <= 1)) {
            throw new BadInputException("--eta must be in [0, 1] (0: reverse SDE, 1: probability-flow ODE), got " + eta);
        }
        if (!(snr > 0) || !Double.isFinite(snr)) {
            throw new BadInputException("--snr must be positive, got " + snr);
        }
        if (correctorSteps < 0) {
            throw new BadInputException("corrector steps must be ≥ 0, got " + correctorSteps);
        }
        if (!(rtol > 0) || !(atol > 0) || !Double.isFinite(rtol) || !Double.isFinite(atol)) {
            throw new BadInputException("--rtol and --atol must be positive, got " + rtol + " and " + atol);
        }
    }

    /** 1,000 steps, η = 0, snr 0.16, one corrector step, rtol = atol = 1e-5, t per row. */
    public static SamplerConfig defaults(SamplerKind kind) {
        return new SamplerConfig(kind, DEFAULT_STEPS, 0.0, DEFAULT_SNR, 1, DEFAULT_TOLERANCE, DEFAULT_TOLERANCE,
                TimeInput.AUTO);
    }

    public SamplerConfig withSteps(int n) {
        return new SamplerConfig(kind, n, eta, snr, correctorSteps, rtol, atol, timeInput);
    }

    public SamplerConfig withEta(double e) {
        return new SamplerConfig(kind, steps, e, snr, correctorSteps, rtol, atol, timeInput);
    }

    public SamplerConfig withSnr(double r) {
        return new SamplerConfig(kind, steps, eta, r, correctorSteps, rtol, atol, timeInput);
    }

    public SamplerConfig withCorrectorSteps(int m) {
        return new SamplerConfig(kind, steps, eta, snr, m, rtol, atol, timeInput);
    }

    public SamplerConfig withTolerances(double r, double a) {
        return new SamplerConfig(kind, steps, eta, snr, correctorSteps, r, a, timeInput);
    }

    public SamplerConfig withTimeInput(TimeInput t) {
        return new SamplerConfig(kind, steps, eta, snr, correctorSteps, rtol, atol, t);
    }

    /** The sampler this configuration describes. */
    public Sampler create() {
        return kind.create(this);
    }
}
