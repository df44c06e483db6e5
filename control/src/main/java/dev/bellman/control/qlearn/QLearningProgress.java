package dev.bellman.control.qlearn;

/**
 * Where a run stands.
 *
 * @param step gradient steps done
 * @param steps gradient steps planned
 * @param transitions transitions collected from the environment (online) or held in the log (offline)
 * @param elapsedSeconds wall time since learning started
 * @param tdRateRms √mean((δ/Δt)²) over the last batch: the TD error as a rate, comparable across Δt
 */
public record QLearningProgress(long step, long steps, long transitions, double elapsedSeconds, double tdRateRms) {}
