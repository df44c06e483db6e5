package dev.bellman.benchmarks.mnist;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.nn.Parameter;
import dev.bellman.control.nn.ParameterSnapshot;
import dev.bellman.control.optim.Adam;
import dev.bellman.control.optim.AdamConfig;
import dev.bellman.control.run.AtomicFiles;
import dev.bellman.data.HostArrays;
import dev.bellman.data.dataset.Batcher;
import dev.bellman.data.dataset.Dataset;
import dev.bellman.data.dataset.ImageDataset;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;

/**
 * The evaluation classifier of the image benchmark: a small CNN on 1 × 28 × 28 digits in [−1, 1]
 * (the model space of {@link dev.bellman.data.dataset.PixelScaling}), trained with the project's Adam
 * on the 9,000 training digits of the shared set and judged on the 1,000 held out:
 *
 * <pre>  conv 3×3 (1→16) → ReLU → max-pool 2 → conv 3×3 (16→32) → ReLU → max-pool 2 → dense 1568→128 → ReLU → dense 128→10</pre>
 *
 * float32; weights drawn from a seed (He initialisation); saved as a
 * {@link ParameterSnapshot} written atomically. Shapes: images (N, 784) flat or (N, 1, 28, 28).
 */
public final class DigitClassifier implements AutoCloseable {
    public static final int CLASSES = 10;
    public static final int SIDE = 28;
    private static final int PIXELS = SIDE * SIDE;
    private static final Shape ONE = new Shape(1, 1);
    private static final Shape PAD = new Shape(1, 1);
    private static final Shape POOL = new Shape(2, 2);
    private static final Shape NO_PAD = new Shape(0, 0);
    private static final int CHUNK = 500;

    private final NDManager manager;
    private final List<Parameter> parameters = new ArrayList<>();

    /** A classifier with He-initialised weights from {@code seed}; parameters live in a sub-manager of {@code parent}. */
    public DigitClassifier(NDManager parent, long seed) {
        this.manager = parent.newSubManager();
        SplittableRandom rng = new SplittableRandom(seed);
        add("conv1.weight", new Shape(16, 1, 3, 3), Math.sqrt(2.0 / 9), rng);
        add("conv1.bias", new Shape(16), 0, rng);
        add("conv2.weight", new Shape(32, 16, 3, 3), Math.sqrt(2.0 / (16 * 9)), rng);
        add("conv2.bias", new Shape(32), 0, rng);
        add("dense1.weight", new Shape(32 * 7 * 7, 128), Math.sqrt(2.0 / (32 * 7 * 7)), rng);
        add("dense1.bias", new Shape(128), 0, rng);
        add("dense2.weight", new Shape(128, CLASSES), Math.sqrt(1.0 / 128), rng);
        add("dense2.bias", new Shape(CLASSES), 0, rng);
    }

