package dev.bellman.control.finite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.Derivatives;
import dev.bellman.control.field.Jet;
import dev.bellman.control.field.ScalarField;
import dev.bellman.control.field.TraceMode;
import dev.bellman.control.field.WeightedTrace;
import dev.bellman.control.generator.Generator;
import dev.bellman.control.generator.Policy;
import dev.bellman.control.hjb.HjbResidual;
import dev.bellman.control.nn.Mlp;
import dev.bellman.control.nn.MlpConfig;
import dev.bellman.control.nn.MlpScalarField;
import dev.bellman.control.optim.Adam;
import dev.bellman.control.optim.AdamConfig;
import dev.bellman.control.optim.LearningRateSchedule;
import dev.bellman.control.random.StepRandom;
import dev.bellman.control.reference.Metrics;
import dev.bellman.control.sde.EulerMaruyama;
import dev.bellman.control.sde.TimeGrid;
import java.util.ArrayList;
import java.util.List;

/**
 * Finite-horizon policy iteration (DESIGN.md §1.1–1.3, issue 10). {@link #solve} takes a structured
 * route when the problem offers one — {@link LeastSquaresPolicyIteration} when it offers a
 * {@link BasisArchitecture} (lqr-finite, merton-finite), {@link RadialPolicyIteration} when it declares
 * {@link Symmetry#ROTATION} (hjb-lq) — and the MLP route described here otherwise.
 *
 * <p>MLP route: a value network V_θ(t, x) and
 * a policy network a_φ(t, x), both taking t as an input, alternate:
 * <ol>
 *   <li><b>Evaluation</b> of the current policy α: Monte Carlo returns from start points (sᵢ, xᵢ) drawn
 *       over [0, T] × domain to the horizon, closed by the terminal reward (Feynman–Kac, no bootstrap;
 *       {@link MonteCarloReturns}); V_θ regresses on them, optionally plus the mean squared residual of
 *       the linear PDE ρV − ∂ₜV − (r + L^αV) = 0 at fresh collocation points (trained through the exact
 *       forward-mode derivatives) and the terminal penalty (V(T, x) − g(x))².</li>
 *   <li><b>Improvement</b>: gradient ascent on E[r(t, x, a_φ) + L^{a_φ}V(t, x)] with ∇V, ∇²V detached, so
 *       only φ moves (∂ₜV and ρV do not depend on a; when Σ does not depend on a neither does the
 *       trace term, so only r + ∇V·f is differentiated).</li>
 * </ol>
 * Errors are measured on the problem's fixed evaluation points against its exact solution.
 */
public final class FiniteHorizonSolver {
    private static final int RESIDUAL_POINTS = 2048;

    private FiniteHorizonSolver() {}

    /** Builds the problem from a CLI spec and solves it. */
    public static FiniteResult solve(FiniteProblemSpec spec, FiniteSolverConfig config, FiniteListener listener) {
        return solve(spec.build(), config, listener);
    }

    /** Runs policy iteration on {@code problem}; the engine must be started (or defaults are used). */
    public static FiniteResult solve(FiniteHorizonProblem problem, FiniteSolverConfig config, FiniteListener listener) {
        var architecture = problem.basisArchitecture();
        if (architecture.isPresent()) {
            return LeastSquaresPolicyIteration.solve(problem, architecture.get(), config, listener);
        }
        if (problem.symmetry() == Symmetry.ROTATION) {
            return RadialPolicyIteration.solve(problem, config, listener);
        }
        return solveWithNetworks(problem, config, listener);
    }

    /**
     * How {@link #solve} evaluates policies on this problem: {@code least-squares} (the structured routes:
     * a problem's {@link BasisArchitecture}, or the radial architecture of a rotation-invariant problem) or
     * {@code monte-carlo} (the MLP route).
     */
    public static String evaluationMethod(FiniteHorizonProblem problem) {
        return problem.basisArchitecture().isPresent() || problem.symmetry() == Symmetry.ROTATION ? "least-squares"
                : "monte-carlo";
    }

