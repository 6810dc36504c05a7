package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Dictionary;
import dev.floe.frame.column.NullVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import java.util.Arrays;
import java.util.Map;

/**
 * One key column of a {@link GroupTable}: the key value of every group so far, in primitive
 * arrays, and the current batch's values bound for hashing and comparing. Null is a key value of
 * its own. Not thread-safe: each table belongs to one worker.
 */
abstract class KeyColumn {
    private static final long NULL_HASH = 0x9E3779B97F4A7C15L;

    protected boolean[] groupNull = new boolean[16];
    protected Validity validity;
    protected int groups;

    static KeyColumn of(DataType type) {
        return switch (type.id()) {
            case UTF8 -> new TextKeys();
            case CATEGORICAL -> new CategoricalKeys();
            case FLOAT32, FLOAT64 -> new DoubleKeys(type);
            case NULL -> new NullKeys();
            case INT128 -> new Int128Keys(type);
            case DECIMAL -> type.isWide() ? new Int128Keys(type) : new LongKeys(type);
            default -> new LongKeys(type);
        };
    }

    /** Makes {@code vector} the batch whose rows the next calls speak of. */
    void bind(Vector vector) {
        validity = vector.validity();
        bindValues(vector);
    }

    abstract void bindValues(Vector vector);

    /**
     * Mixes row {@code i}'s key hash into {@code hashes[i]}. The kinds of key that tables meet
     * most override it with a loop over their arrays: here every row makes a call that the JIT
     * cannot inline, since this one loop serves every kind.
     */
    void hash(long[] hashes, int rows) {
        for (int i = 0; i < rows; i++) {
            long h = validity != null && validity.isNull(i) ? NULL_HASH : valueHash(i);
            hashes[i] = hashes[i] * 31 + h;
        }
    }

    abstract long valueHash(int row);

    /** Row {@code i}'s key hash, as {@link #hash} mixes it in. */
    final long rowHash(int i) {
        return validity != null && validity.isNull(i) ? NULL_HASH : valueHash(i);
    }

    /**
     * A small non-negative number standing for row {@code row}'s (non-null) key, the same for
     * equal keys in every batch, or -1: a table with one key column looks groups up by it in an
     * array before hashing. Categorical codes and small integers have one.
     */
    int directIndex(int row) {
        return -1;
    }

    /**
     * {@link #directIndex} of each of the bound batch's first {@code rows} rows into
     * {@code out}, -1 for a null row.
     */
    void directIndexes(int rows, int[] out) {
        for (int i = 0; i < rows; i++) {
            out[i] = validity != null && validity.isNull(i) ? -1 : directIndex(i);
        }
    }

    /**
     * How many direct indexes a table with {@code groups} groups keeps in its array (those above
     * are looked up by hash): all of them, by default (dictionary codes, which are dense).
     */
    long directLimit(int groups) {
        return Integer.MAX_VALUE;
    }

    /** Whether {@link #directIndex} can be other than -1. */
    boolean hasDirectIndex() {
        return false;
    }

    /** The {@link #directIndex} of stored group {@code group}'s key in this column, or -1 (none, or null). */
    int storedDirectIndex(int group) {
        return -1;
    }

    /**
     * Whether a key's direct index is the same in every column of this type (small integers),
     * so that a group of another table can be looked up by its index here; dictionary codes are
     * each column's own.
     */
    boolean directIndexesShared() {
        return false;
    }

    final boolean matches(int group, int row) {
        boolean rowNull = validity != null && validity.isNull(row);
        if (rowNull || groupNull[group]) {
            return rowNull && groupNull[group];
        }
        return valueMatches(group, row);
    }

    abstract boolean valueMatches(int group, int row);

    /** Records row {@code row}'s value as the key of a new group. */
    final void add(int row) {
        if (groups == groupNull.length) {
            groupNull = Arrays.copyOf(groupNull, groups * 2);
        }
        boolean isNull = validity != null && validity.isNull(row);
        groupNull[groups] = isNull;
        addValue(row, isNull);
        groups++;
    }

    abstract void addValue(int row, boolean isNull);

