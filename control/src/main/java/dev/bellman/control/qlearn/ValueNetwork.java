package dev.bellman.control.qlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.nn.Mlp;
import dev.bellman.control.nn.MlpConfig;
import dev.bellman.control.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * V_φ(x) = e^λ N_φ(x̃) (B, 1) on normalised states x̃ (B, d), with a learnable log-scale λ. Why the scale:
 * values differ by orders of magnitude between tasks and between the first policy and the optimal one
 * (Merton's reference value is −437/x), and a log-scale moves there in a few hundred Adam steps where
 * the output layer's weights would need tens of thousands (in the spirit of PopArt, van Hasselt et al. 2016).
 */
final class ValueNetwork implements AutoCloseable {
    private final Mlp net;
    private final NDArray logScale;

    ValueNetwork(MlpConfig config, double initialScale, NDManager manager) {
        this.net = new Mlp(config, manager);
        this.logScale = net.manager().create(new double[] {Math.log(initialScale)}, new Shape(1))
                .toType(config.precision().dataType(), false);
        logScale.setRequiresGradient(true);
        NDScope.unregister(logScale);
    }

    List<Parameter> parameters() {
        List<Parameter> p = new ArrayList<>(net.parameters());
        p.add(new Parameter("logScale", logScale));
        return p;
    }

    Mlp network() {
        return net;
    }

    /** e^λ. */
    double scale() {
        return Math.exp(logScale.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble());
    }

    NDArray forward(NDArray xn) {
        return net.forward(xn).mul(logScale.exp());
    }

    @Override
    public void close() {
        net.close();
    }
}
