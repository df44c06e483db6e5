package dev.bellman.benchmarks.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.DeviceKind;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.reference.SharedFolder;
import dev.bellman.data.dataset.ImageDataset;
import dev.bellman.data.io.Mnist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digit classifier's training loop on a small subset of the shared MNIST set (needs
 * shared/datasets/mnist10k; fails saying so when it is missing): the loss falls and the accuracy on the
 * subset is far above chance; a saved classifier labels exactly as the original. The full-size run
 * (≥ 97 % on the 1,000 held-out digits) is {@link TrainDigitClassifier}.
 */
class DigitClassifierTest {

    static BellmanEngine engine() {
        return BellmanEngine.start(new EngineConfig(0L, 1, Precision.FLOAT64, DeviceKind.CPU));
    }

    @Test
    void trainingLowersTheLossAndBeatsChanceClearly(@TempDir Path dir) throws Exception {
        BellmanEngine engine = engine();
        ImageDataset all = (ImageDataset) Mnist.load(SharedFolder.resolve().resolve("datasets/mnist10k")).train();
        ImageDataset subset = (ImageDataset) all.range(0, 400);
        List<Double> losses = new ArrayList<>();
        try (NDManager m = engine.newManager(); DigitClassifier c = new DigitClassifier(m, 1)) {
            double before = c.accuracy(subset);
            c.train(subset, new ClassifierTraining(100, 32, 2e-3, 1), engine.engine(), losses::add);
            double first = losses.subList(0, 10).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double last = losses.subList(90, 100).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double after = c.accuracy(subset);
            System.out.printf("loss %.3f → %.3f, subset accuracy %.3f → %.3f%n", first, last, before, after);
            assertThat(last).isLessThan(0.5 * first);
            assertThat(after).as("accuracy on the 400 training digits (chance 0.1)").isGreaterThan(0.6);

            Path file = dir.resolve("classifier.blmp");
            c.save(file);
            assertThat(Files.list(dir).count()).as("no temporary file left behind").isEqualTo(1);
            try (DigitClassifier loaded = DigitClassifier.load(file, m)) {
                Classification a = c.classify(subset);
                Classification b = loaded.classify(subset);
                assertThat(b.labels()).containsExactly(a.labels());
                assertThat(b.confidences()).containsExactly(a.confidences());
            }
        }
    }

    @Test
    void sampleQualityCountsConfidentSamplesAndClasses() {
        int[] labels = new int[20];
        double[] conf = new double[20];
        for (int i = 0; i < 20; i++) {
            labels[i] = i < 11 ? i % 10 : 3; // every digit once, then nine more 3s
            conf[i] = i < 15 ? 0.95 : 0.5;
        }
        SampleQuality q = SampleQuality.of(new Classification(labels, conf));
        assertThat(q.n()).isEqualTo(20);
        assertThat(q.confidentFraction()).isCloseTo(0.75, within(1e-12));
        assertThat(q.classCounts()).containsExactly(2, 1, 1, 10, 1, 1, 1, 1, 1, 1);
        assertThat(q.minClassFraction()).isCloseTo(0.05, within(1e-12));
        assertThat(q.meetsTarget()).as("75 % confident is below the 80 % target").isFalse();
        conf[15] = 0.9;
        assertThat(SampleQuality.of(new Classification(labels, conf)).meetsTarget()).isTrue();
    }
}
