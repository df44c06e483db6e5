/**
 * Forward (noising) SDEs in forward diffusion time t: {@link dev.bellman.diffusion.sde.ForwardSde}
 * (a(t), g(t), m(t), s(t)², prior), {@link dev.bellman.diffusion.sde.VpSde},
 * {@link dev.bellman.diffusion.sde.SubVpSde}, {@link dev.bellman.diffusion.sde.VeSde},
 * {@link dev.bellman.diffusion.sde.SdeKind}.
 */
package dev.bellman.diffusion.sde;
