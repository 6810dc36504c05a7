package dev.floe.frame.exec;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Column;
import dev.floe.frame.column.Dictionary;

/**
 * What is known of a column's values before any row is read: the bounds a group-by needs to pack
 * its keys into one number ({@link KeyPacker}). A frame in memory knows its columns exactly; a
 * file may know them from its metadata (a Parquet file's statistics and dictionary pages). Each
 * answer is null where nothing is known. Bounds that come from a file are its claims: the packer
 * checks every value it packs, and a value outside them fails the query, naming {@link #origin},
 * rather than packing into another key's bits.
 */
public interface ValueBounds {
    /** {@code {min, max}} of an integer-like column's non-null values (empty when it holds none), or null. */
    long[] integerRange(String column);

    /**
     * {@code {most bytes a value takes, smallest byte, largest byte}} of a text column's non-null
     * values (bytes unsigned, as {@link Column#textShape}), or null.
     */
    int[] textShape(String column);

    /** The one dictionary whose codes every chunk of a categorical column holds, or null. */
    Dictionary dictionary(String column);

    /** Where these bounds come from, for the error when a value lies outside them. */
    String origin();

    /** A frame's columns' bounds, worked out from their values (once per column, on first use). */
    static ValueBounds of(DataFrame frame) {
        return new ValueBounds() {
            @Override
            public long[] integerRange(String column) {
                if (!frame.schema().contains(column)) {
                    return null;
                }
                Column values = frame.column(column).column();
                return KeyPacker.integerLike(values.type()) ? values.integerRange() : null;
            }

            @Override
            public int[] textShape(String column) {
                if (!frame.schema().contains(column) || frame.schema().type(column) != DataType.UTF8) {
                    return null;
                }
                return frame.column(column).column().textShape();
            }

            @Override
            public Dictionary dictionary(String column) {
                if (!frame.schema().contains(column) || frame.schema().type(column) != DataType.CATEGORICAL) {
                    return null;
                }
                Column values = frame.column(column).column();
                return values.chunkCount() == 0 ? new Dictionary.Builder().build()
                        : ((CategoricalVector) values.chunk(0)).dictionary();
            }

            @Override
            public String origin() {
                return "the frame's own values";
            }
        };
    }
}
