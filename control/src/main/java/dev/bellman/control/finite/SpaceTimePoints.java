package dev.bellman.control.finite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A batch of points (t, x) of [0, T] × R^d.
 *
 * @param t times (B, 1) in the problem's own time
 * @param x states (B, d)
 */
public record SpaceTimePoints(NDArray t, NDArray x) {
    public SpaceTimePoints {
        if (t.getShape().get(0) != x.getShape().get(0)) {
            throw new IllegalArgumentException("t " + t.getShape() + " and x " + x.getShape() + " differ in batch size");
        }
    }

    /** Every time with every state: (times × states) points, time-major (all states at times[0] first). */
    public static SpaceTimePoints grid(double[] times, double[][] states, NDManager manager, DataType dataType) {
        int n = states.length;
        int d = states[0].length;
        double[] t = new double[times.length * n];
        double[] x = new double[times.length * n * d];
        for (int k = 0; k < times.length; k++) {
            for (int i = 0; i < n; i++) {
                t[k * n + i] = times[k];
                System.arraycopy(states[i], 0, x, (k * n + i) * d, d);
            }
        }
        return new SpaceTimePoints(manager.create(t, new Shape(t.length, 1)).toType(dataType, false),
                manager.create(x, new Shape(t.length, d)).toType(dataType, false));
    }

    public long size() {
        return x.getShape().get(0);
    }
}
