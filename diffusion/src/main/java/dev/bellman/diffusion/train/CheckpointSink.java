package dev.bellman.diffusion.train;

import dev.bellman.diffusion.checkpoint.Checkpoint;
import java.io.IOException;

/** Where a trainer's checkpoints go (usually {@code CheckpointFile.write(runDir, c)}). */
@FunctionalInterface
public interface CheckpointSink {
    void save(Checkpoint checkpoint) throws IOException;

    /** Keeps nothing (tests, benchmarks). */
    CheckpointSink NONE = c -> { };
}
