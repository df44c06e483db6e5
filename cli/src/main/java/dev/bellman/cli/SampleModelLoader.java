package dev.bellman.cli;

import ai.djl.ndarray.NDManager;
import dev.bellman.data.DataSource;
import dev.bellman.data.DataSpec;
import dev.bellman.diffusion.checkpoint.TrainedModel;
import dev.bellman.diffusion.ControlModel;
import java.nio.file.Path;

/**
 * The seam between {@code sample}/{@code eval} and checkpoints: turns a run directory written by
 * {@code train} into its model (EMA weights, {@link TrainedModel#load}) and the data it was trained
 * on. Tests install closed-form models through {@link #install}.
 */
@FunctionalInterface
interface SampleModelLoader {

    /** A loaded model and its training data (for plots, floors and held-out likelihoods). */
    record Loaded(ControlModel model, DataSource data) {}

    Loaded load(Path runDirectory, NDManager manager) throws Exception;

    /** The loader in use. */
    static SampleModelLoader installed() {
        return Holder.loader;
    }

    /** Replaces the loader (the trainer's wiring, tests). */
    static void install(SampleModelLoader loader) {
        Holder.loader = loader;
    }

    /** Holds the installed loader. */
    final class Holder {
        private static volatile SampleModelLoader loader = TRAINED;

        private Holder() {}
    }

    /** A run directory written by {@code train}: its EMA weights and its data specification. */
    SampleModelLoader TRAINED = (dir, manager) -> {
        TrainedModel model = TrainedModel.load(dir);
        return new Loaded(model, DataSpec.parse(model.config().data()).open(model.config().imageSize()));
    };
}
