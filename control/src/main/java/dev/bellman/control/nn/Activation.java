package dev.bellman.control.nn;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.Scalars;
import java.util.Locale;

/**
 * Smooth activations with their first and second derivatives in closed form, for forward-mode
 * (Taylor) propagation: ḣ = σ'(z)ż, ḧ = σ''(z)ż² + σ'(z)z̈.
 */
public enum Activation {
    /** tanh: σ' = 1 − h², σ'' = −2h(1 − h²). */
    TANH {
        @Override
        NDArray[] apply(NDArray z, int order) {
            NDArray h = z.tanh();
            if (order == 0) {
                return new NDArray[] {h, null, null};
            }
            NDArray d1 = h.square().neg().add(1.0);
            NDArray d2 = order < 2 ? null : Scalars.mul(h.mul(d1), -2.0);
            return new NDArray[] {h, d1, d2};
        }
    },
    /** SiLU z·s(z), s the logistic function: σ' = s(1 + z(1 − s)), σ'' = s(1 − s)(2 + z(1 − 2s)). */
    SILU {
        @Override
        NDArray[] apply(NDArray z, int order) {
            NDArray s = z.getNDArrayInternal().sigmoid();
            NDArray h = z.mul(s);
            if (order == 0) {
                return new NDArray[] {h, null, null};
            }
            NDArray oneMinusS = s.neg().add(1.0);
            NDArray d1 = s.mul(z.mul(oneMinusS).add(1.0));
            NDArray d2 = order < 2 ? null
                    : s.mul(oneMinusS).mul(z.mul(oneMinusS.sub(s)).add(2.0));
            return new NDArray[] {h, d1, d2};
        }
    },
    /** softplus log(1 + eᶻ): σ' = s(z), σ'' = s(1 − s). */
    SOFTPLUS {
        @Override
        NDArray[] apply(NDArray z, int order) {
            NDArray h = z.getNDArrayInternal().softPlus();
            if (order == 0) {
                return new NDArray[] {h, null, null};
            }
            NDArray s = z.getNDArrayInternal().sigmoid();
            NDArray d2 = order < 2 ? null : s.mul(s.neg().add(1.0));
            return new NDArray[] {h, s, d2};
        }
    },
    /** sin (SIREN-style periodic features): σ' = cos, σ'' = −sin. */
    SIN {
        @Override
        NDArray[] apply(NDArray z, int order) {
            NDArray h = z.sin();
            if (order == 0) {
                return new NDArray[] {h, null, null};
            }
            return new NDArray[] {h, z.cos(), order < 2 ? null : h.neg()};
        }
    };

    /**
     * σ(z), and σ'(z), σ''(z) up to {@code order} (0, 1 or 2); entries beyond the order are null.
     * Never in place: autograd saves these tensors for the backward pass.
     */
    abstract NDArray[] apply(NDArray z, int order);

    /** The command-line spelling, e.g. {@code tanh}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code tanh}, {@code silu}, {@code softplus} or {@code sin} (case-insensitive). */
    public static Activation parse(String text) {
        for (Activation a : values()) {
            if (a.label().equalsIgnoreCase(text.trim())) {
                return a;
            }
        }
        throw new BadInputException("unknown activation '" + text + "' (expected tanh, silu, softplus or sin)");
    }
}
