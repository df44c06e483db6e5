package dev.bellman.diffusion.gap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.HostVectorField;
import dev.bellman.control.field.VectorField;
import dev.bellman.control.random.StepRandom;
import dev.bellman.control.sde.TimeGrid;
import dev.bellman.data.DataSource;
import dev.bellman.data.HostArrays;
import dev.bellman.diffusion.ControlModel;
import dev.bellman.diffusion.exact.ExactControl;
import dev.bellman.diffusion.exact.MixtureLogDensity;
import dev.bellman.diffusion.sde.ForwardSde;

/**
 * The verification gap and the verification identity of DESIGN.md §1.4, by Monte Carlo along the
 * controlled reverse process.
 *
 * <p>In generative time τ, X_0 ~ prior and dX = (μ + Σu) dτ + Σ dW with μ = −a(T − τ) x,
 * Σ = g(T − τ) I (the {@link dev.bellman.diffusion.reverse.ReverseSde}), u the model's control
 * evaluated at t_f = T − τ. Euler–Maruyama on a {@link ReverseTimeGrid} from τ = 0 to T − ε with the
 * running quantities taken at the left end of each step (Itô). Per path:
 * <ul>
 *   <li>G = ½ Σ_k ‖u − u*‖² Δτ_k (the gap; u* exact for mixtures, empirical-optimal otherwise);</li>
 *   <li>J = Σ_k (½‖u‖² − div μ) Δτ_k − log p_ε(X_{T−ε}), div μ = −D a(T − τ);</li>
 *   <li>V = −log p_T(X_0).</li>
 * </ul>
 * The identity J(u; x, 0) = V(x, 0) + G(u; x) holds in expectation for every starting point, so the
 * prior need not equal p_T; truncating at T − ε keeps it exact because V(x, τ) = −log p_{T−τ}(x)
 * is the value of the problem with terminal cost −log p_ε at τ = T − ε. The reported residual
 * E[J] − E[V] − G uses the standard error of the per-path J − V − G, which is far smaller than those
 * of J and V separately (they share the path).
 *
 * <p>Randomness: batch b draws its prior from {@code StepRandom.of(seed).stream(b).forStep(N)} and
 * the noise of step k from {@code .forStep(k)}, so results do not depend on what ran before. Memory:
 * one manager per batch, one scope per step; the control is evaluated with autograd off.
 */
public final class VerificationGap {
    private VerificationGap() {}

    /**
     * The gap for a data source: exact mixture u* when the data have one, else the empirical-optimal
     * control of the training set (DESIGN.md §1.4).
     */
    public static GapResult estimate(ControlModel model, DataSource data, GapConfig config, GapListener listener) {
        GapTarget target = GapTarget.of(data, model.sde());
        try {
            return estimate(model, target, config, listener);
        } finally {
            if (target instanceof GapTarget.Empirical e) {
                e.control().close();
            }
        }
    }

    /** The gap against a given target; see the class comment. */
    public static GapResult estimate(ControlModel model, GapTarget target, GapConfig config, GapListener listener) {
        if (model.dim() != target.dim()) {
            throw new BadInputException("the model has dimension " + model.dim() + " but the data have " + target.dim());
        }
        ForwardSde sde = model.sde();
        double epsilon = config.endEpsilon() == null ? sde.epsilon() : config.endEpsilon();
        MixtureLogDensity logDensity = null;
        VectorField optimal;
        if (target instanceof GapTarget.Mixture mixture) {
            logDensity = new MixtureLogDensity(mixture.data(), sde);
            optimal = new ExactControl(logDensity);
        } else {
            if (epsilon <= 0) {
                throw new BadInputException("the empirical-optimal control is singular at t_f = 0: integrate to T − ε with ε > 0");
            }
            optimal = ((GapTarget.Empirical) target).control();
        }
        TimeGrid grid = config.grid().grid(sde.horizon(), epsilon, config.steps());
        Estimate.Moments g = new Estimate.Moments();
        Estimate.Moments j = new Estimate.Moments();
        Estimate.Moments v = new Estimate.Moments();
        Estimate.Moments r = new Estimate.Moments();
        Estimate.Moments bias = new Estimate.Moments();
        StepRandom random = StepRandom.of(config.seed());
        int done = 0;
        for (int b = 0; done < config.paths(); b++) {
            int size = Math.min(config.batchSize(), config.paths() - done);
            double[][] batch = runBatch(model, optimal, logDensity, grid, epsilon, size, random.stream(b), config.dataType());
            for (int i = 0; i < size; i++) {
                g.add(batch[0][i]);
                if (logDensity != null) {
                    j.add(batch[1][i]);
                    v.add(batch[2][i]);
                    r.add(batch[1][i] - batch[2][i] - batch[0][i]);
                    if (batch.length > 3) {
                        bias.add(batch[1][i] - batch[2][i] - batch[0][i] - batch[3][i]);
                    }
                }
            }
            done += size;
            listener.onBatch(done, config.paths());
        }
        boolean exact = logDensity != null;
        return new GapResult(exact ? g.estimate() : null, exact ? null : g.estimate(), exact ? j.estimate() : null,
                exact ? v.estimate() : null, exact ? r.estimate() : null, bias.count() > 0 ? bias.estimate() : null, config.paths(), config.steps(), epsilon,
                config.grid().label());
    }

