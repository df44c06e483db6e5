package dev.bellman.control.qlearn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.BadInputException;
import dev.bellman.control.TestSupport;
import dev.bellman.control.generator.ControlledSde;
import dev.bellman.control.hjb.ControlProblem;
import dev.bellman.control.nn.ParameterSnapshot;
import dev.bellman.control.problems.LqrProblem;
import dev.bellman.control.problems.MertonProblem;
import dev.bellman.control.random.StepRandom;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.reference.MertonParameters;
import dev.bellman.control.riccati.TimeDiscretisation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The learner's structure: what it can see, the q parameterisation, offline learning, a short LQR run. */
class QLearnerTest {

    /**
     * The learner cannot see the problem, a compile-level property: no field, constructor or method
     * parameter of QLearner (or of the interfaces it is built from) has a problem or SDE type, so no code
     * in it can call f or Σ. This test pins the property so that a refactoring that hands the learner a
     * problem fails here.
     */
    @Test
    void learnerTypesExposeNoProblem() {
        List<Class<?>> types = new ArrayList<>();
        for (Field f : QLearner.class.getDeclaredFields()) {
            types.add(f.getType());
        }
        for (Constructor<?> c : QLearner.class.getDeclaredConstructors()) {
            types.addAll(List.of(c.getParameterTypes()));
        }
        for (Class<?> api : List.of(QLearner.class, Environment.class, Task.class, TransitionLog.class, TransitionBatch.class)) {
            for (Method m : api.getDeclaredMethods()) {
                if (!Modifier.isPrivate(m.getModifiers())) {
                    types.add(m.getReturnType());
                    types.addAll(List.of(m.getParameterTypes()));
                }
            }
        }
        for (Class<?> t : types) {
            assertThat(ControlledSde.class.isAssignableFrom(t)).as("learner reaches %s", t).isFalse();
            assertThat(ControlProblem.class.isAssignableFrom(t)).as("learner reaches %s", t).isFalse();
        }
    }

    /**
     * q_ψ = 0 at the actor and &lt; 0 elsewhere, and Q = V + q/ρ is maximised by the actor, for each architecture on
     * Merton's two actions (π, k): general with linear coordinates (exactly 0: a − μ is exactly zero), general with
     * log k and homogeneous with log k (0 to the rounding of log e^ν, far below q's size elsewhere).
     */
    @Test
    void advantageRateIsZeroAtTheActorAndNegativeElsewhere() {
        TestSupport.engine();
        MertonProblem merton = new MertonProblem(MertonParameters.reference());
        QLearnerConfig cfg = QlearnDefaults.merton(1, merton.discountRate(), 0.05, 3).withSteps(20).withBatch(256, 256);
        List<Structure> structures = List.of(Structure.general(2), Structure.general(2).withLogAction(1),
                QLearningExperiment.declaredStructure(merton));
        for (Structure structure : structures) {
            try (NDManager m = TestSupport.manager();
                    QLearner learner = new QLearner(new ProblemSimulator(merton, TimeDiscretisation.EULER_RECTANGLE, structure), cfg, m)) {
                learner.learn(QLearningListener.NONE, 0);
                NDArray x = merton.trainingStates().sample(500, StepRandom.of(5).forStep(0).generator(), m, DataType.FLOAT64);
                NDArray best = learner.actor(x);
                // move π additively and k multiplicatively (k stays positive)
                NDArray xi = TestSupport.gaussian(m, 9, 0.1, 500, 2);
                NDArray other = best.mul(xi.mul(m.create(new double[] {0, 1})).exp()).add(xi.mul(m.create(new double[] {1, 0})));
                double[] atActor = TestSupport.d(learner.advantageRate(x, best));
                double[] elsewhere = TestSupport.d(learner.advantageRate(x, other));
                double smallest = Double.POSITIVE_INFINITY;
                for (double q : elsewhere) {
                    assertThat(q).as("%s", structure).isLessThan(0.0);
                    smallest = Math.min(smallest, Math.abs(q));
                }
                for (double q : atActor) {
                    if (structure.hasLogActions()) {
                        assertThat(Math.abs(q)).as("%s", structure).isLessThan(1e-9 * smallest);
                    } else {
                        assertThat(q).isEqualTo(0.0);
                    }
                }
                double[] qBest = TestSupport.d(learner.qFunction(x, best));
                double[] qOther = TestSupport.d(learner.qFunction(x, other));
                for (int i = 0; i < qBest.length; i++) {
                    assertThat(qBest[i]).as("%s", structure).isGreaterThan(qOther[i]);
                }
            }
        }
    }

