package dev.floe.frame.column;

import java.util.HashMap;
import java.util.Map;

/**
 * The distinct strings of a categorical column, each with its code (its position). Codes are
 * what grouping and joining work on. Immutable; {@link Builder} grows one, keeping the codes of
 * the values it already has.
 */
public final class Dictionary {
    private final Utf8Vector values;
    private final Map<String, Integer> codes;

    private Dictionary(Utf8Vector values, Map<String, Integer> codes) {
        this.values = values;
        this.codes = codes;
    }

    public int size() {
        return values.length();
    }

    /** The string of code {@code code}. */
    public String value(int code) {
        return values.getString(code);
    }

    /** The code of {@code value}, or -1 if it is not in the dictionary. */
    public int code(String value) {
        Integer code = codes.get(value);
        return code == null ? -1 : code;
    }

    /** The strings, in code order. */
    public Utf8Vector values() {
        return values;
    }

    long retainedSizeInBytes() {
        return values.retainedSizeInBytes() + 48L * codes.size();
    }

    /** Collects distinct strings, giving each a code in order of first appearance. Not thread-safe. */
    public static final class Builder {
        private final Utf8Vector.Builder values = new Utf8Vector.Builder(16, 128);
        private final Map<String, Integer> codes = new HashMap<>();

        /** The code of {@code value}, adding it if new. */
        public int codeOf(String value) {
            Integer code = codes.get(value);
            if (code == null) {
                code = codes.size();
                codes.put(value, code);
                values.append(value);
            }
            return code;
        }

        public Dictionary build() {
            return new Dictionary(values.build(), Map.copyOf(codes));
        }
    }
}
