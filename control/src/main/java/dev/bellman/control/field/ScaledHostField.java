package dev.bellman.control.field;

import java.util.function.DoubleUnaryOperator;

/**
 * c(t)·v on host arrays, a factor that depends on the time alone: the host form of a control network
 * whose last layer predicts the noise (u = −g(t)/s(t)·ε_θ).
 *
 * @param base v
 * @param factor t ↦ c(t), in the field's own time
 */
public record ScaledHostField(HostVectorField base, DoubleUnaryOperator factor) implements HostVectorField {

    @Override
    public int dim() {
        return base.dim();
    }

    @Override
    public Slice at(double t) {
        Slice v = base.at(t);
        double c = factor.applyAsDouble(t);
        int d = base.dim();
        return (x, out, from, to) -> {
            v.value(x, out, from, to);
            for (int i = from * d; i < to * d; i++) {
                out[i] *= c;
            }
        };
    }
}
