package dev.bellman.control.hjb;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.generator.GeneratorTerms;

/**
 * The HJB residual R = ρV − ∂ₜV − H of one batch with H = r + L^aV at the policy's action.
 *
 * @param residual R (B, 1)
 * @param hamiltonian H = r + L^aV (B, 1), the normaliser of the reported residual
 * @param action a (B, m)
 * @param reward r (B, 1)
 * @param generator the pieces of L^aV
 */
public record HjbTerms(NDArray residual, NDArray hamiltonian, NDArray action, NDArray reward, GeneratorTerms generator) {}
