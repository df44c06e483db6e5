package dev.bellman.samplers.likelihood;

/**
 * Log-densities of a batch under the model.
 *
 * @param logDensity log p_ε(x_i) per row, nats
 * @param evaluations network evaluations per solve, averaged over the solves (one solve per batch chunk)
 * @param solves the number of ODE solves
 */
public record LikelihoodResult(double[] logDensity, long evaluations, int solves) {
    public LikelihoodResult {
        logDensity = logDensity.clone();
    }

    @Override
    public double[] logDensity() {
        return logDensity.clone();
    }

    /** The mean log-density. */
    public double mean() {
        double s = 0;
        for (double v : logDensity) {
            s += v;
        }
        return s / logDensity.length;
    }

    /** The negative log-likelihood −mean log p, nats. */
    public double nll() {
        return -mean();
    }
}
