package dev.bellman.control.finite;

import dev.bellman.control.BadInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The finite-horizon problems by their CLI names (DESIGN.md §4: {@code control pi --problem ...}). */
public enum FiniteProblemKind {
    LQR_FINITE("lqr-finite"),
    MERTON_FINITE("merton-finite"),
    HJB_LQ("hjb-lq");

    private final String label;

    FiniteProblemKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether {@code name} is one of the finite-horizon problems (the CLI dispatches on it). */
    public static boolean isFinite(String name) {
        return Arrays.stream(values()).anyMatch(k -> k.label.equals(name));
    }

    /** The kind named {@code name}; a clear error listing the valid names otherwise. */
    public static FiniteProblemKind parse(String name) {
        for (FiniteProblemKind k : values()) {
            if (k.label.equals(name)) {
                return k;
            }
        }
        throw new BadInputException("unknown finite-horizon problem '" + name + "'; valid: "
                + Arrays.stream(values()).map(FiniteProblemKind::label).collect(Collectors.joining(", ")));
    }
}
