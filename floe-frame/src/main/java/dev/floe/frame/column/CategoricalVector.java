package dev.floe.frame.column;

import dev.floe.frame.DataType;
import java.util.Arrays;
import java.util.Objects;

/**
 * Strings stored as {@code int} codes into a {@link Dictionary}: compact for repeated values, and
 * what grouping and joining work on. Every chunk of a categorical column shares one dictionary.
 * Immutable; {@link #slice} shares the codes.
 */
public final class CategoricalVector extends AbstractVector implements Vector {
    private final int[] codes;
    private final Dictionary dictionary;

    public CategoricalVector(int[] codes, int offset, int length, Validity validity, Dictionary dictionary) {
        super(DataType.CATEGORICAL, offset, length, validity);
        Objects.checkFromIndexSize(offset, length, codes.length);
        this.codes = codes;
        this.dictionary = Objects.requireNonNull(dictionary, "dictionary is null");
    }

    /** The strings as a categorical vector (a null element becomes a null value). */
    public static CategoricalVector of(String... values) {
        Builder builder = new Builder(new Dictionary.Builder(), values.length);
        for (String value : values) {
            if (value == null) {
                builder.appendNull();
            } else {
                builder.append(value);
            }
        }
        return builder.build();
    }

    /** The codes: value {@code i} is {@code codes()[offset() + i]}. */
    public int[] codes() {
        return codes;
    }

    public int code(int index) {
        return codes[offset + Objects.checkIndex(index, length)];
    }

    public Dictionary dictionary() {
        return dictionary;
    }

    public String getString(int index) {
        return dictionary.value(code(index));
    }

    @Override
    public CategoricalVector slice(int from, int count) {
        checkSlice(from, count);
        return new CategoricalVector(codes, offset + from, count, sliceValidity(from, count), dictionary);
    }

    @Override
    public Object get(int index) {
        return isNull(index) ? null : getString(index);
    }

    @Override
    public long sizeInBytes() {
        return 4L * length + (validity == null ? 0 : (length + 7) / 8);
    }

    @Override
    public long retainedSizeInBytes() {
        return 24L + 4L * codes.length + validityBytes() + dictionary.retainedSizeInBytes();
    }

    /**
     * Builds a categorical vector; several builders may share one {@link Dictionary.Builder} so
     * that their chunks share codes. Not thread-safe.
     */
    public static final class Builder {
        private final Dictionary.Builder dictionary;
        private int[] codes;
        private int length;
        private final Validity.Builder validity = new Validity.Builder();

        public Builder(Dictionary.Builder dictionary, int expectedLength) {
            this.dictionary = dictionary;
            this.codes = new int[Math.max(8, expectedLength)];
        }

        public Builder append(String value) {
            if (length == codes.length) {
                codes = Arrays.copyOf(codes, codes.length * 2);
            }
            codes[length++] = dictionary.codeOf(value);
            validity.append(true);
            return this;
        }

        public Builder appendNull() {
            if (length == codes.length) {
                codes = Arrays.copyOf(codes, codes.length * 2);
            }
            length++;
            validity.append(false);
            return this;
        }

        public int length() {
            return length;
        }

        public CategoricalVector build() {
            return new CategoricalVector(codes, 0, length, validity.build(), dictionary.build());
        }
    }
}
