package dev.bellman.data.toy;

import static dev.bellman.data.TestSupport.simpson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bellman.data.DataException;
import dev.bellman.data.TestSupport;
import dev.bellman.data.mixture.GaussianMixture;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ToyDistributionTest {
    /** Mean (2) and covariance (xx, yy, xy) of a toy law, derived from its formula, not its sampler. */
    record Moments(double mx, double my, double vxx, double vyy, double vxy) {}

    private static final int QUAD = 20_000;

    /** E over u ~ U(0, 1) of f(u), by Simpson's rule. */
    private static double expectU(DoubleUnaryOperator f) {
        return simpson(f, 0, 1, QUAD);
    }

    static Moments expected(ToyDistribution toy) {
        switch (toy) {
            case EIGHT_GAUSSIANS: {
                // Centres at radius 4 on 8 equally spaced angles: E[cos²] = ½, E[cos sin] = 0.
                double v = (16 * 0.5 + 0.25) / (1.414 * 1.414);
                return new Moments(0, 0, v, v, 0);
            }
            case TWENTY_FIVE_GAUSSIANS: {
                // Coordinates 2i, i uniform on {−2..2}: E[(2i)²] = 4·2 = 8.
                double v = (8 + 0.05 * 0.05) / (2.828 * 2.828);
                return new Moments(0, 0, v, v, 0);
            }
            case SWISSROLL: {
                DoubleUnaryOperator t = u -> 1.5 * Math.PI * (1 + 2 * u);
                double ex = expectU(u -> t.applyAsDouble(u) * Math.cos(t.applyAsDouble(u)));
                double ey = expectU(u -> t.applyAsDouble(u) * Math.sin(t.applyAsDouble(u)));
                double exx = expectU(u -> Math.pow(t.applyAsDouble(u) * Math.cos(t.applyAsDouble(u)), 2)) + 1;
                double eyy = expectU(u -> Math.pow(t.applyAsDouble(u) * Math.sin(t.applyAsDouble(u)), 2)) + 1;
                double exy = expectU(u -> Math.pow(t.applyAsDouble(u), 2) * Math.cos(t.applyAsDouble(u)) * Math.sin(t.applyAsDouble(u)));
                return new Moments(ex / 5, ey / 5, (exx - ex * ex) / 25, (eyy - ey * ey) / 25, (exy - ex * ey) / 25);
            }
            case MOONS: {
                // Half of the mass on each moon, θ = πu; then ×2 and shifted (shift moves only the mean).
                double ex = 0.5 * expectU(u -> Math.cos(Math.PI * u)) + 0.5 * expectU(u -> 1 - Math.cos(Math.PI * u));
                double ey = 0.5 * expectU(u -> Math.sin(Math.PI * u)) + 0.5 * expectU(u -> 0.5 - Math.sin(Math.PI * u));
                double exx = 0.5 * expectU(u -> Math.pow(Math.cos(Math.PI * u), 2))
                        + 0.5 * expectU(u -> Math.pow(1 - Math.cos(Math.PI * u), 2)) + 0.01;
                double eyy = 0.5 * expectU(u -> Math.pow(Math.sin(Math.PI * u), 2))
                        + 0.5 * expectU(u -> Math.pow(0.5 - Math.sin(Math.PI * u), 2)) + 0.01;
                double exy = 0.5 * expectU(u -> Math.cos(Math.PI * u) * Math.sin(Math.PI * u))
                        + 0.5 * expectU(u -> (1 - Math.cos(Math.PI * u)) * (0.5 - Math.sin(Math.PI * u)));
                return new Moments(2 * ex - 1, 2 * ey - 0.2, 4 * (exx - ex * ex), 4 * (eyy - ey * ey), 4 * (exy - ex * ey));
            }
            case CIRCLES: {
                double v = 9 * ((1 + 0.25) / 2 / 2 + 0.08 * 0.08);
                return new Moments(0, 0, v, v, 0);
            }
            case RINGS: {
                double er2 = 0.75 * 0.75 * (1 + 4 + 9 + 16) / 4.0;
                double v = er2 / 2 + 0.08 * 0.08;
                return new Moments(0, 0, v, v, 0);
            }
            case PINWHEEL: {
                // Five equally spaced rotations make the covariance isotropic and the mean zero;
                // E|x|² = 4 E[f₁² + f₂²] = 4 (1 + 0.09 + 0.01).
                double v = 4 * (1 + 0.09 + 0.01) / 2;
                return new Moments(0, 0, v, v, 0);
            }
            case TWO_SPIRALS: {
                DoubleUnaryOperator r = u -> 3 * Math.PI * Math.sqrt(u);
                double rc = expectU(u -> r.applyAsDouble(u) * Math.cos(r.applyAsDouble(u)));
                double rs = expectU(u -> r.applyAsDouble(u) * Math.sin(r.applyAsDouble(u)));
                double rcc = expectU(u -> Math.pow(r.applyAsDouble(u) * Math.cos(r.applyAsDouble(u)), 2));
                double rss = expectU(u -> Math.pow(r.applyAsDouble(u) * Math.sin(r.applyAsDouble(u)), 2));
                double rcs = expectU(u -> Math.pow(r.applyAsDouble(u), 2) * Math.cos(r.applyAsDouble(u)) * Math.sin(r.applyAsDouble(u)));
                // X = −r cos r + U₁/2, Y = r sin r + U₂/2 with E U = ½, E U² = ⅓; the random sign kills the mean.
                double exx = rcc - rc * 0.5 + 0.25 / 3;
                double eyy = rss + rs * 0.5 + 0.25 / 3;
                double exy = -rcs - 0.25 * rc + 0.25 * rs + 0.0625;
                return new Moments(0, 0, exx / 9 + 0.01, eyy / 9 + 0.01, exy / 9);
            }
            case CHECKERBOARD: {
                // Uniform on 8 squares of side 2, (2i, 2j) with i + j even: sum the squares' moments.
                double mx = 0;
                double my = 0;
                double exx = 0;
                double eyy = 0;
                double exy = 0;
                for (int i = -2; i <= 1; i++) {
                    for (int j = -2; j <= 1; j++) {
                        if (Math.floorMod(i + j, 2) == 0) {
                            double cx = 2 * i + 1;
                            double cy = 2 * j + 1;
                            mx += cx / 8;
                            my += cy / 8;
                            exx += (cx * cx + 4.0 / 12) / 8;
                            eyy += (cy * cy + 4.0 / 12) / 8;
                            exy += cx * cy / 8;
                        }
                    }
                }
                return new Moments(mx, my, exx - mx * mx, eyy - my * my, exy - mx * my);
            }
            default:
                throw new AssertionError(toy);
        }
    }

    @ParameterizedTest
    @EnumSource(ToyDistribution.class)
    void sampleMeanAndCovarianceMatchTheGeneratingFormula(ToyDistribution toy) {
        int n = 200_000;
        double[] x = toy.sampleFlat(n, new SplittableRandom(toy.ordinal() + 100));
        Moments e = expected(toy);
        double[] mean = new double[2];
        for (int i = 0; i < n; i++) {
            mean[0] += x[2 * i];
            mean[1] += x[2 * i + 1];
        }
        mean[0] /= n;
        mean[1] /= n;
        double[] m = {e.mx(), e.my()};
        double[][] cov = {{e.vxx(), e.vxy()}, {e.vxy(), e.vyy()}};
        for (int r = 0; r < 2; r++) {
            assertThat(mean[r]).as("%s mean[%d]", toy, r).isCloseTo(m[r], within(5 * Math.sqrt(cov[r][r] / n)));
            for (int c = 0; c <= r; c++) {
                double s = 0;
                double s2 = 0;
                for (int i = 0; i < n; i++) {
                    double p = (x[2 * i + r] - m[r]) * (x[2 * i + c] - m[c]);
                    s += p;
                    s2 += p * p;
                }
                double est = s / n;
                double se = Math.sqrt((s2 / n - est * est) / n);
                assertThat(est).as("%s cov[%d][%d]", toy, r, c).isCloseTo(cov[r][c], within(5 * se + 1e-12));
            }
        }
    }

    @Test
    void samplingIsReproducibleFromTheGenerator() {
        for (ToyDistribution toy : ToyDistribution.values()) {
            assertThat(toy.sampleFlat(50, new SplittableRandom(9))).containsExactly(toy.sampleFlat(50, new SplittableRandom(9)));
        }
    }

    @Test
    void mixturesAreTheLawsTheSamplersDraw() {
        // Same first two moments as the formulas (checked above) and every sample finite under log p.
        for (ToyDistribution toy : new ToyDistribution[] {ToyDistribution.EIGHT_GAUSSIANS, ToyDistribution.TWENTY_FIVE_GAUSSIANS}) {
            GaussianMixture g = toy.mixture().orElseThrow();
            Moments e = expected(toy);
            assertThat(g.mean()[0]).isCloseTo(e.mx(), within(1e-12));
            assertThat(g.covariance()[0][0]).isCloseTo(e.vxx(), within(1e-12));
            assertThat(g.covariance()[1][1]).isCloseTo(e.vyy(), within(1e-12));
            assertThat(g.covariance()[0][1]).isCloseTo(e.vxy(), within(1e-12));
        }
        assertThat(ToyDistribution.SWISSROLL.mixture()).isEmpty();
    }

    private static JsonNode entropies() throws IOException {
        JsonNode n = new ObjectMapper().readTree(TestSupport.shared().resolve("reference/values.json").toFile()).get("entropies_nats");
        assertThat(n).as("values.json key entropies_nats").isNotNull();
        return n;
    }

    @Test
    void eightGaussiansEntropyByQuadratureMatchesReference() throws IOException {
        double reference = entropies().get("8gaussians").asDouble();
        GaussianMixture g = ToyDistribution.EIGHT_GAUSSIANS.mixture().orElseThrow();
        int n = 600;
        double lo = -6;
        double h = 12.0 / n;
        double entropy = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double lp = g.logDensity(new double[] {lo + (i + 0.5) * h, lo + (j + 0.5) * h});
                entropy -= Math.exp(lp) * lp;
            }
        }
        entropy *= h * h;
        assertThat(entropy).isCloseTo(reference, within(1e-6));
        assertThat(ToyDistribution.EIGHT_GAUSSIANS.entropy().orElseThrow()).isCloseTo(reference, within(1e-6));
    }

    @Test
    void twentyFiveGaussiansEntropyByMonteCarloMatchesReference() throws IOException {
        double reference = entropies().get("25gaussians").asDouble();
        ToyDistribution toy = ToyDistribution.TWENTY_FIVE_GAUSSIANS;
        int n = 100_000;
        double[] x = toy.sampleFlat(n, new SplittableRandom(21));
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double lp = toy.logDensity(x[2 * i], x[2 * i + 1]);
            s -= lp;
            s2 += lp * lp;
        }
        double mean = s / n;
        double se = Math.sqrt((s2 / n - mean * mean) / n);
        assertThat(mean).isCloseTo(reference, within(5 * se));
        assertThat(toy.entropy().orElseThrow()).isCloseTo(reference, within(1e-9));
    }

    @Test
    void checkerboardDensityIntegratesToOneAndCoversEverySample() throws IOException {
        double reference = entropies().get("checkerboard").asDouble();
        ToyDistribution toy = ToyDistribution.CHECKERBOARD;
        int n = 800;
        double h = 10.0 / n;
        double mass = 0;
        double entropy = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double lp = toy.logDensity(-5 + (i + 0.5) * h, -5 + (j + 0.5) * h);
                if (lp > Double.NEGATIVE_INFINITY) {
                    mass += Math.exp(lp);
                    entropy -= Math.exp(lp) * lp;
                }
            }
        }
        assertThat(mass * h * h).isCloseTo(1.0, within(1e-9));
        assertThat(entropy * h * h).isCloseTo(reference, within(1e-9));
        double[] x = toy.sampleFlat(20_000, new SplittableRandom(4));
        for (int i = 0; i < 20_000; i++) {
            assertThat(toy.logDensity(x[2 * i], x[2 * i + 1])).isEqualTo(-Math.log(32));
        }
        assertThat(toy.entropy().orElseThrow()).isCloseTo(reference, within(1e-12));
    }

    @Test
    void namesParseAndUnknownNamesListTheValidOnes() {
        for (ToyDistribution toy : ToyDistribution.values()) {
            assertThat(ToyDistribution.parse(toy.specName())).isSameAs(toy);
            assertThat(ToyDistribution.parse(toy.specName().toUpperCase())).isSameAs(toy);
        }
        assertThatThrownBy(() -> ToyDistribution.parse("9gaussians")).isInstanceOf(DataException.class)
                .hasMessageContaining("9gaussians").hasMessageContaining("8gaussians").hasMessageContaining("checkerboard");
        assertThatThrownBy(() -> ToyDistribution.MOONS.logDensity(0, 0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void ndArraySamplesHaveShapeAndType() {
        try (NDManager manager = TestSupport.manager()) {
            NDArray x = ToyDistribution.PINWHEEL.sample(manager, DataType.FLOAT32, 17, new SplittableRandom(1));
            assertThat(x.getShape()).isEqualTo(new Shape(17, 2));
            assertThat(x.getDataType()).isEqualTo(DataType.FLOAT32);
            double[] flat = ToyDistribution.PINWHEEL.sampleFlat(17, new SplittableRandom(1));
            assertThat(x.getFloat(16, 1)).isEqualTo((float) flat[33]);
            NDArray y = ToyDistribution.PINWHEEL.sample(manager, DataType.FLOAT64, 17, new SplittableRandom(1));
            assertThat(y.getDouble(16, 1)).isEqualTo(flat[33]);
        }
    }
}
