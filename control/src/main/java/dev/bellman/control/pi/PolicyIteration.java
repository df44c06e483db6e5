package dev.bellman.control.pi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.Probes;
import dev.bellman.control.field.TraceMode;
import dev.bellman.control.generator.Generator;
import dev.bellman.control.generator.GeneratorTerms;
import dev.bellman.control.hjb.ControlProblem;
import dev.bellman.control.nn.Parameter;
import dev.bellman.control.optim.Adam;
import dev.bellman.control.optim.AdamConfig;
import dev.bellman.control.optim.LearningRateSchedule;
import dev.bellman.control.random.StepRandom;
import java.util.List;

/**
 * Neural policy iteration for discounted infinite-horizon control (DESIGN.md §1.2; Howard 1960 in
 * continuous time, with neural critic and actor): starting from an admissible policy α₀, repeat
 * <ol>
 *   <li>evaluation: fit V_θ ≈ V^{α_k}, by Feynman–Kac Monte Carlo returns and regression, or by driving
 *       the policy's linear PDE residual ρV − r − L^{α_k}V to zero ({@link EvaluationMethod});</li>
 *   <li>improvement: gradient ascent of the policy network on E_x[r(x, a_φ(x)) + L^{a_φ}V_θ(x)] with
 *       ∇V_θ, ∇²V_θ detached, so only φ moves (the Q of §1.2 times ρ).</li>
 * </ol>
 * The solver is kept apart from the problem (as an ODE integrator from its equations): it sees a
 * {@link ControlProblem}, a {@link ValueNetwork} and a {@link PolicyNetwork}, and reports through a
 * {@link PolicyIterationListener}. One thread (one GradientCollector per JVM); every step is scoped.
 */
public final class PolicyIteration {
    private static final int FULL_HESSIAN_MAX_DIM = 10;
    private final PolicyIterationConfig config;

