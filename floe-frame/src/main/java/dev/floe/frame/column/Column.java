package dev.floe.frame.column;

import dev.floe.frame.DataType;
import dev.floe.frame.SchemaException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The values of one column: a list of chunks ({@link Vector}s) of one type, read as one sequence.
 * Scans produce one chunk per morsel, and operators share chunks rather than copy them; a
 * categorical column's chunks share one dictionary. Immutable.
 */
public final class Column {
    private final DataType type;
    private final List<Vector> chunks;
    private final int[] starts; // starts[i]: the row where chunk i begins; starts[chunks]: the length
    /** {min, max} of an integer-like column's values, computed on first use; {} when it has none. */
    private volatile long[] range;
    /** {most bytes, smallest byte, largest byte} of a text column's values, computed on first use. */
    private volatile int[] textShape;

    private Column(DataType type, List<Vector> chunks) {
        this.type = type;
        this.chunks = chunks;
        this.starts = new int[chunks.size() + 1];
        long total = 0;
        for (int i = 0; i < chunks.size(); i++) {
            total += chunks.get(i).length();
            if (total > Integer.MAX_VALUE - 8) {
                throw new SchemaException("a column holds at most " + (Integer.MAX_VALUE - 8) + " values");
            }
            starts[i + 1] = (int) total;
        }
    }

    /** A column of one or more chunks, all of type {@code type} (and one dictionary, if categorical). */
    public static Column of(DataType type, List<? extends Vector> chunks) {
        Objects.requireNonNull(type, "type is null");
        List<Vector> copy = new ArrayList<>(chunks.size());
        Dictionary dictionary = null;
        for (Vector chunk : chunks) {
            if (chunk.type() != type) {
                throw new SchemaException("a column of type " + type + " cannot hold a chunk of type " + chunk.type());
            }
            if (chunk instanceof CategoricalVector categorical) {
                if (dictionary != null && categorical.dictionary() != dictionary) {
                    throw new SchemaException("the chunks of a categorical column must share one dictionary");
                }
                dictionary = categorical.dictionary();
            }
            if (chunk.length() > 0 || chunks.size() == 1) {
                copy.add(chunk);
            }
        }
        return new Column(type, List.copyOf(copy));
    }

    /**
     * The smallest and largest value of a column of integers, booleans or dates / datetimes /
     * durations (as the numbers they are stored as), ignoring nulls: {@code {min, max}}, or an
     * empty array when there is no value. Computed once, on first use.
     */
    public long[] integerRange() {
        long[] known = range;
        if (known != null) {
            return known;
        }
        if (!(type.isInteger() || type.isTemporal() || type == DataType.BOOLEAN || type.isLongDecimal())
                || type == DataType.INT128) {
            throw new IllegalStateException("a " + type + " column has no integer range in longs");
        }
        // {min, max} so far; min > max while no value is seen. Each chunk read in place, in one
        // loop of its own (the first query to read a column pays for this, before it starts)
        long[] found = {Long.MAX_VALUE, Long.MIN_VALUE};
        for (Vector chunk : chunks) {
            Validity validity = chunk.validity();
            int n = chunk.length();
            if (validity != null && validity.nullCount() == n) {
                continue;
            }
            switch (chunk) {
                case IntVector ints -> intRange(ints.values(), ints.offset(), n, validity, found);
                case LongVector longs -> longRange(longs.values(), longs.offset(), n, validity, found);
                default -> longRange(dev.floe.frame.exec.Kernels.longs(chunk), 0, n, validity, found);
            }
        }
        known = found[0] <= found[1] ? found : new long[0];
        range = known;
        return known;
    }

