package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.DoubleVector;
import dev.floe.frame.column.Int128;
import dev.floe.frame.column.IntVector;
import dev.floe.frame.column.ListVector;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.BinaryOperator;
import java.util.Arrays;

/**
 * Comparisons of two vectors of equal length: numbers as {@code long}s (or {@code double}s when
 * either is a float, 128-bit words when either is {@code INT128}; NaN compares false, as IEEE says), text by its UTF-8 bytes (code-point
 * order), categorical values through their dictionary. The result is a boolean vector, null where
 * either side is.
 */
final class ComparisonKernel {
    private ComparisonKernel() {}

    static ByteVector apply(BinaryOperator operator, Vector left, Vector right) {
        int rows = left.length();
        Validity validity = Kernels.and(left.validity(), right.validity(), rows);
        byte[] out = new byte[rows];
        DataType a = left.type();
        DataType b = right.type();
        if (a == DataType.NULL || b == DataType.NULL) {
            return Kernels.booleans(out, rows, Validity.of(new long[(rows + 63) >>> 6], rows));
        }
        if (a.isNested() && !(left instanceof ListVector x && !x.elements().type().isNested()
                && right instanceof ListVector y && !y.elements().type().isNested())) {
            // maps, structs and lists of them by their sort keys, both of one type
            DataType common = dev.floe.frame.Types.supertype(a, b);
            Vector l = a == common ? left : CastKernel.cast(left, common, true, 0, "a comparison's left side");
            Vector r = b == common ? right : CastKernel.cast(right, common, true, 0, "a comparison's right side");
            text(operator, SortKeys.encode(l), SortKeys.encode(r), out, rows);
        } else if (left instanceof ListVector x && right instanceof ListVector y) {
            lists(operator, x, y, out, rows);
        } else if (a.isText() && b.isText()) {
            text(operator, left, right, out, rows);
        } else if (a.isFloat() || b.isFloat()) {
            if (left instanceof DoubleVector x && right instanceof DoubleVector y) {
                doubles(operator, x.values(), x.offset(), y.values(), y.offset(), out, rows);
            } else {
                doubles(operator, Kernels.doubles(left), 0, Kernels.doubles(right), 0, out, rows);
            }
        } else if (left instanceof dev.floe.frame.column.Int128Vector || right instanceof dev.floe.frame.column.Int128Vector) {
            // 128-bit integers, or decimals of more than 18 digits (both sides of one scale)
            long[][] x = Kernels.int128Words(left);
            long[][] y = Kernels.int128Words(right);
            for (int i = 0; i < rows; i++) {
                out[i] = test(operator, Int128.compare(x[0][i], x[1][i], y[0][i], y[1][i])) ? (byte) 1 : 0;
            }
        } else if (left instanceof IntVector x && right instanceof IntVector y) {
            ints(operator, x.values(), x.offset(), y.values(), y.offset(), out, rows);
        } else {
            long[] x = Kernels.longs(left);
            long[] y = Kernels.longs(right);
            switch (operator) {
                case EQ -> {
                    for (int i = 0; i < rows; i++) {
                        out[i] = x[i] == y[i] ? (byte) 1 : 0;
                    }
                }
                case NE -> {
                    for (int i = 0; i < rows; i++) {
                        out[i] = x[i] != y[i] ? (byte) 1 : 0;
                    }
                }
                case LT -> {
                    for (int i = 0; i < rows; i++) {
                        out[i] = x[i] < y[i] ? (byte) 1 : 0;
                    }
                }
                case LE -> {
                    for (int i = 0; i < rows; i++) {
                        out[i] = x[i] <= y[i] ? (byte) 1 : 0;
                    }
                }
                case GT -> {
                    for (int i = 0; i < rows; i++) {
                        out[i] = x[i] > y[i] ? (byte) 1 : 0;
                    }
                }
                case GE -> {
                    for (int i = 0; i < rows; i++) {
                        out[i] = x[i] >= y[i] ? (byte) 1 : 0;
                    }
                }
                default -> throw new IllegalArgumentException(operator + " is not a comparison");
            }
        }
        return Kernels.booleans(out, rows, validity);
    }

