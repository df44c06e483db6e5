package dev.bellman.control.pi;

import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.Precision;
import java.util.List;

/**
 * The settings of neural policy iteration (DESIGN.md §1.2), validated on construction.
 *
 * @param iterations outer iterations (evaluate, then improve) ≥ 1
 * @param evaluation how α_k is evaluated
 * @param paths Monte Carlo rollouts per evaluation (even when antithetic)
 * @param rolloutHorizon T of a rollout; the critic bootstraps the tail e^{−ρT}V(X_T)
 * @param rolloutDt Euler–Maruyama step
 * @param antithetic pair each noise path z with −z (variance reduction)
 * @param regressionSteps Adam steps regressing V_θ on the returns (full batch)
 * @param residualSteps Adam steps on the policy's PDE residual per evaluation
 * @param residualBatch states per residual step
 * @param valueLr the value optimizer's peak learning rate (cosine-decayed within each evaluation)
 * @param improvementSteps Adam steps of gradient ascent on E[r + L^aV] per iteration
 * @param improvementBatch states per improvement step
 * @param policyLr the policy optimizer's peak learning rate (cosine-decayed within each improvement)
 * @param lrDecay the factor applied to both peak rates after each iteration, in (0, 1]
 * @param hutchinsonProbes 0 for exact traces, else fresh Rademacher probes per step in training
 * @param weighting per-state loss weights
 * @param valueHidden hidden widths of the value network's MLP part (empty: none where the architecture allows)
 * @param policyHidden hidden widths of the policy network's MLP part (empty: linear head only)
 * @param precision network precision
 * @param seed the seed of every random stream (states, noise, initial weights)
 */
