package dev.bellman.diffusion.train;

import dev.bellman.control.BadInputException;
import dev.bellman.diffusion.sde.ForwardSde;
import java.util.Locale;

/**
 * The loss weighting λ(t) of denoising score matching in control form (DESIGN.md §1.4):
 * loss = E_t E_{x_0, z} λ(t) ‖u_θ(x_t, t) + g(t) z / s(t)‖², x_t = m(t) x_0 + s(t) z.
 */
public enum Weighting {
    /**
     * λ = s²/g²: the usual ε-loss ‖(s/g) u_θ + z‖² = ‖ε̂_θ − z‖² (Ho et al. 2020), the default; the
     * loss of ../shared/peers/torch_dsm_toy.py.
     */
    EPS {
        @Override
        public double lambda(ForwardSde sde, double t) {
            double s = sde.std(t);
            double g = sde.diffusion(t);
            return s * s / (g * g);
        }
    },
    /**
     * λ = 1: (2/(T − ε))·½∫_ε^T E‖u_θ − u*‖² dt plus a θ-free constant, the control error along the
     * true process (the likelihood weighting of Song et al. 2021, "Maximum likelihood training of
     * score-based diffusion models", in control form).
     */
    LIKELIHOOD {
        @Override
        public double lambda(ForwardSde sde, double t) {
            return 1.0;
        }
    };

    /** λ(t) ≥ 0. */
    public abstract double lambda(ForwardSde sde, double t);

    /**
     * The two per-sample factors of the residual r = a·u_θ + b·z with ‖r‖² = λ‖u_θ + g z/s‖²:
     * a = √λ and b = √λ·g/s (for EPS, a = s/g and b = 1 exactly).
     */
    public double[] residualFactors(ForwardSde sde, double t) {
        if (this == EPS) {
            return new double[] {sde.std(t) / sde.diffusion(t), 1.0};
        }
        double w = Math.sqrt(lambda(sde, t));
        return new double[] {w, w * sde.diffusion(t) / sde.std(t)};
    }

    /** The command-line spelling, {@code eps} or {@code likelihood}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code eps} or {@code likelihood} (case-insensitive). */
    public static Weighting parse(String text) {
        for (Weighting w : values()) {
            if (w.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return w;
            }
        }
        throw new BadInputException("unknown weighting '" + text + "' (expected eps or likelihood)");
    }
}
