package dev.bellman.control.qlearn;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.nn.Parameter;
import dev.bellman.control.nn.ParameterSnapshot;
import java.util.List;

/**
 * In-place averaging of one network's parameters into another's, θ̄ ← (1 − w)θ̄ + wθ: the target network
 * of Q-learning (Polyak averaging with a fixed w = τ; Lillicrap et al. 2016) and the Polyak–Ruppert average
 * reported at the end (w_k = max(1 − δ, 9/(k + 10)), so early averages are not stuck at the initial weights).
 */
final class ParameterAverage {
    private final List<Parameter> source;
    private final List<Parameter> target;

    /** Starts the target at the source's values. */
    ParameterAverage(List<Parameter> source, List<Parameter> target) {
        if (source.size() != target.size()) {
            throw new IllegalArgumentException("parameter lists differ in length");
        }
        this.source = List.copyOf(source);
        this.target = List.copyOf(target);
        ParameterSnapshot.capture(source).restore(renamed());
    }

    private List<Parameter> renamed() {
        return java.util.stream.IntStream.range(0, target.size())
                .mapToObj(i -> new Parameter(source.get(i).name(), target.get(i).array())).toList();
    }

    /** θ̄ ← (1 − w)θ̄ + wθ. */
    void update(double w) {
        try (GradMode off = GradMode.disabled(); Scope scope = Scope.open()) {
            for (int i = 0; i < source.size(); i++) {
                NDArray t = target.get(i).array();
                t.muli(1 - w).addi(source.get(i).array().mul(w));
            }
        }
    }
}
