package dev.bellman.cli.control;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.generator.Policy;
import dev.bellman.control.hjb.ControlProblem;
import dev.bellman.control.nn.ParameterSnapshot;
import dev.bellman.control.pi.HistoryRow;
import dev.bellman.control.pi.PolicyIterationRun;
import dev.bellman.control.pi.ReferenceCase;
import dev.bellman.control.pi.Scores;
import dev.bellman.control.random.StepRandom;
import dev.bellman.control.run.RunDirectory;
import dev.bellman.control.sde.EulerMaruyama;
import dev.bellman.control.sde.TimeGrid;
import dev.bellman.data.plot.Plots;
import dev.bellman.data.plot.Series;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a control command leaves in its run directory and prints, shared by {@code control pi} and
 * {@code control qlearn}: {@code history.csv}, PNG figures in the manner of a paper (learned value and
 * policy against the closed form; sample trajectories under the learned policy with their cumulative
 * discounted reward; convergence curves on a log scale) and a table of learned against exact.
 */
public final class ControlReport {
    private final RunDirectory dir;

    public ControlReport(RunDirectory dir) {
        this.dir = dir;
    }

    /** history.csv, one row per iteration. */
    public void writeHistory(List<HistoryRow> history) throws IOException {
        StringBuilder sb = new StringBuilder(HistoryRow.CSV_HEADER).append('\n');
        history.forEach(h -> sb.append(h.csv()).append('\n'));
        dir.writeText("history.csv", sb.toString());
        plotConvergence(history);
    }

    /** value.png, policy.png, trajectories.png, cumulative_reward.png. */
    public void writePlots(ReferenceCase reference, PolicyIterationRun.Outcome outcome, NDManager manager, long seed) {
        Scores s = outcome.scores();
        plotValueAndPolicy(reference, s);
        plotTrajectories(reference.problem(), outcome.policy(), trajectoryStarts(reference), manager, seed);
    }

    /** Convergence curves (value-fit error, HJB residual, errors against the closed form) and the policy objective. */
    public void plotConvergence(List<HistoryRow> history) {
        int n = history.size();
        double[] it = new double[n];
        double[] fit = new double[n];
        double[] hjb = new double[n];
        double[] v = new double[n];
        double[] a = new double[n];
        double[] obj = new double[n];
        for (int i = 0; i < n; i++) {
            HistoryRow h = history.get(i);
            it[i] = h.iteration();
            fit[i] = h.valueFitError();
            hjb[i] = h.hjbResidual();
            v[i] = h.valueRelL2();
            a[i] = h.actionRelL2();
            obj[i] = h.policyObjective();
        }
        Plots.lines(dir.resolve("convergence.png"), "Convergence", "iteration", "error (log)", true,
                List.of(new Series("value-fit error", it, fit), new Series("HJB residual", it, hjb),
                        new Series("V rel. L2", it, v), new Series("action rel. L2", it, a)));
        Plots.lines(dir.resolve("policy_objective.png"), "Policy objective E[r + L^a V]", "iteration", "objective", false,
                List.of(new Series("objective", it, obj)));
    }

