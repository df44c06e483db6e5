package dev.bellman.control.qlearn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.ScalarField;
import dev.bellman.control.nn.Activation;
import dev.bellman.control.nn.Init;
import dev.bellman.control.nn.MlpConfig;
import dev.bellman.control.nn.ParameterSnapshot;
import dev.bellman.control.optim.Adam;
import dev.bellman.control.optim.AdamConfig;
import dev.bellman.control.optim.LearningRateSchedule;
import dev.bellman.control.random.StepRandom;
import dev.bellman.control.random.StepSeed;
import java.util.random.RandomGenerator;

/**
 * Model-free continuous-time Q-learning (DESIGN.md §1.2; Jia &amp; Zhou, "q-Learning in continuous time",
 * JMLR 24, 2023; Tallec, Blier &amp; Ollivier, "Making deep Q-learning methods robust to time
 * discretization", ICML 2019).
 *
 * <p>It learns a value V(x) and the advantage RATE q_ψ(x, a) ≈ r + L^aV − ρV (q_ψ = q̃ − q̃(·, a_ω), max_a q_ψ = 0
 * by construction, actor a_ω = argmax q̃) from transitions (x, a, r̄, x', Δt) only, on the TD error as a rate
 * ({@link TemporalDifference}),
 *
 * <pre>  δ/Δt = r̄ + (e^{−ρΔt}V̄(x') − V(x))/Δt − q_ψ(x, a),</pre>
 *
 * with V̄ a Polyak-averaged target network. Why not a Q-network: Q_Δt = V + Δt·q loses its dependence on
 * a as Δt → 0, so a learner of Q collapses; δ/Δt keeps q at order one at every Δt. Its noise grows like
 * Δt^{−1/2} (the Brownian increment of V(x')), so a smaller Δt needs proportionally more transitions for
 * the same accuracy, but no retuning.
 *
 * <p>Why V is never marched by TD steps alone: each target update moves V's horizon by about Δt, so a value that
 * integrates rewards over 1/ρ or longer (Merton: ≈ 20 time units) would need ~20/Δt updates and the learner would
 * collapse as Δt → 0 (the gain bias and the unlearned consumption of the first version). V's linear part is SOLVED
 * instead, at every Δt, by least squares on the TD equations, and policy improvement is then policy iteration.
 *
 * <p>The architecture follows the task's declared {@link Structure}:
 * <ul>
 *   <li>{@link Structure.Form#LINEAR_QUADRATIC}: a {@link QuadraticValue} and a {@link LinearQuadraticAdvantage},
 *       which contain the exact discrete-time optimum and nothing else (no bias term: a_ω(0) = 0), on states scaled
 *       but not centred, learned by {@link LinearQuadraticPolicyIteration} on every transition seen;</li>
 *   <li>{@link Structure.Form#HOMOGENEOUS}: a {@link HomogeneousValue} and a {@link HomogeneousAdvantage} (constant
 *       actor), learned by {@link HomogeneousPolicyIteration};</li>
 *   <li>{@link Structure.Form#GENERAL}: a tanh {@link ValueNetwork} and a {@link QuadraticAdvantage} (network centre
 *       and curvature, in the declared action coordinates); q_ψ and V's hidden layers take Adam steps on
 *       E[(δ/Δt)²] with a Polyak target network, and V's head is solved every {@code headEvery} steps by LSTD
 *       ({@link LeastSquaresTd}) with q's scale calibrated in the same solve.</li>
 * </ul>
 * Transitions come from walkers that follow the actor plus {@link Exploration} noise (in the action coordinates)
 * and reset to the start distribution every {@code episodeTime} on average, through a replay buffer; offline, from
 * the {@link TransitionLog} itself.
 *
 * <p>What it can see, by type: a {@link Task} (d, the action space, ρ, the declared structure) and transitions. The constructors
 * take an {@link Environment} or a {@link TransitionLog}; neither exposes a problem, its drift, diffusion
 * or reward function, so this class cannot read f or Σ (a compile-time property).
 *
 * <p>States are normalised by the mean and standard deviation of the first transitions (linear-quadratic: by the
 * root mean square, uncentred), and q is scaled by the mean absolute reward rate of those transitions.
 * Reported quantities ({@link #value}, {@link #actor}, {@link #advantageRate}) use Polyak–Ruppert averaged
 * weights. One {@code Scope} per step; the replay buffer is on the Java heap.
 */
