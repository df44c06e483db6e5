package dev.bellman.data.io;

import dev.bellman.data.DataException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes comma-separated numbers: one sample a row, an optional header line (recognised
 * as a first line that is not all numbers). Blank lines are skipped.
 */
public final class Csv {
    private Csv() {}

    /**
     * Reads a CSV file of numbers.
     *
     * @throws DataException naming the file and line: no data rows, rows of different lengths, a field
     *     that is not a number, NaN or infinite values, bytes that are not UTF-8 text
     */
    public static CsvTable read(Path file) {
        List<String> header = List.of();
        int columns = -1;
        double[] values = new double[1024];
        int n = 0;
        int rows = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            boolean first = true;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (first) {
                    first = false;
                    if (!allNumbers(fields)) {
                        header = Arrays.stream(fields).map(String::strip).toList();
                        columns = fields.length;
                        continue;
                    }
                }
                if (columns < 0) {
                    columns = fields.length;
                } else if (fields.length != columns) {
                    throw new DataException(file + ": line " + lineNo + " has " + fields.length + " fields, expected " + columns);
                }
                if (n + columns > values.length) {
                    values = Arrays.copyOf(values, Math.max(values.length * 2, n + columns));
                }
                for (int j = 0; j < columns; j++) {
                    double v = parse(fields[j]);
                    if (Double.isNaN(v) && !isNanText(fields[j])) {
                        throw new DataException(file + ": line " + lineNo + " field " + (j + 1) + " is not a number: '" + clip(fields[j]) + "'");
                    }
                    if (!Double.isFinite(v)) {
                        throw new DataException(file + ": line " + lineNo + " field " + (j + 1) + " is " + fields[j].strip() + "; data must be finite");
                    }
                    values[n++] = v;
                }
                rows++;
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new DataException(file + ": not a text file (invalid UTF-8)", e);
        } catch (IOException e) {
            throw AtomicFiles.unreadable(file, e);
        }
        if (rows == 0) {
            throw new DataException(file + ": no data rows");
        }
        return new CsvTable(rows, columns, Arrays.copyOf(values, n), header);
    }

    /** Writes rows of numbers with an optional header (empty list for none), atomically. */
    public static void write(Path file, double[] values, int columns, List<String> header) {
        if (columns < 1 || values.length % columns != 0) {
            throw new IllegalArgumentException(values.length + " values do not make rows of " + columns);
        }
        if (!header.isEmpty() && header.size() != columns) {
            throw new IllegalArgumentException(header.size() + " header names for " + columns + " columns");
        }
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            if (!header.isEmpty()) {
                w.write(String.join(",", header));
                w.write('\n');
            }
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < values.length; i += columns) {
                line.setLength(0);
                for (int j = 0; j < columns; j++) {
                    // Double.toString is the shortest text that reads back to the same double.
                    line.append(j == 0 ? "" : ",").append(values[i + j]);
                }
                w.write(line.append('\n').toString());
            }
            w.flush();
        });
    }

    private static boolean allNumbers(String[] fields) {
        for (String f : fields) {
            if (Double.isNaN(parse(f)) && !isNanText(f)) {
                return false;
            }
        }
        return true;
    }

    /** The number in a field, or NaN if it is not one. */
    private static double parse(String field) {
        String s = field.strip();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static boolean isNanText(String field) {
        return field.strip().equalsIgnoreCase("nan");
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
