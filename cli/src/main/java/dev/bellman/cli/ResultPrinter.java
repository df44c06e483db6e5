package dev.bellman.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.bellman.control.run.Json;
import java.io.PrintStream;
import java.util.Map;

/** Prints a result record for people: one aligned {@code key  value} line per field. */
final class ResultPrinter {
    private ResultPrinter() {}

    static void print(Object result, PrintStream out) {
        Map<String, Object> fields = Json.mapper().convertValue(result, new TypeReference<Map<String, Object>>() {});
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            out.printf("%-" + width + "s  %s%n", e.getKey(), format(e.getValue()));
        }
    }

    private static String format(Object v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Double d) {
            return formatNumber(d);
        }
        if (v instanceof Float f) {
            return formatNumber(f.doubleValue());
        }
        if (v instanceof Map<?, ?> || v instanceof Iterable<?>) {
            return Json.write(v).replaceAll("\\s+", " ");
        }
        return v.toString();
    }

    static String formatNumber(double d) {
        if (d == 0 || (Math.abs(d) >= 1e-3 && Math.abs(d) < 1e6)) {
            return String.format("%.6g", d);
        }
        return String.format("%.4e", d);
    }
}
