package dev.floe.frame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The names and types of a frame's columns, in order. Names are unique. Immutable.
 *
 * <pre>{@code
 * Schema schema = Schema.of("id", DataType.INT64, "name", DataType.UTF8);
 * }</pre>
 */
public final class Schema implements Iterable<Schema.Field>, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** One column's name and type. */
    public record Field(String name, DataType type) implements java.io.Serializable {
        public Field {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(type, "type is null");
        }

        @Override
        public String toString() {
            return name + ": " + type;
        }
    }

    private final List<Field> fields;
    private final Map<String, Integer> positions;

    private Schema(List<Field> fields) {
        this.fields = List.copyOf(fields);
        this.positions = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            if (positions.putIfAbsent(fields.get(i).name(), i) != null) {
                throw new SchemaException("duplicate column name '" + fields.get(i).name() + "': column names must be unique");
            }
        }
    }

    public static Schema of(List<Field> fields) {
        return new Schema(fields);
    }

    /** A schema from alternating names and types: {@code Schema.of("a", INT64, "b", UTF8)}. */
    public static Schema of(Object... namesAndTypes) {
        if (namesAndTypes.length % 2 != 0) {
            throw new IllegalArgumentException("Schema.of takes name, type pairs; got " + namesAndTypes.length + " arguments");
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            if (!(namesAndTypes[i] instanceof String name) || !(namesAndTypes[i + 1] instanceof DataType type)) {
                throw new IllegalArgumentException("Schema.of takes name, type pairs; argument " + i + " is "
                        + namesAndTypes[i] + " and " + (i + 1) + " is " + namesAndTypes[i + 1]);
            }
            fields.add(new Field(name, type));
        }
        return new Schema(fields);
    }

    /** A schema from a map of names to types, in the map's order. */
    public static Schema of(Map<String, DataType> types) {
        List<Field> fields = new ArrayList<>();
        types.forEach((name, type) -> fields.add(new Field(name, type)));
        return new Schema(fields);
    }

    public int size() {
        return fields.size();
    }

    public Field field(int index) {
        return fields.get(index);
    }

    public List<Field> fields() {
        return fields;
    }

    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }

    public boolean contains(String name) {
        return positions.containsKey(name);
    }

    /**
     * The position of column {@code name}.
     *
     * @throws ColumnNotFoundException naming the column, those that exist and the closest match
     */
    public int indexOf(String name) {
        Integer position = positions.get(name);
        if (position == null) {
            throw new ColumnNotFoundException(name, names());
        }
        return position;
    }

    /** The type of column {@code name}; see {@link #indexOf}. */
    public DataType type(String name) {
        return fields.get(indexOf(name)).type();
    }

    /** The names and types as an ordered map. */
    public Map<String, DataType> toMap() {
        Map<String, DataType> map = new LinkedHashMap<>();
        fields.forEach(field -> map.put(field.name(), field.type()));
        return map;
    }

    @Override
    public Iterator<Field> iterator() {
        return fields.iterator();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Schema that && fields.equals(that.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "Schema" + fields;
    }
}
