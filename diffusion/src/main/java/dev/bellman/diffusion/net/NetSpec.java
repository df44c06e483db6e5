package dev.bellman.diffusion.net;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The configuration of a control network, enough to rebuild it with fresh (or checkpointed)
 * parameters. Stored as JSON in checkpoints, tagged by {@code "kind"}.
 *
 * <p>To add a network (the image U-Net of {@code dev.bellman.diffusion.net.unet}): implement this
 * with a record and register the record below under its kind.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = ControlNetConfig.class, name = "mlp")})
public interface NetSpec {

    /** D, the flat state dimension the network maps R^D → R^D. */
    int dim();

    /** A new network with this configuration and its seeded initial parameters, in a sub-manager of {@code manager}. */
    ControlNetwork build(NDManager manager);
}
