package dev.floe.frame.column;

import dev.floe.frame.DataType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Strings as UTF-8 bytes in one {@code byte[]}, with {@code int} offsets: value {@code i} is
 * {@code data[offsets[offset + i] .. offsets[offset + i + 1])}. No {@code String} per value.
 * Immutable; {@link #slice} shares both arrays.
 */
public final class Utf8Vector extends AbstractVector implements Vector {
    private final byte[] data;
    private final int[] offsets;

    public Utf8Vector(byte[] data, int[] offsets, int offset, int length, Validity validity) {
        super(DataType.UTF8, offset, length, validity);
        Objects.checkFromIndexSize(offset, length + 1, offsets.length);
        if (offsets[offset + length] > data.length) {
            throw new IllegalArgumentException("offsets reach byte " + offsets[offset + length] + " of "
                    + data.length);
        }
        this.data = data;
        this.offsets = offsets;
    }

    /** Strings without nulls (a null element becomes a null value). */
    public static Utf8Vector of(String... values) {
        Builder builder = new Builder(values.length, values.length * 8);
        for (String value : values) {
            if (value == null) {
                builder.appendNull();
            } else {
                builder.append(value);
            }
        }
        return builder.build();
    }

    public byte[] data() {
        return data;
    }

    public int[] offsets() {
        return offsets;
    }

    /** Start of value {@code index} in {@link #data()}. */
    public int start(int index) {
        return offsets[offset + index];
    }

    /** Length in bytes of value {@code index}. */
    public int byteLength(int index) {
        return offsets[offset + index + 1] - offsets[offset + index];
    }

    public String getString(int index) {
        Objects.checkIndex(index, length);
        int start = offsets[offset + index];
        return new String(data, start, offsets[offset + index + 1] - start, StandardCharsets.UTF_8);
    }

    @Override
    public Utf8Vector slice(int from, int count) {
        checkSlice(from, count);
        return new Utf8Vector(data, offsets, offset + from, count, sliceValidity(from, count));
    }

    @Override
    public Object get(int index) {
        return isNull(index) ? null : getString(index);
    }

    @Override
    public long sizeInBytes() {
        return (long) offsets[offset + length] - offsets[offset] + 4L * (length + 1)
                + (validity == null ? 0 : (length + 7) / 8);
    }

    @Override
    public long retainedSizeInBytes() {
        return 32L + data.length + 4L * offsets.length + validityBytes();
    }

    /** Builds a {@link Utf8Vector} value by value. Not thread-safe. */
    public static final class Builder {
        private byte[] data;
        private int[] offsets;
        private int length;
        private final Validity.Builder validity = new Validity.Builder();

        public Builder(int expectedLength, int expectedBytes) {
            this.data = new byte[Math.max(16, expectedBytes)];
            this.offsets = new int[Math.max(8, expectedLength + 1)];
        }

        /** A builder holding {@code values} (none of them null), to append more after them. */
        static Builder holding(Utf8Vector values) {
            int n = values.length();
            int first = values.start(0);
            int end = values.start(n);
            Builder builder = new Builder(n + 16, end - first + 128);
            System.arraycopy(values.data(), first, builder.data, 0, end - first);
            for (int i = 1; i <= n; i++) {
                builder.offsets[i] = values.start(i) - first;
            }
            builder.length = n;
            builder.validity.appendPresent(n);
            return builder;
        }

        public Builder append(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            return append(utf8, 0, utf8.length);
        }

        /** Appends the UTF-8 bytes {@code bytes[from, from + count)}. */
        public Builder append(byte[] bytes, int from, int count) {
            int end = offsets[length];
            if (end + count > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, end + count));
            }
            System.arraycopy(bytes, from, data, end, count);
            nextOffset(end + count);
            validity.append(true);
            return this;
        }

        /** Adds {@code bytes[from, from + count)} to the end of the last value appended (which must not be null). */
        public Builder appendMore(byte[] bytes, int from, int count) {
            if (length == 0) {
                throw new IllegalStateException("no value to extend");
            }
            int end = offsets[length];
            if (end + count > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, end + count));
            }
            System.arraycopy(bytes, from, data, end, count);
            offsets[length] = end + count;
            return this;
        }

        public Builder appendNull() {
            nextOffset(offsets[length]);
            validity.append(false);
            return this;
        }

        private void nextOffset(int end) {
            if (length + 2 > offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[++length] = end;
        }

        public int length() {
            return length;
        }

        /** Where value {@code index} (appended already) starts in this builder's bytes. */
        int startOf(int index) {
            return offsets[index];
        }

        /** The byte at {@code at} of this builder's bytes. */
        byte byteAt(int at) {
            return at < data.length ? data[at] : 0;
        }

        /** Whether this builder's bytes from {@code from} on are {@code data[start, start + count)}. */
        boolean sameBytes(int from, byte[] data, int start, int count) {
            return TextHash.sameBytes(this.data, from, data, start, count);
        }

        public Utf8Vector build() {
            return new Utf8Vector(data, offsets, 0, length, validity.build());
        }
    }
}