public final class QLearner implements AutoCloseable {
    private final Task task;
    private final Environment environment;
    private final QLearnerConfig config;
    private final ReplayBuffer buffer;
    private final NDManager manager;
    private final DataType type;
    private final StepRandom random;
    private final Structure structure;
    private final ActionCoordinates coordinates;
    private final int d;
    private final int m;
    private final double rho;
    private final boolean leastSquares;

    private ValueModel value;
    private ValueModel target;
    private ValueModel valueAverage;
    private AdvantageModel advantage;
    private AdvantageModel advantageAverage;
    private ParameterAverage targetUpdate;
    private ParameterAverage valueAveraging;
    private ParameterAverage advantageAveraging;
    private Adam valueOptimizer;
    private Adam advantageOptimizer;
    private NDArray stateMean;
    private NDArray stateInverseStd;
    private double[] inverseStd;
    private PolicyIteration statistics;
    private double[] walkers;
    private double advantageScale = 1.0;
    private long transitions;
    private long step;

    /** An online learner that collects its own transitions from {@code environment}. */
    public QLearner(Environment environment, QLearnerConfig config, NDManager parent) {
        this(environment, environment, null, config, parent);
    }

    /** An offline learner on logged transitions of a task (no interaction; exploration is unused). */
    public QLearner(Task task, TransitionLog log, QLearnerConfig config, NDManager parent) {
        this(task, null, log, config, parent);
    }

    private QLearner(Task task, Environment environment, TransitionLog log, QLearnerConfig config, NDManager parent) {
        this.task = Task.of(task.stateDim(), task.actionSpace(), task.discountRate(), task.structure());
        this.environment = environment;
        this.config = config;
        this.d = task.stateDim();
        this.m = task.actionSpace().dim();
        this.rho = task.discountRate();
        this.structure = this.task.structure();
        this.coordinates = new ActionCoordinates(structure, task.actionSpace());
        this.leastSquares = structure.form() != Structure.Form.GENERAL;
        if (config.exploration().initial().length != m) {
            throw new BadInputException("exploration has " + config.exploration().initial().length + " scales for " + m + " actions");
        }
        if (log != null && (log.stateDim() != d || log.actionDim() != m)) {
            throw new BadInputException(log.source() + ": holds d = " + log.stateDim() + ", m = " + log.actionDim()
                    + " transitions, the task has d = " + d + ", m = " + m);
        }
        this.manager = parent.newSubManager();
        this.type = config.precision().dataType();
        this.random = StepRandom.of(config.seed());
        this.buffer = log != null ? ReplayBuffer.of(log) : new ReplayBuffer(d, m, config.bufferCapacity());
    }

    public Task task() {
        return task;
    }

    public QLearnerConfig config() {
        return config;
    }

    /** Gradient steps done. */
    public long steps() {
        return step;
    }

    /** Transitions used: collected so far (online) or held in the log (offline). */
    public long transitions() {
        return environment == null ? buffer.size() : transitions;
    }

