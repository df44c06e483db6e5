package dev.bellman.benchmarks.mnist;

import dev.bellman.control.BadInputException;

/**
 * How the {@link DigitClassifier} trains: Adam on seeded mini-batches (cross-entropy).
 *
 * @param steps Adam updates (≥ 1)
 * @param batchSize B (≥ 1)
 * @param learningRate constant Adam step size (&gt; 0)
 * @param seed seeds the weights and the batch order
 */
public record ClassifierTraining(int steps, int batchSize, double learningRate, long seed) {
    public ClassifierTraining {
        if (steps < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new BadInputException("classifier training needs steps ≥ 1, batch ≥ 1 and a positive learning rate, got "
                    + steps + ", " + batchSize + ", " + learningRate);
        }
    }

    /** The setting of {@link TrainDigitClassifier}: 2,000 steps (≈ 14 epochs of 9,000 digits) at batch 64, lr 1e-3. */
    public static ClassifierTraining defaults(long seed) {
        return new ClassifierTraining(2000, 64, 1e-3, seed);
    }
}
