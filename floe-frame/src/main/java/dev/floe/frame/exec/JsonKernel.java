package dev.floe.frame.exec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.floe.frame.DataType;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.ListVector;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.JsonPath;
import dev.floe.frame.expr.ScalarFunction;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON functions of text values: each row's text read as one JSON document (strict JSON but
 * for trailing commas, as DuckDB reads it; text that is not fails naming the row, but for {@code
 * json.valid}; NaN and infinities, which DuckDB takes, and documents past the parser's limits of
 * nesting and number length are refused by name), the value at a {@link JsonPath}
 * found, and that value given back as DuckDB's JSON functions give it: written minified, numbers
 * as DuckDB writes them (integers as written, {@code -0} as {@code 0}; other numbers as the
 * shortest text that reads back as the same double, plain from 1e-6 to below 1e21 with at least
 * one decimal, else as {@code 1.5e-7}; integers and other numbers too large for 64 bits as
 * written), text with {@code "}, {@code \} and control characters escaped and nothing else.
 */
final class JsonKernel {
    /** Strict JSON, but for trailing commas, which DuckDB's reader takes too ({@code [1,]} is {@code [1]}). */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_TRAILING_COMMA).build();
    private static final BigInteger UNSIGNED_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private JsonKernel() {
    }

    static Vector apply(ScalarFunction function, List<Object> parameters, Vector input, DataType type, long firstRow,
            String expression) {
        Utf8Vector texts = FunctionKernel.utf8(input);
        int rows = texts.length();
        JsonPath path = function == ScalarFunction.JSON_VALID ? null : JsonPath.parse((String) parameters.get(0));
        Reader reader = new Reader(texts.data(), expression);
        switch (function) {
            case JSON_VALID -> {
                byte[] out = new byte[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = !texts.isNull(i) && reader.valid(texts.start(i), texts.byteLength(i), firstRow + i) ? (byte) 1 : 0;
                }
                return new ByteVector(DataType.BOOLEAN, out, texts.validity());
            }
            case JSON_EXTRACT, JSON_EXTRACT_STRING, JSON_TYPE -> {
                Utf8Vector.Builder out = new Utf8Vector.Builder(rows, rows * 8);
                for (int i = 0; i < rows; i++) {
                    if (texts.isNull(i)) {
                        out.appendNull();
                        continue;
                    }
                    JsonParser parser = reader.find(texts.start(i), texts.byteLength(i), path, firstRow + i);
                    try {
                        if (parser == null || function == ScalarFunction.JSON_EXTRACT_STRING
                                && parser.currentToken() == JsonToken.VALUE_NULL) {
                            out.appendNull();
                        } else if (function == ScalarFunction.JSON_TYPE) {
                            out.append(typeName(parser));
                        } else if (function == ScalarFunction.JSON_EXTRACT_STRING
                                && parser.currentToken() == JsonToken.VALUE_STRING) {
                            out.append(parser.getText());
                        } else {
                            reader.text.setLength(0);
                            write(parser, reader.text);
                            out.append(reader.text.toString());
                        }
                        if (parser != null) {
                            reader.finish(parser, firstRow + i);
                        }
                    } catch (IOException e) {
                        throw reader.malformed(e, firstRow + i);
                    }
                }
                return out.build();
            }
            case JSON_ARRAY_LENGTH, JSON_EXISTS -> {
                long[] lengths = new long[rows];
                byte[] found = new byte[rows];
                for (int i = 0; i < rows; i++) {
                    if (texts.isNull(i)) {
                        continue;
                    }
                    JsonParser parser = reader.find(texts.start(i), texts.byteLength(i), path, firstRow + i);
                    if (parser == null) {
                        continue;
                    }
                    found[i] = 1;
                    try {
                        if (function == ScalarFunction.JSON_ARRAY_LENGTH && parser.currentToken() == JsonToken.START_ARRAY) {
                            long n = 0;
                            while (parser.nextToken() != JsonToken.END_ARRAY) {
                                parser.skipChildren();
                                n++;
                            }
                            lengths[i] = n;
                        } else {
                            parser.skipChildren();
                        }
                        reader.finish(parser, firstRow + i);
                    } catch (IOException e) {
                        throw reader.malformed(e, firstRow + i);
                    }
                }
                if (function == ScalarFunction.JSON_EXISTS) {
                    return new ByteVector(DataType.BOOLEAN, found, texts.validity());
                }
                // NULL where the text is, or the path leads nowhere
                return new LongVector(DataType.INT64, lengths, present(found));
            }
            case JSON_KEYS -> {
                int[] offsets = new int[rows + 1];
                Utf8Vector.Builder keys = new Utf8Vector.Builder(rows, rows * 8);
                byte[] valid = new byte[rows];
                for (int i = 0; i < rows; i++) {
                    offsets[i] = keys.length();
                    if (texts.isNull(i)) {
                        continue;
                    }
                    JsonParser parser = reader.find(texts.start(i), texts.byteLength(i), path, firstRow + i);
                    if (parser == null) {
                        continue;
                    }
                    valid[i] = 1;
                    try {
                        if (parser.currentToken() == JsonToken.START_OBJECT) {
                            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                keys.append(parser.currentName());
                                parser.nextToken();
                                parser.skipChildren();
                            }
                        } else {
                            parser.skipChildren();
                        }
                        reader.finish(parser, firstRow + i);
                    } catch (IOException e) {
                        throw reader.malformed(e, firstRow + i);
                    }
                }
                offsets[rows] = keys.length();
                return new ListVector(offsets, keys.build(), 0, rows, present(valid));
            }
            default -> throw new IllegalArgumentException("not a JSON function: " + function);
        }
    }

    /** The validity of values whose byte in {@code present} is 1. */
    private static dev.floe.frame.column.Validity present(byte[] present) {
        long[] bits = new long[(present.length + 63) >>> 6];
        for (int i = 0; i < present.length; i++) {
            bits[i >>> 6] |= (long) present[i] << i;
        }
        return dev.floe.frame.column.Validity.of(bits, present.length);
    }

    /** DuckDB's name of the type of the value at the parser's current token. */
    private static String typeName(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> "OBJECT";
            case START_ARRAY -> "ARRAY";
            case VALUE_STRING -> "VARCHAR";
            case VALUE_TRUE, VALUE_FALSE -> "BOOLEAN";
            case VALUE_NULL -> "NULL";
            case VALUE_NUMBER_INT -> {
                String text = parser.getText();
                if (text.startsWith("-")) {
                    yield parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? "DOUBLE" : "BIGINT";
                }
                yield parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                        || parser.getBigIntegerValue().compareTo(UNSIGNED_MAX) <= 0 ? "UBIGINT" : "DOUBLE";
            }
            case VALUE_NUMBER_FLOAT -> "DOUBLE";
            default -> throw new IllegalStateException("not a value: " + parser.currentToken());
        };
    }

    /** The value at the parser's current token, minified, into {@code out}; the parser left on its last token. */
    static void write(JsonParser parser, StringBuilder out) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                out.append('{');
                boolean first = true;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    quote(parser.currentName(), out);
                    out.append(':');
                    parser.nextToken();
                    write(parser, out);
                }
                out.append('}');
            }
            case START_ARRAY -> {
                out.append('[');
                boolean first = true;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(parser, out);
                }
                out.append(']');
            }
            case VALUE_STRING -> quote(parser.getText(), out);
            case VALUE_TRUE -> out.append("true");
            case VALUE_FALSE -> out.append("false");
            case VALUE_NULL -> out.append("null");
            case VALUE_NUMBER_INT -> {
                String text = parser.getText();
                out.append(text.equals("-0") ? "0" : text);
            }
            case VALUE_NUMBER_FLOAT -> {
                String text = parser.getText();
                double value = Double.parseDouble(text);
                if (Double.isInfinite(value)) {
                    out.append(text); // too large for a double: as written, as DuckDB keeps it
                } else {
                    number(value, out);
                }
            }
            default -> throw new IllegalStateException("not a value: " + token);
        }
    }

    /** {@code value} as DuckDB's JSON writes a double: the shortest text that reads back as it. */
    static void number(double value, StringBuilder out) {
        if (value == 0) {
            out.append(Double.doubleToRawLongBits(value) < 0 ? "-0.0" : "0.0");
            return;
        }
        if (value < 0) {
            out.append('-');
            value = -value;
        }
        String shortest = Double.toString(value);
        int e = shortest.indexOf('E');
        String mantissa = e < 0 ? shortest : shortest.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(shortest.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int point = dot + exponent; // where the decimal point stands after that many digits
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits = digits.substring(lead);
        point -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(0, end);
        if (digits.length() == 2) {
            // Double.toString writes two digits where one would do but two come closer; the shortest wins
            // the nearer one-digit decimal first: it wins where both read back as the value
            int nearer = digits.charAt(1) >= '5' ? 1 : 0;
            for (int k = 0; k <= 1; k++) {
                int one = digits.charAt(0) - '0' + (k == 0 ? nearer : 1 - nearer);
                String candidate = one == 10 ? "1" : String.valueOf(one);
                int candidatePoint = one == 10 ? point + 1 : point;
                if (Double.parseDouble(candidate + "e" + (candidatePoint - 1)) == value) {
                    digits = candidate;
                    point = candidatePoint;
                    break;
                }
            }
        }
        int scientific = point - 1;
        if (scientific >= -6 && scientific <= 20) {
            if (point <= 0) {
                out.append("0.").repeat('0', -point).append(digits);
            } else if (point >= digits.length()) {
                out.append(digits).repeat('0', point - digits.length()).append(".0");
            } else {
                out.append(digits, 0, point).append('.').append(digits, point, digits.length());
            }
        } else {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(scientific);
        }
    }

    /** {@code text} quoted as JSON writes it, for messages. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder();
        quote(text, out);
        return out.toString();
    }

    /** {@code text} in double quotes, {@code "}, {@code \} and control characters escaped. */
    static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                                .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Reads the documents of one column's bytes. */
    private static final class Reader {
        private final byte[] data;
        private final String expression;
        final StringBuilder text = new StringBuilder();
        private int start;
        private int length;

        Reader(byte[] data, String expression) {
            this.data = data;
            this.expression = expression;
        }

        boolean valid(int start, int length, long row) {
            this.start = start;
            this.length = length;
            if (bytesProblem() != null) {
                return false;
            }
            try (JsonParser parser = FACTORY.createParser(data, start, length)) {
                if (parser.nextToken() == null) {
                    return false;
                }
                parser.skipChildren();
                if (parser.nextToken() != null) {
                    return false;
                }
            } catch (IOException e) {
                refuseUnsupported(e, row);
                return false;
            }
            return loneSurrogate() == null;
        }

        /**
         * What makes the document's bytes no JSON before a parser reads them (a NUL byte, a byte order
         * mark, bytes a parser would take for UTF-16 or UTF-32), or null; in the same pass, whether
         * it escapes a surrogate (for {@link #loneSurrogate}).
         */
        private String bytesProblem() {
            if (length > 0) {
                int first = data[start] & 0xFF;
                if (first == 0xEF || first == 0xFE || first == 0xFF) {
                    return "a byte order mark or a byte that starts no UTF-8 character, at byte 0";
                }
            }
            surrogateEscape = false;
            for (int i = start, end = start + length; i < end; i++) {
                byte b = data[i];
                if (b == 0) {
                    return "a NUL byte, at byte " + (i - start);
                }
                // \uD800 to \uDFFF: loneSurrogate looks closer
                surrogateEscape |= b == '\\' && i + 3 < end && data[i + 1] == 'u' && (data[i + 2] | 0x20) == 'd'
                        && "89abcdefABCDEF".indexOf(data[i + 3]) >= 0;
            }
            return null;
        }

        /** Whether the document {@link #bytesProblem} last read escapes a surrogate. */
        private boolean surrogateEscape;

        /** Where the document escapes a surrogate that no other completes ({@code "\ud800"}), which is no text; or null. */
        private String loneSurrogate() {
            if (!surrogateEscape) {
                return null;
            }
            try (JsonParser parser = FACTORY.createParser(data, start, length)) {
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                        String text = token == JsonToken.FIELD_NAME ? parser.currentName() : parser.getText();
                        for (int c = 0; c < text.length(); c++) {
                            char ch = text.charAt(c);
                            if (Character.isHighSurrogate(ch) && c + 1 < text.length()
                                    && Character.isLowSurrogate(text.charAt(c + 1))) {
                                c++;
                            } else if (Character.isSurrogate(ch)) {
                                return "a lone surrogate escape in the text " + JsonKernel.quoted(text) + ", at byte "
                                        + parser.currentTokenLocation().getByteOffset();
                            }
                        }
                    }
                }
                return null;
            } catch (IOException e) {
                return null; // the reader that follows names it
            }
        }

        /**
         * Refuses by name what DuckDB reads but Floe does not: NaN and infinities (which DuckDB takes in
         * any case) and documents past the parser's limits; returns where {@code e} is plain malformed JSON.
         */
        private void refuseUnsupported(IOException e, long row) {
            if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException limit) {
                throw new dev.floe.FloeException("JSON past the reader's limits (row " + row + "): "
                        + limit.getOriginalMessage() + ", in expression " + expression, e);
            }
            if (nonFinite()) {
                throw new dev.floe.FloeException("JSON numbers NaN and Infinity are not supported (row " + row + "): "
                        + excerpt() + ", in expression " + expression, e);
            }
        }

        /** Whether the document holds, outside its strings, a word NaN, Inf or Infinity (in any case, signed or not). */
        private boolean nonFinite() {
            boolean inString = false;
            for (int i = start, end = start + length; i < end; i++) {
                byte b = data[i];
                if (inString) {
                    if (b == '\\') {
                        i++;
                    } else if (b == '"') {
                        inString = false;
                    }
                    continue;
                }
                if (b == '"') {
                    inString = true;
                    continue;
                }
                if (Character.isLetter(b) && (i == start || !Character.isLetterOrDigit(data[i - 1]))) {
                    int j = i;
                    while (j < end && Character.isLetter(data[j])) {
                        j++;
                    }
                    String word = new String(data, i, j - i, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
                    if (word.equals("nan") || word.equals("inf") || word.equals("infinity")) {
                        return true;
                    }
                    i = j - 1;
                }
            }
            return false;
        }

        /**
         * The parser on the first token of the value at {@code path} in the document at {@code start};
         * null where the path leads nowhere. The document is read to its end (here where the path leads
         * nowhere, by {@link #finish} after the value is read), so a malformed one fails either way.
         */
        JsonParser find(int start, int length, JsonPath path, long row) {
            this.start = start;
            this.length = length;
            String problem = bytesProblem();
            if (problem == null) {
                problem = loneSurrogate();
            }
            if (problem != null) {
                throw new dev.floe.FloeException("malformed JSON (row " + row + "): " + problem + " of " + excerpt()
                        + ", in expression " + expression);
            }
            try {
                JsonParser parser = FACTORY.createParser(data, start, length);
                if (parser.nextToken() == null) {
                    parser.close();
                    throw new dev.floe.FloeException("malformed JSON (row " + row + "): the text is empty, in expression "
                            + expression);
                }
                for (Object step : path.steps()) {
                    if (!step(parser, step)) {
                        finish(parser, row);
                        return null;
                    }
                }
                return parser;
            } catch (IOException e) {
                throw malformed(e, row);
            }
        }

        /** Moves into the value {@code step} names; false (and the parser anywhere) where there is none. */
        private boolean step(JsonParser parser, Object step) throws IOException {
            JsonToken token = parser.currentToken();
            String key = step instanceof String s ? s : step instanceof JsonPath.PointerStep p ? p.key() : null;
            if (token == JsonToken.START_OBJECT && key != null) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean match = key.equals(parser.currentName());
                    parser.nextToken();
                    if (match) {
                        return true;
                    }
                    parser.skipChildren();
                }
                return false;
            }
            long index;
            if (step instanceof JsonPath.Index at) {
                index = at.position();
                if (at.fromEnd()) {
                    long size = elements(parser);
                    index = size - at.position();
                    if (index < 0) {
                        return false;
                    }
                }
            } else if (step instanceof JsonPath.PointerStep p && p.index() >= 0) {
                index = p.index();
            } else {
                return false;
            }
            if (token != JsonToken.START_ARRAY) {
                return false;
            }
            for (long i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
                if (i == index) {
                    return true;
                }
                parser.skipChildren();
            }
            return false;
        }

        /** How many elements the array at the parser's token holds, counted by a second parser (-1 if no array). */
        private long elements(JsonParser parser) throws IOException {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                return -1;
            }
            int at = (int) parser.currentTokenLocation().getByteOffset();
            try (JsonParser counter = FACTORY.createParser(data, start + at, length - at)) {
                counter.nextToken();
                long n = 0;
                while (counter.nextToken() != JsonToken.END_ARRAY) {
                    counter.skipChildren();
                    n++;
                }
                return n;
            }
        }

        /**
         * Reads the rest of the document after the value the parser stands on (read or not), failing
         * where it is malformed or more follows it, and closes the parser.
         */
        void finish(JsonParser parser, long row) {
            try (parser) {
                parser.skipChildren();
                while (!parser.getParsingContext().inRoot()) {
                    if (parser.nextToken() == null) {
                        throw new dev.floe.FloeException("malformed JSON (row " + row + "): it ends inside an object or "
                                + "array, in " + excerpt() + ", in expression " + expression);
                    }
                }
                if (parser.nextToken() != null) {
                    throw new dev.floe.FloeException("malformed JSON (row " + row + "): more after the document, at byte "
                            + parser.currentTokenLocation().getByteOffset() + " of " + excerpt() + ", in expression "
                            + expression);
                }
            } catch (IOException e) {
                throw malformed(e, row);
            }
        }

        dev.floe.FloeException malformed(IOException e, long row) {
            refuseUnsupported(e, row);
            String reason = (e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage())
                    .replaceAll("\\[Source: REDACTED [^;]*; ", "["); // the parser's location says no source
            long at = e instanceof JsonProcessingException p && p.getLocation() != null ? p.getLocation().getByteOffset() : -1;
            return new dev.floe.FloeException("malformed JSON (row " + row + "): " + reason
                    + (at >= 0 ? ", at byte " + at : "") + " of " + excerpt() + ", in expression " + expression, e);
        }

        private String excerpt() {
            String whole = new String(data, start, Math.min(length, 200), StandardCharsets.UTF_8);
            return "'" + whole + (length > 200 ? "...'" : "'");
        }
    }
}
