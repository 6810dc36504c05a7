package dev.floe.frame;

import java.util.Arrays;
import java.util.List;

/**
 * Checks on a frame that read like the frame itself:
 * {@code FrameAssert.assertThat(df).hasShape(2, 2).hasSchema("a", INT64, "b", UTF8).hasRow(0, 1L, "x")}.
 * Floats in rows compare within a tolerance.
 */
public final class FrameAssert {
    private static final double TOLERANCE = 1e-9;

    private final DataFrame actual;

    private FrameAssert(DataFrame actual) {
        this.actual = actual;
    }

    public static FrameAssert assertThat(DataFrame actual) {
        return new FrameAssert(actual);
    }

    public FrameAssert hasShape(int height, int width) {
        org.assertj.core.api.Assertions.assertThat(new int[] {actual.height(), actual.width()})
                .as("shape (height, width) of\n%s", actual).containsExactly(height, width);
        return this;
    }

    public FrameAssert hasHeight(int height) {
        org.assertj.core.api.Assertions.assertThat(actual.height()).as("height").isEqualTo(height);
        return this;
    }

    public FrameAssert hasSchema(Object... namesAndTypes) {
        org.assertj.core.api.Assertions.assertThat(actual.schema()).isEqualTo(Schema.of(namesAndTypes));
        return this;
    }

    public FrameAssert hasColumns(String... names) {
        org.assertj.core.api.Assertions.assertThat(actual.columns()).containsExactly(names);
        return this;
    }

    /** Row {@code index} holds these values, in column order (floats within 1e-9). */
    public FrameAssert hasRow(int index, Object... values) {
        List<Object> row = actual.row(index).toList();
        org.assertj.core.api.Assertions.assertThat(row).as("width of row %d", index).hasSize(values.length);
        for (int c = 0; c < values.length; c++) {
            Object expected = values[c];
            Object value = row.get(c);
            if (expected instanceof Double d && value instanceof Double v && !d.isNaN()) {
                org.assertj.core.api.Assertions.assertThat(v).as("row %d, column '%s'", index, actual.columns().get(c))
                        .isCloseTo(d, org.assertj.core.api.Assertions.within(TOLERANCE * Math.max(1, Math.abs(d))));
            } else {
                org.assertj.core.api.Assertions.assertThat(value).as("row %d, column '%s'", index, actual.columns().get(c))
                        .isEqualTo(expected);
            }
        }
        return this;
    }

    /** Every row, in order. */
    public FrameAssert hasRows(Object[]... rows) {
        hasHeight(rows.length);
        for (int r = 0; r < rows.length; r++) {
            hasRow(r, rows[r]);
        }
        return this;
    }

    public FrameAssert hasColumnValues(String column, Object... values) {
        org.assertj.core.api.Assertions.assertThat(actual.column(column).toList()).as("column '%s'", column)
                .isEqualTo(Arrays.asList(values));
        return this;
    }
}