    /**
     * {@code column <operator> constant}, as {@link #apply} gives it for the constant repeated on
     * every row, without repeating it: the column's values are read where they lie (no widened or
     * sliced copy), text against the constant's bytes, a categorical column through one test per
     * dictionary entry when the dictionary is smaller than the batch.
     *
     * @param constant the constant as a vector of one present value
     */
    static ByteVector applyConstant(BinaryOperator operator, Vector column, Vector constant) {
        int rows = column.length();
        DataType a = column.type();
        DataType b = constant.type();
        if (a == DataType.NULL || b == DataType.NULL || constant.isNull(0) || a == DataType.INT128
                || b == DataType.INT128 || a.isText() != b.isText() || a.isNested() || b.isNested()
                || column instanceof dev.floe.frame.column.Int128Vector || constant instanceof dev.floe.frame.column.Int128Vector) {
            return apply(operator, column, Kernels.repeat(constant, rows));
        }
        byte[] out = new byte[rows];
        if (a.isText()) {
            Utf8Vector value = utf8(constant);
            byte[] bytes = java.util.Arrays.copyOfRange(value.data(), value.start(0), value.start(0) + value.byteLength(0));
            if (column instanceof CategoricalVector cats) {
                Utf8Vector entries = cats.dictionary().values();
                int[] codes = cats.codes();
                int offset = cats.offset();
                if (entries.length() <= rows) {
                    byte[] truth = new byte[entries.length()];
                    text(operator, entries, bytes, truth, entries.length());
                    byCode(cats, truth, out, rows);
                } else {
                    byte[] data = entries.data();
                    for (int i = 0; i < rows; i++) {
                        int code = codes[offset + i];
                        if (code >= 0 && code < entries.length()) {
                            int start = entries.start(code);
                            int order = Arrays.compareUnsigned(data, start, start + entries.byteLength(code), bytes, 0,
                                    bytes.length);
                            out[i] = test(operator, order) ? (byte) 1 : 0;
                        }
                    }
                }
            } else {
                text(operator, (Utf8Vector) column, bytes, out, rows);
            }
        } else if (a.isFloat() || b.isFloat()) {
            double c = Kernels.doubles(constant)[0];
            if (column instanceof DoubleVector x) {
                doubles(operator, x.values(), x.offset(), c, out, rows);
            } else {
                doubles(operator, Kernels.doubles(column), 0, c, out, rows);
            }
        } else {
            long c = Kernels.longs(constant)[0];
            switch (column) {
                case IntVector x -> ints(operator, x.values(), x.offset(), c, out, rows);
                case LongVector x -> longs(operator, x.values(), x.offset(), c, out, rows);
                default -> longs(operator, Kernels.longs(column), 0, c, out, rows);
            }
        }
        return Kernels.booleans(out, rows, column.validity());
    }

    /**
     * Whether {@link #select} tests a column of type {@code column} against a present constant of
     * type {@code constant} itself (else it gives -1 and the general way evaluates the comparison).
     */
    static boolean selects(DataType column, DataType constant) {
        if (column.isText() && constant.isText() || column.isLongDecimal() && constant == column) {
            return true;
        }
        if (constant == DataType.NULL || constant == DataType.INT128 || constant.isText() || constant.isNested()
                || !(constant.isNumeric() || constant.isTemporal() || constant == DataType.BOOLEAN)) {
            return false;
        }
        if (column == DataType.FLOAT64 && (constant.isFloat() || constant.isInteger())) {
            return true;
        }
        return !column.isFloat() && !constant.isFloat() && heldInIntsOrLongs(column);
    }

