package dev.floe.frame.io.json;

import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to read JSON files. Immutable: each {@code withX} returns a copy.
 *
 * <pre>{@code
 * JsonOptions.defaults().withType("id", DataType.INT32).withInferSchemaLength(100);
 * }</pre>
 *
 * @param schema every column's name and type, replacing inference; null to infer
 * @param types per-column types that replace the inferred ones
 * @param inferSchemaLength how many rows (objects) type inference looks at, across the files in
 *     order; a key none of them has fails the read ({@link Integer#MAX_VALUE}: every object)
 * @param chunkBytes the size of the byte ranges of a JSON lines file parsed in parallel
 */
public record JsonOptions(Schema schema, Map<String, DataType> types, int inferSchemaLength, int chunkBytes) {
    public static final int DEFAULT_CHUNK_BYTES = 4 << 20;

    public JsonOptions {
        types = Map.copyOf(types);
        if (inferSchemaLength < 1 || chunkBytes < 1) {
            throw new IllegalArgumentException("inferSchemaLength and chunkBytes must be at least 1");
        }
    }

    /** How many objects the columns are inferred from by default (DuckDB's sample size). */
    public static final int DEFAULT_INFER_SCHEMA_LENGTH = 20_480;

    /** Types inferred from the first 20,480 objects; JSON lines read in ranges of 4 MiB. */
    public static JsonOptions defaults() {
        return new JsonOptions(null, Map.of(), DEFAULT_INFER_SCHEMA_LENGTH, DEFAULT_CHUNK_BYTES);
    }

    /** Every column's name and type: no inference; keys outside the schema are ignored. */
    public JsonOptions withSchema(Schema schema) {
        return new JsonOptions(Objects.requireNonNull(schema, "schema is null"), types, inferSchemaLength, chunkBytes);
    }

    /** Reads column {@code name} (a nested key as {@code outer.inner}) as {@code type} instead of the inferred type. */
    public JsonOptions withType(String name, DataType type) {
        Map<String, DataType> more = new LinkedHashMap<>(types);
        more.put(Objects.requireNonNull(name, "name is null"), Objects.requireNonNull(type, "type is null"));
        return new JsonOptions(schema, more, inferSchemaLength, chunkBytes);
    }

    public JsonOptions withInferSchemaLength(int rows) {
        return new JsonOptions(schema, types, rows, chunkBytes);
    }

    /** The size of the byte ranges of a JSON lines file parsed in parallel (default 4 MiB); results do not depend on it. */
    public JsonOptions withChunkBytes(int chunkBytes) {
        return new JsonOptions(schema, types, inferSchemaLength, chunkBytes);
    }

    private static final String SEPARATOR = "\u001f";

    /** The reading options by name, with the columns as read, so that {@link #fromReadOptions} reads them the same way. */
    public Map<String, String> toReadOptions(Schema columnsRead) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("chunk_bytes", Integer.toString(chunkBytes));
        List<String> fields = new ArrayList<>();
        for (Schema.Field field : columnsRead) {
            fields.add(field.name() + SEPARATOR + field.type().name());
        }
        out.put("schema", String.join(SEPARATOR, fields));
        return out;
    }

    /** The options {@link #toReadOptions} gives, read back; an unknown option is refused. */
    public static JsonOptions fromReadOptions(Map<String, String> options) {
        dev.floe.frame.io.FileFormat.checkOptions("JSON", options, List.of("chunk_bytes", "schema"));
        JsonOptions out = defaults();
        for (var option : options.entrySet()) {
            String value = option.getValue();
            switch (option.getKey()) {
                case "chunk_bytes" -> out = out.withChunkBytes(Integer.parseInt(value));
                case "schema" -> {
                    String[] parts = value.isEmpty() ? new String[0] : value.split(SEPARATOR, -1);
                    List<Schema.Field> fields = new ArrayList<>();
                    for (int i = 0; i + 1 < parts.length; i += 2) {
                        fields.add(new Schema.Field(parts[i], DataType.valueOf(parts[i + 1])));
                    }
                    out = out.withSchema(Schema.of(fields));
                }
                default -> throw new IllegalStateException("checked above");
            }
        }
        return out;
    }
}