    /** Whether {@code group}'s key equals {@code other}'s key of {@code otherGroup}. */
    final boolean matches(int group, KeyColumn other, int otherGroup) {
        if (groupNull[group] || other.groupNull[otherGroup]) {
            return groupNull[group] && other.groupNull[otherGroup];
        }
        return groupMatches(group, other, otherGroup);
    }

    abstract boolean groupMatches(int group, KeyColumn other, int otherGroup);

    /** Adds {@code other}'s key of {@code otherGroup} as the key of a new group. */
    final void addFrom(KeyColumn other, int otherGroup) {
        if (groups == groupNull.length) {
            groupNull = Arrays.copyOf(groupNull, groups * 2);
        }
        groupNull[groups] = other.groupNull[otherGroup];
        addValueFrom(other, otherGroup);
        groups++;
    }

    abstract void addValueFrom(KeyColumn other, int otherGroup);

    /** The keys as a vector, group {@code order[i]} at row {@code i}. */
    abstract Vector finish(int[] order);

    /** About how many bytes the stored keys take. */
    long sizeInBytes() {
        return 9L * groupNull.length;
    }

    /** How many dictionaries this column has had to map into its own codes (categorical keys; 0 otherwise). */
    int dictionaryTranslations() {
        return 0;
    }

    /**
     * A column reading the same stored keys with a batch binding of its own, so that several
     * threads can look keys up at once once the table is complete. Categorical keys have none.
     */
    abstract KeyColumn view();

    /** Shares the stored null flags and group count with {@code source}. */
    final <K extends KeyColumn> K sharing(KeyColumn source, K view) {
        view.groupNull = source.groupNull;
        view.groups = source.groups;
        return view;
    }

    final Validity validityOf(int[] order) {
        long[] bits = new long[(order.length + 63) >>> 6];
        for (int i = 0; i < order.length; i++) {
            if (!groupNull[order[i]]) {
                bits[i >>> 6] |= 1L << i;
            }
        }
        return Validity.of(bits, order.length);
    }

    /** The most direct indexes a key column gives ({@link #directIndex}): 2^23. */
    static final int DIRECT_INDEXES = 1 << 23;

    static long mix(long x) {
        return dev.floe.frame.column.TextHash.mix(x);
    }

    static long hashBytes(byte[] data, int start, int length) {
        return dev.floe.frame.column.TextHash.of(data, start, length);
    }

    /** Integer, temporal and boolean keys as {@code long}s. */
    static final class LongKeys extends KeyColumn {
        private final DataType type;
        private long[] keys = new long[16];
        private long[] batch;
        private int offset;

        LongKeys(DataType type) {
            this.type = type;
        }

        @Override
        KeyColumn view() {
            LongKeys view = sharing(this, new LongKeys(type));
            view.keys = keys;
            return view;
        }

        @Override
        void bindValues(Vector vector) {
            batch = Kernels.longArray(vector);
            offset = Kernels.longOffset(vector);
        }

        @Override
        long valueHash(int row) {
            return mix(batch[offset + row]);
        }

        @Override
        void hash(long[] hashes, int rows) {
            long[] values = batch;
            int from = offset;
            if (validity == null) {
                for (int i = 0; i < rows; i++) {
                    hashes[i] = hashes[i] * 31 + mix(values[from + i]);
                }
            } else {
                super.hash(hashes, rows);
            }
        }

        /**
         * Integers from -32,768 up to 2^23 - 32,769 (booleans, i8, i16, ids); the table decides
         * how much of that range it indexes directly ({@link GroupTable}).
         */
        @Override
        int directIndex(int row) {
            long index = batch[offset + row] + 32_768;
            return index >= 0 && index < DIRECT_INDEXES ? (int) index : -1;
        }

        /**
         * Every index below 2^17 (small integers, booleans), and beyond that while the array
         * stays dense: at most sixteen entries a group (64 bytes; a table whose groups all come
         * through the array makes no hash slots for them, which take 16 to 32 bytes a group, nor
         * hashes its keys into them). Ids numbered from 1 up to millions, however many workers
         * share them, are looked up by index; scattered values are hashed.
         */
        @Override
        long directLimit(int groups) {
            return Math.min(DIRECT_INDEXES, 16L * groups + (1 << 17));
        }

        @Override
        boolean hasDirectIndex() {
            return true;
        }