    /**
     * The MLP route (used where the problem offers no structure; any problem may be sent here): Monte Carlo /
     * residual regression of V_θ(t, x) and gradient ascent of a_φ(t, x), as described above.
     */
    public static FiniteResult solveWithNetworks(FiniteHorizonProblem problem, FiniteSolverConfig config,
            FiniteListener listener) {
        BellmanEngine engine = BellmanEngine.current();
        DataType dt = config.precision().dataType();
        int d = problem.stateDim();
        int m = problem.actionDim();
        long begin = System.nanoTime();
        try (NDManager manager = engine.newManager()) {
            Mlp valueMlp = new Mlp(MlpConfig.of(d + 1, config.valueHidden(), 1, config.precision(), config.seed()), manager);
            MlpScalarField value = new MlpScalarField(valueMlp, d, true);
            Mlp policyMlp = new Mlp(MlpConfig.of(d + 1, config.policyHidden(), m, config.precision(), config.seed() + 1)
                    .withZeroLastLayer(true), manager);
            PolicyNetwork policy = new PolicyNetwork(policyMlp, problem.actionSpace());
            long valueTotal = Math.max(1, (long) config.iterations() * config.valueSteps());
            long policyTotal = Math.max(1, (long) config.iterations() * config.policySteps());
            Adam valueAdam = new Adam(value.parameters(), AdamConfig.of(config.valueLr())
                    .withSchedule(LearningRateSchedule.warmupCosine(config.valueLr(), 0, valueTotal, 0.05)));
            Adam policyAdam = new Adam(policy.parameters(), AdamConfig.of(config.policyLr())
                    .withSchedule(LearningRateSchedule.warmupCosine(config.policyLr(), 0, policyTotal, 0.05)));
            TraceMode mode = config.traceMode(d, problem.noiseDim());
            Evaluation evaluation = Evaluation.prepare(problem, manager, dt, mode);
            StepRandom random = StepRandom.of(config.seed());
            StepRandom startStream = random.stream(1);
            StepRandom noiseStream = random.stream(2);
            StepRandom collocationStream = random.stream(3);
            StepRandom policyStream = random.stream(4);
            SpaceTimeSampler sampler = problem.trainingPoints();
            Policy frozen = policy.frozen();
            List<IterationRecord> history = new ArrayList<>();
            Double timeTo2pct = null;
            long valueStep = 0;
            long policyStep = 0;
            int done = 0;
            for (int k = 1; k <= config.iterations(); k++) {
                double fitLoss = Double.NaN;
                double objective = Double.NaN;
                try (Scope round = Scope.open()) {
                    SpaceTimePoints starts = sampler.sample(config.rollouts(), startStream.forStep(k).generator(), manager, dt);
                    NDArray returns = MonteCarloReturns.of(problem, problem.T(), frozen, starts, config.rolloutSteps(),
                            noiseStream.forStep(k).split());
                    for (int s = 0; s < config.valueSteps(); s++, valueStep++) {
                        fitLoss = valueStep(problem, config, value, frozen, mode, starts, returns, s,
                                collocationStream.forStep(valueStep), manager, dt, s == config.valueSteps() - 1);
                        valueAdam.step();
                    }
                    for (int s = 0; s < config.policySteps(); s++, policyStep++) {
                        objective = policyStep(problem, config, value, policy, policyStream.forStep(policyStep), sampler,
                                manager, dt, s == config.policySteps() - 1);
                        policyAdam.step();
                    }
                }
                double wall = (System.nanoTime() - begin) / 1e9;
                Evaluation.Errors errors = evaluation.errors(problem, value, frozen, mode);
                IterationRecord record = new IterationRecord(k, fitLoss, errors.valueRelL2(), errors.actionRelL2(), objective,
                        errors.hjbResidual(), wall);
                history.add(record);
                listener.onIteration(record);
                done = k;
                if (timeTo2pct == null && errors.valueRelL2() < 0.02) { // DESIGN §4 / issue 3: V_rel_l2 first below 0.02
                    timeTo2pct = wall;
                }
                if (config.timeBudgetSeconds() > 0 && wall >= config.timeBudgetSeconds()) {
                    break;
                }
            }
            IterationRecord last = history.get(history.size() - 1);
            ProblemMetrics metrics;
            List<Trajectory> paths;
            try (Scope scope = Scope.open(); GradMode off = GradMode.disabled()) {
                metrics = problem.metrics(value, frozen, manager, dt);
                paths = trajectories(problem, frozen, config, manager, dt);
            }
            valueAdam.close();
            policyAdam.close();
            double wall = (System.nanoTime() - begin) / 1e9;
            return new FiniteResult(problem.name(), d, problem.T(), last.valueRelL2(), last.actionRelL2(), last.hjbResidual(),
                    done, wall, timeTo2pct, metrics, List.copyOf(history), paths);
        }
    }

