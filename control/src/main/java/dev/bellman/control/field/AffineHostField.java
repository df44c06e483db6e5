package dev.bellman.control.field;

/**
 * c·v + b on host arrays (b the same in every coordinate): the host form of a control moved off
 * another (0.7u*, u* + 0.5). A rollout that also needs {@code base} itself (the verification gap's
 * target u*) evaluates it once and maps it, since the map is visible here.
 *
 * @param base v
 * @param scale c
 * @param shift b
 */
public record AffineHostField(HostVectorField base, double scale, double shift) implements HostVectorField {

    @Override
    public int dim() {
        return base.dim();
    }

    @Override
    public Slice at(double t) {
        Slice v = base.at(t);
        int d = base.dim();
        return (x, out, from, to) -> {
            v.value(x, out, from, to);
            map(out, out, from * d, to * d);
        };
    }

    /** out[i] = c·values[i] + b for i in [from, to). */
    public void map(double[] values, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = scale * values[i] + shift;
        }
    }
}
