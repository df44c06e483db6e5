package dev.bellman.diffusion.exact;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.AffineHostField;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.HostVectorField;
import dev.bellman.control.field.VectorField;
import java.util.Optional;
import dev.bellman.diffusion.ControlModel;

/**
 * A control moved off another by an affine map, c·u(t_f, x) + b (b the same constant in every
 * coordinate): the deliberately wrong controls (0.7u*, u* + 0.5) with which the verification identity
 * and gap are checked (DESIGN.md §1.4; ../shared/peers/numpy_identity.py). Divergence c·∇·u.
 *
 * @param base u
 * @param scale c
 * @param shift b
 */
public record PerturbedControl(VectorField base, double scale, double shift) implements VectorField {

    /** c·u. */
    public static PerturbedControl scaled(VectorField base, double scale) {
        return new PerturbedControl(base, scale, 0.0);
    }

    /** u + b. */
    public static PerturbedControl shifted(VectorField base, double shift) {
        return new PerturbedControl(base, 1.0, shift);
    }

    /** The model with the same SDE and shape and this control in place of the model's own. */
    public static ControlModel model(ControlModel model, double scale, double shift) {
        return ControlModel.withControl(model, new PerturbedControl(model.control(), scale, shift));
    }

    @Override
    public int dim() {
        return base.dim();
    }

    /** As the base control: the affine map does not depend on t. */
    @Override
    public boolean broadcastsTime() {
        return base.broadcastsTime();
    }

    /** The same map around the base's frozen form (a network's host kernels for a sampler run). */
    @Override
    public VectorField frozen() {
        VectorField f = base.frozen();
        return f == base ? this : new PerturbedControl(f, scale, shift);
    }

    /** c·u + b on host arrays, when the base has a host form. */
    @Override
    public Optional<HostVectorField> onHost() {
        return base.onHost().map(h -> new AffineHostField(h, scale, shift));
    }

    @Override
    public NDArray value(NDArray t, NDArray x) {
        try (Scope scope = Scope.open()) {
            return scope.keep(Scalars.mul(base.value(t, x), scale).add(shift));
        }
    }

    @Override
    public NDArray divergence(NDArray t, NDArray x, DivergenceMode mode) {
        try (Scope scope = Scope.open()) {
            return scope.keep(Scalars.mul(base.divergence(t, x, mode), scale));
        }
    }
}
