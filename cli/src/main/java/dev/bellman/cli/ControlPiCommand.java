package dev.bellman.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.bellman.cli.control.ControlReport;
import dev.bellman.cli.control.IterationProgress;
import dev.bellman.control.BadInputException;
import dev.bellman.control.finite.FiniteHorizonProblem;
import dev.bellman.control.finite.FiniteHorizonSolver;
import dev.bellman.control.finite.FiniteProblemKind;
import dev.bellman.control.finite.FiniteProblemSpec;
import dev.bellman.control.finite.FiniteResult;
import dev.bellman.control.finite.FiniteSolverConfig;
import dev.bellman.control.finite.IterationRecord;
import dev.bellman.control.pi.HistoryRow;
import dev.bellman.control.pi.PolicyIterationConfig;
import dev.bellman.control.pi.PolicyIterationRun;
import dev.bellman.control.pi.ReferenceCase;
import dev.bellman.control.problemfile.ParameterOverrides;
import dev.bellman.control.problemfile.ProblemFile;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.reference.MertonParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bellman control pi}: neural policy iteration (DESIGN.md §1.2). */
@Command(name = "pi", mixinStandardHelpOptions = true, description = "Neural policy iteration.")
final class ControlPiCommand extends RunCommand {
    /** The finite-horizon problems, solved by {@link FiniteHorizonSolver}. */
    static final List<String> FINITE_HORIZON = List.of("lqr-finite", "merton-finite", "hjb-lq");

    @Mixin
    ProblemOptions problem = new ProblemOptions();

    @Option(names = "--horizon", paramLabel = "T", description = "Horizon of a finite-horizon problem.")
    Double horizon;

    @Option(names = "--iterations", paramLabel = "N", description = "Policy iterations.")
    Integer iterations;

    /**
     * The validated configuration of a stationary run (recorded in run.json).
     *
     * @param problem lqr or merton
     * @param dim d
     * @param parameters the problem's parameter record (after --set and --problem-file)
     * @param solver the policy-iteration settings
     * @param reference the validated problem with its closed form (not recorded)
     */
    record Configuration(@JsonProperty("problem") String problem, @JsonProperty("dim") int dim,
            @JsonProperty("parameters") Object parameters, @JsonProperty("solver") PolicyIterationConfig solver,
            @JsonIgnore ReferenceCase reference) {}

    /**
     * The validated configuration of a finite-horizon run (recorded in run.json).
     *
     * @param problem lqr-finite, merton-finite or hjb-lq
     * @param dim d
     * @param horizon T of the built problem
     * @param sets the --set overrides as given
     * @param problemFile the problem file, or null
     * @param solver the solver settings (the least-squares part serves lqr-finite and merton-finite)
     * @param built the validated problem (not recorded)
     */
    record FiniteConfiguration(@JsonProperty("problem") String problem, @JsonProperty("dim") int dim,
            @JsonProperty("horizon") double horizon, @JsonProperty("sets") List<String> sets,
            @JsonProperty("problem_file") String problemFile, @JsonProperty("solver") FiniteSolverConfig solver,
            @JsonIgnore FiniteHorizonProblem built) {}

    @Override
    protected String commandName() {
        return "control-pi";
    }

    @Override
    protected Object configuration() {
        String name = problem.problem == null ? "" : problem.problem.strip();
        List<String> sets = sets(problem.set);
        if (FINITE_HORIZON.contains(name)) {
            return finiteHorizonConfiguration(name, sets);
        }
        if (horizon != null) {
            throw new BadInputException("--horizon applies to finite-horizon problems (" + String.join(", ", FINITE_HORIZON)
                    + "), not to " + name);
        }
        ReferenceCase reference;
        Object parameters;
        switch (name) {
            case "lqr" -> {
                LqrParameters p;
                if (problem.problemFile != null) {
                    p = ParameterOverrides.lqr(ProblemFile.lqr(problem.problemFile), sets);
                    if (problem.dim != null && problem.dim != p.stateDimension()) {
                        throw new BadInputException("--dim " + problem.dim + " disagrees with the problem file's d = "
                                + p.stateDimension());
                    }
                } else {
                    p = ParameterOverrides.lqr(problem.dim == null ? 1 : problem.dim, sets);
                }
                parameters = p;
                LqrParameters lqr = p;
                reference = fromFile(() -> ReferenceCase.lqr(lqr));
            }
            case "merton" -> {
                if (problem.dim != null && problem.dim != 1) {
                    throw new BadInputException("merton has one state (wealth); --dim " + problem.dim + " does not apply");
                }
                MertonParameters p = problem.problemFile != null
                        ? ParameterOverrides.merton(ProblemFile.merton(problem.problemFile), sets)
                        : ParameterOverrides.merton(sets);
                parameters = p;
                reference = fromFile(() -> ReferenceCase.merton(p));
            }
            default -> throw new BadInputException("unknown --problem '" + name + "' (expected lqr, merton, "
                    + String.join(", ", FINITE_HORIZON) + ")");
        }
        PolicyIterationConfig solver = PolicyIterationConfig.forCase(reference).withSeed(global.values().seed);
        if (iterations != null) {
            solver = solver.withIterations(iterations);
        }
        return new Configuration(name, reference.dim(), parameters, solver, reference);
    }

