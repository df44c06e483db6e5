package dev.bellman.samplers;

/** A hook called after every accepted sampler step (progress bars, trajectories, diagnostics). */
@FunctionalInterface
public interface SamplerListener {
    /** Does nothing. */
    SamplerListener NONE = step -> {};

    void onStep(SamplerStep step);
}