    /**
     * Runs {@code config.steps()} gradient steps, calling the listener every {@code evaluateEvery} steps and at the
     * end. At the end the averaged value's head is re-solved (LSTD on the whole buffer with the averaged q), so
     * that V and q report one consistent fixed point.
     */
    public QLearningProgress learn(QLearningListener listener, int evaluateEvery) {
        long start = System.nanoTime();
        if (value == null) {
            initialise();
        }
        double td = Double.NaN;
        QLearningProgress last = null;
        if (leastSquares && environment == null) {
            // offline least squares: every transition is in the statistics from the start, so the steps before the
            // last (a final policy iteration) would only repeat the same solve
            step = Math.max(step, config.steps() - 1L);
        }
        for (long k = step + 1; k <= config.steps(); k++) {
            boolean report = k == config.steps() || (evaluateEvery > 0 && k % evaluateEvery == 0);
            StepSeed seed = random.forStep(k);
            try (Scope scope = Scope.open()) {
                if (environment != null) {
                    collect(seed.split(), (double) (k - 1) / config.steps());
                }
                double t = leastSquares ? (report ? tdRateRms(seed.split().forStep(3).generator()) : Double.NaN)
                        : train(seed.split().forStep(3).generator(), report);
                if (report) {
                    td = t;
                }
            }
            if (leastSquares) {
                if (k % config.headEvery() == 0 || k == config.steps()) {
                    policyIteration(k == config.steps());
                    targetUpdate.update(1.0);
                }
            } else {
                if (valueOptimizer != null) {
                    valueOptimizer.step();
                }
                advantageOptimizer.step();
                targetUpdate.update(config.polyak());
                if (k % config.headEvery() == 0) {
                    solveHead(value, advantage, sample(config.headSample(), seed.split().forStep(5).generator()));
                    // the target restarts from the solved value (a hard target update)
                    targetUpdate.update(1.0);
                }
            }
            double w = Math.max(1 - config.evaluationAverage(), 9.0 / (k + 10));
            valueAveraging.update(w);
            advantageAveraging.update(w);
            step = k;
            if (k == config.steps()) {
                if (leastSquares) {
                    // the last solve used every transition: report it, not an average over earlier, smaller samples
                    valueAveraging.update(1.0);
                    advantageAveraging.update(1.0);
                } else {
                    solveHead(valueAverage, advantageAverage, sample(buffer.size(), seed.split().forStep(6).generator()));
                }
            }
            if (report) {
                last = new QLearningProgress(k, config.steps(), transitions(), (System.nanoTime() - start) * 1e-9, td);
                listener.onEvaluation(last, this);
            }
        }
        return last;
    }

    /** Networks, normalisation and scales from the first transitions; the first value head by LSTD. */
    private void initialise() {
        if (environment != null) {
            try (Scope scope = Scope.open()) {
                NDArray x0 = environment.reset(config.collectPerStep(), random.stream(1).forStep(0), manager, type);
                walkers = ParameterSnapshot.toDoubles(x0);
            }
        }
        // Normalisation from states spread like the training states (the walkers' starts, or the log).
        double[] states;
        if (environment != null) {
            states = walkers.clone();
        } else {
            try (Scope scope = Scope.open()) {
                TransitionBatch b = buffer.sample(Math.min(buffer.size(), 65536), random.stream(2).forStep(0).generator(), manager, type);
                states = ParameterSnapshot.toDoubles(b.x());
            }
        }
        // a linear-quadratic form stays homogeneous, and a homogeneous one keeps x > 0, only in uncentred coordinates
        boolean uncentred = structure.form() != Structure.Form.GENERAL;
        double[] mean = new double[d];
        double[] inv = new double[d];
        int n = states.length / d;
        for (int j = 0; j < d; j++) {
            double s = 0;
            double s2 = 0;
            for (int i = 0; i < n; i++) {
                s += states[i * d + j];
                s2 += states[i * d + j] * states[i * d + j];
            }
            double mu = uncentred ? 0 : s / n;
            double var = Math.max(s2 / n - mu * mu, 0);
            mean[j] = mu;
            inv[j] = var > 1e-24 ? 1 / Math.sqrt(var) : 1.0;
        }
        inverseStd = inv;
        stateMean = manager.create(mean).toType(type, false);
        stateInverseStd = manager.create(inv).toType(type, false);
        NDScope.unregister(stateMean, stateInverseStd);

        MlpConfig base = new MlpConfig(d, config.hidden(), 1, Activation.TANH, Init.XAVIER, true, config.precision(), config.seed());
        double[] scale = config.exploration().initial();
        advantage = newAdvantage(base, scale);
        advantageAverage = newAdvantage(base, scale);
        if (environment != null) {
            // First transitions with the initial actor fix the reward scale.
            try (Scope scope = Scope.open()) {
                collect(random.stream(3).forStep(0).split(), 0);
            }
        }
        double rewardScale;
        try (Scope scope = Scope.open()) {
            TransitionBatch b = buffer.sample(Math.min(buffer.size(), 65536), random.stream(4).forStep(0).generator(), manager, type);
            rewardScale = b.rewardRate().abs().mean().toType(DataType.FLOAT64, false).getDouble();
        }
        if (!(rewardScale > 0) || !Double.isFinite(rewardScale)) {
            rewardScale = 1.0;
        }
        advantageScale = rewardScale;
        advantage.setRewardScale(rewardScale);
        advantageAverage.setRewardScale(rewardScale);
        value = newValue(base, rewardScale);
        target = newValue(base, rewardScale);
        valueAverage = newValue(base, rewardScale);
        if (leastSquares) {
            statistics = newPolicyIteration();
            try (Scope scope = Scope.open()) {
                // everything seen so far: the first online transitions, or the whole log
                TransitionBatch b = buffer.all(manager, DataType.FLOAT64);
                accumulate(ParameterSnapshot.toDoubles(b.x()), ParameterSnapshot.toDoubles(b.a()),
                        ParameterSnapshot.toDoubles(b.rewardRate()), ParameterSnapshot.toDoubles(b.next()),
                        ParameterSnapshot.toDoubles(b.dt()));
            }
            if (environment == null) {
                policyIteration(true);
            }
            // online: the initial actor (zero gain, or the zero centre) acts until the first solve, so that policy
            // iteration does not start from a handful of noisy transitions
        } else {
            try (Scope scope = Scope.open()) {
                solveHead(value, advantage, sample(config.headSample(), random.stream(5).forStep(0).generator()));
            }
        }
        targetUpdate = new ParameterAverage(value.parameters(), target.parameters());
        valueAveraging = new ParameterAverage(value.parameters(), valueAverage.parameters());
        advantageAveraging = new ParameterAverage(advantage.parameters(), advantageAverage.parameters());
        if (!leastSquares) {
            valueOptimizer = value.trainable().isEmpty() ? null : new Adam(value.trainable(), adam(config.valueLearningRate()));
            advantageOptimizer = new Adam(advantage.parameters(), adam(config.advantageLearningRate()));
        }
    }

