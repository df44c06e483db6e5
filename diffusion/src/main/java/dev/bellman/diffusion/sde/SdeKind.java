package dev.bellman.diffusion.sde;

import dev.bellman.control.BadInputException;
import java.util.Locale;

/** The forward SDE families, by their command-line names {@code vp}, {@code subvp}, {@code ve}. */
public enum SdeKind {
    VP,
    SUBVP,
    VE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SdeKind parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace("-", "");
        for (SdeKind k : values()) {
            if (k.label().equals(s)) {
                return k;
            }
        }
        throw new BadInputException("unknown SDE '" + text + "' (expected vp, subvp or ve)");
    }

    /**
     * The SDE with DESIGN.md's defaults; {@code sigmaMax} is used by VE only (the largest pairwise
     * distance in a sample of the training data).
     */
    public ForwardSde create(double sigmaMax) {
        return switch (this) {
            case VP -> VpSde.defaults();
            case SUBVP -> SubVpSde.defaults();
            case VE -> VeSde.withSigmaMax(sigmaMax);
        };
    }
}
