package dev.bellman.control.qlearn;

import dev.bellman.control.BadInputException;
import java.util.Arrays;

/**
 * Gaussian exploration around the actor, a = clip(a_ω(x) + s(k) ⊙ ξ), with a per-action scale that decays
 * geometrically from {@code initial} to {@code initial × finalFraction} over the run. A smaller final scale
 * reduces the bias of fitting a quadratic q̃ to an advantage that is not exactly quadratic in a (Merton's
 * consumption); a larger one sees more of q's curvature per transition.
 *
 * @param initial s(0) per action dimension, each &gt; 0 (action units)
 * @param finalFraction s(end)/s(0) in (0, 1]
 */
public record Exploration(double[] initial, double finalFraction) {
    public Exploration {
        if (initial == null || initial.length == 0) {
            throw new BadInputException("exploration needs a scale per action dimension");
        }
        for (double s : initial) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new BadInputException("exploration scales must be finite and > 0, got " + Arrays.toString(initial));
            }
        }
        if (!(finalFraction > 0 && finalFraction <= 1)) {
            throw new BadInputException("exploration final fraction must be in (0, 1], got " + finalFraction);
        }
        initial = initial.clone();
    }

    /** The same scale s for each of m actions throughout. */
    public static Exploration constant(int m, double s) {
        double[] v = new double[m];
        Arrays.fill(v, s);
        return new Exploration(v, 1.0);
    }

    /** s(k) at progress k/total ∈ [0, 1]. */
    public double[] scale(double progress) {
        double f = Math.pow(finalFraction, Math.max(0, Math.min(1, progress)));
        double[] s = initial.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] *= f;
        }
        return s;
    }

    @Override
    public double[] initial() {
        return initial.clone();
    }
}
