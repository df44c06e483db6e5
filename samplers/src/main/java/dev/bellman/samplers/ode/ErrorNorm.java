package dev.bellman.samplers.ode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * How {@link DormandPrince} reduces the scaled error estimate e (B, n), one row per ODE of the batch,
 * to the single number that accepts or rejects a step (accepted when it is below 1).
 *
 * <p>The batch shares one step size either way; the norms differ in what they promise. The RMS over
 * the whole batch (Song et al. 2021's sampler through scipy on the flattened batch) bounds the
 * batch's error on average, so a few rows may be solved much less accurately than the rest; that is
 * fine for sampling, where only the distribution of the rows matters. The worst row's RMS bounds the
 * error of every row as if it had been solved alone, which is what a per-point quantity such as
 * log p(x) needs: with it, a point's accuracy no longer depends on the other points of its batch.
 */
public enum ErrorNorm {
    /** sqrt(mean over every entry of e²): the batch on average (sampling; DESIGN.md §1.5). */
    BATCH_RMS {
        @Override
        public double of(NDArray e) {
            return Math.sqrt(e.square().mean().toType(DataType.FLOAT64, false).getDouble());
        }
    },
    /** max over rows of sqrt(mean over the row of e²): every row on its own (likelihood). */
    WORST_ROW {
        @Override
        public double of(NDArray e) {
            return Math.sqrt(e.square().mean(new int[] {1}).max().toType(DataType.FLOAT64, false).getDouble());
        }
    };

    /** @param e the scaled error (B, n) */
    public abstract double of(NDArray e);
}
