package dev.bellman.control.nn.host;

import dev.bellman.control.nn.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
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
                out[r * p + j] = b[j] + sumLanes(c0);
                out[(r + 1) * p + j] = b[j] + sumLanes(c1);
                out[(r + 2) * p + j] = b[j] + sumLanes(c2);
                out[(r + 3) * p + j] = b[j] + sumLanes(c3);
            }
        }
    }

    /** h = SiLU(z) = z/(1 + e^{−z}) in place on the first {@code n} entries (a multiple of {@link #LANES}). */
    static void silu(float[] z, int n) {
        siluInto(z, z, n);
    }

    /**
     * e^x lane-wise from IEEE operations only (Cody–Waite reduction x = n·ln2 + r, |r| ≤ ln2/2, and the
     * degree-6 polynomial of Cephes' expf, Moshier 1989; about 1 ulp), with x clamped to [−87.3, 88.7]
     * (finite, normal results).
     *
     * <p>Why not {@code lanewise(EXP)}: the Vector API computes that with Intel's SVML once C2 has
     * compiled the loop and with {@code Math.exp} before, and the two differ in the last bit, so the
     * same seed would give different weights depending on when the JIT finished. Adds, multiplies,
     * fused multiply-adds and bit casts round the same in the interpreter and in compiled code.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(-87.3f).min(88.7f);
        // n = round(c·log2 e) by the 1.5·2²³ shift; its integer sits in the low mantissa bits
        FloatVector shifted = c.fma(1.44269504088896341f, 12582912f);
        FloatVector n = shifted.sub(12582912f);
        FloatVector r = n.fma(FloatVector.broadcast(SPECIES, -0.693359375f), c).add(n.mul(2.12194440e-4f));
        FloatVector p = r.fma(1.9875691500e-4f, 1.3981999507e-3f);
        p = p.fma(r, FloatVector.broadcast(SPECIES, 8.3334519073e-3f));
        p = p.fma(r, FloatVector.broadcast(SPECIES, 4.1665795894e-2f));
        p = p.fma(r, FloatVector.broadcast(SPECIES, 1.6666665459e-1f));
        p = p.fma(r, FloatVector.broadcast(SPECIES, 5.0000001201e-1f));
        p = p.fma(r.mul(r), r).add(1f);
        IntVector bits = (IntVector) shifted.reinterpretAsInts();
        FloatVector scale = (FloatVector) bits.sub(0x4B400000 - 127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(scale);
    }

    /** Σ of the lanes, in lane order (a fixed order: {@code reduceLanes} leaves it to the JIT). */
    static float sumLanes(FloatVector v) {
        float[] a = new float[LANES];
        v.intoArray(a, 0);
        float s = 0f;
        for (float x : a) {
            s += x;
        }
        return s;
    }

    /**
     * dw[k, j] = Σ_{r &lt; rows} h[r, k]·dz[r, j] for k &lt; kn (a multiple of 4), j &lt; p: a weight
     * gradient Hᵀ·dZ, with the same 4 × 4-vector register block as {@link #affine}, walking the rows.
     *
     * @param h layer inputs, row stride sh
     * @param dz gradient of the layer's outputs, row stride p (a multiple of {@link #LANES})
     * @param dw (≥ kn, p) row-major, overwritten
     */
    static void gradWeights(float[] h, int sh, int kn, float[] dz, int p, int rows, float[] dw) {
        final int l = LANES;
        for (int k = 0; k < kn; k += 4) {
            final int d0 = k * p;
            final int d1 = d0 + p;
            final int d2 = d1 + p;
            final int d3 = d2 + p;
            int j = 0;
            for (; j + 4 * l <= p; j += 4 * l) {
                FloatVector c00 = FloatVector.zero(SPECIES);
                FloatVector c01 = FloatVector.zero(SPECIES);
                FloatVector c02 = FloatVector.zero(SPECIES);
                FloatVector c03 = FloatVector.zero(SPECIES);
                FloatVector c10 = FloatVector.zero(SPECIES);
                FloatVector c11 = FloatVector.zero(SPECIES);
                FloatVector c12 = FloatVector.zero(SPECIES);
                FloatVector c13 = FloatVector.zero(SPECIES);
                FloatVector c20 = FloatVector.zero(SPECIES);
                FloatVector c21 = FloatVector.zero(SPECIES);
                FloatVector c22 = FloatVector.zero(SPECIES);
                FloatVector c23 = FloatVector.zero(SPECIES);
                FloatVector c30 = FloatVector.zero(SPECIES);
                FloatVector c31 = FloatVector.zero(SPECIES);
                FloatVector c32 = FloatVector.zero(SPECIES);
                FloatVector c33 = FloatVector.zero(SPECIES);
                for (int r = 0; r < rows; r++) {
                    int zr = r * p + j;
                    int hr = r * sh + k;
                    FloatVector z0 = FloatVector.fromArray(SPECIES, dz, zr);
                    FloatVector z1 = FloatVector.fromArray(SPECIES, dz, zr + l);
                    FloatVector z2 = FloatVector.fromArray(SPECIES, dz, zr + 2 * l);
                    FloatVector z3 = FloatVector.fromArray(SPECIES, dz, zr + 3 * l);
                    FloatVector a = FloatVector.broadcast(SPECIES, h[hr]);
                    c00 = z0.fma(a, c00);
                    c01 = z1.fma(a, c01);
                    c02 = z2.fma(a, c02);
                    c03 = z3.fma(a, c03);
                    a = FloatVector.broadcast(SPECIES, h[hr + 1]);
                    c10 = z0.fma(a, c10);
                    c11 = z1.fma(a, c11);
                    c12 = z2.fma(a, c12);
                    c13 = z3.fma(a, c13);
                    a = FloatVector.broadcast(SPECIES, h[hr + 2]);
                    c20 = z0.fma(a, c20);
                    c21 = z1.fma(a, c21);
                    c22 = z2.fma(a, c22);
                    c23 = z3.fma(a, c23);
                    a = FloatVector.broadcast(SPECIES, h[hr + 3]);
                    c30 = z0.fma(a, c30);
                    c31 = z1.fma(a, c31);
                    c32 = z2.fma(a, c32);
                    c33 = z3.fma(a, c33);
                }
                c00.intoArray(dw, d0 + j);
                c01.intoArray(dw, d0 + j + l);
                c02.intoArray(dw, d0 + j + 2 * l);
                c03.intoArray(dw, d0 + j + 3 * l);
                c10.intoArray(dw, d1 + j);
                c11.intoArray(dw, d1 + j + l);
                c12.intoArray(dw, d1 + j + 2 * l);
                c13.intoArray(dw, d1 + j + 3 * l);
                c20.intoArray(dw, d2 + j);
                c21.intoArray(dw, d2 + j + l);
                c22.intoArray(dw, d2 + j + 2 * l);
                c23.intoArray(dw, d2 + j + 3 * l);
                c30.intoArray(dw, d3 + j);
                c31.intoArray(dw, d3 + j + l);
                c32.intoArray(dw, d3 + j + 2 * l);
                c33.intoArray(dw, d3 + j + 3 * l);
            }
            for (; j < p; j += l) {
                FloatVector c0 = FloatVector.zero(SPECIES);
                FloatVector c1 = FloatVector.zero(SPECIES);
                FloatVector c2 = FloatVector.zero(SPECIES);
                FloatVector c3 = FloatVector.zero(SPECIES);
                for (int r = 0; r < rows; r++) {
                    FloatVector z0 = FloatVector.fromArray(SPECIES, dz, r * p + j);
                    int hr = r * sh + k;
                    c0 = z0.fma(FloatVector.broadcast(SPECIES, h[hr]), c0);
                    c1 = z0.fma(FloatVector.broadcast(SPECIES, h[hr + 1]), c1);
                    c2 = z0.fma(FloatVector.broadcast(SPECIES, h[hr + 2]), c2);
                    c3 = z0.fma(FloatVector.broadcast(SPECIES, h[hr + 3]), c3);
                }
                c0.intoArray(dw, d0 + j);
                c1.intoArray(dw, d1 + j);
                c2.intoArray(dw, d2 + j);
                c3.intoArray(dw, d3 + j);
            }
        }
    }

    /** db[j] = Σ_{r &lt; rows} dz[r, j], j &lt; p (a multiple of {@link #LANES}): a bias gradient. */
    static void columnSums(float[] dz, int p, int rows, float[] db) {
        for (int j = 0; j < p; j += LANES) {
            FloatVector c = FloatVector.zero(SPECIES);
            for (int r = 0; r < rows; r++) {
                c = c.add(FloatVector.fromArray(SPECIES, dz, r * p + j));
            }
            c.intoArray(db, j);
        }
    }

    /** h = SiLU(z) = z/(1 + e^{−z}) on the first n entries (a multiple of {@link #LANES}), z kept. */
    static void siluInto(float[] z, float[] h, int n) {
        for (int i = 0; i < n; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, z, i);
            v.div(exp(v.neg()).add(1f)).intoArray(h, i);
        }
    }

    /** h = SiLU(z) = z·s and s = 1/(1 + e^{−z}), kept for {@link #siluBackward}; z kept. */
    static void siluInto(float[] z, float[] h, float[] s, int n) {
        for (int i = 0; i < n; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, z, i);
            FloatVector sig = FloatVector.broadcast(SPECIES, 1f).div(exp(v.neg()).add(1f));
            sig.intoArray(s, i);
            v.mul(sig).intoArray(h, i);
        }
    }

    /**
     * dh ← dh·SiLU'(z) in place, SiLU'(z) = s(1 + z(1 − s)) with s the logistic function of z (from the
     * forward pass): the gradient through the activation ({@link Activation#SILU}'s derivative).
     */
    static void siluBackward(float[] z, float[] s, float[] dh, int n) {
        for (int i = 0; i < n; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, z, i);
            FloatVector sig = FloatVector.fromArray(SPECIES, s, i);
            FloatVector d = sig.mul(v.mul(sig.neg().add(1f)).add(1f));
            FloatVector.fromArray(SPECIES, dh, i).mul(d).intoArray(dh, i);
        }
    }

    /** dst[i] += src[i], i &lt; n (a multiple of {@link #LANES}). */
    static void addInto(float[] src, float[] dst, int n) {
        for (int i = 0; i < n; i += LANES) {
            FloatVector.fromArray(SPECIES, dst, i).add(FloatVector.fromArray(SPECIES, src, i)).intoArray(dst, i);
        }
    }
}
