package dev.bellman.control.nn;

import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.Precision;
import java.util.List;

/**
 * The shape and initialisation of a fully connected network R^p → R^o.
 *
 * @param inputDim p ≥ 1 (for a field: d, plus 1 when it takes t)
 * @param hidden widths of the hidden layers, at least one, each ≥ 1
 * @param outputDim o ≥ 1
 * @param activation the smooth activation of every hidden layer (the output layer is linear)
 * @param init weight initialisation
 * @param zeroLastLayer start the output layer at zero (the network starts as the zero function: a
 *     neutral control u = 0, or V = 0), which keeps early training stable
 * @param precision float32 or float64 parameters
 * @param seed the seed of the Java-side generator that draws the initial weights
 */
public record MlpConfig(int inputDim, List<Integer> hidden, int outputDim, Activation activation, Init init,
        boolean zeroLastLayer, Precision precision, long seed) {
    public MlpConfig {
        if (inputDim < 1 || outputDim < 1) {
            throw new BadInputException("an MLP needs input and output dimensions ≥ 1, got " + inputDim + " and " + outputDim);
        }
        if (hidden == null || hidden.isEmpty() || hidden.stream().anyMatch(w -> w == null || w < 1)) {
            throw new BadInputException("an MLP needs at least one hidden layer, each of width ≥ 1, got " + hidden);
        }
        if (activation == null || init == null || precision == null) {
            throw new BadInputException("activation, init and precision must be given");
        }
        hidden = List.copyOf(hidden);
    }

    /** tanh, Xavier, no zero last layer: the usual value-network setup. */
    public static MlpConfig of(int inputDim, List<Integer> hidden, int outputDim, Precision precision, long seed) {
        return new MlpConfig(inputDim, hidden, outputDim, Activation.TANH, Init.XAVIER, false, precision, seed);
    }

    public MlpConfig withActivation(Activation a) {
        return new MlpConfig(inputDim, hidden, outputDim, a, init, zeroLastLayer, precision, seed);
    }

    public MlpConfig withInit(Init i) {
        return new MlpConfig(inputDim, hidden, outputDim, activation, i, zeroLastLayer, precision, seed);
    }

    public MlpConfig withZeroLastLayer(boolean zero) {
        return new MlpConfig(inputDim, hidden, outputDim, activation, init, zero, precision, seed);
    }

    public MlpConfig withSeed(long s) {
        return new MlpConfig(inputDim, hidden, outputDim, activation, init, zeroLastLayer, precision, s);
    }
}
