package dev.bellman.diffusion.train;

import dev.bellman.control.BadInputException;
import dev.bellman.diffusion.sde.ForwardSde;
import dev.bellman.diffusion.sde.SdeKind;
import dev.bellman.diffusion.sde.SubVpSde;
import dev.bellman.diffusion.sde.VeSde;
import dev.bellman.diffusion.sde.VpSde;

/**
 * A forward SDE with all its parameters, as stored in checkpoints; entries that do not apply to the
 * kind are null (β for VE, σ for VP and sub-VP).
 *
 * @param kind vp, subvp or ve
 * @param betaMin β_min (VP, sub-VP)
 * @param betaMax β_max (VP, sub-VP)
 * @param sigmaMin σ_min (VE)
 * @param sigmaMax σ_max (VE; the largest pairwise distance in a sample of the training data; null
 *     until the trainer has computed it at the start of training)
 * @param horizon T
 * @param epsilon ε, the smallest time trained and sampled
 */
public record SdeSpec(SdeKind kind, Double betaMin, Double betaMax, Double sigmaMin, Double sigmaMax, double horizon,
        double epsilon) {
    public SdeSpec {
        if (kind == null) {
            throw new BadInputException("an SDE specification needs a kind");
        }
        boolean ve = kind == SdeKind.VE;
        if (ve ? sigmaMin == null : betaMin == null || betaMax == null) {
            throw new BadInputException("the " + kind.label() + " SDE needs " + (ve ? "sigma_min" : "beta_min and beta_max"));
        }
    }

    /** The specification of an SDE object. */
    public static SdeSpec of(ForwardSde sde) {
        if (sde instanceof VpSde v) {
            return new SdeSpec(SdeKind.VP, v.betaMin(), v.betaMax(), null, null, v.horizon(), v.epsilon());
        }
        if (sde instanceof SubVpSde v) {
            return new SdeSpec(SdeKind.SUBVP, v.betaMin(), v.betaMax(), null, null, v.horizon(), v.epsilon());
        }
        if (sde instanceof VeSde v) {
            return new SdeSpec(SdeKind.VE, null, null, v.sigmaMin(), v.sigmaMax(), v.horizon(), v.epsilon());
        }
        throw new IllegalArgumentException("no specification for " + sde.getClass().getName());
    }

    /** The defaults of DESIGN.md §1.4 for a kind; σ_max of VE is left to the trainer (null). */
    public static SdeSpec defaults(SdeKind kind) {
        return switch (kind) {
            case VP, SUBVP -> of(kind.create(1.0));
            case VE -> {
                VeSde v = VeSde.withSigmaMax(1.0);
                yield new SdeSpec(SdeKind.VE, null, null, v.sigmaMin(), null, v.horizon(), v.epsilon());
            }
        };
    }

    /** Whether every parameter is known (VE: σ_max computed). */
    public boolean resolved() {
        return kind != SdeKind.VE || sigmaMax != null;
    }

    /** The same with σ_max set (VE). */
    public SdeSpec withSigmaMax(double s) {
        return new SdeSpec(kind, betaMin, betaMax, sigmaMin, s, horizon, epsilon);
    }

    /** The SDE; VE needs σ_max resolved. */
    public ForwardSde create() {
        if (!resolved()) {
            throw new IllegalStateException("VE sigma_max has not been computed from the data yet");
        }
        return switch (kind) {
            case VP -> new VpSde(betaMin, betaMax, horizon, epsilon);
            case SUBVP -> new SubVpSde(betaMin, betaMax, horizon, epsilon);
            case VE -> new VeSde(sigmaMin, sigmaMax, horizon, epsilon);
        };
    }
}
