package dev.bellman.diffusion.exact;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.VectorField;
import dev.bellman.data.dataset.Dataset;
import dev.bellman.diffusion.sde.ForwardSde;
import java.util.EnumMap;
import java.util.Map;

/**
 * The "empirical-optimal" control of a finite training set {x_i}, i = 1..N (DESIGN.md §1.4): the data
 * law taken as the mixture of point masses (1/N) Σ δ_{x_i}, whose forward marginal is
 * p̂_t = (1/N) Σ_i N(m(t) x_i, s(t)² I), and u*(t_f, x) = g(t_f) ∇log p̂_{t_f}(x). It is the optimum a
 * network that memorises its training set would reach; the gap to it says how far a model is from
 * that optimum (not from the unknown data law).
 *
 * <p>Singular as t_f → 0 (s → 0: the score points at the nearest training point with magnitude
 * ~1/s²): callers integrate the reverse SDE to τ = T − ε only.
 *
 * <p>Memory: the points are split into chunks evaluated one after another with an online
 * log-sum-exp (running maximum, rescaled sums), so an evaluation holds O(B · chunk) numbers whatever
 * N is; the chunk is chosen so that B · chunk ≤ {@link #maxPairs()} (2²¹ by default). The squared
 * distances are formed as ‖x‖² − 2m x·x_i + m²‖x_i‖² with one matrix product per chunk.
 *
 * <p>Shapes: t (B, 1) forward time (per row), x (B, D) → (B, D); divergence (B, 1). The training
 * points live in an NDManager owned by this object: close it when done. Not for concurrent use.
 */
public final class EmpiricalOptimalControl implements VectorField, AutoCloseable {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final ForwardSde sde;
    private final double[] points;
    private final int n;
    private final int d;
    private final long maxPairs;
    private final NDManager manager;
    private final Map<DataType, NDArray[]> chunks = new EnumMap<>(DataType.class);
    private final Map<DataType, NDArray[]> squaredNorms = new EnumMap<>(DataType.class);
    private int chunkSize = -1;

    /**
     * @param sde the forward SDE
     * @param points the training points, row-major (N · D)
     * @param dim D
     * @param maxPairs the largest batch × chunk block evaluated at once (memory bound)
     */
    public EmpiricalOptimalControl(ForwardSde sde, double[] points, int dim, long maxPairs) {
        if (sde == null || points == null || dim < 1 || points.length == 0 || points.length % dim != 0) {
            throw new IllegalArgumentException("empirical control needs an SDE and N ≥ 1 points of dimension D ≥ 1, got "
                    + (points == null ? 0 : points.length) + " values for D = " + dim);
        }
        if (maxPairs < 1) {
            throw new IllegalArgumentException("maxPairs must be positive, got " + maxPairs);
        }
        this.sde = sde;
        this.points = points.clone();
        this.d = dim;
        this.n = points.length / dim;
        this.maxPairs = maxPairs;
        this.manager = BellmanEngine.current().newManager();
    }

    /** With the default memory bound of 2²¹ (batch × chunk) pairs. */
    public EmpiricalOptimalControl(ForwardSde sde, double[] points, int dim) {
        this(sde, points, dim, 1L << 21);
    }

