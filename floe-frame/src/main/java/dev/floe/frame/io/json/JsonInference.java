package dev.floe.frame.io.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.io.csv.CsvValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of JSON objects, from the first rows: one column per key, in the order keys first
 * appear; a nested object's keys become columns {@code outer.inner} (flattened); arrays
 * become list columns, arrays of arrays lists of lists, and objects inside arrays structs (their
 * fields the keys they hold, in the order first seen, each typed as a column is). A key's type is
 * the one its values share: {@code bool}, {@code i64} (i128 past 64 bits; text inside arrays),
 * {@code f64} (integers and fractions), {@code date} or {@code datetime[μs]} (strings that all read
 * as ISO dates or datetimes, as in CSV), else {@code str}. Values of different kinds (a number and a
 * string, a scalar and an object, at any depth) make a {@code str} column holding each value's JSON
 * text; a key that is only ever null is {@code str}.
 */
final class JsonInference {
    private final CsvValues values = new CsvValues();

    /** What the values of one key have been. */
    private static final class Seen {
        boolean bools;
        boolean ints;
        boolean hugeInts;
        boolean floats;
        boolean strings;
        boolean dates = true;
        boolean datetimes = true;
        boolean objects;
        boolean arrays;
        Seen elements;
        Map<String, Seen> keys;

        boolean scalars() {
            return bools || ints || hugeInts || floats || strings;
        }
    }

    private final Map<String, Seen> root = new LinkedHashMap<>();

