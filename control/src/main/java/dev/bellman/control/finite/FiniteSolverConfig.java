package dev.bellman.control.finite;

import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.field.Probes;
import dev.bellman.control.field.TraceMode;
import java.util.List;

/**
 * Finite-horizon neural policy iteration settings.
 *
 * @param iterations policy-iteration rounds ≥ 1
 * @param rollouts Monte Carlo start points (t, x) per round
 * @param rolloutSteps Euler–Maruyama steps per path (each path from its start time to T)
 * @param valueSteps Adam steps of the value fit per round
 * @param valueBatch returns per value step
 * @param valueLr value learning rate (cosine-decayed over the whole run to 5 %)
 * @param residualWeight weight of the mean squared HJB residual of the current policy, ρV − ∂ₜV − (r + L^aV),
 *     at fresh collocation points (0: pure Monte Carlo regression)
 * @param terminalWeight weight of the terminal penalty mean (V(T, x) − g(x))²
 * @param collocationBatch collocation points per value step (residual and terminal terms)
 * @param policySteps Adam steps of the improvement per round
 * @param policyBatch states per improvement step
 * @param policyLr policy learning rate (cosine-decayed over the run to 5 %)
 * @param valueHidden hidden widths of V_θ(t, x)
 * @param policyHidden hidden widths of a_φ(t, x)
 * @param hutchinsonProbes 0: exact traces (full Hessian for d ≤ 10, columns of Σ above); K &gt; 0:
 *     Hutchinson with K fixed Rademacher probes
 * @param precision float32 or float64
 * @param seed the run's seed
 * @param timeBudgetSeconds stop after the round that passes this wall time (0: no budget)
 * @param trajectories closed-loop paths from t = 0 recorded for plots
 * @param leastSquares settings of the structured solvers, used when the problem offers a
 *     {@link BasisArchitecture} (lqr-finite, merton-finite) or declares {@link Symmetry#ROTATION} (hjb-lq,
 *     which also uses {@code rolloutSteps} for the paths to its terminal states); the MLP settings above
 *     serve the others
 */