        @Override
        int storedDirectIndex(int group) {
            if (groupNull[group]) {
                return -1;
            }
            long index = keys[group] + 32_768;
            return index >= 0 && index < DIRECT_INDEXES ? (int) index : -1;
        }

        @Override
        boolean directIndexesShared() {
            return true;
        }

        @Override
        boolean valueMatches(int group, int row) {
            return keys[group] == batch[offset + row];
        }

        @Override
        void addValue(int row, boolean isNull) {
            ensure();
            keys[groups] = isNull ? 0 : batch[offset + row];
        }

        private void ensure() {
            if (groups == keys.length) {
                keys = Arrays.copyOf(keys, groups * 2);
            }
        }


        @Override
        boolean groupMatches(int group, KeyColumn other, int otherGroup) {
            return keys[group] == ((LongKeys) other).keys[otherGroup];
        }

        @Override
        void addValueFrom(KeyColumn other, int otherGroup) {
            ensure();
            keys[groups] = ((LongKeys) other).keys[otherGroup];
        }

        @Override
        Vector finish(int[] order) {
            long[] out = new long[order.length];
            for (int i = 0; i < order.length; i++) {
                out[i] = keys[order[i]];
            }
            return Kernels.fromLongs(type, out, order.length, validityOf(order));
        }
    }

    /** {@code INT128} keys: two words a key. */
    static final class Int128Keys extends KeyColumn {
        private final DataType type;
        private long[] high = new long[16];
        private long[] low = new long[16];
        private long[] batchHigh;
        private long[] batchLow;

        /** Keys of {@code type}: {@code INT128}, or a decimal of more than 18 digits. */
        Int128Keys(DataType type) {
            this.type = type;
        }

        @Override
        KeyColumn view() {
            Int128Keys view = sharing(this, new Int128Keys(type));
            view.high = high;
            view.low = low;
            return view;
        }

        @Override
        void bindValues(Vector vector) {
            long[][] words = Kernels.int128Words(vector);
            batchHigh = words[0];
            batchLow = words[1];
        }

        @Override
        long valueHash(int row) {
            return mix(batchLow[row] ^ mix(batchHigh[row]));
        }

        @Override
        boolean valueMatches(int group, int row) {
            return low[group] == batchLow[row] && high[group] == batchHigh[row];
        }

        @Override
        void addValue(int row, boolean isNull) {
            ensure();
            high[groups] = isNull ? 0 : batchHigh[row];
            low[groups] = isNull ? 0 : batchLow[row];
        }

        private void ensure() {
            if (groups == low.length) {
                high = Arrays.copyOf(high, groups * 2);
                low = Arrays.copyOf(low, groups * 2);
            }
        }

        @Override
        boolean groupMatches(int group, KeyColumn other, int otherGroup) {
            Int128Keys that = (Int128Keys) other;
            return low[group] == that.low[otherGroup] && high[group] == that.high[otherGroup];
        }

        @Override
        void addValueFrom(KeyColumn other, int otherGroup) {
            ensure();
            Int128Keys that = (Int128Keys) other;
            high[groups] = that.high[otherGroup];
            low[groups] = that.low[otherGroup];
        }

        @Override
        Vector finish(int[] order) {
            long[] outHigh = new long[order.length];
            long[] outLow = new long[order.length];
            for (int i = 0; i < order.length; i++) {
                outHigh[i] = high[order[i]];
                outLow[i] = low[order[i]];
            }
            return new dev.floe.frame.column.Int128Vector(type, outHigh, outLow, 0, order.length, validityOf(order));
        }
    }

    /** Float keys by their bits, with -0.0 taken as 0.0 and every NaN as one value. */
    static final class DoubleKeys extends KeyColumn {
        private final DataType type;
        private double[] keys = new double[16];
        private double[] batch;
        private int offset;

        DoubleKeys(DataType type) {
            this.type = type;
        }

        @Override
        KeyColumn view() {
            DoubleKeys view = sharing(this, new DoubleKeys(type));
            view.keys = keys;
            return view;
        }

        static long bits(double value) {
            return value == 0.0 ? 0L : Double.doubleToLongBits(value);
        }

        @Override
        void bindValues(Vector vector) {
            batch = Kernels.doubleArray(vector);
            offset = Kernels.doubleOffset(vector);
        }

