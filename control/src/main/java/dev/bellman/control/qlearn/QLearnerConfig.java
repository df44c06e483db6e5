package dev.bellman.control.qlearn;

import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.Precision;
import java.util.List;

/**
 * The settings of a continuous-time Q-learning run (DESIGN.md §1.2).
 *
 * @param dt Δt &gt; 0 of the online transitions (offline runs take Δt from the log)
 * @param steps gradient steps ≥ 1
 * @param batch transitions per gradient step
 * @param collectPerStep new transitions collected from the environment per step (online), ≥ 1
 * @param bufferCapacity replay capacity in transitions (online)
 * @param episodeTime mean time between resets of a collecting walker to the start distribution (a walker
 *     resets with probability 1 − e^{−Δt/T} per step, so episodes last the same TIME whatever Δt)
 * @param hidden hidden widths of the value, mean and curvature networks (tanh)
 * @param valueLearningRate peak Adam rate of V_φ
 * @param advantageLearningRate peak Adam rate of q̃'s networks (the actor μ and the curvature L)
 * @param finalLearningRateFraction the cosine schedule's floor as a fraction of the peak
 * @param polyak τ ∈ (0, 1]: the target network moves θ̄ ← (1 − τ)θ̄ + τθ each step (1: no lag)
 * @param evaluationAverage decay of the parameter average (Polyak–Ruppert EMA) reported at the end, in [0, 1)
 * @param exploration the behaviour noise (online)
 * @param precision float32 or float64 networks
 * @param headEvery the value head is re-solved by LSTD every this many steps (≥ 1; {@link LeastSquaresTd})
 * @param headSample transitions drawn from the replay buffer for each LSTD solve (≥ 1; all of it if smaller)
 * @param initialAction where the actor starts (action units), or null for the zero centre (a = 0, or 1 in a log
 *     coordinate); it applies to the log coordinates of a general structure and to every coordinate of a homogeneous
 *     one. Policy iteration needs an ADMISSIBLE start, one of finite value (DESIGN.md §1.3): a Merton actor (π, k) has
 *     one only when ρ − (1−γ)(r_f + π(μ − r_f) − k − ½γσ²π²) &gt; 0, which the zero centre (π = 0, k = 1) violates
 *     for γ = 2, and the evaluation of an actor of infinite value is meaningless
 * @param seed the run's seed (weights, exploration, environment noise, replay sampling)
 */
