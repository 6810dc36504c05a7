package dev.floe.parquet;

import dev.floe.frame.DataType;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Dictionary;
import dev.floe.frame.column.DoubleVector;
import dev.floe.frame.column.FloatVector;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Set;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Reads a flat column's pages straight into a Floe vector, without a call per value: the
 * definition levels (RLE and bit-packed runs) into the null bitmap, and the values, plain or
 * through the chunk's dictionary, into primitive arrays in tight loops. A dictionary-encoded
 * text column decodes each dictionary entry once (into a categorical column, one lookup per
 * entry, not per row). The pages come from parquet-mr's page reader, which decompresses them and
 * checks their checksums. Only what {@link #reads} accepts is decoded here (numbers, dates,
 * timestamps and annotated text, optional or required, in the plain and dictionary encodings);
 * the rest goes through {@link ColumnDecoding}. Corrupt pages end in a runtime exception (an
 * index out of bounds, a count that does not add up), which the caller reports with the file.
 */
final class PageDecoding {
    /** What a chunk may use: BIT_PACKED only for levels (writers of format 1 list it for the repetition levels). */
    private static final Set<Encoding> ENCODINGS = Set.of(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY,
            Encoding.RLE_DICTIONARY, Encoding.RLE, Encoding.BIT_PACKED);

    private PageDecoding() {}

    /** Whether this column chunk is decoded here. */
    static boolean reads(ParquetColumn column, ColumnChunkMetaData chunk) {
        if (column.type().isList() || column.descriptor().getMaxRepetitionLevel() != 0
                || column.descriptor().getMaxDefinitionLevel() > 1 || chunk == null
                || !ENCODINGS.containsAll(chunk.getEncodings())) {
            return false;
        }
        PrimitiveTypeName physical = column.leaf().getPrimitiveTypeName();
        LogicalTypeAnnotation logical = column.leaf().getLogicalTypeAnnotation();
        boolean plainInteger = logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
                && i.isSigned();
        return switch (column.type().id()) {
            case INT8, INT16, INT32 -> physical == PrimitiveTypeName.INT32 && plainInteger;
            case DATE -> physical == PrimitiveTypeName.INT32
                    && logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation;
            case INT64 -> physical == PrimitiveTypeName.INT64 && plainInteger;
            case DECIMAL -> physical == PrimitiveTypeName.INT64 && column.type().isLongDecimal(); // whole numbers of 10^-scale
            case DATETIME -> physical == PrimitiveTypeName.INT64
                    && logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
            case FLOAT32 -> physical == PrimitiveTypeName.FLOAT;
            case FLOAT64 -> physical == PrimitiveTypeName.DOUBLE && logical == null;
            case UTF8, CATEGORICAL -> physical == PrimitiveTypeName.BINARY
                    && (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                            || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                            || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation);
            default -> false;
        };
    }

    /** The column's {@code rows} values from its pages. */
    static Vector decode(ParquetColumn column, PageReader pages, int rows) {
        return decode(column, pages, rows, null);
    }

    /**
     * The column's {@code rows} values from its pages; a categorical column's text goes into
     * {@code text} (if not null, else a dictionary of its own), so that row groups decoded into
     * one builder give chunks of one dictionary lineage.
     */
    static Vector decode(ParquetColumn column, PageReader pages, int rows, Dictionary.Builder text) {
        // a loop over pages only: each page's work, and each loop over its values, is a method of its own,
        // so the JIT compiles small methods once rather than this one (inlining all of them) for each column
        boolean optional = column.descriptor().getMaxDefinitionLevel() == 1;
        Values values = Values.of(column, rows, text);
        long[] bits = new long[(rows + 63) >>> 6];
        DictionaryPage dictionaryPage = pages.readDictionaryPage();
        if (dictionaryPage != null) {
            dictionary(values, dictionaryPage);
        }
        Scratch scratch = new Scratch();
        int row = 0;
        while (row < rows) {
            DataPage page = pages.readPage();
            if (page == null) {
                throw new IllegalStateException("the pages hold " + row + " values, the row group " + rows);
            }
            row += page(page, optional, values, bits, row, rows, scratch);
        }
        return values.build(Validity.of(bits, rows));
    }

