package dev.bellman.control.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A background thread that allocates direct buffers, fills them with a garbage pattern, drops them
 * and forces garbage collections, until closed: while it runs, native code that still reads a Java
 * buffer the GC freed reads the pattern instead of the value it expects (a NaN-free, huge double:
 * 0x7f7f… ≈ 1.4·10³⁰⁶), so such a read changes results at once instead of once in many runs.
 *
 * <p>Why it exists: DJL's {@code NDArray.mul(Number)} and kin back the number with a Java buffer
 * that autograd may outlive (see {@link Scalars}). Tests that check results are reproducible run
 * under it. A diagnostic, not for production runs (it keeps one core busy).
 */
public final class GcChurn implements AutoCloseable {
    private static final byte PATTERN = 0x7f;
    private volatile boolean stop;
    private final Thread thread;

    private GcChurn(long seed) {
        thread = new Thread(() -> churn(seed), "gc-churn");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts churning. */
    public static GcChurn start(long seed) {
        return new GcChurn(seed);
    }

    private void churn(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ByteBuffer> live = new ArrayList<>();
        while (!stop) {
            for (int i = 0; i < 200; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(64 + random.nextInt(40_000));
                while (b.hasRemaining()) {
                    b.put(PATTERN);
                }
                live.add(b);
                if (live.size() > 50) {
                    live.remove(random.nextInt(live.size()));
                }
            }
            System.gc();
        }
    }

    /** Stops the thread and waits for it. */
    @Override
    public void close() {
        stop = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
