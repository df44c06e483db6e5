package dev.bellman.control.qlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.nn.Parameter;
import dev.bellman.control.nn.ParameterSnapshot;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;
import java.util.List;

/**
 * The advantage rate of a {@link Structure.Form#LINEAR_QUADRATIC} task: a quadratic in the action with a centre
 * linear in the state and no bias, and a constant curvature,
 *
 * <pre>  q_ψ(x, a) = −c ‖Lᵀ((a − ν(x̃)) ⊘ s)‖²,   ν(x̃) = (x̃W) ⊙ s,   a_ω = ν</pre>
 *
 * (W (d, m), L (m, m) lower triangular with a positive diagonal e^{ℓᵢᵢ}, s the exploration scale, c the reward
 * scale). It contains the exact advantage rate of the discretised LQR, −½(a + Kx)ᵀR̃(a + Kx) with
 * K = −(W ⊙ s)ᵀ/σ and R̃ = 2cLLᵀ/s² (DiscretisedLqr; checked in TemporalDifferenceTest), and nothing
 * else: no offset, so a_ω(0) = 0, and no state dependence of the curvature. As with {@link QuadraticAdvantage},
 * the actor is the exact maximiser, so max_a q_ψ = 0 by construction.
 *
 * <p>Shapes: x̃ (B, d) states scaled without centring, a (B, m).
 */
final class LinearQuadraticAdvantage implements AdvantageModel {
    private final int m;
    private final NDManager manager;
    private final NDArray gain; // W (d, m)
    private final NDArray curvature; // ℓ (1, m(m+1)/2): diagonal logs, then the strict lower triangle by rows
    private final NDArray scale; // s (m)
    private final NDArray inverseScale; // 1/s (m)
    private final NDArray diagonalMap; // (m, m·m)
    private final NDArray lowerMap; // (m(m−1)/2, m·m) or null
    private double rewardScale = 1.0;

    LinearQuadraticAdvantage(int d, int m, double[] s, DataType type, NDManager parent) {
        this.m = m;
        this.manager = parent.newSubManager();
        int tri = m * (m + 1) / 2;
        this.gain = manager.zeros(new Shape(d, m), type);
        this.curvature = manager.zeros(new Shape(1, tri), type);
        gain.setRequiresGradient(true);
        curvature.setRequiresGradient(true);
        double[] inv = new double[m];
        for (int i = 0; i < m; i++) {
            inv[i] = 1 / s[i];
        }
        this.scale = manager.create(s).toType(type, false);
        this.inverseScale = manager.create(inv).toType(type, false);
        double[] dm = new double[m * m * m];
        for (int i = 0; i < m; i++) {
            dm[i * m * m + i * m + i] = 1;
        }
        this.diagonalMap = manager.create(dm, new Shape(m, (long) m * m)).toType(type, false);
        if (m > 1) {
            int low = m * (m - 1) / 2;
            double[] lm = new double[low * m * m];
            int k = 0;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < i; j++) {
                    lm[k * m * m + i * m + j] = 1;
                    k++;
                }
            }
            this.lowerMap = manager.create(lm, new Shape(low, (long) m * m)).toType(type, false);
            NDScope.unregister(lowerMap);
        } else {
            this.lowerMap = null;
        }
        NDScope.unregister(gain, curvature, scale, inverseScale, diagonalMap);
    }

    @Override
    public void setRewardScale(double c) {
        this.rewardScale = c;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("gain", gain), new Parameter("curvature", curvature));
    }

    /** ν = (x̃W) ⊙ s (B, m); x̃ first so the result lives in the caller's (step) manager. */
    @Override
    public NDArray actor(NDArray xn) {
        return xn.matMul(gain).mul(scale);
    }

    @Override
    public NDArray explore(NDArray xn, NDArray noise) {
        return actor(xn).add(noise);
    }

    /** L (m, m). */
    private NDArray cholesky(NDArray like) {
        NDArray raw = like.getManager().zeros(new Shape(1), like.getDataType()).add(curvature); // in the step's manager
        NDArray diag = m == 1 ? raw : raw.get(":, 0:" + m);
        NDArray flat = diag.exp().matMul(diagonalMap);
        if (lowerMap != null) {
            flat = flat.add(raw.get(":, " + m + ":").matMul(lowerMap));
        }
        return flat.reshape(m, m);
    }

    @Override
    public NDArray advantageRate(NDArray xn, NDArray a) {
        NDArray u = a.sub(actor(xn)).mul(inverseScale);
        return Scalars.mul(u.matMul(cholesky(u)).square().sum(new int[] {1}, true), -rewardScale);
    }

    /** W (m, d), the centre's gain: ν = Wx̃. */
    double[][] centreGain() {
        double[] g = ParameterSnapshot.toDoubles(gain);
        double[] sc = ParameterSnapshot.toDoubles(scale);
        int d = (int) gain.getShape().get(0);
        double[][] w = new double[m][d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < m; i++) {
                w[i][j] = g[j * m + i] * sc[i];
            }
        }
        return w;
    }

    /**
     * Sets q_ψ = −½(a − Wx̃)ᵀM(a − Wx̃).
     *
     * @param w the centre's gain (m, d)
     * @param mm M (m, m), symmetric positive definite
     * @throws MathIllegalArgumentException when M is not positive definite
     */
    void set(RealMatrix w, RealMatrix mm) {
        double[] sc = ParameterSnapshot.toDoubles(scale);
        int d = w.getColumnDimension();
        // c‖LᵀD⁻¹(a − ν)‖² = ½(a − ν)ᵀM(a − ν)  ⇔  LLᵀ = DMD/(2c)
        RealMatrix dmd = new Array2DRowRealMatrix(m, m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                dmd.setEntry(i, j, sc[i] * 0.5 * (mm.getEntry(i, j) + mm.getEntry(j, i)) * sc[j] / (2 * rewardScale));
            }
        }
        RealMatrix l = new CholeskyDecomposition(dmd, 1e-10, 1e-300).getL();
        double[] g = new double[d * m];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < m; i++) {
                g[j * m + i] = w.getEntry(i, j) / sc[i];
            }
        }
        double[] raw = new double[m * (m + 1) / 2];
        for (int i = 0; i < m; i++) {
            raw[i] = Math.log(l.getEntry(i, i));
        }
        int k = m;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < i; j++) {
                raw[k++] = l.getEntry(i, j);
            }
        }
        try (GradMode off = GradMode.disabled()) {
            ParameterSnapshot.assign(gain, g);
            ParameterSnapshot.assign(curvature, raw);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
