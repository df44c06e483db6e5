package dev.bellman.control.pi;

import dev.bellman.control.field.JetField;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.Derivatives;
import dev.bellman.control.field.Jet;
import dev.bellman.control.nn.Mlp;
import dev.bellman.control.nn.MlpConfig;
import dev.bellman.control.nn.MlpScalarField;
import dev.bellman.control.nn.Parameter;
import dev.bellman.control.field.TraceMode;
import dev.bellman.control.generator.Generator;
import dev.bellman.control.hjb.ControlProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * A scale-aware value network for one positive state (wealth) x &gt; 0 under CRRA utility:
 * <pre>  V_θ(x) = U(x)·exp(s + g_θ(ln x)),   U(x) = x^{1−γ}/(1−γ)  </pre>
 * with a learnable log-scale s and a tanh MLP g_θ in log-wealth (last layer started at zero). Merton's
 * value A x^{1−γ}/(1−γ) is the case g ≡ 0, s = ln A, so V ~ −437/x is learned as one number plus a
 * small correction instead of a function spanning three orders of magnitude; the MLP keeps the
 * architecture general (a wealth-dependent policy would bend g). γ = 1 (log utility) is refused: its
 * value A ln x + b is not of this form.
 *
 * <p>Derivatives (y = ln x, E = exp(s + g), g' = dg/dy): V' = E(U' + U g'/x),
 * V'' = E(U'' + 2U'g'/x + U(g'² + g'' − g')/x²), exact from the MLP's forward-mode jet.
 * Shapes: x (B, 1).
 */
public final class HomotheticValueNetwork implements ValueNetwork, JetField {
    private final double gamma;
    private final NDManager manager;
    private final NDArray logScale; // (1)
    private final MlpScalarField net;
    private final List<Parameter> parameters = new ArrayList<>();

    /** @param mlp the correction g's configuration (1 input, 1 output), or null for g ≡ 0 (the scale alone) */
    public HomotheticValueNetwork(double gamma, MlpConfig mlp, DataType type, NDManager parent) {
        if (!(gamma > 0) || gamma == 1.0) {
            throw new BadInputException("the homothetic value network needs CRRA gamma > 0 and ≠ 1 (log utility is not"
                    + " supported by policy iteration), got " + gamma);
        }
        this.gamma = gamma;
        this.manager = parent.newSubManager();
        logScale = Parameters.trainable(manager, new double[1], new Shape(1), type);
        parameters.add(new Parameter("homothetic.logScale", logScale));
        if (mlp != null) {
            net = new MlpScalarField(new Mlp(mlp.withZeroLastLayer(true), manager), 1, false);
            parameters.addAll(net.parameters());
        } else {
            net = null;
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.copyOf(parameters);
    }

    /** The current log-scale s (ln A when g ≡ 0). */
    public double logScale() {
        return logScale.toType(DataType.FLOAT64, true).getDouble(0);
    }

    /** Sets s to the least-squares log-scale of targets ≈ U(x)·e^{s+g(ln x)}: s += ln(Σ tᵢuᵢ / Σ uᵢ²). */
    @Override
    public void calibrate(NDArray x, NDArray targets) {
        try (Scope scope = Scope.open(); GradMode off = GradMode.disabled()) {
            NDArray u = value(null, x);
            double num = u.mul(targets).sum().toType(DataType.FLOAT64, false).getDouble();
            double den = u.mul(u).sum().toType(DataType.FLOAT64, false).getDouble();
            if (num > 0 && den > 0) {
                logScale.addi(Math.log(num / den));
            }
        }
    }

    /**
     * The scale θ = e^s enters V linearly: with Ψ = V/θ, ρV − r − L^aV = θ(ρΨ − L^aΨ) − r, so the
     * weighted least-squares θ = Σw(ρΨ − LΨ)r / Σw(ρΨ − LΨ)² (kept only when positive).
     */
    @Override
    public boolean solveResidual(ControlProblem problem, NDArray x, NDArray a, NDArray weights) {
        try (Scope scope = Scope.open(); GradMode off = GradMode.disabled()) {
            NDArray t = x.zerosLike();
            var g = Generator.evaluate(this, problem, t, x, a, TraceMode.EXACT_HESSIAN, false, true);
            NDArray phi = g.value().mul(problem.discountRate()).sub(g.generator()); // θ(ρΨ − LΨ)
            NDArray r = problem.reward(t, x, a);
            double num = phi.mul(r).mul(weights).sum().toType(DataType.FLOAT64, false).getDouble();
            double den = phi.mul(phi).mul(weights).sum().toType(DataType.FLOAT64, false).getDouble();
            if (!(num > 0) || !(den > 0)) {
                return false;
            }
            logScale.addi(Math.log(num / den));
            return true;
        }
    }

    @Override
    public int dim() {
        return 1;
    }

    @Override
    public NDArray timeDerivative(NDArray t, NDArray x) {
        return x.zerosLike();
    }

    @Override
    public Jet jet(NDArray t, NDArray x, Derivatives request) {
        try (Scope scope = Scope.open(); GradMode off = request.detached() ? GradMode.disabled() : null) {
            long batch = x.getShape().get(0);
            boolean second = request.needsSecondOrder();
            boolean first = request.gradient() || second;
            NDArray y = x.log();
            Derivatives inner = second ? Derivatives.valueGradientHessian() : first ? Derivatives.valueAndGradient()
                    : Derivatives.value();
            Jet g = net != null ? net.jet(null, y, inner)
                    : new Jet(y.zerosLike(), y.zerosLike(), y.zerosLike().reshape(batch, 1, 1), null, null);
            double a = 1 - gamma;
            NDArray u = Scalars.div(Scalars.pow(x, a), a); // U
            NDArray e = g.value().add(logScale).exp(); // E
            NDArray value = u.mul(e);
            NDArray gradient = null;
            NDArray hessian = null;
            NDArray directional = null;
            if (first) {
                NDArray up = Scalars.pow(x, -gamma); // U'
                NDArray gy = g.gradient(); // (B, 1)
                NDArray gx = gy.div(x);
                gradient = e.mul(up.add(u.mul(gx)));
                if (second) {
                    NDArray upp = Scalars.mul(Scalars.pow(x, -gamma - 1), -gamma); // U''
                    NDArray gyy = g.hessian().reshape(batch, 1);
                    NDArray gxx = gyy.sub(gy).div(x.square());
                    NDArray v2 = e.mul(upp.add(Scalars.mul(up.mul(gx), 2)).add(u.mul(gx.square().add(gxx)))); // (B, 1)
                    if (request.hessian()) {
                        hessian = v2.reshape(batch, 1, 1);
                    }
                    if (request.directions() != null) {
                        NDArray w = request.directions(); // (B|1, K, 1)
                        NDArray w2 = w.square().reshape(w.getShape().get(0), w.getShape().get(1));
                        directional = w2.mul(v2);
                    }
                }
            }
            NDArray time = request.time() ? x.zerosLike() : null;
            Jet out = new Jet(value, request.gradient() ? gradient : null, hessian, directional, time);
            scope.keep(out.value());
            scope.keep(out.gradient());
            scope.keep(out.hessian());
            scope.keep(out.directional());
            scope.keep(out.timeDerivative());
            return out;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
