package dev.bellman.control.field;

/**
 * A {@link VectorField} evaluated on host arrays in float64, for a batch whose rows all sit at one
 * time (a rollout's step): {@link #at} does once what depends on t alone, and the {@link Slice} it
 * returns maps rows. Obtained from {@link VectorField#onHost()}; the values are those of the field
 * (the same formulas, rounded in another order).
 */
public interface HostVectorField {

    /** d, the state dimension (also the output dimension). */
    int dim();

    /** The field at time t, in the field's own time (forward time for a diffusion control). */
    Slice at(double t);

    /** The field at one time, over rows of a row-major batch. */
    @FunctionalInterface
    interface Slice {
        /**
         * out[i·d .. i·d + d) = v(t, x[i·d .. i·d + d)) for rows i in [from, to). Safe to call from
         * several threads at once on disjoint row ranges.
         *
         * @param x states (n·d) row-major
         * @param out values (n·d) row-major
         */
        void value(double[] x, double[] out, int from, int to);
    }
}
