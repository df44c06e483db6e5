package dev.bellman.diffusion.checkpoint;

import dev.bellman.control.nn.ParameterSnapshot;
import dev.bellman.control.optim.AdamState;
import dev.bellman.control.optim.Ema;
import dev.bellman.diffusion.train.TrainConfig;

/**
 * Everything a score-matching run needs to continue bit for bit: its configuration (data, SDE with
 * σ_max, network, weighting, lr, batch, EMA decay, seed), the step reached, the parameters, the EMA
 * weights, Adam's state (moments and step count) and the per-step loss history.
 *
 * @param config the run's configuration
 * @param step optimizer steps done
 * @param parameters θ
 * @param ema the EMA state (averaged weights and update count)
 * @param adam Adam's state
 * @param losses the loss of every step done, in order (length {@code step})
 */
public record Checkpoint(TrainConfig config, long step, ParameterSnapshot parameters, Ema.EmaState ema, AdamState adam,
        float[] losses) {
    public Checkpoint {
        if (config == null || parameters == null || ema == null || adam == null || losses == null) {
            throw new IllegalArgumentException("a checkpoint needs a configuration, parameters, EMA, Adam state and losses");
        }
        if (step < 0 || losses.length != step) {
            throw new IllegalArgumentException("a checkpoint at step " + step + " needs " + step + " losses, got " + losses.length);
        }
        losses = losses.clone();
    }

    @Override
    public float[] losses() {
        return losses.clone();
    }
}