    private AdvantageModel newAdvantage(MlpConfig base, double[] scale) {
        double[] a0 = config.initialAction();
        double[] u0 = new double[m];
        if (a0 != null) {
            for (int i = 0; i < m; i++) {
                if (coordinates.isLog(i) && !(a0[i] > 0)) {
                    throw new BadInputException("the initial action of log coordinate " + i + " must be > 0, got " + a0[i]);
                }
            }
            u0 = coordinates.toCoordinates(a0);
        }
        double[] logOnly = new double[m];
        for (int i = 0; i < m; i++) {
            logOnly[i] = coordinates.isLog(i) ? u0[i] : 0;
        }
        return switch (structure.form()) {
            case LINEAR_QUADRATIC -> new LinearQuadraticAdvantage(d, m, scale, type, manager);
            case HOMOGENEOUS -> new HomogeneousAdvantage(structure.degree(), m, coordinates, scale, u0, type, manager);
            case GENERAL -> new QuadraticAdvantage(d, coordinates, m, scale, logOnly, base, manager);
        };
    }

    private ValueModel newValue(MlpConfig base, double rewardScale) {
        return switch (structure.form()) {
            case LINEAR_QUADRATIC -> new QuadraticValue(d, type, manager);
            case HOMOGENEOUS -> new HomogeneousValue(structure.degree(), type, manager);
            case GENERAL -> new ValueNetwork(base, rewardScale * valueTime(), manager);
        };
    }

    private PolicyIteration newPolicyIteration() {
        return switch (structure.form()) {
            case LINEAR_QUADRATIC -> new LinearQuadraticPolicyIteration(d, m, rho, (QuadraticValue) value,
                    (LinearQuadraticAdvantage) advantage);
            case HOMOGENEOUS -> new HomogeneousPolicyIteration(structure.degree(), structure, rho, (HomogeneousValue) value,
                    (HomogeneousAdvantage) advantage);
            case GENERAL -> throw new IllegalStateException("no policy iteration for the general form");
        };
    }

    /**
     * The time over which V's initial output scale integrates the reward rate: min(1, 1/ρ). Why not 1/ρ
     * (the size of V itself): what the network must resolve is V's variation across states, which
     * integrates reward differences only until the state forgets its start, usually much sooner than
     * the discount horizon; Adam's steps in the output are proportional to this scale.
     */
    private double valueTime() {
        return Math.min(1.0, 1.0 / rho);
    }

