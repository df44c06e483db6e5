package dev.bellman.diffusion;

import ai.djl.ndarray.types.Shape;
import dev.bellman.control.field.VectorField;
import dev.bellman.diffusion.sde.ForwardSde;

/**
 * A generative model in control form (DESIGN.md §1.4): a forward SDE and a control u(t_f, x). The
 * control takes the FORWARD diffusion time t_f = T − τ, like every network of the diffusion half;
 * only {@link dev.bellman.diffusion.reverse.ReverseSde} flips time. Implemented by trained models
 * (a checkpoint's EMA weights) and by exact optimal controls (oracles).
 *
 * <p>Shapes: states are always flat, x (B, D) with D = the product of {@link #sampleShape()}
 * (2 for toys, C·H·W for images; image networks reshape internally); t (B, 1).
 */
public interface ControlModel {

    /** The forward (noising) SDE. */
    ForwardSde sde();

    /** u(t_f, x) (B, D) in forward time; its divergence in x serves the likelihood. */
    VectorField control();

    /** The shape of one sample, e.g. (2) or (1, 28, 28). */
    Shape sampleShape();

    /** D, the flat state dimension. */
    default int dim() {
        return (int) sampleShape().size();
    }

    /** {@code model}'s SDE and sample shape with another control (moved-off controls, benchmark variants). */
    static ControlModel withControl(ControlModel model, VectorField control) {
        return new ControlModel() {
            @Override
            public ForwardSde sde() {
                return model.sde();
            }

            @Override
            public VectorField control() {
                return control;
            }

            @Override
            public Shape sampleShape() {
                return model.sampleShape();
            }
        };
    }
}