public record PolicyIterationConfig(int iterations, EvaluationMethod evaluation, int paths, double rolloutHorizon,
        double rolloutDt, boolean antithetic, int regressionSteps, int residualSteps, int residualBatch, double valueLr,
        int improvementSteps, int improvementBatch, double policyLr, double lrDecay, int hutchinsonProbes,
        StateWeighting weighting, List<Integer> valueHidden, List<Integer> policyHidden, Precision precision, long seed) {

    public PolicyIterationConfig {
        if (iterations < 1) {
            throw new BadInputException("--iterations must be at least 1, got " + iterations);
        }
        if (evaluation == null || weighting == null || precision == null) {
            throw new BadInputException("evaluation method, weighting and precision must be given");
        }
        if (paths < 2 || (antithetic && paths % 2 != 0)) {
            throw new BadInputException("rollout paths must be ≥ 2 (and even when antithetic), got " + paths);
        }
        if (!(rolloutHorizon > 0) || !(rolloutDt > 0) || rolloutDt > rolloutHorizon || !Double.isFinite(rolloutHorizon)) {
            throw new BadInputException("need 0 < rollout dt ≤ rollout horizon < ∞, got dt " + rolloutDt + ", T " + rolloutHorizon);
        }
        if (regressionSteps < 0 || residualSteps < 0 || improvementSteps < 0 || residualBatch < 1 || improvementBatch < 1) {
            throw new BadInputException("step counts must be ≥ 0 and batches ≥ 1");
        }
        if (!(valueLr > 0) || !(policyLr > 0) || !(lrDecay > 0 && lrDecay <= 1)) {
            throw new BadInputException("learning rates must be > 0 and the decay in (0, 1]");
        }
        if (hutchinsonProbes < 0) {
            throw new BadInputException("Hutchinson probes must be ≥ 0, got " + hutchinsonProbes);
        }
        valueHidden = List.copyOf(valueHidden);
        policyHidden = List.copyOf(policyHidden);
        if (valueHidden.stream().anyMatch(w -> w < 1) || policyHidden.stream().anyMatch(w -> w < 1)) {
            throw new BadInputException("hidden widths must be ≥ 1");
        }
    }

    /** Defaults: hybrid evaluation, float64, 20 iterations, small MLP corrections. */
    public static PolicyIterationConfig defaults() {
        return new PolicyIterationConfig(20, EvaluationMethod.HYBRID, 2048, 4.0, 0.01, true, 400, 300, 512, 1e-2,
                200, 512, 1e-2, 0.85, 0, StateWeighting.NONE, List.of(16), List.of(16), Precision.FLOAT64, 0L);
    }

    /**
     * The tuned settings for a reference case (the benchmarks' and the CLI's defaults): PDE-residual
     * evaluation with the exact linear-head solve, the quadratic head / homothetic scale without MLP
     * corrections (the closed forms are representable, so the MLPs only add fitting noise), a linear
     * policy head; Merton with value-scale weights. LQR above d = 10 trains the quadratic head by Adam
     * on the residual with fresh Hutchinson probes per step (no exact solve there).
     */
    public static PolicyIterationConfig forCase(ReferenceCase reference) {
        PolicyIterationConfig c = defaults().withEvaluation(EvaluationMethod.RESIDUAL).withHidden(List.of(), List.of());
        if (reference instanceof ReferenceCase.Merton) {
            return c.withIterations(8).withWeighting(StateWeighting.VALUE_SCALE).withSteps(0, 0, 150).withRates(1e-2, 5e-2, 0.8);
        }
        if (reference.dim() > QuadraticValueNetwork.EXACT_HEAD_MAX_DIM) {
            return c.withIterations(10).withHutchinson(4).withSteps(0, 300, 150).withRates(2e-2, 5e-2, 0.8);
        }
        return c.withIterations(reference.dim() == 1 ? 6 : 10).withSteps(0, 0, reference.dim() == 1 ? 100 : 300)
                .withRates(1e-2, 0.1, 0.8);
    }

    public PolicyIterationConfig withIterations(int n) {
        return new PolicyIterationConfig(n, evaluation, paths, rolloutHorizon, rolloutDt, antithetic, regressionSteps,
                residualSteps, residualBatch, valueLr, improvementSteps, improvementBatch, policyLr, lrDecay,
                hutchinsonProbes, weighting, valueHidden, policyHidden, precision, seed);
    }

    public PolicyIterationConfig withEvaluation(EvaluationMethod e) {
        return new PolicyIterationConfig(iterations, e, paths, rolloutHorizon, rolloutDt, antithetic, regressionSteps,
                residualSteps, residualBatch, valueLr, improvementSteps, improvementBatch, policyLr, lrDecay,
                hutchinsonProbes, weighting, valueHidden, policyHidden, precision, seed);
    }

    public PolicyIterationConfig withSeed(long s) {
        return new PolicyIterationConfig(iterations, evaluation, paths, rolloutHorizon, rolloutDt, antithetic, regressionSteps,
                residualSteps, residualBatch, valueLr, improvementSteps, improvementBatch, policyLr, lrDecay,
                hutchinsonProbes, weighting, valueHidden, policyHidden, precision, s);
    }

    public PolicyIterationConfig withPrecision(Precision p) {
        return new PolicyIterationConfig(iterations, evaluation, paths, rolloutHorizon, rolloutDt, antithetic, regressionSteps,
                residualSteps, residualBatch, valueLr, improvementSteps, improvementBatch, policyLr, lrDecay,
                hutchinsonProbes, weighting, valueHidden, policyHidden, p, seed);
    }

    public PolicyIterationConfig withWeighting(StateWeighting w) {
        return new PolicyIterationConfig(iterations, evaluation, paths, rolloutHorizon, rolloutDt, antithetic, regressionSteps,
                residualSteps, residualBatch, valueLr, improvementSteps, improvementBatch, policyLr, lrDecay,
                hutchinsonProbes, w, valueHidden, policyHidden, precision, seed);
    }

    public PolicyIterationConfig withHutchinson(int probes) {
        return new PolicyIterationConfig(iterations, evaluation, paths, rolloutHorizon, rolloutDt, antithetic, regressionSteps,
                residualSteps, residualBatch, valueLr, improvementSteps, improvementBatch, policyLr, lrDecay,
                probes, weighting, valueHidden, policyHidden, precision, seed);
    }

    public PolicyIterationConfig withRollouts(int n, double horizon, double dt) {
        return new PolicyIterationConfig(iterations, evaluation, n, horizon, dt, antithetic, regressionSteps,
                residualSteps, residualBatch, valueLr, improvementSteps, improvementBatch, policyLr, lrDecay,
                hutchinsonProbes, weighting, valueHidden, policyHidden, precision, seed);
    }

    public PolicyIterationConfig withSteps(int regression, int residual, int improvement) {
        return new PolicyIterationConfig(iterations, evaluation, paths, rolloutHorizon, rolloutDt, antithetic, regression,
                residual, residualBatch, valueLr, improvement, improvementBatch, policyLr, lrDecay,
                hutchinsonProbes, weighting, valueHidden, policyHidden, precision, seed);
    }

    public PolicyIterationConfig withRates(double value, double policy, double decay) {
        return new PolicyIterationConfig(iterations, evaluation, paths, rolloutHorizon, rolloutDt, antithetic, regressionSteps,
                residualSteps, residualBatch, value, improvementSteps, improvementBatch, policy, decay,
                hutchinsonProbes, weighting, valueHidden, policyHidden, precision, seed);
    }

    public PolicyIterationConfig withHidden(List<Integer> value, List<Integer> policy) {
        return new PolicyIterationConfig(iterations, evaluation, paths, rolloutHorizon, rolloutDt, antithetic, regressionSteps,
                residualSteps, residualBatch, valueLr, improvementSteps, improvementBatch, policyLr, lrDecay,
                hutchinsonProbes, weighting, value, policy, precision, seed);
    }

    public PolicyIterationConfig withBatches(int residual, int improvement) {
        return new PolicyIterationConfig(iterations, evaluation, paths, rolloutHorizon, rolloutDt, antithetic, regressionSteps,
                residualSteps, residual, valueLr, improvementSteps, improvement, policyLr, lrDecay,
                hutchinsonProbes, weighting, valueHidden, policyHidden, precision, seed);
    }
}
