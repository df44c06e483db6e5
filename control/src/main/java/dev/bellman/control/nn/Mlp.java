package dev.bellman.control.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fully connected network R^p → R^o on raw NDArray ops: z_l = h_{l−1} W_l + b_l, h_l = σ(z_l), a
 * linear output layer. Weights are stored (in, out) so every layer is one right-multiplication of
 * the batch, with the batch as the first operand (results then belong to the caller's step arrays,
 * not to the long-lived parameter manager: DESIGN.md §3). Calling the ops directly is ≈30 % faster
 * than {@code SequentialBlock.forward}.
 *
 * <p>Besides the plain {@link #forward}, {@link #taylor} propagates forward-mode tangents and
 * second-order terms through the layers (a truncated Taylor expansion): for z = hW + b, h' = σ(z),
 * <pre>
 *   ż = ḣW,   z̈ = ḧW,   ḣ' = σ'(z)ż,   ḧ' = σ''(z) ż⊗ż + σ'(z) z̈
 * </pre>
 * which gives exact gradients, Hessians and directional second derivatives without
 * {@code createGraph} backward passes (DJL has no {@code autograd.grad}, and create-graph backward
 * leaks native memory in training loops). All of it stays differentiable in the parameters, so a
 * loss on ∇φ or ∇²φ trains with one ordinary backward pass.
 *
 * <p>Parameters live in a sub-manager of the manager given at construction; {@link #close()} frees them.
 */
public final class Mlp implements AutoCloseable {
    private final MlpConfig config;
    private final NDManager manager;
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> biases = new ArrayList<>();
    private final List<Parameter> parameters = new ArrayList<>();

    /** Draws the initial weights on the Java side from {@code config.seed()} (independent of the engine's RNG). */
    public Mlp(MlpConfig config, NDManager parent) {
        this.config = config;
        this.manager = parent.newSubManager();
        DataType dt = config.precision().dataType();
        SplittableRandom rng = new SplittableRandom(config.seed());
        int in = config.inputDim();
        List<Integer> outs = new ArrayList<>(config.hidden());
        outs.add(config.outputDim());
        for (int l = 0; l < outs.size(); l++) {
            int out = outs.get(l);
            boolean last = l == outs.size() - 1;
            double std = config.init().std(in, out);
            double[] w = new double[in * out];
            if (!(last && config.zeroLastLayer())) {
                for (int i = 0; i < w.length; i++) {
                    w[i] = std * rng.nextGaussian();
                }
            }
            NDArray weight = manager.create(w, new Shape(in, out)).toType(dt, false);
            NDArray bias = manager.zeros(new Shape(out), dt);
            weight.setRequiresGradient(true);
            bias.setRequiresGradient(true);
            // Parameters outlive any step scope the network happens to be built in.
            NDScope.unregister(weight, bias);
            weights.add(weight);
            biases.add(bias);
            parameters.add(new Parameter("layer" + l + ".weight", weight));
            parameters.add(new Parameter("layer" + l + ".bias", bias));
            in = out;
        }
    }

    public MlpConfig config() {
        return config;
    }

    public int inputDim() {
        return config.inputDim();
    }

    public int outputDim() {
        return config.outputDim();
    }

    public DataType dataType() {
        return config.precision().dataType();
    }

    /** The manager that owns the parameters (use it for arrays that must live as long as the network). */
    public NDManager manager() {
        return manager;
    }

    /** Named parameters in a stable order: layer0.weight (p, w₁), layer0.bias (w₁), …; live arrays, not copies. */
    public List<Parameter> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /** The number of scalar parameters. */
    public long parameterCount() {
        return parameters.stream().mapToLong(p -> p.array().size()).sum();
    }

    /** y = N(z) for z (B, p) → (B, o). */
    public NDArray forward(NDArray input) {
        NDArray h = input;
        int layers = weights.size();
        for (int l = 0; l < layers; l++) {
            NDArray z = h.matMul(weights.get(l)).add(biases.get(l));
            h = l == layers - 1 ? z : config.activation().apply(z, 0)[0];
        }
        return h;
    }

    /**
     * Forward-mode propagation of Q input tangents.
     *
     * @param input z (B, p)
     * @param tangents uᵢ (B, Q, p) or (1, Q, p) when shared by the batch
     * @param hessianCount H: the first H tangents also get all mixed second derivatives (B, H, H, o)
     * @param diagonalOffset start of the block of tangents that get their own second derivative
     * @param diagonalCount K, the size of that block (0 for none)
     */
    public Taylor taylor(NDArray input, NDArray tangents, int hessianCount, int diagonalOffset, int diagonalCount) {
        long q = tangents.getShape().get(1);
        if (tangents.getShape().dimension() != 3 || tangents.getShape().get(2) != config.inputDim()) {
            throw new IllegalArgumentException("tangents must be (B|1, Q, " + config.inputDim() + "), got " + tangents.getShape());
        }
        if (hessianCount < 0 || hessianCount > q || diagonalCount < 0 || diagonalOffset < 0 || diagonalOffset + diagonalCount > q) {
            throw new IllegalArgumentException("second-order blocks out of range of " + q + " tangents");
        }
        long batch = input.getShape().get(0);
        int hh = hessianCount * hessianCount;
        boolean second = hessianCount > 0 || diagonalCount > 0;
        Activation act = config.activation();
        // Layout: every array is (·, rows, width) with the tangent index in the middle, so the
        // activation's derivatives (B, 1, w) broadcast against all of them without reshapes. The
        // second-order rows are the H² mixed pairs followed by the K diagonal ones, propagated by one
        // matmul per layer.
        NDArray h = input.expandDims(1); // (B, 1, p)
        NDArray dh = tangents; // (·, Q, w)
        NDArray sh = null; // (B, H² + K, w)
        int layers = weights.size();
        for (int l = 0; l < layers; l++) {
            NDArray w = weights.get(l);
            NDArray z = h.matMul(w).add(biases.get(l));
            NDArray dz = dh.matMul(w);
            NDArray sz = sh == null ? null : sh.matMul(w);
            if (l == layers - 1) {
                return output(batch, z, dz, sz, hessianCount, diagonalCount);
            }
            NDArray[] s = act.apply(z, second ? 2 : 1);
            if (second) {
                // ḧ = σ''(z) ż⊗ż + σ'(z) z̈
                NDArray src = null;
                if (hessianCount > 0) {
                    NDArray dzH = hessianCount == q ? dz : dz.get(new NDIndex(":, 0:{}", hessianCount));
                    src = hessianCount == 1 ? dzH.mul(dzH)
                            : dzH.expandDims(2).mul(dzH.expandDims(1)).reshape(dzH.getShape().get(0), hh, dzH.getShape().get(2));
                }
                if (diagonalCount > 0) {
                    NDArray dzD = diagonalOffset == 0 && diagonalCount == q ? dz
                            : dz.get(new NDIndex(":, {}:{}", diagonalOffset, diagonalOffset + diagonalCount));
                    NDArray sq = dzD.mul(dzD);
                    src = src == null ? sq : NDArrays.concat(new NDList(src, sq), 1);
                }
                NDArray next = src.mul(s[2]);
                sh = sz == null ? next : next.add(sz.mul(s[1]));
            }
            dh = dz.mul(s[1]);
            h = s[0];
        }
        throw new IllegalStateException("unreachable: an MLP has an output layer");
    }

    private static Taylor output(long batch, NDArray z, NDArray dz, NDArray sz, int hessianCount, int diagonalCount) {
        long o = z.getShape().get(2);
        NDArray value = z.reshape(batch, o);
        NDArray second = null;
        NDArray diagonal = null;
        if (sz != null) {
            int hh = hessianCount * hessianCount;
            if (hessianCount > 0 && diagonalCount > 0) {
                NDList parts = sz.split(new long[] {hh}, 1);
                second = parts.get(0).reshape(batch, hessianCount, hessianCount, o);
                diagonal = parts.get(1);
            } else if (hessianCount > 0) {
                second = sz.reshape(batch, hessianCount, hessianCount, o);
            } else {
                diagonal = sz;
            }
        }
        return new Taylor(value, dz, second, diagonal);
    }

    /** A copy of the current parameter values. */
    public ParameterSnapshot snapshot() {
        return ParameterSnapshot.capture(parameters);
    }

    /** Overwrites the parameters with a snapshot's values (names and shapes must match). */
    public void load(ParameterSnapshot snapshot) {
        snapshot.restore(parameters);
    }

    /** Copies another network's parameter values into this one (target networks); shapes must match. */
    public void copyFrom(Mlp other) {
        load(other.snapshot());
    }

    @Override
    public void close() {
        manager.close();
    }
}
