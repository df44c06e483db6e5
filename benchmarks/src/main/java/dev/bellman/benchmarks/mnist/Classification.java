package dev.bellman.benchmarks.mnist;

/**
 * Labels and confidences of N images.
 *
 * @param labels the most probable digit of each image
 * @param confidences its softmax probability, in (0, 1]
 */
public record Classification(int[] labels, double[] confidences) {
    public Classification {
        if (labels.length != confidences.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + confidences.length + " confidences");
        }
        labels = labels.clone();
        confidences = confidences.clone();
    }

    public int size() {
        return labels.length;
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public double[] confidences() {
        return confidences.clone();
    }

    /** The fraction of labels equal to {@code truth}. */
    public double accuracy(int[] truth) {
        if (truth.length != labels.length) {
            throw new IllegalArgumentException(truth.length + " true labels for " + labels.length + " images");
        }
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += labels[i] == truth[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }
}
