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
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * The advantage rate of a {@link Structure.Form#HOMOGENEOUS} task of degree p: a constant actor and a quadratic in
 * the declared action coordinates u ({@link ActionCoordinates}) scaled by x̃^p,
 *
 * <pre>  q_ψ(x, a) = −c x̃^p ‖Lᵀ((u(a) − ν) ⊘ s)‖²,   a_ω = u⁻¹(ν)</pre>
 *
 * (x̃^p replaced by 1 for p = 0; ν (m) constant, L lower triangular with a positive diagonal, s the exploration
 * scale, c the reward scale). For Merton (p = 1 − γ, u = (π, log k)) the true advantage rate is x^p times an exact
 * quadratic in π plus −c'(cosh(log k − log k*) − 1): symmetric about the optimum in every coordinate, so the
 * least-squares centre under symmetric exploration is unbiased. max_a q_ψ = 0 at a_ω by construction.
 *
 * <p>Shapes: x̃ (B, 1) positive scaled states, a (B, m).
 */
final class HomogeneousAdvantage implements AdvantageModel {
    private final double p;
    private final int m;
    private final ActionCoordinates coordinates;
    private final NDManager manager;
    private final NDArray centre; // ν (1, m)
    private final NDArray cholesky; // L (m, m)
    private final double[] scale;
    private double rewardScale = 1.0;

    /** @param initial the starting centre ν (m) in u coordinates */
    HomogeneousAdvantage(double degree, int m, ActionCoordinates coordinates, double[] scale, double[] initial, DataType type,
            NDManager parent) {
        this.p = degree;
        this.m = m;
        this.coordinates = coordinates;
        this.scale = scale.clone();
        this.manager = parent.newSubManager();
        this.centre = manager.create(initial, new Shape(1, m)).toType(type, false);
        double[] eye = new double[m * m];
        for (int i = 0; i < m; i++) {
            eye[i * m + i] = 1;
        }
        this.cholesky = manager.create(eye, new Shape(m, m)).toType(type, false);
        NDScope.unregister(centre, cholesky);
    }

    @Override
    public void setRewardScale(double c) {
        this.rewardScale = c;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("centre", centre), new Parameter("cholesky", cholesky));
    }

    /** s (m), the exploration scale in u coordinates. */
    double[] explorationScale() {
        return scale.clone();
    }

    /** ν (m) in u coordinates. */
    double[] centre() {
        return ParameterSnapshot.toDoubles(centre);
    }

    private NDArray centreRows(NDArray xn) {
        return xn.getManager().zeros(new Shape(xn.getShape().get(0), m), xn.getDataType()).add(centre);
    }

    @Override
    public NDArray actor(NDArray xn) {
        return coordinates.fromCoordinates(centreRows(xn));
    }

    @Override
    public NDArray explore(NDArray xn, NDArray noise) {
        return coordinates.clip(coordinates.fromCoordinates(centreRows(xn).add(noise)));
    }

    @Override
    public NDArray advantageRate(NDArray xn, NDArray a) {
        NDManager sm = xn.getManager();
        double[] inv = new double[m];
        for (int i = 0; i < m; i++) {
            inv[i] = 1 / scale[i];
        }
        NDArray u = coordinates.toCoordinates(a).sub(centre).mul(sm.create(inv).toType(a.getDataType(), false));
        NDArray q = Scalars.mul(u.matMul(cholesky).square().sum(new int[] {1}, true), -rewardScale);
        return p == 0 ? q : q.mul(Scalars.pow(xn, p));
    }

    /**
     * Sets q_ψ = −½x̃^p(u − ν)ᵀM(u − ν).
     *
     * @throws org.hipparchus.exception.MathIllegalArgumentException when M is not positive definite
     */
    void set(double[] nu, RealMatrix mm) {
        RealMatrix dmd = new Array2DRowRealMatrix(m, m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                dmd.setEntry(i, j, scale[i] * 0.5 * (mm.getEntry(i, j) + mm.getEntry(j, i)) * scale[j] / (2 * rewardScale));
            }
        }
        RealMatrix l = new CholeskyDecomposition(dmd, 1e-10, 1e-300).getL();
        double[] flat = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                flat[i * m + j] = l.getEntry(i, j);
            }
        }
        try (GradMode off = GradMode.disabled()) {
            ParameterSnapshot.assign(centre, nu);
            ParameterSnapshot.assign(cholesky, flat);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