    /**
     * lqr-finite, merton-finite and hjb-lq: builds (and so validates) the problem from --dim, --horizon,
     * --set and --problem-file before anything is created; the solver's defaults per problem, with
     * --iterations and the global seed.
     */
    private Object finiteHorizonConfiguration(String name, List<String> sets) {
        FiniteProblemKind kind = FiniteProblemKind.parse(name);
        FiniteProblemSpec spec = new FiniteProblemSpec(kind, problem.dim == null ? 1 : problem.dim, horizon, sets,
                problem.problemFile);
        FiniteHorizonProblem built = spec.build();
        if (problem.problemFile != null && problem.dim != null && problem.dim != built.stateDim()) {
            throw new BadInputException("--dim " + problem.dim + " disagrees with the problem file's d = " + built.stateDim());
        }
        FiniteSolverConfig solver = FiniteSolverConfig.defaults(kind, built.stateDim()).withSeed(global.values().seed);
        if (iterations != null) {
            solver = solver.withIterations(iterations);
        }
        return new FiniteConfiguration(name, built.stateDim(), built.T(), sets,
                problem.problemFile == null ? null : problem.problemFile.toString(), solver, built);
    }

    /** Runs the finite-horizon solver with a progress bar; history.csv and convergence/trajectory plots. */
    private Object executeFinite(RunContext context, FiniteConfiguration c) throws Exception {
        FiniteResult result;
        try (IterationProgress progress = new IterationProgress("control pi " + c.problem(), c.solver().iterations(),
                context.diagnostics())) {
            result = FiniteHorizonSolver.solve(c.built(), c.solver(), rec -> progress.step(rec.iteration(),
                    String.format(" V %.1e a %.1e", rec.valueRelL2(), rec.actionRelL2())));
        }
        String evaluation = FiniteHorizonSolver.evaluationMethod(c.built());
        List<HistoryRow> rows = new ArrayList<>();
        for (IterationRecord r : result.history()) {
            rows.add(new HistoryRow(r.iteration(), r.wallSeconds(), evaluation, r.valueFitLoss(), r.policyObjective(),
                    r.hjbResidual(), r.valueRelL2(), r.actionRelL2(), null));
        }
        ControlReport report = new ControlReport(context.runDirectory());
        report.writeHistory(rows);
        dev.bellman.cli.control.FiniteTrajectoryPlot.write(context.runDirectory(), result.trajectories(), c.problem());
        if (!context.json()) {
            System.out.printf("%s d=%d T=%s: V_rel_l2 %.3e, action_rel_l2 %.3e, hjb_residual %.3e, %d iterations, %.1f s%n",
                    result.problem(), result.dim(), result.horizon(), result.valueRelL2(), result.actionRelL2(),
                    result.hjbResidual(), result.iterations(), result.wallSeconds());
            if (result.kRelErr() != null) {
                System.out.printf("K_rel_err %.3e%n", result.kRelErr());
            }
            if (result.piRelErr() != null) {
                System.out.printf("pi_rel_err %.3e%n", result.piRelErr());
            }
            if (result.u0() != null) {
                System.out.printf("u0 %.6f (exact %.6f, rel err %.3e; uncontrolled %.6f), off_origin_rel_err %.3e%n",
                        result.u0(), result.u0Exact(), result.u0RelErr(), result.u0Uncontrolled(), result.offOriginRelErr());
            }
        }
        return result;
    }

    /**
     * Builds the reference case; when the parameters came from --problem-file, an ill-posed problem
     * (no stabilising policy, infinite value) names that file, so the user knows what to edit.
     */
    private ReferenceCase fromFile(java.util.function.Supplier<ReferenceCase> build) {
        try {
            return build.get();
        } catch (BadInputException e) {
            if (problem.problemFile == null) {
                throw e;
            }
            throw new BadInputException("problem file " + problem.problemFile + ": " + e.getMessage());
        }
    }

    private static List<String> sets(Map<String, String> set) {
        List<String> out = new ArrayList<>();
        if (set != null) {
            set.forEach((k, v) -> out.add(k + "=" + v));
        }
        return out;
    }

    @Override
    protected Object execute(RunContext context, Object configuration) throws Exception {
        if (configuration instanceof FiniteConfiguration f) {
            return executeFinite(context, f);
        }
        Configuration c = (Configuration) configuration;
        try (NDManager manager = context.engine().newManager();
                IterationProgress progress = new IterationProgress("control pi " + c.problem(), c.solver().iterations(),
                        context.diagnostics());
                PolicyIterationRun.Outcome outcome = PolicyIterationRun.run(c.reference(), c.solver(), manager, progress)) {
            progress.close();
            ControlReport report = new ControlReport(context.runDirectory());
            report.writeHistory(outcome.history());
            report.writePlots(c.reference(), outcome, manager, context.engine().config().seed());
            if (!context.json()) {
                report.printTable(c.reference(), outcome.scores(), System.out);
            }
            return outcome.result();
        }
    }
}
