package dev.floe.pool;

import java.util.Arrays;

/** Short, readable descriptions of task inputs for error messages. */
final class Describe {
    private static final int MAX_LENGTH = 80;

    private Describe() {}

    /** The value as a person would read it, arrays included, cut to a readable length. */
    static String value(Object value) {
        String text;
        try {
            text = switch (value) {
                case null -> "null";
                case int[] a -> Arrays.toString(a);
                case long[] a -> Arrays.toString(a);
                case double[] a -> Arrays.toString(a);
                case float[] a -> Arrays.toString(a);
                case short[] a -> Arrays.toString(a);
                case byte[] a -> Arrays.toString(a);
                case char[] a -> Arrays.toString(a);
                case boolean[] a -> Arrays.toString(a);
                case Object[] a -> Arrays.deepToString(a);
                case String s -> '"' + s + '"';
                default -> String.valueOf(value);
            };
        } catch (RuntimeException e) {
            text = value.getClass().getName() + " (toString() failed: " + e + ")";
        }
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
    }
}
