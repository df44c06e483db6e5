package dev.bellman.diffusion.train;

import ai.djl.ndarray.types.DataType;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.nn.Parameter;
import dev.bellman.control.nn.ParameterSnapshot;
import dev.bellman.control.nn.host.HostAdam;
import dev.bellman.control.nn.host.HostBackprop;
import dev.bellman.control.optim.AdamConfig;
import dev.bellman.control.optim.AdamState;
import dev.bellman.control.optim.Ema.EmaState;
import dev.bellman.diffusion.net.ControlNet;
import dev.bellman.diffusion.net.ControlNetwork;
import dev.bellman.diffusion.net.NoisePredictionNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The score-matching step of a float32 vector control net on the host kernels: the same loss
 * Σ_rows (a·u_θ(x_t, t) + b·z)² as {@link ScoreMatchingTrainer}'s libtorch path (NoisedBatch's rows),
 * its gradient by {@link HostBackprop}, the core's Adam update and EMA by {@link HostAdam}, all on
 * float32 arrays in the JVM. The network's input row is [x_t, sin(2πW t), cos(2πW t)] (DESIGN.md §1.4,
 * features from the net's own {@code FourierFeatures}).
 *
 * <p>While it trains, the state (θ, Adam's moments and step, the EMA) lives here; the trainer builds
 * checkpoints and EMA models from it and copies θ into the network's arrays when the network is
 * asked for. Why: at batch 512 libtorch's backward and fused Adam cost 3 ms a step in per-op overhead
 * for a 36,000-parameter net (BENCHMARKS.md).
 */
final class HostTraining {
    private final ControlNet net;
    /** c(t) with u_θ = c(t)·(the MLP's output) (a noise-predicting net), or null when the MLP's output is u_θ. */
    private final DoubleUnaryOperator outputFactor;
    private final HostBackprop backprop;
    private final HostAdam adam;
    private final float[][] shadow;
    private final double emaDecay;
    private final int dim;
    private final int inputs;
    private long emaUpdates;
    private float[] input = new float[0];

    private HostTraining(ControlNet net, DoubleUnaryOperator outputFactor, AdamConfig adamConfig, double emaDecay) {
        this.net = net;
        this.outputFactor = outputFactor;
        this.backprop = HostBackprop.of(net.mlp());
        this.adam = new HostAdam(adamConfig, backprop.parameters());
        this.emaDecay = emaDecay;
        float[][] p = backprop.parameters();
        this.shadow = new float[p.length][];
        for (int i = 0; i < p.length; i++) {
            shadow[i] = p[i].clone();
        }
        this.dim = net.dim();
        this.inputs = net.mlp().inputDim();
    }

    /**
     * A host step for {@code network} when it is a float32 SiLU control net (or one that predicts the
     * noise, {@link NoisePredictionNetwork}) and the host kernels run; else null.
     */
    static HostTraining forNetwork(ControlNetwork network, AdamConfig adam, double emaDecay) {
        ControlNetwork mlp = network instanceof NoisePredictionNetwork n ? n.noiseNetwork() : network;
        DoubleUnaryOperator factor = network instanceof NoisePredictionNetwork n ? n::controlPerNoise : null;
        if (mlp instanceof ControlNet cn && cn.mlp().dataType() == DataType.FLOAT32 && HostBackprop.supports(cn.mlp())
                && cn.parameters().get(0).array().getDevice().getDeviceType().equals(ai.djl.Device.Type.CPU)) {
            return new HostTraining(cn, factor, adam, emaDecay);
        }
        return null;
    }

    /**
     * The loss of the packed batch (B rows [x_t | t | a | b·z]) and its gradient (kept for
     * {@link #update}); parameters untouched.
     */
    double lossAndGradient(double[] packed, int batch, int threads) {
        int width = 2 * dim + 2;
        if (input.length < batch * inputs) {
            input = new float[batch * inputs];
        }
        int f = inputs - dim;
        for (int r = 0; r < batch; r++) {
            int src = r * width;
            int dst = r * inputs;
            for (int j = 0; j < dim; j++) {
                input[dst + j] = (float) packed[src + j];
            }
            double[] features = net.features().at(packed[src + dim]);
            for (int k = 0; k < f; k++) {
                input[dst + dim + k] = (float) features[k];
            }
        }
        // r = a·u + b·z per entry; loss Σr², ∂loss/∂u = 2a·r (u = c(t)·MLP for a noise net: a·c in place of a)
        return backprop.lossAndGradient(input, batch, (row0, n, u, stride, du) -> {
            double loss = 0;
            for (int i = 0; i < n; i++) {
                int src = (row0 + i) * width;
                double a = outputFactor == null ? packed[src + dim + 1]
                        : packed[src + dim + 1] * outputFactor.applyAsDouble(packed[src + dim]);
                for (int j = 0; j < dim; j++) {
                    double res = a * u[i * stride + j] + packed[src + dim + 2 + j];
                    loss += res * res;
                    du[i * stride + j] = (float) (2 * a * res);
                }
            }
            return loss;
        }, threads);
    }

    /** Adam on the kept gradient, then the EMA. */
    void update() {
        adam.step(backprop.parameters(), backprop.gradients());
        HostAdam.ema(shadow, backprop.parameters(), emaDecay);
        emaUpdates++;
    }

    /** θ now, named and shaped as the network's parameters. */
    ParameterSnapshot parameters() {
        return snapshot(backprop.parameters());
    }

    EmaState emaState() {
        return new EmaState(emaUpdates, snapshot(shadow));
    }

    AdamState adamState() {
        return new AdamState(adam.stepCount(), snapshot(adam.firstMoment()), snapshot(adam.secondMoment()));
    }

    /** Continues from a checkpoint's state. */
    void load(ParameterSnapshot theta, EmaState ema, AdamState moments) {
        loadSet(backprop.parameters(), theta);
        loadSet(shadow, ema.shadow());
        loadSet(adam.firstMoment(), moments.firstMoment());
        loadSet(adam.secondMoment(), moments.secondMoment());
        adam.setStepCount(moments.step());
        emaUpdates = ema.updates();
    }

    /** Copies θ into the network's own arrays (for callers that use the network directly). */
    void copyIntoNetwork() {
        try (GradMode off = GradMode.disabled()) {
            parameters().restore(net.parameters());
        }
    }

    private void loadSet(float[][] set, ParameterSnapshot s) {
        if (s.values().size() != set.length) {
            throw new IllegalArgumentException("the state has " + s.values().size() + " arrays, the network " + set.length);
        }
        for (int i = 0; i < set.length; i++) {
            backprop.load(set, i, s.values().get(i));
        }
    }

    private ParameterSnapshot snapshot(float[][] set) {
        List<Parameter> ps = net.parameters();
        List<String> names = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            names.add(ps.get(i).name());
            shapes.add(ps.get(i).array().getShape().getShape());
            values.add(backprop.values(set, i));
        }
        return new ParameterSnapshot(names, shapes, values);
    }
}
