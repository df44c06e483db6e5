package dev.bellman.diffusion.net.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Sinusoidal features of the forward time (Vaswani et al. 2017, as used by Ho et al. 2020):
 * e(t) = [sin(κ t ω_k), cos(κ t ω_k)]_{k &lt; E/2}, ω_k = 10000^{−k/(E/2 − 1)}, with κ = 1000 so that
 * t ∈ [0, 1] spans the integer range DDPM was tuned for (Song et al. 2021 feed 999·t likewise).
 */
public final class TimeEmbedding {
    /** κ: continuous t ∈ [0, T] is scaled to DDPM's step range. */
    public static final double TIME_SCALE = 1000.0;

    private final int size;
    private final NDArray frequencies; // (1, E/2), κ ω_k

    /** Frequencies live in {@code manager} (the network's). */
    public TimeEmbedding(int size, NDManager manager, DataType dataType) {
        if (size < 2 || size % 2 != 0) {
            throw new IllegalArgumentException("embedding size must be even and ≥ 2, got " + size);
        }
        this.size = size;
        int half = size / 2;
        double[] w = new double[half];
        for (int k = 0; k < half; k++) {
            w[k] = TIME_SCALE * Math.exp(-Math.log(10000.0) * k / Math.max(1, half - 1));
        }
        this.frequencies = manager.create(w, new Shape(1, half)).toType(dataType, false);
        ai.djl.ndarray.NDScope.unregister(frequencies);
    }

    /** E. */
    public int size() {
        return size;
    }

    /** t (B, 1) → e(t) (B, E). */
    public NDArray apply(NDArray t) {
        NDArray phase = t.mul(frequencies);
        return NDArrays.concat(new NDList(phase.sin(), phase.cos()), 1);
    }
}
