/**
 * Host kernels: float32 inference ({@code HostMlp}) and training ({@code HostBackprop}, {@code HostAdam})
 * of small dense SiLU networks on the JVM with the Vector API (jdk.incubator.vector), for loops where
 * libtorch's per-op cost dominates: a sampler calling one fixed network thousands of times on one
 * batch, score matching at batch 512. Every operation rounds the same whether the JIT has compiled it
 * or not (no SVML, no lane reductions in JIT-chosen order), so runs repeat bit for bit.
 *
 * <p>Symbols: z (B, p) the input rows, W_l (in_l, out_l) and b_l a layer's weights and bias, σ = SiLU
 * the hidden activation; {@code HostMlp} computes y = W_L σ(… σ(W_1 z + b_1) …) + b_L (B, o), the same
 * function as {@link dev.bellman.control.nn.Mlp#forward}. {@link dev.bellman.control.nn.host.HostKernels}
 * says whether the kernels can run (the JVM needs {@code --add-modules jdk.incubator.vector}); every
 * caller falls back to its DJL path when they cannot.
 */
package dev.bellman.control.nn.host;
