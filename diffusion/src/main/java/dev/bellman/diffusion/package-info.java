/**
 * Diffusion models as stochastic optimal control (DESIGN.md §1.4).
 *
 * <ul>
 *   <li>{@link dev.bellman.diffusion.ControlModel}: a forward SDE plus a control u(t_f, x) in forward time.</li>
 *   <li>{@code sde}: forward SDEs VP, sub-VP, VE.</li>
 *   <li>{@code reverse}: the reverse-time controlled SDE (the one time flip).</li>
 *   <li>{@code net.unet}: the small U-Net control network for images.</li>
 * </ul>
 */
package dev.bellman.diffusion;
