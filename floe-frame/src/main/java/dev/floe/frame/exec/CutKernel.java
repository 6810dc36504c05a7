package dev.floe.frame.exec;

import dev.floe.frame.SchemaException;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Dictionary;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.Cut;
import java.util.Arrays;
import java.util.List;

/**
 * Bins numbers into right-closed intervals between edges, giving a categorical whose codes are
 * the bin numbers; also works out the edges pandas' {@code cut(x, bins)} and {@code qcut} use.
 */
final class CutKernel {
    private CutKernel() {}

    /** The edges of {@code cut} over these values: the given breaks, equal widths, or quantiles. */
    static double[] edges(Cut cut, Vector values) {
        if (!cut.breaks().isEmpty()) {
            return cut.breaks().stream().mapToDouble(Double::doubleValue).toArray();
        }
        if (cut.bins() > 0) {
            return equalWidths(cut.bins(), values);
        }
        double[] present = present(values);
        if (present.length == 0) {
            return null;
        }
        Arrays.sort(present);
        List<Double> quantiles = cut.quantiles();
        double[] edges = new double[quantiles.size()];
        for (int i = 0; i < edges.length; i++) {
            double position = quantiles.get(i) * (present.length - 1);
            int low = (int) Math.floor(position);
            int high = (int) Math.ceil(position);
            edges[i] = present[low] + (present[high] - present[low]) * (position - low);
        }
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i] > edges[i - 1])) {
                throw new SchemaException("qcut: the quantile edges " + Arrays.toString(edges) + " are not all distinct "
                        + "(many equal values); use fewer quantiles, in expression " + cut);
            }
        }
        return edges;
    }

    /**
     * {@code n} equal-width bins over the values' range (one pass for the minimum and maximum), as
     * pandas makes them: the first edge moved left by 0.1% of the range so the minimum falls in
     * the first bin, or a single value widened by 0.1% on each side. Null without values.
     */
    private static double[] equalWidths(int n, Vector values) {
        double[] x = Kernels.doubles(values);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int rows = values.length();
        boolean any = false;
        if (values.nullCount() == 0) {
            for (int i = 0; i < rows; i++) {
                double v = x[i];
                if (v == v) { // not NaN
                    any = true;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        } else {
            for (int i = 0; i < rows; i++) {
                double v = x[i];
                if (v == v && !values.isNull(i)) {
                    any = true;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (!any) {
            return null;
        }
        double[] edges = new double[n + 1];
        if (min == max) { // pandas widens a single value by 0.1% on each side
            min -= min != 0 ? 0.001 * Math.abs(min) : 0.001;
            max += max != 0 ? 0.001 * Math.abs(max) : 0.001;
            for (int i = 0; i <= n; i++) {
                edges[i] = min + (max - min) * i / n;
            }
            return edges;
        }
        for (int i = 0; i <= n; i++) {
            edges[i] = min + (max - min) * i / n;
        }
        edges[n] = max;
        edges[0] = min - (max - min) * 0.001; // so the minimum falls in the first bin
        return edges;
    }

    private static double[] present(Vector values) {
        double[] all = Kernels.doubles(values);
        double[] out = new double[values.length()];
        int n = 0;
        for (int i = 0; i < values.length(); i++) {
            if (!values.isNull(i) && !Double.isNaN(all[i])) {
                out[n++] = all[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * The bin of each value: {@code i} where {@code edges[i] < v <= edges[i + 1]} (also
     * {@code v == edges[0]} when {@code includeLowest}); null outside, for NaN and for null.
     * The bin is guessed by arithmetic from the range (exact for equal widths) and then moved
     * to the one whose edges hold the value, so the result is the edges' definition for any edges.
     */
    static CategoricalVector bin(Vector values, double[] edges, boolean includeLowest, List<String> labels) {
        int rows = values.length();
        int bins = edges == null ? 0 : edges.length - 1;
        Dictionary.Builder dictionary = new Dictionary.Builder();
        for (int b = 0; b < bins; b++) {
            dictionary.codeOf(labels.isEmpty() ? Cut.intervalLabel(edges, b, includeLowest) : labels.get(b));
        }
        int[] codes = new int[rows];
        long[] bits = new long[(rows + 63) >>> 6];
        if (bins > 0) {
            double[] x = Kernels.doubles(values);
            double low = edges[0];
            double high = edges[bins];
            double scale = bins / (high - low);
            boolean search = bins > 32 && !evenlySpaced(edges);
            boolean checkNulls = values.nullCount() > 0;
            for (int i = 0; i < rows; i++) {
                double v = x[i];
                // NaN fails every comparison, so it falls outside
                if (!(v > low && v <= high) && !(includeLowest && v == low) || checkNulls && values.isNull(i)) {
                    continue;
                }
                int bin;
                if (search) {
                    int found = Arrays.binarySearch(edges, v);
                    bin = Math.max(0, found >= 0 ? found - 1 : -found - 2); // v in (edges[bin], edges[bin + 1]]
                } else {
                    bin = Math.min(bins - 1, Math.max(0, (int) ((v - low) * scale)));
                    while (bin > 0 && v <= edges[bin]) {
                        bin--;
                    }
                    while (bin < bins - 1 && v > edges[bin + 1]) {
                        bin++;
                    }
                }
                codes[i] = bin;
                bits[i >>> 6] |= 1L << i;
            }
        }
        return new CategoricalVector(codes, 0, rows, Validity.of(bits, rows), dictionary.build());
    }

    /** Whether the bins after the first are of one width (the first may be wider: {@link #equalWidths}). */
    private static boolean evenlySpaced(double[] edges) {
        int bins = edges.length - 1;
        double width = (edges[bins] - edges[1]) / (bins - 1);
        for (int b = 1; b < bins; b++) {
            if (Math.abs(edges[b + 1] - edges[b] - width) > 1e-9 * Math.abs(width)) {
                return false;
            }
        }
        return true;
    }
}
