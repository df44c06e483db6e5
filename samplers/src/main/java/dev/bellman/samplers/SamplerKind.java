package dev.bellman.samplers;

import dev.bellman.control.BadInputException;
import dev.bellman.samplers.ode.HeunSampler;
import dev.bellman.samplers.ode.Rk45Sampler;
import dev.bellman.samplers.sde.AncestralPredictor;
import dev.bellman.samplers.sde.EtaSampler;
import dev.bellman.samplers.sde.LangevinCorrector;
import dev.bellman.samplers.sde.PredictorCorrectorSampler;
import dev.bellman.samplers.sde.ReverseDiffusionPredictor;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The samplers of DESIGN.md §1.5 by their command-line names, each with its factory. */
public enum SamplerKind {
    /** Euler–Maruyama on the η-family (η = 0: the controlled reverse SDE). */
    EM("em") {
        @Override
        public Sampler create(SamplerConfig c) {
            return new EtaSampler(c);
        }
    },
    /** Reverse-diffusion predictor with Langevin corrector (Song et al. 2021, Alg. 2 and 5). */
    PC("pc") {
        @Override
        public Sampler create(SamplerConfig c) {
            return new PredictorCorrectorSampler(c, new ReverseDiffusionPredictor(), new LangevinCorrector(c.snr(), c.correctorSteps()));
        }
    },
    /** Ancestral sampling (DDPM; VP only) predictor, no corrector. */
    ANCESTRAL("ancestral") {
        @Override
        public Sampler create(SamplerConfig c) {
            return new PredictorCorrectorSampler(c, new AncestralPredictor(), null);
        }
    },
    /** Reverse-diffusion predictor, no corrector. */
    REVERSE_DIFFUSION("reverse-diffusion") {
        @Override
        public Sampler create(SamplerConfig c) {
            return new PredictorCorrectorSampler(c, new ReverseDiffusionPredictor(), null);
        }
    },
    /** Probability-flow ODE, fixed-step Heun (2 evaluations a step). */
    ODE_HEUN("ode-heun") {
        @Override
        public Sampler create(SamplerConfig c) {
            return new HeunSampler(c);
        }
    },
    /** Probability-flow ODE, adaptive Dormand–Prince RK45. */
    ODE_RK45("ode-rk45") {
        @Override
        public Sampler create(SamplerConfig c) {
            return new Rk45Sampler(c);
        }
    };

    private final String cliName;

    SamplerKind(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line and in results, e.g. {@code ode-rk45}. */
    public String cliName() {
        return cliName;
    }

    /** The sampler for {@code config} (whose kind should be this one). */
    public abstract Sampler create(SamplerConfig config);

    /** Whether the sampler is deterministic given its prior draw (the ODE samplers). */
    public boolean deterministic() {
        return this == ODE_HEUN || this == ODE_RK45;
    }

    /** The valid names, for error messages. */
    public static String validNames() {
        return Arrays.stream(values()).map(SamplerKind::cliName).collect(Collectors.joining("|"));
    }

    /** The sampler called {@code name}; throws BadInputException listing the valid names. */
    public static SamplerKind parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (SamplerKind k : values()) {
            if (k.cliName.equals(key)) {
                return k;
            }
        }
        throw new BadInputException("unknown sampler '" + name + "'; valid: " + validNames());
    }

    @Override
    public String toString() {
        return cliName;
    }
}