    private AdamConfig adam(double lr) {
        long warm = Math.min(200, config.steps() / 10);
        return AdamConfig.of(lr).withSchedule(LearningRateSchedule.warmupCosine(lr, warm, config.steps(),
                config.finalLearningRateFraction()));
    }

    private NDArray normalise(NDArray x) {
        return x.sub(stateMean).mul(stateInverseStd);
    }

    /** n transitions from the buffer (all of it, in order, if n ≥ its size). */
    private TransitionBatch sample(int n, RandomGenerator rng) {
        return n >= buffer.size() ? buffer.all(manager, type) : buffer.sample(n, rng, manager, type);
    }

    /**
     * Least-squares policy iteration on every transition seen ({@link PolicyIteration}): evaluate the current actor
     * (V and its advantage rate jointly), improve (Newton step to the greedy action), until the actor settles (at
     * most eight times, or {@link PolicyIteration#iterationsPerSolve} while collecting).
     */
    private void policyIteration(boolean last) {
        int iterations = last ? 8 : statistics.iterationsPerSolve();
        for (int it = 0; it < iterations; it++) {
            double change = statistics.iterate();
            if (!(change > 1e-10)) {
                return;
            }
        }
    }

    /** Adds host transitions to the sufficient statistics, states scaled as the learner sees them. */
    private void accumulate(double[] x, double[] a, double[] r, double[] next, double[] dt) {
        double[] xn = x.clone();
        double[] nn = next.clone();
        for (int i = 0; i < xn.length; i++) {
            xn[i] *= inverseStd[i % d];
            nn[i] *= inverseStd[i % d];
        }
        statistics.add(xn, a, r, nn, dt);
    }

    /** √mean((δ/Δt)²) on a replay batch, no gradient (for progress reports). */
    private double tdRateRms(RandomGenerator rng) {
        try (GradMode off = GradMode.disabled()) {
            TransitionBatch b = buffer.sample(config.batch(), rng, manager, type);
            NDArray xn = normalise(b.x());
            NDArray rate = TemporalDifference.rate(b, value.forward(xn), target.forward(normalise(b.next())),
                    advantage.advantageRate(xn, b.a()), rho);
            return Math.sqrt(rate.square().mean().toType(DataType.FLOAT64, false).getDouble());
        }
    }

    /**
     * The head of {@code v} by LSTD on the batch's transitions, with q's scale calibrated in the same solve
     * ({@link LeastSquaresTd#solve(NDArray, NDArray, NDArray, NDArray, NDArray, double, double[])} with ψ = q): the
     * head corrects the value of exploring actions by ηq, and q's reward scale (in both the trained and the averaged
     * advantage) is multiplied by η, kept within [1/4, 4] per solve. Why: while q's curvature is still off (at the
     * start it is a guess), V would otherwise be biased by the whole misjudged cost of exploring, ½tr(MS)/ρ.
     */
    private void solveHead(ValueModel v, AdvantageModel q, TransitionBatch b) {
        try (GradMode off = GradMode.disabled(); Scope scope = Scope.open()) {
            NDArray xn = normalise(b.x());
            double[] start = java.util.Arrays.copyOf(v.head(), v.head().length + 1);
            start[start.length - 1] = 1;
            double[] solution = LeastSquaresTd.solve(v.features(xn), v.features(normalise(b.next())), q.advantageRate(xn, b.a()),
                    b.rewardRate(), b.dt(), rho, start);
            boolean finite = true;
            for (double t : solution) {
                finite &= Double.isFinite(t);
            }
            double eta = solution[solution.length - 1];
            if (finite && eta > 0) {
                eta = Math.max(0.25, Math.min(4, eta));
                // the head was solved with ηq; refit it with the clamped η (the same equations without the q column)
                advantageScale *= eta;
                advantage.setRewardScale(advantageScale);
                advantageAverage.setRewardScale(advantageScale);
                NDArray target = b.rewardRate().sub(q.advantageRate(xn, b.a()));
                double[] theta = LeastSquaresTd.solve(v.features(xn), v.features(normalise(b.next())), target, b.dt(), rho, v.head());
                boolean ok = true;
                for (double t : theta) {
                    ok &= Double.isFinite(t);
                }
                if (ok && admissible(v, theta, xn, b.rewardRate())) {
                    v.setHead(theta);
                }
            }
        }
    }

