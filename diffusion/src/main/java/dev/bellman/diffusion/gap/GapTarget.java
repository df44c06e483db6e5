package dev.bellman.diffusion.gap;

import dev.bellman.control.BadInputException;
import dev.bellman.data.DataSource;
import dev.bellman.data.mixture.GaussianMixture;
import dev.bellman.diffusion.exact.EmpiricalOptimalControl;
import dev.bellman.diffusion.sde.ForwardSde;

/**
 * What a model's control is compared with (DESIGN.md §1.4, "which gap is reported"): the exact
 * optimal control of mixture data (then J, V and the identity are also estimated, since log p_data
 * is known), or the empirical-optimal control of a finite training set (the distance to the
 * memorising optimum; no J, V or identity, as the data density is unknown).
 */
public sealed interface GapTarget permits GapTarget.Mixture, GapTarget.Empirical {

    /** D. */
    int dim();

    /** Exact mixture data: {@code gap}, J, V and the identity residual. */
    record Mixture(GaussianMixture data) implements GapTarget {
        public Mixture {
            if (data == null) {
                throw new IllegalArgumentException("a mixture target needs the mixture");
            }
        }

        @Override
        public int dim() {
            return data.dimension();
        }
    }

    /** A finite training set: {@code gap_empirical} only. The caller owns (and closes) the control. */
    record Empirical(EmpiricalOptimalControl control) implements GapTarget {
        public Empirical {
            if (control == null) {
                throw new IllegalArgumentException("an empirical target needs the empirical-optimal control");
            }
        }

        @Override
        public int dim() {
            return control.dim();
        }
    }

    static GapTarget mixture(GaussianMixture data) {
        return new Mixture(data);
    }

    /**
     * The target a data source calls for: its exact mixture if it has one (8gaussians, 25gaussians,
     * gmm:FILE), else the empirical-optimal control of its training split (close it when done).
     *
     * @throws BadInputException for an endless law with no exact mixture (no finite set to memorise)
     */
    static GapTarget of(DataSource source, ForwardSde sde) {
        if (source.exactMixture().isPresent()) {
            return new Mixture(source.exactMixture().get());
        }
        return source.split()
                .<GapTarget>map(split -> new Empirical(EmpiricalOptimalControl.of(sde, split.train())))
                .orElseThrow(() -> new BadInputException("data " + source.spec() + " has neither an exact mixture nor a"
                        + " finite training set, so no optimal control to measure the gap against"));
    }
}
