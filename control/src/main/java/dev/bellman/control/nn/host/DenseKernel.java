package dev.bellman.control.nn.host;

import dev.bellman.control.nn.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD inner loops of {@link HostMlp}, on the JDK's Vector API (jdk.incubator.vector; only loaded
 * when {@link HostKernels#available()} says the module is present).
 *
 * <p>Layout: row-major float32 blocks whose row stride is a multiple of the vector length L (16 on
 * AVX-512, 8 on AVX2); weights (in, P) row-major with the output width padded to P with zero columns.
 * The affine map keeps a 4-row × 4-vector block of outputs in registers (16 accumulators) while it
 * walks the input dimension, so every weight vector loaded serves four rows and every broadcast input
 * four vectors: the register blocking of Goto &amp; van de Geijn, "Anatomy of high-performance matrix
 * multiplication" (ACM TOMS 34(3), 2008), at the size of one layer of a small MLP.
 */
final class DenseKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();

    private DenseKernel() {}

    /**
     * out[r, j] = b[j] + Σ_{k &lt; kn} in[r, k]·w[k, j] for r &lt; rows (a multiple of 4), j &lt; p.
     *
     * @param in input block, row stride {@code si}
     * @param kn the number of input columns used (the first kn rows of w)
     * @param w weights (≥ kn, p) row-major
     * @param b bias (p)
     * @param out output block, row stride p (a multiple of {@link #LANES})
     */
    static void affine(float[] in, int si, int kn, float[] w, float[] b, float[] out, int p, int rows) {
        final int l = LANES;
        for (int r = 0; r < rows; r += 4) {
            final int i0 = r * si;
            final int i1 = i0 + si;
            final int i2 = i1 + si;
            final int i3 = i2 + si;
            final int o0 = r * p;
            final int o1 = o0 + p;
            final int o2 = o1 + p;
            final int o3 = o2 + p;
            int j = 0;
            for (; j + 4 * l <= p; j += 4 * l) {
                FloatVector b0 = FloatVector.fromArray(SPECIES, b, j);
                FloatVector b1 = FloatVector.fromArray(SPECIES, b, j + l);
                FloatVector b2 = FloatVector.fromArray(SPECIES, b, j + 2 * l);
                FloatVector b3 = FloatVector.fromArray(SPECIES, b, j + 3 * l);
                FloatVector c00 = b0, c01 = b1, c02 = b2, c03 = b3;
                FloatVector c10 = b0, c11 = b1, c12 = b2, c13 = b3;
                FloatVector c20 = b0, c21 = b1, c22 = b2, c23 = b3;
                FloatVector c30 = b0, c31 = b1, c32 = b2, c33 = b3;
                for (int k = 0; k < kn; k++) {
                    int wk = k * p + j;
                    FloatVector w0 = FloatVector.fromArray(SPECIES, w, wk);
                    FloatVector w1 = FloatVector.fromArray(SPECIES, w, wk + l);
                    FloatVector w2 = FloatVector.fromArray(SPECIES, w, wk + 2 * l);
                    FloatVector w3 = FloatVector.fromArray(SPECIES, w, wk + 3 * l);
                    FloatVector a = FloatVector.broadcast(SPECIES, in[i0 + k]);
                    c00 = w0.fma(a, c00);
                    c01 = w1.fma(a, c01);
                    c02 = w2.fma(a, c02);
                    c03 = w3.fma(a, c03);
                    a = FloatVector.broadcast(SPECIES, in[i1 + k]);
                    c10 = w0.fma(a, c10);
                    c11 = w1.fma(a, c11);
                    c12 = w2.fma(a, c12);
                    c13 = w3.fma(a, c13);
                    a = FloatVector.broadcast(SPECIES, in[i2 + k]);
                    c20 = w0.fma(a, c20);
                    c21 = w1.fma(a, c21);
                    c22 = w2.fma(a, c22);
                    c23 = w3.fma(a, c23);
                    a = FloatVector.broadcast(SPECIES, in[i3 + k]);
                    c30 = w0.fma(a, c30);
                    c31 = w1.fma(a, c31);
                    c32 = w2.fma(a, c32);
                    c33 = w3.fma(a, c33);
                }
                c00.intoArray(out, o0 + j);
                c01.intoArray(out, o0 + j + l);
                c02.intoArray(out, o0 + j + 2 * l);
                c03.intoArray(out, o0 + j + 3 * l);
                c10.intoArray(out, o1 + j);
                c11.intoArray(out, o1 + j + l);
                c12.intoArray(out, o1 + j + 2 * l);
                c13.intoArray(out, o1 + j + 3 * l);
                c20.intoArray(out, o2 + j);
                c21.intoArray(out, o2 + j + l);
                c22.intoArray(out, o2 + j + 2 * l);
                c23.intoArray(out, o2 + j + 3 * l);
                c30.intoArray(out, o3 + j);
                c31.intoArray(out, o3 + j + l);
                c32.intoArray(out, o3 + j + 2 * l);
                c33.intoArray(out, o3 + j + 3 * l);
            }
            for (; j < p; j += l) {
                FloatVector c0 = FloatVector.fromArray(SPECIES, b, j);
                FloatVector c1 = c0;
                FloatVector c2 = c0;
                FloatVector c3 = c0;
                for (int k = 0; k < kn; k++) {
                    FloatVector w0 = FloatVector.fromArray(SPECIES, w, k * p + j);
                    c0 = w0.fma(FloatVector.broadcast(SPECIES, in[i0 + k]), c0);
                    c1 = w0.fma(FloatVector.broadcast(SPECIES, in[i1 + k]), c1);
                    c2 = w0.fma(FloatVector.broadcast(SPECIES, in[i2 + k]), c2);
                    c3 = w0.fma(FloatVector.broadcast(SPECIES, in[i3 + k]), c3);
                }
                c0.intoArray(out, o0 + j);
                c1.intoArray(out, o1 + j);
                c2.intoArray(out, o2 + j);
                c3.intoArray(out, o3 + j);
            }
        }
    }

    /**
     * The output layer when it is narrow (o ≤ {@link #LANES}): out[r, j] = b[j] + Σ_k in[r, k]·wt[j, k] as
     * dot products along k, four rows at a time, instead of multiplying by a weight matrix padded to a
     * full vector of outputs (for o = 2 that would be 8× the work).
     *
     * @param in input block, row stride {@code si} (a multiple of {@link #LANES}), columns kn..si of
     *     every row finite
     * @param wt weights transposed, (o, si) row-major, zero beyond kn
     * @param out output block, row stride p
     */
    static void narrow(float[] in, int si, float[] wt, float[] b, int o, float[] out, int p, int rows) {
        final int l = LANES;
        for (int r = 0; r < rows; r += 4) {
            final int i0 = r * si;
            final int i1 = i0 + si;
            final int i2 = i1 + si;
            final int i3 = i2 + si;
            for (int j = 0; j < o; j++) {
                FloatVector c0 = FloatVector.zero(SPECIES);
                FloatVector c1 = c0;
                FloatVector c2 = c0;
                FloatVector c3 = c0;
                int wj = j * si;
                for (int k = 0; k < si; k += l) {
                    FloatVector w0 = FloatVector.fromArray(SPECIES, wt, wj + k);
                    c0 = FloatVector.fromArray(SPECIES, in, i0 + k).fma(w0, c0);
                    c1 = FloatVector.fromArray(SPECIES, in, i1 + k).fma(w0, c1);
                    c2 = FloatVector.fromArray(SPECIES, in, i2 + k).fma(w0, c2);
                    c3 = FloatVector.fromArray(SPECIES, in, i3 + k).fma(w0, c3);
                }
                out[r * p + j] = b[j] + c0.reduceLanes(VectorOperators.ADD);
                out[(r + 1) * p + j] = b[j] + c1.reduceLanes(VectorOperators.ADD);
                out[(r + 2) * p + j] = b[j] + c2.reduceLanes(VectorOperators.ADD);
                out[(r + 3) * p + j] = b[j] + c3.reduceLanes(VectorOperators.ADD);
            }
        }
    }

    /** h = σ(z) in place on the first {@code n} entries (a multiple of {@link #LANES}); see {@link #act}. */
    static void activate(Activation activation, float[] z, int n) {
        switch (activation) {
            case SILU -> {
                for (int i = 0; i < n; i += LANES) {
                    FloatVector v = FloatVector.fromArray(SPECIES, z, i);
                    v.div(v.neg().lanewise(VectorOperators.EXP).add(1f)).intoArray(z, i);
                }
            }
            default -> {
                for (int i = 0; i < n; i += LANES) {
                    act(activation, FloatVector.fromArray(SPECIES, z, i)).intoArray(z, i);
                }
            }
        }
    }

    /**
     * σ(z) lane-wise with the formulas of {@link Activation} (null: z itself): SiLU z/(1 + e^{−z}),
     * tanh, softplus max(z, 0) + log1p(e^{−|z|}) (the overflow-free form of log(1 + eᶻ)), sin.
     */
    static FloatVector act(Activation activation, FloatVector v) {
        if (activation == null) {
            return v;
        }
        return switch (activation) {
            case SILU -> v.div(v.neg().lanewise(VectorOperators.EXP).add(1f));
            case TANH -> v.lanewise(VectorOperators.TANH);
            case SOFTPLUS -> v.max(0f).add(v.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P));
            case SIN -> v.lanewise(VectorOperators.SIN);
        };
    }
}
