package dev.bellman.diffusion.train;

import dev.bellman.control.BadInputException;
import dev.bellman.control.optim.LearningRateSchedule;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The learning rate over a score-matching run after its linear warm-up: constant (the default, and
 * what every checkpoint written before this option carries), or a cosine decay to zero at the run's
 * last step (Loshchilov and Hutter 2017, "SGDR", without restarts). The horizon is the configuration's {@code steps}: a run resumed with a larger
 * {@code --steps} continues on the stretched curve, so it is not the same run as one trained to that
 * total from the start (constant-rate runs are).
 */
public enum LrSchedule {
    /** Linear warm-up, then the peak rate to the end. */
    CONSTANT {
        @Override
        public LearningRateSchedule create(double lr, long warmup, long steps) {
            return LearningRateSchedule.warmup(lr, warmup);
        }
    },
    /** Linear warm-up, then lr·½(1 + cos(π p)) with p the fraction of the post-warm-up steps done. */
    COSINE {
        @Override
        public LearningRateSchedule create(double lr, long warmup, long steps) {
            return LearningRateSchedule.warmupCosine(lr, warmup, steps, 0.0);
        }
    };

    /**
     * The rate at each 1-based optimizer step.
     *
     * @param lr the peak rate
     * @param warmup linear warm-up steps
     * @param steps the run's total steps (the end of the decay)
     */
    public abstract LearningRateSchedule create(double lr, long warmup, long steps);

    /** The command-line spelling, {@code constant} or {@code cosine}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code constant} or {@code cosine} (case-insensitive). */
    public static LrSchedule parse(String text) {
        for (LrSchedule s : values()) {
            if (s.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return s;
            }
        }
        throw new BadInputException("unknown learning-rate schedule '" + text + "'; use one of "
                + Arrays.stream(values()).map(LrSchedule::label).collect(Collectors.joining(", ")));
    }
}