        @Override
        long valueHash(int row) {
            return mix(bits(batch[offset + row]));
        }

        @Override
        boolean valueMatches(int group, int row) {
            return bits(keys[group]) == bits(batch[offset + row]);
        }

        @Override
        void addValue(int row, boolean isNull) {
            ensure();
            keys[groups] = isNull ? 0 : batch[offset + row];
        }

        private void ensure() {
            if (groups == keys.length) {
                keys = Arrays.copyOf(keys, groups * 2);
            }
        }


        @Override
        boolean groupMatches(int group, KeyColumn other, int otherGroup) {
            return bits(keys[group]) == bits(((DoubleKeys) other).keys[otherGroup]);
        }

        @Override
        void addValueFrom(KeyColumn other, int otherGroup) {
            ensure();
            keys[groups] = ((DoubleKeys) other).keys[otherGroup];
        }

        @Override
        Vector finish(int[] order) {
            double[] out = new double[order.length];
            for (int i = 0; i < order.length; i++) {
                out[i] = keys[order[i]];
            }
            return Kernels.fromDoubles(type, out, order.length, validityOf(order));
        }
    }

    /** String keys as UTF-8 bytes, all groups' keys in one array. */
    static final class TextKeys extends KeyColumn {
        private byte[] data = new byte[256];
        private int[] starts = new int[17];

        @Override
        long sizeInBytes() {
            return data.length + 4L * starts.length + groupNull.length;
        }
        private Utf8Vector batch;

        @Override
        KeyColumn view() {
            TextKeys view = sharing(this, new TextKeys());
            view.data = data;
            view.starts = starts;
            return view;
        }

        @Override
        void bindValues(Vector vector) {
            batch = (Utf8Vector) vector;
        }

        @Override
        long valueHash(int row) {
            return hashBytes(batch.data(), batch.start(row), batch.byteLength(row));
        }

        @Override
        void hash(long[] hashes, int rows) {
            byte[] data = batch.data();
            int[] offsets = batch.offsets();
            int from = batch.offset();
            Validity nulls = validity;
            for (int i = 0; i < rows; i++) {
                long h;
                if (nulls != null && nulls.isNull(i)) {
                    h = NULL_HASH;
                } else {
                    int start = offsets[from + i];
                    h = hashBytes(data, start, offsets[from + i + 1] - start);
                }
                hashes[i] = hashes[i] * 31 + h;
            }
        }

