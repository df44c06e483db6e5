package dev.bellman.control.qlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.reference.LqrParameters;
import java.util.HashMap;
import java.util.Map;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RectangularCholeskyDecomposition;

/**
 * The exact one-step law of dX = (AX + Ba)dt + D dW with a held over Δt:
 * x' = Fx + Ga + w, w ~ N(0, W), F = e^{AΔt}, G = ∫₀^Δt e^{As}ds B (the top-right block of
 * exp([[A, B], [0, 0]]Δt)), W = ∫₀^Δt e^{As}DDᵀe^{Aᵀs}ds by Van Loan (IEEE TAC 23, 1978):
 * exp([[−A, DDᵀ], [0, Aᵀ]]Δt) = [[·, M₁₂], [0, M₂₂]], F = M₂₂ᵀ, W = M₂₂ᵀM₁₂. Noise enters as w = zLᵀ
 * with LLᵀ = W (a rectangular Cholesky root, so a singular W is fine). The matrices are cached per Δt.
 * Shapes: x (B, d), a (B, m), z (B, d) (the root is d × rank, padded with zero columns to d × d).
 */
final class LinearGaussianStep {
    private final RealMatrix a;
    private final RealMatrix b;
    private final RealMatrix ddt;
    private final Map<Double, double[][][]> cache = new HashMap<>();

    LinearGaussianStep(LqrParameters p) {
        this.a = MatrixUtils.createRealMatrix(p.A());
        this.b = MatrixUtils.createRealMatrix(p.B());
        RealMatrix d = MatrixUtils.createRealMatrix(p.D());
        this.ddt = d.multiply(d.transpose());
    }

    /** x' (B, d) from x (B, d), a (B, m) and standard normal z (B, d). */
    NDArray next(NDArray x, NDArray act, NDArray z, double dt) {
        double[][][] m = matrices(dt);
        NDManager mgr = x.getManager();
        DataType type = x.getDataType();
                return x.matMul(create(mgr, m[0], type)).add(act.matMul(create(mgr, m[1], type)))
                .add(z.matMul(create(mgr, m[2], type)));
    }

    /** [Fᵀ, Gᵀ, Lᵀ] for Δt, as (d, d), (m, d), (d, d). */
    synchronized double[][][] matrices(double dt) {
        return cache.computeIfAbsent(dt, this::compute);
    }

    /** F, G, W for Δt (exposed for tests). */
    RealMatrix[] fgw(double dt) {
        int n = a.getRowDimension();
        int mm = b.getColumnDimension();
        RealMatrix block = new Array2DRowRealMatrix(n + mm, n + mm);
        block.setSubMatrix(a.scalarMultiply(dt).getData(), 0, 0);
        block.setSubMatrix(b.scalarMultiply(dt).getData(), 0, n);
        RealMatrix e = MatrixUtils.matrixExponential(block);
        RealMatrix f = e.getSubMatrix(0, n - 1, 0, n - 1);
        RealMatrix g = e.getSubMatrix(0, n - 1, n, n + mm - 1);
        RealMatrix vl = new Array2DRowRealMatrix(2 * n, 2 * n);
        vl.setSubMatrix(a.scalarMultiply(-dt).getData(), 0, 0);
        vl.setSubMatrix(ddt.scalarMultiply(dt).getData(), 0, n);
        vl.setSubMatrix(a.transpose().scalarMultiply(dt).getData(), n, n);
        RealMatrix ev = MatrixUtils.matrixExponential(vl);
        RealMatrix m12 = ev.getSubMatrix(0, n - 1, n, 2 * n - 1);
        RealMatrix m22 = ev.getSubMatrix(n, 2 * n - 1, n, 2 * n - 1);
        RealMatrix w = m22.transpose().multiply(m12);
        w = w.add(w.transpose()).scalarMultiply(0.5);
        return new RealMatrix[] {f, g, w};
    }

    private double[][][] compute(double dt) {
        RealMatrix[] fgw = fgw(dt);
        int n = a.getRowDimension();
        double[][] root = new double[n][n];
        RealMatrix r = new RectangularCholeskyDecomposition(fgw[2], 1e-300).getRootMatrix();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < r.getColumnDimension(); j++) {
                root[i][j] = r.getEntry(i, j);
            }
        }
        return new double[][][] {fgw[0].transpose().getData(), fgw[1].transpose().getData(),
            MatrixUtils.createRealMatrix(root).transpose().getData()};
    }

    private static NDArray create(NDManager m, double[][] v, DataType type) {
        int rows = v.length;
        int cols = v[0].length;
        double[] flat = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(v[i], 0, flat, i * cols, cols);
        }
        return m.create(flat, new Shape(rows, cols)).toType(type, false);
    }
}
