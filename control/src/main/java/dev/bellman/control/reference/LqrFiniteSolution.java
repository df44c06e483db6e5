package dev.bellman.control.reference;

import dev.bellman.control.BadInputException;
import dev.bellman.control.riccati.RiccatiOde;
import dev.bellman.control.riccati.RiccatiTrajectory;

/**
 * The exact solution of the finite-horizon LQR from the Riccati ODE ({@link RiccatiOde}):
 * V(t, x) = −½xᵀP(t)x − c(t), ∂ₜV = −½xᵀṖx − ċ, ∇V = −P(t)x, ∇²V = −P(t), a*(t, x) = −K(t)x.
 */
public final class LqrFiniteSolution {
    private final LqrFiniteParameters problem;
    private final RiccatiTrajectory trajectory;

    private LqrFiniteSolution(LqrFiniteParameters problem, RiccatiTrajectory trajectory) {
        this.problem = problem;
        this.trajectory = trajectory;
    }

    public static LqrFiniteSolution of(LqrFiniteParameters problem) {
        if (problem == null) {
            throw new BadInputException("lqr-finite needs its parameters");
        }
        LqrParameters p = problem.dynamics();
        return new LqrFiniteSolution(problem,
                RiccatiOde.solve(p.A(), p.B(), p.Q(), p.R(), p.D(), p.rho(), problem.Q_T(), problem.T()));
    }

    /** The reference: scalar LQR, Q_T = 1, T = 1. */
    public static LqrFiniteSolution reference() {
        return of(LqrFiniteParameters.reference());
    }

    public LqrFiniteParameters problem() {
        return problem;
    }

    public RiccatiTrajectory trajectory() {
        return trajectory;
    }

    public double[][] P(double t) {
        return trajectory.P(t);
    }

    public double[][] K(double t) {
        return trajectory.K(t);
    }

    public double c(double t) {
        return trajectory.c(t);
    }

    public double value(double t, double[] x) {
        return -0.5 * LqrParameters.quadratic(trajectory.P(t), x) - trajectory.c(t);
    }

    /** ∂ₜV(t, x) = −½xᵀṖ(t)x − ċ(t). */
    public double timeDerivative(double t, double[] x) {
        return -0.5 * LqrParameters.quadratic(trajectory.Pdot(t), x) - trajectory.cdot(t);
    }

    public double[] gradient(double t, double[] x) {
        double[] g = LqrSolution.multiply(trajectory.P(t), x);
        for (int i = 0; i < g.length; i++) {
            g[i] = -g[i];
        }
        return g;
    }

    public double[][] hessian(double t) {
        double[][] h = trajectory.P(t);
        for (double[] row : h) {
            for (int j = 0; j < row.length; j++) {
                row[j] = -row[j];
            }
        }
        return h;
    }

    public double[] action(double t, double[] x) {
        double[] a = LqrSolution.multiply(trajectory.K(t), x);
        for (int i = 0; i < a.length; i++) {
            a[i] = -a[i];
        }
        return a;
    }
}
