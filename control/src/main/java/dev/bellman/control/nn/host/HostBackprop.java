package dev.bellman.control.nn.host;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.bellman.control.nn.Activation;
import dev.bellman.control.nn.Mlp;
import dev.bellman.control.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A trainable float32 copy of a SiLU {@link Mlp} on the JVM: the loss and its gradient in the weights by
 * backpropagation with the host kernels, for training loops whose network is small enough that
 * libtorch's per-op cost dominates (the vector control net at batch 512: DJL's backward alone took
 * 73 % of a step).
 *
 * <p>The batch runs in blocks of {@value #BLOCK_ROWS} rows, each forward and then backward while it sits
 * in cache; each block writes its own gradient, and the blocks' gradients are summed in block order,
 * so the result does not depend on the number of threads or on which thread took which block.
 *
 * <p>Parameters live here, in the layout of the kernels: layer l's weights (in_l', P_l) row-major with
 * the input width padded to in_l' (a multiple of 4 for the first layer, P_{l−1} after it) and the output
 * width to P_l (a multiple of the vector length), zero in the padding; the padding's gradient is zero,
 * so an optimizer may run over whole arrays. {@link #values}/{@link #load} convert to and from the
 * Mlp's (in, out) layout.
 */
public final class HostBackprop {
    /** Rows per block, as in {@link HostMlp}. */
    static final int BLOCK_ROWS = HostMlp.BLOCK_ROWS;

    /** The loss's dependence on the network's output, per block of rows. */
    @FunctionalInterface
    public interface OutputGradient {
        /**
         * Rows [row0, row0 + n) of the batch: given u (n, o) (row stride {@code stride}), writes ∂loss/∂u
         * into {@code du} (same layout, zero on entry) and returns these rows' part of the loss. Called
         * concurrently for different blocks.
         */
        double apply(int row0, int n, float[] u, int stride, float[] du);
    }

    private final int layers;
    private final int[] widths; // real: input, hidden..., output
    private final int[] inPad; // per layer: padded input width
    private final int[] outPad; // per layer: padded output width
    private final float[][] params; // w0, b0, w1, b1, ...
    private final float[][] grads;
    private final float[][] transposed; // per layer l ≥ 1: (out_l, inPad_l)
    private final List<float[][]> blockGrads = new ArrayList<>();
    private double[] blockLoss = new double[0];
    private final ThreadLocal<float[][]> scratch = new ThreadLocal<>();

    private HostBackprop(int[] widths) {
        this.layers = widths.length - 1;
        this.widths = widths;
        this.inPad = new int[layers];
        this.outPad = new int[layers];
        int lanes = DenseKernel.LANES;
        for (int l = 0; l < layers; l++) {
            outPad[l] = (widths[l + 1] + lanes - 1) / lanes * lanes;
            inPad[l] = l == 0 ? (widths[0] + 3) / 4 * 4 : outPad[l - 1];
        }
        this.params = newLike();
        this.grads = newLike();
        this.transposed = new float[layers][];
        for (int l = 1; l < layers; l++) {
            transposed[l] = new float[widths[l + 1] * inPad[l]];
        }
    }

    private float[][] newLike() {
        float[][] a = new float[2 * layers][];
        for (int l = 0; l < layers; l++) {
            a[2 * l] = new float[inPad[l] * outPad[l]];
            a[2 * l + 1] = new float[outPad[l]];
        }
        return a;
    }

    /** Whether {@code mlp} can train here: SiLU hidden layers (the control net's), and the kernels available. */
    public static boolean supports(Mlp mlp) {
        return HostKernels.available() && mlp.config().activation() == Activation.SILU;
    }

    /** A copy of {@code mlp}'s current weights. */
    public static HostBackprop of(Mlp mlp) {
        if (!supports(mlp)) {
            throw new IllegalStateException("host backprop needs a SiLU MLP and the host kernels (" + HostKernels.status() + ")");
        }
        List<Parameter> ps = mlp.parameters();
        int n = ps.size() / 2;
        int[] widths = new int[n + 1];
        for (int l = 0; l < n; l++) {
            long[] s = ps.get(2 * l).array().getShape().getShape();
            widths[l] = (int) s[0];
            widths[l + 1] = (int) s[1];
        }
        HostBackprop h = new HostBackprop(widths);
        for (int i = 0; i < ps.size(); i++) {
            h.load(i, doubles(ps.get(i).array()));
        }
        return h;
    }

    private static double[] doubles(NDArray a) {
        if (a.getDataType() == DataType.FLOAT64) {
            return a.toDoubleArray();
        }
        float[] f = a.toType(DataType.FLOAT32, false).toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** Parameter arrays in the Mlp's order (w0, b0, w1, b1, …): live, in the padded layout. */
    public float[][] parameters() {
        return params;
    }

    /** The gradient of the last {@link #lossAndGradient}, in the layout of {@link #parameters()}. */
    public float[][] gradients() {
        return grads;
    }

    /** Parameter i (Mlp order) of a padded set in the Mlp's layout ((in, out) or (out)), as doubles. */
    public double[] values(float[][] set, int i) {
        int l = i / 2;
        int out = widths[l + 1];
        float[] a = set[i];
        if (i % 2 == 1) {
            double[] b = new double[out];
            for (int j = 0; j < out; j++) {
                b[j] = a[j];
            }
            return b;
        }
        int in = widths[l];
        double[] w = new double[in * out];
        for (int k = 0; k < in; k++) {
            for (int j = 0; j < out; j++) {
                w[k * out + j] = a[k * outPad[l] + j];
            }
        }
        return w;
    }

    /** Sets parameter i from the Mlp's layout (rounded to float32); the padding stays zero. */
    public void load(int i, double[] values) {
        load(params, i, values);
    }

    /** Sets entry i of a padded set (parameters, or an optimizer's moments) from the Mlp's layout. */
    public void load(float[][] set, int i, double[] values) {
        int l = i / 2;
        int out = widths[l + 1];
        int expected = i % 2 == 1 ? out : widths[l] * out;
        if (values.length != expected) {
            throw new IllegalArgumentException("parameter " + i + " has " + expected + " values, got " + values.length);
        }
        float[] a = set[i];
        java.util.Arrays.fill(a, 0f);
        if (i % 2 == 1) {
            for (int j = 0; j < out; j++) {
                a[j] = (float) values[j];
            }
            return;
        }
        for (int k = 0; k < widths[l]; k++) {
            for (int j = 0; j < out; j++) {
                a[k * outPad[l] + j] = (float) values[k * out + j];
            }
        }
    }

    /** A zero set in the layout of {@link #parameters()} (for an optimizer's moments). */
    public float[][] zerosLike() {
        return newLike();
    }

    /**
     * The loss Σ over blocks of {@code loss.apply} at u = N(z), and its gradient in the parameters
     * into {@link #gradients()}.
     *
     * @param input z (rows, p) row-major, p the Mlp's input width
     * @param threads workers (the caller plus threads − 1 pool threads)
     */
    public double lossAndGradient(float[] input, int rows, OutputGradient loss, int threads) {
        int p = widths[0];
        if (input.length < (long) rows * p || rows < 1) {
            throw new IllegalArgumentException("input too short for " + rows + " rows of " + p);
        }
        for (int l = 1; l < layers; l++) {
            transpose(l);
        }
        int blocks = (rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
        while (blockGrads.size() < blocks) {
            blockGrads.add(newLike());
        }
        if (blockLoss.length < blocks) {
            blockLoss = new double[blocks];
        }
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                blockLoss[b] = block(input, rows, b, loss);
            }
        };
        int workers = Math.max(1, Math.min(threads, blocks));
        HostKernels.runOnWorkers(workers, work);
        double total = 0;
        for (int i = 0; i < grads.length; i++) {
            float[] g = grads[i];
            System.arraycopy(blockGrads.get(0)[i], 0, g, 0, g.length);
            for (int b = 1; b < blocks; b++) {
                DenseKernel.addInto(blockGrads.get(b)[i], g, g.length);
            }
        }
        for (int b = 0; b < blocks; b++) {
            total += blockLoss[b];
        }
        return total;
    }

    /** wT_l (out_l, inPad_l) from w_l (inPad_l, outPad_l), in 16 × 16 tiles (the strided writes stay in L1). */
    private void transpose(int l) {
        float[] w = params[2 * l];
        float[] t = transposed[l];
        int out = widths[l + 1];
        int in = inPad[l];
        int op = outPad[l];
        final int tile = 16;
        for (int k0 = 0; k0 < in; k0 += tile) {
            int k1 = Math.min(in, k0 + tile);
            for (int j0 = 0; j0 < out; j0 += tile) {
                int j1 = Math.min(out, j0 + tile);
                for (int k = k0; k < k1; k++) {
                    int row = k * op;
                    for (int j = j0; j < j1; j++) {
                        t[j * in + k] = w[row + j];
                    }
                }
            }
        }
    }

    /** Forward and backward of block b; its gradient into blockGrads[b]; returns its loss. */
    private double block(float[] input, int rows, int b, OutputGradient loss) {
        int row0 = b * BLOCK_ROWS;
        int n = Math.min(BLOCK_ROWS, rows - row0);
        float[][] s = buffers();
        // s[0] input (R, inPad0); s[1 + l] z_l (R, outPad_l); s[1 + layers + l] h_l; then dz ping-pong,
        // the zero bias (width ≥ every inPad), and s[4 + 2·layers + l] the logistic s_l of z_l
        float[] in = s[0];
        int p = widths[0];
        int ip = inPad[0];
        java.util.Arrays.fill(in, 0f);
        for (int r = 0; r < n; r++) {
            System.arraycopy(input, (row0 + r) * p, in, r * ip, p);
        }
        float[] cur = in;
        int stride = ip;
        int kn = p;
        for (int l = 0; l < layers; l++) {
            float[] z = s[1 + l];
            DenseKernel.affine(cur, stride, kn, params[2 * l], params[2 * l + 1], z, outPad[l], BLOCK_ROWS);
            if (l < layers - 1) {
                float[] h = s[1 + layers + l];
                DenseKernel.siluInto(z, h, s[4 + 2 * layers + l], BLOCK_ROWS * outPad[l]);
                cur = h;
            } else {
                cur = z;
            }
            stride = outPad[l];
            kn = widths[l + 1];
        }
        float[] dz = s[1 + 2 * layers];
        float[] spare = s[2 + 2 * layers];
        int last = layers - 1;
        java.util.Arrays.fill(dz, 0, BLOCK_ROWS * outPad[last], 0f);
        double value = loss.apply(row0, n, cur, outPad[last], dz);
        float[][] g = blockGrads.get(b);
        for (int l = last; l >= 0; l--) {
            float[] hIn = l == 0 ? in : s[1 + layers + l - 1];
            float[] gw = g[2 * l];
            float[] gb = g[2 * l + 1];
            DenseKernel.gradWeights(hIn, inPad[l], inPad[l], dz, outPad[l], BLOCK_ROWS, gw);
            DenseKernel.columnSums(dz, outPad[l], BLOCK_ROWS, gb);
            if (l > 0) {
                // dh_{l−1} = dz_l·W_lᵀ, then through the activation: dz_{l−1} = dh ⊙ σ'(z_{l−1})
                DenseKernel.affine(dz, outPad[l], widths[l + 1], transposed[l], s[3 + 2 * layers], spare, inPad[l], BLOCK_ROWS);
                DenseKernel.siluBackward(s[1 + l - 1], s[4 + 2 * layers + l - 1], spare, BLOCK_ROWS * inPad[l]);
                float[] t = dz;
                dz = spare;
                spare = t;
            }
        }
        return value;
    }

    private float[][] buffers() {
        float[][] s = scratch.get();
        if (s == null) {
            int wide = inPad[0];
            for (int l = 0; l < layers; l++) {
                wide = Math.max(wide, Math.max(outPad[l], inPad[l]));
            }
            s = new float[4 + 3 * layers][];
            s[0] = new float[BLOCK_ROWS * inPad[0]];
            for (int l = 0; l < layers; l++) {
                s[1 + l] = new float[BLOCK_ROWS * outPad[l]];
                s[1 + layers + l] = new float[BLOCK_ROWS * outPad[l]];
            }
            s[1 + 2 * layers] = new float[BLOCK_ROWS * wide];
            s[2 + 2 * layers] = new float[BLOCK_ROWS * wide];
            s[3 + 2 * layers] = new float[wide];
            for (int l = 0; l < layers; l++) {
                s[4 + 2 * layers + l] = new float[BLOCK_ROWS * outPad[l]];
            }
            scratch.set(s);
        }
        return s;
    }
}
