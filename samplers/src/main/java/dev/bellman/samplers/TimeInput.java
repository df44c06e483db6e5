package dev.bellman.samplers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.field.VectorField;

/**
 * How a sampler hands the (one, shared) forward time t_f of a step to the control network.
 *
 * <p>Every row of a sampler's batch sits at the same time, so a network that knows this can compute
 * its time embedding once per step instead of once per row (DESIGN.md §3, speed). Fields that index
 * t by row need {@link #PER_ROW}; fields that broadcast (closed forms on scalars, networks with a
 * shared-time fast path) can take {@link #SHARED}.
 */
public enum TimeInput {
    /** t as (B, 1), every row equal: works with every {@link dev.bellman.control.field.VectorField}. */
    PER_ROW {
        @Override
        public NDArray array(double t, NDArray x) {
            NDArray shared = SHARED.array(t, x);
            return x.getShape().get(0) == 1 ? shared : shared.repeat(0, x.getShape().get(0));
        }
    },
    /** t as (1, 1), broadcast over the batch: for fields documented to accept it. */
    SHARED {
        @Override
        public NDArray array(double t, NDArray x) {
            // float64 states get t in full precision (the order tests resolve errors below 1e-7)
            return x.getDataType() == DataType.FLOAT64
                    ? x.getManager().create(new double[] {t}, new Shape(1, 1))
                    : x.getManager().full(new Shape(1, 1), (float) t, x.getDataType());
        }
    },

    /**
     * {@link #SHARED} for fields that declare {@link VectorField#broadcastsTime()}, else
     * {@link #PER_ROW}: the default, resolved by {@link #resolve} when the field is known.
     */
    AUTO {
        @Override
        public NDArray array(double t, NDArray x) {
            return PER_ROW.array(t, x);
        }
    };

    /** The time array for a batch {@code x} (B, D) at forward time {@code t}. */
    public abstract NDArray array(double t, NDArray x);

    /** This choice for {@code field}: AUTO becomes SHARED or PER_ROW; the others stay as they are. */
    public TimeInput resolve(VectorField field) {
        if (this != AUTO) {
            return this;
        }
        return field.broadcastsTime() ? SHARED : PER_ROW;
    }
}
