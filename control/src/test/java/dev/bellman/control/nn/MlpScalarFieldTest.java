package dev.bellman.control.nn;

import static dev.bellman.control.TestSupport.d;
import static dev.bellman.control.TestSupport.gaussian;
import static dev.bellman.control.TestSupport.relErr;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.bellman.control.TestSupport;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.field.Derivatives;
import dev.bellman.control.field.Jet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Forward-mode derivatives of an MLP field against central finite differences and create-graph autograd. */
class MlpScalarFieldTest {
    static final int D = 3;
    static final int B = 5;
    static NDManager m;

    @BeforeAll
    static void start() {
        m = TestSupport.manager();
    }

    @AfterAll
    static void stop() {
        m.close();
    }

    static MlpScalarField field(Activation act, boolean timeDependent) {
        MlpConfig c = MlpConfig.of(D + (timeDependent ? 1 : 0), List.of(16, 12), 1, Precision.FLOAT64, 7)
                .withActivation(act);
        return new MlpScalarField(new Mlp(c, m), D, timeDependent);
    }

    static double[] valueAt(MlpScalarField f, double[] t, double[] x) {
        return d(f.value(m.create(t, new ai.djl.ndarray.types.Shape(B, 1)), m.create(x, new ai.djl.ndarray.types.Shape(B, D))));
    }

    static double[] gradAt(MlpScalarField f, double[] t, double[] x) {
        return d(f.gradient(m.create(t, new ai.djl.ndarray.types.Shape(B, 1)), m.create(x, new ai.djl.ndarray.types.Shape(B, D))));
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void derivativesMatchCentralDifferences(Activation act) {
        MlpScalarField f = field(act, true);
        NDArray t = gaussian(m, 1, 0.5, B, 1);
        NDArray x = gaussian(m, 2, 1.0, B, D);
        NDArray w = gaussian(m, 3, 1.0, B, 4, D);
        Jet jet = f.jet(t, x, Derivatives.valueGradientHessian().withTime().withDirections(w));
        double[] tv = d(t);
        double[] xv = d(x);
        double h = 1e-5;
        // gradient and Hessian columns by central differences of the value and of the (exact) gradient
        double[] fdGrad = new double[B * D];
        double[] fdHess = new double[B * D * D];
        for (int j = 0; j < D; j++) {
            double[] xp = xv.clone();
            double[] xm = xv.clone();
            for (int b = 0; b < B; b++) {
                xp[b * D + j] += h;
                xm[b * D + j] -= h;
            }
            double[] vp = valueAt(f, tv, xp);
            double[] vm = valueAt(f, tv, xm);
            double[] gp = gradAt(f, tv, xp);
            double[] gm = gradAt(f, tv, xm);
            for (int b = 0; b < B; b++) {
                fdGrad[b * D + j] = (vp[b] - vm[b]) / (2 * h);
                for (int i = 0; i < D; i++) {
                    fdHess[b * D * D + i * D + j] = (gp[b * D + i] - gm[b * D + i]) / (2 * h);
                }
            }
        }
        assertThat(relErr(d(jet.gradient()), fdGrad)).isLessThan(1e-6);
        assertThat(relErr(d(jet.hessian()), fdHess)).isLessThan(1e-6);
        // ∂t
        double[] tp = tv.clone();
        double[] tm = tv.clone();
        for (int b = 0; b < B; b++) {
            tp[b] += h;
            tm[b] -= h;
        }
        double[] vp = valueAt(f, tp, xv);
        double[] vm = valueAt(f, tm, xv);
        double[] fdT = new double[B];
        for (int b = 0; b < B; b++) {
            fdT[b] = (vp[b] - vm[b]) / (2 * h);
        }
        assertThat(relErr(d(jet.timeDerivative()), fdT)).isLessThan(1e-6);
        // directional second derivatives: wᵀ (∇φ(x + hw) − ∇φ(x − hw)) / 2h
        double[] wv = d(w);
        int k = 4;
        double[] fdDir = new double[B * k];
        for (int kk = 0; kk < k; kk++) {
            double[] xp = xv.clone();
            double[] xm = xv.clone();
            for (int b = 0; b < B; b++) {
                for (int i = 0; i < D; i++) {
                    xp[b * D + i] += h * wv[b * k * D + kk * D + i];
                    xm[b * D + i] -= h * wv[b * k * D + kk * D + i];
                }
            }
            double[] gp = gradAt(f, tv, xp);
            double[] gm = gradAt(f, tv, xm);
            for (int b = 0; b < B; b++) {
                double s = 0;
                for (int i = 0; i < D; i++) {
                    s += wv[b * k * D + kk * D + i] * (gp[b * D + i] - gm[b * D + i]) / (2 * h);
                }
                fdDir[b * k + kk] = s;
            }
        }
        assertThat(relErr(d(jet.directional()), fdDir)).isLessThan(1e-6);
        // the value of the jet is the plain forward
        assertThat(relErr(d(jet.value()), d(f.value(t, x)))).isLessThan(1e-14);
        f.mlp().close();
    }

    @Test
    void sharedDirectionsAndStationaryFieldAgreeWithHessian() {
        MlpScalarField f = field(Activation.SILU, false);
        NDArray x = gaussian(m, 5, 1.0, B, D);
        NDArray w = gaussian(m, 6, 1.0, 1, 2, D);
        Jet jet = f.jet(null, x, Derivatives.valueGradientHessian().withTime().withDirections(w));
        double[] fromH = d(Jet.directionalFromHessian(jet.hessian(), w));
        assertThat(relErr(d(jet.directional()), fromH)).isLessThan(1e-12);
        assertThat(d(jet.timeDerivative())).containsOnly(0.0);
        assertThat(f.stationary()).isTrue();
        f.mlp().close();
    }

    @Test
    void matchesCreateGraphAutograd() {
        MlpScalarField f = field(Activation.TANH, true);
        NDArray t = gaussian(m, 11, 0.5, B, 1);
        NDArray x = gaussian(m, 12, 1.0, B, D);
        Jet jet = f.jet(t, x, Derivatives.valueGradientHessian().detach());
        x.setRequiresGradient(true);
        double[] hess = new double[B * D * D];
        double[] grad;
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray y = f.value(t, x).sum();
            JniUtils.backward((PtNDArray) y, (PtNDArray) y.onesLike(), true, true);
            NDArray g = x.getGradient();
            grad = d(g.stopGradient());
            for (int j = 0; j < D; j++) {
                double[] before = d(x.getGradient().stopGradient());
                NDArray s = g.get(new NDIndex(":, {}", j)).sum();
                JniUtils.backward((PtNDArray) s, (PtNDArray) s.onesLike(), true, false);
                double[] after = d(x.getGradient().stopGradient());
                for (int b = 0; b < B; b++) {
                    for (int i = 0; i < D; i++) {
                        hess[b * D * D + j * D + i] = after[b * D + i] - before[b * D + i];
                    }
                }
            }
        }
        assertThat(relErr(d(jet.gradient()), grad)).isLessThan(1e-12);
        assertThat(relErr(d(jet.hessian()), hess)).isLessThan(1e-12);
        f.mlp().close();
    }

