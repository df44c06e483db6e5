package dev.bellman.control.finite;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.generator.Policy;
import dev.bellman.control.hjb.ActionSpace;
import dev.bellman.control.nn.Mlp;
import dev.bellman.control.nn.Parameter;
import java.util.List;

/**
 * A time-dependent policy network a_φ(t, x) = A(N_φ(t, x)): an MLP on the input (t, x) (B, 1 + d)
 * whose raw output (B, m) is mapped into the action space by its smooth map (so gradients flow).
 * Inside a {@code GradientCollector} the actions are attached to φ.
 */
public final class PolicyNetwork implements Policy {
    private final Mlp mlp;
    private final ActionSpace space;

    public PolicyNetwork(Mlp mlp, ActionSpace space) {
        if (mlp.outputDim() != space.dim()) {
            throw new IllegalArgumentException("policy network has " + mlp.outputDim() + " outputs for " + space.dim() + " actions");
        }
        this.mlp = mlp;
        this.space = space;
    }

    public Mlp mlp() {
        return mlp;
    }

    public List<Parameter> parameters() {
        return mlp.parameters();
    }

    @Override
    public NDArray act(NDArray t, NDArray x) {
        return space.fromUnconstrained(mlp.forward(t.concat(x, 1)));
    }

    /** The same policy with no gradient to φ: what the value step and the rollouts see. */
    public Policy frozen() {
        return (t, x) -> {
            try (GradMode off = GradMode.disabled()) {
                return act(t, x);
            }
        };
    }
}
