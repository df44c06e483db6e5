package dev.bellman.control.pi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.generator.Policy;
import dev.bellman.control.hjb.ActionSpace;
import dev.bellman.control.nn.Mlp;
import dev.bellman.control.nn.MlpConfig;
import dev.bellman.control.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy network a_φ(x) = T(φ(x)W + b + N_φ(φ(x))): a linear head (W (p, m), b (m)), a tanh MLP N_φ
 * whose last layer starts at zero, and the problem's action-space map T
 * ({@link ActionSpace#fromUnconstrained}). The linear head starts at an admissible policy
 * (DESIGN.md §1.3): for LQR W = −K₀ᵀ, b = 0 with K₀ from {@code StabilisingGain}, so the iteration starts
 * from a stabilising feedback exactly; for Merton b holds the raw initial (π₀, k₀). Shapes: x (B, d),
 * action (B, m). Inside a {@code GradientCollector} the action is attached to the parameters.
 */
public final class PolicyNetwork implements Policy, AutoCloseable {
    private final PolicyFeatures features;
    private final ActionSpace actions;
    private final NDManager manager;
    private final NDArray weight;
    private final NDArray bias;
    private final Mlp net; // or null
    private final List<Parameter> parameters = new ArrayList<>();

    /**
     * @param linear the initial W (p × m, row-major p rows), e.g. −K₀ᵀ
     * @param rawBias the initial b (m), in raw (unconstrained) coordinates
     * @param mlp the MLP's configuration (p inputs, m outputs), or null for the linear head alone
     */
    public PolicyNetwork(PolicyFeatures features, ActionSpace actions, double[][] linear, double[] rawBias, MlpConfig mlp,
            DataType type, NDManager parent) {
        this.features = features;
        this.actions = actions;
        this.manager = parent.newSubManager();
        int p = linear.length;
        int m = actions.dim();
        double[] flat = new double[p * m];
        for (int i = 0; i < p; i++) {
            if (linear[i].length != m) {
                throw new IllegalArgumentException("linear head row " + i + " has " + linear[i].length + " entries, need " + m);
            }
            System.arraycopy(linear[i], 0, flat, i * m, m);
        }
        weight = Parameters.trainable(manager, flat, new Shape(p, m), type);
        bias = Parameters.trainable(manager, rawBias.clone(), new Shape(m), type);
        parameters.add(new Parameter("policy.W", weight));
        parameters.add(new Parameter("policy.b", bias));
        if (mlp != null) {
            net = new Mlp(mlp.withZeroLastLayer(true), manager);
            parameters.addAll(net.parameters());
        } else {
            net = null;
        }
    }

    public List<Parameter> parameters() {
        return List.copyOf(parameters);
    }

    /** The raw (unconstrained) output (B, m). */
    public NDArray raw(NDArray x) {
        try (Scope scope = Scope.open()) {
            NDArray f = features.apply(x);
            NDArray raw = f.matMul(weight).add(bias);
            if (net != null) {
                raw = raw.add(net.forward(f));
            }
            return scope.keep(raw);
        }
    }

    @Override
    public NDArray act(NDArray t, NDArray x) {
        try (Scope scope = Scope.open()) {
            return scope.keep(actions.fromUnconstrained(raw(x)));
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