    @Test
    void secondDerivativesTrainThroughParameters() {
        // ∂/∂θ of a loss on ∇φ and ∇²φ (one ordinary backward) against finite differences in θ
        MlpScalarField f = field(Activation.TANH, true);
        NDArray t = gaussian(m, 21, 0.5, B, 1);
        NDArray x = gaussian(m, 22, 1.0, B, D);
        NDArray w = gaussian(m, 23, 1.0, 1, 2, D);
        Parameter p = f.mlp().parameters().get(2); // layer1.weight
        double analytic;
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray loss = lossOf(f, t, x, w);
            gc.backward(loss);
            analytic = d(p.array().getGradient())[5];
        }
        ParameterSnapshot base = f.mlp().snapshot();
        double eps = 1e-6;
        double[] plus = f.mlp().snapshot().values().get(2);
        plus[5] += eps;
        ParameterSnapshot.assign(p.array(), plus);
        double lp = lossOf(f, t, x, w).getDouble();
        plus[5] -= 2 * eps;
        ParameterSnapshot.assign(p.array(), plus);
        double lm = lossOf(f, t, x, w).getDouble();
        f.mlp().load(base);
        assertThat(Math.abs(analytic - (lp - lm) / (2 * eps))).isLessThan(1e-6 * Math.max(1, Math.abs(analytic)));
        f.mlp().close();
    }

    private static NDArray lossOf(MlpScalarField f, NDArray t, NDArray x, NDArray w) {
        Jet j = f.jet(t, x, Derivatives.valueGradientHessian().withTime().withDirections(w));
        return j.value().square().sum().add(j.gradient().square().sum()).add(j.hessian().sum())
                .add(j.directional().sum()).add(j.timeDerivative().sum());
    }
}
