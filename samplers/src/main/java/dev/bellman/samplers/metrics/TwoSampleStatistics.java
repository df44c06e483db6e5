package dev.bellman.samplers.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.bellman.control.engine.Scope;

/**
 * Unbiased MMD² with the RBF kernels k_h(x, y) = exp(−‖x − y‖²/(2h²)) summed over bandwidths
 * {0.1, 0.2, 0.5, 1, 2} (DESIGN.md §4), and the energy distance, in one pass over B×B blocks of
 * squared distances ‖a‖² + ‖b‖² − 2a·b (float64), so that 10,000 × 10,000 pairs need only a block's
 * memory. Within-sample sums use the upper block triangle (twice each off-diagonal block) and drop
 * the diagonal exactly.
 */
public final class TwoSampleStatistics {
    /** The RBF bandwidths h of DESIGN.md §4. */
    public static final double[] BANDWIDTHS = {0.1, 0.2, 0.5, 1.0, 2.0};
    /** Rows per block: 2,048² float64 entries are 32 MB. */
    public static final int DEFAULT_BLOCK = 2048;

    private TwoSampleStatistics() {}

    /** With the default bandwidths and block size. */
    public static KernelStatistics compute(NDArray x, NDArray y) {
        return compute(x, y, BANDWIDTHS, DEFAULT_BLOCK);
    }

    /**
     * @param x (n, D), n ≥ 2
     * @param y (m, D), m ≥ 2
     */
    public static KernelStatistics compute(NDArray x, NDArray y, double[] bandwidths, int block) {
        long n = x.getShape().get(0);
        long m = y.getShape().get(0);
        if (n < 2 || m < 2 || x.getShape().get(1) != y.getShape().get(1)) {
            throw new IllegalArgumentException("two samples of ≥ 2 rows and one dimension needed, got " + x.getShape() + " and " + y.getShape());
        }
        try (Scope scope = Scope.open()) {
            NDArray xd = x.toType(DataType.FLOAT64, true);
            NDArray yd = y.toType(DataType.FLOAT64, true);
            double[] xx = pairSums(xd, xd, bandwidths, block, true);
            double[] yy = pairSums(yd, yd, bandwidths, block, true);
            double[] xy = pairSums(xd, yd, bandwidths, block, false);
            double within = n * (n - 1.0);
            double withinY = m * (m - 1.0);
            double across = (double) n * m;
            double mmd2 = 0;
            for (int h = 0; h < bandwidths.length; h++) {
                mmd2 += xx[h] / within + yy[h] / withinY - 2 * xy[h] / across;
            }
            int dist = bandwidths.length;
            double energy = 2 * xy[dist] / across - xx[dist] / within - yy[dist] / withinY;
            return new KernelStatistics(mmd2, energy);
        }
    }

    /**
     * Σ over pairs of k_h for each bandwidth, then Σ ‖a − b‖, as [k_1..k_H, dist]; distinct pairs
     * (i ≠ j, each unordered pair twice) when {@code same}.
     */
    private static double[] pairSums(NDArray a, NDArray b, double[] bandwidths, int block, boolean same) {
        long na = a.getShape().get(0);
        long nb = b.getShape().get(0);
        double[] sums = new double[bandwidths.length + 1];
        for (long i = 0; i < na; i += block) {
            for (long j = same ? i : 0; j < nb; j += block) {
                try (Scope scope = Scope.open()) {
                    NDArray ai = a.get(new NDIndex("{}:{}", i, Math.min(na, i + block)));
                    NDArray bj = b.get(new NDIndex("{}:{}", j, Math.min(nb, j + block)));
                    NDArray an = ai.square().sum(new int[] {1}, true); // (p, 1)
                    NDArray bn = bj.square().sum(new int[] {1}, true).transpose(); // (1, q)
                    NDArray d2 = ai.matMul(bj.transpose()).muli(-2).addi(an).addi(bn).maximum(0.0);
                    boolean diagonal = same && i == j;
                    if (diagonal) {
                        // exact zeros on the diagonal, whose pairs are then removed: exp(0) = 1 each
                        long p = ai.getShape().get(0);
                        d2 = d2.muli(d2.getManager().eye((int) p).toType(DataType.FLOAT64, false).neg().addi(1));
                    }
                    double weight = same && !diagonal ? 2.0 : 1.0;
                    long diagonalCount = diagonal ? ai.getShape().get(0) : 0;
                    for (int h = 0; h < bandwidths.length; h++) {
                        double c = -1.0 / (2 * bandwidths[h] * bandwidths[h]);
                        sums[h] += weight * (d2.mul(c).exp().sum().getDouble() - diagonalCount);
                    }
                    sums[bandwidths.length] += weight * d2.sqrt().sum().getDouble();
                }
            }
        }
        return sums;
    }
}
