package dev.bellman.control.nn.host;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.bellman.control.nn.Activation;
import dev.bellman.control.nn.Mlp;
import dev.bellman.control.nn.Parameter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A float32 copy of a SiLU {@link Mlp}'s weights (the control net's activation), evaluated on the JVM with SIMD kernels: for inference
 * only (no autograd), on batches held in Java arrays. Used where a fixed network is called thousands of
 * times on the same large batch (a sampler's steps), and where libtorch's eager ops spend their time
 * writing each layer's (B, 128) activation to memory and reading it back: here a block of
 * {@value #BLOCK_ROWS} rows runs through all layers while it sits in the core's cache.
 *
 * <p>Same function as {@link Mlp#forward}: y = W_L σ(… σ(W_1 z + b_1) …) + b_L with weights (in, out);
 * only the order of the float32 sums differs (HostMlpTest bounds the difference). The copy is taken at
 * {@link #pack} time: later training of the Mlp does not reach it.
 */
public final class HostMlp {
    /** Rows per block: 64 rows × 128 floats = 32 KB per activation buffer, inside a core's L1/L2. */
    static final int BLOCK_ROWS = 64;

    private final int[] widths; // real widths: input, hidden..., output
    private final int[] padded; // per layer l: the output width padded to the vector length
    private final float[][] weights; // per layer: (in_l, padded[l]) row-major, zero padding
    private final float[][] biases; // per layer: (padded[l])
    private final float[] lastTransposed; // the output layer (o, padded[L−2]) when it is narrow, else null
    private final ThreadLocal<float[][]> scratch = new ThreadLocal<>();

    private HostMlp(int[] widths, float[][] weights, float[][] biases, int[] padded) {
        this.widths = widths;
        this.weights = weights;
        this.biases = biases;
        this.padded = padded;
        int last = weights.length - 1;
        if (last >= 1 && padded[last] == DenseKernel.LANES) {
            int o = widths[last + 1];
            int in = widths[last];
            int si = padded[last - 1];
            lastTransposed = new float[o * si];
            for (int k = 0; k < in; k++) {
                for (int j = 0; j < o; j++) {
                    lastTransposed[j * si + k] = weights[last][k * padded[last] + j];
                }
            }
        } else {
            lastTransposed = null;
        }
    }

    /** Whether {@code mlp} can run here: SiLU hidden layers (the control net's) and the kernels available. */
    public static boolean supports(Mlp mlp) {
        return HostKernels.available() && mlp.config().activation() == Activation.SILU;
    }

    /**
     * Copies the current weights of {@code mlp} (any floating type; converted to float32).
     *
     * @throws IllegalStateException unless {@link #supports}
     */
    public static HostMlp pack(Mlp mlp) {
        if (!supports(mlp)) {
            throw new IllegalStateException("host kernels run SiLU MLPs (got " + mlp.config().activation() + "); they are "
                    + HostKernels.status());
        }
        List<Parameter> ps = mlp.parameters();
        int layers = ps.size() / 2;
        int[] widths = new int[layers + 1];
        int[] padded = new int[layers];
        float[][] w = new float[layers][];
        float[][] b = new float[layers][];
        int lanes = DenseKernel.LANES;
        for (int l = 0; l < layers; l++) {
            NDArray wa = ps.get(2 * l).array();
            int in = (int) wa.getShape().get(0);
            int out = (int) wa.getShape().get(1);
            widths[l] = in;
            widths[l + 1] = out;
            int p = (out + lanes - 1) / lanes * lanes;
            padded[l] = p;
            float[] wf = floats(wa);
            float[] bf = floats(ps.get(2 * l + 1).array());
            w[l] = new float[in * p];
            for (int k = 0; k < in; k++) {
                System.arraycopy(wf, k * out, w[l], k * p, out);
            }
            b[l] = new float[p];
            System.arraycopy(bf, 0, b[l], 0, out);
        }
        return new HostMlp(widths, w, b, padded);
    }

    private static float[] floats(NDArray a) {
        if (a.getDataType() == DataType.FLOAT32) {
            return a.toFloatArray();
        }
        try (NDArray f = a.toType(DataType.FLOAT32, true)) {
            return f.toFloatArray();
        }
    }

    /** p, the input width. */
    public int inputDim() {
        return widths[0];
    }

    /** o, the output width. */
    public int outputDim() {
        return widths[widths.length - 1];
    }

    /** The first layer's weights (p, w₁) row-major, a copy (unpadded). */
    public float[] firstWeights() {
        int out = widths[1];
        float[] w = new float[widths[0] * out];
        for (int k = 0; k < widths[0]; k++) {
            System.arraycopy(weights[0], k * padded[0], w, k * out, out);
        }
        return w;
    }

    /** The first layer's bias (w₁), a copy. */
    public float[] firstBias() {
        return java.util.Arrays.copyOf(biases[0], widths[1]);
    }

    /**
     * y = N(z) on a batch: {@code out} (rows, o) from {@code input} (rows, inCols), row-major.
     *
     * <p>With {@code inCols} &lt; p the input holds only the first inCols components of z, and
     * {@code firstBias} (w₁) must already contain b₁ plus the contribution of the rest (z's trailing
     * components times the matching rows of W₁): how a network whose trailing inputs are shared by the
     * whole batch (a sampler's time features) pays for them once per call, not once per row.
     *
     * @param firstBias the first layer's bias, or null for the packed b₁ (then inCols must be p)
     * @param threads workers (the caller plus threads − 1 pool threads); 1 runs on the caller alone
     */
    public void forward(float[] input, int rows, int inCols, float[] firstBias, float[] out, int threads) {
        if (inCols < 1 || inCols > widths[0]) {
            throw new IllegalArgumentException("input columns must be in 1.." + widths[0] + ", got " + inCols);
        }
        if (firstBias == null && inCols != widths[0]) {
            throw new IllegalArgumentException("a partial input (" + inCols + " of " + widths[0] + " columns) needs its first-layer bias");
        }
        if (firstBias != null && firstBias.length != widths[1]) {
            throw new IllegalArgumentException("first-layer bias has length " + firstBias.length + ", need " + widths[1]);
        }
        if (input.length < (long) rows * inCols || out.length < (long) rows * outputDim()) {
            throw new IllegalArgumentException("input or output array too short for " + rows + " rows");
        }
        float[] b0 = biases[0];
        if (firstBias != null) {
            b0 = new float[padded[0]];
            System.arraycopy(firstBias, 0, b0, 0, firstBias.length);
        }
        int blocks = (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
        int workers = Math.max(1, Math.min(threads, blocks));
        AtomicInteger next = new AtomicInteger();
        final float[] bias0 = b0;
        Runnable work = () -> {
            for (int blk = next.getAndIncrement(); blk < blocks; blk = next.getAndIncrement()) {
                block(input, rows, inCols, bias0, out, blk * BLOCK_ROWS);
            }
        };
        HostKernels.runOnWorkers(workers, work);
    }

    /** Rows [row0, row0 + BLOCK_ROWS) through all layers, in this thread's scratch buffers. */
    private void block(float[] input, int rows, int inCols, float[] bias0, float[] out, int row0) {
        int n = Math.min(BLOCK_ROWS, rows - row0);
        float[][] s = buffers(inCols);
        float[] in = s[0];
        System.arraycopy(input, row0 * inCols, in, 0, n * inCols);
        if (n < BLOCK_ROWS) {
            java.util.Arrays.fill(in, n * inCols, BLOCK_ROWS * inCols, 0f);
        }
        float[] cur = in;
        int stride = inCols;
        int kn = inCols;
        int layers = weights.length;
        for (int l = 0; l < layers; l++) {
            float[] dst = s[1 + (l & 1)];
            if (l == layers - 1 && lastTransposed != null) {
                DenseKernel.narrow(cur, stride, lastTransposed, biases[l], widths[l + 1], dst, padded[l], BLOCK_ROWS);
            } else {
                DenseKernel.affine(cur, stride, kn, weights[l], l == 0 ? bias0 : biases[l], dst, padded[l], BLOCK_ROWS);
            }
            if (l < layers - 1) {
                DenseKernel.silu(dst, BLOCK_ROWS * padded[l]);
            }
            cur = dst;
            stride = padded[l];
            kn = widths[l + 1];
        }
        int o = outputDim();
        for (int r = 0; r < n; r++) {
            System.arraycopy(cur, r * stride, out, (row0 + r) * o, o);
        }
    }

    private float[][] buffers(int inCols) {
        float[][] s = scratch.get();
        int wide = 0;
        for (int p : padded) {
            wide = Math.max(wide, p);
        }
        if (s == null || s[0].length < BLOCK_ROWS * inCols) {
            s = new float[][] {new float[BLOCK_ROWS * Math.max(inCols, widths[0])], new float[BLOCK_ROWS * wide],
                    new float[BLOCK_ROWS * wide]};
            scratch.set(s);
        }
        return s;
    }
}
