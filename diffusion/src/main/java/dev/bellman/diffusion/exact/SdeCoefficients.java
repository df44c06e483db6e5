package dev.bellman.diffusion.exact;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.data.HostArrays;
import dev.bellman.diffusion.sde.ForwardSde;

/**
 * The forward SDE's coefficients at per-row forward times, evaluated on the host in double precision
 * with the SDE's scalar methods and moved to the device once (B numbers each).
 *
 * <p>Why not the SDE's batched methods: their expm1 near t = 0 is a short Taylor polynomial (about
 * 3e-9 relative), which is visible in float64 log-densities; the closed-form fields here are meant to
 * be exact to rounding. Reading B times to the host is one copy per evaluation.
 *
 * @param meanScale m(t) (B, 1)
 * @param std s(t) (B, 1)
 * @param driftRate a(t) (B, 1)
 * @param diffusion g(t) (B, 1)
 */
record SdeCoefficients(NDArray meanScale, NDArray std, NDArray driftRate, NDArray diffusion) {

    /** The coefficients at {@code t} (B, 1), in {@code manager} with type {@code type}. */
    static SdeCoefficients of(ForwardSde sde, NDArray t, NDManager manager, DataType type) {
        double[] ts = HostArrays.toDoubles(t);
        int b = ts.length;
        double[] m = new double[b];
        double[] s = new double[b];
        double[] a = new double[b];
        double[] g = new double[b];
        double last = Double.NaN;
        for (int i = 0; i < b; i++) {
            double ti = ts[i];
            if (i > 0 && ti == last) {
                m[i] = m[i - 1];
                s[i] = s[i - 1];
                a[i] = a[i - 1];
                g[i] = g[i - 1];
                continue;
            }
            m[i] = sde.meanScale(ti);
            s[i] = sde.std(ti);
            a[i] = sde.driftRate(ti);
            g[i] = sde.diffusion(ti);
            last = ti;
        }
        Shape shape = new Shape(b, 1);
        return new SdeCoefficients(HostArrays.toNDArray(manager, m, shape, type), HostArrays.toNDArray(manager, s, shape, type),
                HostArrays.toNDArray(manager, a, shape, type), HostArrays.toNDArray(manager, g, shape, type));
    }

    /** g(t) (B, 1) alone. */
    static NDArray diffusion(ForwardSde sde, NDArray t, NDManager manager, DataType type) {
        double[] ts = HostArrays.toDoubles(t);
        double[] g = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            g[i] = i > 0 && ts[i] == ts[i - 1] ? g[i - 1] : sde.diffusion(ts[i]);
        }
        return HostArrays.toNDArray(manager, g, new Shape(ts.length, 1), type);
    }
}
