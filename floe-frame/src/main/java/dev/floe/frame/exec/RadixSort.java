package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Int128Vector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A stable sort of row indices by keys of fixed width, in the order {@link RowComparator} gives
 * them: each key becomes 64-bit words whose unsigned order is the key's (a sign bit flipped, a
 * float's bits folded so that negative numbers come first, -0.0 as 0.0 and every NaN one value
 * after the infinities, a categorical value its text's rank, a descending key's words inverted,
 * a null flag word first where a key has nulls), and the rows are sorted by those words least
 * significant first, a byte at a time (a least-significant-digit radix sort, which keeps ties in
 * the order it finds them); a byte that every row shares is passed over, so small keys cost few
 * passes. Text keys have no fixed width: {@link #words} gives null for them and the caller sorts
 * with its comparator.
 */
final class RadixSort {
    /** Fewer rows than this sort faster by comparisons. */
    static final int MIN_ROWS = 512;
    /**
     * More rows than this sort by comparisons, as before: the words take 8 bytes a row each beside
     * the input, which a sort this large (a run of a spilling sort is smaller) should not add.
     */
    static final int MAX_ROWS = 1 << 24;

    /**
     * The words of every key, most significant first, or null where a key has no fixed width or
     * the row count is outside {@link #MIN_ROWS} to {@link #MAX_ROWS}.
     */
    static List<long[]> words(List<Vector> keys, List<dev.floe.frame.plan.SortKey> sortKeys, int n) {
        if (n < MIN_ROWS || n > MAX_ROWS) {
            return null;
        }
        List<long[]> all = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            if (keys.get(k) instanceof Utf8Vector) {
                return null;
            }
        }
        for (int k = 0; k < keys.size(); k++) {
            all.addAll(words(keys.get(k), sortKeys.get(k).descending(), sortKeys.get(k).placeNullsLast()));
        }
        return all;
    }

    private RadixSort() {}

    /**
     * The words of {@code key} over its rows, most significant first, or null if its type has no
     * fixed width (text).
     */
    static List<long[]> words(Vector key, boolean descending, boolean nullsLast) {
        int n = key.length();
        List<long[]> words = new ArrayList<>(3);
        DataType type = key.type();
        if (key instanceof Utf8Vector) {
            return null;
        }
        Validity validity = key.validity();
        boolean[] nulls = null;
        if (validity != null && type != DataType.NULL) {
            long[] flags = new long[n];
            nulls = new boolean[n];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                boolean isNull = validity.isNull(i);
                nulls[i] = isNull;
                any |= isNull;
                flags[i] = isNull == nullsLast ? 1 : 0;
            }
            if (any) {
                words.add(flags);
            } else {
                nulls = null;
            }
        }
        long flip = descending ? -1L : 0L;
        if (type == DataType.NULL) {
            return words; // every value the same
        }
        if (type.isFloat()) {
            double[] values = Kernels.doubles(key);
            long[] word = new long[n];
            for (int i = 0; i < n; i++) {
                double v = values[i];
                long bits = Double.isNaN(v) ? Long.MAX_VALUE : Double.doubleToRawLongBits(v == 0.0 ? 0.0 : v);
                long ordered = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
                word[i] = nulls != null && nulls[i] ? 0 : ordered ^ flip;
            }
            words.add(word);
            return words;
        }
        if (key instanceof CategoricalVector categorical) {
            int[] ranks = lexicalRanks(categorical);
            int[] codes = categorical.codes();
            int offset = categorical.offset();
            long[] word = new long[n];
            for (int i = 0; i < n; i++) {
                word[i] = nulls != null && nulls[i] ? 0 : ranks[codes[offset + i]] ^ flip;
            }
            words.add(word);
            return words;
        }
        if (key instanceof Int128Vector) {
            long[][] parts = Kernels.int128Words(key);
            long[] high = new long[n];
            long[] low = new long[n];
            for (int i = 0; i < n; i++) {
                boolean isNull = nulls != null && nulls[i];
                high[i] = isNull ? 0 : (parts[0][i] ^ Long.MIN_VALUE) ^ flip;
                low[i] = isNull ? 0 : parts[1][i] ^ flip;
            }
            words.add(high);
            words.add(low);
            return words;
        }
        long[] values = Kernels.longs(key);
        long[] word = new long[n];
        for (int i = 0; i < n; i++) {
            word[i] = nulls != null && nulls[i] ? 0 : (values[i] ^ Long.MIN_VALUE) ^ flip;
        }
        words.add(word);
        return words;
    }

    /** Bits sorted in one pass: 2,048 counters, which stay in the cache. */
    private static final int DIGIT = 11;

    /**
     * The indices {@code 0 .. n-1} in the unsigned order of {@code words} (most significant first),
     * ties in index order; the words are overwritten. Each word is first measured (its smallest
     * and largest value) and taken as its distance from the smallest, in as few bits as its range
     * needs; the words are then packed, least significant first, into as few 64-bit words as hold
     * them (a partition number, a time and a row number fit in one), and those are sorted 11 bits
     * a pass.
     */
    static int[] sortedIndices(int n, List<long[]> words) {
        // the words are the sort's own: each packed word is the first of its words, rewritten in place
        List<long[]> packed = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        long[] current = null;
        int used = 0;
        for (int w = words.size() - 1; w >= 0; w--) {
            long[] word = words.get(w);
            long[] range = range(word, n);
            int bits = n == 0 ? 0 : 64 - Long.numberOfLeadingZeros(range[1] - range[0]);
            if (bits == 0) {
                continue; // every row has this value: it orders nothing
            }
            if (current == null || used + bits > 64) {
                current = word;
                subtract(word, range[0], n);
                packed.add(current);
                widths.add(bits);
                used = bits;
                continue;
            }
            pack(word, range[0], used, current, n);
            used += bits;
            widths.set(widths.size() - 1, used);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (packed.isEmpty()) {
            return order;
        }
        int[] otherOrder = new int[n];
        long[] keys = packed.get(0); // in the rows' own order: no gather
        long[] otherKeys = new long[n];
        int[] counts = new int[1 << DIGIT];
        for (int p = 0; p < packed.size(); p++) {
            if (p > 0) {
                long[] next = packed.get(p);
                gather(next, order, otherKeys, n);
                long[] spare = keys;
                keys = otherKeys;
                otherKeys = spare;
            }
            int width = widths.get(p);
            for (int shift = 0; shift < width; shift += DIGIT) {
                int mask = (1 << Math.min(DIGIT, width - shift)) - 1;
                count(keys, shift, mask, counts, n);
                scatter(keys, order, otherKeys, otherOrder, shift, mask, counts, n);
                long[] swapKeys = keys;
                keys = otherKeys;
                otherKeys = swapKeys;
                int[] swapOrder = order;
                order = otherOrder;
                otherOrder = swapOrder;
            }
        }
        return order;
    }

    // each loop a small method of its own, which the JIT compiles well on its own (one method holding
    // all of them ran twice as slowly once compiled whole)

    /** The smallest and largest of {@code word}'s first {@code n} values, unsigned. */
    private static long[] range(long[] word, int n) {
        long min = -1L;
        long max = 0L;
        for (int i = 0; i < n; i++) {
            long v = word[i];
            min = Long.compareUnsigned(v, min) < 0 ? v : min;
            max = Long.compareUnsigned(v, max) > 0 ? v : max;
        }
        return new long[] {min, max};
    }

    private static void subtract(long[] word, long min, int n) {
        for (int i = 0; i < n; i++) {
            word[i] -= min;
        }
    }

    private static void pack(long[] word, long min, int shift, long[] into, int n) {
        for (int i = 0; i < n; i++) {
            into[i] |= (word[i] - min) << shift;
        }
    }

    private static void gather(long[] word, int[] order, long[] keys, int n) {
        for (int i = 0; i < n; i++) {
            keys[i] = word[order[i]];
        }
    }

    /** Where each digit's rows start: the counts of the smaller digits. */
    private static void count(long[] keys, int shift, int mask, int[] counts, int n) {
        Arrays.fill(counts, 0);
        for (int i = 0; i < n; i++) {
            counts[(int) (keys[i] >>> shift) & mask]++;
        }
        int sum = 0;
        for (int v = 0; v <= mask; v++) {
            int c = counts[v];
            counts[v] = sum;
            sum += c;
        }
    }

    private static void scatter(long[] keys, int[] order, long[] otherKeys, int[] otherOrder, int shift, int mask,
            int[] counts, int n) {
        for (int i = 0; i < n; i++) {
            long key = keys[i];
            int at = counts[(int) (key >>> shift) & mask]++;
            otherKeys[at] = key;
            otherOrder[at] = order[i];
        }
    }

    /** The rank of each dictionary code in the text order of the dictionary's values. */
    static int[] lexicalRanks(CategoricalVector categorical) {
        Utf8Vector values = categorical.dictionary().values();
        int size = values.length();
        Integer[] codes = new Integer[size];
        for (int i = 0; i < size; i++) {
            codes[i] = i;
        }
        byte[] data = values.data();
        Arrays.sort(codes, (a, b) -> Arrays.compareUnsigned(data, values.start(a), values.start(a) + values.byteLength(a),
                data, values.start(b), values.start(b) + values.byteLength(b)));
        int[] ranks = new int[size];
        for (int rank = 0; rank < size; rank++) {
            ranks[codes[rank]] = rank;
        }
        return ranks;
    }
}
