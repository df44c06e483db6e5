/**
 * A small U-Net control network for images (DESIGN.md §1.4, §1.5).
 *
 * <ul>
 *   <li>{@link dev.bellman.diffusion.net.unet.UNet}: u_θ(t_f, x) on flat images (B, C·H·W) as a
 *       {@link dev.bellman.control.field.VectorField} (Hutchinson divergence only), its named
 *       parameters, snapshot and load;</li>
 *   <li>{@link dev.bellman.diffusion.net.unet.UNetConfig}: image shape, widths, GroupNorm groups,
 *       embedding size, precision, seed;</li>
 *   <li>{@link dev.bellman.diffusion.net.unet.GroupNorm}: group normalisation as an op sequence;</li>
 *   <li>{@link dev.bellman.diffusion.net.unet.TimeEmbedding}: sinusoidal features of the forward time.</li>
 * </ul>
 */
package dev.bellman.diffusion.net.unet;
