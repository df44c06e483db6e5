package dev.bellman.control.reference;

/**
 * A Monte Carlo estimate with its standard error.
 *
 * @param value the estimate
 * @param standardError its standard error (delta method where the estimate is a function of a mean)
 * @param samples the number of samples
 */
public record MonteCarloEstimate(double value, double standardError, long samples) {}
