package dev.bellman.cli;

import ai.djl.ndarray.NDManager;
import dev.bellman.cli.control.ControlReport;
import dev.bellman.control.BadInputException;
import dev.bellman.control.hjb.ControlProblem;
import dev.bellman.control.problemfile.ParameterOverrides;
import dev.bellman.control.problemfile.ProblemFile;
import dev.bellman.control.problems.LqrProblem;
import dev.bellman.control.problems.MertonProblem;
import dev.bellman.control.qlearn.QLearnerConfig;
import dev.bellman.control.qlearn.QLearningExperiment;
import dev.bellman.control.qlearn.QLearningListener;
import dev.bellman.control.qlearn.QlearnDefaults;
import dev.bellman.control.qlearn.Structure;
import dev.bellman.control.qlearn.TransitionLog;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.reference.MertonParameters;
import dev.bellman.control.riccati.TimeDiscretisation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bellman control qlearn}: model-free continuous-time Q-learning (DESIGN.md §1.2) on lqr or merton,
 * online against a simulator of the problem or offline from {@code --transitions FILE}. The result has the
 * keys of {@code control pi} plus {@code K_rel_err_discrete}, {@code dt} and {@code transitions}.
 */
@Command(name = "qlearn", mixinStandardHelpOptions = true, description = "Model-free continuous-time Q-learning.")
final class ControlQlearnCommand extends RunCommand {
    static final double DEFAULT_DT = 0.01;

    @Mixin
    ProblemOptions problem = new ProblemOptions();

    @Option(names = "--dt", paramLabel = "h", description = "Time step Δt of the transitions (default 0.01).")
    Double dt;

    @Option(names = "--steps", paramLabel = "N", description = "Learning steps (default: lqr 4000 at dt ≥ 0.01, more below;"
            + " merton twice that; with --richardson the dt/2 run takes √8 times as many).")
    Integer steps;

    @Option(names = "--richardson", description = "Learn at Δt and Δt/2 and combine the gains (removes the O(Δt) bias).")
    boolean richardson;

    @Option(names = "--exact", description = "lqr: simulate with the exact transition and a trapezoid reward (default: Euler, rectangle).")
    boolean exact;

    @Option(names = "--architecture", paramLabel = "declared|general", description = "declared (default): the architecture the"
            + " problem's declared structure selects (lqr: linear-quadratic, merton: homogeneous in wealth; both learned by"
            + " least-squares policy iteration); general: neural value and advantage, nothing declared.")
    String architecture;

    @Option(names = "--transitions", paramLabel = "FILE", description = "Learn offline from logged transitions (.csv or .npy).")
    Path transitions;

    @Override
    protected String commandName() {
        return "control-qlearn";
    }

