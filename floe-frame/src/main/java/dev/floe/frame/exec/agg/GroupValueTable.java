package dev.floe.frame.exec.agg;

import dev.floe.FloeException;
import dev.floe.frame.column.TextHash;
import java.util.Arrays;

/**
 * The distinct (group, value) pairs an aggregation has seen, in an open-addressing table over
 * primitive arrays: a value is a 64-bit pattern (a number, a temporal value, a float's canonical
 * bits) or a text's UTF-8 bytes, kept one after another in one byte array. Each pair gets an
 * entry number in the order it was first added; an accumulator keeps what it counts per entry in
 * arrays of its own, indexed by that number. No object per value or per pair.
 */
final class GroupValueTable {
    private final boolean text;
    /** Slots of the table: an entry's number plus one, 0 where empty. */
    private int[] slots = new int[64];
    private int entries;
    /** Per entry: its group, its value (the bits, or where a text's bytes start) and its hash. */
    private int[] groups = new int[32];
    private long[] values = new long[32];
    private long[] hashes = new long[32];
    /** Per entry, for texts: the length of its bytes. */
    private int[] lengths;
    private byte[] bytes;
    private int used;

    /** A table of texts' bytes when {@code text}, else of 64-bit values. */
    GroupValueTable(boolean text) {
        this.text = text;
        this.lengths = text ? new int[32] : null;
        this.bytes = text ? new byte[256] : null;
    }

    /** A float's bits as a value of the table: -0.0 as 0.0, and every NaN as one. */
    static long floatBits(double value) {
        return value == 0 ? 0L : Double.doubleToLongBits(value);
    }

    /** The number of distinct pairs. */
    int size() {
        return entries;
    }

    /** The entry of ({@code group}, the 64-bit value {@code bits}); a new one (numbered {@link #size} before) when absent. */
    int add(int group, long bits) {
        long hash = TextHash.mix(bits ^ group * 0x9E3779B97F4A7C15L);
        int mask = slots.length - 1;
        int slot = (int) hash & mask;
        while (true) {
            int at = slots[slot] - 1;
            if (at < 0) {
                break;
            }
            if (hashes[at] == hash && values[at] == bits && groups[at] == group) {
                return at;
            }
            slot = (slot + 1) & mask;
        }
        int entry = newEntry(group, bits, hash);
        slots[slot] = entry + 1;
        growIfFull();
        return entry;
    }

    /** The entry of ({@code group}, the text {@code data[start, start + length)}); a new one when absent. */
    int add(int group, byte[] data, int start, int length) {
        long hash = TextHash.mix(TextHash.of(data, start, length) ^ group * 0x9E3779B97F4A7C15L);
        int mask = slots.length - 1;
        int slot = (int) hash & mask;
        while (true) {
            int at = slots[slot] - 1;
            if (at < 0) {
                break;
            }
            if (hashes[at] == hash && groups[at] == group && lengths[at] == length
                    && TextHash.sameBytes(bytes, (int) values[at], data, start, length)) {
                return at;
            }
            slot = (slot + 1) & mask;
        }
        if ((long) used + length > Integer.MAX_VALUE - 16) {
            throw new FloeException("an aggregation's distinct texts take more than 2 GB in one worker");
        }
        if (used + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(used + length, 2L * bytes.length)));
        }
        System.arraycopy(data, start, bytes, used, length);
        int entry = newEntry(group, used, hash);
        lengths = Growable.ensure(lengths, entry + 1);
        lengths[entry] = length;
        used += length;
        slots[slot] = entry + 1;
        growIfFull();
        return entry;
    }

    /** The entry {@code other} numbers {@code entry}, added to this table in group {@code group}. */
    int addFrom(GroupValueTable other, int entry, int group) {
        return text ? add(group, other.bytes, (int) other.values[entry], other.lengths[entry])
                : add(group, other.values[entry]);
    }

    int group(int entry) {
        return groups[entry];
    }

    /** A 64-bit entry's value. */
    long bits(int entry) {
        return values[entry];
    }

    /** The bytes of the texts: a text entry's lie at {@link #textStart} for {@link #textLength}. */
    byte[] textBytes() {
        return bytes;
    }

    int textStart(int entry) {
        return (int) values[entry];
    }

    int textLength(int entry) {
        return lengths[entry];
    }

    /** About the bytes the table holds. */
    long sizeInBytes() {
        return 4L * slots.length + 20L * groups.length + (text ? 4L * lengths.length + bytes.length : 0);
    }

    private int newEntry(int group, long value, long hash) {
        int entry = entries++;
        if (entry == groups.length) {
            int capacity = Growable.capacity(groups.length, entry + 1);
            groups = Arrays.copyOf(groups, capacity);
            values = Arrays.copyOf(values, capacity);
            hashes = Arrays.copyOf(hashes, capacity);
        }
        groups[entry] = group;
        values[entry] = value;
        hashes[entry] = hash;
        return entry;
    }

    /** Doubles the slots when half are taken, placing every entry again by its kept hash. */
    private void growIfFull() {
        if (2L * entries <= slots.length) {
            return;
        }
        if (slots.length >= 1 << 30) {
            throw new FloeException("an aggregation holds more than " + (1 << 29) + " distinct values in one worker");
        }
        int[] grown = new int[slots.length * 2];
        int mask = grown.length - 1;
        for (int e = 0; e < entries; e++) {
            int slot = (int) hashes[e] & mask;
            while (grown[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            grown[slot] = e + 1;
        }
        slots = grown;
    }
}
