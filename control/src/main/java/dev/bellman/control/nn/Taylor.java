package dev.bellman.control.nn;

import ai.djl.ndarray.NDArray;

/**
 * The output of {@link Mlp#taylor}: the network y = N(z) at inputs z (B, p) with its forward-mode
 * derivatives along Q input tangents uᵢ. Entries not requested are null.
 *
 * @param value y (B, o)
 * @param first first derivatives Dy[uᵢ] (B, Q, o)
 * @param second second derivatives D²y[uᵢ, uⱼ] for i, j &lt; H (B, H, H, o)
 * @param diagonal second derivatives D²y[uₖ, uₖ] for the K tangents of the diagonal block (B, K, o)
 */
public record Taylor(NDArray value, NDArray first, NDArray second, NDArray diagonal) {}
