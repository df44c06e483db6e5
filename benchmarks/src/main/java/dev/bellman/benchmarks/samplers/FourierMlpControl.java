package dev.bellman.benchmarks.samplers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.VectorField;
import dev.bellman.control.nn.Activation;
import dev.bellman.control.nn.Init;
import dev.bellman.control.nn.Mlp;
import dev.bellman.control.nn.MlpConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The peer's control network (../shared/peers/torch_dsm_toy.py): u(t, x) = MLP([x, sin 2πtW, cos 2πtW]),
 * F = 16 Fourier features with W ~ 16·N(0, 1), 3 hidden SiLU layers of width 128, built from the core
 * {@link Mlp} with random weights (speed does not depend on their values). A stand-in for the
 * trainer's ControlNet in the sampling-speed benchmark.
 *
 * <p>Two forward paths:
 * <ul>
 *   <li>t (B, 1): the plain path, features per row, concatenated with x, then the layers;
 *   <li>t (1, 1) shared by the batch ({@link dev.bellman.samplers.TimeInput#SHARED}): the features
 *       go through their block of the first layer once per step, c = feat(t)·W_t + b₀ (H), and the
 *       first layer becomes linear(x, W_x, c) — no concatenation, no per-row features.
 * </ul>
 * Every layer is one fused {@code linear} (addmm: matmul and bias in one op) on a contiguous (out, in)
 * copy of the weights taken at construction (a frozen snapshot: benchmark use), with the batch as first
 * operand, and SiLU as sigmoid(z) multiplied into z in place: 2 ops and 1 allocation per hidden layer.
 */
public final class FourierMlpControl implements VectorField, AutoCloseable {
    private final int dim;
    private final int features;
    private final Mlp mlp;
    private final NDManager manager;
    private final double[] frequencies; // W (F/2), already times 2π
    private final NDArray frequencyRow; // (1, F/2), times 2π
    private final NDArray firstX; // (H, d): the x block of layer 0, for linear
    private final NDArray firstT; // (H, F): the feature block of layer 0
    private final List<NDArray> weights = new ArrayList<>(); // (out, in) views, for linear
    private final List<NDArray> biases = new ArrayList<>();

    public FourierMlpControl(NDManager parent, int dim, int features, int width, int depth, Precision precision, long seed) {
        if (features < 2 || features % 2 != 0) {
            throw new IllegalArgumentException("Fourier features must be a positive even number, got " + features);
        }
        this.dim = dim;
        this.features = features;
        List<Integer> hidden = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            hidden.add(width);
        }
        this.mlp = new Mlp(new MlpConfig(dim + features, hidden, dim, Activation.SILU, Init.HE, false, precision, seed), parent);
        this.manager = mlp.manager();
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5EEDL);
        frequencies = new double[features / 2];
        for (int i = 0; i < frequencies.length; i++) {
            frequencies[i] = 2 * Math.PI * 16.0 * rng.nextGaussian();
        }
        DataType dt = precision.dataType();
        try (Scope unused = Scope.open()) {
            frequencyRow = keepForever(manager.create(frequencies, new Shape(1, frequencies.length)).toType(dt, false));
            var params = mlp.parameters();
            for (int l = 0; l < params.size() / 2; l++) {
                weights.add(keepForever(contiguous(params.get(2 * l).array().transpose())));
                biases.add(params.get(2 * l + 1).array());
            }
            NDArray w0 = params.get(0).array(); // (d + F, H)
            firstX = keepForever(contiguous(w0.get(new NDIndex("0:{}", dim)).transpose()));
            firstT = keepForever(contiguous(w0.get(new NDIndex("{}:", dim)).transpose()));
        }
    }

    /** A contiguous (out, in) copy: a transposed view makes libtorch's linear re-lay the weight every call. */
    private NDArray contiguous(NDArray view) {
        return manager.create(view.toType(DataType.FLOAT64, true).toDoubleArray(), view.getShape()).toType(view.getDataType(), false);
    }

    private static NDArray keepForever(NDArray a) {
        NDScope.unregister(a);
        return a;
    }

    public Mlp mlp() {
        return mlp;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public NDArray value(NDArray t, NDArray x) {
        try (Scope scope = Scope.open()) {
            NDArray z;
            if (t.getShape().get(0) == 1 && x.getShape().get(0) != 1) {
                // One time for the whole batch: the feature block of layer 0 once per step.
                double tv = t.toType(DataType.FLOAT64, false).getDouble();
                double[] feat = new double[features];
                for (int i = 0; i < frequencies.length; i++) {
                    feat[i] = Math.sin(tv * frequencies[i]);
                    feat[i + frequencies.length] = Math.cos(tv * frequencies[i]);
                }
                NDArray f = x.getManager().create(feat, new Shape(1, features)).toType(x.getDataType(), false);
                NDArray c = Linear.linear(f, firstT, biases.get(0)).singletonOrThrow().reshape(-1);
                z = Linear.linear(x, firstX, c).singletonOrThrow();
            } else {
                z = Linear.linear(input(t, x), weights.get(0), biases.get(0)).singletonOrThrow();
            }
            int layers = weights.size();
            for (int l = 1; l < layers; l++) {
                NDArray h = z.getNDArrayInternal().sigmoid().muli(z); // SiLU
                z = Linear.linear(h, weights.get(l), biases.get(l)).singletonOrThrow();
            }
            return scope.keep(z);
        }
    }

    /** [x, sin 2πtW, cos 2πtW] (B, d + F) for per-row t (B, 1). */
    NDArray input(NDArray t, NDArray x) {
        NDArray a = t.mul(frequencyRow); // (B, F/2)
        if (a.getShape().get(0) != x.getShape().get(0)) {
            a = a.repeat(0, x.getShape().get(0));
        }
        return NDArrays.concat(new NDList(x, a.sin(), a.cos()), 1);
    }

    @Override
    public NDArray divergence(NDArray t, NDArray x, DivergenceMode mode) {
        try (Scope scope = Scope.open()) {
            NDArray in = input(t, x);
            int p = dim + features;
            NDArray div;
            if (mode instanceof DivergenceMode.Hutchinson h) {
                NDArray v = h.probes().toArray(x.getManager(), x.getDataType()).expandDims(0); // (1, K, d)
                NDArray lifted = NDArrays.concat(new NDList(v,
                        x.getManager().zeros(new Shape(1, h.probes().count(), features), x.getDataType())), 2);
                NDArray jv = mlp.taylor(in, lifted, 0, 0, 0).first(); // (B, K, d)
                div = jv.mul(v).sum(new int[] {2}).mean(new int[] {1}, true);
            } else {
                double[] e = new double[dim * p];
                for (int i = 0; i < dim; i++) {
                    e[i * p + i] = 1.0;
                }
                NDArray tangents = x.getManager().create(e, new Shape(1, dim, p)).toType(x.getDataType(), false);
                NDArray jac = mlp.taylor(in, tangents, 0, 0, 0).first(); // (B, d, d): [i, o] = ∂u_o/∂x_i
                NDArray eye = x.getManager().eye(dim).toType(x.getDataType(), false).expandDims(0);
                div = jac.mul(eye).sum(new int[] {1, 2}).reshape(x.getShape().get(0), 1);
            }
            return scope.keep(div);
        }
    }

    @Override
    public void close() {
        mlp.close();
    }
}
