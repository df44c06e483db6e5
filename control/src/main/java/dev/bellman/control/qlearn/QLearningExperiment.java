package dev.bellman.control.qlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.nn.ParameterSnapshot;
import dev.bellman.control.problems.LqrProblem;
import dev.bellman.control.problems.MertonProblem;
import dev.bellman.control.reference.EvaluationStates;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.reference.LqrSolution;
import dev.bellman.control.reference.MertonSolution;
import dev.bellman.control.reference.Metrics;
import dev.bellman.control.riccati.DiscreteLqrSolution;
import dev.bellman.control.riccati.DiscretisedLqr;
import dev.bellman.control.riccati.TimeDiscretisation;

/**
 * Q-learning on the reference problems of DESIGN.md §1.3, scored against their closed forms. The problem
 * is used here twice and only here: to build the {@link ProblemSimulator} the learner interacts with
 * (through the {@link Environment} interface) and, after or beside learning, to score what was learned.
 * The learner itself never holds it.
 *
 * <p>Richardson extrapolation ({@code richardson = true}): two independent runs at Δt and Δt/2 (seeds
 * s and s + 1; the Δt/2 run takes √8 times the steps, see {@link #fineRun}), combined as
 * K_R = 2K_{Δt/2} − K_{Δt}, which cancels the O(Δt) bias of holding the action
 * over a step (DESIGN.md §1.2, the time-step floor). The discrete reference is combined the same way.
 */
public final class QLearningExperiment {
    private static final double TWO_PERCENT = 0.02;

    private QLearningExperiment() {}

    /** Where the transitions come from. */
    public sealed interface Source permits Simulated, Logged {}

    /** A simulator of the problem with a transition rule. */
    public record Simulated(TimeDiscretisation scheme) implements Source {}

    /** Logged transitions (offline); Richardson is not available. */
    public record Logged(TransitionLog log) implements Source {}

    /** Scalar or d-dimensional LQR, with the structure LQR declares ({@link #declaredStructure}). */
    public static QLearningReport lqr(LqrProblem problem, QLearnerConfig config, Source source, boolean richardson,
            QLearningListener listener, int evaluateEvery, NDManager manager) {
        return lqr(problem, config, source, richardson, listener, evaluateEvery, manager, declaredStructure(problem));
    }

    /** Scalar or d-dimensional LQR, learned with the given declared structure (e.g. {@link Structure#general}). */
    public static QLearningReport lqr(LqrProblem problem, QLearnerConfig config, Source source, boolean richardson,
            QLearningListener listener, int evaluateEvery, NDManager manager, Structure structure) {
        LqrParameters p = problem.parameters();
        LqrSolution exact = problem.solution();
        double[][] k = exact.K();
        double[][] states = EvaluationStates.lqr(problem.stateDim());
        long start = System.nanoTime();
        if (richardson) {
            if (!(source instanceof Simulated sim)) {
                throw new BadInputException("--richardson needs a simulator (learning at dt and dt/2), not logged transitions");
            }
            Run coarse = runLqr(problem, config, source, listener, evaluateEvery, manager, k, states, structure);
            Run fine = runLqr(problem, fineRun(config), source, listener, evaluateEvery,
                    manager, k, states, structure);
            double[][] kR = combine(fine.gain, coarse.gain);
            double[][] kd = combine(discreteGain(p, config.dt() / 2, sim.scheme()), discreteGain(p, config.dt(), sim.scheme()));
            double[][] actions = combine(fine.actions, coarse.actions);
            return new QLearningReport("lqr", problem.stateDim(), fine.valueErr, Metrics.relativeL2Error(actions, exactActions(exact, states)),
                    fine.hjb, kR, Metrics.gainRelativeError(kR, k), Metrics.gainRelativeError(kR, kd), null, null, null, null,
                    coarse.steps + fine.steps, seconds(start), null, null, config.dt(), coarse.transitions + fine.transitions,
                    sim.scheme().name(), true);
        }
        Run run = runLqr(problem, config, source, listener, evaluateEvery, manager, k, states, structure);
        Double discrete = null;
        double dt = config.dt();
        String scheme;
        if (source instanceof Simulated sim) {
            discrete = Metrics.gainRelativeError(run.gain, discreteGain(p, dt, sim.scheme()));
            scheme = sim.scheme().name();
        } else {
            TransitionLog log = ((Logged) source).log();
            double common = commonDt(log);
            scheme = "LOGGED";
            if (!Double.isNaN(common)) {
                dt = common;
                // A log from an unknown rule: Euler–rectangle is the usual logging discretisation.
                discrete = Metrics.gainRelativeError(run.gain, discreteGain(p, dt, TimeDiscretisation.EULER_RECTANGLE));
            }
        }
        return new QLearningReport("lqr", problem.stateDim(), run.valueErr,
                Metrics.relativeL2Error(run.actions, exactActions(exact, states)), run.hjb, run.gain,
                Metrics.gainRelativeError(run.gain, k), discrete, null, null, null, null, run.steps, seconds(start), run.timeTo2pct,
                null, dt, run.transitions, scheme, false);
    }