    /** One Adam step's loss of the value fit (gradients accumulated in θ); returns the regression MSE when asked. */
    private static double valueStep(FiniteHorizonProblem problem, FiniteSolverConfig config, MlpScalarField value,
            Policy frozen, TraceMode mode, SpaceTimePoints starts, NDArray returns, int s,
            dev.bellman.control.random.StepSeed seed, NDManager manager, DataType dt, boolean read) {
        int n = (int) starts.size();
        int b = Math.min(config.valueBatch(), n);
        int batches = Math.max(1, n / b);
        int from = (s % batches) * b;
        double mse = Double.NaN;
        try (Scope scope = Scope.open()) {
            NDIndex slice = new NDIndex("{}:{}", from, from + b);
            NDArray t = starts.t().get(slice);
            NDArray x = starts.x().get(slice);
            NDArray g = returns.get(slice);
            SpaceTimePoints colloc = null;
            NDArray xT = null;
            if (config.residualWeight() > 0) {
                colloc = problem.trainingPoints().sample(config.collocationBatch(), seed.generator(), manager, dt);
            }
            if (config.terminalWeight() > 0) {
                xT = problem.trainingPoints().sample(config.collocationBatch(), seed.split().forStep(0).generator(), manager, dt).x();
            }
            try (GradientCollector gc = BellmanEngine.current().engine().newGradientCollector()) {
                NDArray regression = value.value(t, x).sub(g).square().mean();
                NDArray loss = regression;
                if (colloc != null) {
                    NDArray r = HjbResidual.residual(problem, value, frozen, colloc.t(), colloc.x(), mode, false);
                    loss = loss.add(Scalars.mul(r.square().mean(), config.residualWeight()));
                }
                if (xT != null) {
                    NDArray tT = Scalars.mul(xT.getManager().ones(new ai.djl.ndarray.types.Shape(xT.getShape().get(0), 1), dt), problem.T());
                    NDArray gap = value.value(tT, xT).sub(problem.terminalReward(xT));
                    loss = loss.add(Scalars.mul(gap.square().mean(), config.terminalWeight()));
                }
                gc.backward(loss);
                if (read) {
                    mse = regression.getDouble();
                }
            }
        }
        return mse;
    }

    /** One improvement step: ascend E[r + L^aV] in φ with V frozen; returns the objective when asked. */
    static double policyStep(FiniteHorizonProblem problem, FiniteSolverConfig config, ScalarField value,
            PolicyNetwork policy, dev.bellman.control.random.StepSeed seed, SpaceTimeSampler sampler, NDManager manager,
            DataType dt, boolean read) {
        double objective = Double.NaN;
        int d = problem.stateDim();
        try (Scope scope = Scope.open()) {
            SpaceTimePoints p = sampler.sample(config.policyBatch(), seed.generator(), manager, dt);
            boolean constantNoise = problem.diffusionIsConstant();
            boolean hessian = !constantNoise && d <= 10;
            Jet jet = null;
            if (constantNoise || hessian) {
                Derivatives request = hessian ? Derivatives.valueGradientHessian() : Derivatives.valueAndGradient();
                jet = value.jet(p.t(), p.x(), request.detach());
            }
            try (GradientCollector gc = BellmanEngine.current().engine().newGradientCollector()) {
                NDArray a = policy.act(p.t(), p.x());
                NDArray h;
                if (jet != null) {
                    h = problem.reward(p.t(), p.x(), a).add(jet.gradient().mul(problem.drift(p.t(), p.x(), a)).sum(new int[] {1}, true));
                    if (hessian) {
                        NDArray sigma = problem.diffusion(p.t(), p.x(), a);
                        h = h.add(Scalars.mul(WeightedTrace.fromHessian(jet.hessian(), sigma), 0.5));
                    }
                } else {
                    TraceMode mode = config.traceMode(d, problem.noiseDim());
                    h = problem.reward(p.t(), p.x(), a).add(Generator.evaluate(value, problem, p.t(), p.x(), a, mode, false, true).generator());
                }
                NDArray mean = h.mean();
                gc.backward(mean.neg());
                if (read) {
                    objective = mean.getDouble();
                }
            }
        }
        return objective;
    }

