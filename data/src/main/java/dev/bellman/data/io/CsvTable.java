package dev.bellman.data.io;

import java.util.List;

/**
 * Numbers read from a CSV file: one sample a row.
 *
 * @param rows the number of rows N
 * @param columns the number of columns d
 * @param values row-major, N · d finite values
 * @param header the column names of the header line, or an empty list if the file had none
 */
public record CsvTable(int rows, int columns, double[] values, List<String> header) {
    public CsvTable {
        if ((long) rows * columns != values.length) {
            throw new IllegalArgumentException(rows + " × " + columns + " does not match " + values.length + " values");
        }
        if (!header.isEmpty() && header.size() != columns) {
            throw new IllegalArgumentException(header.size() + " header names for " + columns + " columns");
        }
        header = List.copyOf(header);
    }
}
