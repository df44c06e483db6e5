package dev.bellman.control.qlearn;

import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * Least-squares policy iteration for a {@link Structure.Form#HOMOGENEOUS} task of degree p (the {@link PolicyIteration}
 * of Merton-type problems). For a constant actor ν (in the action coordinates u), its value and advantage rate are
 *
 * <pre>  V^ν = θx̃^p (θ₁log x̃ + θ₀ for p = 0),   q^ν(x, a) = s(x̃)(−½vᵀMv + gᵀv),   v = u(a) − ν,   s = x̃^p (1 for p = 0)</pre>
 *
 * where q^ν is exact in π-like coordinates and a symmetric approximation in log-scale ones (see
 * {@link HomogeneousAdvantage}). The TD error ({@link TemporalDifference}) is linear in (θ, M, g); they solve the
 * instrumental-variable equations E[w z δ] = 0, instruments z = (φ_V(x̃), the q features), weight w = 1/s(x̃)² (the
 * TD noise ∇V·Σ√Δt z/Δt scales like s(x̃) for homogeneous dynamics: the weight makes it state-free). The improvement
 * is ν ← ν + M⁻¹g, each coordinate's step limited to the exploration scale (the data do not reach further). At the optimum the exploration is symmetric about ν and so is q, so g = 0 there: the fixed point
 * is the optimal constant action up to sampling error, even where the quadratic is only an approximation.
 *
 * <p>Sufficient statistics (double precision, on the heap): with ψ = (φ_V(x̃), s(x̃)·(uᵢuⱼ (i ≤ j), uᵢ, 1)), the
 * sums Σwψψᵀ, Σwψ(φ_V(x̃) − e^{−ρΔt}φ_V(x̃'))ᵀ/Δt and Σwψr̄ determine the equations for every ν.
 */
final class HomogeneousPolicyIteration implements PolicyIteration {
    private final double p;
    private final int m;
    private final int pv;
    private final int km; // (uᵢuⱼ, uᵢ, 1): m(m+1)/2 + m + 1
    private final int k;
    private final boolean[] log;
    private final double rho;
    private final HomogeneousValue value;
    private final HomogeneousAdvantage advantage;
    private final double[] psiPsi;
    private final double[] psiDelta;
    private final double[] psiReward;
    private long count;

    HomogeneousPolicyIteration(double degree, Structure structure, double rho, HomogeneousValue value, HomogeneousAdvantage advantage) {
        this.p = degree;
        this.m = structure.actionDim();
        this.pv = degree == 0 ? 2 : 1;
        this.km = m * (m + 1) / 2 + m + 1;
        this.k = pv + km;
        this.log = new boolean[m];
        for (int i = 0; i < m; i++) {
            log[i] = structure.actions().get(i) == Structure.ActionCoordinate.LOG;
        }
        this.rho = rho;
        this.value = value;
        this.advantage = advantage;
        this.psiPsi = new double[k * k];
        this.psiDelta = new double[k * pv];
        this.psiReward = new double[k];
    }

    /** One: the quadratic in a log coordinate is an approximation, good only near the data (see {@link PolicyIteration}). */
    @Override
    public int iterationsPerSolve() {
        return 1;
    }

    @Override
    public long count() {
        return count;
    }

    private void valueFeatures(double x, double[] out) {
        if (p == 0) {
            out[0] = Math.log(x);
            out[1] = 1;
        } else {
            out[0] = Math.pow(x, p);
        }
    }

    private double scale(double x) {
        return p == 0 ? 1 : Math.pow(x, p);
    }

    @Override
    public void add(double[] xn, double[] a, double[] reward, double[] nn, double[] dt) {
        double[] psi = new double[k];
        double[] f = new double[pv];
        double[] fn = new double[pv];
        double[] delta = new double[pv];
        double[] u = new double[m];
        for (int r = 0; r < reward.length; r++) {
            double x = xn[r];
            for (int i = 0; i < m; i++) {
                double ai = a[r * m + i];
                u[i] = log[i] ? Math.log(ai) : ai;
            }
            valueFeatures(x, f);
            valueFeatures(nn[r], fn);
            double g = Math.exp(-rho * dt[r]);
            for (int i = 0; i < pv; i++) {
                delta[i] = (f[i] - g * fn[i]) / dt[r];
                psi[i] = f[i];
            }
            double s = scale(x);
            int c = pv;
            for (int i = 0; i < m; i++) {
                for (int j = i; j < m; j++) {
                    psi[c++] = s * u[i] * u[j];
                }
            }
            for (int i = 0; i < m; i++) {
                psi[c++] = s * u[i];
            }
            psi[c] = s;
            double w = 1 / (s * s);
            boolean finite = Double.isFinite(reward[r]) && Double.isFinite(w);
            for (double v : psi) {
                finite &= Double.isFinite(v);
            }
            for (double v : delta) {
                finite &= Double.isFinite(v);
            }
            if (!finite) {
                continue;
            }
            for (int i = 0; i < k; i++) {
                double pi = w * psi[i];
                for (int j = 0; j < k; j++) {
                    psiPsi[i * k + j] += pi * psi[j];
                }
                for (int j = 0; j < pv; j++) {
                    psiDelta[i * pv + j] += pi * delta[j];
                }
                psiReward[i] += pi * reward[r];
            }
            count++;
        }
    }

    @Override
    public double iterate() {
        if (count == 0) {
            return Double.NaN;
        }
        double[] nu = advantage.centre();
        int nq = m * (m + 1) / 2 + m;
        // T (nq, k): q features (−½vᵢ², −vᵢvⱼ, vᵢ)·s as combinations of ψ's s·(uᵢuⱼ, uᵢ, 1) block
        double[][] t = new double[nq][k];
        int[][] pair = new int[m][m];
        int c = pv;
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                pair[i][j] = c;
                pair[j][i] = c;
                c++;
            }
        }
        int lin = c;
        int one = lin + m;
        int row = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                double f = i == j ? -0.5 : -1.0;
                // vᵢvⱼ = uᵢuⱼ − νⱼuᵢ − νᵢuⱼ + νᵢνⱼ
                t[row][pair[i][j]] += f;
                t[row][lin + i] += -f * nu[j];
                t[row][lin + j] += -f * nu[i];
                t[row][one] += f * nu[i] * nu[j];
                row++;
            }
        }
        for (int i = 0; i < m; i++) {
            t[row][lin + i] += 1;
            t[row][one] += -nu[i];
            row++;
        }
        int ptot = pv + nq;
        double[][] z = new double[ptot][k];
        for (int i = 0; i < pv; i++) {
            z[i][i] = 1;
        }
        for (int r = 0; r < nq; r++) {
            z[pv + r] = t[r];
        }
        RealMatrix zm = new Array2DRowRealMatrix(z, false);
        RealMatrix pp = new Array2DRowRealMatrix(k, k);
        RealMatrix pd = new Array2DRowRealMatrix(k, pv);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                pp.setEntry(i, j, psiPsi[i * k + j] / count);
            }
            for (int j = 0; j < pv; j++) {
                pd.setEntry(i, j, psiDelta[i * pv + j] / count);
            }
        }
        RealMatrix system = new Array2DRowRealMatrix(ptot, ptot);
        system.setSubMatrix(zm.multiply(pd).getData(), 0, 0);
        system.setSubMatrix(zm.multiply(pp).multiply(new Array2DRowRealMatrix(t, false).transpose()).getData(), 0, pv);
        RealVector rhs = zm.operate(new ArrayRealVector(psiReward).mapDivide(count));
        LUDecomposition lu = new LUDecomposition(system, 1e-300);
        if (!lu.getSolver().isNonSingular()) {
            return Double.NaN;
        }
        double[] beta = lu.getSolver().solve(rhs).toArray();
        RealMatrix mm = new Array2DRowRealMatrix(m, m);
        c = pv;
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                mm.setEntry(i, j, beta[c]);
                mm.setEntry(j, i, beta[c]);
                c++;
            }
        }
        double[] g = new double[m];
        for (int i = 0; i < m; i++) {
            g[i] = beta[c++];
        }
        double[] improved = nu.clone();
        try {
            double[] step = new CholeskyDecomposition(mm, 1e-10, 1e-300).getSolver().solve(new ArrayRealVector(g)).toArray();
            double norm = 0;
            double size = 0;
            double[] reach = advantage.explorationScale();
            for (int i = 0; i < m; i++) {
                // a trust region: the data cover about ±2s around where they were collected, so a Newton step longer
                // than s extrapolates the quadratic (Merton's log k advantage is a cosh, not a quadratic, far out)
                step[i] = Math.max(-reach[i], Math.min(reach[i], step[i]));
                improved[i] += step[i];
                norm += step[i] * step[i];
                size += improved[i] * improved[i];
            }
            for (double b : beta) {
                if (!Double.isFinite(b)) {
                    return Double.NaN;
                }
            }
            value.setHead(java.util.Arrays.copyOf(beta, pv));
            advantage.set(improved, mm);
            return Math.sqrt(norm) / (1 + Math.sqrt(size));
        } catch (MathIllegalArgumentException e) {
            return Double.NaN;
        }
    }
}
