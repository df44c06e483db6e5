package dev.bellman.diffusion.train;

/**
 * The outcome of {@link ScoreMatchingTrainer#train}.
 *
 * @param steps optimizer steps done in total (resumed runs included)
 * @param finalLoss the mean loss of the last min(100, steps) steps
 * @param stepsPerSecond steps per second of this session's training loop (wall time)
 * @param wallSeconds this session's training-loop wall time
 * @param sessionSteps steps done in this session
 */
public record TrainSummary(long steps, double finalLoss, double stepsPerSecond, double wallSeconds, long sessionSteps) {}