    /**
     * A necessary condition on a solved head: where every sampled reward has one sign, so must V = E∫e^{−ρt}r dt.
     * The TD equations of an actor whose value is infinite (Merton consuming too much) still have a solution, of the
     * wrong sign; following it would drive the actor further out, so such a head is refused (the gradient-trained
     * head stays).
     */
    private static boolean admissible(ValueModel v, double[] theta, NDArray xn, NDArray rewardRate) {
        double[] r = ParameterSnapshot.toDoubles(rewardRate);
        boolean nonPositive = true;
        boolean nonNegative = true;
        for (double e : r) {
            nonPositive &= e <= 0;
            nonNegative &= e >= 0;
        }
        if (!nonPositive && !nonNegative) {
            return true;
        }
        NDArray th = xn.getManager().create(theta, new Shape(theta.length, 1)).toType(xn.getDataType(), false);
        double[] values = ParameterSnapshot.toDoubles(v.features(xn).matMul(th));
        for (double e : values) {
            if (nonPositive ? e > 0 : e < 0) {
                return false;
            }
        }
        return true;
    }

    /** Walkers take one explored step; the transitions go to the replay buffer; some walkers reset. */
    private void collect(StepRandom streams, double progress) {
        int w = config.collectPerStep();
        double dt = config.dt();
        try (GradMode off = GradMode.disabled()) {
            NDArray x = manager.create(walkers, new Shape(w, d)).toType(type, false);
            double[] s = config.exploration().scale(progress);
            RandomGenerator g = streams.forStep(0).generator();
            double[] noise = new double[w * m];
            for (int i = 0; i < w; i++) {
                for (int j = 0; j < m; j++) {
                    noise[i * m + j] = s[j] * g.nextGaussian();
                }
            }
            NDArray a = advantage.explore(normalise(x), manager.create(noise, new Shape(w, m)).toType(type, false));
            Environment.Outcome o = environment.step(x, a, dt, streams.forStep(1));
            NDArray h = manager.ones(new Shape(w, 1), type).mul(dt);
            buffer.add(new TransitionBatch(x, a, o.rewardRate(), o.next(), h));
            transitions += w;
            double[] next = ParameterSnapshot.toDoubles(o.next());
            if (statistics != null) {
                double[] steps = new double[w];
                java.util.Arrays.fill(steps, dt);
                accumulate(walkers, ParameterSnapshot.toDoubles(a), ParameterSnapshot.toDoubles(o.rewardRate()), next, steps);
            }
            double p = -Math.expm1(-dt / config.episodeTime());
            RandomGenerator rg = streams.forStep(2).generator();
            boolean[] reset = new boolean[w];
            int count = 0;
            for (int i = 0; i < w; i++) {
                boolean bad = false;
                for (int j = 0; j < d; j++) {
                    bad |= !Double.isFinite(next[i * d + j]);
                }
                reset[i] = bad || rg.nextDouble() < p;
                count += reset[i] ? 1 : 0;
            }
            if (count > 0) {
                double[] fresh = ParameterSnapshot.toDoubles(environment.reset(count, streams.forStep(4), manager, type));
                int c = 0;
                for (int i = 0; i < w; i++) {
                    if (reset[i]) {
                        System.arraycopy(fresh, c * d, next, i * d, d);
                        c++;
                    }
                }
            }
            walkers = next;
        }
    }

