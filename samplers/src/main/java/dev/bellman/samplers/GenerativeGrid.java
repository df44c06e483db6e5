package dev.bellman.samplers;

import dev.bellman.control.BadInputException;
import dev.bellman.diffusion.sde.ForwardSde;

/**
 * The uniform grid of generative times 0 = τ_0 &lt; … &lt; τ_N = T − ε that the fixed-step samplers
 * walk, with the forward times t_f = T − τ at which the networks are called. Integration stops at
 * τ = T − ε because the control is singular at t_f = 0 for sharp data (DESIGN.md §1.4–1.5).
 */
public final class GenerativeGrid {
    private final double[] tau;
    private final double horizon;

    private GenerativeGrid(double[] tau, double horizon) {
        this.tau = tau;
        this.horizon = horizon;
    }

    /** N equal steps from τ = 0 to τ = T − ε of {@code sde}. */
    public static GenerativeGrid uniform(ForwardSde sde, int steps) {
        if (steps < 1) {
            throw new BadInputException("--steps must be at least 1, got " + steps);
        }
        double end = sde.horizon() - sde.epsilon();
        double[] t = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            t[k] = end * k / steps;
        }
        t[steps] = end;
        return new GenerativeGrid(t, sde.horizon());
    }

    /** N. */
    public int steps() {
        return tau.length - 1;
    }

    /** τ_k. */
    public double tau(int k) {
        return tau[k];
    }

    /** τ_{k+1} − τ_k. */
    public double dtau(int k) {
        return tau[k + 1] - tau[k];
    }

    /** t_f = T − τ_k, the forward time of grid point k. */
    public double forwardTime(int k) {
        return horizon - tau[k];
    }
}
