package dev.bellman.samplers;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.VectorField;
import dev.bellman.diffusion.ControlModel;
import dev.bellman.diffusion.reverse.ReverseSde;
import dev.bellman.diffusion.sde.ForwardSde;

/**
 * A model's control u(t_f, x) as the samplers call it, counting network evaluations (NFE): one per
 * call of {@link #control}, the cost unit of every sampler (a corrector step, a predictor step, a
 * Runge–Kutta stage). A divergence evaluated at the same point as the control within one ODE
 * right-hand side is counted with it (it is one augmented-drift evaluation). Not thread-safe.
 */
public final class ControlCalls {
    private final ControlModel model;
    private final ReverseSde reverse;
    private final VectorField control;
    private final TimeInput timeInput;
    private long evaluations;

    /**
     * Calls of {@code model}'s control, {@linkplain VectorField#frozen() frozen} for the run: a sampler
     * does not train, so a network may evaluate on its fast inference path (the host kernels).
     */
    public ControlCalls(ControlModel model, TimeInput timeInput) {
        this.model = model;
        this.reverse = new ReverseSde(model.sde(), model.dim());
        this.control = model.control().frozen();
        this.timeInput = timeInput.resolve(control);
    }

    public ControlModel model() {
        return model;
    }

    public ForwardSde sde() {
        return model.sde();
    }

    /** The reverse-time SDE (the one time flip t_f = T − τ). */
    public ReverseSde reverse() {
        return reverse;
    }

    /** u(t_f, x) (B, D) at FORWARD time {@code tForward}; allocated in the current scope. */
    public NDArray control(double tForward, NDArray x) {
        evaluations++;
        return control.value(timeInput.array(tForward, x), x);
    }

    /** ∇ₓ·u(t_f, x) (B, 1) at forward time {@code tForward}; not counted (see the class comment). */
    public NDArray divergence(double tForward, NDArray x, DivergenceMode mode) {
        return control.divergence(timeInput.array(tForward, x), x, mode);
    }

    /** Network evaluations so far. */
    public long evaluations() {
        return evaluations;
    }
}