    @Override
    protected Object configuration() {
        String name = problem.problem == null ? "" : problem.problem.strip();
        double h = dt == null ? DEFAULT_DT : dt;
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new BadInputException("--dt must be a finite number > 0, got " + h);
        }
        if (steps != null && steps <= 0) {
            throw new BadInputException("--steps must be ≥ 1, got " + steps);
        }
        int d = problem.dim == null ? 1 : problem.dim;
        if (d < 1) {
            throw new BadInputException("--dim must be at least 1, got " + d);
        }
        List<String> sets = new ArrayList<>();
        for (Map.Entry<String, String> e : problem.set.entrySet()) {
            sets.add(e.getKey() + "=" + e.getValue());
        }
        long seed = global.values().seed;
        LqrParameters lqr = null;
        MertonParameters merton = null;
        QLearnerConfig learner;
        int stateDim;
        int actionDim;
        switch (name) {
            case "lqr" -> {
                lqr = problem.problemFile != null ? ParameterOverrides.lqr(ProblemFile.lqr(problem.problemFile), sets)
                        : ParameterOverrides.lqr(d, sets);
                if (problem.problemFile != null && problem.dim != null && problem.dim != lqr.stateDimension()) {
                    throw new BadInputException("--dim " + problem.dim + " contradicts the problem file's dimension " + lqr.stateDimension());
                }
                if (!(lqr.rho() > 0)) {
                    throw new BadInputException("Q-learning needs a discount rate rho > 0, got " + lqr.rho());
                }
                stateDim = lqr.stateDimension();
                actionDim = lqr.actionDimension();
                learner = QlearnDefaults.lqr(actionDim, h, seed);
            }
            case "merton" -> {
                if (d != 1) {
                    throw new BadInputException("merton has one state (wealth); --dim must be 1, got " + d);
                }
                merton = problem.problemFile != null ? ParameterOverrides.merton(ProblemFile.merton(problem.problemFile), sets)
                        : ParameterOverrides.merton(sets);
                if (!(merton.rho() > 0)) {
                    throw new BadInputException("Q-learning needs a discount rate rho > 0, got " + merton.rho());
                }
                stateDim = 1;
                actionDim = merton.assets() + 1;
                learner = QlearnDefaults.merton(merton.assets(), merton.rho(), h, seed);
            }
            default -> throw new BadInputException("control qlearn: unknown problem '" + name + "' (expected lqr or merton)");
        }
        if (exact && !"lqr".equals(name)) {
            throw new BadInputException("--exact is only available for lqr (a linear SDE)");
        }
        learner = learner.withPrecision(global.values().dtype);
        if (steps != null) {
            learner = learner.withSteps(steps);
        }
        TransitionLog log = null;
        if (transitions != null) {
            if (richardson) {
                throw new BadInputException("--richardson learns at dt and dt/2 from a simulator; it cannot be used with --transitions");
            }
            log = QlearnTransitionsFile.read(transitions, stateDim, actionDim);
        }
        TimeDiscretisation scheme = exact ? TimeDiscretisation.EXACT_TRAPEZOID : TimeDiscretisation.EULER_RECTANGLE;
        String arch = architecture == null ? "declared" : architecture.strip();
        ControlProblem declaredFor = lqr != null ? new LqrProblem(lqr) : new MertonProblem(merton);
        Structure structure = switch (arch) {
            case "declared" -> QLearningExperiment.declaredStructure(declaredFor);
            case "general" -> Structure.general(actionDim);
            default -> throw new BadInputException("--architecture must be declared or general, got '" + arch + "'");
        };
        return new QlearnConfiguration(name, lqr, merton, learner, scheme, richardson, transitions, log, structure);
    }

    /** Up to four start states for the trajectory plot: LQR ±1, ±2 along every axis; Merton wealths 0.5, 1, 2, 5. */
    static double[][] trajectoryStarts(ControlProblem problem) {
        if (problem instanceof MertonProblem) {
            return new double[][] {{0.5}, {1}, {2}, {5}};
        }
        int d = problem.stateDim();
        double[] levels = {-2, -1, 1, 2};
        double[][] s = new double[levels.length][d];
        for (int i = 0; i < levels.length; i++) {
            java.util.Arrays.fill(s[i], levels[i]);
        }
        return s;
    }

    @Override
    protected Object execute(RunContext context, Object configuration) {
        QlearnConfiguration c = (QlearnConfiguration) configuration;
        QLearningExperiment.Source source = c.log() != null ? new QLearningExperiment.Logged(c.log())
                : new QLearningExperiment.Simulated(c.scheme());
        ControlProblem problem = c.lqr() != null ? new LqrProblem(c.lqr()) : new MertonProblem(c.merton());
        double[][] starts = trajectoryStarts(problem);
        ControlReport report = new ControlReport(context.runDirectory());
        long seed = context.engine().config().seed();
        int every = Math.max(1, c.learner().steps() / 20);
        try (NDManager manager = context.engine().newManager()) {
            QLearningListener progress = (p, learner) -> {
                context.diagnostics().printf("qlearn: step %d/%d  dt %.4g  td-rate rms %.4g  %.1f s%n", p.step(), p.steps(),
                        learner.config().dt(), p.tdRateRms(), p.elapsedSeconds());
                if (p.step() == p.steps()) {
                    // The shared control report's trajectories under the learned actor (the problem simulates them here,
                    // after learning; the learner never held it).
                    report.plotTrajectories(problem, (t, x) -> learner.actor(x), starts, manager, seed);
                }
            };
            if (problem instanceof LqrProblem lqr) {
                return QLearningExperiment.lqr(lqr, c.learner(), source, c.richardson(), progress, every, manager, c.structure());
            }
            return QLearningExperiment.merton((MertonProblem) problem, c.learner(), source, c.richardson(), progress, every, manager,
                    c.structure());
        }
    }
}
