package dev.floe.frame.column;

import dev.floe.frame.DataType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Named fields per row: one vector per field, all of one length, row {@code i} being row
 * {@code offset + i} of each. A null row's fields are ignored (usually null). Immutable; {@link #slice}
 * shares the field vectors.
 */
public final class StructVector extends AbstractVector implements Vector {
    private final List<Vector> fields;

    public StructVector(DataType type, List<Vector> fields, int offset, int length, Validity validity) {
        super(type, offset, length, validity);
        if (!type.isStruct() || fields.size() != type.fields().size()) {
            throw new IllegalArgumentException(fields.size() + " field vectors do not make a " + type);
        }
        for (int f = 0; f < fields.size(); f++) {
            Vector field = fields.get(f);
            if (field.type() != type.fields().get(f).type()) {
                throw new IllegalArgumentException("field '" + type.fields().get(f).name() + "' of " + type
                        + " holds " + field.type());
            }
            Objects.checkFromIndexSize(offset, length, field.length());
        }
        this.fields = List.copyOf(fields);
    }

    /** The field vectors, in the type's order; row {@code i} is their row {@code offset() + i}. */
    public List<Vector> fields() {
        return fields;
    }

    /** Field {@code f}'s values for this vector's rows, as a vector of its own (a slice, no copy). */
    public Vector field(int f) {
        return fields.get(f).slice(offset, length);
    }

    @Override
    public StructVector slice(int from, int count) {
        checkSlice(from, count);
        return new StructVector(type, fields, offset + from, count, sliceValidity(from, count));
    }

    /** Row {@code index} as an unmodifiable {@code Map} of field name to Java value, in field order; null for a null row. */
    @Override
    public Map<String, Object> get(int index) {
        Objects.checkIndex(index, length);
        if (isNull(index)) {
            return null;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int f = 0; f < fields.size(); f++) {
            row.put(type.fields().get(f).name(), fields.get(f).get(offset + index));
        }
        return Collections.unmodifiableMap(row);
    }

    @Override
    public long sizeInBytes() {
        long bytes = validity == null ? 0 : (length + 7) / 8;
        for (Vector field : fields) {
            bytes += field.slice(offset, length).sizeInBytes();
        }
        return bytes;
    }

    @Override
    public long retainedSizeInBytes() {
        long bytes = 32L + validityBytes();
        for (Vector field : fields) {
            bytes += field.retainedSizeInBytes();
        }
        return bytes;
    }
}
