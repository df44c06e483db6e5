package dev.bellman.diffusion.net;

import dev.bellman.control.field.VectorField;
import dev.bellman.control.nn.Parameter;
import java.util.List;

/**
 * A trainable control network u_θ(t_f, x) ∈ R^D in FORWARD diffusion time t_f (DESIGN.md §1.4): a
 * {@link VectorField} (value (B, D) and divergence (B, 1) for t (B, 1), x (B, D)) plus its trainable
 * parameters. The score-matching trainer, checkpoints and {@code TrainedModel} are written against
 * this interface only, so the vector MLP ({@link ControlNet}) and the image U-Net plug in alike.
 *
 * <p>{@link #value} must stay differentiable in the parameters while autograd records (training);
 * outside a gradient collector it is a plain evaluation.
 */
public interface ControlNetwork extends VectorField, AutoCloseable {

    /** Named parameters in a stable order (live arrays, not copies); checkpoints match them by name. */
    List<Parameter> parameters();

    /** The configuration this network was built from (stored in checkpoints to rebuild it). */
    NetSpec spec();

    /** Frees the parameters. */
    @Override
    void close();
}