        @Override
        boolean valueMatches(int group, int row) {
            int start = batch.start(row);
            int length = batch.byteLength(row);
            int groupStart = starts[group];
            if (starts[group + 1] - groupStart != length) {
                return false;
            }
            if (length > 16) {
                return Arrays.equals(data, groupStart, groupStart + length, batch.data(), start, start + length);
            }
            // short keys (flags, codes, names) byte by byte: the vectorized comparison's set-up
            // costs more than it saves below a few words
            byte[] values = batch.data();
            for (int b = 0; b < length; b++) {
                if (data[groupStart + b] != values[start + b]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        void addValue(int row, boolean isNull) {
            if (isNull) {
                append(data, 0, 0);
            } else {
                append(batch.data(), batch.start(row), batch.byteLength(row));
            }
        }

        private void append(byte[] source, int start, int length) {
            if (groups + 2 > starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            int end = starts[groups];
            if (end + length > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, end + length));
            }
            System.arraycopy(source, start, data, end, length);
            starts[groups + 1] = end + length;
        }

        @Override
        boolean groupMatches(int group, KeyColumn other, int otherGroup) {
            TextKeys that = (TextKeys) other;
            return Arrays.equals(data, starts[group], starts[group + 1], that.data, that.starts[otherGroup],
                    that.starts[otherGroup + 1]);
        }

        @Override
        void addValueFrom(KeyColumn other, int otherGroup) {
            TextKeys that = (TextKeys) other;
            int start = that.starts[otherGroup];
            append(that.data, start, that.starts[otherGroup + 1] - start);
        }

        @Override
        Vector finish(int[] order) {
            Utf8Vector.Builder builder = new Utf8Vector.Builder(order.length, starts[groups]);
            for (int group : order) {
                if (groupNull[group]) {
                    builder.appendNull();
                } else {
                    builder.append(data, starts[group], starts[group + 1] - starts[group]);
                }
            }
            return builder.build();
        }
    }

    /**
     * Categorical keys, kept as codes. The first dictionary a column sees is its own code space,
     * and so is any later dictionary of the same lineage ({@link Dictionary#covers}: every chunk
     * of one column shares one dictionary, and a reader decoding row groups into one builder gives
     * growing dictionaries of one lineage), so batches over them use their codes as they are; a
     * batch over another dictionary has its codes mapped by the values' bytes into a union seeded
     * with the first, once per lineage (a later dictionary of a lineage already mapped has only
     * its new codes mapped). Hashes are the values' text hashes, computed once per dictionary
     * lineage and kept with it, so rows of equal text hash alike whatever their dictionary, and no
     * string is made.
     */
    static final class CategoricalKeys extends KeyColumn {
        /** This column's code space while it has one lineage: the largest dictionary of it seen. */
        private Dictionary base;
        /** The union of every dictionary seen, once a second lineage appears; null until then. */
        private Dictionary.Builder merged;
        /** A lineage's codes mapped into the union: {@code map[code]} for codes below {@code mapped}. */
        private static final class LineageMap {
            int[] map = new int[0];
            int mapped;
        }
        /**
         * The translations of the lineages seen last, so that a stream of batches over one
         * lineage translates each value once; bounded, as a stream of spilled or scanned pieces may
         * bring a lineage each, and a lineage seen again after being dropped is translated again
         * (into the same codes).
         */
        private final Map<Object, LineageMap> remaps = new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, LineageMap> eldest) {
                return size() > KEPT_REMAPS;
            }
        };
        private static final int KEPT_REMAPS = 16;
        /** How many dictionaries were translated into this column's codes. */
        private int remapped;
        private int[] keys = new int[16];
        private int[] batchCodes;
        private int batchOffset;
        /** The bound batch's codes mapped into this column's, or null when they are already (its dictionary is the base). */
        private int[] remap;
        private long[] batchHashes;

        @Override
        KeyColumn view() {
            throw new UnsupportedOperationException("categorical keys are looked up as text");
        }

        @Override
        void bindValues(Vector vector) {
            CategoricalVector categorical = (CategoricalVector) vector;
            Dictionary dictionary = categorical.dictionary();
            batchCodes = categorical.codes();
            batchOffset = categorical.offset();
            batchHashes = dictionary.textHashes();
            if (base == null) {
                base = dictionary;
            }
            if (merged == null && base.covers(dictionary)) {
                remap = null;
            } else if (merged == null && dictionary.covers(base)) {
                base = dictionary; // a later dictionary of the lineage: its codes are the same, and more
                remap = null;
            } else {
                remap = remapOf(dictionary);
            }
        }

        /**
         * A dictionary's codes in this column's code space, the union growing to hold its new
         * values (an array indexed by the dictionary's codes, possibly longer).
         */
        private int[] remapOf(Dictionary dictionary) {
            if (merged == null) {
                merged = Dictionary.Builder.startingWith(base);
                // the union starts with the base's values, so the base's lineage keeps its codes
                LineageMap own = new LineageMap();
                own.map = new int[base.size()];
                for (int code = 0; code < own.map.length; code++) {
                    own.map[code] = code;
                }
                own.mapped = own.map.length;
                remaps.put(base.lineage(), own);
            }
            LineageMap lineage = remaps.get(dictionary.lineage());
            if (lineage == null) {
                lineage = new LineageMap();
                remaps.put(dictionary.lineage(), lineage);
                remapped++;
            }
            if (lineage.mapped < dictionary.size()) {
                if (lineage.map.length < dictionary.size()) {
                    lineage.map = Arrays.copyOf(lineage.map, Math.max(dictionary.size(), lineage.map.length * 3 / 2));
                }
                merged.codesOf(dictionary, lineage.mapped, lineage.map);
                lineage.mapped = dictionary.size();
            }
            return lineage.map;
        }

        @Override
        int dictionaryTranslations() {
            return remapped + translated;
        }

        /** How many other tables' dictionaries merges have mapped (not the same code space). */
        private int translated;

        /** The dictionary this column's codes index. */
        private Dictionary dictionary() {
            return merged != null ? merged.build() : base != null ? base : new Dictionary.Builder().build();
        }

