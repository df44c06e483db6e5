package dev.bellman.data.plot;

/**
 * One named line of a line plot.
 *
 * @param name the legend entry
 * @param x abscissae
 * @param y ordinates, as many as x
 */
public record Series(String name, double[] x, double[] y) {
    public Series {
        if (name == null || x == null || y == null) {
            throw new IllegalArgumentException("a series needs a name, x and y");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values and " + y.length + " y values");
        }
    }

    /** A series against 0, 1, 2, … (e.g. a loss per step). */
    public static Series of(String name, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return new Series(name, x, y);
    }
}
