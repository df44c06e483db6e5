package dev.bellman.control.qlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.hjb.ActionSpace;
import dev.bellman.control.hjb.ControlProblem;
import dev.bellman.control.problems.LqrProblem;
import dev.bellman.control.random.StepSeed;
import dev.bellman.control.riccati.TimeDiscretisation;
import dev.bellman.control.sde.Transition;
import java.util.random.RandomGenerator;

/**
 * An {@link Environment} that simulates a stationary discounted {@link ControlProblem} with the action
 * held over each step (DESIGN.md §1.2). Two transition rules, the same two that
 * {@link dev.bellman.control.riccati.DiscretisedLqr} solves exactly, so the optimum of the problem the
 * learner faces is known:
 * <ul>
 *   <li>{@link TimeDiscretisation#EULER_RECTANGLE}: x' = x + f(x, a)Δt + Σ(x, a)√Δt z, reward r(x, a)Δt
 *       (Euler–Maruyama, rectangle rule); any problem.</li>
 *   <li>{@link TimeDiscretisation#EXACT_TRAPEZOID}: x' drawn from the exact Gaussian law of the linear SDE
 *       (matrix exponential and Van Loan covariance, {@link LinearGaussianStep}), reward
 *       (Δt/2)[r(x, a) + r(x', a)] (trapezoid rule); LQR problems only.</li>
 * </ul>
 * Noise z (B, n) is drawn on the Java side from the step's seed. Start states are the problem's
 * training states. The problem stays private: a learner holding this object as an {@link Environment}
 * cannot reach it.
 */
public final class ProblemSimulator implements Environment {
    private final ControlProblem problem;
    private final TimeDiscretisation scheme;
    private final LinearGaussianStep exact;
    private final Structure structure;

    /** A simulator that declares nothing about the problem's form ({@link Structure#general}). */
    public ProblemSimulator(ControlProblem problem, TimeDiscretisation scheme) {
        this(problem, scheme, problem == null ? null : Structure.general(problem.actionSpace().dim()));
    }

    /**
     * A simulator that passes on what its creator declares about the problem's form (the learner picks its
     * architecture from it; see {@link Structure}).
     */
    public ProblemSimulator(ControlProblem problem, TimeDiscretisation scheme, Structure structure) {
        if (problem == null || scheme == null) {
            throw new BadInputException("a simulator needs a problem and a transition rule");
        }
        if (!problem.stationary()) {
            throw new BadInputException("Q-learning needs an infinite-horizon (stationary) problem");
        }
        if (!(problem.discountRate() > 0)) {
            throw new BadInputException("Q-learning needs a discount rate rho > 0, got " + problem.discountRate());
        }
        Task.requireConsistent(structure, problem.actionSpace());
        Task.requireConsistent(structure, problem.stateDim());
        this.problem = problem;
        this.scheme = scheme;
        this.structure = structure;
        if (scheme == TimeDiscretisation.EXACT_TRAPEZOID) {
            if (!(problem instanceof LqrProblem lqr)) {
                throw new BadInputException("the exact transition needs a linear SDE (an LQR problem); use the Euler rule");
            }
            this.exact = new LinearGaussianStep(lqr.parameters());
        } else {
            this.exact = null;
        }
    }

    /** Euler–Maruyama with the rectangle-rule reward. */
    public static ProblemSimulator euler(ControlProblem problem) {
        return new ProblemSimulator(problem, TimeDiscretisation.EULER_RECTANGLE);
    }

    public TimeDiscretisation scheme() {
        return scheme;
    }

    @Override
    public int stateDim() {
        return problem.stateDim();
    }

    @Override
    public ActionSpace actionSpace() {
        return problem.actionSpace();
    }

    @Override
    public double discountRate() {
        return problem.discountRate();
    }

    @Override
    public Structure structure() {
        return structure;
    }

    @Override
    public NDArray reset(int n, StepSeed seed, NDManager manager, DataType dataType) {
        return problem.trainingStates().sample(n, seed.generator(), manager, dataType);
    }

    @Override
    public Outcome step(NDArray x, NDArray a, double dt, StepSeed seed) {
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new BadInputException("dt must be a finite number > 0, got " + dt);
        }
        long b = x.getShape().get(0);
        int n = exact != null ? problem.stateDim() : problem.noiseDim();
        NDArray z = gaussian(x.getManager(), b, n, seed.generator(), x.getDataType());
        NDArray t = x.getManager().zeros(new Shape(b, 1), x.getDataType());
        NDArray r0 = problem.reward(t, x, a);
        if (scheme == TimeDiscretisation.EULER_RECTANGLE) {
            NDArray next = Transition.EULER_MARUYAMA.next(problem, t, dt, x, a, z);
            return new Outcome(r0, next);
        }
        NDArray next = exact.next(x, a, z, dt);
        NDArray r1 = problem.reward(t, next, a);
        return new Outcome(Scalars.mul(r0.add(r1), 0.5), next);
    }

    /** Standard normal (b, n) drawn on the Java side. */
    static NDArray gaussian(NDManager manager, long b, int n, RandomGenerator rng, DataType dataType) {
        double[] v = new double[Math.toIntExact(b * n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return manager.create(v, new Shape(b, n)).toType(dataType, false);
    }
}
