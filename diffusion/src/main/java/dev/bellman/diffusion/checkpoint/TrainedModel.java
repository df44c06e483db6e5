package dev.bellman.diffusion.checkpoint;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.nn.ParameterSnapshot;
import dev.bellman.diffusion.ControlModel;
import dev.bellman.diffusion.net.ControlNetwork;
import dev.bellman.diffusion.sde.ForwardSde;
import dev.bellman.diffusion.train.TrainConfig;
import java.nio.file.Path;

/**
 * A trained diffusion model: the forward SDE of its run and its control network with the EMA
 * weights (DESIGN.md §1.4: gap and evaluation use the EMA weights). What {@code sample}, {@code gap}
 * and {@code eval} load as MODEL. Owns its parameters; close it when done.
 */
public final class TrainedModel implements ControlModel, AutoCloseable {
    private final TrainConfig config;
    private final long step;
    private final ForwardSde sde;
    private final ControlNetwork control;
    private final NDManager manager;

    private TrainedModel(TrainConfig config, long step, ControlNetwork control, NDManager manager) {
        this.config = config;
        this.step = step;
        this.sde = config.sde().create();
        this.control = control;
        this.manager = manager;
    }

    /**
     * Loads the EMA weights of the checkpoint in {@code runDir} (a directory written by
     * {@code bellman train}) on the started engine.
     *
     * @throws dev.bellman.control.BadInputException if there is no readable checkpoint, or its
     *     weights do not fit its network (another model shape) or its format version is another
     */
    public static TrainedModel load(Path runDir) {
        Checkpoint checkpoint = CheckpointFile.read(runDir);
        return CheckpointFile.restoring(runDir, () -> of(checkpoint));
    }

    /** The model of a checkpoint in memory (its EMA weights). */
    public static TrainedModel of(Checkpoint checkpoint) {
        return withWeights(checkpoint.config(), checkpoint.step(), checkpoint.ema().shadow());
    }

    /** A model of the run's network with the given weights (names and shapes must match the network). */
    public static TrainedModel withWeights(TrainConfig config, long step, ParameterSnapshot weights) {
        NDManager manager = BellmanEngine.current().newManager();
        try {
            ControlNetwork net = config.net().buildControl(manager, config.sde().create());
            weights.restore(net.parameters());
            for (var p : net.parameters()) {
                p.array().setRequiresGradient(false);
            }
            return new TrainedModel(config, step, net, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The run's configuration. */
    public TrainConfig config() {
        return config;
    }

    /** The optimizer step the weights come from. */
    public long step() {
        return step;
    }

    @Override
    public ForwardSde sde() {
        return sde;
    }

    @Override
    public ControlNetwork control() {
        return control;
    }

    @Override
    public Shape sampleShape() {
        return new Shape(config.sampleShape().stream().mapToLong(Long::longValue).toArray());
    }

    @Override
    public void close() {
        control.close();
        manager.close();
    }
}
