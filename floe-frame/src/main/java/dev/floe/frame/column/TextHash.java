package dev.floe.frame.column;

/**
 * The 64-bit hash of UTF-8 text that grouping, joining and dictionaries share: the same text
 * has the same hash wherever it is stored (a text column, any categorical dictionary).
 */
public final class TextHash {
    private TextHash() {}

    /** The hash of {@code data[start, start + length)}. */
    public static long of(byte[] data, int start, int length) {
        long h = 1125899906842597L;
        for (int i = start; i < start + length; i++) {
            h = 31 * h + data[i];
        }
        return mix(h ^ length);
    }

    /** A finalizer that spreads every input bit over the output (MurmurHash3's fmix64). */
    public static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }
}
