package dev.bellman.diffusion.net;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.bellman.diffusion.net.unet.UNetConfig;

/**
 * The configuration of a control network, enough to rebuild it with fresh (or checkpointed)
 * parameters. Stored as JSON in checkpoints, tagged by {@code "kind"}.
 *
 * <p>Kinds: {@code "mlp"} ({@link ControlNetConfig}, vectors) and {@code "unet"} ({@link UNetConfig},
 * images). To add a network: implement this with a record and register the record below under a new
 * kind (a kind, once written into checkpoints, keeps its name and fields so old checkpoints load).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = ControlNetConfig.class, name = "mlp"),
        @JsonSubTypes.Type(value = UNetConfig.class, name = "unet")})
public interface NetSpec {

    /** D, the flat state dimension the network maps R^D → R^D. */
    int dim();

    /** A new network with this configuration and its seeded initial parameters, in a sub-manager of {@code manager}. */
    ControlNetwork build(NDManager manager);

    /** What the network's last layer produces; {@link NetOutput#CONTROL} unless a spec says otherwise. */
    default NetOutput output() {
        return NetOutput.CONTROL;
    }

    /**
     * The control network u_θ of this spec for the forward SDE {@code sde}: {@link #build} itself, or it
     * wrapped as a {@link NoisePredictionNetwork} when {@link #output} is {@link NetOutput#NOISE}. The
     * trainer and trained models build through this, so both see the same u_θ.
     */
    default ControlNetwork buildControl(NDManager manager, dev.bellman.diffusion.sde.ForwardSde sde) {
        ControlNetwork net = build(manager);
        return output() == NetOutput.NOISE ? new NoisePredictionNetwork(net, sde) : net;
    }
}
