package dev.bellman.control.riccati;

/**
 * The exact optimum of a time-discretised discounted LQR: V(x) = −½xᵀPx − c, a*(x) = −Kx.
 *
 * @param P the discrete value matrix
 * @param K the discrete optimal gain
 * @param c the discrete noise constant
 * @param dt the time step Δt
 * @param scheme the discretisation
 * @param relativeResidual ‖P − 𝓡(P)‖_F/‖P‖_F for the discrete Riccati map 𝓡 (see {@link DiscretisedLqr})
 */
public record DiscreteLqrSolution(double[][] P, double[][] K, double c, double dt, TimeDiscretisation scheme,
        double relativeResidual) {
    public DiscreteLqrSolution {
        P = Matrices.copy(P);
        K = Matrices.copy(K);
    }

    @Override
    public double[][] P() {
        return Matrices.copy(P);
    }

    @Override
    public double[][] K() {
        return Matrices.copy(K);
    }
}
