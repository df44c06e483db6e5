package dev.bellman.control.qlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.nn.Activation;
import dev.bellman.control.nn.Mlp;
import dev.bellman.control.nn.MlpConfig;
import dev.bellman.control.nn.MlpScalarField;
import dev.bellman.control.nn.Parameter;
import dev.bellman.control.nn.ParameterSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * V_φ(x) = e^λ N_φ(x̃) (B, 1) on normalised states x̃ (B, d), a tanh MLP with a learnable log-scale λ, for tasks
 * that declare no structure. Why the scale: values differ by orders of magnitude between tasks and between the
 * first policy and the optimal one (Merton's reference value is −437/x), and a log-scale moves there in a few
 * hundred Adam steps where the output layer's weights would need tens of thousands (in the spirit of PopArt,
 * van Hasselt et al. 2016). The head (the output layer) is linear in the last hidden layer h(x̃):
 * V = e^λ(hW + b), so φ = [h, 1] and θ = e^λ[W; b].
 */
final class ValueNetwork implements ValueModel {
    private final Mlp net;
    private final NDArray logScale;
    private final MlpScalarField field;
    private final int hiddenLayers;

    ValueNetwork(MlpConfig config, double initialScale, NDManager manager) {
        if (config.activation() != Activation.TANH) {
            throw new IllegalArgumentException("the value network's features are tanh layers");
        }
        this.net = new Mlp(config, manager);
        this.logScale = net.manager().create(new double[] {Math.log(initialScale)}, new Shape(1))
                .toType(config.precision().dataType(), false);
        logScale.setRequiresGradient(true);
        NDScope.unregister(logScale);
        this.field = new MlpScalarField(net, config.inputDim(), false);
        this.hiddenLayers = config.hidden().size();
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> p = new ArrayList<>(net.parameters());
        p.add(new Parameter("logScale", logScale));
        return p;
    }

    @Override
    public List<Parameter> trainable() {
        return parameters();
    }

    Mlp network() {
        return net;
    }

    /** e^λ. */
    double scale() {
        return Math.exp(logScale.toType(DataType.FLOAT64, false).getDouble());
    }

    @Override
    public NDArray forward(NDArray xn) {
        return net.forward(xn).mul(logScale.exp());
    }

    /** [h(x̃), 1]: the last hidden layer (tanh), then a column of ones. */
    @Override
    public NDArray features(NDArray xn) {
        List<Parameter> p = net.parameters();
        NDArray h = xn;
        for (int l = 0; l < hiddenLayers; l++) {
            h = h.matMul(p.get(2 * l).array()).add(p.get(2 * l + 1).array()).tanh();
        }
        return NDArrays.concat(new NDList(h, xn.getManager().ones(new Shape(h.getShape().get(0), 1), h.getDataType())), 1);
    }

    @Override
    public void setHead(double[] theta) {
        List<Parameter> p = net.parameters();
        int width = theta.length - 1;
        double s = scale();
        double[] w = new double[width];
        for (int i = 0; i < width; i++) {
            w[i] = theta[i] / s;
        }
        try (GradMode off = GradMode.disabled(); Scope scope = Scope.open()) {
            ParameterSnapshot.assign(p.get(2 * hiddenLayers).array(), w);
            ParameterSnapshot.assign(p.get(2 * hiddenLayers + 1).array(), new double[] {theta[width] / s});
        }
    }

    @Override
    public double[] head() {
        List<Parameter> p = net.parameters();
        double[] w = ParameterSnapshot.toDoubles(p.get(2 * hiddenLayers).array());
        double[] b = ParameterSnapshot.toDoubles(p.get(2 * hiddenLayers + 1).array());
        double s = scale();
        double[] theta = new double[w.length + 1];
        for (int i = 0; i < w.length; i++) {
            theta[i] = w[i] * s;
        }
        theta[w.length] = b[0] * s;
        return theta;
    }

    @Override
    public NDArray gradient(NDArray xn) {
        return Scalars.mul(field.gradient(time(xn), xn), scale());
    }

    @Override
    public NDArray hessian(NDArray xn) {
        return Scalars.mul(field.hessian(time(xn), xn), scale());
    }

    private static NDArray time(NDArray xn) {
        return xn.getManager().zeros(new Shape(xn.getShape().get(0), 1), xn.getDataType());
    }

    @Override
    public void close() {
        net.close();
    }
}
