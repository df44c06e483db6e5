package dev.bellman.control.nn.host;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;

/**
 * Whether the host (JVM-side SIMD) kernels can run in this process, and the worker pools they use.
 *
 * <p>They need the incubating module {@code jdk.incubator.vector} in the boot layer
 * ({@code --add-modules jdk.incubator.vector}, as the {@code bellman} launcher, the test runner and the
 * benchmark children start the JVM). Without it, or with {@code -Dbellman.hostKernels=false}, every
 * caller keeps its DJL path: the host kernels are a speed path, never a requirement.
 */
public final class HostKernels {
    /** System property that switches the host kernels off ({@code false}); for side-by-side benchmarks. */
    public static final String PROPERTY = "bellman.hostKernels";
    private static final boolean MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static final Map<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();

    private HostKernels() {}

    /** True when the Vector API is present and the kernels are not switched off. */
    public static boolean available() {
        return MODULE && !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
    }

    /** Why {@link #available()} is false, or "available". */
    public static String status() {
        if (!MODULE) {
            return "off: the JVM was started without --add-modules jdk.incubator.vector";
        }
        return available() ? "on (" + vectorBits() + "-bit vectors)" : "off: -D" + PROPERTY + "=false";
    }

    /** The preferred vector width in bits (0 when the module is absent). */
    public static int vectorBits() {
        return MODULE ? DenseKernel.SPECIES.vectorBitSize() : 0;
    }

    /**
     * Runs {@code work} on {@code workers} threads at once (the caller and workers − 1 pool threads) and
     * returns when all are done: each worker loops, taking blocks from a shared counter until none are
     * left, so a slow core takes fewer blocks.
     */
    public static void runOnWorkers(int workers, Runnable work) {
        if (workers <= 1) {
            work.run();
            return;
        }
        java.util.List<java.util.concurrent.ForkJoinTask<?>> tasks = new java.util.ArrayList<>(workers - 1);
        ForkJoinPool pool = pool(workers - 1);
        for (int i = 0; i < workers - 1; i++) {
            tasks.add(pool.submit(work));
        }
        work.run();
        for (java.util.concurrent.ForkJoinTask<?> t : tasks) {
            t.join();
        }
    }

    /** A daemon pool of {@code parallelism} workers, shared by all host kernels of that width. */
    static ForkJoinPool pool(int parallelism) {
        return POOLS.computeIfAbsent(parallelism, ForkJoinPool::new);
    }
}
