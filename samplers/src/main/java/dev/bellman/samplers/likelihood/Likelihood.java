package dev.bellman.samplers.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scope;
import dev.bellman.diffusion.ControlModel;
import dev.bellman.diffusion.sde.ForwardSde;
import dev.bellman.samplers.ControlCalls;
import dev.bellman.samplers.ode.DormandPrince;
import dev.bellman.samplers.ode.OdeFunction;
import dev.bellman.samplers.ode.OdeSolution;

/**
 * Exact likelihood by the probability-flow ODE with the instantaneous change of variables (Chen et
 * al. 2018, Thm 1; Song et al. 2021, App. D). In forward time t_f the flow dx/dt = F(t, x) =
 * a(t) x − ½ g(t) u(t, x) carries p_ε to p_T, and along it d log p(x(t))/dt = −∇·F, so
 *
 * <pre>  log p_ε(x) = log π(x(T)) + ∫_ε^T ∇·F(t, x(t)) dt,   ∇·F = a(t) D − ½ g(t) ∇·u,</pre>
 *
 * solved as one augmented ODE on [x, ℓ] (B, D + 1) from the data point x at τ = T − ε (t_f = ε)
 * to t_f = T by {@link DormandPrince} (error norm over the x and ℓ columns as configured: by default
 * every point's own). It is the
 * density of the ε-blurred data p_ε under the model, and equals the model's p_ε only if π = p_T.
 * Hutchinson probes, when used, are fixed for the whole solve, so the ODE stays deterministic.
 */
public final class Likelihood {
    private final ControlModel model;
    private final LikelihoodConfig config;
    private final PriorDensity prior;

    public Likelihood(ControlModel model, LikelihoodConfig config, PriorDensity prior) {
        this.model = model;
        this.config = config;
        this.prior = prior;
    }

    /** With the SDE's own prior N(0, σ_p² I). */
    public Likelihood(ControlModel model, LikelihoodConfig config) {
        this(model, config, PriorDensity.of(model.sde()));
    }

    /** log p_ε(x) of every row of {@code x} (B, D), in chunks of {@code config.batch()} rows. */
    public LikelihoodResult logDensity(NDArray x) {
        long rows = x.getShape().get(0);
        double[] out = new double[Math.toIntExact(rows)];
        long evaluations = 0;
        int solves = 0;
        for (long from = 0; from < rows; from += config.batch()) {
            long to = Math.min(rows, from + config.batch());
            try (Scope scope = Scope.open()) {
                NDArray chunk = x.get(new NDIndex("{}:{}", from, to));
                ControlCalls calls = new ControlCalls(model, config.timeInput());
                double[] lp = solve(calls, chunk);
                System.arraycopy(lp, 0, out, (int) from, lp.length);
                evaluations += calls.evaluations();
                solves++;
            }
        }
        return new LikelihoodResult(out, Math.round((double) evaluations / solves), solves);
    }

    private double[] solve(ControlCalls calls, NDArray x) {
        ForwardSde sde = model.sde();
        int dim = model.dim();
        OdeFunction augmented = (t, y) -> {
            NDArray xs = y.get(new NDIndex(":, 0:{}", dim));
            // Number overloads are safe here: the solve runs with gradients off, so nothing keeps the
            // scalars (see Scalars), and this right-hand side is evaluated hundreds of times a solve.
            double a = sde.driftRate(t);
            double g = sde.diffusion(t);
            NDArray drift = calls.control(t, xs).mul(-0.5 * g).addi(xs.mul(a));
            NDArray div = calls.divergence(t, xs, config.divergence()).mul(-0.5 * g).addi(a * dim);
            return NDArrays.concat(new NDList(drift, div), 1);
        };
        DormandPrince solver = new DormandPrince(config.rtol(), config.atol(), config.maxSteps(), config.norm());
        try (GradMode off = GradMode.disabled(); Scope scope = Scope.open()) {
            NDArray y0 = NDArrays.concat(new NDList(x, x.getManager().zeros(new ai.djl.ndarray.types.Shape(x.getShape().get(0), 1), x.getDataType())), 1);
            OdeSolution sol = solver.solve(augmented, sde.epsilon(), sde.horizon(), y0, DormandPrince.StepObserver.NONE);
            NDArray yT = sol.state();
            NDArray xT = yT.get(new NDIndex(":, 0:{}", dim));
            NDArray integral = yT.get(new NDIndex(":, {}:", dim));
            NDArray lp = prior.logDensity(xT).add(integral);
            return lp.toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }
}
