package dev.floe.frame.column;

import dev.floe.frame.DataType;

/**
 * A run of values of one type in primitive arrays: the unit that kernels work on. A vector is a
 * view over a range of its arrays ({@link #slice} shares them); it is immutable.
 *
 * <p>Each physical layout is one class: {@link ByteVector} ({@code BOOLEAN}, {@code INT8}),
 * {@link ShortVector}, {@link IntVector} ({@code INT32}, {@code DATE}), {@link LongVector}
 * ({@code INT64}, {@code DATETIME}, {@code DURATION}), {@link Int128Vector} (two words a value),
 * {@link FloatVector}, {@link DoubleVector},
 * {@link Utf8Vector} (bytes and offsets), {@link CategoricalVector} (codes into a dictionary) and
 * {@link NullVector}; {@link ListVector} holds the {@code LIST_*} types and {@link MapVector} the {@code MAP} types, {@link StructVector} the {@code STRUCT} types. Value {@code i} of a vector is element {@code offset() + i} of its array.
 */
public sealed interface Vector permits ByteVector, ShortVector, IntVector, LongVector, Int128Vector, FloatVector,
        DoubleVector, Utf8Vector, CategoricalVector, NullVector, ListVector, MapVector, StructVector {

    DataType type();

    int length();

    /** Which values are present; null when all are. */
    Validity validity();

    default boolean isNull(int index) {
        Validity validity = validity();
        return validity != null && validity.isNull(index);
    }

    default int nullCount() {
        Validity validity = validity();
        return validity == null ? 0 : validity.nullCount();
    }

    /** Values {@code [from, from + count)} as a vector sharing this one's arrays. */
    Vector slice(int from, int count);

    /**
     * Value {@code index} as a Java object (null for a null): {@code Long}, {@code BigInteger}
     * ({@code INT128}), {@code Double},
     * {@code String}, {@code Boolean}, {@code LocalDate}, {@code LocalDateTime}, {@code Duration}...
     * For printing, tests and row views; kernels use the typed arrays.
     */
    Object get(int index);

    /** Bytes the values of this vector's range take. */
    long sizeInBytes();

    /** Bytes of every array this vector holds on to, shared or not. */
    long retainedSizeInBytes();
}