    static List<Trajectory> trajectories(FiniteHorizonProblem problem, Policy policy, FiniteSolverConfig config,
            NDManager manager, DataType dt) {
        if (config.trajectories() == 0) {
            return List.of();
        }
        double[] all = Host.doubles(problem.evaluationStates().sample(0, null, manager, DataType.FLOAT64));
        int d = problem.stateDim();
        int count = Math.min(config.trajectories(), all.length / d);
        int stride = Math.max(1, (all.length / d) / count);
        double[] x0 = new double[count * d];
        for (int i = 0; i < count; i++) {
            System.arraycopy(all, i * stride * d, x0, i * d, d);
        }
        int steps = config.rolloutSteps();
        TimeGrid grid = TimeGrid.uniform(0, problem.T(), steps);
        double[][][] states = new double[count][steps + 1][];
        for (int i = 0; i < count; i++) {
            states[i][0] = java.util.Arrays.copyOfRange(x0, i * d, (i + 1) * d);
        }
        NDArray start = Host.array(manager, x0, count, d, dt);
        new EulerMaruyama(grid).integrate(problem, policy, start, StepRandom.of(config.seed()).stream(9), List.of(e -> {
            double[] next = Host.doubles(e.next());
            for (int i = 0; i < count; i++) {
                states[i][e.index() + 1] = java.util.Arrays.copyOfRange(next, i * d, (i + 1) * d);
            }
        }));
        List<Trajectory> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Trajectory(grid.times(), states[i]));
        }
        return out;
    }

    /** The fixed evaluation points with the exact values and actions, computed once. */
    record Evaluation(SpaceTimePoints points, double[] exactValue, double[][] exactAction, SpaceTimePoints residualPoints) {

        static Evaluation prepare(FiniteHorizonProblem problem, NDManager manager, DataType dt, TraceMode mode) {
            try (GradMode off = GradMode.disabled()) {
                SpaceTimePoints p = problem.evaluationPoints(manager, dt);
                double[] v;
                double[][] a;
                try (Scope scope = Scope.open()) {
                    v = Host.doubles(problem.exactValue().value(p.t(), p.x()));
                    a = Host.rows(Host.doubles(problem.exactPolicy().act(p.t(), p.x())), problem.actionDim());
                }
                long n = p.size();
                SpaceTimePoints r = p;
                if (n > RESIDUAL_POINTS) {
                    // every k-th point, so the residual still covers all times and states
                    long stride = n / RESIDUAL_POINTS;
                    NDIndex idx = new NDIndex("0:{}:{}", stride * RESIDUAL_POINTS, stride);
                    r = new SpaceTimePoints(p.t().get(idx), p.x().get(idx));
                }
                return new Evaluation(p, v, a, r);
            }
        }

        /** The relative L2 error, NaN against an all-zero reference (a problem whose optimal action is 0). */
        static double relative(double[] estimate, double[] reference) {
            double norm = 0;
            for (double r : reference) {
                norm += r * r;
            }
            return norm == 0 ? Double.NaN : Metrics.relativeL2Error(estimate, reference);
        }

        record Errors(double valueRelL2, double actionRelL2, double hjbResidual) {}

        Errors errors(FiniteHorizonProblem problem, ScalarField value, Policy policy, TraceMode mode) {
            try (Scope scope = Scope.open(); GradMode off = GradMode.disabled()) {
                double[] v = Host.doubles(value.value(points.t(), points.x()));
                double[][] a = Host.rows(Host.doubles(policy.act(points.t(), points.x())), problem.actionDim());
                double residual = HjbResidual.evaluate(problem, value, policy, residualPoints.t(), residualPoints.x(), mode).relative();
                return new Errors(relative(v, exactValue), relative(Host.flatten(a), Host.flatten(exactAction)), residual);
            }
        }
    }
}
