package dev.bellman.benchmarks.mnist;

import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.DeviceKind;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.engine.Precision;
import dev.bellman.data.dataset.ImageDataset;
import dev.bellman.data.dataset.Split;
import dev.bellman.data.io.Mnist;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains the {@link DigitClassifier} on the 9,000 training digits of the shared MNIST set, reports its
 * accuracy on the 1,000 held out (issue 6 asks ≥ 97 %), saves it, and prints {@code RESULT {json}}.
 *
 * <pre>
 *   mvn -q -o -pl benchmarks -am package -DskipTests
 *   java -Dai.djl.offline=true -cp "$(cat benchmarks/target/classpath.txt)" \
 *       dev.bellman.benchmarks.mnist.TrainDigitClassifier [--data DIR] [--out FILE] [--steps N] [--seed S] [--threads T]
 * </pre>
 * (or {@code mvn -o -pl benchmarks exec:java -Dexec.mainClass=...}); defaults: shared/datasets/mnist10k,
 * runs/digit-classifier.blmp, 2,000 steps at batch 64, seed 0, 1 thread.
 */
public final class TrainDigitClassifier {
    private TrainDigitClassifier() {}

    public static void main(String[] args) throws Exception {
        MnistArgs a = new MnistArgs(args);
        Path data = a.data();
        Path out = a.path("out", Path.of("runs", "digit-classifier.blmp"));
        long seed = a.number("seed", 0);
        int threads = a.integer("threads", 1);
        ClassifierTraining base = ClassifierTraining.defaults(seed);
        ClassifierTraining training = new ClassifierTraining(a.integer("steps", base.steps()), a.integer("batch", base.batchSize()),
                base.learningRate(), seed);
        BellmanEngine engine = BellmanEngine.start(new EngineConfig(seed, threads, Precision.FLOAT32, DeviceKind.CPU));
        Split split = Mnist.load(data);
        ImageDataset train = (ImageDataset) split.train();
        ImageDataset held = (ImageDataset) split.heldOut();
        long t0 = System.nanoTime();
        double[] last = {Double.NaN};
        long[] step = {0};
        try (var manager = engine.newManager(); DigitClassifier c = new DigitClassifier(manager, seed)) {
            c.train(train, training, engine.engine(), loss -> {
                last[0] = loss;
                if (++step[0] % 200 == 0) {
                    System.err.printf("step %d loss %.4f%n", step[0], loss);
                }
            });
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            double heldAccuracy = c.accuracy(held);
            double trainAccuracy = c.accuracy(train);
            c.save(out);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("held_out_accuracy", heldAccuracy);
            result.put("train_accuracy", trainAccuracy);
            result.put("train_digits", train.size());
            result.put("held_out_digits", held.size());
            result.put("steps", training.steps());
            result.put("batch", training.batchSize());
            result.put("final_loss", last[0]);
            result.put("train_seconds", trainSeconds);
            result.put("wall_seconds", (System.nanoTime() - t0) / 1e9);
            result.put("threads", threads);
            result.put("classifier", out.toAbsolutePath().toString());
            System.out.println(MnistArgs.resultLine(result));
        }
    }
}