    @Test
    void learnerOnLoggedTransitionsRuns() {
        TestSupport.engine();
        LqrProblem lqr = new LqrProblem(LqrParameters.reference());
        ProblemSimulator sim = ProblemSimulator.euler(lqr);
        int n = 2000;
        double dt = 0.05;
        double[] rows;
        try (NDManager m = TestSupport.manager()) {
            NDArray x = sim.reset(n, StepRandom.of(1).forStep(0), m, DataType.FLOAT64);
            NDArray a = TestSupport.gaussian(m, 2, 2.0, n, 1);
            Environment.Outcome o = sim.step(x, a, dt, StepRandom.of(1).forStep(1));
            NDArray table = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(x, a, o.rewardRate(), o.next(),
                    m.ones(new Shape(n, 1), DataType.FLOAT64).mul(dt)), 1);
            rows = ParameterSnapshot.toDoubles(table);
        }
        TransitionLog log = new TransitionLog("memory", 1, 1, rows);
        Task task = Task.of(1, lqr.actionSpace(), lqr.discountRate());
        QLearnerConfig cfg = QlearnDefaults.lqr(1, dt, 0).withSteps(30).withBatch(256, 256);
        try (NDManager m = TestSupport.manager(); QLearner learner = new QLearner(task, log, cfg, m)) {
            QLearningProgress p = learner.learn(QLearningListener.NONE, 10);
            assertThat(p.step()).isEqualTo(30);
            assertThat(learner.transitions()).isEqualTo(n);
            assertThat(p.tdRateRms()).isFinite();
            NDArray x = m.create(new double[] {-1, 0, 1}, new Shape(3, 1));
            for (double v : TestSupport.d(learner.value(x))) {
                assertThat(v).isFinite();
            }
            // The reporting field's exact derivatives (through normalisation and scale) against central differences.
            dev.bellman.control.field.ScalarField field = learner.valueField();
            double h = 1e-4;
            double[] g = TestSupport.d(field.gradient(null, x));
            double[] hess = TestSupport.d(field.hessian(null, x));
            double[] vp = TestSupport.d(learner.value(x.add(h)));
            double[] vm = TestSupport.d(learner.value(x.sub(h)));
            double[] v0 = TestSupport.d(learner.value(x));
            for (int i = 0; i < 3; i++) {
                assertThat(g[i]).isCloseTo((vp[i] - vm[i]) / (2 * h), org.assertj.core.api.Assertions.within(1e-6 * (1 + Math.abs(g[i]))));
                assertThat(hess[i]).isCloseTo((vp[i] - 2 * v0[i] + vm[i]) / (h * h),
                        org.assertj.core.api.Assertions.within(1e-3 * (1 + Math.abs(hess[i]))));
            }
        }
        assertThatThrownBy(() -> new QLearner(Task.of(2, lqr.actionSpace(), 0.1), log, cfg, TestSupport.manager()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("memory");
    }

    @Test
    void transitionLogRefusesBadRowsNamingTheSource() {
        // d = 1, m = 1: five columns x, a, r, x', dt
        assertThatThrownBy(() -> TransitionLog.fromTable("f.csv", 6, new double[12], 1, 1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("f.csv").hasMessageContaining("expected 5");
        double[] nan = {0, 0, 0, 0, 0.1, 0, 0, Double.NaN, 0, 0.1};
        assertThatThrownBy(() -> TransitionLog.fromTable("f.csv", 5, nan, 1, 1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("f.csv").hasMessageContaining("row 2")
                .hasMessageContaining("r");
        double[] zeroDt = {0, 0, 0, 0, 0.0};
        assertThatThrownBy(() -> TransitionLog.fromTable("f.csv", 5, zeroDt, 1, 1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("f.csv").hasMessageContaining("dt");
    }

    /**
     * Scalar LQR, Δt = 0.1, a short run (2·10⁵ transitions) with the declared linear-quadratic structure: K̂ within
     * 0.5 % of the discrete optimum 2.2533 (measured spread of such runs about 0.1 %), and exactly no offset.
     */
    @Test
    void shortRunOnScalarLqrLearnsTheDiscreteGain() {
        TestSupport.engine();
        LqrProblem lqr = new LqrProblem(LqrParameters.reference());
        QLearnerConfig cfg = QlearnDefaults.lqr(1, 0.1, 0).withSteps(200);
        try (NDManager m = TestSupport.manager()) {
            QLearningReport r = QLearningExperiment.lqr(lqr, cfg, new QLearningExperiment.Simulated(TimeDiscretisation.EULER_RECTANGLE),
                    false, QLearningListener.NONE, 0, m);
            assertThat(r.kRelErrDiscrete()).as("K_hat %s", (Object) r.kHat()).isLessThan(0.005);
        }
    }

    /**
     * Offline: the same problem from 2·10⁴ logged transitions at random states and actions (no actor ever followed),
     * with the structure declared through {@link Task#of(int, dev.bellman.control.hjb.ActionSpace, double, Structure)}:
     * K̂ within 3 % of the discrete optimum at Δt = 0.05.
     */
    @Test
    void offlineLinearQuadraticLearningFromRandomActions() {
        TestSupport.engine();
        LqrProblem lqr = new LqrProblem(LqrParameters.reference());
        ProblemSimulator sim = ProblemSimulator.euler(lqr);
        int n = 20000;
        double dt = 0.05;
        double[] rows;
        try (NDManager m = TestSupport.manager()) {
            NDArray x = sim.reset(n, StepRandom.of(4).forStep(0), m, DataType.FLOAT64);
            NDArray a = TestSupport.gaussian(m, 5, 3.0, n, 1);
            Environment.Outcome o = sim.step(x, a, dt, StepRandom.of(4).forStep(1));
            rows = ParameterSnapshot.toDoubles(ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(x, a, o.rewardRate(), o.next(),
                    m.ones(new Shape(n, 1), DataType.FLOAT64).mul(dt)), 1));
        }
        TransitionLog log = new TransitionLog("memory", 1, 1, rows);
        Task task = Task.of(1, lqr.actionSpace(), lqr.discountRate(), Structure.linearQuadratic(1));
        try (NDManager m = TestSupport.manager(); QLearner learner = new QLearner(task, log, QlearnDefaults.lqr(1, dt, 0).withSteps(1), m)) {
            learner.learn(QLearningListener.NONE, 0);
            double[][] a = QLearningExperiment.evaluate(learner, new double[][] {{1.0}, {-2.0}, {0.0}}, false);
            double kd = QLearningExperiment.discreteGain(lqr.parameters(), dt, TimeDiscretisation.EULER_RECTANGLE)[0][0];
            assertThat(-a[0][0]).isCloseTo(kd, org.assertj.core.api.Assertions.within(0.03 * kd));
            assertThat(a[1][0]).isCloseTo(-2 * a[0][0], org.assertj.core.api.Assertions.within(1e-12));
            assertThat(a[2][0]).isEqualTo(0.0);
        }
    }

    /**
     * Merton at Δt = 0.01, a short run (8·10⁶ transitions) with the declared homogeneous structure: π̂ and k̂ within
     * 15 % of π* = 0.625 and k* = 0.0478 (the benchmark's 6.6·10⁷ transitions reach 0.6 % and 1.1 %; the spread of k̂
     * at 8·10⁶ is about 3 %).
     */
    @Test
    void shortRunOnMertonLearnsTheActions() {
        TestSupport.engine();
        MertonProblem merton = new MertonProblem(MertonParameters.reference());
        QLearnerConfig cfg = QlearnDefaults.merton(1, merton.discountRate(), 0.01, 0).withSteps(1000);
        try (NDManager m = TestSupport.manager()) {
            QLearningReport r = QLearningExperiment.merton(merton, cfg, new QLearningExperiment.Simulated(TimeDiscretisation.EULER_RECTANGLE),
                    false, QLearningListener.NONE, 0, m);
            assertThat(r.piRelErr()).as("pi_hat %s", r.piHat()).isLessThan(0.15);
            assertThat(r.kRelErr2()).as("k_hat %s", r.kHat2()).isLessThan(0.15);
        }
    }
}
