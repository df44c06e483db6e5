package dev.bellman.diffusion.gap;

import ai.djl.ndarray.types.DataType;
import dev.bellman.control.BadInputException;

/**
 * How the verification gap and identity are estimated.
 *
 * @param paths the number of reverse-SDE paths n (default 50,000)
 * @param steps Euler–Maruyama steps N (default 1,000)
 * @param batchSize paths simulated at once (memory bound; default 10,000)
 * @param seed the seed of the prior draws and the noise (per batch and step)
 * @param endEpsilon integrate to τ = T − ε; null for the SDE's own ε. At the end log p_data is
 *     evaluated as log p_ε, the ε-blurred data density (the exact marginal at t_f = ε), so the
 *     identity holds exactly for the truncated problem. 0 is allowed for mixture data only.
 * @param grid the time grid
 * @param dataType float64 (default: the identity is a difference of large numbers) or float32
 */
public record GapConfig(int paths, int steps, int batchSize, long seed, Double endEpsilon, ReverseTimeGrid grid,
        DataType dataType) {
    public GapConfig {
        if (paths < 2) {
            throw new BadInputException("--n must be at least 2 (standard errors need two paths), got " + paths);
        }
        if (steps < 1) {
            throw new BadInputException("--steps must be at least 1, got " + steps);
        }
        if (batchSize < 1) {
            throw new BadInputException("batch size must be positive, got " + batchSize);
        }
        if (endEpsilon != null && (!(endEpsilon >= 0) || !Double.isFinite(endEpsilon))) {
            throw new BadInputException("the end time ε must be finite and ≥ 0, got " + endEpsilon);
        }
        if (grid == null) {
            grid = ReverseTimeGrid.uniform();
        }
        if (dataType == null) {
            dataType = DataType.FLOAT64;
        }
        if (dataType != DataType.FLOAT64 && dataType != DataType.FLOAT32) {
            throw new BadInputException("the gap runs in float32 or float64, got " + dataType);
        }
    }

    /** n paths, N steps, seed 0, batches of 10,000, the SDE's ε, uniform grid, float64. */
    public static GapConfig of(int paths, int steps) {
        return new GapConfig(paths, steps, 10_000, 0L, null, ReverseTimeGrid.uniform(), DataType.FLOAT64);
    }

    /** DESIGN.md §4 defaults: 50,000 paths, 1,000 steps. */
    public static GapConfig defaults() {
        return of(50_000, 1_000);
    }

    public GapConfig withSteps(int newSteps) {
        return new GapConfig(paths, newSteps, batchSize, seed, endEpsilon, grid, dataType);
    }

    public GapConfig withSeed(long newSeed) {
        return new GapConfig(paths, steps, batchSize, newSeed, endEpsilon, grid, dataType);
    }

    public GapConfig withBatchSize(int size) {
        return new GapConfig(paths, steps, size, seed, endEpsilon, grid, dataType);
    }

    public GapConfig withEndEpsilon(Double epsilon) {
        return new GapConfig(paths, steps, batchSize, seed, epsilon, grid, dataType);
    }

    public GapConfig withGrid(ReverseTimeGrid newGrid) {
        return new GapConfig(paths, steps, batchSize, seed, endEpsilon, newGrid, dataType);
    }

    public GapConfig withDataType(DataType type) {
        return new GapConfig(paths, steps, batchSize, seed, endEpsilon, grid, type);
    }
}
