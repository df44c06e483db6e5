package dev.bellman.control.sde;

/** A hook called after every integrator step (record trajectories, accumulate rewards). */
@FunctionalInterface
public interface StepHandler {

    void onStep(StepEvent event);
}
