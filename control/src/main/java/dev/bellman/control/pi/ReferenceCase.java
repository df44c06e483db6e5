package dev.bellman.control.pi;

import ai.djl.ndarray.NDManager;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.field.ScalarField;
import dev.bellman.control.generator.Policy;
import dev.bellman.control.hjb.ControlProblem;
import dev.bellman.control.nn.MlpConfig;
import dev.bellman.control.problems.LqrProblem;
import dev.bellman.control.problems.MertonProblem;
import dev.bellman.control.reference.EvaluationStates;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.reference.LqrSolution;
import dev.bellman.control.reference.MertonParameters;
import dev.bellman.control.reference.MertonSolution;
import dev.bellman.control.riccati.StabilisingGain;
import java.util.List;

/**
 * A stationary reference problem of DESIGN.md §1.3 with what policy iteration needs beside the
 * problem itself: its closed form (to score against), its fixed evaluation states, an admissible
 * initial policy, and value/policy architectures suited to it. Construction validates the problem:
 * an unstabilisable LQR or a Merton problem with infinite value is refused with a
 * {@link BadInputException}.
 */
public sealed interface ReferenceCase permits ReferenceCase.Lqr, ReferenceCase.Merton {

    /** {@code lqr} or {@code merton}. */
    String name();

    ControlProblem problem();

    /** d. */
    default int dim() {
        return problem().stateDim();
    }

    ScalarField exactValue();

    Policy exactPolicy();

    /** The fixed evaluation states (N, d). */
    double[][] evaluationStates();

    /** A value network for this problem (float64 by default for accuracy). */
    ValueNetwork newValueNetwork(List<Integer> hidden, Precision precision, long seed, NDManager manager);

    /** A policy network started at this problem's admissible initial policy. */
    PolicyNetwork newPolicyNetwork(List<Integer> hidden, Precision precision, long seed, NDManager manager);

    static ReferenceCase lqr(LqrParameters parameters) {
        return new Lqr(new LqrProblem(parameters));
    }

    static ReferenceCase merton(MertonParameters parameters) {
        return new Merton(new MertonProblem(parameters));
    }

    /**
     * The discounted LQR. The initial policy is −K₀x with K₀ = 0 when the zero policy is admissible and
     * otherwise the stabilising gain of {@link StabilisingGain#find} (refused when none exists).
     */
    record Lqr(LqrProblem problem, LqrSolution solution, StabilisingGain start) implements ReferenceCase {
        public Lqr(LqrProblem problem) {
            this(problem, solve(problem), startOf(problem));
        }

        private static LqrSolution solve(LqrProblem problem) {
            if (!(problem.parameters().rho() > 0)) {
                throw new BadInputException("the discounted LQR needs rho > 0, got " + problem.parameters().rho());
            }
            return problem.solution();
        }

        private static StabilisingGain startOf(LqrProblem problem) {
            LqrParameters p = problem.parameters();
            return StabilisingGain.find(p.A(), p.B(), p.R(), p.rho());
        }

        @Override
        public String name() {
            return "lqr";
        }

        @Override
        public ScalarField exactValue() {
            return problem.exactValue();
        }

        @Override
        public Policy exactPolicy() {
            return problem.exactPolicy();
        }

        @Override
        public double[][] evaluationStates() {
            return EvaluationStates.lqr(dim());
        }

        /** K (m × d). */
        public double[][] gain() {
            return solution.K();
        }

        @Override
        public ValueNetwork newValueNetwork(List<Integer> hidden, Precision precision, long seed, NDManager manager) {
            MlpConfig mlp = hidden.isEmpty() ? null : MlpConfig.of(dim(), hidden, 1, precision, seed);
            return new QuadraticValueNetwork(dim(), mlp, precision.dataType(), manager);
        }

        @Override
        public PolicyNetwork newPolicyNetwork(List<Integer> hidden, Precision precision, long seed, NDManager manager) {
            int d = dim();
            int m = problem.actionDim();
            double[][] k0 = start.K0();
            double[][] w = new double[d][m];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < m; j++) {
                    w[i][j] = -k0[j][i];
                }
            }
            MlpConfig mlp = hidden.isEmpty() ? null : MlpConfig.of(d, hidden, m, precision, seed);
            return new PolicyNetwork(PolicyFeatures.IDENTITY, problem.actionSpace(), w, new double[m], mlp,
                    precision.dataType(), manager);
        }
    }

    /**
     * Merton's problem. The initial policy holds no risky asset and consumes k₀ inside the admissible
     * range ρ − (1 − γ)(r_f − k₀) &gt; 0 (finite value): the midpoint of (0, r_f + ρ/(γ − 1)) for γ &gt; 1,
     * ρ above the lower bound r_f − ρ/(1 − γ) for γ &lt; 1.
     */
    record Merton(MertonProblem problem, MertonSolution solution) implements ReferenceCase {
        public Merton(MertonProblem problem) {
            this(problem, problem.solution());
        }

        public Merton {
            if (problem.parameters().logUtility()) {
                throw new BadInputException("merton with gamma = 1 (log utility) is not supported by control pi;"
                        + " use gamma ≠ 1");
            }
        }

        @Override
        public String name() {
            return "merton";
        }

        @Override
        public ScalarField exactValue() {
            return problem.exactValue();
        }

        @Override
        public Policy exactPolicy() {
            return problem.exactPolicy();
        }

        @Override
        public double[][] evaluationStates() {
            return EvaluationStates.merton();
        }

        /** The admissible initial consumption rate k₀. */
        public double initialConsumption() {
            MertonParameters p = problem.parameters();
            double g = p.gamma();
            double k0 = g > 1 ? 0.5 * (p.r_f() + p.rho() / (g - 1)) : Math.max(0, p.r_f() - p.rho() / (1 - g)) + p.rho();
            if (!(k0 > 0) || !(p.rho() - (1 - g) * (p.r_f() - k0) > 0)) {
                throw new BadInputException("no admissible initial consumption rate found for " + p);
            }
            return k0;
        }

        @Override
        public ValueNetwork newValueNetwork(List<Integer> hidden, Precision precision, long seed, NDManager manager) {
            MlpConfig mlp = hidden.isEmpty() ? null : MlpConfig.of(1, hidden, 1, precision, seed);
            return new HomotheticValueNetwork(problem.parameters().gamma(), mlp, precision.dataType(), manager);
        }

        @Override
        public PolicyNetwork newPolicyNetwork(List<Integer> hidden, Precision precision, long seed, NDManager manager) {
            int m = problem.actionDim();
            double[] b = new double[m];
            double k0 = initialConsumption();
            b[m - 1] = Math.log(Math.expm1(k0)); // softplus⁻¹(k₀)
            MlpConfig mlp = hidden.isEmpty() ? null : MlpConfig.of(1, hidden, m, precision, seed);
            return new PolicyNetwork(PolicyFeatures.LOG, problem.actionSpace(), new double[1][m], b, mlp,
                    precision.dataType(), manager);
        }
    }
}