    /** Merton (single- or multi-asset), Euler transitions or a log. */
    public static QLearningReport merton(MertonProblem problem, QLearnerConfig config, Source source, boolean richardson,
            QLearningListener listener, int evaluateEvery, NDManager manager) {
        return merton(problem, config, source, richardson, listener, evaluateEvery, manager, declaredStructure(problem));
    }

    /** Merton, learned with the given declared structure. */
    public static QLearningReport merton(MertonProblem problem, QLearnerConfig config, Source source, boolean richardson,
            QLearningListener listener, int evaluateEvery, NDManager manager, Structure structure) {
        if (source instanceof Simulated sim && sim.scheme() != TimeDiscretisation.EULER_RECTANGLE) {
            throw new BadInputException("Merton has no exact transition here; use the Euler rule");
        }
        MertonSolution exact = problem.solution();
        double[][] wealth = EvaluationStates.merton();
        long start = System.nanoTime();
        Run coarse = runMerton(problem, config, source, listener, evaluateEvery, manager, exact, wealth, structure);
        Run run = coarse;
        double[][] actions = coarse.actions;
        long steps = coarse.steps;
        long transitions = coarse.transitions;
        if (richardson) {
            if (!(source instanceof Simulated)) {
                throw new BadInputException("--richardson needs a simulator (learning at dt and dt/2), not logged transitions");
            }
            run = runMerton(problem, fineRun(config), source, listener, evaluateEvery,
                    manager, exact, wealth, structure);
            actions = combine(run.actions, coarse.actions);
            steps += run.steps;
            transitions += run.transitions;
        }
        double[] means = columnMeans(actions);
        int n = problem.assets();
        double[] pi = java.util.Arrays.copyOf(means, n);
        double kHat = means[n];
        double dt = source instanceof Logged l && !Double.isNaN(commonDt(l.log())) ? commonDt(l.log()) : config.dt();
        return new QLearningReport("merton", 1, run.valueErr, Metrics.relativeL2Error(actions, exactMertonActions(exact, wealth.length)),
                run.hjb, null, null, null, n == 1 ? (Object) pi[0] : pi, kHat, Metrics.relativeL2Error(pi, exact.pi()),
                Math.abs(kHat - exact.k()) / Math.abs(exact.k()), steps, seconds(start), richardson ? null : coarse.timeTo2pct, null, dt,
                transitions, source instanceof Simulated s ? s.scheme().name() : "LOGGED", richardson);
    }

    /** The optimum of the problem the learner faces: DiscretisedLqr at Δt with the same rule. */
    public static double[][] discreteGain(LqrParameters p, double dt, TimeDiscretisation scheme) {
        DiscreteLqrSolution s = DiscretisedLqr.solve(p.A(), p.B(), p.Q(), p.R(), p.D(), p.rho(), dt, scheme);
        return s.K();
    }

    /**
     * The Δt/2 run of a Richardson pair: seed + 1 and √8 times the steps. Why √8: the fine run's TD noise per
     * transition has twice the variance and enters K_R = 2K_{Δt/2} − K_{Δt} with weight 2, so the variance
     * 8/N_fine + 1/N_coarse for a given total is least at N_fine/N_coarse = √8 (measured spread of K_R at Δt = 0.01 with
     * equal runs of 4·10⁶ transitions: 0.15 %).
     */
    static QLearnerConfig fineRun(QLearnerConfig config) {
        return config.withDt(config.dt() / 2).withSeed(config.seed() + 1).withSteps((int) Math.ceil(Math.sqrt(8) * config.steps()));
    }

