package dev.bellman.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bellman train}: score matching in control form (DESIGN.md §1.4). */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a diffusion model's control network by denoising score matching in control form.")
final class TrainCommand extends RunCommand {
    @Option(names = "--data", paramLabel = "SPEC", defaultValue = "8gaussians",
            description = "Data: a toy name (8gaussians, 25gaussians, swissroll, moons, circles, rings, pinwheel, 2spirals,"
                    + " checkerboard), gmm:FILE, mnist:DIR, images:DIR, csv:FILE, npy:FILE (default ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--sde", paramLabel = "vp|subvp|ve", defaultValue = "vp", description = "Forward SDE (default ${DEFAULT-VALUE}).")
    String sde;

    @Option(names = "--steps", paramLabel = "N", description = "Training steps.")
    Integer steps;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size.")
    Integer batch;

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate.")
    Double lr;

    @Option(names = "--weighting", paramLabel = "eps|likelihood", defaultValue = "eps",
            description = "Loss weighting λ(t) (default ${DEFAULT-VALUE}).")
    String weighting;

    @Option(names = "--ema", paramLabel = "DECAY", description = "EMA decay of the weights.")
    Double ema;

    @Option(names = "--image-size", paramLabel = "N", description = "Image side for images:DIR (default 28).")
    Integer imageSize;

    @Option(names = "--resume", paramLabel = "RUNDIR", description = "Continue the run in RUNDIR exactly where it stopped.")
    Path resume;

    @Override
    protected String commandName() {
        return "train";
    }

    @Override
    protected Object configuration() {
        throw new NotBuiltException("bellman train", 6);
    }

    @Override
    protected Object execute(RunContext context, Object configuration) {
        throw new NotBuiltException("bellman train", 6);
    }
}
