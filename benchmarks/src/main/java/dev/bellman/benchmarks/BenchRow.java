package dev.bellman.benchmarks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;

/**
 * One row of a benchmark table (DESIGN.md §4): the median {@code value} of {@code runs} repeated
 * measurements with their {@code spread} (min, max), the peer's median where a peer ran beside it,
 * and {@code ratio} (> 1 always means the project is better: project/peer for rates, peer/project
 * for times and errors).
 */
public record BenchRow(
        @JsonProperty("name") String name,
        @JsonProperty("value") Double value,
        @JsonProperty("unit") String unit,
        @JsonProperty("peer_value") Double peerValue,
        @JsonProperty("ratio") Double ratio,
        @JsonProperty("runs") int runs,
        @JsonProperty("spread") List<Double> spread,
        @JsonProperty("target") String target,
        @JsonProperty("command") String command,
        @JsonProperty("note") String note) {

    public BenchRow {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a benchmark row needs a name");
        }
        spread = spread == null ? null : List.copyOf(spread);
    }

    /** Whether larger values are better (rates, accuracy) or smaller ones (times, errors). */
    public enum Better {
        HIGHER,
        LOWER
    }

    /**
     * A row from repeated project measurements and (optionally) repeated peer measurements.
     *
     * @param peer the peer's measurements, or null/empty when no peer ran
     */
    public static BenchRow of(String name, String unit, Better better, double[] project, double[] peer,
            String target, String command, String note) {
        if (project == null || project.length == 0) {
            return new BenchRow(name, null, unit, null, null, 0, null, target, command, note);
        }
        double v = median(project);
        double[] sorted = project.clone();
        Arrays.sort(sorted);
        Double pv = peer == null || peer.length == 0 ? null : median(peer);
        Double ratio = null;
        if (pv != null && v != 0 && pv != 0) {
            ratio = better == Better.HIGHER ? v / pv : pv / v;
        }
        return new BenchRow(name, v, unit, pv, ratio, project.length, List.of(sorted[0], sorted[sorted.length - 1]),
                target, command, note);
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
