package dev.bellman.cli;

import dev.bellman.control.BadInputException;
import dev.bellman.data.DataSource;
import dev.bellman.data.DataSpec;
import dev.bellman.diffusion.ControlModel;
import dev.bellman.diffusion.checkpoint.TrainedModel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The one seam between the commands that take MODEL ({@code sample}, {@code eval}, {@code gap}) and
 * checkpoints: turns a run directory written by {@code train} into its model (EMA weights,
 * {@link TrainedModel#load}) and the data it was trained on. Tests install closed-form models.
 */
@FunctionalInterface
public interface ModelLoader {

    /** A loaded model and its training data (plots, floors, held-out likelihoods, exact controls). */
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

    /** A run directory written by {@code train}: its EMA weights and its data specification. */
    ModelLoader TRAINED = dir -> {
        TrainedModel model = TrainedModel.load(dir);
        return new Loaded(model, DataSpec.parse(model.config().data()).open(model.config().imageSize()));
    };

    /** The loader in use. */
    static ModelLoader installed() {
        return Holder.loader;
    }

    /** Replaces the loader (tests). */
    static void install(ModelLoader loader) {
        Holder.loader = Objects.requireNonNull(loader, "loader");
    }

    /** The static slot behind {@link #install}. */
    final class Holder {
        private static volatile ModelLoader loader = TRAINED;

        private Holder() {}
    }
}
