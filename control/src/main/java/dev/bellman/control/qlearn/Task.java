package dev.bellman.control.qlearn;

import dev.bellman.control.BadInputException;
import dev.bellman.control.hjb.ActionSpace;

/**
 * What a model-free learner is told about a control task (DESIGN.md §1.2): the state dimension d, the
 * admissible actions A ⊂ R^m and the discount rate ρ of the objective E ∫₀^∞ e^{−ρt} r dt. Nothing of
 * the dynamics: no drift f, no diffusion Σ, no reward function. This is the whole of what
 * {@link QLearner} can reach besides the transitions themselves.
 */
public interface Task {

    /** d. */
    int stateDim();

    /** The admissible actions (m = {@code actionSpace().dim()}); the actor's raw outputs go through its transform. */
    ActionSpace actionSpace();

    /** ρ &gt; 0. */
    double discountRate();

    /** m. */
    default int actionDim() {
        return actionSpace().dim();
    }

    /**
     * What the task declares about its form ({@link Structure}); the learner picks its architecture from it.
     * Default: nothing declared.
     */
    default Structure structure() {
        return Structure.general(actionDim());
    }

    /** A task from its three facts (e.g. for offline learning from a {@link TransitionLog}), nothing declared. */
    static Task of(int stateDim, ActionSpace actions, double discountRate) {
        return of(stateDim, actions, discountRate, actions == null ? null : Structure.general(Math.max(1, actions.dim())));
    }

    /** A task from its three facts and a declared structure. */
    static Task of(int stateDim, ActionSpace actions, double discountRate, Structure structure) {
        if (stateDim < 1) {
            throw new BadInputException("a task needs a state dimension ≥ 1, got " + stateDim);
        }
        if (actions == null || actions.dim() < 1) {
            throw new BadInputException("a task needs an action space of dimension ≥ 1");
        }
        if (!(discountRate > 0) || !Double.isFinite(discountRate)) {
            throw new BadInputException("continuous-time Q-learning needs a discount rate rho > 0, got " + discountRate);
        }
        requireConsistent(structure, actions);
        requireConsistent(structure, stateDim);
        return new Task() {
            @Override
            public int stateDim() {
                return stateDim;
            }

            @Override
            public ActionSpace actionSpace() {
                return actions;
            }

            @Override
            public double discountRate() {
                return discountRate;
            }

            @Override
            public Structure structure() {
                return structure;
            }
        };
    }

    /** Refuses a structure that does not fit the action space (count; a linear-quadratic task has unbounded actions). */
    static void requireConsistent(Structure structure, ActionSpace actions) {
        if (structure == null) {
            throw new BadInputException("a task needs a structure (Structure.general(m) when nothing is known)");
        }
        if (structure.actionDim() != actions.dim()) {
            throw new BadInputException("the structure declares " + structure.actionDim() + " actions, the action space has " + actions.dim());
        }
        if (structure.form() == Structure.Form.LINEAR_QUADRATIC && !(actions instanceof ActionSpace.Unbounded)) {
            throw new BadInputException("a linear-quadratic structure needs unbounded actions");
        }
    }

    /** Refuses a structure that does not fit the state (a homogeneous task has one positive state). */
    static void requireConsistent(Structure structure, int stateDim) {
        if (structure.form() == Structure.Form.HOMOGENEOUS && stateDim != 1) {
            throw new BadInputException("a homogeneous structure has one (positive) state, the task has " + stateDim);
        }
    }
}