    /** The levels and dictionary indexes of a column's pages, grown to the largest page. */
    private static final class Scratch {
        int[] levels = new int[0];
        int[] indexes = new int[0];
    }

    private static void dictionary(Values values, DictionaryPage dictionaryPage) {
        byte[] bytes = bytes(dictionaryPage.getBytes());
        int size = dictionaryPage.getDictionarySize();
        // every entry takes at least 4 bytes (a number, or a text's length), so a page cannot hold more
        if (size < 0 || size > bytes.length / 4) {
            throw new IllegalStateException("a dictionary page of " + bytes.length + " bytes says it holds " + size
                    + " values");
        }
        values.dictionary(bytes, size);
    }

    /** One data page's rows from {@code row} into {@code values} and {@code bits}; how many it held. */
    private static int page(DataPage page, boolean optional, Values values, long[] bits, int row, int rows,
            Scratch scratch) {
        int count = page.getValueCount();
        if (count < 0 || count > rows - row) {
            throw new IllegalStateException("a page holds " + count + " values where " + (rows - row) + " are left");
        }
        byte[] data;
        int offset = 0;
        Encoding encoding;
        if (scratch.levels.length < count) {
            scratch.levels = new int[count];
            scratch.indexes = new int[count];
        }
        int[] levels = scratch.levels;
        if (page instanceof DataPageV1 v1) {
            data = bytes(v1.getBytes());
            encoding = v1.getValueEncoding();
            if (optional && v1.getDlEncoding() == Encoding.BIT_PACKED) {
                // the old levels encoding: one bit each, the first in the highest bit, no length before them
                bitPackedLevels(data, levels, count);
                offset = (count + 7) >>> 3;
            } else if (optional) {
                if (v1.getDlEncoding() != Encoding.RLE) {
                    throw new IllegalStateException("definition levels encoded " + v1.getDlEncoding());
                }
                int length = littleEndianInt(data, 0);
                if (length < 0 || length > data.length - 4) {
                    throw new IllegalStateException("definition levels of " + length + " bytes in a page of "
                            + data.length);
                }
                hybrid(data, 4, 4 + length, 1, levels, count);
                offset = 4 + length;
            }
        } else if (page instanceof DataPageV2 v2) {
            data = bytes(v2.getData());
            encoding = v2.getDataEncoding();
            if (optional) {
                byte[] definition = bytes(v2.getDefinitionLevels());
                hybrid(definition, 0, definition.length, 1, levels, count);
            }
        } else {
            throw new IllegalStateException("a page of an unknown kind");
        }
        int present = optional ? present(levels, count) : count;
        if (present == count) {
            setBits(bits, row, row + count);
        } else {
            setPresent(bits, levels, row, count);
        }
        int[] nulls = optional && present < count ? levels : null; // a page without nulls takes the plain loops
        if (encoding == Encoding.PLAIN) {
            values.plain(data, offset, row, count, nulls);
        } else if (encoding == Encoding.RLE_DICTIONARY || encoding == Encoding.PLAIN_DICTIONARY) {
            if (!values.hasDictionary()) {
                throw new IllegalStateException("dictionary-encoded values without a dictionary");
            }
            int width = data[offset] & 0xff;
            if (width > 32) {
                throw new IllegalStateException("dictionary indexes of " + width + " bits");
            }
            hybrid(data, offset + 1, data.length, width, scratch.indexes, present);
            values.indexed(scratch.indexes, row, count, nulls);
        } else {
            throw new IllegalStateException("values encoded " + encoding);
        }
        return count;
    }

    /** Levels of one bit each, the first in the highest bit of the first byte. */
    private static void bitPackedLevels(byte[] data, int[] levels, int count) {
        for (int i = 0; i < count; i++) {
            levels[i] = (data[i >>> 3] >>> (7 - (i & 7))) & 1;
        }
    }

    /** How many of {@code levels[0, count)} are 1 (a level is 0, null, or 1). */
    private static int present(int[] levels, int count) {
        int present = 0;
        for (int i = 0; i < count; i++) {
            present += levels[i];
        }
        return present;
    }

