package dev.floe.parquet;

import dev.floe.frame.DataType;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.TextHash;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Kernels;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Encodes one column of a row group straight from its vector into Parquet data pages (format
 * version 1): definition levels and values in the page's bytes, with loops over the vector's
 * arrays, no value object and no call into parquet-java per value. parquet-java's page store
 * still compresses the pages, lays out the column chunk and writes the statistics, column index
 * and offset index that the pages' statistics make.
 *
 * <p>Encodings, as parquet-java writes them by default: a dictionary (a dictionary page of the
 * distinct values, then each value's index in RLE/bit-packed runs) where it makes the column
 * smaller and its page stays within {@value #DICTIONARY_BYTES} bytes, else the values plain;
 * booleans bit-packed. A categorical column's dictionary holds the entries its rows use, taken
 * from its own dictionary without hashing text. Pages hold at most {@value #PAGE_ROWS} rows and
 * about {@value #PAGE_BYTES} bytes of values, so that a reader can skip pages by their statistics.
 * Statistics are those parquet-java's column writer would record for the same values.
 *
 * <p>One encoder per thread: it reuses its buffers from column to column.
 */
final class PageEncoder {
    /** parquet-java's default row limit of a page. */
    static final int PAGE_ROWS = 20_000;
    /** parquet-java's default page size. */
    static final int PAGE_BYTES = 1 << 20;
    /** parquet-java's default limit of a dictionary page. */
    static final int DICTIONARY_BYTES = 1 << 20;

    /** Groups of eight in one bit-packed run at most, as parquet-java writes them (a one-byte header). */
    private static final int MAX_GROUPS = 63;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes = new byte[1 << 16];
    private int size;
    private int[] scratch = new int[PAGE_ROWS];

    /** How a column's values are laid out for encoding. */
    private enum Kind { BOOLEAN, INT32, INT64, FLOAT, DOUBLE, TEXT, NULL }

    /**
     * The column's values in one of three forms: {@code bits} for numbers (the value, or the
     * float's bits as parquet-java writes them), {@code text} for UTF8 and categorical columns
     * (through {@code codes} for a categorical), {@code flags} for booleans.
     */
    private record Values(Kind kind, int length, Validity validity, long[] bits, byte[] flags, int flagOffset,
            Utf8Vector text, int[] codes, int codeOffset) {

        boolean isNull(int row) {
            return validity != null && validity.isNull(row);
        }

        /** Where row {@code row}'s text is in {@code text}: its own row, or its code's entry. */
        int textIndex(int row) {
            return codes == null ? row : codes[codeOffset + row];
        }
    }

    /**
     * The dictionary of a column: each non-null row's entry, and the entries' encoded page. For
     * text, also where each entry's text is ({@link Values#textIndex}) and each entry's rank in
     * the order of its bytes, so that a page's minimum and maximum come from comparing ranks.
     */
    private record Dictionary(int[] entryOfRow, int entries, byte[] page, int bitWidth, int[] textOfEntry,
            int[] rank) {}

    /** Writes {@code vector} (not a list) to {@code writer} as the column of {@code type}. */
    void write(PageWriter writer, PrimitiveType type, Vector vector) throws IOException {
        Values values = values(vector);
        int n = values.length();
        Dictionary dictionary = dictionary(values);
        if (dictionary != null) {
            writer.writeDictionaryPage(new DictionaryPage(BytesInput.from(dictionary.page()), dictionary.entries(),
                    Encoding.PLAIN_DICTIONARY));
        }
        int from = 0;
        while (from < n) {
            int rows = pageRows(values, from, dictionary != null);
            Statistics<?> statistics = Statistics.createStats(type);
            size = 0;
            reserve(4);
            size = 4; // the definition levels' length, filled in below
            int nulls = definitionLevels(values, from, rows);
            INT.set(bytes, 0, size - 4);
            statistics.incrementNumNulls(nulls);
            if (dictionary != null) {
                indices(dictionary, values, from, rows);
            } else {
                plain(values, from, rows);
            }
            if (nulls < rows) {
                statistics(statistics, values, dictionary, from, rows);
            }
            writer.writePage(BytesInput.from(Arrays.copyOf(bytes, size)), rows, rows, statistics, Encoding.BIT_PACKED,
                    Encoding.RLE, dictionary != null ? Encoding.PLAIN_DICTIONARY : Encoding.PLAIN);
            from += rows;
        }
    }

    private static Values values(Vector vector) {
        int n = vector.length();
        Validity validity = vector.validity();
        DataType type = vector.type();
        return switch (type.id()) {
            case BOOLEAN -> {
                ByteVector flags = (ByteVector) vector;
                yield new Values(Kind.BOOLEAN, n, validity, null, flags.values(), flags.offset(), null, null, 0);
            }
            case INT8, INT16, INT32, DATE -> new Values(Kind.INT32, n, validity, Kernels.longs(vector), null, 0, null,
                    null, 0);
            // a decimal of up to 18 digits: its whole numbers of 10^-scale
            case INT64, DATETIME, DURATION, TIME, DECIMAL -> new Values(Kind.INT64, n, validity, Kernels.longs(vector), null, 0,
                    null, null, 0);
            case FLOAT32, FLOAT64 -> {
                double[] doubles = Kernels.doubles(vector);
                long[] bits = new long[n];
                if (type == DataType.FLOAT32) {
                    for (int i = 0; i < n; i++) {
                        bits[i] = Float.floatToIntBits((float) doubles[i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        bits[i] = Double.doubleToLongBits(doubles[i]);
                    }
                }
                yield new Values(type == DataType.FLOAT32 ? Kind.FLOAT : Kind.DOUBLE, n, validity, bits, null, 0,
                        null, null, 0);
            }
            case UTF8 -> {
                Utf8Vector text = (Utf8Vector) vector;
                yield new Values(Kind.TEXT, n, validity, null, null, 0, text, null, 0);
            }
            case CATEGORICAL -> {
                CategoricalVector categorical = (CategoricalVector) vector;
                yield new Values(Kind.TEXT, n, validity, null, null, 0, categorical.dictionary().values(),
                        categorical.codes(), categorical.offset());
            }
            case NULL -> new Values(Kind.NULL, n, validity, null, null, 0, null, null, 0);
            default -> throw new IllegalArgumentException("Parquet cannot hold " + type);
        };
    }

    /** The rows of the page that starts at row {@code from}. */
    private static int pageRows(Values values, int from, boolean dictionary) {
        int rows = Math.min(PAGE_ROWS, values.length() - from);
        if (values.kind() != Kind.TEXT || dictionary) {
            return rows; // at most 8 bytes a value: within PAGE_BYTES
        }
        long pageBytes = 0;
        for (int r = 0; r < rows; r++) {
            if (!values.isNull(from + r)) {
                pageBytes += 4 + values.text().byteLength(values.textIndex(from + r));
                if (pageBytes > PAGE_BYTES && r > 0) {
                    return r;
                }
            }
        }
        return rows;
    }

    // ---- dictionaries

    /** The column's dictionary, or null where plain values are smaller or the dictionary would be too large. */
    private static Dictionary dictionary(Values values) {
        return switch (values.kind()) {
            case BOOLEAN, NULL -> null;
            case INT32, FLOAT -> numberDictionary(values, 4);
            case INT64, DOUBLE -> numberDictionary(values, 8);
            case TEXT -> textDictionary(values);
        };
    }

    private static Dictionary numberDictionary(Values values, int width) {
        int n = values.length();
        long[] bits = values.bits();
        int maxEntries = Math.min(n, DICTIONARY_BYTES / width);
        int[] entryOfRow = new int[n];
        LongTable table = new LongTable();
        if (values.kind() == Kind.INT32 || values.kind() == Kind.INT64) {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int r = 0; r < n; r++) {
                if (!values.isNull(r)) {
                    min = Math.min(min, bits[r]);
                    max = Math.max(max, bits[r]);
                }
            }
            table = new LongTable(min, max);
        }
        int present = 0; // a dictionary that does not pay over the first page's values is given up there
        for (int r = 0; r < n; r++) {
            if (values.isNull(r)) {
                continue;
            }
            int entry = table.entryOf(bits[r]);
            if (entry >= maxEntries || ++present == PAGE_ROWS && !pays((long) table.size() * width, table.size(),
                    present, (long) present * width)) {
                return null;
            }
            entryOfRow[r] = entry;
        }
        int entries = table.size();
        if (!pays((long) entries * width, entries, present, (long) present * width)) {
            return null;
        }
        byte[] page = new byte[entries * width];
        for (int e = 0; e < entries; e++) {
            if (width == 4) {
                INT.set(page, e * 4, (int) table.key(e));
            } else {
                LONG.set(page, e * 8, table.key(e));
            }
        }
        return new Dictionary(entryOfRow, entries, page, bitWidth(entries), null, null);
    }

    /**
     * A text or categorical column's dictionary: its distinct texts in order of first use, each
     * found by {@link TextEntries} (a categorical's by its code, without reading its text).
     */
    private static Dictionary textDictionary(Values values) {
        int n = values.length();
        Utf8Vector text = values.text();
        int[] entryOfRow = new int[n];
        int[] textOfEntry = new int[64];
        TextEntries found = values.codes() == null ? new ByBytes(text)
                : new ByCode(values.codes(), values.codeOffset(), text.length(), n);
        int entries = 0;
        long dictionaryBytes = 0;
        long plainBytes = 0;
        int present = 0;
        for (int r = 0; r < n; r++) {
            if (values.isNull(r)) {
                continue;
            }
            present++;
            int index = values.textIndex(r);
            int length = text.byteLength(index);
            plainBytes += 4 + length;
            int entry = found.entryOf(r, entries);
            if (entry == entries) {
                dictionaryBytes += 4 + length;
                if (dictionaryBytes > DICTIONARY_BYTES) {
                    return null;
                }
                entries++;
                if (entry == textOfEntry.length) {
                    textOfEntry = Arrays.copyOf(textOfEntry, entry * 2);
                }
                textOfEntry[entry] = index;
            }
            entryOfRow[r] = entry;
            if (present == PAGE_ROWS && !pays(dictionaryBytes, entries, present, plainBytes)) {
                return null;
            }
        }
        if (!pays(dictionaryBytes, entries, present, plainBytes)) {
            return null;
        }
        byte[] page = new byte[(int) dictionaryBytes];
        int at = 0;
        for (int e = 0; e < entries; e++) {
            at = putText(page, at, text.data(), text.start(textOfEntry[e]), text.byteLength(textOfEntry[e]));
        }
        return new Dictionary(entryOfRow, entries, page, bitWidth(entries), textOfEntry,
                ranks(text, textOfEntry, entries));
    }

    /** How a text column's rows find their dictionary entries. */
    private interface TextEntries {
        /** Row {@code row}'s entry; {@code entries}, the next entry's number, where its value is new (then it is that entry's). */
        int entryOf(int row, int entries);
    }

    /** Entries by the text's bytes: open addressing on their hash, linear probing. */
    private static final class ByBytes implements TextEntries {
        private final Utf8Vector text;
        private final byte[] data;
        private int[] slots = new int[128]; // entry + 1, 0 where empty
        private long[] hashes = new long[128];
        private int[] rowOfEntry = new int[64];
        private int size;

        ByBytes(Utf8Vector text) {
            this.text = text;
            this.data = text.data();
        }

        @Override
        public int entryOf(int row, int entries) {
            int start = text.start(row);
            int length = text.byteLength(row);
            long hash = TextHash.of(data, start, length);
            int mask = slots.length - 1;
            int slot = (int) hash & mask;
            while (slots[slot] != 0) {
                int candidate = slots[slot] - 1;
                int other = rowOfEntry[candidate];
                if (hashes[slot] == hash && text.byteLength(other) == length
                        && Arrays.equals(data, start, start + length, data, text.start(other),
                                text.start(other) + length)) {
                    return candidate;
                }
                slot = (slot + 1) & mask;
            }
            if (size == rowOfEntry.length) {
                rowOfEntry = Arrays.copyOf(rowOfEntry, size * 2);
            }
            rowOfEntry[size] = row;
            slots[slot] = ++size;
            hashes[slot] = hash;
            if (size * 2 > slots.length) {
                grow();
            }
            return entries;
        }

        private void grow() {
            int[] newSlots = new int[slots.length * 2];
            long[] newHashes = new long[slots.length * 2];
            int mask = newSlots.length - 1;
            for (int s = 0; s < slots.length; s++) {
                if (slots[s] != 0) {
                    int t = (int) hashes[s] & mask;
                    while (newSlots[t] != 0) {
                        t = (t + 1) & mask;
                    }
                    newSlots[t] = slots[s];
                    newHashes[t] = hashes[s];
                }
            }
            slots = newSlots;
            hashes = newHashes;
        }
    }

    /**
     * A categorical's entries by its codes: through an array over its dictionary, or a table
     * where the dictionary is much larger than the rows that use it.
     */
    private static final class ByCode implements TextEntries {
        private final int[] codes;
        private final int offset;
        private final int[] entryOfCode; // entry + 1, 0 where unused; null for the table
        private final LongTable table;

        ByCode(int[] codes, int offset, int dictionarySize, int rows) {
            this.codes = codes;
            this.offset = offset;
            boolean small = dictionarySize <= 4L * rows + 1024;
            this.entryOfCode = small ? new int[dictionarySize] : null;
            this.table = small ? null : new LongTable();
        }

        @Override
        public int entryOf(int row, int entries) {
            int code = codes[offset + row];
            if (table != null) {
                return table.entryOf(code);
            }
            int entry = entryOfCode[code] - 1;
            if (entry < 0) {
                entryOfCode[code] = entries + 1;
                return entries;
            }
            return entry;
        }
    }

    /** Each entry's rank when the entries' texts ({@code text} at {@code textOfEntry}) are sorted by their bytes. */
    private static int[] ranks(Utf8Vector text, int[] textOfEntry, int entries) {
        int[] order = new int[entries];
        for (int e = 0; e < entries; e++) {
            order[e] = e;
        }
        mergeSort(order, new int[entries], 0, entries, text, textOfEntry);
        int[] rank = new int[entries];
        for (int k = 0; k < entries; k++) {
            rank[order[k]] = k;
        }
        return rank;
    }

    private static void mergeSort(int[] order, int[] spare, int from, int to, Utf8Vector text, int[] textOfEntry) {
        if (to - from < 2) {
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(order, spare, from, middle, text, textOfEntry);
        mergeSort(order, spare, middle, to, text, textOfEntry);
        System.arraycopy(order, from, spare, from, to - from);
        int left = from;
        int right = middle;
        for (int k = from; k < to; k++) {
            if (right >= to || left < middle
                    && compare(text, text.data(), textOfEntry[spare[left]], textOfEntry[spare[right]]) <= 0) {
                order[k] = spare[left++];
            } else {
                order[k] = spare[right++];
            }
        }
    }

    /** Whether the dictionary and the values' indices take fewer bytes than the plain values. */
    private static boolean pays(long dictionaryBytes, int entries, int present, long plainBytes) {
        long indexBytes = ((long) present * bitWidth(entries) + 7) / 8;
        return entries > 0 && dictionaryBytes + indexBytes < plainBytes;
    }

    /** Bits an index into {@code entries} entries takes (at least one). */
    private static int bitWidth(int entries) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(entries - 1));
    }

    private static int putText(byte[] page, int at, byte[] data, int start, int length) {
        INT.set(page, at, length);
        System.arraycopy(data, start, page, at + 4, length);
        return at + 4 + length;
    }

    /**
     * Distinct 64-bit keys numbered in order of first appearance: in an array indexed by the key
     * where the keys lie within {@value #DIRECT_RANGE} values of each other, else by open
     * addressing with linear probing.
     */
    private static final class LongTable {
        static final int DIRECT_RANGE = 1 << 16;

        private long[] keys = new long[128];
        private int[] slots = new int[128]; // entry + 1, 0 where empty
        private long[] entryKeys = new long[64];
        private int size;
        private final long min;
        private final int[] direct; // entry + 1 of key min + i, 0 where not seen; null for a wide range

        LongTable() {
            this(0, -1);
        }

        /** A table for keys from {@code min} to {@code max} (none where {@code max < min}). */
        LongTable(long min, long max) {
            this.min = min;
            long span = max - min; // negative where it overflows
            this.direct = max >= min && span >= 0 && span < DIRECT_RANGE ? new int[(int) span + 1] : null;
        }

        int entryOf(long key) {
            if (direct != null) {
                int index = (int) (key - min);
                int entry = direct[index] - 1;
                if (entry < 0) {
                    entry = add(key);
                    direct[index] = entry + 1;
                }
                return entry;
            }
            int mask = slots.length - 1;
            int slot = (int) TextHash.mix(key) & mask;
            while (slots[slot] != 0) {
                if (keys[slot] == key) {
                    return slots[slot] - 1;
                }
                slot = (slot + 1) & mask;
            }
            int entry = add(key);
            keys[slot] = key;
            slots[slot] = entry + 1;
            if (size * 2 > slots.length) {
                grow();
            }
            return entry;
        }

        private int add(long key) {
            int entry = size++;
            if (entry == entryKeys.length) {
                entryKeys = Arrays.copyOf(entryKeys, entry * 2);
            }
            entryKeys[entry] = key;
            return entry;
        }

        private void grow() {
            long[] newKeys = new long[keys.length * 2];
            int[] newSlots = new int[slots.length * 2];
            int mask = newSlots.length - 1;
            for (int s = 0; s < slots.length; s++) {
                if (slots[s] != 0) {
                    int t = (int) TextHash.mix(keys[s]) & mask;
                    while (newSlots[t] != 0) {
                        t = (t + 1) & mask;
                    }
                    newKeys[t] = keys[s];
                    newSlots[t] = slots[s];
                }
            }
            keys = newKeys;
            slots = newSlots;
        }

        int size() {
            return size;
        }

        long key(int entry) {
            return entryKeys[entry];
        }
    }

    // ---- page contents

    /** Appends the page's definition levels (RLE/bit-packed, one bit) and returns its nulls. */
    private int definitionLevels(Values values, int from, int rows) {
        Validity validity = values.validity();
        int nulls = 0;
        if (validity != null) {
            for (int r = 0; r < rows; r++) {
                if (validity.isNull(from + r)) {
                    nulls++;
                }
            }
        }
        if (nulls == 0 || nulls == rows) {
            putVarint(rows << 1); // one run
            reserve(1);
            bytes[size++] = (byte) (nulls == 0 ? 1 : 0);
            return nulls;
        }
        int[] levels = scratch(rows);
        for (int r = 0; r < rows; r++) {
            levels[r] = validity.isNull(from + r) ? 0 : 1;
        }
        hybrid(levels, rows, 1);
        return nulls;
    }

    /** Appends the bit width and the dictionary indices of the page's non-null rows. */
    private void indices(Dictionary dictionary, Values values, int from, int rows) {
        int[] entries = scratch(rows);
        int count = 0;
        int[] entryOfRow = dictionary.entryOfRow();
        for (int r = from; r < from + rows; r++) {
            if (!values.isNull(r)) {
                entries[count++] = entryOfRow[r];
            }
        }
        reserve(1);
        bytes[size++] = (byte) dictionary.bitWidth();
        hybrid(entries, count, dictionary.bitWidth());
    }

    /** Appends the page's non-null values, plain. */
    private void plain(Values values, int from, int rows) {
        switch (values.kind()) {
            case NULL -> { }
            case BOOLEAN -> {
                byte[] flags = values.flags();
                int offset = values.flagOffset();
                reserve(rows / 8 + 1);
                int bit = 0;
                int current = 0;
                for (int r = from; r < from + rows; r++) {
                    if (values.isNull(r)) {
                        continue;
                    }
                    if (flags[offset + r] != 0) {
                        current |= 1 << bit;
                    }
                    if (++bit == 8) {
                        bytes[size++] = (byte) current;
                        bit = 0;
                        current = 0;
                    }
                }
                if (bit > 0) {
                    bytes[size++] = (byte) current;
                }
            }
            case INT32, FLOAT -> {
                long[] bits = values.bits();
                reserve(rows * 4);
                for (int r = from; r < from + rows; r++) {
                    if (!values.isNull(r)) {
                        INT.set(bytes, size, (int) bits[r]);
                        size += 4;
                    }
                }
            }
            case INT64, DOUBLE -> {
                long[] bits = values.bits();
                reserve(rows * 8);
                for (int r = from; r < from + rows; r++) {
                    if (!values.isNull(r)) {
                        LONG.set(bytes, size, bits[r]);
                        size += 8;
                    }
                }
            }
            case TEXT -> {
                Utf8Vector text = values.text();
                for (int r = from; r < from + rows; r++) {
                    if (!values.isNull(r)) {
                        int index = values.textIndex(r);
                        int length = text.byteLength(index);
                        reserve(4 + length);
                        size = putText(bytes, size, text.data(), text.start(index), length);
                    }
                }
            }
        }
    }

    /**
     * Appends {@code values[0, count)}, each below {@code 2^bitWidth}, in Parquet's RLE/bit-packed
     * hybrid: a run of eight or more equal values as one repeated value, the rest bit-packed in
     * groups of eight (the last group padded with zeros, which a reader knowing the count skips).
     */
    private void hybrid(int[] values, int count, int bitWidth) {
        int valueBytes = (bitWidth + 7) / 8;
        int i = 0;
        while (i < count) {
            int run = runAt(values, i, count);
            if (run >= 8) {
                putVarint(run << 1);
                reserve(valueBytes);
                int value = values[i];
                for (int b = 0; b < valueBytes; b++) {
                    bytes[size++] = (byte) (value >>> (8 * b));
                }
                i += run;
                continue;
            }
            int start = i;
            int groups = 0;
            do {
                i += 8;
                groups++;
            } while (i < count && groups < MAX_GROUPS && runAt(values, i, count) < 8);
            putVarint((groups << 1) | 1);
            reserve(groups * bitWidth);
            long buffer = 0;
            int bits = 0;
            for (int k = start; k < start + groups * 8; k++) {
                long value = k < count ? values[k] : 0;
                buffer |= value << bits;
                bits += bitWidth;
                while (bits >= 8) {
                    bytes[size++] = (byte) buffer;
                    buffer >>>= 8;
                    bits -= 8;
                }
            }
        }
    }

    /** {@code values[0, count)} alone in RLE/bit-packed runs, as a page holds them. */
    byte[] runs(int[] values, int count, int bitWidth) {
        size = 0;
        hybrid(values, count, bitWidth);
        return Arrays.copyOf(bytes, size);
    }

    /** The length of the run of equal values at {@code i}. */
    private static int runAt(int[] values, int i, int count) {
        int value = values[i];
        int j = i + 1;
        while (j < count && values[j] == value) {
            j++;
        }
        return j - i;
    }

    // ---- statistics

    /** The page's minimum and maximum, as parquet-java's column writer would record them. */
    private static void statistics(Statistics<?> statistics, Values values, Dictionary dictionary, int from,
            int rows) {
        switch (values.kind()) {
            case NULL -> { }
            case BOOLEAN -> {
                boolean sawFalse = false;
                boolean sawTrue = false;
                for (int r = from; r < from + rows; r++) {
                    if (!values.isNull(r)) {
                        if (values.flags()[values.flagOffset() + r] != 0) {
                            sawTrue = true;
                        } else {
                            sawFalse = true;
                        }
                    }
                }
                if (sawFalse) {
                    statistics.updateStats(false);
                }
                if (sawTrue) {
                    statistics.updateStats(true);
                }
            }
            case INT32, INT64 -> {
                long[] bits = values.bits();
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                for (int r = from; r < from + rows; r++) {
                    if (!values.isNull(r)) {
                        min = Math.min(min, bits[r]);
                        max = Math.max(max, bits[r]);
                    }
                }
                if (values.kind() == Kind.INT32) {
                    statistics.updateStats((int) min);
                    statistics.updateStats((int) max);
                } else {
                    statistics.updateStats(min);
                    statistics.updateStats(max);
                }
            }
            case FLOAT, DOUBLE -> {
                // parquet-java orders floats as Float.compare and Double.compare do (-0.0 below 0.0,
                // NaN above all): the order of the bits made sortable as signed integers
                long[] bits = values.bits();
                boolean single = values.kind() == Kind.FLOAT;
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                for (int r = from; r < from + rows; r++) {
                    if (!values.isNull(r)) {
                        long sortable = single ? sortable((int) bits[r]) : sortable(bits[r]);
                        min = Math.min(min, sortable);
                        max = Math.max(max, sortable);
                    }
                }
                if (single) {
                    statistics.updateStats(Float.intBitsToFloat((int) sortable((int) min)));
                    statistics.updateStats(Float.intBitsToFloat((int) sortable((int) max)));
                } else {
                    statistics.updateStats(Double.longBitsToDouble(sortable(min)));
                    statistics.updateStats(Double.longBitsToDouble(sortable(max)));
                }
            }
            case TEXT -> {
                Utf8Vector text = values.text();
                byte[] data = text.data();
                int min = -1;
                int max = -1;
                if (dictionary != null) {
                    int[] entryOfRow = dictionary.entryOfRow();
                    int[] rank = dictionary.rank();
                    int minRank = Integer.MAX_VALUE;
                    int maxRank = -1;
                    for (int r = from; r < from + rows; r++) {
                        if (!values.isNull(r)) {
                            int entry = entryOfRow[r];
                            if (rank[entry] < minRank) {
                                minRank = rank[entry];
                                min = dictionary.textOfEntry()[entry];
                            }
                            if (rank[entry] > maxRank) {
                                maxRank = rank[entry];
                                max = dictionary.textOfEntry()[entry];
                            }
                        }
                    }
                } else {
                    // each text's first eight bytes decide against the minimum's and the maximum's
                    // unless they are the same; only then are the whole texts compared
                    long minPrefix = 0;
                    long maxPrefix = 0;
                    for (int r = from; r < from + rows; r++) {
                        if (values.isNull(r)) {
                            continue;
                        }
                        int index = values.textIndex(r);
                        long prefix = prefix(data, text.start(index), text.byteLength(index));
                        if (min < 0) {
                            min = index;
                            max = index;
                            minPrefix = prefix;
                            maxPrefix = prefix;
                            continue;
                        }
                        int toMin = Long.compareUnsigned(prefix, minPrefix);
                        if (toMin < 0 || toMin == 0 && compare(text, data, index, min) < 0) {
                            min = index;
                            minPrefix = prefix;
                            continue;
                        }
                        int toMax = Long.compareUnsigned(prefix, maxPrefix);
                        if (toMax > 0 || toMax == 0 && compare(text, data, index, max) > 0) {
                            max = index;
                            maxPrefix = prefix;
                        }
                    }
                }
                // copies of their own: the statistics keep them for as long as the file is open
                statistics.updateStats(Binary.fromConstantByteArray(Arrays.copyOfRange(data, text.start(min),
                        text.start(min) + text.byteLength(min))));
                statistics.updateStats(Binary.fromConstantByteArray(Arrays.copyOfRange(data, text.start(max),
                        text.start(max) + text.byteLength(max))));
            }
        }
    }

    /** A double's bits as a signed integer in Double.compare's order; its own inverse. */
    private static long sortable(long bits) {
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    /** A float's bits as a signed integer in Float.compare's order; its own inverse. */
    private static long sortable(int bits) {
        return bits ^ ((bits >> 31) & Integer.MAX_VALUE);
    }

    /**
     * The first eight bytes of {@code data[start, start + length)} as an unsigned number, big end
     * first, zeros after a shorter text: where two texts' prefixes differ, they order as the texts
     * do (bytes compared unsigned, a text before the longer ones it begins).
     */
    static long prefix(byte[] data, int start, int length) {
        if (length >= 8 && start + 8 <= data.length) {
            return (long) BIG_LONG.get(data, start);
        }
        long prefix = 0;
        for (int i = 0; i < 8; i++) {
            prefix = prefix << 8 | (i < length ? data[start + i] & 0xFF : 0);
        }
        return prefix;
    }

    private static final VarHandle BIG_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Text {@code a} against text {@code b}, their bytes compared unsigned (Parquet's order for strings). */
    private static int compare(Utf8Vector text, byte[] data, int a, int b) {
        int startA = text.start(a);
        int startB = text.start(b);
        return Arrays.compareUnsigned(data, startA, startA + text.byteLength(a), data, startB,
                startB + text.byteLength(b));
    }

    // ---- bytes

    private int[] scratch(int rows) {
        if (scratch.length < rows) {
            scratch = new int[rows];
        }
        return scratch;
    }

    private void reserve(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
        }
    }

    private void putVarint(int value) {
        reserve(5);
        while ((value & ~0x7F) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }
}
