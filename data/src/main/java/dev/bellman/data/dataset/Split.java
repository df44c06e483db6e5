package dev.bellman.data.dataset;

/**
 * Training samples and held-out samples of one data set.
 *
 * @param train the samples a model trains on (at least one)
 * @param heldOut samples kept for evaluation (may be empty)
 */
public record Split(Dataset train, Dataset heldOut) {
    public Split {
        if (train == null || heldOut == null) {
            throw new IllegalArgumentException("train and held-out sets are both required");
        }
        if (train.size() < 1) {
            throw new IllegalArgumentException("the training set is empty");
        }
        if (!train.sampleShape().equals(heldOut.sampleShape())) {
            throw new IllegalArgumentException("train samples have shape " + train.sampleShape() + ", held-out "
                    + heldOut.sampleShape());
        }
    }

    /**
     * The first N − ⌊N/10⌋ samples train, the last ⌊N/10⌋ are held out (for the shared 10,000-digit
     * MNIST set: 9,000 and 1,000). Files are split by position, not at random, so the split is the same
     * in every run and in every tool that reads the file.
     */
    public static Split lastTenth(Dataset all) {
        int held = all.size() / 10;
        int cut = all.size() - held;
        return new Split(all.range(0, cut), all.range(cut, all.size()));
    }
}
