package dev.bellman.benchmarks.mnist;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How digit-like N generated samples are, judged by the {@link DigitClassifier} (issue 6's target:
 * at least 80 % of 1,000 samples labelled with confidence ≥ 0.9, every class at least 5 % of the
 * samples — so a model that draws one perfect digit over and over fails).
 *
 * @param n the number of samples
 * @param threshold the confidence threshold (0.9)
 * @param confidentFraction the fraction labelled with confidence ≥ threshold
 * @param classCounts samples per label (all samples, confident or not), index = digit
 * @param classFractions classCounts / n
 * @param minClassFraction the smallest class fraction
 */
public record SampleQuality(
        @JsonProperty("n") int n,
        @JsonProperty("threshold") double threshold,
        @JsonProperty("confident_fraction") double confidentFraction,
        @JsonProperty("class_counts") int[] classCounts,
        @JsonProperty("class_fractions") double[] classFractions,
        @JsonProperty("min_class_fraction") double minClassFraction) {
    /** The thresholds. */
    public static final double CONFIDENCE = 0.9;
    public static final double TARGET_CONFIDENT_FRACTION = 0.8;
    public static final double TARGET_MIN_CLASS_FRACTION = 0.05;

    /** The report for a classification, counting confidences ≥ {@code threshold}. */
    public static SampleQuality of(Classification c, double threshold) {
        int n = c.size();
        if (n == 0) {
            throw new IllegalArgumentException("no samples to judge");
        }
        int[] labels = c.labels();
        double[] conf = c.confidences();
        int[] counts = new int[DigitClassifier.CLASSES];
        int confident = 0;
        for (int i = 0; i < n; i++) {
            counts[labels[i]]++;
            confident += conf[i] >= threshold ? 1 : 0;
        }
        double[] fractions = new double[counts.length];
        double min = 1;
        for (int k = 0; k < counts.length; k++) {
            fractions[k] = (double) counts[k] / n;
            min = Math.min(min, fractions[k]);
        }
        return new SampleQuality(n, threshold, (double) confident / n, counts, fractions, min);
    }

    /** With the threshold 0.9. */
    public static SampleQuality of(Classification c) {
        return of(c, CONFIDENCE);
    }

    /** Whether the target is met: confident fraction ≥ 0.8 and every class ≥ 5 %. */
    @JsonProperty("meets_target")
    public boolean meetsTarget() {
        return confidentFraction >= TARGET_CONFIDENT_FRACTION && minClassFraction >= TARGET_MIN_CLASS_FRACTION;
    }
}