public record FiniteSolverConfig(int iterations, int rollouts, int rolloutSteps, int valueSteps, int valueBatch,
        double valueLr, double residualWeight, double terminalWeight, int collocationBatch, int policySteps,
        int policyBatch, double policyLr, List<Integer> valueHidden, List<Integer> policyHidden, int hutchinsonProbes,
        Precision precision, long seed, double timeBudgetSeconds, int trajectories, LeastSquaresConfig leastSquares) {
    public FiniteSolverConfig {
        if (iterations < 1 || rollouts < 1 || rolloutSteps < 1 || valueSteps < 0 || valueBatch < 1 || policySteps < 0
                || policyBatch < 1 || collocationBatch < 1) {
            throw new BadInputException("iterations, rollouts, steps and batch sizes must be positive (step counts ≥ 0)");
        }
        if (!(valueLr > 0) || !(policyLr > 0)) {
            throw new BadInputException("learning rates must be > 0, got " + valueLr + ", " + policyLr);
        }
        if (!(residualWeight >= 0) || !(terminalWeight >= 0)) {
            throw new BadInputException("loss weights must be ≥ 0, got " + residualWeight + ", " + terminalWeight);
        }
        if (hutchinsonProbes < 0 || trajectories < 0 || !(timeBudgetSeconds >= 0)) {
            throw new BadInputException("probe count, trajectory count and time budget must be ≥ 0");
        }
        if (valueHidden == null || valueHidden.isEmpty() || policyHidden == null || policyHidden.isEmpty()) {
            throw new BadInputException("value and policy networks need at least one hidden layer");
        }
        if (precision == null) {
            throw new BadInputException("a precision must be given");
        }
        if (leastSquares == null) {
            throw new BadInputException("least-squares settings must be given");
        }
        valueHidden = List.copyOf(valueHidden);
        policyHidden = List.copyOf(policyHidden);
    }

    /** The defaults of each problem (the settings the benchmark suite reports). */
    public static FiniteSolverConfig defaults(FiniteProblemKind kind, int dim) {
        return switch (kind) {
            case LQR_FINITE -> new FiniteSolverConfig(10, 4096, 100, 300, 256, 3e-3, 0.5, 1.0, 256, 100, 512, 3e-3,
                    List.of(64, 64), List.of(32, 32), 0, Precision.FLOAT64, 0, 0, 8, LeastSquaresConfig.defaults());
            case MERTON_FINITE -> new FiniteSolverConfig(6, 4096, 50, 300, 256, 3e-3, 0.5, 1.0, 256, 100, 512, 3e-3,
                    List.of(64, 64), List.of(32, 32), 0, Precision.FLOAT64, 0, 0, 8, LeastSquaresConfig.defaults());
            // rotation invariant: the radial least-squares route (RadialPolicyIteration) reads leastSquares only
            case HJB_LQ -> new FiniteSolverConfig(6, 4096, 50, 300, 256, 2e-3, 0.0, 1.0, 128, 100, 256, 2e-3,
                    List.of(64, 64), List.of(64, 64), 0, Precision.FLOAT64, 0, 0, 8,
                    new LeastSquaresConfig(10, 4096, 1024, 10.0, LeastSquaresConfig.RADIAL_DEGREE));
        };
    }

    public FiniteSolverConfig withIterations(int n) {
        return new FiniteSolverConfig(n, rollouts, rolloutSteps, valueSteps, valueBatch, valueLr, residualWeight,
                terminalWeight, collocationBatch, policySteps, policyBatch, policyLr, valueHidden, policyHidden,
                hutchinsonProbes, precision, seed, timeBudgetSeconds, trajectories, leastSquares);
    }

    public FiniteSolverConfig withSeed(long s) {
        return new FiniteSolverConfig(iterations, rollouts, rolloutSteps, valueSteps, valueBatch, valueLr, residualWeight,
                terminalWeight, collocationBatch, policySteps, policyBatch, policyLr, valueHidden, policyHidden,
                hutchinsonProbes, precision, s, timeBudgetSeconds, trajectories, leastSquares);
    }

    public FiniteSolverConfig withRollouts(int starts, int steps) {
        return new FiniteSolverConfig(iterations, starts, steps, valueSteps, valueBatch, valueLr, residualWeight,
                terminalWeight, collocationBatch, policySteps, policyBatch, policyLr, valueHidden, policyHidden,
                hutchinsonProbes, precision, seed, timeBudgetSeconds, trajectories, leastSquares);
    }

    public FiniteSolverConfig withSteps(int value, int policy) {
        return new FiniteSolverConfig(iterations, rollouts, rolloutSteps, value, valueBatch, valueLr, residualWeight,
                terminalWeight, collocationBatch, policy, policyBatch, policyLr, valueHidden, policyHidden,
                hutchinsonProbes, precision, seed, timeBudgetSeconds, trajectories, leastSquares);
    }

    public FiniteSolverConfig withWeights(double residual, double terminal) {
        return new FiniteSolverConfig(iterations, rollouts, rolloutSteps, valueSteps, valueBatch, valueLr, residual,
                terminal, collocationBatch, policySteps, policyBatch, policyLr, valueHidden, policyHidden,
                hutchinsonProbes, precision, seed, timeBudgetSeconds, trajectories, leastSquares);
    }

    public FiniteSolverConfig withLearningRates(double value, double policy) {
        return new FiniteSolverConfig(iterations, rollouts, rolloutSteps, valueSteps, valueBatch, value, residualWeight,
                terminalWeight, collocationBatch, policySteps, policyBatch, policy, valueHidden, policyHidden,
                hutchinsonProbes, precision, seed, timeBudgetSeconds, trajectories, leastSquares);
    }

    public FiniteSolverConfig withHidden(List<Integer> value, List<Integer> policy) {
        return new FiniteSolverConfig(iterations, rollouts, rolloutSteps, valueSteps, valueBatch, valueLr, residualWeight,
                terminalWeight, collocationBatch, policySteps, policyBatch, policyLr, value, policy,
                hutchinsonProbes, precision, seed, timeBudgetSeconds, trajectories, leastSquares);
    }

    public FiniteSolverConfig withHutchinsonProbes(int k) {
        return new FiniteSolverConfig(iterations, rollouts, rolloutSteps, valueSteps, valueBatch, valueLr, residualWeight,
                terminalWeight, collocationBatch, policySteps, policyBatch, policyLr, valueHidden, policyHidden,
                k, precision, seed, timeBudgetSeconds, trajectories, leastSquares);
    }

    public FiniteSolverConfig withTimeBudget(double seconds) {
        return new FiniteSolverConfig(iterations, rollouts, rolloutSteps, valueSteps, valueBatch, valueLr, residualWeight,
                terminalWeight, collocationBatch, policySteps, policyBatch, policyLr, valueHidden, policyHidden,
                hutchinsonProbes, precision, seed, seconds, trajectories, leastSquares);
    }

    public FiniteSolverConfig withLeastSquares(LeastSquaresConfig ls) {
        return new FiniteSolverConfig(iterations, rollouts, rolloutSteps, valueSteps, valueBatch, valueLr, residualWeight,
                terminalWeight, collocationBatch, policySteps, policyBatch, policyLr, valueHidden, policyHidden,
                hutchinsonProbes, precision, seed, timeBudgetSeconds, trajectories, ls);
    }

    /** The trace mode for noise dimension n in state dimension d. */
    public TraceMode traceMode(int d, int n) {
        if (hutchinsonProbes > 0) {
            return TraceMode.hutchinson(Probes.rademacher(hutchinsonProbes, n, seed ^ 0x5EEDL));
        }
        return d <= 10 ? TraceMode.EXACT_HESSIAN : TraceMode.EXACT_COLUMNS;
    }
}
