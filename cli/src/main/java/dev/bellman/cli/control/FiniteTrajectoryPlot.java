package dev.bellman.cli.control;

import dev.bellman.control.finite.Trajectory;
import dev.bellman.control.run.RunDirectory;
import dev.bellman.data.plot.Plots;
import dev.bellman.data.plot.Series;
import java.util.ArrayList;
import java.util.List;

/**
 * trajectories.png of a finite-horizon run: closed-loop paths of the learned policy from t = 0 to T
 * (first state component against the problem's own time t).
 */
public final class FiniteTrajectoryPlot {
    private FiniteTrajectoryPlot() {}

    public static void write(RunDirectory dir, List<Trajectory> paths, String problem) {
        if (paths.isEmpty()) {
            return;
        }
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            Trajectory p = paths.get(i);
            double[] x = new double[p.states().length];
            for (int k = 0; k < x.length; k++) {
                x[k] = p.states()[k][0];
            }
            series.add(new Series("path " + (i + 1), p.times(), x));
        }
        Plots.lines(dir.resolve("trajectories.png"), problem + ": closed-loop paths under the learned policy", "t",
                "x₁(t)", false, series);
    }
}
