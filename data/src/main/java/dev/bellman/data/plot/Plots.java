package dev.bellman.data.plot;

import dev.bellman.data.io.AtomicFiles;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots with XChart, rendered headless: 2-D scatter plots (model samples beside data), 2-D
 * histograms and density maps, and line plots (loss curves, convergence, with an optional log y-axis)
 * for every module. Files are written atomically.
 */
public final class Plots {
    private static final int SIDE = 480;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {}

    /** A square region [xMin, xMax] × [yMin, yMax] of the plane. */
    public record Bounds(double xMin, double xMax, double yMin, double yMax) {
        public Bounds {
            if (!(xMin < xMax) || !(yMin < yMax) || !Double.isFinite(xMax - xMin) || !Double.isFinite(yMax - yMin)) {
                throw new IllegalArgumentException("empty or infinite bounds [" + xMin + ", " + xMax + "] × [" + yMin + ", " + yMax + "]");
            }
        }

        /** The smallest square box around the points (row-major pairs), with 5 % margin. */
        public static Bounds around(double[]... xy) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] a : xy) {
                for (double v : a) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            if (!(lo < hi)) {
                lo = (Double.isFinite(lo) ? lo : 0) - 1;
                hi = lo + 2;
            }
            double m = 0.05 * (hi - lo);
            return new Bounds(lo - m, hi + m, lo - m, hi + m);
        }
    }

    /**
     * Scatter plots of 2-D points side by side, one panel per set, on common axes (e.g. model samples
     * beside data samples).
     *
     * @param titles one title per panel
     * @param points one row-major (N, 2) array per panel
     */
    public static void scatter(Path png, List<String> titles, List<double[]> points) {
        if (titles.size() != points.size() || points.isEmpty()) {
            throw new IllegalArgumentException(titles.size() + " titles for " + points.size() + " point sets");
        }
        Bounds b = Bounds.around(points.toArray(new double[0][]));
        List<XYChart> charts = new ArrayList<>();
        for (int p = 0; p < points.size(); p++) {
            double[] xy = points.get(p);
            if (xy.length % 2 != 0) {
                throw new IllegalArgumentException("panel " + p + ": " + xy.length + " values are not (x, y) pairs");
            }
            XYChart c = new XYChartBuilder().width(SIDE).height(SIDE).title(titles.get(p)).build();
            c.getStyler().setLegendVisible(false).setMarkerSize(2).setChartBackgroundColor(Color.WHITE);
            c.getStyler().setXAxisMin(b.xMin()).setXAxisMax(b.xMax()).setYAxisMin(b.yMin()).setYAxisMax(b.yMax());
            double[] x = new double[xy.length / 2];
            double[] y = new double[xy.length / 2];
            for (int i = 0; i < x.length; i++) {
                x[i] = xy[2 * i];
                y[i] = xy[2 * i + 1];
            }
            XYSeries s = c.addSeries(titles.get(p), x.length == 0 ? new double[] {Double.NaN} : x,
                    y.length == 0 ? new double[] {Double.NaN} : y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            charts.add(c);
        }
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(charts, 1, charts.size(), out, BitmapEncoder.BitmapFormat.PNG));
    }

    /** Model samples beside data samples, both row-major (N, 2). */
    public static void samplesBesideData(Path png, double[] samples, double[] data) {
        scatter(png, List.of("samples", "data"), List.of(samples, data));
    }

    /**
     * The 2-D histogram (normalised to a density) of row-major (N, 2) points on a bins × bins grid.
     *
     * @return the histogram's densities, [row y][column x], bin (i, j) covering
     *     [xMin + j·Δx, xMin + (j+1)·Δx) × [yMin + i·Δy, …)
     */
    public static double[][] histogram2d(Path png, String title, double[] xy, Bounds bounds, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be ≥ 1, got " + bins);
        }
        double dx = (bounds.xMax() - bounds.xMin()) / bins;
        double dy = (bounds.yMax() - bounds.yMin()) / bins;
        double[][] h = new double[bins][bins];
        int n = xy.length / 2;
        for (int i = 0; i < n; i++) {
            int col = (int) Math.floor((xy[2 * i] - bounds.xMin()) / dx);
            int row = (int) Math.floor((xy[2 * i + 1] - bounds.yMin()) / dy);
            if (col >= 0 && col < bins && row >= 0 && row < bins) {
                h[row][col] += 1.0 / (n * dx * dy);
            }
        }
        heatMap(png, title, h, bounds);
        return h;
    }

    /** A density (or any field) f(x, y) evaluated at the centres of a bins × bins grid, as a heat map. */
    public static void densityMap(Path png, String title, DoubleBinaryOperator f, Bounds bounds, int bins) {
        double dx = (bounds.xMax() - bounds.xMin()) / bins;
        double dy = (bounds.yMax() - bounds.yMin()) / bins;
        double[][] v = new double[bins][bins];
        for (int r = 0; r < bins; r++) {
            for (int c = 0; c < bins; c++) {
                v[r][c] = f.applyAsDouble(bounds.xMin() + (c + 0.5) * dx, bounds.yMin() + (r + 0.5) * dy);
            }
        }
        heatMap(png, title, v, bounds);
    }

    /** A heat map of values [row y][column x] over the bounds. */
    public static void heatMap(Path png, String title, double[][] values, Bounds bounds) {
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        if (rows == 0 || cols == 0) {
            throw new IllegalArgumentException("an empty heat map");
        }
        List<String> xs = new ArrayList<>();
        List<String> ys = new ArrayList<>();
        double dx = (bounds.xMax() - bounds.xMin()) / cols;
        double dy = (bounds.yMax() - bounds.yMin()) / rows;
        // Tick labels at every bin would overlap: label about eight of them, blank the rest.
        int every = Math.max(1, cols / 8);
        for (int c = 0; c < cols; c++) {
            xs.add(c % every == 0 ? String.format("%.2g", bounds.xMin() + (c + 0.5) * dx) : " ".repeat(c % every));
        }
        every = Math.max(1, rows / 8);
        for (int r = 0; r < rows; r++) {
            ys.add(r % every == 0 ? String.format("%.2g", bounds.yMin() + (r + 0.5) * dy) : " ".repeat(r % every));
        }
        List<Number[]> heat = new ArrayList<>();
        double max = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = Double.isFinite(values[r][c]) ? values[r][c] : 0;
                max = Math.max(max, v);
                heat.add(new Number[] {c, r, v});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(SIDE + 120).height(SIDE).title(title).build();
        chart.getStyler().setLegendVisible(true).setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setHeatMapValueDecimalPattern("0.###").setShowValue(false).setDrawBorder(false).setMin(0).setMax(max > 0 ? roundUp(max) : 1);
        chart.getStyler().setRangeColors(new Color[] {new Color(255, 255, 255), new Color(80, 120, 220), new Color(20, 20, 90)});
        chart.addSeries(title, xs, ys, heat);
        save(png, chart);
    }

    /** The value rounded up to three significant digits, so the colour legend shows a readable maximum. */
    private static double roundUp(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3, java.math.RoundingMode.CEILING)).doubleValue();
    }

    /**
     * A line plot of several series, e.g. training loss against step or an error against Δt.
     *
     * @param logY a logarithmic y-axis; points with y ≤ 0 or non-finite are then left out
     */
    public static void lines(Path png, String title, String xLabel, String yLabel, boolean logY, List<Series> series) {
        XYChart c = new XYChartBuilder().width(2 * SIDE).height(SIDE).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        c.getStyler().setYAxisLogarithmic(logY).setChartBackgroundColor(Color.WHITE).setMarkerSize(3);
        boolean any = false;
        for (Series s : series) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < s.x().length; i++) {
                double v = s.y()[i];
                if (Double.isFinite(v) && Double.isFinite(s.x()[i]) && (!logY || v > 0)) {
                    x.add(s.x()[i]);
                    y.add(v);
                }
            }
            if (!x.isEmpty()) {
                XYSeries xs = c.addSeries(s.name(), x, y);
                xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                any = true;
            }
        }
        if (!any) {
            // XChart refuses an empty chart; an empty plot is still a valid (and honest) output.
            c.addSeries("(no data)", new double[] {0}, new double[] {logY ? 1 : 0}).setMarker(SeriesMarkers.NONE);
        }
        save(png, c);
    }

    private static void save(Path png, org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