    /**
     * {@link #select} of text (plain or categorical) against a constant's text, by bytes
     * (unsigned, as text compares); a categorical column through one test per dictionary entry
     * when the dictionary is smaller than the selection.
     */
    private static int selectText(BinaryOperator operator, Vector column, Utf8Vector constant, int[] positions,
            int count) {
        byte[] c = Arrays.copyOfRange(constant.data(), constant.start(0), constant.start(0) + constant.byteLength(0));
        int selected = count;
        if (selected < 0) {
            selected = column.length();
            for (int i = 0; i < selected; i++) {
                positions[i] = i;
            }
        }
        Validity validity = column.validity();
        int kept = 0;
        if (column instanceof CategoricalVector cats) {
            Utf8Vector entries = cats.dictionary().values();
            int[] codes = cats.codes();
            int offset = cats.offset();
            if (entries.length() <= selected) {
                byte[] truth = new byte[entries.length()];
                text(operator, entries, c, truth, entries.length());
                for (int k = 0; k < selected; k++) {
                    int i = positions[k];
                    int code = codes[offset + i];
                    positions[kept] = i;
                    kept += code >= 0 && code < truth.length && truth[code] != 0 && valid(validity, i) ? 1 : 0;
                }
                return kept;
            }
            for (int k = 0; k < selected; k++) {
                int i = positions[k];
                int code = codes[offset + i];
                positions[kept] = i;
                kept += code >= 0 && code < entries.length() && valid(validity, i)
                        && test(operator, order(entries, code, c)) ? 1 : 0;
            }
            return kept;
        }
        Utf8Vector x = (Utf8Vector) column;
        if (operator == BinaryOperator.EQ || operator == BinaryOperator.NE) {
            return selectTextEqual(operator == BinaryOperator.EQ, x, c, positions, selected, validity);
        }
        for (int k = 0; k < selected; k++) {
            int i = positions[k];
            positions[kept] = i;
            kept += valid(validity, i) && test(operator, order(x, i, c)) ? 1 : 0;
        }
        return kept;
    }

    /**
     * {@link #selectText} for {@code =} ({@code equal}) and {@code <>}: the length first, then the
     * bytes, where an order of the two would call a comparison for every row (a one-letter flag).
     */
    private static int selectTextEqual(boolean equal, Utf8Vector x, byte[] c, int[] positions, int selected,
            Validity validity) {
        byte[] data = x.data();
        int[] offsets = x.offsets();
        int base = x.offset();
        int length = c.length;
        int kept = 0;
        for (int k = 0; k < selected; k++) {
            int i = positions[k];
            int start = offsets[base + i];
            boolean same = offsets[base + i + 1] - start == length && sameBytes(data, start, c, length);
            positions[kept] = i;
            kept += same == equal && valid(validity, i) ? 1 : 0;
        }
        return kept;
    }

    private static boolean sameBytes(byte[] data, int start, byte[] c, int length) {
        if (length > 16) {
            return Arrays.equals(data, start, start + length, c, 0, length);
        }
        for (int b = 0; b < length; b++) {
            if (data[start + b] != c[b]) {
                return false;
            }
        }
        return true;
    }

    /** The order of value {@code i} of {@code x} against the bytes {@code c}: below, at or above 0. */
    private static int order(Utf8Vector x, int i, byte[] c) {
        int start = x.start(i);
        return Arrays.compareUnsigned(x.data(), start, start + x.byteLength(i), c, 0, c.length);
    }

    /** Whether {@link #selectColumns} compares two columns of these types itself. */
    static boolean selectsColumns(DataType left, DataType right) {
        return left == right && !left.isFloat() && (left.isInteger() || left.isTemporal() || left.isDecimal())
                && heldInIntsOrLongs(left);
    }

    private static boolean heldInIntsOrLongs(DataType type) {
        return switch (type.id()) {
            case INT32, DATE, INT64, DATETIME, DURATION, TIME -> true;
            case DECIMAL -> type.isLongDecimal();
            default -> false;
        };
    }