    private static void intRange(int[] values, int offset, int n, Validity validity, long[] found) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        boolean any = false;
        if (validity == null) {
            for (int i = offset; i < offset + n; i++) {
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
            any = n > 0;
        } else {
            for (int i = 0; i < n; i++) {
                if (validity.isValid(i)) {
                    min = Math.min(min, values[offset + i]);
                    max = Math.max(max, values[offset + i]);
                    any = true;
                }
            }
        }
        if (any) {
            found[0] = Math.min(found[0], min);
            found[1] = Math.max(found[1], max);
        }
    }

    private static void longRange(long[] values, int offset, int n, Validity validity, long[] found) {
        long min = found[0];
        long max = found[1];
        if (validity == null) {
            for (int i = offset; i < offset + n; i++) {
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                if (validity.isValid(i)) {
                    min = Math.min(min, values[offset + i]);
                    max = Math.max(max, values[offset + i]);
                }
            }
        }
        found[0] = min;
        found[1] = max;
    }

    /**
     * The shape of a text column's (non-null) values: {@code {most bytes a value takes, smallest
     * byte, largest byte}} (bytes unsigned; {@code {0, 0, 0}} when no value has a byte). The bytes
     * are read only where no value takes more than {@link #SHAPED_BYTES}: a longer column gives
     * {@code {most, 0, 255}} from its lengths alone. Computed once, on first use.
     */
    public int[] textShape() {
        int[] known = textShape;
        if (known != null) {
            return known;
        }
        if (type != DataType.UTF8) {
            throw new IllegalStateException("a " + type + " column has no text shape");
        }
        // each chunk read in place in loops of their own (small methods, which the JIT compiles
        // quickly): the lengths from the offsets, then the bytes of the values
        int most = 0;
        for (Vector chunk : chunks) {
            most = Math.max(most, longest((Utf8Vector) chunk));
        }
        int smallest = 0;
        int largest = 255;
        if (most <= SHAPED_BYTES) {
            int[] bytes = {255, 0};
            for (Vector chunk : chunks) {
                byteRange((Utf8Vector) chunk, bytes);
            }
            smallest = bytes[0];
            largest = bytes[1];
        }
        known = most == 0 ? new int[] {0, 0, 0} : new int[] {most, smallest, largest};
        textShape = known;
        return known;
    }

    /** The most bytes a (non-null) value of {@code text} takes. */
    private static int longest(Utf8Vector text) {
        Validity validity = text.validity();
        int[] offsets = text.offsets();
        int from = text.offset();
        int to = from + text.length();
        int most = 0;
        if (validity == null) {
            for (int i = from; i < to; i++) {
                most = Math.max(most, offsets[i + 1] - offsets[i]);
            }
        } else {
            for (int i = from; i < to; i++) {
                if (validity.isValid(i - from)) {
                    most = Math.max(most, offsets[i + 1] - offsets[i]);
                }
            }
        }
        return most;
    }

    /**
     * Widens {@code range} ({smallest, largest}) to the bytes of {@code text}'s non-null values
     * (where none is null, every byte from the first value's start to the last's end).
     */
    private static void byteRange(Utf8Vector text, int[] range) {
        Validity validity = text.validity();
        byte[] data = text.data();
        int[] offsets = text.offsets();
        int from = text.offset();
        int to = from + text.length();
        int smallest = range[0];
        int largest = range[1];
        if (validity == null) {
            for (int b = offsets[from], end = offsets[to]; b < end; b++) {
                int value = data[b] & 0xFF;
                smallest = Math.min(smallest, value);
                largest = Math.max(largest, value);
            }
        } else {
            for (int i = from; i < to; i++) {
                if (validity.isValid(i - from)) {
                    for (int b = offsets[i], end = offsets[i + 1]; b < end; b++) {
                        int value = data[b] & 0xFF;
                        smallest = Math.min(smallest, value);
                        largest = Math.max(largest, value);
                    }
                }
            }
        }
        range[0] = smallest;
        range[1] = largest;
    }

    /** The longest values whose bytes {@link #textShape} reads: past 63 bytes no key of a bit a byte fits a long. */
    public static final int SHAPED_BYTES = 63;

