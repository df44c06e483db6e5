package dev.bellman.cli.control;

import dev.bellman.control.pi.IterationState;
import dev.bellman.control.pi.PolicyIterationListener;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** A progress bar on stderr for an iterative control learner, with the latest fit in its message. */
public final class IterationProgress implements PolicyIterationListener, AutoCloseable {
    private final ProgressBar bar;
    private boolean closed;

    public IterationProgress(String task, int iterations, PrintStream err) {
        this.bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(iterations)
                .setConsumer(new ConsoleProgressBarConsumer(err)).build();
    }

    @Override
    public void onIteration(IterationState state) {
        bar.stepTo(state.iteration());
        bar.setExtraMessage(String.format(" fit %.2e", state.valueFitError()));
    }

    /** Advances to {@code step} with a message (for learners that are not policy iteration). */
    public void step(long step, String message) {
        bar.stepTo(step);
        bar.setExtraMessage(message);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            bar.close();
        }
    }
}
