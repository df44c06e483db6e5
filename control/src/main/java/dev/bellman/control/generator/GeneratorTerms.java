package dev.bellman.control.generator;

import ai.djl.ndarray.NDArray;

/**
 * The pieces of L^aV = ∇V·f + ½Tr(ΣΣᵀ∇²V), all (B, 1) except the gradient (B, d) and drift (B, d).
 *
 * @param value V (B, 1)
 * @param timeDerivative ∂ₜV (B, 1), or null when not requested
 * @param gradient ∇V (B, d)
 * @param drift f(t, x, a) (B, d)
 * @param driftTerm ∇V·f (B, 1)
 * @param diffusionTerm ½Tr(ΣΣᵀ∇²V) (B, 1)
 * @param generator L^aV (B, 1)
 */
public record GeneratorTerms(NDArray value, NDArray timeDerivative, NDArray gradient, NDArray drift,
        NDArray driftTerm, NDArray diffusionTerm, NDArray generator) {}
