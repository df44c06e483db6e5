/**
 * A small U-Net control network for images (DESIGN.md §1.4, §1.5).
 *
 * <ul>
 *   <li>{@link dev.bellman.diffusion.net.unet.UNet}: u_θ(t_f, x) on flat images (B, C·H·W) as a
 *       {@link dev.bellman.diffusion.net.ControlNetwork} (Hutchinson divergence only), its named
 *       parameters, snapshot and load; convolutions with channel counts padded to multiples of 16
 *       (oneDNN padded-layout garbage, see {@code UNet.CHANNEL_BLOCK});</li>
 *   <li>{@link dev.bellman.diffusion.net.unet.UNetConfig}: image shape, widths, GroupNorm groups,
 *       embedding size, precision, seed; a {@link dev.bellman.diffusion.net.NetSpec} of kind
 *       {@code "unet"} (checkpoints rebuild the U-Net), with {@code defaults(C, H, W, precision, seed)}
 *       for {@code bellman train} and {@code mnist(seed)};</li>
 *   <li>{@link dev.bellman.diffusion.net.unet.GroupNorm}: group normalisation as an op sequence;</li>
 *   <li>{@link dev.bellman.diffusion.net.unet.TimeEmbedding}: sinusoidal features of the forward time.</li>
 * </ul>
 */
package dev.bellman.diffusion.net.unet;