    /** Reads a classifier saved by {@link #save}. */
    public static DigitClassifier load(Path file, NDManager parent) {
        DigitClassifier c = new DigitClassifier(parent, 0);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ParameterSnapshot.read(new DataInputStream(in)).restore(c.parameters);
        } catch (IOException e) {
            c.close();
            throw new BadInputException("cannot read the digit classifier " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Writes the weights atomically (a temporary file renamed over {@code file}). */
    public void save(Path file) throws IOException {
        ParameterSnapshot snapshot = ParameterSnapshot.capture(parameters);
        AtomicFiles.write(file, out -> snapshot.write(new DataOutputStream(out)));
    }

    public List<Parameter> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /** Logits (B, 10) of images (B, 784) or (B, 1, 28, 28). */
    public NDArray logits(NDArray images) {
        NDArray x = images.getDataType() == DataType.FLOAT32 ? images : images.toType(DataType.FLOAT32, false);
        x = x.reshape(x.getShape().get(0), 1, SIDE, SIDE);
        x = pool(conv(x, 0).getNDArrayInternal().relu());
        x = pool(conv(x, 2).getNDArrayInternal().relu());
        x = x.reshape(x.getShape().get(0), -1);
        x = x.matMul(p(4)).add(p(5)).getNDArrayInternal().relu();
        return x.matMul(p(6)).add(p(7));
    }

    /**
     * Trains on {@code data} (labelled 1 × 28 × 28 images) with Adam on cross-entropy, one scope per
     * step; {@code lossEvery} receives the batch loss of every step (reading it costs a sync; pass
     * null to skip).
     */
    public void train(ImageDataset data, ClassifierTraining training, Engine engine, DoubleConsumer lossEvery) {
        checkDigits(data);
        int[] labels = data.labels().orElseThrow(() -> new BadInputException("the classifier needs labelled digits"));
        Batcher batcher = new Batcher(data, training.batchSize(), training.seed(), false);
        Adam adam = new Adam(parameters, AdamConfig.of(training.learningRate()));
        try {
            for (long step = 0; step < training.steps(); step++) {
                try (Scope scope = Scope.open(); NDManager stepManager = manager.newSubManager()) {
                    int[] idx = batcher.indices(step);
                    int[] y = new int[idx.length];
                    for (int i = 0; i < idx.length; i++) {
                        y[i] = labels[idx[i]];
                    }
                    NDArray x = batcher.batch(stepManager, DataType.FLOAT32, step);
                    NDArray oneHot = stepManager.create(y).oneHot(CLASSES, DataType.FLOAT32);
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        NDArray loss = logits(x).logSoftmax(1).mul(oneHot).sum(new int[] {1}).mean().neg();
                        gc.backward(loss);
                        if (lossEvery != null) {
                            lossEvery.accept(loss.getFloat());
                        }
                    }
                    adam.step();
                }
            }
        } finally {
            adam.close();
        }
    }

    /** The most probable digit and its probability for each image (N, 784) or (N, 1, 28, 28), in chunks of 500. */
    public Classification classify(NDArray images) {
        long n = images.getShape().get(0);
        if (images.getShape().size() != n * PIXELS) {
            throw new IllegalArgumentException("digit images must be (N, 784) or (N, 1, 28, 28), got " + images.getShape());
        }
        int[] labels = new int[(int) n];
        double[] confidences = new double[(int) n];
        try (GradMode off = GradMode.disabled()) {
            for (long from = 0; from < n; from += CHUNK) {
                long to = Math.min(n, from + CHUNK);
                try (Scope scope = Scope.open()) {
                    NDArray p = logits(images.get(from + ":" + to)).softmax(1);
                    float[] best = p.max(new int[] {1}).toType(DataType.FLOAT32, false).toFloatArray();
                    long[] arg = p.argMax(1).toType(DataType.INT64, false).toLongArray();
                    for (int i = 0; i < best.length; i++) {
                        labels[(int) from + i] = (int) arg[i];
                        confidences[(int) from + i] = best[i];
                    }
                }
            }
        }
        return new Classification(labels, confidences);
    }

    /** Labels a whole data set (plain pixel scaling, no dequantisation noise). */
    public Classification classify(Dataset data) {
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        double[] values = new double[data.size() * data.sampleSize()];
        data.gather(all, values, null);
        try (NDManager m = manager.newSubManager()) {
            return classify(HostArrays.toNDArray(m, values, new Shape(data.size(), data.sampleSize()), DataType.FLOAT32));
        }
    }

    /** The fraction of {@code data}'s labels the classifier gets right. */
    public double accuracy(ImageDataset data) {
        int[] truth = data.labels().orElseThrow(() -> new BadInputException("accuracy needs labelled digits"));
        return classify(data).accuracy(truth);
    }

    @Override
    public void close() {
        manager.close();
    }

    private static void checkDigits(ImageDataset data) {
        if (data.channels() != 1 || data.height() != SIDE || data.width() != SIDE) {
            throw new BadInputException("the digit classifier takes 1 × 28 × 28 images, got " + data.sampleShape());
        }
    }

    private NDArray p(int i) {
        return parameters.get(i).array();
    }

    private NDArray conv(NDArray x, int weight) {
        return x.getNDArrayInternal().convolution(x, p(weight), p(weight + 1), ONE, PAD, ONE, 1).singletonOrThrow();
    }

    private static NDArray pool(NDArray x) {
        return x.getNDArrayInternal().maxPool(POOL, POOL, NO_PAD, false);
    }

    private void add(String name, Shape shape, double std, SplittableRandom rng) {
        double[] v = new double[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = std * rng.nextGaussian();
        }
        NDArray a = manager.create(v, shape).toType(DataType.FLOAT32, false);
        a.setRequiresGradient(true);
        NDScope.unregister(a);
        parameters.add(new Parameter(name, a));
    }
}
