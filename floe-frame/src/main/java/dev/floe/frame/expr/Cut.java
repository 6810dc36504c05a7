package dev.floe.frame.expr;

import java.util.List;
import java.util.Objects;

/**
 * Numbers binned into intervals, as pandas' {@code cut} and {@code qcut}, giving a categorical
 * whose categories are the bins in order. Bins are right-closed, {@code (a, b]}; values outside
 * every bin (or null) give null.
 *
 * <ul>
 *   <li>{@code breaks} given: the bins between consecutive breaks;</li>
 *   <li>{@code bins} given: that many equal-width bins over the values' range, the range widened by
 *       0.1% on the left so the minimum falls in the first bin (pandas' rule);</li>
 *   <li>{@code quantiles} given ({@code qcut}): bins between those quantiles of the values, the
 *       first bin closed on the left too.</li>
 * </ul>
 *
 * @param labels one per bin, or empty for pandas-style labels such as {@code (0.5, 1.25]}
 */
public record Cut(Expr input, List<Double> breaks, int bins, List<Double> quantiles, List<String> labels)
        implements Expr {
    public Cut {
        Objects.requireNonNull(input, "input is null");
        breaks = List.copyOf(breaks);
        quantiles = List.copyOf(quantiles);
        labels = List.copyOf(labels);
        int given = (breaks.isEmpty() ? 0 : 1) + (bins > 0 ? 1 : 0) + (quantiles.isEmpty() ? 0 : 1);
        if (given != 1) {
            throw new IllegalArgumentException("cut takes breaks, a bin count or quantiles: exactly one of them");
        }
        List<Double> edges = !breaks.isEmpty() ? breaks : quantiles;
        for (int i = 1; i < edges.size(); i++) {
            if (!(edges.get(i) > edges.get(i - 1))) {
                throw new IllegalArgumentException("the breaks must increase, got " + edges);
            }
        }
        if (!breaks.isEmpty() && breaks.size() < 2) {
            throw new IllegalArgumentException("cut needs at least two breaks (one bin), got " + breaks);
        }
        if (!quantiles.isEmpty() && (quantiles.size() < 2 || quantiles.get(0) < 0 || quantiles.get(quantiles.size() - 1) > 1)) {
            throw new IllegalArgumentException("qcut needs at least two quantiles between 0 and 1, got " + quantiles);
        }
        int binCount = bins > 0 ? bins : edges.size() - 1;
        if (!labels.isEmpty() && labels.size() != binCount) {
            throw new IllegalArgumentException("cut makes " + binCount + " bins but got " + labels.size() + " labels");
        }
    }

    /**
     * The label of bin {@code bin} between {@code edges}, pandas' style: {@code (0.5, 1.25]}, the
     * first {@code [a, b]} when it includes its left edge; edges written with at most three
     * decimals.
     */
    public static String intervalLabel(double[] edges, int bin, boolean includeLowest) {
        return (bin == 0 && includeLowest ? "[" : "(") + number(edges[bin]) + ", " + number(edges[bin + 1]) + "]";
    }

    private static String number(double value) {
        String text = String.format(java.util.Locale.ROOT, "%.3f", value);
        int end = text.length();
        while (text.charAt(end - 1) == '0' && text.charAt(end - 2) != '.') {
            end--;
        }
        return text.substring(0, end);
    }

    /** Whether the bins depend on the values (a bin count or quantiles), not on given breaks alone. */
    public boolean dependsOnData() {
        return breaks.isEmpty();
    }

    @Override
    public String outputName() {
        return input.outputName();
    }

    @Override
    public String toString() {
        String how = !breaks.isEmpty() ? "cut(" + breaks : bins > 0 ? "cut(" + bins : "qcut(" + quantiles;
        return input + "." + how + (labels.isEmpty() ? "" : ", labels=" + labels) + ")";
    }
}
