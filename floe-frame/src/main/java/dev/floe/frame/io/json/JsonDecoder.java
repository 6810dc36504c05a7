package dev.floe.frame.io.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Dictionary;
import dev.floe.frame.column.DoubleVector;
import dev.floe.frame.column.FloatVector;
import dev.floe.frame.column.Int128Vector;
import dev.floe.frame.column.IntVector;
import dev.floe.frame.column.ListVector;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.NullVector;
import dev.floe.frame.column.ShortVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.io.csv.CsvValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Turns JSON objects into typed vectors as the parser meets them: each key that is a column
 * (nested objects' keys as {@code outer.inner}) appends to that column's primitive arrays; keys
 * that are not columns are skipped without being decoded; a key an object lacks is null. Arrays
 * of values become list columns; an object or array in a text column is kept as its JSON text.
 * A value that does not fit its column fails, naming the file, line, column and key. Not
 * thread-safe: one per split being read.
 */
final class JsonDecoder {
    private final String file;
    private final LongSupplier firstLine;
    private final Key root = new Key(null);
    private final Appender[] columns;
    /** Where the columns were inferred from, for the error of a key outside them; null where such keys are skipped. */
    private final String unknownKeys;
    private final byte[][] scratch = {new byte[64]};
    private final CsvValues values = new CsvValues();
    private int rows;

    /**
     * @param decoded the columns to build, in this order
     * @param paths the keys leading to each column, by its name, as the objects the columns were
     *     inferred from had them (null, or a column it lacks: its name split at dots every way)
     * @param unknownKeys where the columns were inferred from ("the first 20,480 objects of the
     *     file"), for the error of a key none of them reads (it would be lost); null to skip such keys
     * @param file the file's name, for errors
     * @param firstLine the line number (from 1) of the parser's first line, asked only for an error
     */
    JsonDecoder(Schema decoded, Map<String, List<String>> paths, String unknownKeys, String file,
            LongSupplier firstLine) {
        this.file = file;
        this.firstLine = firstLine;
        this.unknownKeys = unknownKeys;
        this.columns = new Appender[decoded.size()];
        for (int c = 0; c < columns.length; c++) {
            Schema.Field field = decoded.field(c);
            columns[c] = appender(field.name(), field.type());
            List<String> path = paths == null ? null : paths.get(field.name());
            if (path != null) {
                root.insertPath(path, c);
            } else {
                root.insert(field.name(), c);
            }
        }
    }

    /** The rows decoded since the last {@link #finish}. */
    int rows() {
        return rows;
    }

    /**
     * Reads root values from {@code parser} until {@code maxRows} rows are decoded or the input
     * ends: objects one after another (JSON lines), or, with {@code inArray}, the objects of an
     * array whose {@code [} the parser has passed.
     *
     * @return whether the input ended
     */
    boolean read(JsonParser parser, boolean inArray, int maxRows) {
        try {
            while (rows < maxRows) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    if (inArray) {
                        throw error(parser, null, "the file ends inside its array (no closing ])", null);
                    }
                    return true;
                }
                if (inArray && token == JsonToken.END_ARRAY) {
                    JsonToken after = parser.nextToken();
                    if (after != null) {
                        throw error(parser, null, "found " + describe(parser, after) + " after the array's closing ], "
                                + "expected the end of the file", null);
                    }
                    return true;
                }
                if (token != JsonToken.START_OBJECT) {
                    throw error(parser, null, "found " + describe(parser, token) + ", expected an object ({...}) per row",
                            null);
                }
                object(parser, root);
                rows++;
                for (Appender column : columns) {
                    if (column.length < rows) {
                        column.appendNull();
                    }
                }
            }
            return false;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
            throw new JsonReadException(file, firstLine.getAsLong() + Math.max(0, at.getLineNr() - 1),
                    Math.max(0, at.getColumnNr()), null, "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The columns of the rows decoded so far, as vectors; the decoder starts again empty. */
    List<Vector> finish() {
        List<Vector> out = new ArrayList<>(columns.length);
        for (int c = 0; c < columns.length; c++) {
            out.add(columns[c].build());
            columns[c] = columns[c].fresh();
        }
        rows = 0;
        return out;
    }

    private void object(JsonParser parser, Key node) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            Key child = node.children == null ? null : node.children.get(parser.currentName());
            JsonToken value = parser.nextToken();
            if (child == null) {
                if (unknownKeys != null) {
                    throw unknownKey(parser, node);
                }
                parser.skipChildren();
                continue;
            }
            if (child.column >= 0) {
                Appender column = columns[child.column];
                if (column.length > rows) {
                    throw error(parser, column.name, "the key appears twice in one object", null);
                }
                if (value == JsonToken.VALUE_NULL) {
                    column.appendNull();
                } else {
                    column.value(parser, value, this);
                }
            } else if (value == JsonToken.START_OBJECT) {
                object(parser, child);
            } else if (value != JsonToken.VALUE_NULL) {
                throw error(parser, child.someColumn(this) != null ? child.someColumn(this) : child.path, "found " + describe(parser, value)
                        + ", expected an object (its keys are columns)", null);
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw error(parser, null, "malformed object", null);
        }
    }

    private JsonReadException unknownKey(JsonParser parser, Key node) throws IOException {
        String key = parser.currentName();
        String name = node.path == null ? key : node.path + "." + key;
        return new JsonReadException(file, firstLine.getAsLong() + Math.max(0, parser.currentTokenLocation().getLineNr() - 1),
                Math.max(0, parser.currentTokenLocation().getColumnNr()), name, "the object has key \"" + name
                + "\", which " + unknownKeys + ", that the columns were inferred from, do not have; infer from more "
                + "objects (SQL: read_json(path, sample_size = -1) for all; JsonOptions.withInferSchemaLength) or give "
                + "the columns (JsonOptions.withSchema)", null);
    }

    JsonReadException error(JsonParser parser, String key, String problem, Throwable cause) {
        JsonLocation at = parser.currentTokenLocation();
        long line = firstLine.getAsLong() + Math.max(0, at.getLineNr() - 1);
        return new JsonReadException(file, line, Math.max(0, at.getColumnNr()), key, problem, cause);
    }

    /** A token for a message: {@code "text"}, {@code 12.5}, {@code true}, {@code an object}. */
    static String describe(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case END_ARRAY -> "]";
            case END_OBJECT -> "}";
            case VALUE_STRING -> {
                String text = parser.getText();
                yield "\"" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "\"";
            }
            default -> parser.getText();
        };
    }

    // ---- keys ------------------------------------------------------------------------------

    /** A level of the object tree: the keys that are columns, and those that lead to nested ones. */
    private static final class Key {
        /** The keys leading here, joined by dots, for a message; null at the root. */
        final String path;
        Map<String, Key> children;
        int column = -1;

        Key(String path) {
            this.path = path;
        }

        Key child(String name) {
            if (children == null) {
                children = new HashMap<>();
            }
            return children.computeIfAbsent(name, unused -> new Key(path == null ? name : path + "." + name));
        }

        /** Makes the keys of {@code path}, each inside the one before, lead to column {@code column}. */
        void insertPath(List<String> path, int column) {
            Key node = this;
            for (String key : path) {
                node = node.child(key);
            }
            if (node.column == -1) {
                node.column = column;
            }
        }

        /**
         * Makes {@code name} lead to column {@code column} where no objects told its keys (a given
         * schema): as one key, nested at every dot, and, for names of up to six dots, split at each
         * choice of its dots (a column {@code a.b} is key {@code a.b} or key {@code b} inside key
         * {@code a}; more dots would make 2^dots keys).
         */
        void insert(String name, int column) {
            List<Integer> dots = new ArrayList<>();
            for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
                dots.add(dot);
            }
            if (dots.size() <= 6) {
                for (int mask = 0; mask < 1 << dots.size(); mask++) {
                    insertSplit(name, dots, mask, column);
                }
            } else {
                insertSplit(name, dots, 0, column);
                insertSplit(name, dots, -1, column);
            }
        }

        /** The keys of {@code name} split at the dots whose bits {@code mask} has. */
        private void insertSplit(String name, List<Integer> dots, int mask, int column) {
            List<String> path = new ArrayList<>();
            int start = 0;
            for (int d = 0; d < dots.size(); d++) {
                if (mask == -1 || d < 31 && (mask & (1 << d)) != 0) {
                    path.add(name.substring(start, dots.get(d)));
                    start = dots.get(d) + 1;
                }
            }
            path.add(name.substring(start));
            insertPath(path, column);
        }

        /** A column under this key, for a message. */
        String someColumn(JsonDecoder decoder) {
            if (column >= 0) {
                return decoder.columns[column].name;
            }
            if (children != null) {
                for (Key key : children.values()) {
                    String found = key.someColumn(decoder);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }
    }

    // ---- the columns being built -------------------------------------------------------------

    private static Appender appender(String name, DataType type) {
        if (type.isStruct()) {
            Appender[] fields = new Appender[type.fields().size()];
            for (int f = 0; f < fields.length; f++) {
                fields[f] = appender(name + "." + type.fields().get(f).name(), type.fields().get(f).type());
            }
            return new StructAppender(name, type, fields);
        }
        if (type.isMap()) {
            if (!type.keyType().isText()) {
                throw new IllegalArgumentException("JSON objects' keys are text: column '" + name + "' cannot be read as "
                        + type + "; read it as map[str," + type.valueType() + "]");
            }
            return new MapAppender(name, type, appender(name, type.keyType()), appender(name, type.valueType()));
        }
        if (type.isList()) {
            return new ListAppender(name, type, appender(name, type.elementType()));
        }
        return switch (type.id()) {
            case INT8, INT16, INT32, INT64, DATE, DATETIME, DURATION, TIME -> new LongAppender(name, type);
            case FLOAT32, FLOAT64 -> new DoubleAppender(name, type);
            case BOOLEAN -> new BooleanAppender(name, type);
            case UTF8, CATEGORICAL -> new TextAppender(name, type);
            case INT128 -> new HugeAppender(name, type);
            case DECIMAL -> new DecimalAppender(name, type);
            case NULL -> new NullAppender(name, type);
            default -> throw new IllegalArgumentException("JSON cannot be read as " + type);
        };
    }

    /** One column's values as they are decoded: primitive arrays and validity bits. */
    private abstract static class Appender {
        final String name;
        final DataType type;
        int length;
        long[] valid = new long[4];

        Appender(String name, DataType type) {
            this.name = name;
            this.type = type;
        }

        /** Appends the value whose first token is {@code token} (not null). */
        abstract void value(JsonParser parser, JsonToken token, JsonDecoder decoder) throws IOException;

        abstract void grow(int capacity);

        abstract Vector build();

        abstract Appender fresh();

        final void present() {
            if (length >>> 6 >= valid.length) {
                valid = Arrays.copyOf(valid, valid.length * 2);
            }
            valid[length >>> 6] |= 1L << length;
            length++;
        }

        void appendNull() {
            if (length >>> 6 >= valid.length) {
                valid = Arrays.copyOf(valid, valid.length * 2);
            }
            length++;
        }

        final Validity validity() {
            return Validity.of(valid, length);
        }

        final JsonReadException mismatch(JsonParser parser, JsonToken token, JsonDecoder decoder, String expected)
                throws IOException {
            return decoder.error(parser, name, "found " + describe(parser, token) + ", expected " + expected
                    + " (the column is " + type + "; give it another type with JsonOptions.withType, or a schema)", null);
        }
    }

    /** Integers of every width, dates (days), datetimes and durations (microseconds), in a {@code long[]}. */
    private static final class LongAppender extends Appender {
        long[] values = new long[256];

        LongAppender(String name, DataType type) {
            super(name, type);
        }

        @Override
        void value(JsonParser parser, JsonToken token, JsonDecoder decoder) throws IOException {
            long value;
            switch (type.id()) {
                case DATE, DATETIME -> {
                    if (token != JsonToken.VALUE_STRING) {
                        throw mismatch(parser, token, decoder, type == DataType.DATE ? "a date such as \"2024-01-31\""
                                : "a datetime such as \"2024-01-31T12:30:00\"");
                    }
                    byte[] utf8 = decoder.utf8(parser);
                    int count = decoder.utf8Length;
                    boolean ok = type == DataType.DATE ? decoder.values.parseDate(utf8, 0, count)
                            : decoder.values.parseDatetime(utf8, 0, count);
                    if (!ok) {
                        throw mismatch(parser, token, decoder, type == DataType.DATE ? "a date such as \"2024-01-31\""
                                : "a datetime such as \"2024-01-31T12:30:00\"");
                    }
                    value = decoder.values.longValue();
                }
                case TIME -> {
                    if (token != JsonToken.VALUE_STRING) {
                        throw mismatch(parser, token, decoder, "a time of day such as \"13:45:00\"");
                    }
                    try {
                        value = dev.floe.frame.column.Temporals.micros(
                                dev.floe.frame.column.Temporals.parseTime(parser.getText()));
                    } catch (java.time.format.DateTimeParseException e) {
                        throw mismatch(parser, token, decoder, "a time of day such as \"13:45:00\"");
                    }
                }
                case DURATION -> {
                    if (token != JsonToken.VALUE_STRING) {
                        throw mismatch(parser, token, decoder, "an ISO-8601 duration such as \"PT1H30M\"");
                    }
                    try {
                        value = dev.floe.frame.column.Temporals.micros(java.time.Duration.parse(parser.getText()));
                    } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
                        throw mismatch(parser, token, decoder, "an ISO-8601 duration such as \"PT1H30M\"");
                    }
                }
                default -> {
                    if (token != JsonToken.VALUE_NUMBER_INT) {
                        throw mismatch(parser, token, decoder, "an integer");
                    }
                    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        throw mismatch(parser, token, decoder, "an integer that fits " + type);
                    }
                    value = parser.getLongValue();
                    long min = switch (type.id()) {
                        case INT8 -> Byte.MIN_VALUE;
                        case INT16 -> Short.MIN_VALUE;
                        case INT32 -> Integer.MIN_VALUE;
                        default -> Long.MIN_VALUE;
                    };
                    if (value < min || value > -(min + 1)) {
                        throw mismatch(parser, token, decoder, "an integer that fits " + type);
                    }
                }
            }
            if (length == values.length) {
                grow(length * 2);
            }
            values[length] = value;
            present();
        }

        @Override
        void appendNull() {
            if (length == values.length) {
                grow(length * 2);
            }
            super.appendNull();
        }

        @Override
        void grow(int capacity) {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        Vector build() {
            Validity validity = validity();
            return switch (type.id()) {
                case INT8 -> {
                    byte[] out = new byte[length];
                    for (int i = 0; i < length; i++) {
                        out[i] = (byte) values[i];
                    }
                    yield new ByteVector(type, out, validity);
                }
                case INT16 -> {
                    short[] out = new short[length];
                    for (int i = 0; i < length; i++) {
                        out[i] = (short) values[i];
                    }
                    yield new ShortVector(type, out, validity);
                }
                case INT32, DATE -> {
                    int[] out = new int[length];
                    for (int i = 0; i < length; i++) {
                        out[i] = (int) values[i];
                    }
                    yield new IntVector(type, out, validity);
                }
                default -> new LongVector(type, values, 0, length, validity);
            };
        }

        @Override
        Appender fresh() {
            return new LongAppender(name, type);
        }
    }

    private static final class DoubleAppender extends Appender {
        double[] values = new double[256];

        DoubleAppender(String name, DataType type) {
            super(name, type);
        }

        @Override
        void value(JsonParser parser, JsonToken token, JsonDecoder decoder) throws IOException {
            double value;
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                value = parser.getDoubleValue();
            } else if (token == JsonToken.VALUE_STRING) {
                value = switch (parser.getText()) {
                    case "NaN" -> Double.NaN;
                    case "Infinity", "inf" -> Double.POSITIVE_INFINITY;
                    case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
                    default -> throw mismatch(parser, token, decoder, "a number");
                };
            } else {
                throw mismatch(parser, token, decoder, "a number");
            }
            if (length == values.length) {
                grow(length * 2);
            }
            values[length] = value;
            present();
        }

        @Override
        void appendNull() {
            if (length == values.length) {
                grow(length * 2);
            }
            super.appendNull();
        }

        @Override
        void grow(int capacity) {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        Vector build() {
            if (type == DataType.FLOAT32) {
                float[] out = new float[length];
                for (int i = 0; i < length; i++) {
                    out[i] = (float) values[i];
                }
                return new FloatVector(type, out, validity());
            }
            return new DoubleVector(type, values, 0, length, validity());
        }

        @Override
        Appender fresh() {
            return new DoubleAppender(name, type);
        }
    }

    private static final class BooleanAppender extends Appender {
        byte[] values = new byte[256];

        BooleanAppender(String name, DataType type) {
            super(name, type);
        }

        @Override
        void value(JsonParser parser, JsonToken token, JsonDecoder decoder) throws IOException {
            if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
                throw mismatch(parser, token, decoder, "true or false");
            }
            if (length == values.length) {
                grow(length * 2);
            }
            values[length] = (byte) (token == JsonToken.VALUE_TRUE ? 1 : 0);
            present();
        }

        @Override
        void appendNull() {
            if (length == values.length) {
                grow(length * 2);
            }
            super.appendNull();
        }

        @Override
        void grow(int capacity) {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        Vector build() {
            return new ByteVector(type, values, 0, length, validity());
        }

        @Override
        Appender fresh() {
            return new BooleanAppender(name, type);
        }
    }

    /**
     * Text (or categorical codes): strings as they are; numbers and booleans as their JSON text;
     * objects and arrays as their JSON text, written compactly.
     */
    private static final class TextAppender extends Appender {
        final Utf8Vector.Builder text;
        final Dictionary.Builder dictionary;
        int[] codes;

        TextAppender(String name, DataType type) {
            super(name, type);
            boolean categorical = type == DataType.CATEGORICAL;
            this.text = categorical ? null : new Utf8Vector.Builder(256, 4096);
            this.dictionary = categorical ? new Dictionary.Builder() : null;
            this.codes = categorical ? new int[256] : null;
        }

        @Override
        void value(JsonParser parser, JsonToken token, JsonDecoder decoder) throws IOException {
            byte[] utf8;
            int count;
            switch (token) {
                case VALUE_STRING -> {
                    utf8 = decoder.utf8(parser);
                    count = decoder.utf8Length;
                }
                case START_OBJECT, START_ARRAY -> {
                    ByteArrayOutputStream json = new ByteArrayOutputStream(64);
                    try (JsonGenerator generator = JsonFiles.FACTORY.createGenerator(json)) {
                        generator.copyCurrentStructure(parser);
                    }
                    utf8 = json.toByteArray();
                    count = utf8.length;
                }
                default -> {
                    utf8 = parser.getText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    count = utf8.length;
                }
            }
            if (text != null) {
                text.append(utf8, 0, count);
            } else {
                if (length == codes.length) {
                    grow(length * 2);
                }
                codes[length] = dictionary.codeOf(utf8, 0, count);
            }
            present();
        }

        @Override
        void appendNull() {
            if (text != null) {
                text.appendNull();
            } else if (length == codes.length) {
                grow(length * 2);
            }
            super.appendNull();
        }

        @Override
        void grow(int capacity) {
            codes = Arrays.copyOf(codes, capacity);
        }

        @Override
        Vector build() {
            if (text != null) {
                return text.build();
            }
            return new CategoricalVector(codes, 0, length, validity(), dictionary.build());
        }

        @Override
        Appender fresh() {
            return new TextAppender(name, type);
        }
    }

    /** Integers past 64 bits. */
    private static final class HugeAppender extends Appender {
        Int128Vector.Builder values = new Int128Vector.Builder(64);

        HugeAppender(String name, DataType type) {
            super(name, type);
        }

        @Override
        void value(JsonParser parser, JsonToken token, JsonDecoder decoder) throws IOException {
            if (token != JsonToken.VALUE_NUMBER_INT || parser.getBigIntegerValue().bitLength() > 127) {
                throw mismatch(parser, token, decoder, "an integer of at most 128 bits");
            }
            values.append(parser.getBigIntegerValue());
            present();
        }

        @Override
        void appendNull() {
            values.appendNull();
            super.appendNull();
        }

        @Override
        void grow(int capacity) {
            // the builder grows itself
        }

        @Override
        Vector build() {
            return values.build();
        }

        @Override
        Appender fresh() {
            return new HugeAppender(name, type);
        }
    }

    /**
     * Decimals from JSON numbers (or strings holding one) as their digits are written, rounded
     * half away from zero to the type's scale (no double in between): whole numbers of
     * {@code 10^-scale}, in one {@code long[]} up to 18 digits, else in two.
     */
    private static final class DecimalAppender extends Appender {
        long[] low = new long[256];
        long[] high;

        DecimalAppender(String name, DataType type) {
            super(name, type);
            high = type.isLongDecimal() ? null : new long[256];
        }

        @Override
        void value(JsonParser parser, JsonToken token, JsonDecoder decoder) throws IOException {
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT
                    && token != JsonToken.VALUE_STRING) {
                throw mismatch(parser, token, decoder, "a number");
            }
            java.math.BigInteger whole = dev.floe.frame.exec.DecimalKernel.wholeOf(parser.getText(), type);
            if (whole == null) {
                throw mismatch(parser, token, decoder, "a number of at most " + (type.precision() - type.scale())
                        + " digits before the point");
            }
            if (length == low.length) {
                grow(length * 2);
            }
            low[length] = whole.longValue();
            if (high != null) {
                high[length] = whole.shiftRight(64).longValue();
            }
            present();
        }

        @Override
        void appendNull() {
            if (length == low.length) {
                grow(length * 2);
            }
            super.appendNull();
        }

        @Override
        void grow(int capacity) {
            low = Arrays.copyOf(low, capacity);
            high = high == null ? null : Arrays.copyOf(high, capacity);
        }

        @Override
        Vector build() {
            return high == null ? new LongVector(type, Arrays.copyOf(low, length), 0, length, validity())
                    : new Int128Vector(type, Arrays.copyOf(high, length), Arrays.copyOf(low, length), 0, length,
                            validity());
        }

        @Override
        Appender fresh() {
            return new DecimalAppender(name, type);
        }
    }

    /** A column known to hold only nulls. */
    private static final class NullAppender extends Appender {
        NullAppender(String name, DataType type) {
            super(name, type);
        }

        @Override
        void value(JsonParser parser, JsonToken token, JsonDecoder decoder) throws IOException {
            throw mismatch(parser, token, decoder, "null");
        }

        @Override
        void grow(int capacity) {
            // nothing stored
        }

        @Override
        Vector build() {
            return new NullVector(length);
        }

        @Override
        Appender fresh() {
            return new NullAppender(name, type);
        }
    }

    /** A column of many values a row (lists, maps): each row's end among its children's values. */
    private abstract static class OffsetAppender extends Appender {
        /** The values the rows hold (a list's elements, a map's keys), whose count marks each row's end. */
        final Appender entries;
        int[] offsets = new int[257];

        OffsetAppender(String name, DataType type, Appender entries) {
            super(name, type);
            this.entries = entries;
        }

        @Override
        void appendNull() {
            next();
            super.appendNull();
        }

        /** Ends the row: its values so far. */
        final void next() {
            if (length + 2 > offsets.length) {
                grow(offsets.length * 2);
            }
            offsets[length + 1] = entries.length;
        }

        @Override
        void grow(int capacity) {
            offsets = Arrays.copyOf(offsets, capacity);
        }
    }

    /** Arrays: their elements appended to one element column, an offset per row. */
    private static final class ListAppender extends OffsetAppender {
        ListAppender(String name, DataType type, Appender elements) {
            super(name, type, elements);
        }

        @Override
        void value(JsonParser parser, JsonToken token, JsonDecoder decoder) throws IOException {
            if (token != JsonToken.START_ARRAY) {
                throw mismatch(parser, token, decoder, "an array");
            }
            JsonToken element;
            while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (element == null) {
                    throw decoder.error(parser, name, "the input ends inside an array", null);
                }
                if (element == JsonToken.VALUE_NULL) {
                    entries.appendNull();
                } else {
                    entries.value(parser, element, decoder);
                }
            }
            next();
            present();
        }

        @Override
        Vector build() {
            return new ListVector(offsets, entries.build(), 0, length, validity());
        }

        @Override
        Appender fresh() {
            return new ListAppender(name, type, entries.fresh());
        }
    }

    /** A struct column: each row an object whose keys are the struct's fields (a field it leaves out is null). */
    private static final class StructAppender extends Appender {
        final Appender[] fields;
        final boolean[] seen;

        StructAppender(String name, DataType type, Appender[] fields) {
            super(name, type);
            this.fields = fields;
            this.seen = new boolean[fields.length];
        }

        @Override
        void value(JsonParser parser, JsonToken token, JsonDecoder decoder) throws IOException {
            if (token != JsonToken.START_OBJECT) {
                throw mismatch(parser, token, decoder, "an object");
            }
            java.util.Arrays.fill(seen, false);
            JsonToken field;
            while ((field = parser.nextToken()) != JsonToken.END_OBJECT) {
                if (field == null) {
                    throw decoder.error(parser, name, "the input ends inside an object", null);
                }
                String key = parser.currentName();
                int f = 0;
                while (f < fields.length && !type.fields().get(f).name().equals(key)) {
                    f++;
                }
                if (f == fields.length) {
                    throw decoder.error(parser, name, "the object has key \"" + key + "\", which " + type
                            + " has no field for (give the column a type that has it with JsonOptions.withType, or "
                            + "infer its type from more rows with withInferSchemaLength)", null);
                }
                if (seen[f]) {
                    throw decoder.error(parser, name, "the object has key \"" + key + "\" twice", null);
                }
                seen[f] = true;
                JsonToken value = parser.nextToken();
                if (value == null) {
                    throw decoder.error(parser, name, "the input ends inside an object", null);
                }
                if (value == JsonToken.VALUE_NULL) {
                    fields[f].appendNull();
                } else {
                    fields[f].value(parser, value, decoder);
                }
            }
            for (int f = 0; f < fields.length; f++) {
                if (!seen[f]) {
                    fields[f].appendNull();
                }
            }
            present();
        }

        @Override
        void appendNull() {
            for (Appender field : fields) {
                field.appendNull();
            }
            super.appendNull();
        }

        @Override
        void grow(int capacity) {
            for (Appender field : fields) {
                field.grow(capacity);
            }
        }

        @Override
        Vector build() {
            java.util.List<Vector> vectors = new java.util.ArrayList<>(fields.length);
            for (Appender field : fields) {
                vectors.add(field.build());
            }
            return new dev.floe.frame.column.StructVector(type, vectors, 0, length, validity());
        }

        @Override
        Appender fresh() {
            Appender[] copies = new Appender[fields.length];
            for (int f = 0; f < fields.length; f++) {
                copies[f] = fields[f].fresh();
            }
            return new StructAppender(name, type, copies);
        }
    }

    /** A map column: each row an object, its keys (text) and their values. */
    private static final class MapAppender extends OffsetAppender {
        final Appender values;
        final java.util.Set<String> seen = new java.util.HashSet<>();

        MapAppender(String name, DataType type, Appender keys, Appender values) {
            super(name, type, keys);
            this.values = values;
        }

        @Override
        void value(JsonParser parser, JsonToken token, JsonDecoder decoder) throws IOException {
            if (token != JsonToken.START_OBJECT) {
                throw mismatch(parser, token, decoder, "an object");
            }
            seen.clear();
            JsonToken field;
            while ((field = parser.nextToken()) != JsonToken.END_OBJECT) {
                if (field == null) {
                    throw decoder.error(parser, name, "the input ends inside an object", null);
                }
                String key = parser.currentName();
                if (!seen.add(key)) {
                    throw decoder.error(parser, name, "the object has key \"" + key + "\" twice; a map's keys are distinct",
                            null);
                }
                entries.value(parser, JsonToken.VALUE_STRING, decoder); // the field's name, read as a string is
                JsonToken value = parser.nextToken();
                if (value == null) {
                    throw decoder.error(parser, name, "the input ends inside an object", null);
                }
                if (value == JsonToken.VALUE_NULL) {
                    values.appendNull();
                } else {
                    values.value(parser, value, decoder);
                }
            }
            next();
            present();
        }

        @Override
        Vector build() {
            return new dev.floe.frame.column.MapVector(type, offsets, entries.build(), values.build(), 0, length,
                    validity());
        }

        @Override
        Appender fresh() {
            return new MapAppender(name, type, entries.fresh(), values.fresh());
        }
    }

    // ---- text ------------------------------------------------------------------------------

    private int utf8Length;

    /** The current string token as UTF-8 in a scratch array ({@link #utf8Length} bytes), no {@code String} made. */
    byte[] utf8(JsonParser parser) throws IOException {
        char[] chars = parser.getTextCharacters();
        int from = parser.getTextOffset();
        int count = parser.getTextLength();
        byte[] out = scratch[0];
        if (out.length < count * 3) {
            out = scratch[0] = new byte[Math.max(count * 3, out.length * 2)];
        }
        int n = 0;
        for (int i = from, end = from + count; i < end; i++) {
            char c = chars[i];
            if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xC0 | c >> 6);
                out[n++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                int cp = Character.toCodePoint(c, chars[++i]);
                out[n++] = (byte) (0xF0 | cp >> 18);
                out[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | cp & 0x3F);
            } else {
                if (Character.isSurrogate(c)) {
                    c = '\uFFFD'; // a lone surrogate (an escaped \\ud800 alone) has no UTF-8 form
                }
                out[n++] = (byte) (0xE0 | c >> 12);
                out[n++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | c & 0x3F);
            }
        }
        utf8Length = n;
        return out;
    }
}
