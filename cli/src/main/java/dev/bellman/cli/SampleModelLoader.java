package dev.bellman.cli;

import ai.djl.ndarray.NDManager;
import dev.bellman.data.DataSource;
import dev.bellman.diffusion.ControlModel;
import java.nio.file.Path;

/**
 * The seam between {@code sample}/{@code eval} and checkpoints: turns a run directory written by
 * {@code train} into its model (EMA weights) and the data it was trained on. The trainer's
 * {@code TrainedModel.load(Path)} is wired in here ({@link #install}); until then loading refuses
 * with "not built yet".
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
        private static volatile SampleModelLoader loader = (dir, manager) -> {
            throw new NotBuiltException("loading a trained model", 5);
        };

        private Holder() {}
    }
}
