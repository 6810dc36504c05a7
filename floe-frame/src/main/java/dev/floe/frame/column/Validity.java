package dev.floe.frame.column;

/**
 * Which values of a vector are present: one bit per value, 1 for a value and 0 for a null, over
 * a range of a shared {@code long[]}. A vector without nulls has no {@code Validity} at all
 * ({@code null}), so kernels can take their null-free fast path. Immutable.
 */
public final class Validity {
    private final long[] bits;
    private final int offset;
    private final int length;
    private final int nullCount;

    private Validity(long[] bits, int offset, int length, int nullCount) {
        this.bits = bits;
        this.offset = offset;
        this.length = length;
        this.nullCount = nullCount;
    }

    /**
     * The validity of {@code length} values from {@code bits} (bit {@code i} of the array is
     * value {@code i}); null when every value is present.
     */
    public static Validity of(long[] bits, int length) {
        return of(bits, 0, length);
    }

    /** The validity of {@code length} values starting at bit {@code offset}; null when none is null. */
    public static Validity of(long[] bits, int offset, int length) {
        int nulls = length - countSet(bits, offset, length);
        return nulls == 0 ? null : new Validity(bits, offset, length, nulls);
    }

    public boolean isValid(int index) {
        int bit = offset + index;
        return (bits[bit >>> 6] & (1L << bit)) != 0;
    }

    public boolean isNull(int index) {
        return !isValid(index);
    }

    public int nullCount() {
        return nullCount;
    }

    public int length() {
        return length;
    }

    /** The validity of values {@code [from, from + count)}: a view, null when that range has no nulls. */
    public Validity slice(int from, int count) {
        return of(bits, offset + from, count);
    }

    /** The bits, for kernels: value {@code i} is bit {@code offset() + i}. */
    public long[] bits() {
        return bits;
    }

    public int offset() {
        return offset;
    }

    long retainedSizeInBytes() {
        return 16L + 8L * bits.length;
    }

    static int countSet(long[] bits, int offset, int length) {
        int count = 0;
        int bit = offset;
        int end = offset + length;
        while (bit < end && (bit & 63) != 0) {
            count += (int) ((bits[bit >>> 6] >>> bit) & 1L);
            bit++;
        }
        while (bit + 64 <= end) {
            count += Long.bitCount(bits[bit >>> 6]);
            bit += 64;
        }
        while (bit < end) {
            count += (int) ((bits[bit >>> 6] >>> bit) & 1L);
            bit++;
        }
        return count;
    }

    /** Collects validity bits while a vector is built; allocates nothing until the first null. */
    public static final class Builder {
        private long[] bits;
        private int length;

        /** Records whether the next value is present. */
        public void append(boolean valid) {
            if (!valid && bits == null) {
                bits = new long[Math.max(1, (length + 64) >>> 6) * 2];
                // every value so far was present
                for (int i = 0; i < length; i++) {
                    bits[i >>> 6] |= 1L << i;
                }
            }
            if (bits != null) {
                if ((length >>> 6) >= bits.length) {
                    bits = java.util.Arrays.copyOf(bits, bits.length * 2);
                }
                if (valid) {
                    bits[length >>> 6] |= 1L << length;
                }
            }
            length++;
        }

        /** Records that the next {@code count} values are present. */
        public void appendPresent(int count) {
            if (bits == null) {
                length += count;
            } else {
                for (int i = 0; i < count; i++) {
                    append(true);
                }
            }
        }

        /** The validity so far: null when every value was present. */
        public Validity build() {
            return bits == null ? null : Validity.of(bits, length);
        }
    }
}
