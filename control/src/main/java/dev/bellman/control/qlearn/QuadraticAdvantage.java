package dev.bellman.control.qlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.nn.Mlp;
import dev.bellman.control.nn.MlpConfig;
import dev.bellman.control.nn.Parameter;
import java.util.List;

/**
 * The advantage rate q_ψ(x, a) := q̃(x, a) − q̃(x, a_ω(x)) of DESIGN.md §1.2 (Jia &amp; Zhou, JMLR 2023) with
 * a q̃ quadratic in the action (normalized advantage functions, Gu, Lillicrap, Sutskever &amp; Levine, ICML 2016):
 *
 * <pre>  q̃(x, a) = −c ‖L(x)ᵀ((u(a) − ν(x)) ⊘ s)‖²,   a_ω(x) := u⁻¹(ν(x))</pre>
 *
 * in the task's declared {@link ActionCoordinates} u (u = a, or log a for a positive scale), with the centre
 * ν(x) from one network N (the action space's transform T of its outputs for linear coordinates, the raw
 * outputs for log ones), L(x) (m, m) lower triangular with diagonal e^{N_L(x)ᵢᵢ} (so M = LLᵀ is positive
 * definite), s the exploration scale (in u units, fixed at construction) and c the reward scale. The actor
 * is the exact maximiser of q̃, so "the actor ascends q̃(x, a_ω(x))" holds at every parameter value, and
 * q̃(x, a_ω(x)) = 0 (to the rounding of log e^ν). Hence q_ψ = q̃, max_a q_ψ = q_ψ(x, a_ω(x)) = 0 by
 * construction, and the subtraction is not computed. Merton's advantage is exactly quadratic in π and, in
 * log k, symmetric (−(cosh(log k − log k*) − 1) up to a factor): a quadratic in log k has an unbiased centre.
 *
 * <p>Shapes: x̃ (B, d) normalised states, a (B, m), outputs (B, m) and (B, 1).
 */
final class QuadraticAdvantage implements AdvantageModel {
    private final Mlp net;
    private final ActionCoordinates coordinates;
    private final int m;
    private final NDArray inverseScale; // (m) 1/s
    private final NDArray offset; // (m) added to the centre in u
    private final NDArray diagonalMap; // (m, m·m)
    private final NDArray lowerMap; // (m(m−1)/2, m·m) or null
    private double rewardScale = 1.0;

    /** @param offset added to the centre in u coordinates (the initial action's log coordinates; 0 elsewhere) */
    QuadraticAdvantage(int d, ActionCoordinates coordinates, int m, double[] scale, double[] offset, MlpConfig base, NDManager manager) {
        this.coordinates = coordinates;
        this.m = m;
        int tri = m * (m + 1) / 2;
        // One trunk for μ and L (outputs m + m(m+1)/2): half the optimizer and averaging work of two networks.
        this.net = new Mlp(new MlpConfig(d, base.hidden(), m + tri, base.activation(), base.init(), true, base.precision(),
                base.seed() + 11), manager);
        DataType type = base.precision().dataType();
        NDManager pm = net.manager();
        double[] inv = new double[m];
        for (int i = 0; i < m; i++) {
            inv[i] = 1.0 / scale[i];
        }
        this.inverseScale = pm.create(inv).toType(type, false);
        this.offset = pm.create(offset).toType(type, false);
        NDScope.unregister(this.offset);
        double[] dm = new double[m * m * m];
        for (int i = 0; i < m; i++) {
            dm[i * m * m + i * m + i] = 1;
        }
        this.diagonalMap = pm.create(dm, new Shape(m, (long) m * m)).toType(type, false);
        if (m > 1) {
            int lowCount = m * (m - 1) / 2;
            double[] lm = new double[lowCount * m * m];
            int k = 0;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < i; j++) {
                    lm[k * m * m + i * m + j] = 1;
                    k++;
                }
            }
            this.lowerMap = pm.create(lm, new Shape(lowCount, (long) m * m)).toType(type, false);
        } else {
            this.lowerMap = null;
        }
        NDScope.unregister(inverseScale, diagonalMap);
        if (lowerMap != null) {
            NDScope.unregister(lowerMap);
        }
    }

    @Override
    public void setRewardScale(double c) {
        this.rewardScale = c;
    }

    @Override
    public List<Parameter> parameters() {
        return net.parameters();
    }

    /** a_ω(x) = u⁻¹(ν(x)) (B, m). */
    @Override
    public NDArray actor(NDArray xn) {
        return coordinates.fromCoordinates(centre(net.forward(xn)));
    }

    @Override
    public NDArray explore(NDArray xn, NDArray noise) {
        return coordinates.clip(coordinates.fromCoordinates(centre(net.forward(xn)).add(noise)));
    }

    /** ν (B, m) in u coordinates. */
    private NDArray centre(NDArray out) {
        return coordinates.centre(out.get(new NDIndex(":, 0:{}", m))).add(offset);
    }

    /** L (B, m, m) from the network's outputs: lower triangular with a positive diagonal. */
    private NDArray cholesky(NDArray out) {
        NDArray raw = out.get(new NDIndex(":, {}:", m));
        long b = raw.getShape().get(0);
        NDArray diag = m == 1 ? raw : raw.get(new NDIndex(":, 0:{}", m));
        NDArray flat = diag.exp().matMul(diagonalMap);
        if (lowerMap != null) {
            flat = flat.add(raw.get(new NDIndex(":, {}:", m)).matMul(lowerMap));
        }
        return flat.reshape(b, m, m);
    }

    /** q_ψ(x, a) = q̃(x, a) − q̃(x, a_ω(x)) = q̃(x, a) (B, 1); ≤ 0, and 0 at a = a_ω(x). */
    @Override
    public NDArray advantageRate(NDArray xn, NDArray a) {
        NDArray out = net.forward(xn);
        NDArray u = coordinates.toCoordinates(a).sub(centre(out)).mul(inverseScale);
        NDArray w = u.expandDims(1).matMul(cholesky(out)); // (B, 1, m) = (Lᵀu)ᵀ
        return Scalars.mul(w.square().sum(new int[] {1, 2}).expandDims(1), -rewardScale);
    }

    @Override
    public void close() {
        net.close();
    }
}
