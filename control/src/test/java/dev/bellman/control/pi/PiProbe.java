package dev.bellman.control.pi;

import ai.djl.ndarray.NDManager;
import dev.bellman.control.TestSupport;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.reference.MertonParameters;

/** Manual probe: java ... PiProbe lqr|merton iterations method. */
public final class PiProbe {
    public static void main(String[] args) {
        TestSupport.engine();
        String which = args.length > 0 ? args[0] : "lqr";
        int it = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        EvaluationMethod m = args.length > 2 ? EvaluationMethod.parse(args[2]) : EvaluationMethod.HYBRID;
        ReferenceCase c = which.equals("merton") ? ReferenceCase.merton(MertonParameters.reference())
                : ReferenceCase.lqr(LqrParameters.reference());
        PolicyIterationConfig cfg = PolicyIterationConfig.defaults().withIterations(it).withEvaluation(m);
        if (args.length > 3) {
            java.util.List<Integer> h = args[3].equals("none") ? java.util.List.of() : java.util.List.of(Integer.parseInt(args[3]));
            cfg = cfg.withHidden(h, h);
        }
        if (args.length > 6) {
            cfg = cfg.withSteps(Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]));
        }
        if (args.length > 9) {
            cfg = cfg.withRates(Double.parseDouble(args[7]), Double.parseDouble(args[8]), Double.parseDouble(args[9]));
        }
        if (which.equals("merton")) {
            cfg = cfg.withWeighting(StateWeighting.VALUE_SCALE);
        }
        try (NDManager manager = TestSupport.manager();
                PolicyIterationRun.Outcome o = PolicyIterationRun.run(c, cfg, manager, s -> {})) {
            o.history().forEach(h -> System.out.println(h.csv()));
            System.out.println(dev.bellman.control.run.Json.write(o.result()).replaceAll("\\s+", " "));
        }
    }
}
