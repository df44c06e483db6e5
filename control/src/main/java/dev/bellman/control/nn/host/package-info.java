/**
 * Host kernels: float32 inference of small dense networks on the JVM with the Vector API
 * (jdk.incubator.vector), for loops that call one fixed network thousands of times on one batch.
 *
 * <p>Symbols: z (B, p) the input rows, W_l (in_l, out_l) and b_l a layer's weights and bias, σ the
 * hidden activation; {@code HostMlp} computes y = W_L σ(… σ(W_1 z + b_1) …) + b_L (B, o), the same
 * function as {@link dev.bellman.control.nn.Mlp#forward}. {@link dev.bellman.control.nn.host.HostKernels}
 * says whether the kernels can run (the JVM needs {@code --add-modules jdk.incubator.vector}); every
 * caller falls back to its DJL path when they cannot.
 */
package dev.bellman.control.nn.host;
