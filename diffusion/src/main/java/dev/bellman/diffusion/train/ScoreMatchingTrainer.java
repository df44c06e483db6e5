package dev.bellman.diffusion.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.nn.Parameter;
import dev.bellman.control.nn.ParameterSnapshot;
import dev.bellman.control.optim.Adam;
import dev.bellman.control.optim.AdamConfig;
import dev.bellman.control.optim.Ema;
import dev.bellman.control.random.StepRandom;
import dev.bellman.data.DataSource;
import dev.bellman.data.HostArrays;
import dev.bellman.diffusion.checkpoint.Checkpoint;
import dev.bellman.diffusion.checkpoint.TrainedModel;
import dev.bellman.diffusion.net.ControlNetwork;
import dev.bellman.diffusion.sde.ForwardSde;
import dev.bellman.diffusion.sde.SdeKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Denoising score matching in control form (DESIGN.md §1.4): minimises
 * E_t E_{x_0, z} λ(t) ‖u_θ(x_t, t) + g(t) z / s(t)‖² over the control network u_θ (FORWARD time t),
 * with t ~ U(ε, T), x_t = m(t) x_0 + s(t) z, by the core Adam (warm-up, optional global-norm
 * clipping), keeping an EMA of the weights.
 *
 * <p>Written against {@link ControlNetwork} (a {@code VectorField} plus parameters), so any network
 * trains. Reproducible: the batch of step k (data, t, z) is drawn on the Java side from
 * {@code StepRandom.of(seed).forStep(k)}, and a checkpoint holds θ, the EMA, Adam's moments and step
 * count, so {@link #resume} continues bit for bit.
 *
 * <p>Speed (the hot loop): one native call moves the batch in; the network's value path calls ops
 * directly; the loss is three ops; backward is one native call seeded by a kept scalar 1; Adam is
 * libtorch's fused update; every step's arrays live in one scope (DESIGN.md §3), so native memory
 * stays flat. A float32 SiLU {@code ControlNet} (the default vector net) trains on the host kernels
 * instead when the JVM has them ({@link HostTraining}: the same batch, loss, Adam and EMA, computed in
 * float32 on the JVM: 2.2× the PyTorch peer's steps/s where libtorch's per-op cost held this loop to
 * 0.5–1.0×, BENCHMARKS.md "Host kernels"); the
 * state then lives in the host arrays, and checkpoints, EMA models and {@link #network()} are built
 * from them.
 *
 * <p>NaN guard: a non-finite loss stops training before its gradients reach the parameters, with
 * {@link TrainingDivergedException}; no checkpoint is written after it, and no checkpoint whose
 * parameters, EMA or Adam moments hold a NaN or an infinity is ever written.
 *
 * <p>Explosion guard: a loss that stays finite but explodes (learning rates of 1e3 or 1e6 drive it to
 * 1e6 or 1e33 and keep it there) stops training as the configuration's {@link DivergencePolicy}
 * says: more than {@code lossRatio} times the zero-control loss of the same batch for
 * {@code patience} consecutive steps. While such a streak lasts, checkpoints are deferred (written at
 * the first step back below the ratio), so the last checkpoint on disk predates the explosion; the
 * last step of a run is always checkpointed. A checkpoint is thus written only outside a streak,
 * and a resumed run guards exactly as the uninterrupted one.
 */
public final class ScoreMatchingTrainer implements AutoCloseable {
    /** Pairs sampled to estimate VE's σ_max (largest pairwise distance). */
    static final int SIGMA_MAX_SAMPLE = 1000;
    private static final long SIGMA_STREAM = 0x5349_474DL; // "SIGM"

    private final TrainConfig config;
    private final DataSource data;
    private final ForwardSde sde;
    private final NDManager manager;
    private final ControlNetwork net;
    private final Adam adam;
    private final Ema ema;
    private final StepRandom random;
    private final NoisedBatch batch;
    private final NDArray one;
    private final DataType dataType;
    /** The host-kernel step ({@link HostTraining}), holding the training state, or null for the libtorch path. */
    private final HostTraining host;
    private float[] losses;
    private long step;
    private long lastCheckpoint;
    /** Consecutive steps, up to the current one, whose loss exploded ({@link DivergencePolicy}); 0 outside a streak. */
    private int explodedSteps;
    private double lastZeroControlLoss = Double.NaN;

    private ScoreMatchingTrainer(TrainConfig config, DataSource data, NDManager parent) {
        if (!config.sde().resolved()) {
            throw new IllegalArgumentException("resolve the SDE (VE sigma_max) before training: see start()");
        }
        long dim = data.sampleShape().size();
        if (dim != config.dim()) {
            throw new BadInputException("the data " + config.data() + " has " + dim + " entries a sample, the network " + config.dim());
        }
        this.config = config;
        this.data = data;
        this.sde = config.sde().create();
        this.manager = parent.newSubManager();
        this.net = config.net().buildControl(manager, sde);
        List<Parameter> parameters = net.parameters();
        this.dataType = parameters.get(0).array().getDataType();
        AdamConfig adamConfig = AdamConfig.of(config.lr())
                .withSchedule(config.learningRates())
                .withClipNorm(config.clipNorm());
        this.adam = new Adam(parameters, adamConfig);
        this.ema = new Ema(parameters, config.emaDecay());
        this.host = HostTraining.forNetwork(net, adamConfig, config.emaDecay());
        this.random = StepRandom.of(config.seed());
        this.batch = new NoisedBatch(data, sde, config.weighting(), config.batch(), config.dim());
        this.one = manager.ones(new Shape(), dataType);
        NDScope.unregister(one);
        this.losses = new float[(int) Math.min(config.steps(), 1 << 20)];
    }

    /**
     * A fresh run: VE's σ_max is computed from the data first (the largest pairwise distance among
     * {@value #SIGMA_MAX_SAMPLE} training samples drawn from the seed), then the network starts at
     * its seeded initial weights.
     */
    public static ScoreMatchingTrainer start(TrainConfig config, DataSource data, NDManager manager) {
        TrainConfig resolved = config;
        if (!config.sde().resolved()) {
            resolved = config.withSde(config.sde().withSigmaMax(largestPairwiseDistance(data, manager, config.seed())));
        }
        return new ScoreMatchingTrainer(resolved, data, manager);
    }

    /** Continues a checkpointed run exactly where it stopped (optionally with a new total step count). */
    public static ScoreMatchingTrainer resume(Checkpoint checkpoint, DataSource data, NDManager manager) {
        ScoreMatchingTrainer t = new ScoreMatchingTrainer(checkpoint.config(), data, manager);
        try {
            checkpoint.parameters().restore(t.net.parameters());
            t.ema.importState(checkpoint.ema());
            t.adam.importState(checkpoint.adam());
            if (t.host != null) {
                t.host.load(checkpoint.parameters(), checkpoint.ema(), checkpoint.adam());
            }
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
        t.step = checkpoint.step();
        t.lastCheckpoint = checkpoint.step();
        t.losses = Arrays.copyOf(checkpoint.losses(), (int) Math.max(checkpoint.step(), Math.min(t.config.steps(), 1 << 20)));
        return t;
    }

    /** The largest pairwise distance in a seeded sample of the data (VE's σ_max, Song &amp; Ermon 2020). */
    public static double largestPairwiseDistance(DataSource data, NDManager manager, long seed) {
        RandomGenerator rng = StepRandom.of(seed).stream(SIGMA_STREAM).forStep(0).generator();
        int n = SIGMA_MAX_SAMPLE;
        double[] x;
        try (NDManager m = manager.newSubManager()) {
            x = HostArrays.toDoubles(data.sample(m, DataType.FLOAT64, n, rng));
        }
        int d = x.length / n;
        double best = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double diff = x[i * d + k] - x[j * d + k];
                    s += diff * diff;
                }
                best = Math.max(best, s);
            }
        }
        double sigma = Math.sqrt(best);
        if (!(sigma > 0.01)) {
            throw new BadInputException("the data has no spread (largest pairwise distance " + sigma + "): VE needs sigma_max > sigma_min");
        }
        return sigma;
    }

    public TrainConfig config() {
        return config;
    }

    public ForwardSde sde() {
        return sde;
    }

    /** The network with the current weights (copied in from the host step when it trains). */
    public ControlNetwork network() {
        if (host != null) {
            host.copyIntoNetwork();
        }
        return net;
    }

    /** Whether the steps run on the host kernels ({@link HostTraining}) rather than libtorch. */
    public boolean onHostKernels() {
        return host != null;
    }

    /** Steps done. */
    public long step() {
        return step;
    }

    /** The loss of every step done. */
    public float[] losses() {
        return Arrays.copyOf(losses, (int) step);
    }

    /**
     * The last step's loss under the zero control u ≡ 0 on the same batch ({@link DivergencePolicy}'s
     * baseline; NaN before the first step of this trainer).
     */
    public double lastZeroControlLoss() {
        return lastZeroControlLoss;
    }

    /**
     * One optimizer step; returns its loss.
     *
     * @throws TrainingDivergedException if the loss is not finite (parameters left untouched), or if
     *     this step ends a streak of exploded losses ({@link DivergencePolicy}; the step is done)
     */
    public double trainStep() {
        long k = step + 1;
        RandomGenerator rng = random.forStep(k).generator();
        float loss;
        double zeroControlLoss;
        if (host != null) {
            try (Scope scope = Scope.open()) {
                zeroControlLoss = batch.drawHost(manager, rng);
            }
            loss = (float) host.lossAndGradient(batch.packed(), config.batch(), BellmanEngine.current().config().threads());
            if (!Float.isFinite(loss)) {
                throw new TrainingDivergedException(k, loss, k - explodedSteps, lastCheckpoint, config.lr());
            }
            host.update();
            return finishStep(k, loss, zeroControlLoss);
        }
        try (Scope scope = Scope.open()) {
            NoisedBatch.Arrays b = batch.draw(manager, dataType, rng);
            zeroControlLoss = b.zeroControlLoss();
            try (GradientCollector gc = BellmanEngine.current().engine().newGradientCollector()) {
                NDArray u = net.value(b.t(), b.xt());
                // r = a·u + b·z with a, b already holding √λ and 1/√B: Σr² is the batch-mean loss.
                NDArray r = u.mul(b.a()).add(b.bz());
                NDArray l = r.square().sum();
                JniUtils.backward((PtNDArray) l, (PtNDArray) one, false, false);
                // getFloat() refuses a float64 loss (float64 networks: --dtype float64, exact-resume tests).
                loss = dataType == DataType.FLOAT64 ? (float) l.getDouble() : l.getFloat();
            }
        }
        if (!Float.isFinite(loss)) {
            for (Parameter p : net.parameters()) {
                JniUtils.zeroGrad((PtNDArray) p.array());
            }
            throw new TrainingDivergedException(k, loss, k - explodedSteps, lastCheckpoint, config.lr());
        }
        adam.step();
        ema.update();
        return finishStep(k, loss, zeroControlLoss);
    }

    /** The bookkeeping after step k's update: the loss record and the explosion guard. */
    private double finishStep(long k, float loss, double zeroControlLoss) {
        if (k > losses.length) {
            losses = Arrays.copyOf(losses, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(k, 2L * losses.length)));
        }
        losses[(int) (k - 1)] = loss;
        step = k;
        lastZeroControlLoss = zeroControlLoss;
        DivergencePolicy policy = config.divergence();
        if (policy.exploded(loss, zeroControlLoss)) {
            explodedSteps++;
            if (explodedSteps >= policy.patience()) {
                throw TrainingDivergedException.lossExploded(k, loss, zeroControlLoss, policy, k - explodedSteps + 1, lastCheckpoint,
                        config.lr());
            }
        } else {
            explodedSteps = 0;
        }
        return loss;
    }

    /**
     * Trains up to {@code config.steps()}, writing a checkpoint every {@code checkpointEvery} steps
     * and at the end.
     */
    public TrainSummary train(CheckpointSink sink, TrainListener listener) {
        try (IntraOpThreads limit = limitThreads()) {
            return trainLoop(sink, listener);
        }
    }

    /**
     * The intra-op thread limit of the training loop (close it to restore): one thread for the vector
     * MLP, whose batch-512 steps gain nothing from a second thread and stall when it is descheduled
     * (see {@link IntraOpThreads}); no limit for other networks (image U-Nets have large convolutions).
     */
    public IntraOpThreads limitThreads() {
        return IntraOpThreads.atMost(config.net() instanceof dev.bellman.diffusion.net.ControlNetConfig ? 1 : Integer.MAX_VALUE);
    }

    private TrainSummary trainLoop(CheckpointSink sink, TrainListener listener) {
        long startStep = step;
        long t0 = System.nanoTime();
        boolean deferred = false;
        while (step < config.steps()) {
            double loss = trainStep();
            double elapsed = (System.nanoTime() - t0) / 1e9;
            listener.onStep(step, loss, (step - startStep) / Math.max(elapsed, 1e-9));
            boolean last = step == config.steps();
            if (deferred || step % config.checkpointEvery() == 0 || last) {
                // Not inside a streak of exploded losses: if it ends in divergence, the checkpoint on
                // disk must predate it (see DivergencePolicy).
                deferred = explodedSteps > 0 && !last;
                if (!deferred) {
                    save(sink);
                    listener.onCheckpoint(step);
                }
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        long done = step - startStep;
        if (done == 0 && lastCheckpoint != step) {
            save(sink);
        }
        return new TrainSummary(step, finalLoss(), done == 0 ? 0.0 : done / wall, wall, done);
    }

    private void save(CheckpointSink sink) {
        Checkpoint c = checkpoint();
        // A finite loss does not make a finite state: a gradient that overflows float32 when squared
        // turns Adam's second moment into +inf while θ and the loss stay finite (measured: lr 1e12,
        // step 2). Such a state resumes into NaN, so it is never written as a "good" checkpoint.
        String bad = nonFinite(c);
        if (bad != null) {
            throw TrainingDivergedException.nonFiniteState(step, bad, step - Math.max(0, explodedSteps - 1), lastCheckpoint, config.lr());
        }
        try {
            sink.save(c);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint at step " + step + ": " + e.getMessage(), e);
        }
        lastCheckpoint = step;
    }

    /** The first part of the state holding a NaN or an infinity, or null when all is finite. */
    private static String nonFinite(Checkpoint c) {
        if (!allFinite(c.parameters())) {
            return "a parameter";
        }
        if (!allFinite(c.ema().shadow())) {
            return "an EMA weight";
        }
        if (!allFinite(c.adam().firstMoment())) {
            return "Adam's first moment";
        }
        if (!allFinite(c.adam().secondMoment())) {
            return "Adam's second moment";
        }
        return null;
    }

    private static boolean allFinite(ParameterSnapshot s) {
        for (double[] values : s.values()) {
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The mean loss of the last min(100, steps) steps (NaN before the first step). */
    public double finalLoss() {
        int n = (int) Math.min(100, step);
        double s = 0;
        for (int i = (int) step - n; i < step; i++) {
            s += losses[i];
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** The run's state now. */
    public Checkpoint checkpoint() {
        if (host != null) {
            return new Checkpoint(config, step, host.parameters(), host.emaState(), host.adamState(), losses());
        }
        return new Checkpoint(config, step, ParameterSnapshot.capture(net.parameters()), ema.exportState(),
                adam.exportState(), losses());
    }

    /** The model with the current EMA weights (a separate copy; close it). */
    public TrainedModel emaModel() {
        return TrainedModel.withWeights(config, step, host != null ? host.emaState().shadow() : ParameterSnapshot.capture(ema.averaged()));
    }

    /** The SDE kind (for reports). */
    public SdeKind sdeKind() {
        return config.sde().kind();
    }

    @Override
    public void close() {
        adam.close();
        net.close();
        manager.close();
    }
}
