package dev.floe.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Series;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Two engines' answers compared: schema, then rows (in order, or as multisets), floats within a tolerance. */
public final class SameRows {
    private SameRows() {}

    public static void assertSame(String what, DataFrame expected, DataFrame actual, boolean ordered) {
        assertThat(actual.schema()).as(what + ": schema").isEqualTo(expected.schema());
        assertThat(actual.height()).as(what + ": rows").isEqualTo(expected.height());
        List<List<Object>> want = rows(expected);
        List<List<Object>> got = rows(actual);
        if (!ordered) {
            want = sortedByText(want);
            got = sortedByText(got);
        }
        for (int r = 0; r < want.size(); r++) {
            for (int c = 0; c < want.get(r).size(); c++) {
                Object a = want.get(r).get(c);
                Object b = got.get(r).get(c);
                if (!same(a, b)) {
                    fail(what + ": row " + r + ", column '" + expected.columns().get(c) + "': local " + a + ", spark " + b
                            + "\nlocal row " + want.get(r) + "\nspark row " + got.get(r));
                }
            }
        }
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && (a instanceof Double || a instanceof Float)) {
            double p = x.doubleValue();
            double q = y.doubleValue();
            if (Double.isNaN(p) || Double.isNaN(q) || Double.isInfinite(p) || Double.isInfinite(q)) {
                return Double.compare(p, q) == 0 || Double.isNaN(p) && Double.isNaN(q);
            }
            return Math.abs(p - q) <= 1e-9 * Math.max(1, Math.max(Math.abs(p), Math.abs(q)));
        }
        return java.util.Objects.equals(a, b);
    }

    private static List<List<Object>> rows(DataFrame frame) {
        List<List<Object>> out = new ArrayList<>();
        List<Series> columns = frame.series();
        for (int r = 0; r < frame.height(); r++) {
            List<Object> row = new ArrayList<>();
            for (Series column : columns) {
                row.add(column.isNull(r) ? null : column.get(r));
            }
            out.add(row);
        }
        return out;
    }

    /** The rows in the order of their texts, each made once (a million rows sort in seconds). */
    private static List<List<Object>> sortedByText(List<List<Object>> rows) {
        record Keyed(String key, List<Object> row) {}
        List<Keyed> keyed = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            keyed.add(new Keyed(key(row), row));
        }
        keyed.sort(Comparator.comparing(Keyed::key));
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (Keyed row : keyed) {
            out.add(row.row());
        }
        return out;
    }

    /** A row as text, floats rounded, so that sums added in another order sort alike. */
    private static String key(List<Object> row) {
        StringBuilder text = new StringBuilder();
        for (Object value : row) {
            text.append(value instanceof Double || value instanceof Float
                    ? String.format(java.util.Locale.ROOT, "%.6g", ((Number) value).doubleValue())
                    : String.valueOf(value)).append('\u0001');
        }
        return text.toString();
    }
}
