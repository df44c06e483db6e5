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

    @Test
    void advantageRateIsZeroExactlyAtTheActorAndNegativeElsewhere() {
        TestSupport.engine();
        // Merton's two actions (π, k) with the softplus transform exercise the off-diagonal of L.
        MertonProblem merton = new MertonProblem(MertonParameters.reference());
        QLearnerConfig cfg = QlearnDefaults.merton(1, merton.discountRate(), 0.05, 3).withSteps(20).withBatch(256, 256);
        try (NDManager m = TestSupport.manager(); QLearner learner = new QLearner(ProblemSimulator.euler(merton), cfg, m)) {
            learner.learn(QLearningListener.NONE, 0);
            NDArray x = merton.trainingStates().sample(500, StepRandom.of(5).forStep(0).generator(), m, DataType.FLOAT64);
            NDArray best = learner.actor(x);
            double[] atActor = TestSupport.d(learner.advantageRate(x, best));
            for (double q : atActor) {
                assertThat(q).isEqualTo(0.0);
            }
            NDArray other = best.add(TestSupport.gaussian(m, 9, 0.1, 500, 2));
            double[] elsewhere = TestSupport.d(learner.advantageRate(x, other));
            for (double q : elsewhere) {
                assertThat(q).isLessThan(0.0);
            }
            // Q = V + q/ρ is maximised by the actor
            double[] qBest = TestSupport.d(learner.qFunction(x, best));
            double[] qOther = TestSupport.d(learner.qFunction(x, other));
            for (int i = 0; i < qBest.length; i++) {
                assertThat(qBest[i]).isGreaterThan(qOther[i]);
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

    /** Scalar LQR, Δt = 0.1, a short run: K̂ within 10 % of the discrete optimum (2.2533). */
    @Test
    void shortRunOnScalarLqrLearnsTheDiscreteGain() {
        TestSupport.engine();
        LqrProblem lqr = new LqrProblem(LqrParameters.reference());
        QLearnerConfig cfg = QlearnDefaults.lqr(1, 0.1, 0).withSteps(SHORT_STEPS).withBatch(4096, 1024);
        try (NDManager m = TestSupport.manager()) {
            QLearningReport r = QLearningExperiment.lqr(lqr, cfg, new QLearningExperiment.Simulated(TimeDiscretisation.EULER_RECTANGLE),
                    false, QLearningListener.NONE, 0, m);
            assertThat(r.kRelErrDiscrete()).as("K_hat %s", (Object) r.kHat()).isLessThan(0.10);
        }
    }

    static final int SHORT_STEPS = 600;
}
