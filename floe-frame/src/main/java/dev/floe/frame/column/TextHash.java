package dev.floe.frame.column;

/**
 * The 64-bit hash of UTF-8 text that grouping, joining and dictionaries share: the same text
 * has the same hash wherever it is stored (a text column, any categorical dictionary).
 */
public final class TextHash {
    private TextHash() {}

    private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    /**
     * The hash of {@code data[start, start + length)}: eight bytes at a time, then the last
     * (fewer than eight) bytes as one word, each word mixed in by a multiply, and the whole
     * finalized by {@link #mix}. Depends only on the bytes, never on where they are stored.
     */
    public static long of(byte[] data, int start, int length) {
        long h = 1125899906842597L ^ (length * MULTIPLIER);
        int end = start + length;
        int i = start;
        for (; i <= end - 8; i += 8) {
            h = (h ^ (long) LONG.get(data, i)) * MULTIPLIER;
            h ^= h >>> 32;
        }
        if (i < end) {
            long tail = 0;
            for (int k = end - 1; k >= i; k--) {
                tail = tail << 8 | (data[k] & 0xff);
            }
            h = (h ^ tail) * MULTIPLIER;
        }
        return mix(h);
    }

    /**
     * Whether {@code a[aFrom, aFrom + length)} and {@code b[bFrom, bFrom + length)} hold the same
     * bytes: eight at a time, for the short texts that keys mostly are (a general array
     * comparison costs more in checks and set-up than in comparing).
     */
    public static boolean sameBytes(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
        int i = 0;
        for (; i <= length - 8; i += 8) {
            if ((long) LONG.get(a, aFrom + i) != (long) LONG.get(b, bFrom + i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (a[aFrom + i] != b[bFrom + i]) {
                return false;
            }
        }
        return true;
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
