package dev.bellman.control.qlearn;

import dev.bellman.control.BadInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a task declares about its own form (a property of the problem class, never its dynamics), from which
 * {@link QLearner} picks its architecture. The learner still sees only transitions; a declaration narrows the
 * function classes it fits, so a false one biases the result (a user who is unsure declares {@link #general}).
 *
 * @param form {@link Form#GENERAL}: neural V and a neural-centred quadratic advantage; {@link Form#LINEAR_QUADRATIC}:
 *     the quadratic V and linear-centred advantage that contain the exact discrete-time optimum of a homogeneous
 *     linear-quadratic problem
 * @param degree p for {@link Form#HOMOGENEOUS} (0: logarithmic), NaN otherwise
 * @param actions per action coordinate, the coordinates in which the advantage is modelled as quadratic and
 *     exploration is Gaussian
 */
public record Structure(Form form, double degree, List<ActionCoordinate> actions) {

    /** The problem class. */
    public enum Form {
        /** No assumption: V and the advantage's centre and curvature are networks of the state. */
        GENERAL,
        /**
         * Dynamics linear in (x, a) without an affine term, a reward that is a quadratic form in (x, a), actions
         * unbounded. For any transition rule that keeps the step linear-Gaussian (Euler, or the exact transition
         * with a trapezoid reward) the discretised optimum is V(x) = −½xᵀPx − c and
         * q(x, a) = −½(a + Kx)ᵀR̃(a + Kx) with R̃ constant (DiscretisedLqr): the learner fits exactly these forms
         * (no bias terms: the optimal action at x = 0 is 0).
         */
        LINEAR_QUADRATIC,
        /**
         * One positive state x &gt; 0 (a wealth) whose dynamics are positively homogeneous of degree one
         * (f(λx, a) = λf(x, a), Σ(λx, a) = λΣ(x, a)) with a reward homogeneous of degree p (r(λx, a) = λ^p r(x, a);
         * for p = 0, r(λx, a) = r(x, a) + c log λ). Then V(x) = θx^p (θ₁log x + θ₀ for p = 0), the optimal actions do
         * not depend on x, and q(x, a) = x^p h(a) (h(a) for p = 0): Merton's problem with CRRA utility, p = 1 − γ.
         * The learner fits exactly these forms, with h quadratic in the action coordinates around a constant centre.
         */
        HOMOGENEOUS
    }

    /** How one action coordinate is modelled. */
    public enum ActionCoordinate {
        /** Quadratic in a; exploration a + sξ. */
        LINEAR,
        /**
         * A positive scale variable (a rate such as Merton's consumption per unit wealth): quadratic in log a,
         * exploration a·e^{sξ} with s in log units. Why: for a power or log utility the advantage in a scale
         * variable is c₁/a + c₂a, which is −2√(c₁c₂)(cosh(log a − log a*) − 1), symmetric in log a, so a quadratic
         * fit with symmetric exploration has an unbiased centre, where in a itself it is skewed.
         */
        LOG
    }

    public Structure {
        if (form == null || actions == null || actions.isEmpty() || actions.contains(null)) {
            throw new BadInputException("a structure needs a form and a coordinate for each action");
        }
        if (form == Form.HOMOGENEOUS ? !Double.isFinite(degree) : !Double.isNaN(degree)) {
            throw new BadInputException("a degree belongs to (and is required by) the homogeneous form, got " + degree);
        }
        if (form == Form.LINEAR_QUADRATIC && actions.contains(ActionCoordinate.LOG)) {
            throw new BadInputException("a linear-quadratic task has unbounded (linear) actions");
        }
        actions = List.copyOf(actions);
    }

    /** No declared structure: m linear action coordinates. */
    public static Structure general(int m) {
        return new Structure(Form.GENERAL, Double.NaN, Collections.nCopies(requirePositive(m), ActionCoordinate.LINEAR));
    }

    /** A homogeneous linear-quadratic task with m actions. */
    public static Structure linearQuadratic(int m) {
        return new Structure(Form.LINEAR_QUADRATIC, Double.NaN, Collections.nCopies(requirePositive(m), ActionCoordinate.LINEAR));
    }

    /** A homogeneous task of degree p with m actions ({@link Form#HOMOGENEOUS}; p = 0: logarithmic). */
    public static Structure homogeneous(double p, int m) {
        return new Structure(Form.HOMOGENEOUS, p, Collections.nCopies(requirePositive(m), ActionCoordinate.LINEAR));
    }

    /** The same, with action coordinate i declared a positive scale ({@link ActionCoordinate#LOG}). */
    public Structure withLogAction(int i) {
        if (i < 0 || i >= actions.size()) {
            throw new BadInputException("action index " + i + " out of range for " + actions.size() + " actions");
        }
        List<ActionCoordinate> c = new ArrayList<>(actions);
        c.set(i, ActionCoordinate.LOG);
        return new Structure(form, degree, c);
    }

    /** m. */
    public int actionDim() {
        return actions.size();
    }

    /** Whether any coordinate is {@link ActionCoordinate#LOG}. */
    public boolean hasLogActions() {
        return actions.contains(ActionCoordinate.LOG);
    }

    private static int requirePositive(int m) {
        if (m < 1) {
            throw new BadInputException("a task needs at least one action, got " + m);
        }
        return m;
    }
}
