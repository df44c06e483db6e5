package dev.bellman.diffusion.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.VectorField;
import dev.bellman.control.nn.Activation;
import dev.bellman.control.nn.host.HostMlp;
import dev.bellman.control.nn.Mlp;
import dev.bellman.control.nn.MlpConfig;
import dev.bellman.control.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * The vector control network u_θ(t_f, x) = MLP([x, sin(2πW t_f), cos(2πW t_f)]) of DESIGN.md §1.4,
 * t_f the FORWARD diffusion time: x (B, D), t (B, 1) → u (B, D). The MLP is the core
 * {@link Mlp} (weights (in, out), zero-initialised output layer), with input D + F.
 *
 * <p>{@link #value} is the training hot path and calls the ops directly (no {@code SequentialBlock},
 * DESIGN.md §3): one broadcast product t·2πW, its sine and cosine, one concatenation with x, then
 * per layer one fused {@code linear} (addmm: matmul and bias in one kernel, on a transposed view of
 * the (in, out) weight) and SiLU as z·sigmoid(z) — 17 native calls for 3 hidden layers.
 *
 * <p>{@link #divergence}: forward mode through the core {@link Mlp#taylor} with tangents that are the
 * unit vectors on the x inputs and zero on the Fourier features (the features depend on t only):
 * exact (D tangents, the Jacobian's diagonal) or Hutchinson (one tangent per fixed probe).
 */
public final class ControlNet implements ControlNetwork {
    private final ControlNetConfig config;
    private final FourierFeatures features;
    private final Mlp mlp;
    private final NDArray omega; // (1, K) = 2πW
    private final NDArray xTangents; // (1, D, D + F)
    private final NDArray eye; // (1, D, D)
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> biases = new ArrayList<>();
    private final boolean silu;

    ControlNet(ControlNetConfig config, NDManager parent) {
        this.config = config;
        this.features = FourierFeatures.gaussian(config.fourierFeatures(), config.fourierScale(), config.seed());
        int d = config.dim();
        int p = d + config.fourierFeatures();
        this.mlp = new Mlp(new MlpConfig(p, config.hidden(), d, config.activation(), config.init(), true,
                config.precision(), config.seed()), parent);
        NDManager m = mlp.manager();
        double[] w = features.frequencies();
        double[] om = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            om[i] = 2 * Math.PI * w[i];
        }
        omega = m.create(om, new Shape(1, w.length)).toType(mlp.dataType(), false);
        double[] ex = new double[d * p];
        for (int i = 0; i < d; i++) {
            ex[i * p + i] = 1.0;
        }
        xTangents = m.create(ex, new Shape(1, d, p)).toType(mlp.dataType(), false);
        eye = m.eye(d).toType(mlp.dataType(), false).expandDims(0);
        NDScope.unregister(omega, xTangents, eye);
        List<Parameter> ps = mlp.parameters();
        for (int i = 0; i < ps.size(); i += 2) {
            weights.add(ps.get(i).array());
            biases.add(ps.get(i + 1).array());
        }
        silu = config.activation() == Activation.SILU;
    }

    public ControlNetConfig config() {
        return config;
    }

    @Override
    public ControlNetConfig spec() {
        return config;
    }

    /** The fixed time features. */
    public FourierFeatures features() {
        return features;
    }

    /** The underlying MLP on [x, features] (inputs D + F). */
    public Mlp mlp() {
        return mlp;
    }

    @Override
    public List<Parameter> parameters() {
        return mlp.parameters();
    }

    @Override
    public int dim() {
        return config.dim();
    }

    /**
     * The MLP input [x, sin(2πW t), cos(2πW t)] (B, D + F) for t (B, 1) or one shared row t (1, 1),
     * x (B, D).
     */
    public NDArray input(NDArray t, NDArray x) {
        checkShapes(t, x);
        long batch = x.getShape().get(0);
        NDArray features = timeFeatures(t);
        if (t.getShape().get(0) != batch) {
            features = features.repeat(0, batch);
        }
        return NDArrays.concat(new NDList(x, features), 1);
    }

    /** [sin(2πW t), cos(2πW t)] (B', F) for t (B', 1). */
    private NDArray timeFeatures(NDArray t) {
        // t first: the product belongs to the step's arrays, not to the network's manager (DESIGN.md §3).
        NDArray a = t.mul(omega);
        return NDArrays.concat(new NDList(a.sin(), a.cos()), 1);
    }

    private void checkShapes(NDArray t, NDArray x) {
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != config.dim()) {
            throw new IllegalArgumentException("x must be (B, " + config.dim() + "), got " + x.getShape());
        }
        if (t == null || t.getShape().dimension() != 2 || t.getShape().get(1) != 1
                || (t.getShape().get(0) != 1 && t.getShape().get(0) != x.getShape().get(0))) {
            throw new IllegalArgumentException("t must be (B, 1) or (1, 1) for x " + x.getShape() + ", got "
                    + (t == null ? null : t.getShape()));
        }
    }

    /**
     * u_θ(t, x) (B, D). With one shared time row t (1, 1) and B > 1 rows the time features pass
     * through their block of the first layer once, c = [sin, cos](t)·W₀[D:] + b₀ (H), and the first
     * layer becomes x·W₀[:D] + c: no per-row features, no concatenation (the same affine map, so the
     * same values up to float rounding; ControlNetTest checks it against the per-row path).
     */
    @Override
    public NDArray value(NDArray t, NDArray x) {
        try (Scope scope = Scope.open()) {
            checkShapes(t, x);
            if (t.getShape().get(0) == 1 && x.getShape().get(0) > 1) {
                return scope.keep(forwardSharedTime(t, x));
            }
            return scope.keep(forward(input(t, x)));
        }
    }

    /** Every row of a batch sits at one time. */
    @Override
    public boolean broadcastsTime() {
        return true;
    }

    private NDArray forwardSharedTime(NDArray t, NDArray x) {
        int d = config.dim();
        NDArray w0 = weights.get(0); // (D + F, H), stored (in, out)
        // c = feat(t)·W₀[D:] + b₀ as one (1, F)·(F, H) linear; then the x block, with c as its bias.
        PtNDArray timeBlock = (PtNDArray) w0.get(new NDIndex(d + ":")).transpose();
        PtNDArray c = JniUtils.linear((PtNDArray) timeFeatures(t), timeBlock, (PtNDArray) biases.get(0));
        PtNDArray xBlock = (PtNDArray) w0.get(new NDIndex(":" + d)).transpose();
        PtNDArray z = JniUtils.linear((PtNDArray) x, xBlock, (PtNDArray) c.reshape(-1));
        return forwardFrom(1, z);
    }

    /** The MLP on a prepared input (B, D + F) → (B, D); arrays in the caller's scope. */
    NDArray forward(NDArray input) {
        PtNDArray w = (PtNDArray) weights.get(0).transpose();
        return forwardFrom(1, JniUtils.linear((PtNDArray) input, w, (PtNDArray) biases.get(0)));
    }

    /** The layers from {@code layer} on, given the pre-activation z of the layer before it. */
    private NDArray forwardFrom(int layer, PtNDArray z) {
        int layers = weights.size();
        for (int l = layer; l < layers; l++) {
            PtNDArray h = silu ? JniUtils.sigmoid(z).mul(z) : (PtNDArray) activation(z);
            z = JniUtils.linear(h, (PtNDArray) weights.get(l).transpose(), (PtNDArray) biases.get(l));
        }
        return z;
    }

    /** The hidden activation, with the same formulas as the core's {@link Activation} (used by {@link Mlp#taylor}). */
    private NDArray activation(NDArray z) {
        return switch (config.activation()) {
            case TANH -> z.tanh();
            case SOFTPLUS -> z.getNDArrayInternal().softPlus();
            case SIN -> z.sin();
            case SILU -> z.mul(z.getNDArrayInternal().sigmoid());
        };
    }

    /**
     * For a sampler run: on the host kernels ({@link HostControlNet}) when they are available and the
     * network is a float32 SiLU net (the default), else this network.
     */
    @Override
    public VectorField frozen() {
        if (HostMlp.supports(mlp) && mlp.dataType() == ai.djl.ndarray.types.DataType.FLOAT32) {
            return new HostControlNet(this);
        }
        return this;
    }

    @Override
    public NDArray divergence(NDArray t, NDArray x, DivergenceMode mode) {
        long batch = x.getShape().get(0);
        try (Scope scope = Scope.open()) {
            NDArray input = input(t, x);
            NDArray div;
            if (mode instanceof DivergenceMode.Hutchinson h) {
                if (h.probes().dim() != config.dim()) {
                    throw new IllegalArgumentException("divergence probes have length " + h.probes().dim() + ", need " + config.dim());
                }
                NDArray v = h.probes().toArray(x.getManager(), x.getDataType()).expandDims(0); // (1, K, D)
                NDArray zeros = x.getManager().zeros(new Shape(1, h.probes().count(), config.fourierFeatures()), x.getDataType());
                NDArray tangents = NDArrays.concat(new NDList(v, zeros), 2); // (1, K, D + F)
                NDArray jv = mlp.taylor(input, tangents, 0, 0, 0).first(); // (B, K, D)
                div = jv.mul(v).sum(new int[] {2}).mean(new int[] {1}, true);
            } else {
                NDArray jac = mlp.taylor(input, xTangents, 0, 0, 0).first(); // (B, D, D): [i, o] = ∂u_o/∂x_i
                div = jac.mul(eye).sum(new int[] {1, 2}).reshape(new Shape(batch, 1));
            }
            return scope.keep(div);
        }
    }

    @Override
    public void close() {
        mlp.close();
    }
}