    private void plotValueAndPolicy(ReferenceCase reference, Scores s) {
        double[][] states = s.states();
        int n = states.length;
        int m = s.learnedActions()[0].length;
        if (states[0].length == 1) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = states[i][0];
            }
            String xl = reference instanceof ReferenceCase.Merton ? "wealth x" : "x";
            Plots.lines(dir.resolve("value.png"), "Value: learned vs exact", xl, "V(x)", false,
                    List.of(new Series("learned", x, s.learnedValues()), new Series("exact", x, s.exactValues())));
            List<Series> series = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                String name = actionName(reference, j, m);
                series.add(new Series(name + " learned", x, column(s.learnedActions(), j)));
                series.add(new Series(name + " exact", x, column(s.exactActions(), j)));
            }
            Plots.lines(dir.resolve("policy.png"), "Policy: learned vs exact", xl, "action", false, series);
        } else {
            double[] vv = new double[2 * n];
            for (int i = 0; i < n; i++) {
                vv[2 * i] = s.exactValues()[i];
                vv[2 * i + 1] = s.learnedValues()[i];
            }
            Plots.scatter(dir.resolve("value.png"), List.of("V: exact (x) vs learned (y)"), List.of(vv));
            double[] aa = new double[2 * n * m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    aa[2 * (i * m + j)] = s.exactActions()[i][j];
                    aa[2 * (i * m + j) + 1] = s.learnedActions()[i][j];
                }
            }
            Plots.scatter(dir.resolve("policy.png"), List.of("actions: exact (x) vs learned (y), all components"), List.of(aa));
        }
    }

    private static String actionName(ReferenceCase reference, int j, int m) {
        if (reference instanceof ReferenceCase.Merton) {
            return j == m - 1 ? "k" : (m == 2 ? "pi" : "pi" + (j + 1));
        }
        return m == 1 ? "a" : "a" + (j + 1);
    }

    private static double[][] trajectoryStarts(ReferenceCase reference) {
        if (reference instanceof ReferenceCase.Merton) {
            return new double[][] {{0.5}, {1.0}, {2.0}, {5.0}};
        }
        if (reference.dim() == 1) {
            return new double[][] {{-2.0}, {-1.0}, {1.0}, {2.0}};
        }
        double[][] eval = reference.evaluationStates();
        return new double[][] {eval[0], eval[1], eval[2], eval[3]};
    }

    /** Sample paths of the first state coordinate under {@code policy}, and their cumulative discounted reward. */
    public void plotTrajectories(ControlProblem problem, Policy policy, double[][] starts, NDManager manager, long seed) {
        int b = starts.length;
        int d = starts[0].length;
        int steps = 500;
        double horizon = 5.0;
        TimeGrid grid = TimeGrid.uniform(0, horizon, steps);
        double[][] path = new double[b][steps + 1];
        double[][] reward = new double[b][steps + 1];
        double[] flat = new double[b * d];
        for (int i = 0; i < b; i++) {
            System.arraycopy(starts[i], 0, flat, i * d, d);
            path[i][0] = starts[i][0];
        }
        double rho = problem.discountRate();
        try (Scope scope = Scope.open(); GradMode off = GradMode.disabled()) {
            DataType type = DataType.FLOAT64;
            NDArray x0 = manager.create(flat, new Shape(b, d)).toType(type, false);
            new EulerMaruyama(grid).integrate(problem, policy, x0, StepRandom.of(seed).stream(99), List.of(e -> {
                double[] next = ParameterSnapshot.toDoubles(e.next());
                double[] r = ParameterSnapshot.toDoubles(problem.reward(e.t(), e.state(), e.action()));
                for (int i = 0; i < b; i++) {
                    path[i][e.index() + 1] = next[i * d];
                    reward[i][e.index() + 1] = reward[i][e.index()] + Math.exp(-rho * e.time()) * r[i] * e.dt();
                }
            }));
        }
        double[] t = grid.times();
        List<Series> xs = new ArrayList<>();
        List<Series> rs = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            String name = String.format(Locale.ROOT, "x0 = %.3g", starts[i][0]);
            xs.add(new Series(name, t, path[i]));
            rs.add(new Series(name, t, reward[i]));
        }
        Plots.lines(dir.resolve("trajectories.png"), "Sample paths under the learned policy", "t",
                d == 1 ? "x(t)" : "x_1(t)", false, xs);
        Plots.lines(dir.resolve("cumulative_reward.png"), "Cumulative discounted reward", "t",
                "∫ e^{-ρs} r ds", false, rs);
    }

    /** A table of learned against exact quantities. */
    public void printTable(ReferenceCase reference, Scores s, PrintStream out) {
        out.println("quantity                 learned          exact            rel. error");
        if (reference instanceof ReferenceCase.Lqr lqr) {
            double[][] k = lqr.gain();
            double[][] kh = s.kHat();
            int shown = 0;
            for (int i = 0; i < k.length && shown < 6; i++) {
                for (int j = 0; j < k[0].length && shown < 6; j++, shown++) {
                    row(out, "K[" + i + "][" + j + "]", kh[i][j], k[i][j]);
                }
            }
            out.printf(Locale.ROOT, "%-24s %-16s %-16s %.3e%n", "K (Frobenius)", "", "", s.kRelErr());
        } else {
            ReferenceCase.Merton merton = (ReferenceCase.Merton) reference;
            double[] pi = merton.solution().pi();
            for (int j = 0; j < pi.length; j++) {
                row(out, pi.length == 1 ? "pi (mean)" : "pi" + (j + 1) + " (mean)", s.piHat()[j], pi[j]);
            }
            row(out, "k (mean)", s.consumptionHat(), merton.solution().k());
        }
        int[] idx = {0, s.states().length / 2, s.states().length - 1};
        for (int i : idx) {
            row(out, String.format(Locale.ROOT, "V(state %d)", i), s.learnedValues()[i], s.exactValues()[i]);
        }
        out.printf(Locale.ROOT, "%-24s %-16s %-16s %.3e%n", "V (rel. L2)", "", "", s.valueRelL2());
        out.printf(Locale.ROOT, "%-24s %-16s %-16s %.3e%n", "action (rel. L2)", "", "", s.actionRelL2());
        out.printf(Locale.ROOT, "%-24s %-16s %-16s %.3e%n", "HJB residual", "", "", s.hjbResidual());
    }

    private static void row(PrintStream out, String name, double learned, double exact) {
        out.printf(Locale.ROOT, "%-24s %-16.8g %-16.8g %.3e%n", name, learned, exact,
                Math.abs(learned - exact) / Math.max(Math.abs(exact), 1e-300));
    }

    private static double[] column(double[][] a, int j) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i][j];
        }
        return c;
    }
}
