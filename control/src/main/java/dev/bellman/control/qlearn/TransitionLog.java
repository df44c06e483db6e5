package dev.bellman.control.qlearn;

import dev.bellman.control.BadInputException;

/**
 * Logged transitions for offline learning (DESIGN.md §4, {@code --transitions FILE}): one row per
 * transition with the columns x_1..x_d, a_1..a_m, r, x'_1..x'_d, dt, where r is the reward RATE (the step
 * earned r·dt). Validated on construction with one-line errors naming the source: the column count
 * against d and m, non-finite entries (row and column), dt ≤ 0.
 *
 * @param source where the rows came from (a file name), for messages
 * @param stateDim d
 * @param actionDim m
 * @param rows row-major values, {@code count() × columns(d, m)}
 */
public record TransitionLog(String source, int stateDim, int actionDim, double[] rows) {
    public TransitionLog {
        if (stateDim < 1 || actionDim < 1) {
            throw new BadInputException(source + ": state and action dimensions must be ≥ 1, got " + stateDim + " and " + actionDim);
        }
        int c = columns(stateDim, actionDim);
        if (rows == null || rows.length == 0) {
            throw new BadInputException(source + ": no transitions");
        }
        if (rows.length % c != 0) {
            throw new BadInputException(source + ": " + rows.length + " values do not make rows of " + c + " columns");
        }
        int n = rows.length / c;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                double v = rows[i * c + j];
                if (!Double.isFinite(v)) {
                    throw new BadInputException(source + ": row " + (i + 1) + " column " + (j + 1) + " (" + columnName(j, stateDim, actionDim)
                            + ") is " + v + "; transitions must be finite");
                }
            }
            double dt = rows[i * c + c - 1];
            if (!(dt > 0)) {
                throw new BadInputException(source + ": row " + (i + 1) + " has dt = " + dt + "; dt must be > 0");
            }
        }
        rows = rows.clone();
    }

    /**
     * A log from a table read from a file, checking its column count first.
     *
     * @param columns the table's column count
     * @param values row-major
     */
    public static TransitionLog fromTable(String source, int columns, double[] values, int stateDim, int actionDim) {
        int c = columns(stateDim, actionDim);
        if (columns != c) {
            throw new BadInputException(source + ": has " + columns + " columns, expected " + c + " = 2d + m + 2 (x_1..x_d, a_1..a_m, r, "
                    + "x'_1..x'_d, dt) for d = " + stateDim + ", m = " + actionDim);
        }
        return new TransitionLog(source, stateDim, actionDim, values);
    }

    /** 2d + m + 2. */
    public static int columns(int stateDim, int actionDim) {
        return 2 * stateDim + actionDim + 2;
    }

    /** The number of transitions. */
    public int count() {
        return rows.length / columns(stateDim, actionDim);
    }

    @Override
    public double[] rows() {
        return rows.clone();
    }

    double[] rowsUnsafe() {
        return rows;
    }

    static String columnName(int j, int d, int m) {
        if (j < d) {
            return "x_" + (j + 1);
        }
        if (j < d + m) {
            return "a_" + (j - d + 1);
        }
        if (j == d + m) {
            return "r";
        }
        if (j < 2 * d + m + 1) {
            return "x'_" + (j - d - m);
        }
        return "dt";
    }
}
