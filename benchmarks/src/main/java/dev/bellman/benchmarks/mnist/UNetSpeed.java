package dev.bellman.benchmarks.mnist;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.DeviceKind;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.optim.Adam;
import dev.bellman.control.optim.AdamConfig;
import dev.bellman.diffusion.net.unet.UNet;
import dev.bellman.diffusion.net.unet.UNetConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the MNIST U-Net ({@link UNetConfig#mnist}, optionally {@code --channels c}): one training step
 * (forward, mean-square loss, backward, Adam) at {@code --batch} (64) and a no-grad forward at
 * {@code --sample-batch} (200), on {@code --threads} (1) intra-op threads; prints {@code RESULT {json}}
 * with median seconds per call over {@code --reps} (5) after 2 warm-ups.
 *
 * <pre>  java -Dai.djl.offline=true -cp CLASSPATH dev.bellman.benchmarks.mnist.UNetSpeed [--batch 64] [--channels 32] [--threads 1]</pre>
 */
public final class UNetSpeed {
    private UNetSpeed() {}

    public static void main(String[] args) {
        MnistArgs a = new MnistArgs(args);
        int batch = a.integer("batch", 64);
        int sampleBatch = a.integer("sample-batch", 200);
        int threads = a.integer("threads", 1);
        int reps = a.integer("reps", 5);
        UNetConfig config = UNetConfig.mnist(0).withBaseChannels(a.integer("channels", 32));
        BellmanEngine engine = BellmanEngine.start(new EngineConfig(0, threads, Precision.FLOAT32, DeviceKind.CPU));
        try (NDManager m = engine.newManager(); UNet net = new UNet(config, m)) {
            Adam adam = new Adam(net.parameters(), AdamConfig.of(1e-4));
            List<Double> train = new ArrayList<>();
            List<Double> forward = new ArrayList<>();
            for (int r = 0; r < reps + 2; r++) {
                long t0 = System.nanoTime();
                try (Scope s = Scope.open()) {
                    NDArray t = m.randomUniform(0f, 1f, new Shape(batch, 1), DataType.FLOAT32);
                    NDArray x = m.randomNormal(0f, 1f, new Shape(batch, config.dim()), DataType.FLOAT32);
                    try (GradientCollector gc = engine.engine().newGradientCollector()) {
                        gc.backward(net.value(t, x).add(x).square().mean());
                    }
                    adam.step();
                }
                double train1 = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                try (Scope s = Scope.open(); GradMode off = GradMode.disabled()) {
                    NDArray t = m.randomUniform(0f, 1f, new Shape(sampleBatch, 1), DataType.FLOAT32);
                    NDArray x = m.randomNormal(0f, 1f, new Shape(sampleBatch, config.dim()), DataType.FLOAT32);
                    net.value(t, x).sum().getFloat();
                }
                double forward1 = (System.nanoTime() - t0) / 1e9;
                if (r >= 2) {
                    train.add(train1);
                    forward.add(forward1);
                }
            }
            adam.close();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("config", config.toString());
            result.put("parameters", net.parameterCount());
            result.put("threads", threads);
            result.put("batch", batch);
            result.put("train_step_seconds", median(train));
            result.put("train_step_spread", List.of(min(train), max(train)));
            result.put("sample_batch", sampleBatch);
            result.put("forward_seconds", median(forward));
            result.put("forward_spread", List.of(min(forward), max(forward)));
            System.out.println(MnistArgs.resultLine(result));
        }
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s[s.length / 2];
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

}
