package dev.bellman.diffusion.train;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Temporarily lowers libtorch's intra-op thread count for a block, restoring it on close.
 *
 * <p>Why: small-batch MLP training (batch 512, width 128) is no faster on two threads than on one
 * (DESIGN.md §3), and on a shared, loaded machine a second OpenMP thread that is descheduled stalls
 * every parallel region: measured here, `bellman train` ran at 2 steps/s with 2 threads against 36
 * with 1 under a load of 13. Large batched forwards (sampling) still profit from both cores, so the
 * count is restored afterwards.
 */
public final class IntraOpThreads implements AutoCloseable {
    private final int previous;

    private IntraOpThreads(int threads) {
        previous = JniUtils.getNumThreads();
        if (threads != previous) {
            JniUtils.setNumThreads(threads);
        }
    }

    /** At most {@code threads} intra-op threads until {@link #close()}. */
    public static IntraOpThreads atMost(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
        return new IntraOpThreads(Math.min(threads, JniUtils.getNumThreads()));
    }

    @Override
    public void close() {
        if (JniUtils.getNumThreads() != previous) {
            JniUtils.setNumThreads(previous);
        }
    }
}
