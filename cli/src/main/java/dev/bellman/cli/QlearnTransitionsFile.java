package dev.bellman.cli;

import dev.bellman.control.BadInputException;
import dev.bellman.control.qlearn.TransitionLog;
import dev.bellman.data.DataException;
import dev.bellman.data.io.Csv;
import dev.bellman.data.io.CsvTable;
import dev.bellman.data.io.Npy;
import dev.bellman.data.io.NpyArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads {@code --transitions FILE} (DESIGN.md §4): a .csv (optional header) or a 2-D .npy of rows
 * x_1..x_d, a_1..a_m, r, x'_1..x'_d, dt with r the reward rate. Every problem (missing file, unreadable
 * format, wrong column count for --dim and the problem's actions, NaN or infinite entries, dt ≤ 0) is a
 * {@link BadInputException} whose one-line message names the file.
 */
final class QlearnTransitionsFile {
    private QlearnTransitionsFile() {}

    static TransitionLog read(Path file, int stateDim, int actionDim) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("transitions file " + file + ": no such file");
        }
        int columns;
        double[] values;
        try {
            if (name.endsWith(".npy")) {
                NpyArray a = Npy.read(file);
                int[] shape = a.shape();
                if (shape.length != 2) {
                    throw new BadInputException("transitions file " + file + ": a .npy of shape (N, columns) is needed, got "
                            + java.util.Arrays.toString(shape));
                }
                columns = shape[1];
                values = a.data();
            } else if (name.endsWith(".csv")) {
                CsvTable t = Csv.read(file);
                columns = t.columns();
                values = t.values();
            } else {
                throw new BadInputException("transitions file " + file + ": expected a .csv or .npy file");
            }
        } catch (DataException e) {
            String m = e.getMessage();
            throw new BadInputException(m.contains(file.toString()) ? "transitions file " + m : "transitions file " + file + ": " + m, e);
        }
        return TransitionLog.fromTable("transitions file " + file, columns, values, stateDim, actionDim);
    }
}
