package dev.bellman.control.engine;

import dev.bellman.control.BadInputException;

/**
 * How a run sets up the tensor engine.
 *
 * @param seed the run's one seed; every random stream of the run derives from it
 * @param threads intra-op threads of libtorch, fixed once per process (≥ 1)
 * @param precision tensor precision
 * @param device where tensors live
 */
public record EngineConfig(long seed, int threads, Precision precision, DeviceKind device) {
    public EngineConfig {
        if (threads < 1) {
            throw new BadInputException("--threads must be at least 1, got " + threads);
        }
        if (precision == null || device == null) {
            throw new BadInputException("precision and device must be given");
        }
    }

    /**
     * Seed 0, float32, CPU, and the thread count the process was started with
     * ({@code -Dai.djl.pytorch.num_threads}, as the test runner and benchmark children set it), else one
     * thread per core.
     */
    public static EngineConfig defaults() {
        int threads = Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
        return new EngineConfig(0L, Math.max(1, threads), Precision.FLOAT32, DeviceKind.CPU);
    }

    public EngineConfig withSeed(long newSeed) {
        return new EngineConfig(newSeed, threads, precision, device);
    }

    public EngineConfig withThreads(int newThreads) {
        return new EngineConfig(seed, newThreads, precision, device);
    }

    public EngineConfig withPrecision(Precision newPrecision) {
        return new EngineConfig(seed, threads, newPrecision, device);
    }
}
