package dev.bellman.cli;

import dev.bellman.control.BadInputException;
import dev.bellman.data.DataSource;
import dev.bellman.diffusion.ControlModel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@code bellman gap} turns MODEL (a run directory written by {@code train}) into a control
 * model (its EMA weights) and the data it was trained on. A seam: checkpoint loading lives with the
 * trainer, so the loader is installed once at start-up ({@link #install}); until then {@code gap}
 * says that model loading is not built and exits 2.
 */
@FunctionalInterface
public interface GapModelLoader {

    /** A loaded model and its training data (for the exact or empirical optimal control). */
    record Loaded(ControlModel model, DataSource data) {
        public Loaded {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * Loads MODEL.
     *
     * @throws BadInputException if the directory holds no readable model
     */
    Loaded load(Path runDirectory);

    /** Installs the loader {@code bellman gap} uses (the trainer's checkpoint reader; tests install fakes). */
    static void install(GapModelLoader loader) {
        Holder.loader = Objects.requireNonNull(loader, "loader");
    }

    /** The installed loader. */
    static GapModelLoader installed() {
        return Holder.loader;
    }

    /** The static slot behind {@link #install}. */
    final class Holder {
        private static volatile GapModelLoader loader = dir -> {
            throw new NotBuiltException("loading a trained model for bellman gap", 6);
        };

        private Holder() {}
    }
}