    /**
     * Narrows a selection of rows to those where {@code column operator constant} is true (with
     * {@code negated}, where it is false), dropping nulls: {@code positions[0, count)} are rows in
     * increasing order, rewritten in place; the new count. A filter's conjunctions go through one
     * comparison after another this way, each reading only the rows the ones before kept, with no
     * boolean column in between. Compares as {@link #applyConstant} does (text by its bytes, a
     * decimal against a constant of its own type by their whole numbers); -1 (nothing changed) for
     * the cases it leaves to {@link #applyConstant} ({@link #selects} says which): lists, 128-bit
     * integers, floats of 32 bits, decimals against other types, a null constant.
     */
    static int select(BinaryOperator operator, boolean negated, Vector column, Vector constant, int[] positions,
            int count) {
        DataType a = column.type();
        DataType b = constant.type();
        if (a.isText() && b.isText() && !constant.isNull(0)) {
            return selectText(negated ? negation(operator) : operator, column, utf8(constant), positions, count);
        }
        if (a.isLongDecimal() && b == a && !constant.isNull(0)) {
            // one type, one scale: their whole numbers compare as the decimals do
            long c = Kernels.longs(constant)[0];
            BinaryOperator test = negated ? negation(operator) : operator;
            LongVector x = (LongVector) column;
            return selectLongs(test, x.values(), x.offset(), c, column.validity(), positions, count);
        }
        if (b == DataType.NULL || constant.isNull(0) || b == DataType.INT128 || b.isText() || b.isNested()
                || !(b.isNumeric() || b.isTemporal() || b == DataType.BOOLEAN)) {
            return -1;
        }
        Validity validity = column.validity();
        if (column instanceof DoubleVector x && (b.isFloat() || b.isInteger())) {
            return selectDoubles(operator, negated, x.values(), x.offset(), Kernels.doubles(constant)[0], validity,
                    positions, count);
        }
        if (a.isFloat() || b.isFloat() || a.isText() || a.isNested()) {
            return -1;
        }
        // whole numbers have no NaN: "not below" is "at least"
        BinaryOperator test = negated ? negation(operator) : operator;
        long c = Kernels.longs(constant)[0];
        return switch (column) {
            case IntVector x -> selectInts(test, x.values(), x.offset(), c, validity, positions, count);
            case LongVector x -> selectLongs(test, x.values(), x.offset(), c, validity, positions, count);
            default -> -1;
        };
    }

    /**
     * The selected rows ({@code count}; -1: every row) whose value lies in {@code [from, to]}
     * (none when {@code empty} or {@code from > to}), nulls dropped, listed in {@code positions}:
     * a range's two bounds in one test, {@code value - from <= to - from} unsigned. -1 where the
     * column is held in neither ints nor longs.
     */
    static int selectRange(Vector column, long from, long to, boolean empty, int[] positions, int count) {
        if (!(column instanceof IntVector) && !(column instanceof LongVector)) {
            return -1;
        }
        if (empty || from > to) {
            return 0;
        }
        long width = to - from; // unsigned: the range may span more than half of the longs
        Validity validity = column.validity();
        if (column instanceof IntVector x) {
            return count < 0 ? rangeInts(x.values(), x.offset(), column.length(), from, width, validity, positions)
                    : rangeInts(x.values(), x.offset(), from, width, validity, positions, count);
        }
        LongVector x = (LongVector) column;
        return count < 0 ? rangeLongs(x.values(), x.offset(), column.length(), from, width, validity, positions)
                : rangeLongs(x.values(), x.offset(), from, width, validity, positions, count);
    }

    // each loop writes every row's position and advances over it only where the value is in range

    private static int rangeInts(int[] x, int o, int rows, long from, long width, Validity validity, int[] positions) {
        int kept = 0;
        for (int i = 0; i < rows; i++) {
            positions[kept] = i;
            kept += Long.compareUnsigned(x[o + i] - from, width) <= 0 && valid(validity, i) ? 1 : 0;
        }
        return kept;
    }

    private static int rangeInts(int[] x, int o, long from, long width, Validity validity, int[] positions, int count) {
        int kept = 0;
        for (int k = 0; k < count; k++) {
            int i = positions[k];
            positions[kept] = i;
            kept += Long.compareUnsigned(x[o + i] - from, width) <= 0 && valid(validity, i) ? 1 : 0;
        }
        return kept;
    }

    private static int rangeLongs(long[] x, int o, int rows, long from, long width, Validity validity, int[] positions) {
        int kept = 0;
        for (int i = 0; i < rows; i++) {
            positions[kept] = i;
            kept += Long.compareUnsigned(x[o + i] - from, width) <= 0 && valid(validity, i) ? 1 : 0;
        }
        return kept;
    }

