package dev.bellman.control.qlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.bellman.control.hjb.ActionSpace;

/**
 * The coordinates u(a) in which an advantage is modelled as quadratic ({@link Structure.ActionCoordinate}):
 * u = a for a linear coordinate, u = log a for a log (positive scale) coordinate. A network's raw output r
 * gives the centre in u: the action space's transform T(r) for linear coordinates, r itself for log
 * coordinates (then a = e^r: the positive scale's own pre-transform space, where Merton's consumption advantage
 * is symmetric). Shapes (B, m).
 */
final class ActionCoordinates {
    private static final double TINY = 1e-300;
    private final ActionSpace space;
    private final double[] linear;
    private final double[] log;
    private final boolean anyLog;

    ActionCoordinates(Structure structure, ActionSpace space) {
        this.space = space;
        int m = structure.actionDim();
        this.linear = new double[m];
        this.log = new double[m];
        for (int i = 0; i < m; i++) {
            boolean isLog = structure.actions().get(i) == Structure.ActionCoordinate.LOG;
            linear[i] = isLog ? 0 : 1;
            log[i] = isLog ? 1 : 0;
        }
        this.anyLog = structure.hasLogActions();
    }

    /** The centre u (B, m) from raw network outputs (B, m). */
    NDArray centre(NDArray raw) {
        NDArray t = space.fromUnconstrained(raw);
        if (!anyLog) {
            return t;
        }
        return t.mul(mask(raw.getManager(), linear, raw)).add(raw.mul(mask(raw.getManager(), log, raw)));
    }

    /** u(a) (B, m). */
    NDArray toCoordinates(NDArray a) {
        if (!anyLog) {
            return a;
        }
        NDManager m = a.getManager();
        // log of |a| + tiny keeps linear coordinates finite before they are masked out (0·NaN would be NaN)
        return a.mul(mask(m, linear, a)).add(a.abs().add(TINY).log().mul(mask(m, log, a)));
    }

    /** a(u) (B, m). */
    NDArray fromCoordinates(NDArray u) {
        if (!anyLog) {
            return u;
        }
        NDManager m = u.getManager();
        return u.mul(mask(m, linear, u)).add(u.mul(mask(m, log, u)).exp().mul(mask(m, log, u)));
    }

    /** u(a) of one host action (m). */
    double[] toCoordinates(double[] a) {
        double[] u = a.clone();
        for (int i = 0; i < u.length; i++) {
            if (log[i] == 1) {
                u[i] = Math.log(a[i]);
            }
        }
        return u;
    }

    /** Whether coordinate i is a log coordinate. */
    boolean isLog(int i) {
        return log[i] == 1;
    }

    /** The nearest admissible action. */
    NDArray clip(NDArray a) {
        return space.clip(a);
    }

    private static NDArray mask(NDManager m, double[] v, NDArray like) {
        return m.create(v).toType(like.getDataType(), false);
    }
}
