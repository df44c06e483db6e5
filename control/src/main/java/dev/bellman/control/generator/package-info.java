/**
 * Controlled diffusions and their generator (DESIGN.md §1.1).
 *
 * <ul>
 *   <li>{@link dev.bellman.control.generator.ControlledSde}: drift f(t,x,a) (B,d), diffusion Σ(t,x,a) (B,d,n),
 *       with a constant-Σ shortcut (d,n);</li>
 *   <li>{@link dev.bellman.control.generator.Policy}: a feedback control a(t,x) (B,m);</li>
 *   <li>{@link dev.bellman.control.generator.Generator}: L^aV = ∇V·f + ½Tr(ΣΣᵀ∇²V) (B,1);</li>
 *   <li>{@link dev.bellman.control.generator.GeneratorTerms}: its pieces from one jet evaluation.</li>
 * </ul>
 */
package dev.bellman.control.generator;
