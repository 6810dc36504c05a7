package dev.floe.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Values of query results written as the spec files write them, and compared as they are meant:
 * {@code NULL} for null, {@code (empty)} for the empty string, integers in full, floating point
 * in Java's shortest round-trip form and equal within a relative 1e-9, decimals in their digits
 * to their scale ({@code 1.50}: exactly, the scale too), booleans as
 * {@code true}/{@code false}, dates as {@code yyyy-mm-dd}.
 */
final class SpecValues {
    static final double TOLERANCE = 1e-9;

    private SpecValues() {}

    /**
     * {@code value} written for a column of type {@code letter}. A value of another kind (text
     * where a number is expected, a fraction in an integer column) is written so that it cannot
     * equal an expected value, saying what it is.
     */
    static String format(Object value, char letter) {
        if (value == null) {
            return "NULL";
        }
        return switch (letter) {
            case 'I' -> switch (value) {
                case Byte b -> b.toString();
                case Short s -> s.toString();
                case Integer i -> i.toString();
                case Long l -> l.toString();
                case BigInteger b -> b.toString();
                case BigDecimal d when d.stripTrailingZeros().scale() <= 0 -> d.toBigIntegerExact().toString();
                default -> mismatch(value, "an integer");
            };
            case 'R' -> switch (value) {
                case Double d -> Double.toString(d);
                case Float f -> Double.toString(f.doubleValue());
                case BigDecimal d -> Double.toString(d.doubleValue());
                default -> mismatch(value, "a floating-point number");
            };
            case 'N' -> value instanceof BigDecimal d ? d.toPlainString() : mismatch(value, "a decimal");
            // DuckDB's JSON values are text, which its driver hands over as JsonNode
            case 'T' -> value instanceof String || value instanceof org.duckdb.JsonNode
                    ? (value.toString().isEmpty() ? "(empty)" : value.toString()) : mismatch(value, "text");
            case 'B' -> value instanceof Boolean b ? b.toString() : mismatch(value, "a boolean");
            case 'D' -> switch (value) {
                case LocalDate d -> d.toString();
                case java.sql.Date d -> d.toLocalDate().toString();
                default -> mismatch(value, "a date");
            };
            default -> throw new IllegalArgumentException("unknown type letter '" + letter + "'");
        };
    }

    private static String mismatch(Object value, String expected) {
        return "<" + value.getClass().getSimpleName() + " " + value + ", not " + expected + ">";
    }

    /** Whether an actual value, as written, matches the expected one for a column of type {@code letter}. */
    static boolean matches(String expected, String actual, char letter) {
        if (expected.equals(actual)) {
            return true;
        }
        if (letter != 'R' || expected.equals("NULL") || actual.equals("NULL")) {
            return false;
        }
        try {
            double e = Double.parseDouble(expected);
            double a = Double.parseDouble(actual);
            if (Double.isNaN(e) || Double.isNaN(a) || Double.isInfinite(e) || Double.isInfinite(a)) {
                return e == a || (Double.isNaN(e) && Double.isNaN(a));
            }
            return Math.abs(e - a) <= TOLERANCE * Math.max(Math.abs(e), Math.abs(a))
                    || Math.abs(e - a) <= Double.MIN_NORMAL;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    /** Rows formatted under {@code types}. */
    static List<List<String>> format(List<List<Object>> rows, String types) {
        List<List<String>> formatted = new ArrayList<>();
        for (List<Object> row : rows) {
            List<String> values = new ArrayList<>();
            for (int c = 0; c < row.size(); c++) {
                values.add(c < types.length() ? format(row.get(c), types.charAt(c)) : String.valueOf(row.get(c)));
            }
            formatted.add(values);
        }
        return formatted;
    }

    /** The rows in a fixed order, for comparing as multisets: numbers by value, then text. */
    static List<List<String>> sorted(List<List<String>> rows, String types) {
        List<List<String>> copy = new ArrayList<>(rows);
        copy.sort(rowOrder(types));
        return copy;
    }

    private static Comparator<List<String>> rowOrder(String types) {
        return (a, b) -> {
            for (int c = 0; c < Math.min(a.size(), b.size()); c++) {
                int order = compareValue(a.get(c), b.get(c), c < types.length() ? types.charAt(c) : 'T');
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(a.size(), b.size());
        };
    }

    private static int compareValue(String a, String b, char letter) {
        if (letter == 'I' || letter == 'R' || letter == 'N') {
            try {
                return new BigDecimal(a).compareTo(new BigDecimal(b));
            } catch (NumberFormatException notNumbers) {
                // NULL or a mismatch: fall through to text order, which puts them after digits
            }
        }
        return a.compareTo(b);
    }

    /** Whether two lists of formatted rows match, row by row and value by value. */
    static boolean matches(List<List<String>> expected, List<List<String>> actual, String types) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int r = 0; r < expected.size(); r++) {
            List<String> e = expected.get(r);
            List<String> a = actual.get(r);
            if (e.size() != a.size()) {
                return false;
            }
            for (int c = 0; c < e.size(); c++) {
                if (!matches(e.get(c), a.get(c), c < types.length() ? types.charAt(c) : 'T')) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Rows as the spec files write them: tab-separated, one a line. */
    static String text(List<List<String>> rows) {
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            text.append(String.join("\t", row)).append('\n');
        }
        return text.toString();
    }
}