    private static int rangeLongs(long[] x, int o, long from, long width, Validity validity, int[] positions, int count) {
        int kept = 0;
        for (int k = 0; k < count; k++) {
            int i = positions[k];
            positions[kept] = i;
            kept += Long.compareUnsigned(x[o + i] - from, width) <= 0 && valid(validity, i) ? 1 : 0;
        }
        return kept;
    }

    /**
     * {@link #select} for a comparison of two columns of one whole-number or temporal type held
     * in {@code int}s or {@code long}s (dates, timestamps, ids): the selected rows where {@code
     * left operator right} is true (with {@code negated}, false), nulls on either side dropped;
     * -1 for any other columns.
     */
    static int selectColumns(BinaryOperator operator, boolean negated, Vector left, Vector right, int[] positions,
            int count) {
        DataType type = left.type();
        if (type != right.type() || type.isFloat() || !(type.isInteger() || type.isTemporal() || type.isDecimal())) {
            return -1;
        }
        BinaryOperator test = negated ? negation(operator) : operator;
        Validity lv = left.validity();
        Validity rv = right.validity();
        if (left instanceof IntVector x && right instanceof IntVector y) {
            return selectInts(test, x.values(), x.offset(), y.values(), y.offset(), lv, rv, positions, count);
        }
        if (left instanceof LongVector x && right instanceof LongVector y) {
            return selectLongs(test, x.values(), x.offset(), y.values(), y.offset(), lv, rv, positions, count);
        }
        return -1;
    }

