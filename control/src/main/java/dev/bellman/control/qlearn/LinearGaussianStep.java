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
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * The exact one-step law of dX = (AX + Ba)dt + D dW with a held over Δt:
 * x' = Fx + Ga + w, w ~ N(0, W), F = e^{AΔt}, G = ∫₀^Δt e^{As}ds B (the top-right block of
 * exp([[A, B], [0, 0]]Δt)), W = ∫₀^Δt e^{As}DDᵀe^{Aᵀs}ds by Van Loan (IEEE TAC 23, 1978):
 * exp([[−A, DDᵀ], [0, Aᵀ]]Δt) = [[·, M₁₂], [0, M₂₂]], F = M₂₂ᵀ, W = M₂₂ᵀM₁₂. Noise enters as w = zLᵀ
 * with LLᵀ = W (a symmetric eigen-root, so a singular or zero W is fine). The matrices are cached per Δt.
 * Shapes: x (B, d), a (B, m), z (B, d) (the root is d × d).
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
        // L = U√Λ from W = UΛUᵀ with rounding-negative eigenvalues set to 0: a root for any PSD W, singular or zero
        // (a rectangular Cholesky refuses W = 0, the noise-free problem).
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(fgw[2]);
        RealMatrix u = eigenvectors(eig, n);
        double[] lambda = eig.getEigenvalues();
        double[][] root = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                root[i][j] = u.getEntry(i, j) * Math.sqrt(Math.max(lambda[j], 0));
            }
        }
        return new double[][][] {fgw[0].transpose().getData(), fgw[1].transpose().getData(),
            MatrixUtils.createRealMatrix(root).transpose().getData()};
    }

    private static RealMatrix eigenvectors(EigenDecompositionSymmetric eig, int n) {
        RealMatrix u = new Array2DRowRealMatrix(n, n);
        for (int j = 0; j < n; j++) {
            u.setColumnVector(j, eig.getEigenvector(j));
        }
        return u;
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
