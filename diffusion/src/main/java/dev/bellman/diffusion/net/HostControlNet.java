package dev.bellman.diffusion.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.HostVectorField;
import dev.bellman.control.field.VectorField;
import dev.bellman.control.nn.host.HostMlp;
import java.util.Optional;

/**
 * A {@link ControlNet} frozen for sampling ({@link ControlNet#frozen()}): u_θ(t_f, x) evaluated by the
 * host kernels on a float32 copy of the weights. x (B, D) float32 on the CPU, t (1, 1) one shared
 * FORWARD time; the time features enter once per call as the first layer's bias,
 * c = [sin, cos](2πW t)·W₀[D:] + b₀ (accumulated in double), and each row pays only for x·W₀[:D].
 * Anything else (per-row times, other types, a GPU) and the divergence go to the live network, whose
 * weights a sampler run does not change.
 */
final class HostControlNet implements VectorField {
    private final ControlNet net;
    private final HostMlp mlp;
    private final int dim;
    private final int width; // w₁
    private final float[] featureWeights; // W₀[D:] (F, w₁) row-major
    private final float[] bias; // b₀ (w₁)

    HostControlNet(ControlNet net) {
        this.net = net;
        this.mlp = HostMlp.pack(net.mlp());
        this.dim = net.dim();
        float[] w0 = mlp.firstWeights();
        this.width = w0.length / mlp.inputDim();
        this.featureWeights = java.util.Arrays.copyOfRange(w0, dim * width, w0.length);
        this.bias = mlp.firstBias();
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public boolean broadcastsTime() {
        return true;
    }

    @Override
    public NDArray value(NDArray t, NDArray x) {
        Shape xs = x.getShape();
        boolean shared = t.getShape().equals(new Shape(1, 1));
        if (!shared || x.getDataType() != DataType.FLOAT32 || xs.dimension() != 2 || xs.get(1) != dim
                || !x.getDevice().getDeviceType().equals(ai.djl.Device.Type.CPU)) {
            return net.value(t, x);
        }
        int rows = (int) xs.get(0);
        float[] out = new float[rows * dim];
        mlp.forward(x.toFloatArray(), rows, dim, timeBias(t.getDataType() == DataType.FLOAT64 ? t.getDouble() : t.getFloat()), out, BellmanEngine.current().config().threads());
        return x.getManager().create(out, xs);
    }

    /** c = [sin(2πW t), cos(2πW t)]·W₀[D:] + b₀ (w₁), the features from the net's own {@link FourierFeatures#at}. */
    private float[] timeBias(double t) {
        double[] features = net.features().at(t);
        double[] c = new double[width];
        for (int j = 0; j < width; j++) {
            c[j] = bias[j];
        }
        for (int f = 0; f < features.length; f++) {
            int row = f * width;
            for (int j = 0; j < width; j++) {
                c[j] += features[f] * featureWeights[row + j];
            }
        }
        float[] cf = new float[width];
        for (int j = 0; j < width; j++) {
            cf[j] = (float) c[j];
        }
        return cf;
    }

    /**
     * u_θ on float64 host arrays for rollouts that run on the JVM: each row range is rounded to float32,
     * run through the same kernels on the calling thread and widened back, so the values are exactly
     * those of {@link #value} on the float32 rows.
     */
    @Override
    public Optional<HostVectorField> onHost() {
        return Optional.of(new HostVectorField() {
            @Override
            public int dim() {
                return dim;
            }

            @Override
            public Slice at(double t) {
                float[] c = timeBias(t);
                return (x, out, from, to) -> {
                    int n = (to - from) * dim;
                    float[] in = new float[n];
                    for (int i = 0; i < n; i++) {
                        in[i] = (float) x[from * dim + i];
                    }
                    float[] o = new float[n];
                    mlp.forward(in, to - from, dim, c, o, 1);
                    for (int i = 0; i < n; i++) {
                        out[from * dim + i] = o[i];
                    }
                };
            }
        });
    }

    @Override
    public NDArray divergence(NDArray t, NDArray x, DivergenceMode mode) {
        return net.divergence(t, x, mode);
    }
}