public record QLearnerConfig(double dt, int steps, int batch, int collectPerStep, int bufferCapacity, double episodeTime,
        List<Integer> hidden, double valueLearningRate, double advantageLearningRate, double finalLearningRateFraction,
        double polyak, double evaluationAverage, Exploration exploration, Precision precision, int headEvery, int headSample,
        double[] initialAction, long seed) {
    public QLearnerConfig {
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new BadInputException("dt must be a finite number > 0, got " + dt);
        }
        if (steps < 1) {
            throw new BadInputException("steps must be ≥ 1, got " + steps);
        }
        if (batch < 1 || collectPerStep < 1 || bufferCapacity < batch) {
            throw new BadInputException("batch and collect-per-step must be ≥ 1 and the buffer must hold a batch");
        }
        if (!(episodeTime > 0)) {
            throw new BadInputException("episode time must be > 0, got " + episodeTime);
        }
        if (hidden == null || hidden.isEmpty()) {
            throw new BadInputException("networks need at least one hidden layer");
        }
        if (!(valueLearningRate > 0) || !(advantageLearningRate > 0) || !(finalLearningRateFraction > 0 && finalLearningRateFraction <= 1)) {
            throw new BadInputException("learning rates must be > 0 and the final fraction in (0, 1]");
        }
        if (!(polyak > 0 && polyak <= 1)) {
            throw new BadInputException("polyak must be in (0, 1], got " + polyak);
        }
        if (!(evaluationAverage >= 0 && evaluationAverage < 1)) {
            throw new BadInputException("evaluation average must be in [0, 1), got " + evaluationAverage);
        }
        if (exploration == null || precision == null) {
            throw new BadInputException("exploration and precision must be given");
        }
        if (headEvery < 1 || headSample < 1) {
            throw new BadInputException("head-every and head-sample must be ≥ 1");
        }
        if (initialAction != null) {
            if (initialAction.length != exploration.initial().length) {
                throw new BadInputException("initial action has " + initialAction.length + " entries for "
                        + exploration.initial().length + " actions");
            }
            for (double v : initialAction) {
                if (!Double.isFinite(v)) {
                    throw new BadInputException("initial action entries must be finite");
                }
            }
            initialAction = initialAction.clone();
        }
        hidden = List.copyOf(hidden);
    }

    /**
     * Defaults for the reference problems: replay batch 1024 with 1024 new transitions a step, 64-64 tanh
     * networks, Adam 1e-3 with a cosine decay to 2 %, τ = 0.1, float64. (A batch of 4096 was measured to
     * cost about four times as much per step on 2 shared cores: the step is compute-bound there, not
     * overhead-bound.)
     */
    public static QLearnerConfig of(double dt, int steps, Exploration exploration, long seed) {
        return new QLearnerConfig(dt, steps, 1024, 1024, 1 << 18, 0.2, List.of(64, 64), 1e-3, 1e-3, 0.02, 0.1, 0.999,
                exploration, Precision.FLOAT64, 50, 1 << 14, null, seed);
    }

    public QLearnerConfig withDt(double h) {
        return new QLearnerConfig(h, steps, batch, collectPerStep, bufferCapacity, episodeTime, hidden, valueLearningRate,
                advantageLearningRate, finalLearningRateFraction, polyak, evaluationAverage, exploration,
                precision, headEvery, headSample, initialAction, seed);
    }

    public QLearnerConfig withSteps(int n) {
        return new QLearnerConfig(dt, n, batch, collectPerStep, bufferCapacity, episodeTime, hidden, valueLearningRate,
                advantageLearningRate, finalLearningRateFraction, polyak, evaluationAverage, exploration,
                precision, headEvery, headSample, initialAction, seed);
    }

    public QLearnerConfig withBatch(int b, int collect) {
        return new QLearnerConfig(dt, steps, b, collect, Math.max(bufferCapacity, b), episodeTime, hidden, valueLearningRate,
                advantageLearningRate, finalLearningRateFraction, polyak, evaluationAverage,
                exploration, precision, headEvery, headSample,
                initialAction, seed);
    }

    public QLearnerConfig withLearningRates(double value, double advantage, double finalFraction) {
        return new QLearnerConfig(dt, steps, batch, collectPerStep, bufferCapacity, episodeTime, hidden, value, advantage,
                finalFraction, polyak, evaluationAverage, exploration, precision, headEvery, headSample, initialAction, seed);
    }

    public QLearnerConfig withPolyak(double tau) {
        return new QLearnerConfig(dt, steps, batch, collectPerStep, bufferCapacity, episodeTime, hidden, valueLearningRate,
                advantageLearningRate, finalLearningRateFraction, tau, evaluationAverage, exploration,
                precision, headEvery, headSample, initialAction, seed);
    }

    public QLearnerConfig withEvaluationAverage(double decay) {
        return new QLearnerConfig(dt, steps, batch, collectPerStep, bufferCapacity, episodeTime, hidden, valueLearningRate,
                advantageLearningRate, finalLearningRateFraction, polyak, decay, exploration,
                precision, headEvery, headSample, initialAction, seed);
    }

    public QLearnerConfig withEpisodeTime(double t) {
        return new QLearnerConfig(dt, steps, batch, collectPerStep, bufferCapacity, t, hidden, valueLearningRate,
                advantageLearningRate, finalLearningRateFraction, polyak, evaluationAverage, exploration,
                precision, headEvery, headSample, initialAction, seed);
    }

    public QLearnerConfig withHidden(List<Integer> widths) {
        return new QLearnerConfig(dt, steps, batch, collectPerStep, bufferCapacity, episodeTime, widths, valueLearningRate, advantageLearningRate,
                finalLearningRateFraction, polyak, evaluationAverage, exploration,
                precision, headEvery, headSample, initialAction, seed);
    }

    public QLearnerConfig withExploration(Exploration e) {
        return new QLearnerConfig(dt, steps, batch, collectPerStep, bufferCapacity, episodeTime, hidden, valueLearningRate,
                advantageLearningRate, finalLearningRateFraction, polyak, evaluationAverage, e,
                precision, headEvery, headSample, initialAction, seed);
    }

    public QLearnerConfig withSeed(long s) {
        return new QLearnerConfig(dt, steps, batch, collectPerStep, bufferCapacity, episodeTime, hidden, valueLearningRate,
                advantageLearningRate, finalLearningRateFraction, polyak, evaluationAverage, exploration,
                precision, headEvery, headSample, initialAction, s);
    }

    /** The LSTD head solve: every {@code every} steps on {@code sample} transitions. */
    public QLearnerConfig withHeadSolve(int every, int sample) {
        return new QLearnerConfig(dt, steps, batch, collectPerStep, bufferCapacity, episodeTime, hidden, valueLearningRate,
                advantageLearningRate, finalLearningRateFraction, polyak, evaluationAverage, exploration,
                precision, every, sample, initialAction, seed);
    }

    /** A replay buffer of {@code capacity} transitions (at least a batch). */
    public QLearnerConfig withBufferCapacity(int capacity) {
        return new QLearnerConfig(dt, steps, batch, collectPerStep, Math.max(capacity, batch), episodeTime, hidden, valueLearningRate,
                advantageLearningRate, finalLearningRateFraction, polyak, evaluationAverage,
                exploration, precision, headEvery, headSample,
                initialAction, seed);
    }

    /** The actor's starting action (see {@link #initialAction}); null for the zero centre. */
    public QLearnerConfig withInitialAction(double[] a) {
        return new QLearnerConfig(dt, steps, batch, collectPerStep, bufferCapacity, episodeTime, hidden, valueLearningRate,
                advantageLearningRate, finalLearningRateFraction, polyak, evaluationAverage,
                exploration, precision, headEvery, headSample,
                a, seed);
    }

    @Override
    public double[] initialAction() {
        return initialAction == null ? null : initialAction.clone();
    }

    public QLearnerConfig withPrecision(Precision p) {
        return new QLearnerConfig(dt, steps, batch, collectPerStep, bufferCapacity, episodeTime, hidden, valueLearningRate,
                advantageLearningRate, finalLearningRateFraction, polyak, evaluationAverage, exploration,
                p, headEvery, headSample, initialAction, seed);
    }
}
