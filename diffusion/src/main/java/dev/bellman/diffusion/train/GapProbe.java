package dev.bellman.diffusion.train;

import dev.bellman.data.DataSource;
import dev.bellman.diffusion.ControlModel;

/**
 * The verification gap of a trained model, supplied by the caller (the {@code gap} package computes
 * it; DESIGN.md §1.4: exact mixture u* for mixture data, the empirical-optimal control otherwise).
 * The trainer only calls it; {@link #NONE} reports nothing.
 */
@FunctionalInterface
public interface GapProbe {

    GapEstimate estimate(ControlModel model, DataSource data);

    /** No gap (every entry null). */
    GapProbe NONE = (model, data) -> GapEstimate.NONE;

    /**
     * @param gap G(u) against the exact mixture optimum, or null
     * @param gapSe its Monte Carlo standard error, or null
     * @param gapEmpirical G(u) against the empirical-optimal control of the training set, or null
     */
    record GapEstimate(Double gap, Double gapSe, Double gapEmpirical) {
        public static final GapEstimate NONE = new GapEstimate(null, null, null);
    }
}