    /** A column of one chunk. */
    public static Column of(Vector vector) {
        return of(vector.type(), List.of(vector));
    }

    /** An empty column of type {@code type}. */
    public static Column empty(DataType type) {
        return ColumnBuilder.of(type, 0).build();
    }

    public DataType type() {
        return type;
    }

    public int length() {
        return starts[chunks.size()];
    }

    public int chunkCount() {
        return chunks.size();
    }

    public Vector chunk(int index) {
        return chunks.get(index);
    }

    public List<Vector> chunks() {
        return chunks;
    }

    /** The row where chunk {@code index} begins. */
    public int chunkStart(int index) {
        return starts[index];
    }

    /** The chunk that holds row {@code row}. */
    public int chunkOf(int row) {
        Objects.checkIndex(row, length());
        int found = Arrays.binarySearch(starts, 0, chunks.size(), row);
        if (found >= 0) {
            while (found + 1 < chunks.size() && starts[found + 1] == row) {
                found++; // skip empty chunks
            }
            return found;
        }
        return -found - 2;
    }

    /** Row {@code row} as a Java object; see {@link Vector#get}. */
    public Object get(int row) {
        int chunk = chunkOf(row);
        return chunks.get(chunk).get(row - starts[chunk]);
    }

    public boolean isNull(int row) {
        int chunk = chunkOf(row);
        return chunks.get(chunk).isNull(row - starts[chunk]);
    }

    public int nullCount() {
        int nulls = 0;
        for (Vector chunk : chunks) {
            nulls += chunk.nullCount();
        }
        return nulls;
    }

    /** Rows {@code [from, from + count)}, sharing this column's arrays. */
    public Column slice(int from, int count) {
        Objects.checkFromIndexSize(from, count, length());
        List<Vector> parts = new ArrayList<>();
        int end = from + count;
        for (int i = 0; i < chunks.size() && starts[i] < end; i++) {
            int chunkStart = starts[i];
            int chunkEnd = starts[i + 1];
            if (chunkEnd <= from) {
                continue;
            }
            int sliceFrom = Math.max(from, chunkStart) - chunkStart;
            int sliceTo = Math.min(end, chunkEnd) - chunkStart;
            parts.add(chunks.get(i).slice(sliceFrom, sliceTo - sliceFrom));
        }
        if (parts.isEmpty()) {
            parts.add(chunks.isEmpty() ? empty(type).chunk(0) : chunks.get(0).slice(0, 0));
        }
        return new Column(type, List.copyOf(parts));
    }

    /** The column as one vector: its only chunk, or the chunks copied into one. */
    public Vector toVector() {
        if (chunks.size() == 1) {
            return chunks.get(0);
        }
        return Vectors.concat(type, chunks);
    }

    /** The values as Java objects, nulls included. */
    public List<Object> toList() {
        List<Object> values = new ArrayList<>(length());
        for (Vector chunk : chunks) {
            for (int i = 0; i < chunk.length(); i++) {
                values.add(chunk.get(i));
            }
        }
        return values;
    }

    public long sizeInBytes() {
        long bytes = 0;
        for (Vector chunk : chunks) {
            bytes += chunk.sizeInBytes();
        }
        return bytes;
    }

    /** Bytes of every array the chunks hold, each counted once even when shared. */
    public long retainedSizeInBytes() {
        long bytes = 0;
        java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Vector chunk : chunks) {
            if (seen.add(Vectors.backingArray(chunk))) {
                bytes += chunk.retainedSizeInBytes();
                // chunks that share a dictionary (those read into one column do) hold it once
                if (chunk instanceof CategoricalVector categorical
                        && !seen.add(categorical.dictionary().values().data())) {
                    bytes -= categorical.dictionary().retainedSizeInBytes();
                }
            }
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "Column[" + type + ", " + length() + " values in " + chunks.size() + " chunks]";
    }
}