    public PolicyIteration(PolicyIterationConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("a configuration is required");
        }
        this.config = config;
    }

    public PolicyIterationConfig config() {
        return config;
    }

    /**
     * Runs {@code config.iterations()} iterations, training {@code value} and {@code policy} in place.
     *
     * @param manager where per-step arrays are created
     * @return the solver's wall time in seconds (listener time excluded)
     */
    public double run(ControlProblem problem, ValueNetwork value, PolicyNetwork policy, NDManager manager,
            PolicyIterationListener listener) {
        if (!problem.stationary()) {
            throw new IllegalArgumentException("policy iteration here solves stationary (infinite-horizon) problems");
        }
        StepRandom root = StepRandom.of(config.seed());
        StepRandom statesRandom = root.stream(1);
        StepRandom noiseRandom = root.stream(2);
        StepRandom probeRandom = root.stream(3);
        FeynmanKacReturns mc = new FeynmanKacReturns(config.rolloutHorizon(), config.rolloutDt(), config.antithetic());
        DataType type = config.precision().dataType();
        double wall = 0;
        long step = 0;
        for (int k = 1; k <= config.iterations(); k++) {
            long t0 = System.nanoTime();
            double scale = Math.pow(config.lrDecay(), k - 1);
            boolean monteCarlo = config.evaluation().monteCarloAt(k);
            double fit;
            if (monteCarlo) {
                fit = evaluateMonteCarlo(problem, value, policy, manager, type, mc, statesRandom.forStep(step++).generator(),
                        noiseRandom.stream(k), config.valueLr() * scale);
            } else {
                fit = evaluateResidual(problem, value, policy, manager, type, statesRandom, probeRandom, step,
                        config.valueLr() * scale);
                step += config.residualSteps();
            }
            double objective = improve(problem, value, policy, manager, type, statesRandom, probeRandom, step,
                    config.policyLr() * scale);
            step += config.improvementSteps();
            wall += (System.nanoTime() - t0) / 1e9;
            listener.onIteration(new IterationState(k, wall, monteCarlo ? EvaluationMethod.MONTE_CARLO
                    : EvaluationMethod.RESIDUAL, fit, objective, value, policy));
        }
        return wall;
    }

    private AdamConfig adam(double lr, int steps) {
        return AdamConfig.of(lr).withSchedule(LearningRateSchedule.warmupCosine(lr, 0, Math.max(1, steps), 0.05));
    }

    private static GradientCollector collector() {
        return BellmanEngine.current().engine().newGradientCollector();
    }

    /** Monte Carlo returns from training states, then regression of V_θ on them. */
    private double evaluateMonteCarlo(ControlProblem problem, ValueNetwork value, PolicyNetwork policy, NDManager manager,
            DataType type, FeynmanKacReturns mc, java.util.random.RandomGenerator rng, StepRandom noise,
            double lr) {
        int starts = config.antithetic() ? config.paths() / 2 : config.paths();
        NDArray x0 = problem.trainingStates().sample(starts, rng, manager, type);
        NDArray target;
        try (Scope scope = Scope.open()) {
            NDArray g = mc.returns(problem, policy, value, mc.pairStarts(x0), noise);
            if (config.antithetic()) {
                // the pair mean: same start, mirrored noise
                g = Scalars.mul(g.get(new NDIndex("0:{}", starts)).add(g.get(new NDIndex("{}:", starts))), 0.5);
            }
            target = scope.keep(g);
        }
        // a closed-form least-squares warm start of the linear part (scale, quadratic head), then Adam
        value.calibrate(x0, target);
        NDArray weights = weights(value, x0, 2);
        double fit = Double.NaN;
        Adam adam = new Adam(value.parameters(), adam(lr, config.regressionSteps()));
        try {
            for (int s = 0; s < config.regressionSteps(); s++) {
                try (Scope scope = Scope.open()) {
                    try (GradientCollector gc = collector()) {
                        NDArray err = value.value(null, x0).sub(target);
                        NDArray loss = err.square().mul(weights).mean();
                        gc.backward(loss);
                    }
                    adam.step();
                }
            }
            try (Scope scope = Scope.open(); GradMode off = GradMode.disabled()) {
                NDArray err = value.value(null, x0).sub(target);
                fit = Math.sqrt(err.square().mean().getDouble() / target.square().mean().getDouble());
            }
        } finally {
            adam.close();
            x0.close();
            target.close();
            weights.close();
        }
        return fit;
    }

    /** Drives ρV − r − L^αV to zero over fresh training states, α held fixed. */
    private double evaluateResidual(ControlProblem problem, ValueNetwork value, PolicyNetwork policy, NDManager manager,
            DataType type, StepRandom statesRandom, StepRandom probeRandom, long step0, double lr) {
        double rho = problem.discountRate();
        double fit = Double.NaN;
        // exact solve of the parameters entering V linearly (where the architecture has them), on a large batch
        try (Scope scope = Scope.open()) {
            NDArray x = problem.trainingStates().sample(Math.max(2048, config.residualBatch()),
                    statesRandom.forStep(step0 + 7_777_777L).generator(), manager, type);
            NDArray t = x.zerosLike().get(new NDIndex(":, 0:1"));
            NDArray a;
            try (GradMode off = GradMode.disabled()) {
                a = policy.act(t, x);
            }
            value.solveResidual(problem, x, a, weights(value, x, 2));
            try (GradMode off = GradMode.disabled()) {
                GeneratorTerms g = Generator.evaluate(value, problem, t, x, a, trainingTrace(problem, probeRandom, step0), false, true);
                NDArray residual = g.value().mul(rho).sub(problem.reward(t, x, a)).sub(g.generator());
                fit = Math.sqrt(residual.square().mean().getDouble() / g.value().mul(rho).square().mean().getDouble());
            }
        }
        if (config.residualSteps() == 0 || value.parameters().isEmpty()) {
            return fit;
        }
        Adam adam = new Adam(value.parameters(), adam(lr, config.residualSteps()));
        try {
            for (int s = 0; s < config.residualSteps(); s++) {
                long step = step0 + s;
                boolean last = s == config.residualSteps() - 1;
                try (Scope scope = Scope.open()) {
                    NDArray x = problem.trainingStates().sample(config.residualBatch(), statesRandom.forStep(step).generator(),
                            manager, type);
                    NDArray t = x.zerosLike().get(new NDIndex(":, 0:1"));
                    NDArray a;
                    try (GradMode off = GradMode.disabled()) {
                        a = policy.act(t, x);
                    }
                    NDArray w = weights(value, x, 2);
                    TraceMode mode = trainingTrace(problem, probeRandom, step);
                    try (GradientCollector gc = collector()) {
                        GeneratorTerms g = Generator.evaluate(value, problem, t, x, a, mode, false, false);
                        NDArray residual = Scalars.mul(g.value(), rho).sub(problem.reward(t, x, a)).sub(g.generator());
                        NDArray loss = residual.square().mul(w).mean();
                        gc.backward(loss);
                        if (last) {
                            fit = Math.sqrt(residual.square().mean().getDouble() / Scalars.mul(g.value(), rho).square().mean().getDouble());
                        }
                    }
                    adam.step();
                }
            }
        } finally {
            adam.close();
        }
        return fit;
    }

    /** Gradient ascent of the policy on E[w·(r + L^aV)] with V's derivatives detached. */
    private double improve(ControlProblem problem, ValueNetwork value, PolicyNetwork policy, NDManager manager,
            DataType type, StepRandom statesRandom, StepRandom probeRandom, long step0, double lr) {
        double objective = Double.NaN;
        List<Parameter> params = policy.parameters();
        Adam adam = new Adam(params, adam(lr, config.improvementSteps()));
        try {
            for (int s = 0; s < config.improvementSteps(); s++) {
                long step = step0 + s;
                boolean last = s == config.improvementSteps() - 1;
                try (Scope scope = Scope.open()) {
                    NDArray x = problem.trainingStates().sample(config.improvementBatch(),
                            statesRandom.forStep(step).generator(), manager, type);
                    NDArray t = x.zerosLike().get(new NDIndex(":, 0:1"));
                    NDArray w = weights(value, x, 1);
                    TraceMode mode = improvementTrace(problem, probeRandom, step);
                    try (GradientCollector gc = collector()) {
                        NDArray a = policy.act(t, x);
                        GeneratorTerms g = Generator.evaluate(value, problem, t, x, a, mode, false, true);
                        NDArray h = problem.reward(t, x, a).add(g.generator());
                        NDArray loss = h.mul(w).mean().neg();
                        gc.backward(loss);
                        if (last) {
                            objective = h.mean().getDouble();
                        }
                    }
                    adam.step();
                }
            }
        } finally {
            adam.close();
        }
        return objective;
    }

    /** Per-state weights (B, 1), detached: ones, or (mean|V|/|V|)^power normalised to mean 1. */
    private NDArray weights(ValueNetwork value, NDArray x, int power) {
        try (Scope scope = Scope.open(); GradMode off = GradMode.disabled()) {
            long b = x.getShape().get(0);
            if (config.weighting() == StateWeighting.NONE) {
                return scope.keep(x.getManager().ones(new Shape(b, 1), x.getDataType()));
            }
            NDArray v = value.value(null, x).abs();
            double mean = v.mean().getDouble();
            NDArray w = v.add(1e-6 * mean + 1e-300).pow(-power);
            return scope.keep(w.div(w.mean()));
        }
    }

    private TraceMode trainingTrace(ControlProblem problem, StepRandom probeRandom, long step) {
        if (config.hutchinsonProbes() > 0 || problem.stateDim() > FULL_HESSIAN_MAX_DIM) {
            int k = Math.max(1, config.hutchinsonProbes());
            return TraceMode.hutchinson(Probes.rademacher(k, problem.noiseDim(), probeRandom.forStep(step).hash()));
        }
        return TraceMode.EXACT_HESSIAN;
    }

    /**
     * In improvement the trace's dependence on a is what matters: with constant Σ it has none (any mode
     * does; Hutchinson is cheapest in high d), with action-dependent Σ the Hessian must be detached and
     * Σ(a) attached, which only the full-Hessian form provides.
     */
    private TraceMode improvementTrace(ControlProblem problem, StepRandom probeRandom, long step) {
        if (problem.diffusionIsConstant() && problem.stateDim() > FULL_HESSIAN_MAX_DIM) {
            return TraceMode.hutchinson(Probes.rademacher(1, problem.noiseDim(), probeRandom.forStep(step).hash()));
        }
        return TraceMode.EXACT_HESSIAN;
    }

    /** The trace used to score a d-dimensional problem: exact up to d = 10, else 64 fixed probes. */
    public static TraceMode scoringTrace(ControlProblem problem) {
        if (problem.stateDim() > FULL_HESSIAN_MAX_DIM) {
            return TraceMode.hutchinson(Probes.rademacher(64, problem.noiseDim(), 1957L));
        }
        return TraceMode.EXACT_HESSIAN;
    }
}
