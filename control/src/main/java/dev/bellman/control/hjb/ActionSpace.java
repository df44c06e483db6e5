package dev.bellman.control.hjb;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.BadInputException;
import java.util.function.UnaryOperator;

/**
 * The admissible actions A ⊂ R^m: all of R^m, a box, or the image of a user transform. A policy
 * network emits unconstrained outputs; {@link #fromUnconstrained} maps them into A smoothly (so
 * gradients flow), {@link #clip} projects an arbitrary action onto A.
 */
public sealed interface ActionSpace permits ActionSpace.Unbounded, ActionSpace.Box, ActionSpace.Transformed {

    /** m. */
    int dim();

    /** A smooth map R^m → A applied to raw network outputs (B, m). */
    NDArray fromUnconstrained(NDArray raw);

    /** The nearest admissible action (B, m). */
    NDArray clip(NDArray a);

    static ActionSpace unbounded(int dim) {
        return new Unbounded(dim);
    }

    static ActionSpace box(double[] low, double[] high) {
        return new Box(low, high);
    }

    /** A = image of {@code transform}; clipping applies the transform's idempotent {@code projection}. */
    static ActionSpace transformed(int dim, UnaryOperator<NDArray> transform, UnaryOperator<NDArray> projection) {
        return new Transformed(dim, transform, projection);
    }

    /** R^m. */
    record Unbounded(int dim) implements ActionSpace {
        public Unbounded {
            if (dim < 0) {
                throw new BadInputException("action dimension must be ≥ 0, got " + dim);
            }
        }

        @Override
        public NDArray fromUnconstrained(NDArray raw) {
            return raw;
        }

        @Override
        public NDArray clip(NDArray a) {
            return a;
        }
    }

    /** Πᵢ [lowᵢ, highᵢ]; raw outputs map in by low + (high − low)(1 + tanh r)/2. */
    record Box(double[] low, double[] high) implements ActionSpace {
        public Box {
            if (low == null || high == null || low.length != high.length || low.length == 0) {
                throw new BadInputException("a box needs low and high bounds of the same positive length");
            }
            for (int i = 0; i < low.length; i++) {
                if (!(low[i] < high[i])) {
                    throw new BadInputException("box bound " + i + ": low " + low[i] + " must be below high " + high[i]);
                }
            }
            low = low.clone();
            high = high.clone();
        }

        @Override
        public int dim() {
            return low.length;
        }

        @Override
        public NDArray fromUnconstrained(NDArray raw) {
            double[] half = new double[low.length];
            double[] mid = new double[low.length];
            for (int i = 0; i < low.length; i++) {
                half[i] = 0.5 * (high[i] - low[i]);
                mid[i] = 0.5 * (high[i] + low[i]);
            }
            NDArray h = raw.getManager().create(half).toType(raw.getDataType(), false);
            NDArray c = raw.getManager().create(mid).toType(raw.getDataType(), false);
            return raw.tanh().mul(h).add(c);
        }

        @Override
        public NDArray clip(NDArray a) {
            NDArray lo = a.getManager().create(low).toType(a.getDataType(), false);
            NDArray hi = a.getManager().create(high).toType(a.getDataType(), false);
            return a.maximum(lo).minimum(hi);
        }

        @Override
        public double[] low() {
            return low.clone();
        }

        @Override
        public double[] high() {
            return high.clone();
        }
    }

    /** A user-defined image of R^m (e.g. a softmax simplex). */
    record Transformed(int dim, UnaryOperator<NDArray> transform, UnaryOperator<NDArray> projection) implements ActionSpace {
        public Transformed {
            if (dim < 1 || transform == null || projection == null) {
                throw new BadInputException("a transformed action space needs dim ≥ 1, a transform and a projection");
            }
        }

        @Override
        public NDArray fromUnconstrained(NDArray raw) {
            return transform.apply(raw);
        }

        @Override
        public NDArray clip(NDArray a) {
            return projection.apply(a);
        }
    }
}
