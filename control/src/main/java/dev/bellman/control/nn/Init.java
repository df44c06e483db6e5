package dev.bellman.control.nn;

/** Weight initialisation: Gaussian with variance scaled to the layer's fan (biases start at zero). */
public enum Init {
    /** Glorot & Bengio 2010: std = √(2 / (fan_in + fan_out)); the usual choice for tanh. */
    XAVIER,
    /** He et al. 2015: std = √(2 / fan_in); for ReLU-like activations (SiLU, softplus). */
    HE;

    /** The standard deviation for a layer with these fans. */
    public double std(int fanIn, int fanOut) {
        return switch (this) {
            case XAVIER -> Math.sqrt(2.0 / (fanIn + fanOut));
            case HE -> Math.sqrt(2.0 / fanIn);
        };
    }
}
