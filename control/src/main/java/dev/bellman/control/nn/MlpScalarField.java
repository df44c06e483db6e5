package dev.bellman.control.nn;

import dev.bellman.control.field.JetField;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.Derivatives;
import dev.bellman.control.field.Jet;
import dev.bellman.control.field.ScalarField;
import java.util.ArrayList;
import java.util.List;

/**
 * A value network φ_θ(t, x) (or φ_θ(x) when stationary) with exact derivatives by forward-mode
 * propagation ({@link Mlp#taylor}): one pass gives the value, ∇ₓφ (d tangents), the full Hessian
 * (d(d+1)/2 distinct entries from the (B, d, d, w) second-order tensor; for small d), directional
 * second derivatives wᵀ∇²φw (one tangent and one second-order term per direction) and ∂ₜφ (one
 * tangent along t).
 *
 * <p>Inside a {@code GradientCollector} every output is attached to the parameters; a detached
 * request runs with autograd recording off. Intermediates are scoped: only the jet's entries survive
 * the call.
 */
public final class MlpScalarField implements JetField {
    private final Mlp mlp;
    private final FieldInputs inputs;

    /**
     * @param mlp a network with d (+1 if time-dependent) inputs and one output; t is input 0
     * @param dim d
     * @param timeDependent whether the network takes t
     */
    public MlpScalarField(Mlp mlp, int dim, boolean timeDependent) {
        if (mlp.outputDim() != 1) {
            throw new IllegalArgumentException("a scalar field needs a network with one output, got " + mlp.outputDim());
        }
        this.mlp = mlp;
        this.inputs = new FieldInputs(mlp, dim, timeDependent);
    }

    public Mlp mlp() {
        return mlp;
    }

    @Override
    public int dim() {
        return inputs.dim;
    }

    @Override
    public boolean stationary() {
        return !inputs.timeDependent;
    }

    @Override
    public NDArray value(NDArray t, NDArray x) {
        try (Scope scope = Scope.open()) {
            return scope.keep(mlp.forward(inputs.input(t, x)));
        }
    }

    @Override
    public Jet jet(NDArray t, NDArray x, Derivatives request) {
        try (Scope scope = Scope.open(); GradMode off = request.detached() ? GradMode.disabled() : null) {
            Jet jet = compute(t, x, request);
            scope.keep(jet.value());
            scope.keep(jet.gradient());
            scope.keep(jet.hessian());
            scope.keep(jet.directional());
            scope.keep(jet.timeDerivative());
            return jet;
        }
    }

    private Jet compute(NDArray t, NDArray x, Derivatives request) {
        int d = inputs.dim;
        NDArray input = inputs.input(t, x);
        long batch = x.getShape().get(0);
        boolean wantX = request.gradient() || request.hessian();
        boolean wantT = request.time() && inputs.timeDependent;
        NDArray dirs = request.directions() == null ? null : inputs.lift(request.directions());
        NDArray constant = wantX && wantT ? inputs.xtTangents : wantX ? inputs.xTangents : wantT ? inputs.tTangent : null;
        NDArray tangents;
        if (dirs == null) {
            tangents = constant;
        } else if (constant == null) {
            tangents = dirs;
        } else {
            long lead = dirs.getShape().get(0);
            NDArray c = lead == 1 ? constant : constant.broadcast(new Shape(lead, constant.getShape().get(1), inputs.inputDim));
            tangents = NDArrays.concat(new NDList(c, dirs), 1);
        }
        NDArray timeZeros = request.time() && !inputs.timeDependent
                ? x.getManager().zeros(new Shape(batch, 1), x.getDataType()) : null;
        if (tangents == null) {
            return new Jet(mlp.forward(input), null, null, null, timeZeros);
        }
        int nConst = constant == null ? 0 : (int) constant.getShape().get(1);
        int k = dirs == null ? 0 : (int) dirs.getShape().get(1);
        Taylor taylor = mlp.taylor(input, tangents, request.hessian() ? d : 0, nConst, k);
        NDArray first = taylor.first();
        NDArray gradient = !request.gradient() ? null
                : first.getShape().get(1) == d ? first.reshape(batch, d) : first.get(new NDIndex(":, 0:{}, 0", d));
        NDArray time = wantT ? first.get(new NDIndex(":, {}, :", wantX ? d : 0)) : timeZeros;
        NDArray hessian = request.hessian() ? taylor.second().reshape(new Shape(batch, d, d)) : null;
        NDArray directional = k > 0 ? taylor.diagonal().reshape(new Shape(batch, k)) : null;
        return new Jet(taylor.value(), gradient, hessian, directional, time);
    }

    /** The parameters of the underlying network. */
    public List<Parameter> parameters() {
        return new ArrayList<>(mlp.parameters());
    }
}
