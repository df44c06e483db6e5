package dev.bellman.control.finite;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.bellman.control.field.ScalarField;
import dev.bellman.control.generator.Policy;
import dev.bellman.control.hjb.ControlProblem;
import java.util.OptionalDouble;

/**
 * A finite-horizon control problem on [0, T] in reward form (DESIGN.md §1.0) with a closed-form (or
 * quadrature) solution to score a learner against:
 * maximise E[∫ₜ^T e^{−ρ(s−t)} r(s, X_s, a_s) ds + e^{−ρ(T−t)} g(X_T)].
 */
public interface FiniteHorizonProblem extends ControlProblem {

    /** The CLI name: {@code lqr-finite}, {@code merton-finite}, {@code hjb-lq}. */
    String name();

    /** T &gt; 0. */
    double T();

    @Override
    default OptionalDouble horizon() {
        return OptionalDouble.of(T());
    }

    /** The exact value V(t, x) (reward form) as a time-dependent scalar field. */
    ScalarField exactValue();

    /** The exact optimal feedback a*(t, x). */
    Policy exactPolicy();

    /** Where to start Monte Carlo evaluations and put collocation points: [0, T] × training domain. */
    SpaceTimeSampler trainingPoints();

    /** The fixed evaluation points (t, x) of V_rel_l2 and action_rel_l2: times in [0, T] × evaluation states. */
    SpaceTimePoints evaluationPoints(NDManager manager, DataType dataType);

    /** The problem's own metrics of a learned value and policy. */
    ProblemMetrics metrics(ScalarField value, Policy policy, NDManager manager, DataType dataType);

    /**
     * The separable space-time architecture the problem offers to {@link LeastSquaresPolicyIteration}
     * (a modelling choice stated by the problem: which state functions V and a are built from), or
     * empty (then {@link #symmetry()} may select the radial route, else the generic MLP solver is used).
     */
    default java.util.Optional<BasisArchitecture> basisArchitecture() {
        return java.util.Optional.empty();
    }

    /**
     * The symmetry the problem declares ({@link Symmetry#NONE} unless overridden). A problem that declares
     * {@link Symmetry#ROTATION} and offers no {@link #basisArchitecture()} is solved by
     * {@link RadialPolicyIteration} with a value in (t, ‖x‖²) and an equivariant feedback h(t, ‖x‖²)x.
     */
    default Symmetry symmetry() {
        return Symmetry.NONE;
    }

    /** The 11 evenly spaced times 0, T/10, …, T at which errors are reported over [0, T]. */
    default double[] evaluationTimes() {
        double[] t = new double[11];
        for (int i = 0; i <= 10; i++) {
            t[i] = T() * i / 10.0;
        }
        return t;
    }
}
