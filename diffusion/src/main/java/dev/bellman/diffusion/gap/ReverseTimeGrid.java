package dev.bellman.diffusion.gap;

import dev.bellman.control.BadInputException;
import dev.bellman.control.sde.TimeGrid;

/**
 * The generative-time grid 0 = τ_0 &lt; … &lt; τ_N = T − ε of a reverse-SDE rollout, uniform or denser
 * near τ = T where sharp mixtures make the reverse SDE stiff (DESIGN.md §1.4).
 *
 * <p>Forward times t_f,i = T − τ_i are placed as t_f,i = ε + (T − ε)(1 − i/N)^p: p = 1 is uniform;
 * p &gt; 1 shrinks the steps near t_f = ε (the last step is about (T − ε)/N^p) and widens them near
 * τ = 0, where the process is close to the prior and smooth.
 *
 * @param power p ≥ 1
 */
public record ReverseTimeGrid(double power) {
    public ReverseTimeGrid {
        if (!(power >= 1) || !Double.isFinite(power)) {
            throw new BadInputException("grid power must be a finite number ≥ 1, got " + power);
        }
    }

    /** Equal steps in τ. */
    public static ReverseTimeGrid uniform() {
        return new ReverseTimeGrid(1.0);
    }

    /** Steps shrinking like a power p of the distance to t_f = ε (p = 2 is a good default for sharp data). */
    public static ReverseTimeGrid denserNearData(double power) {
        return new ReverseTimeGrid(power);
    }

    /** The grid in generative time τ from 0 to T − ε with {@code steps} steps. */
    public TimeGrid grid(double horizon, double epsilon, int steps) {
        if (steps < 1) {
            throw new BadInputException("a rollout needs at least one step, got " + steps);
        }
        if (!(epsilon >= 0) || !(epsilon < horizon)) {
            throw new BadInputException("need 0 ≤ ε < T, got ε = " + epsilon + ", T = " + horizon);
        }
        double[] tau = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            double tf = epsilon + (horizon - epsilon) * Math.pow(1.0 - (double) i / steps, power);
            tau[i] = horizon - tf;
        }
        tau[0] = 0.0;
        tau[steps] = horizon - epsilon;
        return new TimeGrid(tau);
    }

    /** "uniform" or "power:p", as reported. */
    public String label() {
        return power == 1.0 ? "uniform" : "power:" + power;
    }
}
