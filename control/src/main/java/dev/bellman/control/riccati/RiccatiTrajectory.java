package dev.bellman.control.riccati;

import dev.bellman.control.BadInputException;
import org.hipparchus.ode.DenseOutputModel;

/**
 * P(t), c(t), K(t) = R⁻¹BᵀP(t) of {@link RiccatiOde} on [0, T], read from the integrator's dense
 * output. Thread-safe (the dense output keeps a search cursor, so reads are serialised).
 */
public final class RiccatiTrajectory {
    private final DenseOutputModel model;
    private final int n;
    private final double horizon;
    private final double[][] rInvBt;
    private final double[][] at;
    private final double[][] g;
    private final double[][] q;
    private final double[][] ddt;
    private final double rho;

    RiccatiTrajectory(DenseOutputModel model, int n, double horizon, double[][] rInvBt, double[][] at, double[][] g,
            double[][] q, double[][] ddt, double rho) {
        this.model = model;
        this.n = n;
        this.horizon = horizon;
        this.rInvBt = rInvBt;
        this.at = at;
        this.g = g;
        this.q = q;
        this.ddt = ddt;
        this.rho = rho;
    }

    public double horizon() {
        return horizon;
    }

    public int dimension() {
        return n;
    }

    private synchronized double[] state(double t) {
        if (!(t >= 0 && t <= horizon)) {
            throw new BadInputException("t = " + t + " lies outside [0, T = " + horizon + "]");
        }
        return model.getInterpolatedState(t).getPrimaryState();
    }

    /** P(t), symmetrised. */
    public double[][] P(double t) {
        double[] y = state(t);
        double[][] p = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                p[i][j] = 0.5 * (y[i * n + j] + y[j * n + i]);
            }
        }
        return p;
    }

    /** c(t). */
    public double c(double t) {
        return state(t)[n * n];
    }

    /** K(t) = R⁻¹BᵀP(t). */
    public double[][] K(double t) {
        return RiccatiOde.multiply(rInvBt, P(t));
    }

    /** Ṗ(t) from the right-hand side of the ODE at the interpolated P(t). */
    public double[][] Pdot(double t) {
        double[] dy = RiccatiOde.derivative(state(t), n, at, g, q, ddt, rho);
        double[][] pd = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(dy, i * n, pd[i], 0, n);
        }
        return pd;
    }

    /** ċ(t) = ρc − ½Tr(DDᵀP). */
    public double cdot(double t) {
        return RiccatiOde.derivative(state(t), n, at, g, q, ddt, rho)[n * n];
    }
}
