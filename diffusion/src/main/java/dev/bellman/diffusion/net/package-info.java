/**
 * Control networks for vector data (DESIGN.md §1.4): {@link dev.bellman.diffusion.net.ControlNetwork}
 * (a trainable {@code VectorField} u_θ(t_f, x) with parameters; what the trainer, checkpoints and
 * trained models are written against), {@link dev.bellman.diffusion.net.NetSpec} (a network's
 * configuration, JSON-tagged by kind: {@code mlp} or {@code unet}), {@link dev.bellman.diffusion.net.ControlNet} and its
 * {@link dev.bellman.diffusion.net.ControlNetConfig} (MLP on [x, Fourier features of t]),
 * {@link dev.bellman.diffusion.net.FourierFeatures},
 * {@link dev.bellman.diffusion.net.Parameterisation} (control ↔ score ↔ noise prediction, in one place),
 * {@link dev.bellman.diffusion.net.NetOutput} (what a network's last layer produces: the control or a
 * noise prediction) and {@link dev.bellman.diffusion.net.NoisePredictionNetwork} (u_θ = −g/s · ε_θ around
 * a noise-predicting network; {@code NetSpec.buildControl} wraps when a spec asks for it).
 * Image networks live in the {@code unet} sub-package.
 */
package dev.bellman.diffusion.net;
