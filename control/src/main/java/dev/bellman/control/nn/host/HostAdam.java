package dev.bellman.control.nn.host;

import dev.bellman.control.optim.AdamConfig;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Adam (Kingma &amp; Ba 2015) with decoupled weight decay (Loshchilov &amp; Hutter 2019) and global-norm
 * clipping over float32 arrays on the JVM: the same update as the core
 * {@link dev.bellman.control.optim.Adam} (and libtorch's fused kernel it calls),
 * θ ← θ − lr·λθ − lr·m̂/(√v̂ + ε) with m̂ = m/(1 − β₁ᵏ), v̂ = v/(1 − β₂ᵏ), for parameters held by
 * {@link HostBackprop}. Plus the EMA of the weights, θ̄ ← δθ̄ + (1 − δ)θ, as
 * {@link dev.bellman.control.optim.Ema} keeps it.
 */
public final class HostAdam {
    private final AdamConfig config;
    private final float[][] m;
    private final float[][] v;
    private long step;

    /** Zero moments shaped as {@code params}. */
    public HostAdam(AdamConfig config, float[][] params) {
        this.config = config;
        this.m = new float[params.length][];
        this.v = new float[params.length][];
        for (int i = 0; i < params.length; i++) {
            m[i] = new float[params[i].length];
            v[i] = new float[params[i].length];
        }
    }

    public AdamConfig config() {
        return config;
    }

    /** The first moments (live). */
    public float[][] firstMoment() {
        return m;
    }

    /** The second moments (live). */
    public float[][] secondMoment() {
        return v;
    }

    /** Steps taken. */
    public long stepCount() {
        return step;
    }

    /** Sets the step count (restoring a checkpoint, with the moments loaded into the live arrays). */
    public void setStepCount(long k) {
        if (k < 0) {
            throw new IllegalArgumentException("step count must be ≥ 0, got " + k);
        }
        step = k;
    }

    /**
     * One update of {@code params} from {@code grads} (array lengths multiples of the vector length);
     * returns the gradients' global L2 norm before clipping (NaN when clipping is off).
     */
    public double step(float[][] params, float[][] grads) {
        step++;
        double lr = config.schedule().at(step);
        double b1 = config.beta1();
        double b2 = config.beta2();
        double bc1 = 1 - Math.pow(b1, step);
        double bc2 = 1 - Math.pow(b2, step);
        double norm = Double.NaN;
        double rescale = 1.0;
        if (config.clipNorm() > 0) {
            double sq = 0;
            for (float[] g : grads) {
                sq += sumOfSquares(g);
            }
            norm = Math.sqrt(sq);
            if (norm > config.clipNorm()) {
                rescale = config.clipNorm() / (norm + 1e-6);
            }
        }
        // As the fused kernel: step size lr·√bc2/bc1 and ε·√bc2, so that m/(√v + ε√bc2)·lr√bc2/bc1 = lr·m̂/(√v̂ + ε).
        double sb2 = Math.sqrt(bc2);
        float stepSize = (float) (lr * sb2 / bc1);
        float eps = (float) (config.epsilon() * sb2);
        float decay = (float) (lr * config.weightDecay());
        for (int i = 0; i < params.length; i++) {
            update(params[i], grads[i], m[i], v[i], (float) rescale, (float) b1, (float) b2, stepSize, eps, decay);
        }
        return norm;
    }

    private static double sumOfSquares(float[] g) {
        var s = DenseKernel.SPECIES;
        FloatVector acc = FloatVector.zero(s);
        double total = 0;
        int i = 0;
        for (; i < g.length; i += s.length()) {
            FloatVector x = FloatVector.fromArray(s, g, i);
            acc = x.fma(x, acc);
            if ((i / s.length()) % 256 == 255) { // widen to double every 256 vectors
                total += DenseKernel.sumLanes(acc);
                acc = FloatVector.zero(s);
            }
        }
        return total + DenseKernel.sumLanes(acc);
    }

    private static void update(float[] theta, float[] g, float[] m, float[] v, float rescale, float b1, float b2, float stepSize,
            float eps, float decay) {
        var s = DenseKernel.SPECIES;
        for (int i = 0; i < theta.length; i += s.length()) {
            FloatVector gi = FloatVector.fromArray(s, g, i).mul(rescale);
            FloatVector mi = FloatVector.fromArray(s, m, i).mul(b1).add(gi.mul(1 - b1));
            FloatVector vi = FloatVector.fromArray(s, v, i).mul(b2).add(gi.mul(gi).mul(1 - b2));
            FloatVector th = FloatVector.fromArray(s, theta, i);
            th = th.sub(th.mul(decay));
            th = th.sub(mi.mul(stepSize).div(vi.lanewise(VectorOperators.SQRT).add(eps)));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            th.intoArray(theta, i);
        }
    }

    /** θ̄ ← δθ̄ + (1 − δ)θ over every array. */
    public static void ema(float[][] shadow, float[][] params, double decay) {
        var s = DenseKernel.SPECIES;
        float d = (float) decay;
        float e = (float) (1 - decay);
        for (int a = 0; a < shadow.length; a++) {
            float[] sh = shadow[a];
            float[] th = params[a];
            for (int i = 0; i < sh.length; i += s.length()) {
                FloatVector.fromArray(s, sh, i).mul(d).add(FloatVector.fromArray(s, th, i).mul(e)).intoArray(sh, i);
            }
        }
    }
}