    /** The estimate at {@code config.steps()} and at twice as many steps, to show the Euler bias falling. */
    public static EulerBias eulerBias(ControlModel model, GapTarget target, GapConfig config, GapListener listener) {
        GapResult coarse = estimate(model, target, config, listener);
        GapResult fine = estimate(model, target, config.withSteps(2 * config.steps()), listener);
        return new EulerBias(coarse, fine);
    }

    /**
     * One batch of paths: per-path G, J, V (J and V null without a mixture), and on the host rollout
     * with a mixture the martingale M of {@link GapResult#eulerBias}.
     */
    private static double[][] runBatch(ControlModel model, VectorField optimal, MixtureLogDensity logDensity, TimeGrid grid,
            double epsilon, int size, StepRandom random, DataType type) {
        ForwardSde sde = model.sde();
        double horizon = sde.horizon();
        int d = model.dim();
        int steps = grid.steps();
        VectorField control = model.control().frozen(); // fixed for the batch: the host kernels may run it
        var hostControl = type == DataType.FLOAT64 ? control.onHost() : java.util.Optional.<HostVectorField>empty();
        var hostTarget = optimal.onHost();
        if (hostControl.isPresent() && hostTarget.isPresent()) {
            return HostRollout.run(sde, d, hostControl.get(), hostTarget.get(), logDensity, grid, epsilon, size, random);
        }
        try (NDManager mgr = BellmanEngine.current().newManager(); GradMode off = GradMode.disabled(); Scope batchScope = Scope.open()) {
            random.forStep(steps).seedEngine();
            NDArray x = sde.samplePrior(mgr, new Shape(size, d), type).toType(type, false);
            NDArray value = null;
            if (logDensity != null) {
                NDArray tT = mgr.ones(new Shape(size, 1), type).muli(horizon);
                value = logDensity.value(tT, x).neg();
            }
            NDArray gap = mgr.zeros(new Shape(size, 1), type);
            NDArray running = mgr.zeros(new Shape(size, 1), type);
            double driftDivergence = 0; // Σ_k (−div μ) Δτ = Σ_k D a(t_f) Δτ: the same for every path
            for (int k = 0; k < steps; k++) {
                double dt = grid.dt(k);
                double tf = horizon - grid.time(k);
                double a = sde.driftRate(tf);
                double sigma = sde.diffusion(tf);
                driftDivergence += d * a * dt;
                NDArray next;
                try (Scope step = Scope.open()) {
                    NDArray t = mgr.ones(new Shape(size, 1), type).muli(tf);
                    // One time row for a control that broadcasts it (its time features once per step).
                    NDArray tControl = control.broadcastsTime() ? mgr.ones(new Shape(1, 1), type).muli(tf) : t;
                    NDArray u = control.value(tControl, x).toType(type, false);
                    NDArray target = optimal.value(t, x);
                    gap.addi(u.sub(target).square().sum(new int[] {1}, true).mul(0.5 * dt));
                    running.addi(u.square().sum(new int[] {1}, true).mul(0.5 * dt));
                    random.forStep(k).seedEngine();
                    NDArray z = mgr.randomNormal(0, 1, new Shape(size, d), type);
                    // x + (−a x + g u) Δτ + g √Δτ z
                    next = step.keep(x.mul(1 - a * dt).add(u.mul(sigma * dt)).add(z.mul(sigma * Math.sqrt(dt))));
                }
                x.close();
                NDScope.unregister(x);
                x = next;
            }
            double[] g = HostArrays.toDoubles(gap);
            double[] j = null;
            double[] v = null;
            if (logDensity != null) {
                NDArray tEnd = mgr.ones(new Shape(size, 1), type).muli(epsilon);
                NDArray cost = running.add(driftDivergence).sub(logDensity.value(tEnd, x));
                j = HostArrays.toDoubles(cost);
                v = HostArrays.toDoubles(value);
            }
            return new double[][] {g, j, v};
        }
    }
}
