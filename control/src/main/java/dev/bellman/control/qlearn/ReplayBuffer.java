package dev.bellman.control.qlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.nn.ParameterSnapshot;
import java.util.random.RandomGenerator;

/**
 * A ring buffer of transitions kept on the Java side in double precision (rows x, a, r̄, x', Δt as in a
 * {@link TransitionLog}), sampled uniformly with replacement. Holding it on the heap keeps the native
 * memory of a long run flat (DESIGN.md §3) and makes sampling replayable from a step's seed.
 */
final class ReplayBuffer {
    private final int d;
    private final int m;
    private final int width;
    private final double[] data;
    private final int capacity;
    private int size;
    private int head;

    ReplayBuffer(int stateDim, int actionDim, int capacity) {
        this.d = stateDim;
        this.m = actionDim;
        this.width = TransitionLog.columns(stateDim, actionDim);
        this.capacity = capacity;
        this.data = new double[Math.multiplyExact(capacity, width)];
    }

    /** A buffer holding exactly a log's transitions. */
    static ReplayBuffer of(TransitionLog log) {
        ReplayBuffer b = new ReplayBuffer(log.stateDim(), log.actionDim(), log.count());
        System.arraycopy(log.rowsUnsafe(), 0, b.data, 0, log.rowsUnsafe().length);
        b.size = log.count();
        return b;
    }

    int size() {
        return size;
    }

    int capacity() {
        return capacity;
    }

    /** Appends a batch (overwriting the oldest rows when full). */
    void add(TransitionBatch batch) {
        try (Scope scope = Scope.open()) {
            NDArray rows = NDArrays.concat(batch);
            double[] v = ParameterSnapshot.toDoubles(rows);
            int n = v.length / width;
            for (int i = 0; i < n; i++) {
                System.arraycopy(v, i * width, data, head * width, width);
                head = (head + 1) % capacity;
                size = Math.min(size + 1, capacity);
            }
        }
    }

    /** Every row held, in storage order. */
    TransitionBatch all(NDManager manager, DataType type) {
        double[] v = java.util.Arrays.copyOf(data, size * width);
        return split(manager.create(v, new Shape(size, width)).toType(type, false));
    }

    /** n rows drawn uniformly with replacement. */
    TransitionBatch sample(int n, RandomGenerator rng, NDManager manager, DataType type) {
        double[] v = new double[n * width];
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(size);
            System.arraycopy(data, k * width, v, i * width, width);
        }
        return split(manager.create(v, new Shape(n, width)).toType(type, false));
    }

    private TransitionBatch split(NDArray all) {
        NDList parts = all.split(new long[] {d, d + m, d + m + 1, 2L * d + m + 1}, 1);
        return new TransitionBatch(parts.get(0), parts.get(1), parts.get(2), parts.get(3), parts.get(4));
    }

    /** The rows of a batch side by side (B, 2d + m + 2). */
    private static final class NDArrays {
        static NDArray concat(TransitionBatch b) {
            return ai.djl.ndarray.NDArrays.concat(new NDList(b.x(), b.a(), b.rewardRate(), b.next(), b.dt()), 1);
        }
    }
}
