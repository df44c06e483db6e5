/**
 * Networks on raw NDArray ops with exact derivatives by forward-mode (Taylor) propagation.
 *
 * <ul>
 *   <li>{@link dev.bellman.control.nn.Mlp}: a fully connected network, {@code forward} and {@code taylor};</li>
 *   <li>{@link dev.bellman.control.nn.MlpConfig}, {@link dev.bellman.control.nn.Activation} (tanh, SiLU,
 *       softplus, sin), {@link dev.bellman.control.nn.Init} (Xavier, He);</li>
 *   <li>{@link dev.bellman.control.nn.Taylor}: value, first and second derivatives along tangents;</li>
 *   <li>{@link dev.bellman.control.nn.MlpScalarField}: a value network as a
 *       {@link dev.bellman.control.field.ScalarField};</li>
 *   <li>{@link dev.bellman.control.nn.MlpVectorField}: a control network as a
 *       {@link dev.bellman.control.field.VectorField};</li>
 *   <li>{@link dev.bellman.control.nn.Parameter}, {@link dev.bellman.control.nn.ParameterSnapshot}: named
 *       parameters and their values copied out (target networks, EMA, checkpoints, binary form).</li>
 * </ul>
 */
package dev.bellman.control.nn;
