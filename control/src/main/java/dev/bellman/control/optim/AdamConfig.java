package dev.bellman.control.optim;

import dev.bellman.control.BadInputException;

/**
 * Adam (Kingma &amp; Ba 2015) and AdamW (decoupled weight decay, Loshchilov &amp; Hutter 2019).
 *
 * @param schedule learning rate per step
 * @param beta1 first-moment decay in [0, 1)
 * @param beta2 second-moment decay in [0, 1)
 * @param epsilon added to √v̂ (&gt; 0)
 * @param weightDecay decoupled decay λ ≥ 0 (AdamW: θ ← θ − lr·λ·θ); 0 is plain Adam
 * @param clipNorm global gradient-norm bound; 0 for no clipping
 */
public record AdamConfig(LearningRateSchedule schedule, double beta1, double beta2, double epsilon, double weightDecay,
        double clipNorm) {
    public AdamConfig {
        if (schedule == null) {
            throw new BadInputException("a learning-rate schedule must be given");
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new BadInputException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new BadInputException("Adam epsilon must be positive, got " + epsilon);
        }
        if (!(weightDecay >= 0) || !(clipNorm >= 0)) {
            throw new BadInputException("weight decay and clip norm must be ≥ 0, got " + weightDecay + ", " + clipNorm);
        }
    }

    /** β = (0.9, 0.999), ε = 1e-8, no decay, no clipping. */
    public static AdamConfig of(double lr) {
        return new AdamConfig(LearningRateSchedule.constant(lr), 0.9, 0.999, 1e-8, 0.0, 0.0);
    }

    public AdamConfig withSchedule(LearningRateSchedule s) {
        return new AdamConfig(s, beta1, beta2, epsilon, weightDecay, clipNorm);
    }

    public AdamConfig withWeightDecay(double lambda) {
        return new AdamConfig(schedule, beta1, beta2, epsilon, lambda, clipNorm);
    }

    public AdamConfig withClipNorm(double norm) {
        return new AdamConfig(schedule, beta1, beta2, epsilon, weightDecay, norm);
    }

    public AdamConfig withBetas(double b1, double b2) {
        return new AdamConfig(schedule, b1, b2, epsilon, weightDecay, clipNorm);
    }
}
