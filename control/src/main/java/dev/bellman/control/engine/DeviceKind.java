package dev.bellman.control.engine;

import dev.bellman.control.BadInputException;
import java.util.Locale;

/** Where tensors live: the CPU by default; a GPU only where the user's libtorch has CUDA. */
public enum DeviceKind {
    CPU,
    GPU;

    /** The command-line spelling, {@code cpu} or {@code gpu}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code cpu} or {@code gpu} (case-insensitive). */
    public static DeviceKind parse(String text) {
        for (DeviceKind d : values()) {
            if (d.label().equalsIgnoreCase(text.trim())) {
                return d;
            }
        }
        throw new BadInputException("unknown device '" + text + "' (expected cpu or gpu)");
    }
}
