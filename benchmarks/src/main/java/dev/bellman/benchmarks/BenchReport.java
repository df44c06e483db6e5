package dev.bellman.benchmarks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A benchmark run: the machine and its rows, printable as the JSON of DESIGN.md §4 or as Markdown. */
public record BenchReport(
        @JsonProperty("machine") Map<String, Object> machine,
        @JsonProperty("rows") List<BenchRow> rows,
        @JsonProperty("suites") List<String> suites,
        @JsonProperty("quick") boolean quick,
        @JsonProperty("notes") List<String> notes) {

    public BenchReport {
        rows = List.copyOf(rows);
        suites = List.copyOf(suites);
        notes = List.copyOf(notes);
    }

    /** The table as Markdown, one row per benchmark, with the command that reproduces it. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| benchmark | value | unit | peer | ratio | runs | spread | target | command |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (BenchRow r : rows) {
            sb.append("| ").append(r.name())
                    .append(" | ").append(fmt(r.value()))
                    .append(" | ").append(r.unit() == null ? "" : r.unit())
                    .append(" | ").append(fmt(r.peerValue()))
                    .append(" | ").append(fmt(r.ratio()))
                    .append(" | ").append(r.runs())
                    .append(" | ").append(r.spread() == null ? "-" : fmt(r.spread().get(0)) + " – " + fmt(r.spread().get(1)))
                    .append(" | ").append(r.target() == null ? "" : r.target())
                    .append(" | ").append(r.command() == null ? "" : "`" + r.command() + "`")
                    .append(" |\n");
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            for (String n : notes) {
                sb.append("- ").append(n).append('\n');
            }
        }
        return sb.toString();
    }

    static String fmt(Double d) {
        if (d == null) {
            return "-";
        }
        double a = Math.abs(d);
        if (a == 0 || (a >= 1e-3 && a < 1e5)) {
            return String.format(Locale.ROOT, "%.4g", d);
        }
        return String.format(Locale.ROOT, "%.3e", d);
    }
}