    /** One gradient computation on a replay batch; returns √mean((δ/Δt)²) when asked (a device sync), else NaN. */
    private double train(RandomGenerator rng, boolean read) {
        TransitionBatch b = buffer.sample(config.batch(), rng, manager, type);
        NDArray xn = normalise(b.x());
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray v = value.forward(xn);
            NDArray vNext;
            try (GradMode off = GradMode.disabled()) {
                vNext = target.forward(normalise(b.next()));
            }
            NDArray q = advantage.advantageRate(xn, b.a());
            NDArray loss = TemporalDifference.rate(b, v, vNext, q, rho).square().mean();
            gc.backward(loss);
            return read ? Math.sqrt(loss.toType(DataType.FLOAT64, false).getDouble()) : Double.NaN;
        }
    }

    /** V(x) (B, 1) with the averaged weights, in x's manager (no gradient). */
    public NDArray value(NDArray x) {
        requireStarted();
        try (GradMode off = GradMode.disabled(); Scope scope = Scope.open()) {
            return scope.keep(valueAverage.forward(normalise(ours(x))).toType(x.getDataType(), false));
        }
    }

    /** The actor a_ω(x) = argmax_a q_ψ(x, a) (B, m) with the averaged weights. */
    public NDArray actor(NDArray x) {
        requireStarted();
        try (GradMode off = GradMode.disabled(); Scope scope = Scope.open()) {
            return scope.keep(advantageAverage.actor(normalise(ours(x))).toType(x.getDataType(), false));
        }
    }

    /** q_ψ(x, a) (B, 1), ≤ 0 with q_ψ(x, a_ω(x)) = 0, with the averaged weights. */
    public NDArray advantageRate(NDArray x, NDArray a) {
        requireStarted();
        try (GradMode off = GradMode.disabled(); Scope scope = Scope.open()) {
            return scope.keep(advantageAverage.advantageRate(normalise(ours(x)), ours(a)).toType(x.getDataType(), false));
        }
    }

    /**
     * The learned V (averaged weights) as a {@link ScalarField} in the original state coordinates, with exact
     * derivatives (forward-mode through the network, or the quadratic form's own), chained through the
     * normalisation: ∇V = ∇_x̃V ⊙ σ⁻¹, ∇²V = diag(σ⁻¹)∇²_x̃V diag(σ⁻¹). For REPORTING an HJB residual with a
     * problem the learner never sees; detached.
     */
    public ScalarField valueField() {
        requireStarted();
        return new ScalarField() {
            @Override
            public int dim() {
                return d;
            }

            @Override
            public boolean stationary() {
                return true;
            }

            @Override
            public NDArray value(NDArray t, NDArray x) {
                return QLearner.this.value(x);
            }

            @Override
            public NDArray gradient(NDArray t, NDArray x) {
                try (GradMode off = GradMode.disabled(); Scope scope = Scope.open()) {
                    NDArray g = valueAverage.gradient(normalise(ours(x))).mul(stateInverseStd);
                    return scope.keep(g.toType(x.getDataType(), false));
                }
            }

            @Override
            public NDArray hessian(NDArray t, NDArray x) {
                try (GradMode off = GradMode.disabled(); Scope scope = Scope.open()) {
                    NDArray h = valueAverage.hessian(normalise(ours(x)));
                    h = h.mul(stateInverseStd.reshape(1, d, 1)).mul(stateInverseStd.reshape(1, 1, d));
                    return scope.keep(h.toType(x.getDataType(), false));
                }
            }

            @Override
            public NDArray timeDerivative(NDArray t, NDArray x) {
                return x.getManager().zeros(new Shape(x.getShape().get(0), 1), x.getDataType());
            }
        };
    }

    /** Q(x, a) = V(x) + q_ψ(x, a)/ρ = (r + L^aV)/ρ at the learned V (DESIGN.md §1.2), for plots. */
    public NDArray qFunction(NDArray x, NDArray a) {
        try (Scope scope = Scope.open()) {
            return scope.keep(value(x).add(Scalars.div(advantageRate(x, a), rho)));
        }
    }

    /** x in the networks' precision (callers may evaluate in another dtype; results come back in theirs). */
    private NDArray ours(NDArray x) {
        return x.getDataType() == type ? x : x.toType(type, false);
    }

    private void requireStarted() {
        if (value == null) {
            throw new IllegalStateException("the learner has not started: call learn first");
        }
    }

    @Override
    public void close() {
        if (valueOptimizer != null) {
            valueOptimizer.close();
        }
        if (advantageOptimizer != null) {
            advantageOptimizer.close();
        }
        manager.close();
    }
}
