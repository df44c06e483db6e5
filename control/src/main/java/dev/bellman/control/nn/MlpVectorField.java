package dev.bellman.control.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.VectorField;
import java.util.List;

/**
 * A vector-field network v_θ(t, x) ∈ R^d (control networks u_θ): value and divergence by forward
 * mode, exact (d tangents, the trace of the Jacobian) or Hutchinson's vᵀJv over fixed probes (one
 * tangent per probe: cost independent of d).
 */
public final class MlpVectorField implements VectorField {
    private final Mlp mlp;
    private final FieldInputs inputs;
    private final NDArray eye; // (1, d, d)

    /**
     * @param mlp a network with d (+1 if time-dependent) inputs and d outputs; t is input 0
     * @param dim d
     * @param timeDependent whether the network takes t
     */
    public MlpVectorField(Mlp mlp, int dim, boolean timeDependent) {
        if (mlp.outputDim() != dim) {
            throw new IllegalArgumentException("a vector field in d = " + dim + " needs " + dim + " outputs, got " + mlp.outputDim());
        }
        this.mlp = mlp;
        this.inputs = new FieldInputs(mlp, dim, timeDependent);
        this.eye = mlp.manager().eye(dim).toType(mlp.dataType(), false).expandDims(0);
        ai.djl.ndarray.NDScope.unregister(eye);
    }

    public Mlp mlp() {
        return mlp;
    }

    public List<Parameter> parameters() {
        return mlp.parameters();
    }

    @Override
    public int dim() {
        return inputs.dim;
    }

    @Override
    public NDArray value(NDArray t, NDArray x) {
        try (Scope scope = Scope.open()) {
            return scope.keep(mlp.forward(inputs.input(t, x)));
        }
    }

    /** Jacobian-vector products J v for directions v (B|1, K, d) → (B, K, d). */
    public NDArray jacobianVectorProducts(NDArray t, NDArray x, NDArray directions) {
        try (Scope scope = Scope.open()) {
            return scope.keep(mlp.taylor(inputs.input(t, x), inputs.lift(directions), 0, 0, 0).first());
        }
    }

    @Override
    public NDArray divergence(NDArray t, NDArray x, DivergenceMode mode) {
        long batch = x.getShape().get(0);
        try (Scope scope = Scope.open()) {
            NDArray input = inputs.input(t, x);
            NDArray div;
            if (mode instanceof DivergenceMode.Hutchinson h) {
                if (h.probes().dim() != inputs.dim) {
                    throw new IllegalArgumentException("divergence probes have length " + h.probes().dim() + ", need " + inputs.dim);
                }
                NDArray v = h.probes().toArray(x.getManager(), x.getDataType()).expandDims(0); // (1, K, d)
                NDArray jv = mlp.taylor(input, inputs.lift(v), 0, 0, 0).first(); // (B, K, d)
                div = jv.mul(v).sum(new int[] {2}).mean(new int[] {1}, true);
            } else {
                NDArray jac = mlp.taylor(input, inputs.xTangents, 0, 0, 0).first(); // (B, d, d): [i, o] = ∂v_o/∂x_i
                div = jac.mul(eye).sum(new int[] {1, 2}).reshape(new Shape(batch, 1));
            }
            return scope.keep(div);
        }
    }
}