    private static int selectInts(BinaryOperator operator, int[] x, int o, int[] y, int p, Validity xv, Validity yv,
            int[] positions, int count) {
        int kept = 0;
        switch (operator) {
            case EQ -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] == y[p + i] && valid(xv, i) && valid(yv, i) ? 1 : 0; } }
            case NE -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] != y[p + i] && valid(xv, i) && valid(yv, i) ? 1 : 0; } }
            case LT -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] < y[p + i] && valid(xv, i) && valid(yv, i) ? 1 : 0; } }
            case LE -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] <= y[p + i] && valid(xv, i) && valid(yv, i) ? 1 : 0; } }
            case GT -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] > y[p + i] && valid(xv, i) && valid(yv, i) ? 1 : 0; } }
            case GE -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] >= y[p + i] && valid(xv, i) && valid(yv, i) ? 1 : 0; } }
            default -> throw new IllegalArgumentException(operator + " is not a comparison");
        }
        return kept;
    }

    private static int selectLongs(BinaryOperator operator, long[] x, int o, long[] y, int p, Validity xv,
            Validity yv, int[] positions, int count) {
        int kept = 0;
        switch (operator) {
            case EQ -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] == y[p + i] && valid(xv, i) && valid(yv, i) ? 1 : 0; } }
            case NE -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] != y[p + i] && valid(xv, i) && valid(yv, i) ? 1 : 0; } }
            case LT -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] < y[p + i] && valid(xv, i) && valid(yv, i) ? 1 : 0; } }
            case LE -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] <= y[p + i] && valid(xv, i) && valid(yv, i) ? 1 : 0; } }
            case GT -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] > y[p + i] && valid(xv, i) && valid(yv, i) ? 1 : 0; } }
            case GE -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] >= y[p + i] && valid(xv, i) && valid(yv, i) ? 1 : 0; } }
            default -> throw new IllegalArgumentException(operator + " is not a comparison");
        }
        return kept;
    }

    /**
     * Each row's flag from its dictionary entry's ({@code perEntry}, one per entry), 0 at a null
     * (whose code may be any).
     */
    static void byCode(CategoricalVector categorical, byte[] perEntry, byte[] out, int rows) {
        int[] codes = categorical.codes();
        int offset = categorical.offset();
        for (int i = 0; i < rows; i++) {
            int code = codes[offset + i];
            out[i] = code >= 0 && code < perEntry.length ? perEntry[code] : 0;
        }
    }

    private static BinaryOperator negation(BinaryOperator operator) {
        return switch (operator) {
            case EQ -> BinaryOperator.NE;
            case NE -> BinaryOperator.EQ;
            case LT -> BinaryOperator.GE;
            case LE -> BinaryOperator.GT;
            case GT -> BinaryOperator.LE;
            case GE -> BinaryOperator.LT;
            default -> throw new IllegalArgumentException(operator + " is not a comparison");
        };
    }

    // Each loop writes every row's position and advances over it only where the test holds: no
    // branch on the data. The validity test is lifted out of the loop by the compiler when null.

    private static int selectInts(BinaryOperator operator, int[] x, int o, long c, Validity validity, int[] positions,
            int count) {
        int kept = 0;
        switch (operator) {
            case EQ -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] == c && valid(validity, i) ? 1 : 0; } }
            case NE -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] != c && valid(validity, i) ? 1 : 0; } }
            case LT -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] < c && valid(validity, i) ? 1 : 0; } }
            case LE -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] <= c && valid(validity, i) ? 1 : 0; } }
            case GT -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] > c && valid(validity, i) ? 1 : 0; } }
            case GE -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] >= c && valid(validity, i) ? 1 : 0; } }
            default -> throw new IllegalArgumentException(operator + " is not a comparison");
        }
        return kept;
    }

    private static int selectLongs(BinaryOperator operator, long[] x, int o, long c, Validity validity,
            int[] positions, int count) {
        int kept = 0;
        switch (operator) {
            case EQ -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] == c && valid(validity, i) ? 1 : 0; } }
            case NE -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] != c && valid(validity, i) ? 1 : 0; } }
            case LT -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] < c && valid(validity, i) ? 1 : 0; } }
            case LE -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] <= c && valid(validity, i) ? 1 : 0; } }
            case GT -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] > c && valid(validity, i) ? 1 : 0; } }
            case GE -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] >= c && valid(validity, i) ? 1 : 0; } }
            default -> throw new IllegalArgumentException(operator + " is not a comparison");
        }
        return kept;
    }

    /** Negated, a test is kept where it is false, so a NaN (false in every IEEE comparison but NE) is kept. */
    private static int selectDoubles(BinaryOperator operator, boolean negated, double[] x, int o, double c,
            Validity validity, int[] positions, int count) {
        int kept = 0;
        if (!negated) {
            switch (operator) {
                case EQ -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] == c && valid(validity, i) ? 1 : 0; } }
                case NE -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] != c && valid(validity, i) ? 1 : 0; } }
                case LT -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] < c && valid(validity, i) ? 1 : 0; } }
                case LE -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] <= c && valid(validity, i) ? 1 : 0; } }
                case GT -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] > c && valid(validity, i) ? 1 : 0; } }
                case GE -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += x[o + i] >= c && valid(validity, i) ? 1 : 0; } }
                default -> throw new IllegalArgumentException(operator + " is not a comparison");
            }
        } else {
            switch (operator) {
                case EQ -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += !(x[o + i] == c) && valid(validity, i) ? 1 : 0; } }
                case NE -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += !(x[o + i] != c) && valid(validity, i) ? 1 : 0; } }
                case LT -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += !(x[o + i] < c) && valid(validity, i) ? 1 : 0; } }
                case LE -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += !(x[o + i] <= c) && valid(validity, i) ? 1 : 0; } }
                case GT -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += !(x[o + i] > c) && valid(validity, i) ? 1 : 0; } }
                case GE -> { for (int k = 0; k < count; k++) { int i = positions[k]; positions[kept] = i; kept += !(x[o + i] >= c) && valid(validity, i) ? 1 : 0; } }
                default -> throw new IllegalArgumentException(operator + " is not a comparison");
            }
        }
        return kept;
    }

    private static boolean valid(Validity validity, int i) {
        return validity == null || validity.isValid(i);
    }

    /**
     * Lists compared as DuckDB compares them: element by element, the first difference deciding,
     * a list that is a prefix of the other before it; elements in the order of a sort with nulls
     * and NaN last (a null element equals a null, NaN equals NaN, each above every value).
     */
    private static void lists(BinaryOperator operator, ListVector x, ListVector y, byte[] out, int rows) {
        DataType xe = x.elements().type();
        DataType ye = y.elements().type();
        Vector xs = x.elements();
        Vector ys = y.elements();
        boolean floats = xe.isFloat() || ye.isFloat();
        boolean text = xe.isText() || ye.isText();
        boolean nothing = xe == DataType.NULL || ye == DataType.NULL;
        double[] xd = floats && !nothing ? Kernels.doubles(xs) : null;
        double[] yd = floats && !nothing ? Kernels.doubles(ys) : null;
        long[] xl = !floats && !text && !nothing ? Kernels.longs(xs) : null;
        long[] yl = !floats && !text && !nothing ? Kernels.longs(ys) : null;
        Utf8Vector xt = text && !nothing ? utf8(xs) : null;
        Utf8Vector yt = text && !nothing ? utf8(ys) : null;
        for (int i = 0; i < rows; i++) {
            if (x.isNull(i) || y.isNull(i)) {
                continue; // null by the validity
            }
            int xStart = x.start(i);
            int yStart = y.start(i);
            int xSize = x.size(i);
            int ySize = y.size(i);
            int order = 0;
            for (int k = 0; k < Math.min(xSize, ySize) && order == 0; k++) {
                int p = xStart + k;
                int q = yStart + k;
                boolean xNull = xs.isNull(p);
                boolean yNull = ys.isNull(q);
                if (xNull || yNull) {
                    order = xNull == yNull ? 0 : xNull ? 1 : -1;
                } else if (floats) {
                    double u = xd[p];
                    double v = yd[q];
                    order = u < v ? -1 : u > v ? 1 : u == v ? 0 : Double.isNaN(u) ? (Double.isNaN(v) ? 0 : 1) : -1;
                } else if (text) {
                    order = Integer.signum(Arrays.compareUnsigned(xt.data(), xt.start(p), xt.start(p) + xt.byteLength(p),
                            yt.data(), yt.start(q), yt.start(q) + yt.byteLength(q)));
                } else {
                    order = Long.compare(xl[p], yl[q]);
                }
            }
            if (order == 0) {
                order = Integer.compare(xSize, ySize);
            }
            out[i] = test(operator, order) ? (byte) 1 : 0;
        }
    }

    /** The operator that gives the same answer with its operands swapped ({@code c < x} is {@code x > c}). */
    static BinaryOperator swapped(BinaryOperator operator) {
        return switch (operator) {
            case LT -> BinaryOperator.GT;
            case LE -> BinaryOperator.GE;
            case GT -> BinaryOperator.LT;
            case GE -> BinaryOperator.LE;
            case EQ, NE -> operator;
            default -> throw new IllegalArgumentException(operator + " is not a comparison");
        };
    }

    private static void text(BinaryOperator operator, Utf8Vector x, byte[] c, byte[] out, int rows) {
        byte[] data = x.data();
        if (operator == BinaryOperator.EQ || operator == BinaryOperator.NE) {
            // strings of another length differ without reading their bytes
            byte equal = (byte) (operator == BinaryOperator.EQ ? 1 : 0);
            int length = c.length;
            for (int i = 0; i < rows; i++) {
                int start = x.start(i);
                boolean same = x.byteLength(i) == length && Arrays.equals(data, start, start + length, c, 0, length);
                out[i] = same ? equal : (byte) (1 - equal);
            }
            return;
        }
        for (int i = 0; i < rows; i++) {
            int start = x.start(i);
            int order = Arrays.compareUnsigned(data, start, start + x.byteLength(i), c, 0, c.length);
            out[i] = test(operator, order) ? (byte) 1 : 0;
        }
    }

    // One loop per operator, so that each is a plain comparison the compiler can vectorize.

    private static void ints(BinaryOperator operator, int[] x, int o, long c, byte[] out, int rows) {
        switch (operator) {
            case EQ -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] == c ? (byte) 1 : 0; } }
            case NE -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] != c ? (byte) 1 : 0; } }
            case LT -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] < c ? (byte) 1 : 0; } }
            case LE -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] <= c ? (byte) 1 : 0; } }
            case GT -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] > c ? (byte) 1 : 0; } }
            case GE -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] >= c ? (byte) 1 : 0; } }
            default -> throw new IllegalArgumentException(operator + " is not a comparison");
        }
    }

    private static void ints(BinaryOperator operator, int[] x, int o, int[] y, int p, byte[] out, int rows) {
        switch (operator) {
            case EQ -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] == y[p + i] ? (byte) 1 : 0; } }
            case NE -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] != y[p + i] ? (byte) 1 : 0; } }
            case LT -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] < y[p + i] ? (byte) 1 : 0; } }
            case LE -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] <= y[p + i] ? (byte) 1 : 0; } }
            case GT -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] > y[p + i] ? (byte) 1 : 0; } }
            case GE -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] >= y[p + i] ? (byte) 1 : 0; } }
            default -> throw new IllegalArgumentException(operator + " is not a comparison");
        }
    }

    private static void longs(BinaryOperator operator, long[] x, int o, long c, byte[] out, int rows) {
        switch (operator) {
            case EQ -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] == c ? (byte) 1 : 0; } }
            case NE -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] != c ? (byte) 1 : 0; } }
            case LT -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] < c ? (byte) 1 : 0; } }
            case LE -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] <= c ? (byte) 1 : 0; } }
            case GT -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] > c ? (byte) 1 : 0; } }
            case GE -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] >= c ? (byte) 1 : 0; } }
            default -> throw new IllegalArgumentException(operator + " is not a comparison");
        }
    }

    private static void doubles(BinaryOperator operator, double[] x, int o, double c, byte[] out, int rows) {
        switch (operator) {
            case EQ -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] == c ? (byte) 1 : 0; } }
            case NE -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] != c ? (byte) 1 : 0; } }
            case LT -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] < c ? (byte) 1 : 0; } }
            case LE -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] <= c ? (byte) 1 : 0; } }
            case GT -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] > c ? (byte) 1 : 0; } }
            case GE -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] >= c ? (byte) 1 : 0; } }
            default -> throw new IllegalArgumentException(operator + " is not a comparison");
        }
    }

    private static void doubles(BinaryOperator operator, double[] x, int o, double[] y, int p, byte[] out, int rows) {
        switch (operator) {
            case EQ -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] == y[p + i] ? (byte) 1 : 0; } }
            case NE -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] != y[p + i] ? (byte) 1 : 0; } }
            case LT -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] < y[p + i] ? (byte) 1 : 0; } }
            case LE -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] <= y[p + i] ? (byte) 1 : 0; } }
            case GT -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] > y[p + i] ? (byte) 1 : 0; } }
            case GE -> { for (int i = 0; i < rows; i++) { out[i] = x[o + i] >= y[p + i] ? (byte) 1 : 0; } }
            default -> throw new IllegalArgumentException(operator + " is not a comparison");
        }
    }

    private static boolean test(BinaryOperator operator, double x, double y) {
        return switch (operator) {
            case EQ -> x == y;
            case NE -> x != y;
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
            default -> throw new IllegalArgumentException(operator + " is not a comparison");
        };
    }

    private static boolean test(BinaryOperator operator, int order) {
        return switch (operator) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
            default -> throw new IllegalArgumentException(operator + " is not a comparison");
        };
    }

    private static void text(BinaryOperator operator, Vector left, Vector right, byte[] out, int rows) {
        if (left instanceof CategoricalVector cats && right instanceof CategoricalVector others
                && cats.dictionary().sameLineage(others.dictionary()) && (operator == BinaryOperator.EQ || operator == BinaryOperator.NE)) {
            for (int i = 0; i < rows; i++) {
                boolean same = cats.codes()[cats.offset() + i] == others.codes()[others.offset() + i];
                out[i] = same == (operator == BinaryOperator.EQ) ? (byte) 1 : 0;
            }
            return;
        }
        Utf8Vector x = utf8(left);
        Utf8Vector y = utf8(right);
        byte[] xd = x.data();
        byte[] yd = y.data();
        for (int i = 0; i < rows; i++) {
            int xs = x.start(i);
            int ys = y.start(i);
            int order = Arrays.compareUnsigned(xd, xs, xs + x.byteLength(i), yd, ys, ys + y.byteLength(i));
            out[i] = test(operator, order) ? (byte) 1 : 0;
        }
    }

    private static Utf8Vector utf8(Vector vector) {
        return vector instanceof CategoricalVector cats ? CastKernel.categoricalToText(cats) : (Utf8Vector) vector;
    }
}
