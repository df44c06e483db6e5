package dev.bellman.cli.train;

import dev.bellman.diffusion.train.TrainListener;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr with the loss and steps/s, fed by the trainer's step hook. */
public final class TrainProgress implements TrainListener, AutoCloseable {
    private final ProgressBar bar;
    private double smoothed = Double.NaN;

    public TrainProgress(PrintStream err, long fromStep, long total) {
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(total).startsFrom(fromStep, java.time.Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(err)).continuousUpdate().build();
    }

    @Override
    public void onStep(long step, double loss, double stepsPerSecond) {
        smoothed = Double.isNaN(smoothed) ? loss : 0.98 * smoothed + 0.02 * loss;
        bar.stepTo(step);
        // Image runs take a step a second or more: update the message every step there.
        if (step % 50 == 0 || stepsPerSecond < 10) {
            bar.setExtraMessage(String.format(java.util.Locale.ROOT, stepsPerSecond < 10 ? "loss %.4f  %.3g steps/s" : "loss %.4f  %.0f steps/s",
                    smoothed, stepsPerSecond));
        }
    }

    @Override
    public void close() {
        bar.close();
    }
}
