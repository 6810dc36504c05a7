package dev.floe.frame.column;

import dev.floe.frame.DataType;

/** A run of nulls of type {@code NULL}: a column of nothing but nulls, holding no values. */
public final class NullVector extends AbstractVector implements Vector {
    public NullVector(int length) {
        super(DataType.NULL, 0, length, allNull(length));
    }

    private static Validity allNull(int length) {
        return Validity.of(new long[(length + 63) >>> 6], length);
    }

    @Override
    public NullVector slice(int from, int count) {
        checkSlice(from, count);
        return new NullVector(count);
    }

    @Override
    public Object get(int index) {
        java.util.Objects.checkIndex(index, length);
        return null;
    }

    @Override
    public long sizeInBytes() {
        return 0;
    }

    @Override
    public long retainedSizeInBytes() {
        return 16L + validityBytes();
    }
}
