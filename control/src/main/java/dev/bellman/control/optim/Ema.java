package dev.bellman.control.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.nn.Parameter;
import dev.bellman.control.nn.ParameterSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * An exponential moving average of parameters, θ̄ ← δθ̄ + (1 − δ)θ (Polyak averaging; the EMA
 * weights of score models, Song et al. 2021, and the slow target networks of Q-learning). The
 * shadow starts at the current parameters; its state is exportable for checkpoints.
 */
public final class Ema {
    private final List<Parameter> parameters;
    private final double decay;
    private final List<NDArray> shadow = new ArrayList<>();
    private long updates;

    public Ema(List<Parameter> parameters, double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new dev.bellman.control.BadInputException("EMA decay must be in [0, 1), got " + decay);
        }
        this.parameters = List.copyOf(parameters);
        this.decay = decay;
        try (GradMode off = GradMode.disabled()) {
            for (Parameter p : this.parameters) {
                NDArray s = p.array().duplicate();
                NDScope.unregister(s);
                shadow.add(s);
            }
        }
    }

    public double decay() {
        return decay;
    }

    public long updates() {
        return updates;
    }

    /** θ̄ ← δθ̄ + (1 − δ)θ. */
    public void update() {
        try (GradMode off = GradMode.disabled(); Scope scope = Scope.open()) {
            for (int i = 0; i < shadow.size(); i++) {
                shadow.get(i).muli(decay).addi(parameters.get(i).array().mul(1 - decay));
            }
        }
        updates++;
    }

    /** The averaged parameters (names of the tracked parameters, shadow arrays). */
    public List<Parameter> averaged() {
        List<Parameter> out = new ArrayList<>();
        for (int i = 0; i < shadow.size(); i++) {
            out.add(new Parameter(parameters.get(i).name(), shadow.get(i)));
        }
        return out;
    }

    /** Writes the averaged values into {@code target} (e.g. an evaluation copy of the network). */
    public void copyInto(List<Parameter> target) {
        ParameterSnapshot.capture(averaged()).restore(target);
    }

    public EmaState exportState() {
        return new EmaState(updates, ParameterSnapshot.capture(averaged()));
    }

    public void importState(EmaState state) {
        state.shadow().restore(averaged());
        updates = state.updates();
    }

    /**
     * The EMA's state.
     *
     * @param updates updates done
     * @param shadow the averaged values
     */
    public record EmaState(long updates, ParameterSnapshot shadow) {}
}
