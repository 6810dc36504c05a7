package dev.floe.frame.exec;

import dev.floe.frame.SchemaException;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Dictionary;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.Cut;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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
        double[] present = present(values);
        Arrays.sort(present);
        if (present.length == 0) {
            return null;
        }
        if (cut.bins() > 0) {
            double min = present[0];
            double max = present[present.length - 1];
            int n = cut.bins();
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
     */
    static CategoricalVector bin(Vector values, double[] edges, boolean includeLowest, List<String> labels) {
        int rows = values.length();
        int bins = edges == null ? 0 : edges.length - 1;
        Dictionary.Builder dictionary = new Dictionary.Builder();
        for (int b = 0; b < bins; b++) {
            dictionary.codeOf(labels.isEmpty() ? label(edges, b, includeLowest) : labels.get(b));
        }
        int[] codes = new int[rows];
        long[] bits = new long[(rows + 63) >>> 6];
        if (bins > 0) {
            double[] x = Kernels.doubles(values);
            for (int i = 0; i < rows; i++) {
                double v = x[i];
                if (values.isNull(i) || Double.isNaN(v)) {
                    continue;
                }
                int bin;
                if (includeLowest && v == edges[0]) {
                    bin = 0;
                } else {
                    int found = Arrays.binarySearch(edges, v);
                    bin = found >= 0 ? found - 1 : -found - 2; // v in (edges[bin], edges[bin + 1]]
                }
                if (bin >= 0 && bin < bins) {
                    codes[i] = bin;
                    bits[i >>> 6] |= 1L << i;
                }
            }
        }
        return new CategoricalVector(codes, 0, rows, Validity.of(bits, rows), dictionary.build());
    }

    /** pandas-style interval labels: {@code (0.5, 1.25]}, the first {@code [a, b]} when it includes its left edge. */
    static String label(double[] edges, int bin, boolean includeLowest) {
        return (bin == 0 && includeLowest ? "[" : "(") + number(edges[bin]) + ", " + number(edges[bin + 1]) + "]";
    }

    private static String number(double value) {
        String text = String.format(Locale.ROOT, "%.3f", value);
        int end = text.length();
        while (text.charAt(end - 1) == '0' && text.charAt(end - 2) != '.') {
            end--;
        }
        return text.substring(0, end);
    }
}
