package dev.bellman.control.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.nn.Parameter;
import dev.bellman.control.nn.ParameterSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's own Adam/AdamW on NDArray ops, updating parameters in place, with its state (step
 * count and moments) exportable so a checkpoint resumes bit for bit (DJL's Adam keeps them private:
 * DESIGN.md §3).
 *
 * <p>Update at step k (Kingma &amp; Ba 2015, Algorithm 1; decoupled decay of Loshchilov &amp; Hutter 2019):
 * <pre>
 *   g ← g · min(1, c/‖g‖)                      (global-norm clipping, if c &gt; 0)
 *   m ← β₁m + (1−β₁)g,   v ← β₂v + (1−β₂)g²
 *   θ ← θ − lr·λ·θ                              (AdamW, if λ &gt; 0)
 *   θ ← θ − lr · (m/(1−β₁ᵏ)) / (√(v/(1−β₂ᵏ)) + ε)
 * </pre>
 * The moments are created eagerly and kept out of any {@code NDScope} (a scope would otherwise close
 * state created lazily inside it); the update runs with autograd recording off, in its own scope.
 * {@link #step()} consumes the gradients: it zeroes them after the update, ready for the next backward.
 *
 * <p>Speed: float32 parameters are updated by libtorch's fused Adam kernel (one native call per
 * parameter instead of about fifteen NDArray ops; the hot path of score-matching training). It
 * computes θ ← θ − c·m/(√v + ε') with c = lr·√(1−β₂ᵏ)/(1−β₁ᵏ) and ε' = ε·√(1−β₂ᵏ), the same update
 * rearranged, with its scalars in single precision. float64 parameters keep the NDArray-op path,
 * whose scalars are exact doubles. Either way the state (m, v, k) is the same quantity and exports
 * exactly.
 */
public final class Adam {
    private final List<Parameter> parameters;
    private final AdamConfig config;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private long step;

    public Adam(List<Parameter> parameters, AdamConfig config) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("Adam needs at least one parameter");
        }
        this.parameters = List.copyOf(parameters);
        this.config = config;
        try (GradMode off = GradMode.disabled()) {
            for (Parameter p : this.parameters) {
                NDArray first = p.array().zerosLike();
                NDArray second = p.array().zerosLike();
                NDScope.unregister(first, second);
                m.add(first);
                v.add(second);
            }
        }
    }

    public AdamConfig config() {
        return config;
    }

    /** Updates done so far. */
    public long stepCount() {
        return step;
    }

    /**
     * One update from the gradients accumulated in the parameters, then zeroes them.
     *
     * @return the global gradient norm before clipping when clipping is on, else NaN (computing it
     *     costs a device sync)
     */
    public double step() {
        step++;
        double lr = config.schedule().at(step);
        double b1 = config.beta1();
        double b2 = config.beta2();
        double bc1 = 1 - Math.pow(b1, step);
        double bc2 = 1 - Math.pow(b2, step);
        double norm = Double.NaN;
        try (GradMode off = GradMode.disabled(); Scope scope = Scope.open()) {
            List<NDArray> grads = new ArrayList<>(parameters.size());
            for (Parameter p : parameters) {
                grads.add(p.array().getGradient());
            }
            if (config.clipNorm() > 0) {
                NDArray sq = null;
                for (NDArray g : grads) {
                    NDArray s = g.square().sum();
                    sq = sq == null ? s : sq.add(s);
                }
                // float32 parameters give a float32 sum: widen before reading it.
                norm = Math.sqrt(sq.toType(DataType.FLOAT64, false).getDouble());
            }
            double rescale = 1.0;
            if (config.clipNorm() > 0 && norm > config.clipNorm()) {
                rescale = config.clipNorm() / (norm + 1e-6);
            }
            for (int i = 0; i < parameters.size(); i++) {
                NDArray theta = parameters.get(i).array();
                if (theta.getDataType() == DataType.FLOAT32) {
                    // AdamW in the fused kernel decays θ by lr·λ first, as the op path does (the
                    // moments do not depend on θ, so the order is immaterial).
                    double sb2 = Math.sqrt(bc2);
                    JniUtils.adamUpdate((PtNDArray) theta, (PtNDArray) grads.get(i), (PtNDArray) m.get(i),
                            (PtNDArray) v.get(i), (float) lr, (float) (lr * sb2 / bc1), (float) config.weightDecay(),
                            (float) rescale, -1f, (float) b1, (float) b2, (float) (config.epsilon() * sb2), config.weightDecay() > 0);
                    JniUtils.zeroGrad((PtNDArray) theta);
                    continue;
                }
                NDArray g = rescale == 1.0 ? grads.get(i) : grads.get(i).mul(rescale);
                m.get(i).muli(b1).addi(g.mul(1 - b1));
                v.get(i).muli(b2).addi(g.square().muli(1 - b2));
                if (config.weightDecay() > 0) {
                    theta.subi(theta.mul(lr * config.weightDecay()));
                }
                NDArray denom = v.get(i).div(bc2).sqrt().addi(config.epsilon());
                theta.subi(m.get(i).div(bc1).muli(lr).divi(denom));
                JniUtils.zeroGrad((PtNDArray) theta);
            }
        }
        return norm;
    }

    /** A copy of the optimizer state. */
    public AdamState exportState() {
        return new AdamState(step, capture(m), capture(v));
    }

    /** Restores a state exported from an optimizer over parameters of the same names and shapes. */
    public void importState(AdamState state) {
        state.firstMoment().restore(named(m));
        state.secondMoment().restore(named(v));
        step = state.step();
    }

    private ParameterSnapshot capture(List<NDArray> arrays) {
        return ParameterSnapshot.capture(named(arrays));
    }

    private List<Parameter> named(List<NDArray> arrays) {
        List<Parameter> out = new ArrayList<>();
        for (int i = 0; i < arrays.size(); i++) {
            out.add(new Parameter(parameters.get(i).name(), arrays.get(i)));
        }
        return out;
    }

    /** Frees the moment arrays. */
    public void close() {
        m.forEach(NDArray::close);
        v.forEach(NDArray::close);
    }
}
