package dev.floe.frame.io.csv;

import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to read (and write) a CSV file. Immutable: each {@code withX} returns a copy.
 *
 * <pre>{@code
 * CsvOptions.defaults()
 *         .withDelimiter(';')
 *         .withNullValues("", "NA", "-")
 *         .withType("id1", DataType.CATEGORICAL)
 *         .withColumns("id1", "v1")
 *         .withOnBadRow(CsvOptions.OnBadRow.SKIP);
 * }</pre>
 *
 * @param header whether the first line (after {@code skipRows}) names the columns; without one
 *     they are {@code column_1}, {@code column_2}, ...
 * @param delimiter the field separator, one ASCII character
 * @param quote the quote character, or 0 for none
 * @param escape the character that escapes a quote inside a quoted field: the quote itself
 *     ({@code ""}, as RFC 4180) or another one such as a backslash
 * @param commentPrefix lines starting with it are skipped; null for none
 * @param skipRows lines skipped before the header
 * @param nullValues unquoted field texts that mean null (a quoted field is always a value)
 * @param schema every column's name and type, replacing the header's names and inference
 * @param types per-column types that replace the inferred ones
 * @param columns the columns to read, in file order; null for all
 * @param limit the most rows to read, or -1
 * @param inferSchemaLength how many rows type inference looks at
 * @param onBadRow what a malformed row does
 * @param rejects receives each rejected row's error when bad rows are skipped or nulled; null
 *     for none (a summary is logged instead)
 * @param chunkBytes the size of the byte ranges parsed in parallel
 * @param threads how many threads parse, or 0 for the engine's default
 * @param detectDelimiter whether the delimiter is the one the first rows use where they do not split
 *     alike at the comma (true by default; {@link #withDelimiter} makes it false: a delimiter given
 *     is the delimiter)
 * @param detectHeader whether a first row that fits the types of the rows after it is read as data,
 *     not as a header (true by default; {@link #withHeader} makes it false: a header given or
 *     refused is so)
 */
public record CsvOptions(boolean header, char delimiter, char quote, char escape, String commentPrefix, int skipRows,
        List<String> nullValues, Schema schema, Map<String, DataType> types, List<String> columns, long limit,
        int inferSchemaLength, OnBadRow onBadRow, Consumer<CsvParseException> rejects, int chunkBytes,
        int threads, boolean detectDelimiter, boolean detectHeader) {

    /** What a malformed row (wrong field count, unparsable value, unclosed quote) does. */
    public enum OnBadRow {
        /** Reading fails with a {@link CsvParseException} naming the place. */
        FAIL,
        /** The row is left out; skipped rows are counted and reported. */
        SKIP,
        /** The values that do not parse become null; missing fields are null, extra ones dropped. */
        NULL
    }

    public static final int DEFAULT_CHUNK_BYTES = 4 << 20;

    public CsvOptions {
        if (delimiter > 127 || quote > 127 || escape > 127) {
            throw new IllegalArgumentException("delimiter, quote and escape must be ASCII characters");
        }
        if (delimiter == '\n' || delimiter == '\r' || delimiter == quote) {
            throw new IllegalArgumentException("the delimiter cannot be a line break or the quote character");
        }
        if (skipRows < 0 || inferSchemaLength < 1 || chunkBytes < 1 || threads < 0 || limit < -1) {
            throw new IllegalArgumentException("skipRows, threads and limit must be >= 0 (limit -1: all), "
                    + "inferSchemaLength and chunkBytes >= 1");
        }
        if (commentPrefix != null && commentPrefix.isEmpty()) {
            throw new IllegalArgumentException("the comment prefix must not be empty (null for none)");
        }
        nullValues = List.copyOf(nullValues);
        types = Map.copyOf(types);
        columns = columns == null ? null : List.copyOf(columns);
        Objects.requireNonNull(onBadRow, "onBadRow is null");
    }

    /** A header, comma, double quote escaped by doubling, nulls "" and "NA", 10,000 rows to infer types. */
    public static CsvOptions defaults() {
        return new CsvOptions(true, ',', '"', '"', null, 0, List.of("", "NA"), null, Map.of(), null, -1, 10_000,
                OnBadRow.FAIL, null, DEFAULT_CHUNK_BYTES, 0, true, true);
    }

    public CsvOptions withHeader(boolean header) {
        return new CsvOptions(header, delimiter, quote, escape, commentPrefix, skipRows, nullValues, schema, types,
                columns, limit, inferSchemaLength, onBadRow, rejects, chunkBytes, threads, detectDelimiter, false);
    }

    public CsvOptions withDelimiter(char delimiter) {
        return new CsvOptions(header, delimiter, quote, escape, commentPrefix, skipRows, nullValues, schema, types,
                columns, limit, inferSchemaLength, onBadRow, rejects, chunkBytes, threads, false, detectHeader);
    }

    /** The quote character, or 0 for none; the escape follows it unless set apart. */
    public CsvOptions withQuote(char quote) {
        return new CsvOptions(header, delimiter, quote, escape == this.quote ? quote : escape, commentPrefix, skipRows,
                nullValues, schema, types, columns, limit, inferSchemaLength, onBadRow, rejects, chunkBytes, threads,
                detectDelimiter, detectHeader);
    }

    public CsvOptions withEscape(char escape) {
        return new CsvOptions(header, delimiter, quote, escape, commentPrefix, skipRows, nullValues, schema, types,
                columns, limit, inferSchemaLength, onBadRow, rejects, chunkBytes, threads,
                detectDelimiter, detectHeader);
    }

    public CsvOptions withCommentPrefix(String commentPrefix) {
        return new CsvOptions(header, delimiter, quote, escape, commentPrefix, skipRows, nullValues, schema, types,
                columns, limit, inferSchemaLength, onBadRow, rejects, chunkBytes, threads,
                detectDelimiter, detectHeader);
    }

    public CsvOptions withSkipRows(int skipRows) {
        return new CsvOptions(header, delimiter, quote, escape, commentPrefix, skipRows, nullValues, schema, types,
                columns, limit, inferSchemaLength, onBadRow, rejects, chunkBytes, threads,
                detectDelimiter, detectHeader);
    }

    public CsvOptions withNullValues(String... nullValues) {
        return new CsvOptions(header, delimiter, quote, escape, commentPrefix, skipRows, List.of(nullValues), schema,
                types, columns, limit, inferSchemaLength, onBadRow, rejects, chunkBytes, threads,
                detectDelimiter, detectHeader);
    }

    /** Every column's name and type: no inference, and the header (if any) is skipped, not read. */
    public CsvOptions withSchema(Schema schema) {
        return new CsvOptions(header, delimiter, quote, escape, commentPrefix, skipRows, nullValues,
                Objects.requireNonNull(schema, "schema is null"), types, columns, limit, inferSchemaLength, onBadRow,
                rejects, chunkBytes, threads, detectDelimiter, detectHeader);
    }

    /** Reads column {@code name} as {@code type} instead of the inferred type. */
    public CsvOptions withType(String name, DataType type) {
        Map<String, DataType> more = new LinkedHashMap<>(types);
        more.put(Objects.requireNonNull(name, "name is null"), Objects.requireNonNull(type, "type is null"));
        return new CsvOptions(header, delimiter, quote, escape, commentPrefix, skipRows, nullValues, schema, more,
                columns, limit, inferSchemaLength, onBadRow, rejects, chunkBytes, threads,
                detectDelimiter, detectHeader);
    }

    /** Reads only these columns (the others are split off but not parsed). */
    public CsvOptions withColumns(String... columns) {
        return new CsvOptions(header, delimiter, quote, escape, commentPrefix, skipRows, nullValues, schema, types,
                List.of(columns), limit, inferSchemaLength, onBadRow, rejects, chunkBytes, threads,
                detectDelimiter, detectHeader);
    }

    /** Reads at most {@code limit} rows (the rest of the file is not parsed). */
    public CsvOptions withLimit(long limit) {
        return new CsvOptions(header, delimiter, quote, escape, commentPrefix, skipRows, nullValues, schema, types,
                columns, limit, inferSchemaLength, onBadRow, rejects, chunkBytes, threads,
                detectDelimiter, detectHeader);
    }

    public CsvOptions withInferSchemaLength(int rows) {
        return new CsvOptions(header, delimiter, quote, escape, commentPrefix, skipRows, nullValues, schema, types,
                columns, limit, rows, onBadRow, rejects, chunkBytes, threads, detectDelimiter, detectHeader);
    }

    public CsvOptions withOnBadRow(OnBadRow onBadRow) {
        return new CsvOptions(header, delimiter, quote, escape, commentPrefix, skipRows, nullValues, schema, types,
                columns, limit, inferSchemaLength, onBadRow, rejects, chunkBytes, threads,
                detectDelimiter, detectHeader);
    }

    /** Each rejected row's error goes to {@code rejects} (with {@link OnBadRow#SKIP} or {@link OnBadRow#NULL}). */
    public CsvOptions withRejects(Consumer<CsvParseException> rejects) {
        return new CsvOptions(header, delimiter, quote, escape, commentPrefix, skipRows, nullValues, schema, types,
                columns, limit, inferSchemaLength, onBadRow, rejects, chunkBytes, threads,
                detectDelimiter, detectHeader);
    }

    /** The size of the byte ranges parsed in parallel (default 4 MiB); results do not depend on it. */
    public CsvOptions withChunkBytes(int chunkBytes) {
        return new CsvOptions(header, delimiter, quote, escape, commentPrefix, skipRows, nullValues, schema, types,
                columns, limit, inferSchemaLength, onBadRow, rejects, chunkBytes, threads,
                detectDelimiter, detectHeader);
    }

    /** How many threads parse (0: the engine's default, {@code FLOE_THREADS} or every processor). */
    public CsvOptions withThreads(int threads) {
        return new CsvOptions(header, delimiter, quote, escape, commentPrefix, skipRows, nullValues, schema, types,
                columns, limit, inferSchemaLength, onBadRow, rejects, chunkBytes, threads,
                detectDelimiter, detectHeader);
    }

    /** The options a CSV writer takes, by name: what {@code sinkCsv} hands to the engine. */
    public java.util.Map<String, String> toWriteOptions() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("delimiter", String.valueOf(delimiter));
        out.put("quote", quote == 0 ? "" : String.valueOf(quote));
        out.put("escape", String.valueOf(escape));
        out.put("header", String.valueOf(header));
        out.put("null_values", String.join(NULL_SEPARATOR, nullValues));
        if (commentPrefix != null) {
            out.put("comment", commentPrefix);
        }
        return out;
    }

    /** Separates the null texts in the {@code null_values} option. */
    public static final String NULL_SEPARATOR = "\u001f";

    /** The writing options given by name ({@link #toWriteOptions}), the others as by default. */
    public static CsvOptions fromWriteOptions(java.util.Map<String, String> options) {
        dev.floe.frame.io.FileFormat.checkOptions("CSV", options,
                List.of("delimiter", "quote", "escape", "header", "null_values", "comment"));
        CsvOptions out = defaults();
        for (var option : options.entrySet()) {
            String value = option.getValue();
            out = switch (option.getKey()) {
                case "delimiter" -> out.withDelimiter(single("delimiter", value));
                case "quote" -> out.withQuote(value.isEmpty() ? (char) 0 : single("quote", value));
                case "escape" -> out.withEscape(single("escape", value));
                case "header" -> out.withHeader(switch (value.toLowerCase(java.util.Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException("the CSV option header is true or false, not '"
                            + value + "'");
                });
                case "null_values" -> out.withNullValues(value.split(NULL_SEPARATOR, -1));
                case "comment" -> out.withCommentPrefix(value);
                default -> out;
            };
        }
        return out;
    }

    private static char single(String option, String value) {
        if (value.length() != 1) {
            throw new IllegalArgumentException("the CSV option " + option + " is one character, not '" + value + "'");
        }
        return value.charAt(0);
    }

    /**
     * The reading options by name, with every column's name and type as read ({@code schema}), so
     * that {@link #fromReadOptions} reads the same columns the same way without inferring again.
     * What a CSV scan's descriptor holds. The rejects consumer, a Java object, is left out.
     */
    public java.util.Map<String, String> toReadOptions(Schema columnsRead) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>(toWriteOptions());
        out.put("skip_rows", Integer.toString(skipRows));
        if (columns != null) {
            out.put("columns", String.join(NULL_SEPARATOR, columns));
        }
        if (limit >= 0) {
            out.put("limit", Long.toString(limit));
        }
        out.put("on_bad_row", onBadRow.name());
        out.put("chunk_bytes", Integer.toString(chunkBytes));
        List<String> fields = new java.util.ArrayList<>();
        for (Schema.Field field : columnsRead) {
            fields.add(field.name() + NULL_SEPARATOR + field.type().name());
        }
        out.put("schema", String.join(NULL_SEPARATOR, fields));
        return out;
    }

    /** The options {@link #toReadOptions} gives, read back. */
    public static CsvOptions fromReadOptions(java.util.Map<String, String> options) {
        java.util.Map<String, String> writing = new java.util.LinkedHashMap<>();
        CsvOptions out = defaults();
        for (var option : options.entrySet()) {
            String value = option.getValue();
            switch (option.getKey()) {
                case "skip_rows" -> out = out.withSkipRows(Integer.parseInt(value));
                case "columns" -> out = out.withColumns(value.split(NULL_SEPARATOR, -1));
                case "limit" -> out = out.withLimit(Long.parseLong(value));
                case "on_bad_row" -> out = out.withOnBadRow(OnBadRow.valueOf(value));
                case "chunk_bytes" -> out = out.withChunkBytes(Integer.parseInt(value));
                case "schema" -> {
                    String[] parts = value.split(NULL_SEPARATOR, -1);
                    List<Schema.Field> fields = new java.util.ArrayList<>();
                    for (int i = 0; i + 1 < parts.length; i += 2) {
                        fields.add(new Schema.Field(parts[i], DataType.valueOf(parts[i + 1])));
                    }
                    out = out.withSchema(Schema.of(fields));
                }
                default -> writing.put(option.getKey(), value);
            }
        }
        CsvOptions format = fromWriteOptions(writing);
        return new CsvOptions(format.header(), format.delimiter(), format.quote(), format.escape(),
                format.commentPrefix(), out.skipRows(), format.nullValues(), out.schema(), out.types(), out.columns(),
                out.limit(), out.inferSchemaLength(), out.onBadRow(), null, out.chunkBytes(), out.threads(), false,
                false);
    }
}
