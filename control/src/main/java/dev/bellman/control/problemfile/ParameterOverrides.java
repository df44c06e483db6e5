package dev.bellman.control.problemfile;

import dev.bellman.control.BadInputException;
import dev.bellman.control.reference.HanJentzenE;
import dev.bellman.control.reference.LqrFiniteParameters;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.reference.MertonFiniteSolution;
import dev.bellman.control.reference.MertonParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --set key=value} overrides of the scalar problem parameters (DESIGN.md 4), applied to the
 * reference defaults of §1.3 or to a problem file. Keys per problem:
 * lqr alpha, beta, q, r_a, sigma, rho; lqr-finite those plus q_T, T; merton r_f, mu, sigma, gamma, rho;
 * merton-finite those plus T (ρ defaults to 0 there); hjb-lq lambda, T. Over a problem file only the
 * scalars the file also holds may be set (lqr: rho; lqr-finite: rho, T; merton: r_f, gamma, rho).
 * A malformed entry, an unknown key or a non-numeric value is refused naming the key; a later --set of
 * the same key wins.
 */
public final class ParameterOverrides {
    public static final Set<String> LQR = Set.of("alpha", "beta", "q", "r_a", "sigma", "rho");
    public static final Set<String> LQR_FINITE = Set.of("alpha", "beta", "q", "r_a", "sigma", "rho", "q_T", "T");
    public static final Set<String> MERTON = Set.of("r_f", "mu", "sigma", "gamma", "rho");
    public static final Set<String> MERTON_FINITE = Set.of("r_f", "mu", "sigma", "gamma", "rho", "T");
    public static final Set<String> HJB_LQ = Set.of("lambda", "T");

    private ParameterOverrides() {}

    /** Parses key=value entries, refusing unknown keys and non-numbers; keeps the last of repeated keys. */
    public static Map<String, Double> parse(String problem, List<String> sets, Set<String> allowed) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (sets == null) {
            return out;
        }
        for (String s : sets) {
            int eq = s == null ? -1 : s.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--set expects key=value, got '" + s + "'");
            }
            String key = s.substring(0, eq).strip();
            String text = s.substring(eq + 1).strip();
            if (!allowed.contains(key)) {
                throw new BadInputException("--set " + key + ": unknown parameter for problem " + problem + " (known: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
            double v;
            try {
                v = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new BadInputException("--set " + key + ": '" + text + "' is not a number");
            }
            if (!Double.isFinite(v)) {
                throw new BadInputException("--set " + key + ": " + text + " is not a finite number");
            }
            out.put(key, v);
        }
        return out;
    }

    /** lqr: d decoupled copies of the scalar problem with the overrides. */
    public static LqrParameters lqr(int dim, List<String> sets) {
        Map<String, Double> o = parse("lqr", sets, LQR);
        return LqrParameters.decoupled(dim, o.getOrDefault("alpha", LqrParameters.ALPHA), o.getOrDefault("beta", LqrParameters.BETA),
                o.getOrDefault("q", LqrParameters.Q_WEIGHT), o.getOrDefault("r_a", LqrParameters.R_A),
                o.getOrDefault("sigma", LqrParameters.SIGMA), o.getOrDefault("rho", LqrParameters.RHO));
    }

    /** lqr from a problem file: only rho may be overridden. */
    public static LqrParameters lqr(LqrParameters fromFile, List<String> sets) {
        Map<String, Double> o = parse("lqr (problem file)", sets, Set.of("rho"));
        return o.containsKey("rho") ? fromFile.withRho(o.get("rho")) : fromFile;
    }

    /** lqr-finite: decoupled copies, Q_T = q_T I (default 1), T (default 1). */
    public static LqrFiniteParameters lqrFinite(int dim, List<String> sets) {
        Map<String, Double> o = parse("lqr-finite", sets, LQR_FINITE);
        LqrParameters dyn = LqrParameters.decoupled(dim, o.getOrDefault("alpha", LqrParameters.ALPHA),
                o.getOrDefault("beta", LqrParameters.BETA), o.getOrDefault("q", LqrParameters.Q_WEIGHT),
                o.getOrDefault("r_a", LqrParameters.R_A), o.getOrDefault("sigma", LqrParameters.SIGMA),
                o.getOrDefault("rho", LqrParameters.RHO));
        return LqrFiniteParameters.decoupled(dyn, o.getOrDefault("q_T", LqrFiniteParameters.Q_T_DEFAULT),
                o.getOrDefault("T", LqrFiniteParameters.T_DEFAULT));
    }

    /** lqr-finite from a problem file: rho and T may be overridden. */
    public static LqrFiniteParameters lqrFinite(LqrFiniteParameters fromFile, List<String> sets) {
        Map<String, Double> o = parse("lqr-finite (problem file)", sets, Set.of("rho", "T"));
        LqrParameters dyn = o.containsKey("rho") ? fromFile.dynamics().withRho(o.get("rho")) : fromFile.dynamics();
        return new LqrFiniteParameters(dyn, fromFile.Q_T(), o.getOrDefault("T", fromFile.T()));
    }

    /** merton: the single-asset problem with the overrides. */
    public static MertonParameters merton(List<String> sets) {
        Map<String, Double> o = parse("merton", sets, MERTON);
        return MertonParameters.single(o.getOrDefault("r_f", MertonParameters.R_F), o.getOrDefault("mu", MertonParameters.MU),
                o.getOrDefault("sigma", MertonParameters.SIGMA), o.getOrDefault("gamma", MertonParameters.GAMMA),
                o.getOrDefault("rho", MertonParameters.RHO));
    }

    /** merton from a problem file: r_f, gamma, rho may be overridden. */
    public static MertonParameters merton(MertonParameters fromFile, List<String> sets) {
        Map<String, Double> o = parse("merton (problem file)", sets, Set.of("r_f", "gamma", "rho"));
        return new MertonParameters(o.getOrDefault("r_f", fromFile.r_f()), fromFile.mu(), fromFile.C(),
                o.getOrDefault("gamma", fromFile.gamma()), o.getOrDefault("rho", fromFile.rho()));
    }

    /** merton-finite: single asset, ρ default 0, T default 1. */
    public static MertonFiniteSolution mertonFinite(List<String> sets) {
        Map<String, Double> o = parse("merton-finite", sets, MERTON_FINITE);
        MertonParameters p = MertonParameters.single(o.getOrDefault("r_f", MertonParameters.R_F),
                o.getOrDefault("mu", MertonParameters.MU), o.getOrDefault("sigma", MertonParameters.SIGMA),
                o.getOrDefault("gamma", MertonParameters.GAMMA), o.getOrDefault("rho", 0.0));
        return MertonFiniteSolution.of(p, o.getOrDefault("T", MertonFiniteSolution.T_DEFAULT));
    }

    /** hjb-lq in dimension d: lambda (default 1), T (default 1). */
    public static HanJentzenE hjbLq(int dim, List<String> sets) {
        Map<String, Double> o = parse("hjb-lq", sets, HJB_LQ);
        return new HanJentzenE(dim, o.getOrDefault("lambda", HanJentzenE.LAMBDA_DEFAULT), o.getOrDefault("T", HanJentzenE.T_DEFAULT));
    }
}
