package dev.floe.frame.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * A path to one value inside a JSON document, as DuckDB's JSON functions read it: {@code $} for the
 * whole document, then {@code .key}, {@code ."quoted key"}, {@code [n]} (an array's element from 0)
 * and {@code [#-n]} (from the end); or a JSON pointer, {@code /key/0} ({@code ~1} for {@code /},
 * {@code ~0} for {@code ~}; a number there is an index in an array and a key in an object); any
 * other text is one key. Paths that give several values (wildcards, {@code ..}) are refused.
 *
 * @param text the path as written
 * @param steps each step: a {@link String} key, or an {@link Index}
 */
public record JsonPath(String text, List<Object> steps) {
    // the empty path is the whole document; a pointer step whose key is null matches nothing

    /** An array's element: {@code position} from the start (from 0), or from the end where {@code fromEnd} ({@code [#-n]}). */
    public record Index(long position, boolean fromEnd) {
    }

    /** A step of a JSON pointer ({@code /a/0}): a key in an object, an index in an array where it is a number. */
    public record PointerStep(String key, long index) {
    }

    public JsonPath {
        steps = List.copyOf(steps);
    }

    /** The path {@code text}; an {@link IllegalArgumentException} naming the place where it is not a path. */
    public static JsonPath parse(String text) {
        List<Object> steps = new ArrayList<>();
        if (text.isEmpty()) {
            return new JsonPath(text, steps); // as DuckDB: the whole document
        }
        if (text.startsWith("/")) {
            for (String part : text.substring(1).split("/", -1)) {
                if (part.replaceAll("~[01]", "").contains("~")) {
                    // a ~ not followed by 0 or 1 escapes nothing: as DuckDB, the path leads nowhere
                    steps.add(new PointerStep(null, -1));
                    continue;
                }
                String key = part.replace("~1", "/").replace("~0", "~");
                long index = -1;
                if (!key.isEmpty() && key.length() < 19 && key.chars().allMatch(c -> c >= '0' && c <= '9')
                        && (key.length() == 1 || key.charAt(0) != '0')) {
                    index = Long.parseLong(key);
                }
                steps.add(new PointerStep(key, index));
            }
            return new JsonPath(text, steps);
        }
        if (!text.startsWith("$")) {
            steps.add(text);
            return new JsonPath(text, steps);
        }
        int at = 1;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '.') {
                at++;
                if (at < text.length() && text.charAt(at) == '"') {
                    StringBuilder key = new StringBuilder();
                    int i = at + 1;
                    while (i < text.length() && text.charAt(i) != '"') {
                        // as DuckDB: \" and \\ stand for " and \; any other backslash is itself
                        if (text.charAt(i) == '\\' && i + 1 < text.length()
                                && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                            i++;
                        }
                        key.append(text.charAt(i++));
                    }
                    if (i >= text.length()) {
                        throw error(text, at, "a quoted key lacks its closing \"");
                    }
                    if (key.isEmpty()) {
                        throw error(text, at, "an empty quoted key (\"\") is no key");
                    }
                    steps.add(key.toString());
                    at = i + 1;
                    continue;
                }
                int end = at;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                String key = text.substring(at, end);
                if (key.isEmpty()) {
                    throw error(text, at, at < text.length() && text.charAt(at) == '.'
                            ? "'..' (any depth) gives several values, which is not supported" : "a key is missing after '.'");
                }
                if (key.equals("*")) {
                    throw error(text, at, "the wildcard '.*' gives several values, which is not supported");
                }
                steps.add(key);
                at = end;
            } else if (c == '[') {
                int close = text.indexOf(']', at);
                if (close < 0) {
                    throw error(text, at, "an index in [ ] lacks its closing ]");
                }
                String inside = text.substring(at + 1, close);
                if (inside.equals("*")) {
                    throw error(text, at, "the wildcard '[*]' gives several values, which is not supported");
                }
                // [n] from the start; [#-n] and [-n] from the end, where -0 is the first, as DuckDB; [#] past the end
                boolean fromEnd = inside.startsWith("#") || inside.startsWith("-");
                String number = inside.startsWith("#") ? inside.substring(1) : inside;
                long position;
                if (inside.equals("#")) {
                    position = 0;
                } else {
                    if (fromEnd && number.startsWith("-")) {
                        number = number.substring(1);
                    } else if (fromEnd) {
                        throw error(text, at, "an index from the end is written [#-1]");
                    }
                    if (number.isEmpty() || number.length() > 18 || !number.chars().allMatch(d -> d >= '0' && d <= '9')) {
                        throw error(text, at, "an index is a whole number of 0 or more in [ ], or [#-n] from the end");
                    }
                    position = Long.parseLong(number);
                    if (fromEnd && position == 0) {
                        fromEnd = false; // [#-0] and [-0] are the first element, as DuckDB reads them
                    }
                }
                steps.add(new Index(position, fromEnd));
                at = close + 1;
            } else {
                throw error(text, at, "'.' or '[' is expected after " + text.substring(0, at));
            }
        }
        return new JsonPath(text, steps);
    }

    /** The path of an array's element {@code index} from 0, negative from the end (SQL's {@code j -> 1}). */
    public static String indexPath(long index) {
        return index >= 0 ? "$[" + index + "]" : "$[#" + index + "]";
    }

    private static IllegalArgumentException error(String text, int at, String problem) {
        return new IllegalArgumentException("'" + text + "' is not a JSON path: " + problem + " (at character " + (at + 1)
                + ")");
    }
}