    /**
     * Reads up to {@code rows} objects the parser gives (root objects one after another, or those
     * of a root array) into what the columns have held so far.
     *
     * @return how many objects were read
     */
    int read(JsonParser parser, int rows, String file) {
        int row = 0;
        try {
            JsonToken token = parser.nextToken();
            boolean inArray = token == JsonToken.START_ARRAY;
            if (inArray) {
                token = parser.nextToken();
            }
            for (; row < rows && token != null && !(inArray && token == JsonToken.END_ARRAY); row++) {
                if (token != JsonToken.START_OBJECT) {
                    throw new JsonReadException(file, parser.currentTokenLocation().getLineNr(),
                            parser.currentTokenLocation().getColumnNr(), null, "found "
                                    + JsonDecoder.describe(parser, token) + ", expected an object ({...}) per row", null);
                }
                object(parser, root, true);
                token = parser.nextToken();
            }
        } catch (JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation() != null ? e.getLocation()
                    : parser.currentLocation();
            throw new JsonReadException(file, at.getLineNr(), at.getColumnNr(), null, "malformed JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return row;
    }

    /** The columns of the objects read. */
    Schema schema() {
        List<Schema.Field> fields = new java.util.ArrayList<>();
        for (Map.Entry<String, Seen> key : root.entrySet()) {
            fields(List.of(key.getKey()), key.getValue(), fields, new java.util.ArrayList<>());
        }
        return Schema.of(fields);
    }

    /**
     * The keys leading to each column of {@link #schema()}, by its name: a column {@code a.b} is key
     * {@code b} inside key {@code a}, or the one key {@code "a.b"}, as the objects had it.
     */
    Map<String, List<String>> paths() {
        List<Schema.Field> fields = new java.util.ArrayList<>();
        List<List<String>> paths = new java.util.ArrayList<>();
        for (Map.Entry<String, Seen> key : root.entrySet()) {
            fields(List.of(key.getKey()), key.getValue(), fields, paths);
        }
        Map<String, List<String>> out = new java.util.HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            out.put(fields.get(i).name(), paths.get(i));
        }
        return out;
    }

    /** An object's keys' values; {@code topLevel}: its nested objects are flattened into columns. */
    private void object(JsonParser parser, Map<String, Seen> keys, boolean topLevel) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            Seen seen = keys.computeIfAbsent(parser.currentName(), unused -> new Seen());
            value(parser, parser.nextToken(), seen, topLevel);
        }
    }

    private void value(JsonParser parser, JsonToken token, Seen seen, boolean topLevel) throws IOException {
        switch (token) {
            case VALUE_NULL -> { }
            case VALUE_TRUE, VALUE_FALSE -> seen.bools = true;
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    seen.hugeInts = true;
                } else {
                    seen.ints = true;
                }
            }
            case VALUE_NUMBER_FLOAT -> seen.floats = true;
            case VALUE_STRING -> {
                seen.strings = true;
                if (seen.dates || seen.datetimes) {
                    byte[] utf8 = parser.getText().getBytes(StandardCharsets.UTF_8);
                    boolean date = values.parseDate(utf8, 0, utf8.length);
                    seen.dates &= date;
                    seen.datetimes &= date || values.parseDatetime(utf8, 0, utf8.length);
                }
            }
            case START_OBJECT -> {
                seen.objects = true;
                if (!seen.scalars() && !seen.arrays) {
                    if (seen.keys == null) {
                        seen.keys = new LinkedHashMap<>();
                    }
                    object(parser, seen.keys, topLevel);
                } else {
                    parser.skipChildren();
                }
            }
            case START_ARRAY -> {
                seen.arrays = true;
                if (seen.elements == null) {
                    seen.elements = new Seen();
                }
                JsonToken element;
                while ((element = parser.nextToken()) != JsonToken.END_ARRAY && element != null) {
                    value(parser, element, seen.elements, false);
                }
            }
            default -> throw new IllegalStateException("unexpected token " + token);
        }
    }

    private static boolean mixed(Seen seen) {
        return seen.objects && (seen.scalars() || seen.arrays) || seen.arrays && seen.scalars();
    }

    private static void fields(List<String> path, Seen seen, List<Schema.Field> out, List<List<String>> paths) {
        boolean mixed = mixed(seen);
        if (!mixed && seen.objects && seen.keys != null && !seen.keys.isEmpty()) {
            for (Map.Entry<String, Seen> key : seen.keys.entrySet()) {
                List<String> inner = new java.util.ArrayList<>(path);
                inner.add(key.getKey());
                fields(inner, key.getValue(), out, paths);
            }
            return;
        }
        String name = String.join(".", path);
        DataType type;
        if (mixed || seen.objects) {
            type = DataType.UTF8; // JSON text
        } else if (seen.arrays) {
            DataType list = nested(seen);
            type = list == null ? DataType.UTF8 : list; // kinds mixed inside: each value's JSON text
        } else {
            type = scalar(seen);
        }
        out.add(new Schema.Field(name, type));
        paths.add(List.copyOf(path));
    }

    /**
     * The type of values inside an array (or of an array): a list of its elements' type, a struct of an
     * object's keys, else a scalar (whole numbers past 64 bits as their exact text); null where kinds mix
     * or an object has no keys.
     */
    private static DataType nested(Seen seen) {
        if (mixed(seen)) {
            return null;
        }
        if (seen.arrays) {
            DataType element = nested(seen.elements);
            return element == null ? null : DataType.listOf(element);
        }
        if (seen.objects) {
            if (seen.keys == null || seen.keys.isEmpty()) {
                return null;
            }
            List<Schema.Field> fields = new java.util.ArrayList<>();
            for (Map.Entry<String, Seen> key : seen.keys.entrySet()) {
                DataType type = nested(key.getValue());
                if (type == null) {
                    return null;
                }
                fields.add(new Schema.Field(key.getKey(), type));
            }
            return DataType.structOf(fields);
        }
        DataType type = scalar(seen);
        return type == DataType.INT128 ? DataType.UTF8 : type; // no lists of i128: exact text
    }

    private static DataType scalar(Seen seen) {
        int kinds = (seen.bools ? 1 : 0) + (seen.ints || seen.hugeInts || seen.floats ? 1 : 0) + (seen.strings ? 1 : 0);
        if (kinds != 1) {
            return DataType.UTF8; // nothing but nulls, or kinds mixed: each value's text
        }
        if (seen.bools) {
            return DataType.BOOLEAN;
        }
        if (seen.strings) {
            return seen.dates ? DataType.DATE : seen.datetimes ? DataType.DATETIME : DataType.UTF8;
        }
        return seen.floats ? DataType.FLOAT64 : seen.hugeInts ? DataType.INT128 : DataType.INT64;
    }
}