    /** 2·fine − coarse, entrywise. */
    public static double[][] combine(double[][] fine, double[][] coarse) {
        double[][] out = new double[fine.length][];
        for (int i = 0; i < fine.length; i++) {
            out[i] = new double[fine[i].length];
            for (int j = 0; j < fine[i].length; j++) {
                out[i][j] = 2 * fine[i][j] - coarse[i][j];
            }
        }
        return out;
    }

    private record Run(double[][] gain, double[][] actions, Double valueErr, long steps, long transitions, Double timeTo2pct,
            Double hjb) {}

    /**
     * hjb_residual of the learned V with the learned actor, computed WITH the problem (L^aV needs f and Σ)
     * outside the learner, for reporting only: RMS(ρV − r − L^aV)/RMS(r + L^aV) over the evaluation states.
     */
    static Double hjbResidual(dev.bellman.control.hjb.ControlProblem problem, QLearner learner, double[][] states) {
        int n = states.length;
        int d = states[0].length;
        double[] flat = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(states[i], 0, flat, i * d, d);
        }
        try (NDManager m = NDManager.newBaseManager(); Scope scope = Scope.open()) {
            DataType type = learner.config().precision().dataType();
            NDArray x = m.create(flat, new Shape(n, d)).toType(type, false);
            NDArray t = m.zeros(new Shape(n, 1), type);
            double r = dev.bellman.control.hjb.HjbResidual.evaluate(problem, learner.valueField(), (tt, xx) -> learner.actor(xx), t, x,
                    dev.bellman.control.field.TraceMode.EXACT_HESSIAN).relative();
            return Double.isFinite(r) ? r : null;
        }
    }

    private static Run runLqr(LqrProblem problem, QLearnerConfig config, Source source, QLearningListener listener,
            int evaluateEvery, NDManager manager, double[][] k, double[][] states, Structure structure) {
        LqrSolution exact = problem.solution();
        double[] reference = new double[states.length];
        for (int i = 0; i < states.length; i++) {
            reference[i] = exact.value(states[i]);
        }
        Double[] first = {null};
        QLearningListener scoring = (progress, learner) -> {
            double[][] a = evaluate(learner, states, false);
            double err = Metrics.kRelErr(states, a, k);
            if (first[0] == null && err <= TWO_PERCENT) {
                first[0] = progress.elapsedSeconds();
            }
            listener.onEvaluation(progress, learner);
        };
        try (QLearner learner = learner(problem, config, source, manager, structure)) {
            learner.learn(scoring, evaluateEvery);
            double[][] a = evaluate(learner, states, false);
            double[] v = column(evaluate(learner, states, true));
            return new Run(Metrics.fitGain(states, a), a, Metrics.relativeL2Error(v, reference), learner.steps(), learner.transitions(),
                    first[0], hjbResidual(problem, learner, states));
        }
    }

    private static Run runMerton(MertonProblem problem, QLearnerConfig config, Source source, QLearningListener listener,
            int evaluateEvery, NDManager manager, MertonSolution exact, double[][] wealth, Structure structure) {
        double[][] target = exactMertonActions(exact, wealth.length);
        Double[] first = {null};
        QLearningListener scoring = (progress, learner) -> {
            double[] means = columnMeans(evaluate(learner, wealth, false));
            int n = problem.assets();
            double piErr = Metrics.relativeL2Error(java.util.Arrays.copyOf(means, n), exact.pi());
            double kErr = Math.abs(means[n] - exact.k()) / exact.k();
            if (first[0] == null && Math.max(piErr, kErr) <= TWO_PERCENT) {
                first[0] = progress.elapsedSeconds();
            }
            listener.onEvaluation(progress, learner);
        };
        try (QLearner learner = learner(problem, config, source, manager, structure)) {
            learner.learn(scoring, evaluateEvery);
            double[][] a = evaluate(learner, wealth, false);
            double[] v = column(evaluate(learner, wealth, true));
            double[] reference = exact.values(column(wealth));
            return new Run(null, a, Metrics.relativeL2Error(v, reference), learner.steps(), learner.transitions(), first[0],
                    hjbResidual(problem, learner, wealth));
        }
    }

    private static QLearner learner(dev.bellman.control.hjb.ControlProblem problem, QLearnerConfig config, Source source,
            NDManager manager, Structure structure) {
        if (source instanceof Simulated sim) {
            return new QLearner(new ProblemSimulator(problem, sim.scheme(), structure), config, manager);
        }
        TransitionLog log = ((Logged) source).log();
        return new QLearner(Task.of(problem.stateDim(), problem.actionSpace(), problem.discountRate(), structure), log, config, manager);
    }

    /**
     * What is known about the form of the reference problems, declared to the learner (which picks its architecture
     * from the declaration, not from the problem): LQR is homogeneous linear-quadratic; Merton's consumption per
     * unit wealth is a positive scale (its advantage is symmetric in log k) and the problem is homogeneous of degree
     * 1 − γ in wealth; anything else declares nothing.
     */
    public static Structure declaredStructure(dev.bellman.control.hjb.ControlProblem problem) {
        if (problem instanceof LqrProblem lqr) {
            return Structure.linearQuadratic(lqr.actionDim());
        }
        if (problem instanceof MertonProblem merton) {
            // wealth dynamics linear in x, utility (kx)^{1−γ}/(1−γ) (log for γ = 1): homogeneous of degree 1 − γ
            return Structure.homogeneous(1 - merton.parameters().gamma(), merton.actionDim()).withLogAction(merton.assets());
        }
        return Structure.general(problem.actionSpace().dim());
    }

    /** The learner's actor (or V if {@code value}) at host states (N, d), as host rows. */
    public static double[][] evaluate(QLearner learner, double[][] states, boolean value) {
        int n = states.length;
        int d = states[0].length;
        double[] flat = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(states[i], 0, flat, i * d, d);
        }
        try (NDManager m = ai.djl.ndarray.NDManager.newBaseManager(); Scope scope = Scope.open()) {
            NDArray x = m.create(flat, new Shape(n, d)).toType(learner.config().precision().dataType(), false);
            NDArray out = value ? learner.value(x) : learner.actor(x);
            double[] v = ParameterSnapshot.toDoubles(out.toType(DataType.FLOAT64, false));
            int c = v.length / n;
            double[][] rows = new double[n][c];
            for (int i = 0; i < n; i++) {
                System.arraycopy(v, i * c, rows[i], 0, c);
            }
            return rows;
        }
    }

    private static double[][] exactActions(LqrSolution exact, double[][] states) {
        double[][] a = new double[states.length][];
        for (int i = 0; i < states.length; i++) {
            a[i] = exact.action(states[i]);
        }
        return a;
    }

    private static double[][] exactMertonActions(MertonSolution exact, int n) {
        double[] pi = exact.pi();
        double[][] a = new double[n][pi.length + 1];
        for (double[] row : a) {
            System.arraycopy(pi, 0, row, 0, pi.length);
            row[pi.length] = exact.k();
        }
        return a;
    }

    private static double[] columnMeans(double[][] rows) {
        double[] mean = new double[rows[0].length];
        for (double[] r : rows) {
            for (int j = 0; j < r.length; j++) {
                mean[j] += r[j] / rows.length;
            }
        }
        return mean;
    }

    private static double[] column(double[][] rows) {
        double[] c = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            c[i] = rows[i][0];
        }
        return c;
    }

    /** The log's Δt if all rows share it (to 1e-12 relative), else NaN. */
    static double commonDt(TransitionLog log) {
        double[] rows = log.rowsUnsafe();
        int c = TransitionLog.columns(log.stateDim(), log.actionDim());
        double first = rows[c - 1];
        for (int i = 1; i < log.count(); i++) {
            if (Math.abs(rows[i * c + c - 1] - first) > 1e-12 * first) {
                return Double.NaN;
            }
        }
        return first;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) * 1e-9;
    }
}
