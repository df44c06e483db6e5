package dev.bellman.diffusion.net.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.nn.Parameter;
import dev.bellman.control.nn.ParameterSnapshot;
import dev.bellman.diffusion.net.ControlNetwork;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small U-Net control network u_θ(t_f, x) for images (DESIGN.md §1.4: the network learns the
 * control u = Σᵀs in FORWARD diffusion time t_f), after Ho et al. 2020 (DDPM) and Song et al. 2021,
 * cut down for CPU training:
 *
 * <pre>
 *   H × W    : conv_in(C→c) → Res(c→c) ────────────────────────────────┐ skip
 *   H/2      : down(c, stride 2) → Res(c→2c) ─────────────────┐ skip     │
 *   H/4      : down(2c, stride 2) → Res(2c→2c) → Res(2c→2c)   │          │
 *   H/2      : up(nearest ×2, conv 2c→2c) ⊕ skip → Res(4c→2c) ┘          │
 *   H × W    : up(nearest ×2, conv 2c→c) ⊕ skip → Res(2c→c) ─────────────┘
 *              → GroupNorm → SiLU → conv_out(c→C), zero-initialised (u_θ ≡ 0 at the start)
 * </pre>
 * Residual block (pre-activation): h = conv₁(SiLU(GN(x))) + W_b SiLU(e(t)) (a per-channel bias from
 * the time embedding, in EVERY block), h = conv₂(SiLU(GN(h))), out = skip(x) + h (skip a 1×1 conv
 * when the width changes). e(t) = MLP(sinusoidal(t)) of width 4c. All convolutions are 3 × 3, padding 1.
 *
 * <p>Shapes: as every network of the diffusion half, x is flat (B, D), D = C·H·W (reshaped inside to
 * (B, C, H, W)); t (B, 1) is the forward time; u (B, D). Parameters are plain NDArrays that require
 * gradients, in a sub-manager of the one given at construction, drawn deterministically from the
 * config's seed on the Java side; {@link #parameters()} lists them by stable name for Adam, EMA and
 * checkpoints. The ops are DJL's NDArray ops called directly (no {@code Block}s), each chain starting
 * from a step-scoped array (DESIGN.md §3), the whole forward in a {@link Scope}.
 *
 * <p>Divergence: Hutchinson only (see {@link #divergence}); the exact divergence would need D
 * backward passes and is refused.
 */
public final class UNet implements ControlNetwork {
    private static final Shape ONE = new Shape(1, 1);
    private static final Shape TWO = new Shape(2, 2);
    private static final Shape NO_PAD = new Shape(0, 0);
    private static final Shape PAD = new Shape(1, 1);

    private final UNetConfig config;
    private final NDManager manager;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<NDArray> live = new ArrayList<>();
    private final TimeEmbedding embedding;
    private final SplittableRandom rng;

    private final Linear time0;
    private final Linear time1;
    private final Conv convIn;
    private final ResBlock down0;
    private final Conv downsample1;
    private final ResBlock down1;
    private final Conv downsample2;
    private final ResBlock mid0;
    private final ResBlock mid1;
    private final Conv upsample1;
    private final ResBlock up1;
    private final Conv upsample0;
    private final ResBlock up0;
    private final Norm normOut;
    private final Conv convOut;

    /** Builds the network with weights drawn from {@code config.seed()}; parameters live in a sub-manager of {@code parent}. */
    public UNet(UNetConfig config, NDManager parent) {
        this.config = config;
        this.manager = parent.newSubManager();
        this.rng = new SplittableRandom(config.seed());
        int c = config.baseChannels();
        int tc = config.timeChannels();
        this.embedding = new TimeEmbedding(config.embeddingDim(), manager, dataType());
        time0 = linear("time.0", config.embeddingDim(), tc);
        time1 = linear("time.1", tc, tc);
        convIn = conv("in", config.channels(), c, 3, 1, false);
        down0 = res("down0", c, c);
        downsample1 = conv("down1.sample", c, c, 3, 2, false);
        down1 = res("down1", c, 2 * c);
        downsample2 = conv("down2.sample", 2 * c, 2 * c, 3, 2, false);
        mid0 = res("mid0", 2 * c, 2 * c);
        mid1 = res("mid1", 2 * c, 2 * c);
        upsample1 = conv("up1.sample", 2 * c, 2 * c, 3, 1, false);
        up1 = res("up1", 4 * c, 2 * c);
        upsample0 = conv("up0.sample", 2 * c, c, 3, 1, false);
        up0 = res("up0", 2 * c, c);
        normOut = norm("out.norm", c);
        // Zero-initialised output: the network starts as the zero control u = 0 (Song et al. 2021 do
        // the same), so early training does not fight a random drift.
        convOut = conv("out", c, config.channels(), 3, 1, true);
    }

    public UNetConfig config() {
        return config;
    }

    @Override
    public UNetConfig spec() {
        return config;
    }

    /** The manager that owns the parameters. */
    public NDManager manager() {
        return manager;
    }

    public DataType dataType() {
        return config.precision().dataType();
    }

    /** Named parameters in a stable order; live arrays (not copies) that require gradients. */
    @Override
    public List<Parameter> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /** The number of scalar parameters. */
    public long parameterCount() {
        return parameters.stream().mapToLong(p -> p.array().size()).sum();
    }

    /** A copy of the current parameter values. */
    public ParameterSnapshot snapshot() {
        return ParameterSnapshot.capture(parameters);
    }

    /** Overwrites the parameters with a snapshot's values (names and shapes must match). */
    public void load(ParameterSnapshot snapshot) {
        snapshot.restore(parameters);
    }

    @Override
    public int dim() {
        return config.dim();
    }

    /** u_θ(t_f, x): t (B, 1) forward time, x (B, D) → (B, D). */
    @Override
    public NDArray value(NDArray t, NDArray x) {
        try (Scope scope = Scope.open()) {
            return scope.keep(flat(t, x, live));
        }
    }

    /** u_θ(t_f, x) on images: t (B, 1), x (B, C, H, W) → (B, C, H, W). */
    public NDArray forwardImages(NDArray t, NDArray x) {
        checkImages(x);
        try (Scope scope = Scope.open()) {
            return scope.keep(forward(cast(t), cast(x), live));
        }
    }

    /**
     * Hutchinson's estimator of ∇ₓ·u (B, 1): the mean over the K fixed probes v of vᵀ J v, J = ∂u/∂x
     * (Hutchinson 1990; FFJORD, Grathwohl et al. 2019). vᵀJv = vᵀ ∇ₓ(u·v) comes from ONE ordinary
     * reverse-mode pass of Σ_rows (u(x)·v) with respect to x — rows are independent (GroupNorm
     * normalises each sample on its own), so the gradient of the sum gives every row's Jᵀv. The K
     * probes are stacked into one batch of K·B rows. No create-graph: the estimate is detached from
     * the parameters (for the likelihood, not for training), and the parameters' gradients are left
     * untouched (the pass runs on detached views of them). Probes are fixed per call, so an ODE solve
     * that passes the same {@link dev.bellman.control.field.Probes} sees one fixed noise.
     *
     * @throws BadInputException for {@link DivergenceMode#EXACT}: D = C·H·W backward passes per call
     */
    @Override
    public NDArray divergence(NDArray t, NDArray x, DivergenceMode mode) {
        if (!(mode instanceof DivergenceMode.Hutchinson h)) {
            throw new BadInputException("the exact divergence of an image U-Net would take D = " + dim()
                    + " backward passes per evaluation; use Hutchinson's estimator (fixed probes) for images");
        }
        if (h.probes().dim() != dim()) {
            throw new IllegalArgumentException("divergence probes have length " + h.probes().dim() + ", need " + dim());
        }
        int k = h.probes().count();
        long batch = x.getShape().get(0);
        boolean previous = GradMode.isRecording();
        try (Scope scope = Scope.open()) {
            NDArray xs;
            NDArray ts;
            NDArray v;
            List<NDArray> detached = new ArrayList<>(live.size());
            try (GradMode off = GradMode.disabled()) {
                // Row r = k·B + b holds sample b with probe k.
                NDArray x0 = cast(x).stopGradient();
                NDArray t0 = cast(t).stopGradient();
                xs = k == 1 ? x0.duplicate() : x0.tile(new long[] {k, 1});
                ts = k == 1 ? t0 : t0.tile(new long[] {k, 1});
                v = h.probes().toArray(xs.getManager(), dataType()).repeat(0, batch);
                for (NDArray p : live) {
                    detached.add(p.stopGradient());
                }
            }
            xs.setRequiresGradient(true);
            JniUtils.setGradMode(true);
            NDArray u = flat(ts, xs, detached);
            NDArray s = u.mul(v).sum();
            JniUtils.backward((PtNDArray) s, (PtNDArray) s.onesLike(), false, false);
            JniUtils.setGradMode(previous);
            NDArray jtv = xs.getGradient();
            NDArray div = jtv.mul(v).sum(new int[] {1}).reshape(k, batch).mean(new int[] {0}).reshape(batch, 1);
            return scope.keep(div.stopGradient());
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    // ---------------------------------------------------------------- forward

    private NDArray flat(NDArray t, NDArray x, List<NDArray> p) {
        long batch = x.getShape().get(0);
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != dim()) {
            throw new IllegalArgumentException("x must be (B, " + dim() + ") (flat " + config.sampleShape() + " images), got "
                    + x.getShape());
        }
        NDArray images = cast(x).reshape(batch, config.channels(), config.height(), config.width());
        return forward(cast(t), images, p).reshape(batch, dim());
    }

    private NDArray forward(NDArray t, NDArray x, List<NDArray> p) {
        if (t.getShape().dimension() != 2 || t.getShape().get(1) != 1 || t.getShape().get(0) != x.getShape().get(0)) {
            throw new IllegalArgumentException("t must be (B, 1) with B = " + x.getShape().get(0) + ", got " + t.getShape());
        }
        NDArray e = silu(time1.apply(silu(time0.apply(embedding.apply(t), p)), p)); // (B, 4c), SiLU'd once for every block
        NDArray h0 = convIn.apply(x, p);
        NDArray r0 = down0.apply(h0, e, p);
        NDArray r1 = down1.apply(downsample1.apply(r0, p), e, p);
        NDArray m = mid1.apply(mid0.apply(downsample2.apply(r1, p), e, p), e, p);
        NDArray u1 = up1.apply(concat(upsample1.apply(upsample(m), p), r1), e, p);
        NDArray u0 = up0.apply(concat(upsample0.apply(upsample(u1), p), r0), e, p);
        return convOut.apply(silu(normOut.apply(u0, p)), p);
    }

    private NDArray cast(NDArray a) {
        return a.getDataType() == dataType() ? a : a.toType(dataType(), false);
    }

    private void checkImages(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) != config.channels() || s.get(2) != config.height() || s.get(3) != config.width()) {
            throw new IllegalArgumentException("images must be (B, " + config.channels() + ", " + config.height() + ", "
                    + config.width() + "), got " + s);
        }
    }

    static NDArray silu(NDArray z) {
        return z.mul(z.getNDArrayInternal().sigmoid());
    }

    /** Nearest-neighbour ×2 upsampling of (B, C, H, W). */
    static NDArray upsample(NDArray x) {
        return x.repeat(2, 2).repeat(3, 2);
    }

    private static NDArray concat(NDArray a, NDArray b) {
        return NDArrays.concat(new NDList(a, b), 1);
    }

    // ---------------------------------------------------------------- layers

    /**
     * Float32 convolutions have their channel counts padded to a multiple of this (with zero weights,
     * zero inputs, and sliced-off outputs), so that oneDNN never sees a padded blocked layout.
     *
     * <p>Why: libtorch 2.7.1's oneDNN 3.7.1 keeps channels in blocks of 16 (AVX-512; 8 on AVX2) and
     * pads a channel count that is not a multiple. Measured on this project's CPU (AMD EPYC,
     * AVX-512): the backward pass of a convolution with a padded output channel count (the 1-channel
     * output convolution of any U-Net; every layer of a c = 8 test net) returned NaN in about 3 of
     * 1,000 identical calls (garbage read from the padding), which stops training with the NaN guard.
     * Padded as here, no NaN in 8,000 such calls. It costs ≈ 4 % of an MNIST step at c = 32 (only the
     * 1-channel input and output convolutions are padded there). Results are those of the unpadded
     * convolution: the padded weights multiply zeros or produce channels that are dropped. Float64
     * convolutions run in ATen, not oneDNN, and are left unpadded.
     *
     * <p>Not fixed by this: about 1 in 1,500 identical float32 backward passes of the MNIST-sized
     * U-Net still returns different (finite, large) gradients, with or without
     * {@code ONEDNN_MAX_CPU_ISA=AVX2}; so float32 image runs resume exactly only up to such events,
     * and gradient clipping bounds their effect. Float64 runs are exact.
     */
    static final int CHANNEL_BLOCK = 16;

    /**
     * 2-D convolution, weight (O, I, k, k), bias (O); with {@code pad} (float32), computed with channel
     * counts padded to {@link #CHANNEL_BLOCK}.
     */
    private record Conv(int weight, int bias, int in, int out, int kernel, Shape stride, Shape padding, boolean pad) {
        NDArray apply(NDArray x, List<NDArray> p) {
            NDArray w = p.get(weight);
            NDArray b = p.get(bias);
            int inPad = pad ? padded(in) - in : 0;
            int outPad = pad ? padded(out) - out : 0;
            if (inPad > 0) {
                long batch = x.getShape().get(0);
                // Zeros from x's manager (step-scoped), never from the parameters' (DESIGN.md §3).
                x = NDArrays.concat(new NDList(x, x.getManager().zeros(new Shape(batch, inPad, x.getShape().get(2),
                        x.getShape().get(3)), x.getDataType())), 1);
                w = NDArrays.concat(new NDList(w, x.getManager().zeros(new Shape(out, inPad, kernel, kernel), x.getDataType())), 1);
            }
            if (outPad > 0) {
                w = NDArrays.concat(new NDList(w, x.getManager().zeros(new Shape(outPad, in + inPad, kernel, kernel), x.getDataType())), 0);
                b = NDArrays.concat(new NDList(b, x.getManager().zeros(new Shape(outPad), x.getDataType())), 0);
            }
            NDArray y = x.getNDArrayInternal().convolution(x, w, b, stride, padding, ONE, 1).singletonOrThrow();
            return outPad > 0 ? y.get(new NDIndex(":, 0:" + out)) : y;
        }

        static int padded(int channels) {
            return (channels + CHANNEL_BLOCK - 1) / CHANNEL_BLOCK * CHANNEL_BLOCK;
        }
    }

    /** y = x W + b, weight (in, out). */
    private record Linear(int weight, int bias) {
        NDArray apply(NDArray x, List<NDArray> p) {
            return x.matMul(p.get(weight)).add(p.get(bias));
        }
    }

    private record Norm(int gamma, int beta, int groups) {
        NDArray apply(NDArray x, List<NDArray> p) {
            return GroupNorm.apply(x, groups, p.get(gamma), p.get(beta));
        }
    }

    private record ResBlock(Norm norm1, Conv conv1, Linear time, Norm norm2, Conv conv2, Conv skip) {
        NDArray apply(NDArray x, NDArray e, List<NDArray> p) {
            NDArray h = conv1.apply(silu(norm1.apply(x, p)), p);
            NDArray bias = time.apply(e, p);
            h = h.add(bias.reshape(bias.getShape().get(0), bias.getShape().get(1), 1, 1));
            h = conv2.apply(silu(norm2.apply(h, p)), p);
            return (skip == null ? x : skip.apply(x, p)).add(h);
        }
    }

    private int parameter(String name, Shape shape, double std, double constant) {
        double[] values = new double[(int) shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = std > 0 ? std * rng.nextGaussian() : constant;
        }
        NDArray a = manager.create(values, shape).toType(dataType(), false);
        a.setRequiresGradient(true);
        // Parameters outlive any step scope the network happens to be built in.
        NDScope.unregister(a);
        parameters.add(new Parameter(name, a));
        live.add(a);
        return live.size() - 1;
    }

    /** He initialisation (std √(2/fan_in)): every convolution follows a SiLU (He et al. 2015). */
    private Conv conv(String name, int in, int out, int kernel, int stride, boolean zero) {
        double std = zero ? 0 : Math.sqrt(2.0 / (in * kernel * kernel));
        int w = parameter(name + ".weight", new Shape(out, in, kernel, kernel), std, 0);
        int b = parameter(name + ".bias", new Shape(out), 0, 0);
        Shape pad = kernel == 1 ? NO_PAD : PAD;
        return new Conv(w, b, in, out, kernel, stride == 1 ? ONE : TWO, pad, dataType() == DataType.FLOAT32);
    }

    private Linear linear(String name, int in, int out) {
        int w = parameter(name + ".weight", new Shape(in, out), Math.sqrt(1.0 / in), 0);
        int b = parameter(name + ".bias", new Shape(out), 0, 0);
        return new Linear(w, b);
    }

    private Norm norm(String name, int channels) {
        int g = parameter(name + ".gamma", new Shape(channels), 0, 1);
        int b = parameter(name + ".beta", new Shape(channels), 0, 0);
        return new Norm(g, b, config.groups());
    }

    private ResBlock res(String name, int in, int out) {
        Norm n1 = norm(name + ".norm1", in);
        Conv c1 = conv(name + ".conv1", in, out, 3, 1, false);
        Linear t = linear(name + ".time", config.timeChannels(), out);
        Norm n2 = norm(name + ".norm2", out);
        Conv c2 = conv(name + ".conv2", out, out, 3, 1, false);
        Conv skip = in == out ? null : conv(name + ".skip", in, out, 1, 1, false);
        return new ResBlock(n1, c1, t, n2, c2, skip);
    }
}
