package dev.bellman.data.toy;

import dev.bellman.data.DataException;
import dev.bellman.data.Distribution;
import dev.bellman.data.mixture.GaussianMixture;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The 2-D toy distributions of the FFJORD benchmarks (Grathwohl et al. 2019, {@code toy_data.py}),
 * with the generating formulas re-derived here, plus {@code 25gaussians}.
 *
 * <p>Where FFJORD places points on an evenly spaced grid of angles (moons, circles, rings) or splits a
 * batch into fixed class counts (pinwheel, 2spirals), this version draws the angle and the class at
 * random per sample, so that every batch is an i.i.d. sample of one fixed law.
 *
 * <p>Closed forms: 8gaussians and 25gaussians are Gaussian mixtures ({@link #mixture()}, with exact
 * log-density and score); checkerboard is uniform on 8 squares of side 2 (density 1/32).
 */
public enum ToyDistribution implements Distribution {
    /** 8 equal Gaussians, means 4(cos kπ/4, sin kπ/4)/1.414, standard deviation 0.5/1.414. */
    EIGHT_GAUSSIANS("8gaussians") {
        @Override
        void fill(double[] out, int n, RandomGenerator rng) {
            for (int i = 0; i < n; i++) {
                double angle = rng.nextInt(8) * Math.PI / 4;
                out[2 * i] = (4 * Math.cos(angle) + 0.5 * rng.nextGaussian()) / FFJORD_SCALE;
                out[2 * i + 1] = (4 * Math.sin(angle) + 0.5 * rng.nextGaussian()) / FFJORD_SCALE;
            }
        }
    },
    /** 25 equal Gaussians, means (2i, 2j)/2.828 for i, j ∈ {−2..2}, standard deviation 0.05/2.828. */
    TWENTY_FIVE_GAUSSIANS("25gaussians") {
        @Override
        void fill(double[] out, int n, RandomGenerator rng) {
            for (int i = 0; i < n; i++) {
                int c = rng.nextInt(25);
                out[2 * i] = (2 * (c / 5 - 2) + 0.05 * rng.nextGaussian()) / GRID_SCALE;
                out[2 * i + 1] = (2 * (c % 5 - 2) + 0.05 * rng.nextGaussian()) / GRID_SCALE;
            }
        }
    },
    /**
     * scikit-learn's swiss roll (noise 1) seen from above and divided by 5: t = 1.5π(1 + 2U),
     * x = (t cos t + ε₁, t sin t + ε₂)/5.
     */
    SWISSROLL("swissroll") {
        @Override
        void fill(double[] out, int n, RandomGenerator rng) {
            for (int i = 0; i < n; i++) {
                double t = 1.5 * Math.PI * (1 + 2 * rng.nextDouble());
                out[2 * i] = (t * Math.cos(t) + rng.nextGaussian()) / 5;
                out[2 * i + 1] = (t * Math.sin(t) + rng.nextGaussian()) / 5;
            }
        }
    },
    /**
     * Two interleaved half circles (scikit-learn's make_moons, noise 0.1), scaled by 2 and shifted by
     * (−1, −0.2); θ ~ U(0, π), each moon with probability ½.
     */
    MOONS("moons") {
        @Override
        void fill(double[] out, int n, RandomGenerator rng) {
            for (int i = 0; i < n; i++) {
                double theta = Math.PI * rng.nextDouble();
                double x;
                double y;
                if (rng.nextBoolean()) {
                    x = Math.cos(theta);
                    y = Math.sin(theta);
                } else {
                    x = 1 - Math.cos(theta);
                    y = 0.5 - Math.sin(theta);
                }
                out[2 * i] = 2 * (x + 0.1 * rng.nextGaussian()) - 1;
                out[2 * i + 1] = 2 * (y + 0.1 * rng.nextGaussian()) - 0.2;
            }
        }
    },
    /** Two concentric circles, radii 1 and ½ (make_circles, noise 0.08), scaled by 3. */
    CIRCLES("circles") {
        @Override
        void fill(double[] out, int n, RandomGenerator rng) {
            for (int i = 0; i < n; i++) {
                double theta = 2 * Math.PI * rng.nextDouble();
                double r = rng.nextBoolean() ? 1.0 : 0.5;
                out[2 * i] = 3 * (r * Math.cos(theta) + 0.08 * rng.nextGaussian());
                out[2 * i + 1] = 3 * (r * Math.sin(theta) + 0.08 * rng.nextGaussian());
            }
        }
    },
    /** Four concentric rings of radii 3, 2.25, 1.5, 0.75, each with probability ¼, noise 0.08. */
    RINGS("rings") {
        @Override
        void fill(double[] out, int n, RandomGenerator rng) {
            for (int i = 0; i < n; i++) {
                double theta = 2 * Math.PI * rng.nextDouble();
                double r = 0.75 * (1 + rng.nextInt(4));
                out[2 * i] = r * Math.cos(theta) + 0.08 * rng.nextGaussian();
                out[2 * i + 1] = r * Math.sin(theta) + 0.08 * rng.nextGaussian();
            }
        }
    },
    /**
     * Five curved arms: f = (1 + 0.3ε₁, 0.1ε₂) rotated by φ = 2πc/5 + 0.25 e^{f₁} (class c uniform on
     * 0..4), then scaled by 2.
     */
    PINWHEEL("pinwheel") {
        @Override
        void fill(double[] out, int n, RandomGenerator rng) {
            for (int i = 0; i < n; i++) {
                double f1 = 1 + 0.3 * rng.nextGaussian();
                double f2 = 0.1 * rng.nextGaussian();
                double phi = 2 * Math.PI * rng.nextInt(5) / 5 + 0.25 * Math.exp(f1);
                double c = Math.cos(phi);
                double s = Math.sin(phi);
                out[2 * i] = 2 * (f1 * c + f2 * s);
                out[2 * i + 1] = 2 * (-f1 * s + f2 * c);
            }
        }
    },
    /**
     * Two spirals, point-symmetric: r = 3π√U, (−r cos r + U₁/2, r sin r + U₂/2) or its negative (each
     * with probability ½), divided by 3, plus N(0, 0.1² I).
     */
    TWO_SPIRALS("2spirals") {
        @Override
        void fill(double[] out, int n, RandomGenerator rng) {
            for (int i = 0; i < n; i++) {
                double r = 3 * Math.PI * Math.sqrt(rng.nextDouble());
                double x = -r * Math.cos(r) + 0.5 * rng.nextDouble();
                double y = r * Math.sin(r) + 0.5 * rng.nextDouble();
                double sign = rng.nextBoolean() ? 1 : -1;
                out[2 * i] = sign * x / 3 + 0.1 * rng.nextGaussian();
                out[2 * i + 1] = sign * y / 3 + 0.1 * rng.nextGaussian();
            }
        }
    },
    /**
     * Uniform on the 8 "black" squares of a 4 × 4 checkerboard on [−4, 4)²: square (i, j) of side 2 at
     * (2i, 2j), i, j ∈ {−2..1}, is in the support when i + j is even. Density 1/32 there.
     */
    CHECKERBOARD("checkerboard") {
        @Override
        void fill(double[] out, int n, RandomGenerator rng) {
            for (int i = 0; i < n; i++) {
                double u = 4 * rng.nextDouble() - 2; // column coordinate in [−2, 2)
                int parity = Math.floorMod((int) Math.floor(u), 2);
                double v = rng.nextDouble() - 2 * rng.nextInt(2) + parity;
                out[2 * i] = 2 * u;
                out[2 * i + 1] = 2 * v;
            }
        }
    };

    /** FFJORD divides 8gaussians by 1.414 (≈ √2, kept as written so that samples match). */
    static final double FFJORD_SCALE = 1.414;
    /** 25gaussians is divided by 2.828 (≈ 2√2) to bring it to unit-ish scale. */
    static final double GRID_SCALE = 2.828;
    /**
     * Differential entropy of 8gaussians in nats: no closed form (the components overlap a little), so
     * this is the 2-D quadrature of ../shared/reference/values.json (2401² points on [−6, 6]²).
     */
    private static final double EIGHT_GAUSSIANS_ENTROPY = 2.831880406137546;

    private final String specName;

    ToyDistribution(String specName) {
        this.specName = specName;
    }

    /** Writes n samples, row-major, into out (length ≥ 2n). */
    abstract void fill(double[] out, int n, RandomGenerator rng);

    /** The name used in data specifications, e.g. {@code 8gaussians}. */
    public String specName() {
        return specName;
    }

    /** Every valid name, comma-separated, for error messages and help text. */
    public static String validNames() {
        return Arrays.stream(values()).map(ToyDistribution::specName).collect(Collectors.joining(", "));
    }

    /** The distribution with this name (case-insensitive), if any. */
    public static Optional<ToyDistribution> find(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.specName.equals(key)).findFirst();
    }

    /**
     * The distribution with this name.
     *
     * @throws DataException naming the unknown name and listing the valid ones
     */
    public static ToyDistribution parse(String name) {
        return find(name).orElseThrow(() -> new DataException(
                "unknown toy distribution '" + name + "': valid names are " + validNames()));
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public double[] sampleFlat(int n, RandomGenerator rng) {
        if (n < 0) {
            throw new IllegalArgumentException("sample count must be ≥ 0, got " + n);
        }
        double[] out = new double[Math.multiplyExact(2, n)];
        fill(out, n, rng);
        return out;
    }

    /** The exact Gaussian mixture, for 8gaussians and 25gaussians; empty for the others. */
    public Optional<GaussianMixture> mixture() {
        switch (this) {
            case EIGHT_GAUSSIANS:
                return Optional.of(Mixtures.EIGHT);
            case TWENTY_FIVE_GAUSSIANS:
                return Optional.of(Mixtures.TWENTY_FIVE);
            default:
                return Optional.empty();
        }
    }

    /** Built once, on first use (the mixtures are immutable). */
    private static final class Mixtures {
        static final GaussianMixture EIGHT = eight();
        static final GaussianMixture TWENTY_FIVE = twentyFive();

        private static GaussianMixture eight() {
            double[][] means = new double[8][];
            for (int k = 0; k < 8; k++) {
                double angle = k * Math.PI / 4;
                means[k] = new double[] {4 * Math.cos(angle) / FFJORD_SCALE, 4 * Math.sin(angle) / FFJORD_SCALE};
            }
            return GaussianMixture.isotropic(means, 0.5 / FFJORD_SCALE);
        }

        private static GaussianMixture twentyFive() {
            double[][] means = new double[25][];
            for (int c = 0; c < 25; c++) {
                means[c] = new double[] {2.0 * (c / 5 - 2) / GRID_SCALE, 2.0 * (c % 5 - 2) / GRID_SCALE};
            }
            return GaussianMixture.isotropic(means, 0.05 / GRID_SCALE);
        }
    }

    /** Whether {@link #logDensity(double, double)} is available (a closed-form density). */
    public boolean hasLogDensity() {
        return this == EIGHT_GAUSSIANS || this == TWENTY_FIVE_GAUSSIANS || this == CHECKERBOARD;
    }

    /**
     * The exact log-density at (x₁, x₂); −∞ off the support of checkerboard.
     *
     * @throws UnsupportedOperationException if {@link #hasLogDensity()} is false
     */
    public double logDensity(double x1, double x2) {
        if (this == CHECKERBOARD) {
            if (!(x1 >= -4 && x1 < 4 && x2 >= -4 && x2 < 4)) {
                return Double.NEGATIVE_INFINITY;
            }
            int i = (int) Math.floor(x1 / 2);
            int j = (int) Math.floor(x2 / 2);
            return Math.floorMod(i + j, 2) == 0 ? -Math.log(32) : Double.NEGATIVE_INFINITY;
        }
        return mixture().map(m -> m.logDensity(new double[] {x1, x2})).orElseThrow(
                () -> new UnsupportedOperationException(specName + " has no closed-form density"));
    }

    /**
     * The differential entropy −E[log p] in nats where known: 8gaussians (quadrature, see
     * {@link #EIGHT_GAUSSIANS_ENTROPY}), 25gaussians (its components are 40 standard deviations apart,
     * so ln 25 + ln(2πe s²) is exact to double precision), checkerboard (ln 32).
     */
    public OptionalDouble entropy() {
        switch (this) {
            case EIGHT_GAUSSIANS:
                return OptionalDouble.of(EIGHT_GAUSSIANS_ENTROPY);
            case TWENTY_FIVE_GAUSSIANS: {
                double s = 0.05 / GRID_SCALE;
                return OptionalDouble.of(Math.log(25) + Math.log(2 * Math.PI * Math.E * s * s));
            }
            case CHECKERBOARD:
                return OptionalDouble.of(Math.log(32));
            default:
                return OptionalDouble.empty();
        }
    }

    @Override
    public String toString() {
        return specName;
    }
}