    /** The training set of a finite data source (flattened samples). */
    public static EmpiricalOptimalControl of(ForwardSde sde, Dataset train) {
        int size = train.size();
        int dim = train.sampleSize();
        int[] idx = new int[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        double[] values = new double[Math.multiplyExact(size, dim)];
        train.gather(idx, values, null);
        return new EmpiricalOptimalControl(sde, values, dim);
    }

    /** N, the number of training points. */
    public int size() {
        return n;
    }

    /** The memory bound on batch × chunk. */
    public long maxPairs() {
        return maxPairs;
    }

    public ForwardSde sde() {
        return sde;
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public NDArray value(NDArray t, NDArray x) {
        return evaluate(t, x).control();
    }

    /** g Δ log p̂, exact for every mode (a closed form). */
    @Override
    public NDArray divergence(NDArray t, NDArray x, DivergenceMode mode) {
        return evaluate(t, x).divergence();
    }

    /** log p̂_{t_f}(x) (B, 1). */
    public NDArray logDensity(NDArray t, NDArray x) {
        return evaluate(t, x).logDensity();
    }

    /** ∇log p̂_{t_f}(x) (B, D). */
    public NDArray score(NDArray t, NDArray x) {
        return evaluate(t, x).score();
    }

    /**
     * log p̂, its score, u* = g·score and ∇·u* = g Δ log p̂ in one chunked pass.
     *
     * <p>With logits l_i = −‖x − m x_i‖²/(2s²), responsibilities r_i ∝ e^{l_i}, the weighted mean
     * x̄ = Σ r_i x_i and spread V = Σ r_i‖x_i‖² − ‖x̄‖²: score = (m x̄ − x)/s² and
     * Δ log p̂ = m² V / s⁴ − D / s².
     */
    public Evaluation evaluate(NDArray t, NDArray x) {
        Shape shape = x.getShape();
        if (shape.dimension() != 2 || shape.get(1) != d) {
            throw new IllegalArgumentException("x must have shape (B, " + d + "), got " + shape);
        }
        long b = shape.get(0);
        DataType type = x.getDataType();
        NDArray[] pts = pointChunks(type, b);
        NDArray[] norms = squaredNorms.get(type);
        try (Scope scope = Scope.open()) {
            SdeCoefficients coefficients = SdeCoefficients.of(sde, t, x.getManager(), type);
            NDArray m = coefficients.meanScale();
            NDArray s2 = coefficients.std().square();
            NDArray xNorm = x.square().sum(new int[] {1}, true); // (B, 1)
            NDArray runMax = null;
            NDArray sum = null;
            NDArray weightedPoints = null;
            NDArray weightedNorms = null;
            for (int c = 0; c < pts.length; c++) {
                try (Scope step = Scope.open()) {
                    NDArray p = pts[c]; // (C, D)
                    NDArray dot = x.matMul(p.transpose()); // (B, C)
                    NDArray dist2 = xNorm.sub(Scalars.mul(dot.mul(m), 2)).add(norms[c].mul(m.square())); // (B, C)
                    NDArray logits = Scalars.mul(dist2.div(s2), -0.5);
                    NDArray chunkMax = logits.max(new int[] {1}, true);
                    NDArray newMax = runMax == null ? chunkMax : runMax.maximum(chunkMax);
                    NDArray e = logits.sub(newMax).exp(); // (B, C)
                    NDArray chunkSum = e.sum(new int[] {1}, true);
                    NDArray chunkPoints = e.matMul(p); // (B, D)
                    NDArray chunkNorms = e.matMul(norms[c].transpose()); // (B, 1)
                    if (runMax == null) {
                        sum = chunkSum;
                        weightedPoints = chunkPoints;
                        weightedNorms = chunkNorms;
                    } else {
                        NDArray rescale = runMax.sub(newMax).exp();
                        sum = sum.mul(rescale).add(chunkSum);
                        weightedPoints = weightedPoints.mul(rescale).add(chunkPoints);
                        weightedNorms = weightedNorms.mul(rescale).add(chunkNorms);
                    }
                    runMax = step.keep(newMax);
                    step.keep(sum);
                    step.keep(weightedPoints);
                    step.keep(weightedNorms);
                }
            }
            NDArray mean = weightedPoints.div(sum); // x̄ (B, D)
            NDArray spread = Scalars.maximum(weightedNorms.div(sum).sub(mean.square().sum(new int[] {1}, true)), 0);
            NDArray logDensity = runMax.add(sum.log()).sub(Scalars.mul(s2.log(), 0.5 * d)).sub(0.5 * d * LOG_2PI + Math.log(n));
            NDArray score = mean.mul(m).sub(x).div(s2);
            NDArray laplacian = spread.mul(m.square()).div(s2.square()).sub(Scalars.mul(Scalars.pow(s2, -1), d));
            NDArray g = coefficients.diffusion();
            return new Evaluation(scope.keep(logDensity), scope.keep(score), scope.keep(score.mul(g)),
                    scope.keep(laplacian.mul(g)));
        }
    }

    private NDArray[] pointChunks(DataType type, long batch) {
        int size = (int) Math.max(1, Math.min(n, maxPairs / Math.max(1, batch)));
        if (size != chunkSize) {
            for (NDArray[] arrays : chunks.values()) {
                for (NDArray a : arrays) {
                    a.close();
                }
            }
            for (NDArray[] arrays : squaredNorms.values()) {
                for (NDArray a : arrays) {
                    a.close();
                }
            }
            chunks.clear();
            squaredNorms.clear();
            chunkSize = size;
        }
        NDArray[] cached = chunks.get(type);
        if (cached != null) {
            return cached;
        }
        int count = (n + size - 1) / size;
        NDArray[] out = new NDArray[count];
        NDArray[] norms = new NDArray[count];
        for (int c = 0; c < count; c++) {
            int from = c * size;
            int to = Math.min(n, from + size);
            double[] block = new double[(to - from) * d];
            double[] sq = new double[to - from];
            System.arraycopy(points, from * d, block, 0, block.length);
            for (int i = 0; i < to - from; i++) {
                double v = 0;
                for (int j = 0; j < d; j++) {
                    v += block[i * d + j] * block[i * d + j];
                }
                sq[i] = v;
            }
            out[c] = resident(block, new Shape(to - from, d), type);
            norms[c] = resident(sq, new Shape(1, to - from), type);
        }
        chunks.put(type, out);
        squaredNorms.put(type, norms);
        return out;
    }

    /**
     * An array in this object's manager that outlives any scope the caller has open (a scope would
     * otherwise close the cache at the end of the caller's step).
     */
    private NDArray resident(double[] values, Shape shape, DataType type) {
        NDArray wide = manager.create(values, shape);
        NDArray out = wide.toType(type, false);
        if (out != wide) {
            wide.close();
        }
        NDScope.unregister(out);
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }

    /**
     * One evaluation.
     *
     * @param logDensity log p̂_{t_f}(x) (B, 1)
     * @param score ∇log p̂ (B, D)
     * @param control u* = g·score (B, D)
     * @param divergence ∇·u* = g Δ log p̂ (B, 1)
     */
    public record Evaluation(NDArray logDensity, NDArray score, NDArray control, NDArray divergence) {}
}
