package dev.bellman.diffusion.net;

import dev.bellman.control.BadInputException;
import java.util.Locale;

/**
 * What a control network's last layer produces; the network's value is the control u_θ either way
 * (DESIGN.md §1.4), only its inner parameterisation differs.
 */
public enum NetOutput {
    /** The last layer is u_θ itself (the default, and every checkpoint written before this choice existed). */
    CONTROL,
    /**
     * The last layer is a noise prediction ε_θ and u_θ = −g(t) ε_θ / s(t) ({@link Parameterisation#controlFromNoise}).
     * The target of denoising score matching, −g z / s, then becomes −z at every t: the raw output stays
     * O(1) while u* grows like g/s as t → 0 (≈ 35 at t = ε = 1e-3 of the default VP). This is how
     * Ho et al. 2020 (DDPM) and Song et al. 2021 (score_sde, VP models) parameterise their networks.
     */
    NOISE;

    /** The command-line spelling, {@code control} or {@code noise}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code control} or {@code noise} (case-insensitive). */
    public static NetOutput parse(String text) {
        for (NetOutput o : values()) {
            if (o.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return o;
            }
        }
        throw new BadInputException("unknown network output '" + text + "' (expected control or noise)");
    }
}
