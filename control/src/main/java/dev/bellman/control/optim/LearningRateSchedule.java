package dev.bellman.control.optim;

import dev.bellman.control.BadInputException;

/** The learning rate at an optimizer step (1-based: the first update is step 1). */
@FunctionalInterface
public interface LearningRateSchedule {

    double at(long step);

    /** A constant rate. */
    static LearningRateSchedule constant(double lr) {
        check(lr);
        return step -> lr;
    }

    /** Linear warm-up from lr/warmup to lr over the first {@code warmup} steps, then constant. */
    static LearningRateSchedule warmup(double lr, long warmup) {
        check(lr);
        if (warmup < 0) {
            throw new BadInputException("warm-up steps must be ≥ 0, got " + warmup);
        }
        return step -> warmup == 0 || step >= warmup ? lr : lr * step / warmup;
    }

    /** Warm-up, then cosine decay to {@code floor}·lr at {@code total} steps. */
    static LearningRateSchedule warmupCosine(double lr, long warmup, long total, double floor) {
        LearningRateSchedule w = warmup(lr, warmup);
        return step -> {
            if (step < warmup) {
                return w.at(step);
            }
            double p = Math.min(1.0, (double) (step - warmup) / Math.max(1, total - warmup));
            return lr * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * p)));
        };
    }

    private static void check(double lr) {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new BadInputException("learning rate must be positive and finite, got " + lr);
        }
    }
}
