package dev.bellman.control.finite;

import dev.bellman.control.BadInputException;
import dev.bellman.control.problemfile.ParameterOverrides;
import dev.bellman.control.problemfile.ProblemFile;
import dev.bellman.control.reference.HanJentzenE;
import dev.bellman.control.reference.LqrFiniteParameters;
import dev.bellman.control.reference.MertonFiniteSolution;
import java.nio.file.Path;
import java.util.List;

/**
 * What a user asked for on the command line: {@code --problem lqr-finite|merton-finite|hjb-lq
 * [--dim d] [--horizon T] [--set key=value ...] [--problem-file F]}. {@link #build()} validates it
 * (BadInputException for user mistakes) and returns the problem.
 *
 * @param kind the problem
 * @param dim d ≥ 1 (lqr-finite: decoupled copies; hjb-lq: the dimension; merton-finite: must be 1)
 * @param horizon T, overriding the parameters' own (null: keep)
 * @param sets {@code key=value} overrides (names of DESIGN.md §4)
 * @param problemFile a YAML/JSON problem file (lqr-finite only), or null
 */
public record FiniteProblemSpec(FiniteProblemKind kind, int dim, Double horizon, List<String> sets, Path problemFile) {
    public FiniteProblemSpec {
        if (kind == null) {
            throw new BadInputException("a finite-horizon problem must be named");
        }
        if (dim < 1) {
            throw new BadInputException("--dim must be at least 1, got " + dim);
        }
        if (horizon != null && (!(horizon > 0) || !Double.isFinite(horizon))) {
            throw new BadInputException("--horizon must be a finite number > 0, got " + horizon);
        }
        if (kind == FiniteProblemKind.MERTON_FINITE && dim != 1) {
            throw new BadInputException("merton-finite has one wealth state: --dim must be 1, got " + dim);
        }
        if (problemFile != null && kind != FiniteProblemKind.LQR_FINITE) {
            throw new BadInputException("--problem-file is read for lqr-finite only, not " + kind.label());
        }
        sets = sets == null ? List.of() : List.copyOf(sets);
    }

    public static FiniteProblemSpec of(String name, int dim) {
        return new FiniteProblemSpec(FiniteProblemKind.parse(name), dim, null, List.of(), null);
    }

    /** The problem, with --set overrides applied and --horizon last. */
    public FiniteHorizonProblem build() {
        switch (kind) {
            case LQR_FINITE -> {
                LqrFiniteParameters p = problemFile == null ? ParameterOverrides.lqrFinite(dim, sets)
                        : ParameterOverrides.lqrFinite(ProblemFile.lqrFinite(problemFile), sets);
                if (horizon != null) {
                    p = new LqrFiniteParameters(p.dynamics(), p.Q_T(), horizon);
                }
                return new LqrFiniteProblem(p);
            }
            case MERTON_FINITE -> {
                MertonFiniteSolution s = ParameterOverrides.mertonFinite(sets);
                if (horizon != null) {
                    s = MertonFiniteSolution.of(s.problem(), horizon);
                }
                return new MertonFiniteProblem(s);
            }
            case HJB_LQ -> {
                HanJentzenE h = ParameterOverrides.hjbLq(dim, sets);
                if (horizon != null) {
                    h = new HanJentzenE(h.d(), h.lambda(), horizon);
                }
                return new HjbLqProblem(h);
            }
            default -> throw new IllegalStateException("unhandled " + kind);
        }
    }
}