    /** Sets the bit of each row from {@code row} whose level is 1. */
    private static void setPresent(long[] bits, int[] levels, int row, int count) {
        for (int i = 0; i < count; i++) {
            if (levels[i] == 1) {
                int r = row + i;
                bits[r >>> 6] |= 1L << r;
            }
        }
    }

    /**
     * The bytes of {@code input}: the array itself where it wraps a whole one (a page that
     * {@link Codecs} decompressed into an array of its own), else a copy. The decoders only read
     * them.
     */
    private static byte[] bytes(org.apache.parquet.bytes.BytesInput input) {
        try {
            java.nio.ByteBuffer buffer = input.toByteBuffer();
            if (buffer.hasArray() && buffer.arrayOffset() + buffer.position() == 0
                    && buffer.remaining() == buffer.array().length) {
                return buffer.array();
            }
            byte[] copy = new byte[buffer.remaining()];
            buffer.get(copy);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets bits {@code [from, to)} of {@code bits}, a word at a time. */
    private static void setBits(long[] bits, int from, int to) {
        if (from >= to) {
            return;
        }
        int first = from >>> 6;
        int last = (to - 1) >>> 6;
        long head = -1L << from; // shifts take the low six bits
        long tail = -1L >>> -to;
        if (first == last) {
            bits[first] |= head & tail;
            return;
        }
        bits[first] |= head;
        java.util.Arrays.fill(bits, first + 1, last, -1L);
        bits[last] |= tail;
    }

    private static final java.lang.invoke.VarHandle INT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private static int littleEndianInt(byte[] data, int at) {
        return (int) INT.get(data, at);
    }

    /**
     * Parquet's RLE / bit-packing hybrid: {@code count} values of {@code width} bits from
     * {@code data[from, to)} into {@code out}. Runs: a varint header, then either one value
     * repeated (header even: {@code header >>> 1} times, the value in whole bytes) or groups of
     * eight bit-packed values (header odd: {@code header >>> 1} groups, least significant bit
     * first).
     */
    static void hybrid(byte[] data, int from, int to, int width, int[] out, int count) {
        int at = from;
        int done = 0;
        if (width == 0) {
            java.util.Arrays.fill(out, 0, count, 0); // one value: no bits are stored
            return;
        }
        int valueBytes = (width + 7) >>> 3;
        long mask = width == 32 ? 0xffffffffL : (1L << width) - 1;
        while (done < count) {
            if (at >= to) {
                throw new IllegalStateException("encoded values end after " + done + " of " + count);
            }
            int header = 0;
            int shift = 0;
            int b;
            do {
                b = data[at++] & 0xff;
                header |= (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0 && shift < 35);
            if ((header & 1) == 0) {
                int run = header >>> 1;
                int value = 0;
                for (int i = 0; i < valueBytes; i++) {
                    value |= (data[at++] & 0xff) << (8 * i);
                }
                int n = Math.min(run, count - done);
                java.util.Arrays.fill(out, done, done + n, value);
                done += n;
            } else {
                int values = (header >>> 1) * 8;
                int n = Math.min(values, count - done);
                long bitBase = (long) at * 8;
                int i = 0;
                // a value starts at most 7 bits into its first byte and has at most 32 bits: one
                // little-endian long read holds it, wherever eight bytes are left to read
                int lastWord = data.length - 8;
                if (width <= 8) {
                    // eight values of at most 8 bits are at most 8 bytes: one read for each eight
                    int bytesAt = at;
                    for (; i + 8 <= n && bytesAt <= lastWord; i += 8, bytesAt += width) {
                        long word = (long) LONG.get(data, bytesAt);
                        int o = done + i;
                        out[o] = (int) (word & mask);
                        out[o + 1] = (int) ((word >>> width) & mask);
                        out[o + 2] = (int) ((word >>> (2 * width)) & mask);
                        out[o + 3] = (int) ((word >>> (3 * width)) & mask);
                        out[o + 4] = (int) ((word >>> (4 * width)) & mask);
                        out[o + 5] = (int) ((word >>> (5 * width)) & mask);
                        out[o + 6] = (int) ((word >>> (6 * width)) & mask);
                        out[o + 7] = (int) ((word >>> (7 * width)) & mask);
                    }
                }
                for (; i < n; i++) {
                    long bit = bitBase + (long) i * width;
                    int index = (int) (bit >>> 3);
                    if (index > lastWord) {
                        break;
                    }
                    out[done + i] = (int) (((long) LONG.get(data, index) >>> (bit & 7)) & mask);
                }
                for (; i < n; i++) {
                    long bit = bitBase + (long) i * width;
                    int index = (int) (bit >>> 3);
                    int shiftIn = (int) (bit & 7);
                    long word = 0;
                    int need = (shiftIn + width + 7) >>> 3;
                    for (int k = 0; k < need; k++) {
                        word |= (long) (data[index + k] & 0xff) << (8 * k);
                    }
                    out[done + i] = (int) ((word >>> shiftIn) & mask);
                }
                at += (header >>> 1) * width; // eight values of width bits are width bytes
                done += n;
            }
        }
    }

    /** The values of one column as they are decoded: its arrays, and its dictionary's values. */
    private abstract static sealed class Values {
        static Values of(ParquetColumn column, int rows, Dictionary.Builder text) {
            return switch (column.type().id()) {
                case INT8, INT16, INT32, DATE -> new Ints(column.type(), rows);
                case INT64, DATETIME, DECIMAL -> new Longs(column, rows);
                case FLOAT32 -> new Floats(rows);
                case FLOAT64 -> new Doubles(rows);
                case UTF8 -> new Texts(rows);
                case CATEGORICAL -> new Categories(rows, text != null ? text : new Dictionary.Builder());
                default -> throw new IllegalStateException("no page decoding for " + column.type());
            };
        }

        abstract void dictionary(byte[] bytes, int size);

        abstract boolean hasDictionary();

        /** {@code count} rows from {@code row}: plain values (one per present row) from {@code data[offset..]}. */
        abstract void plain(byte[] data, int offset, int row, int count, int[] levels);

        /** {@code count} rows from {@code row}: dictionary indexes (one per present row). */
        abstract void indexed(int[] indexes, int row, int count, int[] levels);

        abstract Vector build(Validity validity);

        static boolean present(int[] levels, int i) {
            return levels == null || levels[i] == 1;
        }
    }

    private static final class Ints extends Values {
        final DataType type;
        final int[] out;
        int[] dictionary;

        Ints(DataType type, int rows) {
            this.type = type;
            this.out = new int[rows];
        }

        @Override
        void dictionary(byte[] bytes, int size) {
            dictionary = new int[size];
            for (int i = 0; i < size; i++) {
                dictionary[i] = littleEndianInt(bytes, 4 * i);
            }
        }

        @Override
        boolean hasDictionary() {
            return dictionary != null;
        }

        @Override
        void plain(byte[] data, int offset, int row, int count, int[] levels) {
            int at = offset;
            for (int i = 0; i < count; i++) {
                if (present(levels, i)) {
                    out[row + i] = littleEndianInt(data, at);
                    at += 4;
                }
            }
        }

        @Override
        void indexed(int[] indexes, int row, int count, int[] levels) {
            int next = 0;
            for (int i = 0; i < count; i++) {
                if (present(levels, i)) {
                    out[row + i] = dictionary[indexes[next++]];
                }
            }
        }

        @Override
        Vector build(Validity validity) {
            return ColumnDecoding.ints(type, out, validity);
        }
    }

    private static final class Longs extends Values {
        final DataType type;
        final long[] out;
        final long scale;
        final long divide;
        long[] dictionary;

        Longs(ParquetColumn column, int rows) {
            this.type = column.type();
            this.out = new long[rows];
            long s = 1;
            long d = 1;
            if (column.leaf().getLogicalTypeAnnotation()
                    instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
                switch (t.getUnit()) {
                    case MILLIS -> s = 1000;
                    case NANOS -> d = 1000;
                    default -> { }
                }
            }
            this.scale = s;
            this.divide = d;
        }

        private long scaled(long value) {
            return divide > 1 ? Math.floorDiv(value, divide) : value * scale;
        }

        private static long littleEndianLong(byte[] data, int at) {
            return (long) LONG.get(data, at);
        }

        @Override
        void dictionary(byte[] bytes, int size) {
            dictionary = new long[size];
            for (int i = 0; i < size; i++) {
                dictionary[i] = scaled(littleEndianLong(bytes, 8 * i));
            }
        }

        @Override
        boolean hasDictionary() {
            return dictionary != null;
        }

        @Override
        void plain(byte[] data, int offset, int row, int count, int[] levels) {
            int at = offset;
            for (int i = 0; i < count; i++) {
                if (present(levels, i)) {
                    out[row + i] = scaled(littleEndianLong(data, at));
                    at += 8;
                }
            }
        }

        @Override
        void indexed(int[] indexes, int row, int count, int[] levels) {
            int next = 0;
            for (int i = 0; i < count; i++) {
                if (present(levels, i)) {
                    out[row + i] = dictionary[indexes[next++]];
                }
            }
        }

        @Override
        Vector build(Validity validity) {
            if (type.isDecimal()) {
                // a value past its decimal's digits is corrupt, not data
                long most = BigInteger.TEN.pow(type.precision()).longValueExact() - 1;
                for (int i = 0; i < out.length; i++) {
                    if ((out[i] > most || out[i] < -most) && (validity == null || validity.isValid(i))) {
                        throw new IllegalStateException("a value of " + new java.math.BigDecimal(BigInteger.valueOf(
                                out[i]), type.scale()).toPlainString() + " has more digits than its " + type + " holds");
                    }
                }
            }
            return new LongVector(type, out, 0, out.length, validity);
        }
    }

    private static final class Floats extends Values {
        final float[] out;
        float[] dictionary;

        Floats(int rows) {
            this.out = new float[rows];
        }

        @Override
        void dictionary(byte[] bytes, int size) {
            dictionary = new float[size];
            for (int i = 0; i < size; i++) {
                dictionary[i] = Float.intBitsToFloat(littleEndianInt(bytes, 4 * i));
            }
        }

        @Override
        boolean hasDictionary() {
            return dictionary != null;
        }

        @Override
        void plain(byte[] data, int offset, int row, int count, int[] levels) {
            int at = offset;
            for (int i = 0; i < count; i++) {
                if (present(levels, i)) {
                    out[row + i] = Float.intBitsToFloat(littleEndianInt(data, at));
                    at += 4;
                }
            }
        }

        @Override
        void indexed(int[] indexes, int row, int count, int[] levels) {
            int next = 0;
            for (int i = 0; i < count; i++) {
                if (present(levels, i)) {
                    out[row + i] = dictionary[indexes[next++]];
                }
            }
        }

        @Override
        Vector build(Validity validity) {
            return new FloatVector(DataType.FLOAT32, out, 0, out.length, validity);
        }
    }

    private static final class Doubles extends Values {
        final double[] out;
        double[] dictionary;

        Doubles(int rows) {
            this.out = new double[rows];
        }

        private static double at(byte[] data, int at) {
            return Double.longBitsToDouble(Longs.littleEndianLong(data, at));
        }

        @Override
        void dictionary(byte[] bytes, int size) {
            dictionary = new double[size];
            for (int i = 0; i < size; i++) {
                dictionary[i] = at(bytes, 8 * i);
            }
        }

        @Override
        boolean hasDictionary() {
            return dictionary != null;
        }

        @Override
        void plain(byte[] data, int offset, int row, int count, int[] levels) {
            int at = offset;
            for (int i = 0; i < count; i++) {
                if (present(levels, i)) {
                    out[row + i] = at(data, at);
                    at += 8;
                }
            }
        }

        @Override
        void indexed(int[] indexes, int row, int count, int[] levels) {
            int next = 0;
            for (int i = 0; i < count; i++) {
                if (present(levels, i)) {
                    out[row + i] = dictionary[indexes[next++]];
                }
            }
        }

        @Override
        Vector build(Validity validity) {
            return new DoubleVector(DataType.FLOAT64, out, 0, out.length, validity);
        }
    }

    /** Plain byte arrays: a 4-byte little-endian length, then the bytes; the dictionary's as offsets into its page. */
    private abstract static sealed class Binaries extends Values {
        byte[] dictionaryBytes;
        int[] starts;
        int[] lengths;

        @Override
        void dictionary(byte[] bytes, int size) {
            dictionaryBytes = bytes;
            starts = new int[size];
            lengths = new int[size];
            int at = 0;
            for (int i = 0; i < size; i++) {
                int length = littleEndianInt(bytes, at);
                if (length < 0 || length > bytes.length - at - 4) {
                    throw new IllegalStateException("a dictionary value of " + length + " bytes");
                }
                starts[i] = at + 4;
                lengths[i] = length;
                at += 4 + length;
            }
        }

        @Override
        boolean hasDictionary() {
            return starts != null;
        }

        /** Where the present values of a plain page lie, in {@link #locate}'s order. */
        int[] valueStarts;
        int[] valueLengths;

        /**
         * Finds the page's present values (each a 4-byte length, then the bytes): their places
         * into {@link #valueStarts} and {@link #valueLengths}; returns how many.
         */
        int locate(byte[] data, int offset, int count, int[] levels) {
            if (valueStarts == null || valueStarts.length < count) {
                valueStarts = new int[count];
                valueLengths = new int[count];
            }
            int held = 0;
            int at = offset;
            for (int i = 0; i < count; i++) {
                if (present(levels, i)) {
                    int length = littleEndianInt(data, at);
                    if (length < 0 || length > data.length - at - 4) {
                        throw new IllegalStateException("a value of " + length + " bytes");
                    }
                    valueStarts[held] = at + 4;
                    valueLengths[held++] = length;
                    at += 4 + length;
                }
            }
            return held;
        }

        @Override
        void plain(byte[] data, int offset, int row, int count, int[] levels) {
            locate(data, offset, count, levels);
            int next = 0;
            for (int i = 0; i < count; i++) {
                if (present(levels, i)) {
                    value(row + i, data, valueStarts[next], valueLengths[next]);
                    next++;
                } else {
                    missing(row + i);
                }
            }
        }

        abstract void value(int row, byte[] data, int from, int length);

        abstract void missing(int row);
    }

    /**
     * Text into one array of bytes and one of offsets, written in place: a value's bytes, then
     * where it ends (a null ends where it starts). A dictionary page's entries are copied from
     * where they lie in the page (short ones as words made once per dictionary), with room made
     * once a page: for its rows at the longest entry, or for the bytes they take where entries
     * are long.
     */
    private static final class Texts extends Binaries {
        /** Entries up to this long are copied byte by byte, longer ones by {@code System.arraycopy}. */
        private static final int SHORT_TEXT = 16;
        /** Entries up to this long are written as two words. */
        private static final int WORD_TEXT = 16;
        final int[] offsets;
        byte[] data;
        /** Bytes written so far. */
        int end;
        /** The most bytes a dictionary entry takes. */
        int longest;

        Texts(int rows) {
            this.offsets = new int[rows + 1];
            this.data = new byte[Math.max(16, rows)];
        }

        private void room(long bytes) {
            if (end + bytes > data.length) {
                long grown = Math.max(2L * data.length, end + bytes);
                if (grown > Integer.MAX_VALUE - 16) {
                    grown = end + bytes;
                    if (grown > Integer.MAX_VALUE - 16) {
                        throw new IllegalStateException("a row group's text takes more than 2 GiB");
                    }
                }
                data = java.util.Arrays.copyOf(data, (int) grown);
            }
        }

        /**
         * Where every entry takes at most {@value #WORD_TEXT} bytes: each entry's bytes as two
         * little-endian words (zeros past its end), written with two stores whatever its length.
         */
        long[] firstWords;
        long[] secondWords;

        @Override
        void dictionary(byte[] bytes, int size) {
            super.dictionary(bytes, size);
            int most = 0;
            for (int i = 0; i < size; i++) {
                most = Math.max(most, lengths[i]);
            }
            longest = most;
            firstWords = null;
            secondWords = null;
            if (most <= WORD_TEXT) {
                firstWords = new long[size];
                secondWords = new long[size];
                for (int i = 0; i < size; i++) {
                    for (int b = 0; b < lengths[i]; b++) {
                        long value = (bytes[starts[i] + b] & 0xFFL) << (8 * (b & 7));
                        if (b < 8) {
                            firstWords[i] |= value;
                        } else {
                            secondWords[i] |= value;
                        }
                    }
                }
            }
        }

        @Override
        void value(int row, byte[] from, int at, int length) {
            room(length);
            System.arraycopy(from, at, data, end, length);
            end += length;
            offsets[row + 1] = end;
        }

        @Override
        void missing(int row) {
            offsets[row + 1] = end;
        }

        @Override
        void indexed(int[] indexes, int row, int count, int[] levels) {
            if (firstWords != null) {
                words(indexes, row, count, levels);
                return;
            }
            long bytes = (long) count * longest;
            if (longest > SHORT_TEXT) { // long entries: exactly what the page's values take
                bytes = 0;
                int held = 0;
                for (int i = 0; i < count; i++) {
                    if (present(levels, i)) {
                        bytes += lengths[indexes[held++]];
                    }
                }
            }
            room(bytes);
            byte[] data = this.data;
            byte[] entries = dictionaryBytes;
            int[] starts = this.starts;
            int[] lengths = this.lengths;
            int[] offsets = this.offsets;
            int end = this.end;
            int next = 0;
            for (int i = 0; i < count; i++) {
                if (present(levels, i)) {
                    int index = indexes[next++];
                    int length = lengths[index];
                    int from = starts[index];
                    if (length <= SHORT_TEXT) {
                        for (int b = 0; b < length; b++) {
                            data[end + b] = entries[from + b];
                        }
                    } else {
                        System.arraycopy(entries, from, data, end, length);
                    }
                    end += length;
                }
                offsets[row + i + 1] = end;
            }
            this.end = end;
        }

        /** {@link #indexed} for entries of at most {@value #WORD_TEXT} bytes: two word stores a value. */
        private void words(int[] indexes, int row, int count, int[] levels) {
            room((long) count * longest + WORD_TEXT); // the stores of the last value may reach past its end
            byte[] data = this.data;
            long[] first = firstWords;
            long[] second = secondWords;
            int[] lengths = this.lengths;
            int[] offsets = this.offsets;
            int end = this.end;
            int next = 0;
            for (int i = 0; i < count; i++) {
                if (present(levels, i)) {
                    int index = indexes[next++];
                    LONG.set(data, end, first[index]);
                    LONG.set(data, end + 8, second[index]);
                    end += lengths[index];
                }
                offsets[row + i + 1] = end;
            }
            this.end = end;
        }

        @Override
        Vector build(Validity validity) {
            return new Utf8Vector(data, offsets, 0, offsets.length - 1, validity);
        }
    }

    private static final class Categories extends Binaries {
        final int[] codes;
        final Dictionary.Builder values;
        int[] codeOfEntry;
        int[] found;

        Categories(int rows, Dictionary.Builder values) {
            this.codes = new int[rows];
            this.values = values;
        }

        @Override
        void dictionary(byte[] bytes, int size) {
            super.dictionary(bytes, size);
            codeOfEntry = new int[size];
            values.codesOf(bytes, starts, lengths, 0, size, codeOfEntry, 0);
        }

        /** The page's values located first, then looked up together (see {@link Dictionary.Builder#codesOf}). */
        @Override
        void plain(byte[] data, int offset, int row, int count, int[] levels) {
            int held = locate(data, offset, count, levels);
            if (held == count) {
                values.codesOf(data, valueStarts, valueLengths, 0, count, codes, row);
                return;
            }
            if (found == null || found.length < held) {
                found = new int[held];
            }
            values.codesOf(data, valueStarts, valueLengths, 0, held, found, 0);
            int next = 0;
            for (int i = 0; i < count; i++) {
                if (present(levels, i)) {
                    codes[row + i] = found[next++];
                }
            }
        }

        @Override
        void value(int row, byte[] data, int from, int length) {
            codes[row] = values.codeOf(data, from, length);
        }

        @Override
        void missing(int row) {
            // a null: its code is never read
        }

        @Override
        void indexed(int[] indexes, int row, int count, int[] levels) {
            int next = 0;
            for (int i = 0; i < count; i++) {
                if (present(levels, i)) {
                    codes[row + i] = codeOfEntry[indexes[next++]];
                }
            }
        }

        @Override
        Vector build(Validity validity) {
            return new CategoricalVector(codes, 0, codes.length, validity, values.build());
        }
    }
}
