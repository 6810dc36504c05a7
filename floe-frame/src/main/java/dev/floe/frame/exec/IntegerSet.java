package dev.floe.frame.exec;

import java.util.Arrays;

/**
 * The values an {@code IN} list looks for among whole numbers (or dates, timestamps, durations,
 * booleans: the numbers they are held as), prepared once for every batch: a few values are
 * searched in order; values within a narrow range are bits of a bitmap, so a test is one read of
 * an array that stays in the caches (an {@code IN} over thousands of keys that a subquery gave,
 * TPC-H's q20 and q18); others go in an open-addressing table. Immutable.
 */
final class IntegerSet {
    /** Up to this many values are searched in the sorted array. */
    private static final int SEARCHED = 16;
    /** The widest bitmap, in bits (8 MiB). */
    private static final long MAX_BITS = 1L << 26;

    private final long[] sorted; // the distinct values, ascending
    private final long min;
    private final long[] bits; // bit v - min set for each value, or null
    private final long[] table; // open addressing, EMPTY where no value, or null
    private final int mask;
    private final boolean hasEmpty; // whether EMPTY itself is among the values
    private static final long EMPTY = Long.MIN_VALUE;

    private IntegerSet(long[] sorted) {
        this.sorted = sorted;
        this.min = sorted.length == 0 ? 0 : sorted[0];
        long width = sorted.length == 0 ? 0 : sorted[sorted.length - 1] - min + 1; // not above 0 on overflow
        if (sorted.length > SEARCHED && width > 0 && width <= Math.min(MAX_BITS, Math.max(1L << 16, 64L * sorted.length))) {
            bits = new long[(int) ((width + 63) >>> 6)];
            for (long value : sorted) {
                long bit = value - min;
                bits[(int) (bit >>> 6)] |= 1L << bit;
            }
            table = null;
            mask = 0;
            hasEmpty = false;
        } else if (sorted.length > SEARCHED) {
            bits = null;
            int capacity = Integer.highestOneBit(sorted.length * 2 - 1) * 2; // a power of two, at least twice the values
            table = new long[capacity];
            Arrays.fill(table, EMPTY);
            mask = capacity - 1;
            boolean empty = false;
            for (long value : sorted) {
                if (value == EMPTY) {
                    empty = true;
                    continue;
                }
                int slot = (int) KeyColumn.mix(value) & mask;
                while (table[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = value;
            }
            hasEmpty = empty;
        } else {
            bits = null;
            table = null;
            mask = 0;
            hasEmpty = false;
        }
    }

    /** The set of {@code values} (ascending, duplicates allowed). */
    static IntegerSet of(long[] ascending) {
        long[] distinct = Arrays.stream(ascending).distinct().toArray();
        return new IntegerSet(distinct);
    }

    /** {@code out[i]} 1 where {@code x[i]} is among the values, else 0, for the first {@code rows}. */
    void contains(long[] x, int rows, byte[] out) {
        if (bits != null) {
            byBits(x, rows, out);
        } else if (table != null) {
            byTable(x, rows, out);
        } else {
            bySearch(x, rows, out);
        }
    }

    private void byBits(long[] x, int rows, byte[] out) {
        long[] set = bits;
        long width = (long) set.length << 6;
        for (int i = 0; i < rows; i++) {
            long bit = x[i] - min;
            out[i] = Long.compareUnsigned(bit, width) < 0 && (set[(int) (bit >>> 6)] & (1L << bit)) != 0 ? (byte) 1 : 0;
        }
    }

    private void byTable(long[] x, int rows, byte[] out) {
        for (int i = 0; i < rows; i++) {
            out[i] = has(x[i]) ? (byte) 1 : 0;
        }
    }

    private boolean has(long value) {
        if (value == EMPTY) {
            return hasEmpty;
        }
        int slot = (int) KeyColumn.mix(value) & mask;
        long found;
        while ((found = table[slot]) != EMPTY) {
            if (found == value) {
                return true;
            }
            slot = (slot + 1) & mask;
        }
        return false;
    }

    private void bySearch(long[] x, int rows, byte[] out) {
        long[] wanted = sorted;
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.binarySearch(wanted, x[i]) >= 0 ? (byte) 1 : 0;
        }
    }
}
