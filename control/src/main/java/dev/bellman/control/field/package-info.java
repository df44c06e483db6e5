/**
 * Fields with exact derivatives, the two interfaces every consumer is written against (DESIGN.md §1.1).
 *
 * <ul>
 *   <li>{@link dev.bellman.control.field.JetField}: a scalar field computed in one jet pass (networks).</li>
 *   <li>{@link dev.bellman.control.field.ScalarField}: φ(t, x), value (B,1), gradient (B,d), Hessian
 *       (B,d,d), ∂ₜφ (B,1), and a one-call {@link dev.bellman.control.field.ScalarField#jet jet};</li>
 *   <li>{@link dev.bellman.control.field.Derivatives}: what a jet must return (gradient, Hessian, ∂ₜ,
 *       directional second derivatives along (B,K,d) directions, detached or attached);</li>
 *   <li>{@link dev.bellman.control.field.Jet}: the jet's result;</li>
 *   <li>{@link dev.bellman.control.field.VectorField}: v(t, x) (B,d) and its divergence (B,1);</li>
 *   <li>{@link dev.bellman.control.field.HostVectorField}: a vector field's float64 host form for a batch at
 *       one time ({@link dev.bellman.control.field.VectorField#onHost()}), for rollouts on the JVM;</li>
 *   <li>{@link dev.bellman.control.field.AffineHostField}: c·v + b of a host field (the moved-off controls);</li>
 *   <li>{@link dev.bellman.control.field.DivergenceMode}: exact or Hutchinson divergence;</li>
 *   <li>{@link dev.bellman.control.field.TraceMode}: exact Hessian, exact columns of Σ, or Hutchinson;</li>
 *   <li>{@link dev.bellman.control.field.WeightedTrace}: Tr(ΣΣᵀ∇²φ) in those three ways;</li>
 *   <li>{@link dev.bellman.control.field.Probes}: a fixed, seeded set of Rademacher probes.</li>
 * </ul>
 */
package dev.bellman.control.field;