        private int code(int row) {
            int code = batchCodes[batchOffset + row];
            return remap == null ? code : remap[code];
        }

        @Override
        void directIndexes(int rows, int[] out) {
            // a null row's code is never read (it may be anything); -1 keeps it out of the array
            int[] codes = batchCodes;
            int offset = batchOffset;
            int[] map = remap;
            dev.floe.frame.column.Validity present = validity;
            for (int i = 0; i < rows; i++) {
                int code = codes[offset + i];
                out[i] = present != null && present.isNull(i) ? -1 : map == null ? code : map[code];
            }
        }

        @Override
        long valueHash(int row) {
            return batchHashes[batchCodes[batchOffset + row]];
        }

        @Override
        void hash(long[] hashes, int rows) {
            long[] byCode = batchHashes;
            int[] codes = batchCodes;
            int from = batchOffset;
            if (validity == null) {
                for (int i = 0; i < rows; i++) {
                    hashes[i] = hashes[i] * 31 + byCode[codes[from + i]];
                }
            } else {
                super.hash(hashes, rows);
            }
        }

        /** The code in this column's own dictionary. */
        @Override
        int directIndex(int row) {
            return code(row);
        }

        @Override
        boolean hasDirectIndex() {
            return true;
        }

        @Override
        int storedDirectIndex(int group) {
            return groupNull[group] ? -1 : keys[group];
        }

        @Override
        boolean valueMatches(int group, int row) {
            return keys[group] == code(row);
        }

        @Override
        void addValue(int row, boolean isNull) {
            ensure();
            keys[groups] = isNull ? 0 : code(row);
        }

        private void ensure() {
            if (groups == keys.length) {
                keys = Arrays.copyOf(keys, groups * 2);
            }
        }

        /** Merging tables: {@code other}'s codes mapped onto this one's, or null when they are the same codes. */
        private int[] otherRemap;
        private CategoricalKeys otherSource;

        /** {@code other}'s code in this one's code space; {@code other} is complete when tables merge. */
        private int translate(CategoricalKeys other, int code) {
            if (otherSource != other) {
                otherSource = other;
                boolean same = other.merged == null && merged == null
                        && (other.base == null || base != null && base.sameLineage(other.base));
                if (same && other.base != null && other.base.covers(base)) {
                    base = other.base; // the other has seen more of the lineage: its codes are ours, and more
                }
                if (base == null && merged == null) {
                    base = other.base; // nothing seen yet: take the other's code space
                    same = other.merged == null;
                }
                otherRemap = same ? null : remapOf(other.dictionary());
                translated += same ? 0 : 1;
            }
            return otherRemap == null ? code : otherRemap[code];
        }

        @Override
        boolean groupMatches(int group, KeyColumn other, int otherGroup) {
            return keys[group] == translate((CategoricalKeys) other, ((CategoricalKeys) other).keys[otherGroup]);
        }

        @Override
        void addValueFrom(KeyColumn other, int otherGroup) {
            ensure();
            CategoricalKeys that = (CategoricalKeys) other;
            keys[groups] = that.groupNull[otherGroup] ? 0 : translate(that, that.keys[otherGroup]);
        }

        @Override
        Vector finish(int[] order) {
            int[] codes = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                codes[i] = keys[order[i]];
            }
            return new CategoricalVector(codes, 0, order.length, validityOf(order), dictionary());
        }
    }

    /** Keys of type {@code NULL}: every row has the null key. */
    static final class NullKeys extends KeyColumn {
        @Override
        KeyColumn view() {
            return sharing(this, new NullKeys());
        }

        @Override
        void bindValues(Vector vector) {
            validity = new NullVector(vector.length()).validity();
        }

        @Override
        long valueHash(int row) {
            return NULL_HASH;
        }

        @Override
        boolean valueMatches(int group, int row) {
            return true;
        }

        @Override
        void addValue(int row, boolean isNull) {
            // nothing to keep: the key is null
        }


        @Override
        boolean groupMatches(int group, KeyColumn other, int otherGroup) {
            return true;
        }

        @Override
        void addValueFrom(KeyColumn other, int otherGroup) {
            // nothing to keep: the key is null
        }

        @Override
        Vector finish(int[] order) {
            return new NullVector(order.length);
        }
    }
}
