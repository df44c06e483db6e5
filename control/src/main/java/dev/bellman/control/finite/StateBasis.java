package dev.bellman.control.finite;

/**
 * A finite set of state functions ψ₁ … ψ_q on R^d with exact gradients and Hessians: the state half
 * of the separable space-time bases of {@link SpaceTimeValue} (V = Σ θ_{kl} T_k(t) ψ_l(x)) and
 * {@link LinearFeedbackPolicy} (a = Σ β_{kl} T_k(t) χ_l(x)). Host-side, double precision, one state at a
 * time: the bases are small (d ≤ 10).
 */
public interface StateBasis {

    /** d. */
    int dim();

    /** q. */
    int size();

    /**
     * ψ_l(x) into {@code value} (q); when not null, ∇ψ_l into {@code gradient} (q × d) and ∇²ψ_l into
     * {@code hessian} (q × d × d).
     */
    void evaluate(double[] x, double[] value, double[][] gradient, double[][][] hessian);

    /**
     * The quadratic basis of the LQR value: −½xᵢ² (i ≤ d), −xᵢxⱼ (i &lt; j), xᵢ, 1 — so that
     * V = −½xᵀS x + wᵀx + c is linear in (S, w, c) (the stationary {@code QuadraticValueNetwork}'s head).
     */
    static StateBasis quadratic(int d) {
        return new StateBasis() {
            @Override
            public int dim() {
                return d;
            }

            @Override
            public int size() {
                return d * (d + 1) / 2 + d + 1;
            }

            @Override
            public void evaluate(double[] x, double[] value, double[][] gradient, double[][][] hessian) {
                int col = 0;
                for (int i = 0; i < d; i++) {
                    for (int j = i; j < d; j++) {
                        boolean diag = i == j;
                        value[col] = diag ? -0.5 * x[i] * x[i] : -x[i] * x[j];
                        if (gradient != null) {
                            java.util.Arrays.fill(gradient[col], 0);
                            for (double[] row : hessian[col]) {
                                java.util.Arrays.fill(row, 0);
                            }
                            if (diag) {
                                gradient[col][i] = -x[i];
                                hessian[col][i][i] = -1;
                            } else {
                                gradient[col][i] = -x[j];
                                gradient[col][j] = -x[i];
                                hessian[col][i][j] = -1;
                                hessian[col][j][i] = -1;
                            }
                        }
                        col++;
                    }
                }
                for (int i = 0; i < d; i++, col++) {
                    value[col] = x[i];
                    if (gradient != null) {
                        java.util.Arrays.fill(gradient[col], 0);
                        gradient[col][i] = 1;
                        for (double[] row : hessian[col]) {
                            java.util.Arrays.fill(row, 0);
                        }
                    }
                }
                value[col] = 1;
                if (gradient != null) {
                    java.util.Arrays.fill(gradient[col], 0);
                    for (double[] row : hessian[col]) {
                        java.util.Arrays.fill(row, 0);
                    }
                }
            }
        };
    }

    /** The affine basis x₁ … x_d, 1 of a linear feedback a = −K(t)x + b(t). */
    static StateBasis affine(int d) {
        return new StateBasis() {
            @Override
            public int dim() {
                return d;
            }

            @Override
            public int size() {
                return d + 1;
            }

            @Override
            public void evaluate(double[] x, double[] value, double[][] gradient, double[][][] hessian) {
                System.arraycopy(x, 0, value, 0, d);
                value[d] = 1;
                if (gradient != null) {
                    for (int l = 0; l <= d; l++) {
                        java.util.Arrays.fill(gradient[l], 0);
                        if (l < d) {
                            gradient[l][l] = 1;
                        }
                        for (double[] row : hessian[l]) {
                            java.util.Arrays.fill(row, 0);
                        }
                    }
                }
            }
        };
    }

    /**
     * The homothetic basis of a CRRA value on wealth x &gt; 0 (d = 1): U(x) = x^{1−γ}/(1−γ) (ln x at
     * γ = 1) and 1, so V(t, x) = h(t)U(x) + c(t) — the finite-horizon analogue of the stationary
     * {@code HomotheticValueNetwork}; a modelling choice the user makes by picking the utility.
     */
    static StateBasis utility(double gamma) {
        boolean log = gamma == 1.0;
        return new StateBasis() {
            @Override
            public int dim() {
                return 1;
            }

            @Override
            public int size() {
                return 2;
            }

            @Override
            public void evaluate(double[] x, double[] value, double[][] gradient, double[][][] hessian) {
                double w = Math.max(x[0], 1e-12);
                value[0] = log ? Math.log(w) : Math.pow(w, 1 - gamma) / (1 - gamma);
                value[1] = 1;
                if (gradient != null) {
                    gradient[0][0] = log ? 1 / w : Math.pow(w, -gamma);
                    hessian[0][0][0] = log ? -1 / (w * w) : -gamma * Math.pow(w, -gamma - 1);
                    gradient[1][0] = 0;
                    hessian[1][0][0] = 0;
                }
            }
        };
    }

    /** 1 and ln x on wealth x &gt; 0 (d = 1): a portfolio rule allowed to depend on log-wealth. */
    static StateBasis logAffine() {
        return new StateBasis() {
            @Override
            public int dim() {
                return 1;
            }

            @Override
            public int size() {
                return 2;
            }

            @Override
            public void evaluate(double[] x, double[] value, double[][] gradient, double[][][] hessian) {
                double w = Math.max(x[0], 1e-12);
                value[0] = 1;
                value[1] = Math.log(w);
                if (gradient != null) {
                    gradient[0][0] = 0;
                    hessian[0][0][0] = 0;
                    gradient[1][0] = 1 / w;
                    hessian[1][0][0] = -1 / (w * w);
                }
            }
        };
    }
}
