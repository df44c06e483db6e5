package dev.bellman.control.engine;

import ai.djl.ndarray.types.DataType;
import dev.bellman.control.BadInputException;
import java.util.Locale;

/** Floating-point precision of a run's tensors: float32 by default, float64 on request. */
public enum Precision {
    FLOAT32(DataType.FLOAT32),
    FLOAT64(DataType.FLOAT64);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    /** The DJL data type of this precision. */
    public DataType dataType() {
        return dataType;
    }

    /** The command-line spelling, {@code float32} or {@code float64}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code float32} or {@code float64} (case-insensitive). */
    public static Precision parse(String text) {
        for (Precision p : values()) {
            if (p.label().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new BadInputException("unknown dtype '" + text + "' (expected float32 or float64)");
    }
}
