package dev.bellman.cli.train;

import dev.bellman.data.DataSource;
import dev.bellman.data.plot.Plots;
import dev.bellman.data.plot.Series;
import dev.bellman.diffusion.checkpoint.Checkpoint;
import dev.bellman.diffusion.checkpoint.TrainedModel;
import dev.bellman.diffusion.train.GapProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The verification gap of the EMA model at checkpoints during training (DESIGN.md §1.4: G bounds how
 * far samples are from the data, so it should fall as training proceeds), plotted as gap.png.
 */
final class GapCurve {
    private final GapProbe probe;
    private final DataSource data;
    private final long every;
    private final List<double[]> points = new ArrayList<>();

    GapCurve(GapProbe probe, DataSource data, long every) {
        this.probe = probe;
        this.data = data;
        this.every = every;
    }

    /** Measures the gap of the checkpoint's EMA weights when its step is on the curve's grid. */
    void record(Checkpoint checkpoint) {
        if (probe == GapProbe.NONE || checkpoint.step() % every != 0) {
            return;
        }
        try (TrainedModel model = TrainedModel.of(checkpoint)) {
            GapProbe.GapEstimate e = probe.estimate(model, data);
            Double g = e.gap() != null ? e.gap() : e.gapEmpirical();
            if (g != null) {
                points.add(new double[] {checkpoint.step(), g});
            }
        }
    }

    List<double[]> points() {
        return List.copyOf(points);
    }

    void plot(Path png) throws IOException {
        if (points.size() < 2) {
            return;
        }
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = Math.max(points.get(i)[1], 1e-6);
        }
        Plots.lines(png, "verification gap of the EMA model", "step", "gap G(u) (nats)", true,
                List.of(new Series("gap", x, y)));
    }
}
