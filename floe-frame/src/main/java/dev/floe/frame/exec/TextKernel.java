package dev.floe.frame.exec;

import dev.floe.FloeException;
import dev.floe.frame.DataType;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.Re2Patterns;
import dev.floe.frame.expr.Regex;
import dev.floe.frame.expr.ScalarFunction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Padding, searching, splitting, reversing, repeating and regular expressions over UTF-8 values,
 * as DuckDB computes them: lengths and positions count code points, {@code reverse} keeps
 * grapheme clusters whole. A null value gives null; the parameters are constants.
 */
final class TextKernel {
    private TextKernel() {}

    static boolean handles(ScalarFunction function) {
        return switch (function) {
            case STR_PAD, STR_POSITION, SPLIT_PART, STR_REVERSE, STR_REPEAT, STR_TRANSLATE, REGEX_MATCHES,
                    REGEX_REPLACE, REGEX_EXTRACT, REGEX_SPLIT, REGEX_EXTRACT_ALL -> true;
            default -> false;
        };
    }

    static Vector apply(ScalarFunction function, List<Object> parameters, Utf8Vector text) {
        int rows = text.length();
        byte[] data = text.data();
        switch (function) {
            case STR_POSITION -> {
                byte[] pattern = ((String) parameters.get(0)).getBytes(StandardCharsets.UTF_8);
                long[] out = new long[rows];
                for (int i = 0; i < rows; i++) {
                    if (text.isNull(i)) {
                        continue;
                    }
                    int start = text.start(i);
                    int at = FunctionKernel.indexOf(data, start, start + text.byteLength(i), pattern);
                    out[i] = at < 0 ? 0 : codePoints(data, start, at) + 1;
                }
                return Kernels.fromLongs(DataType.INT64, out, rows, text.validity());
            }
            case REGEX_MATCHES -> {
                Regex.Matching matching = Re2Patterns.compile((String) parameters.get(0), (Boolean) parameters.get(1))
                        .matching(false);
                byte[] out = new byte[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = !text.isNull(i) && matching.find(string(text, i)) ? (byte) 1 : 0;
                }
                return Kernels.booleans(out, rows, text.validity());
            }
            case REGEX_SPLIT -> {
                return regexSplit(Re2Patterns.compile((String) parameters.get(0), (Boolean) parameters.get(1)), text);
            }
            case REGEX_EXTRACT_ALL -> {
                return regexExtractAll(Re2Patterns.compile((String) parameters.get(0), (Boolean) parameters.get(1)),
                        ((Number) parameters.get(2)).intValue(), text);
            }
            default -> {
                Transform transform = transform(function, parameters);
                Utf8Vector.Builder out = new Utf8Vector.Builder(rows, data.length);
                for (int i = 0; i < rows; i++) {
                    if (text.isNull(i)) {
                        out.appendNull();
                    } else {
                        transform.apply(data, text.start(i), text.byteLength(i), out);
                    }
                }
                return out.build();
            }
        }
    }

    private interface Transform {
        void apply(byte[] data, int start, int length, Utf8Vector.Builder out);
    }

    private static Transform transform(ScalarFunction function, List<Object> parameters) {
        return switch (function) {
            case STR_PAD -> {
                int length = ((Number) parameters.get(0)).intValue();
                String fill = (String) parameters.get(1);
                boolean left = (Boolean) parameters.get(2);
                int[] fillPoints = fill.codePoints().toArray();
                yield (data, start, byteLength, out) -> {
                    int end = start + byteLength;
                    int chars = codePoints(data, start, end);
                    if (length <= 0) {
                        out.append(data, start, 0);
                    } else if (chars >= length) {
                        out.append(data, start, byteOfChar(data, start, end, length) - start);
                    } else {
                        if (fillPoints.length == 0) {
                            throw new FloeException("Insufficient padding in " + (left ? "LPAD" : "RPAD")
                                    + ": the fill text is empty");
                        }
                        StringBuilder padding = new StringBuilder();
                        for (int k = 0; k < length - chars; k++) {
                            padding.appendCodePoint(fillPoints[k % fillPoints.length]);
                        }
                        String value = new String(data, start, byteLength, StandardCharsets.UTF_8);
                        out.append(left ? padding + value : value + padding);
                    }
                };
            }
            case SPLIT_PART -> {
                byte[] separator = ((String) parameters.get(0)).getBytes(StandardCharsets.UTF_8);
                int index = ((Number) parameters.get(1)).intValue();
                yield (data, start, byteLength, out) -> {
                    int end = start + byteLength;
                    List<int[]> parts = new java.util.ArrayList<>();
                    if (separator.length == 0) {
                        for (int b = start; b < end; ) {
                            int next = b + 1;
                            while (next < end && (data[next] & 0xC0) == 0x80) {
                                next++;
                            }
                            parts.add(new int[] {b, next});
                            b = next;
                        }
                    } else {
                        int from = start;
                        int at;
                        while ((at = FunctionKernel.indexOf(data, from, end, separator)) >= 0) {
                            parts.add(new int[] {from, at});
                            from = at + separator.length;
                        }
                        parts.add(new int[] {from, end});
                    }
                    int position = index > 0 ? index - 1 : index < 0 ? parts.size() + index : -1;
                    if (position < 0 || position >= parts.size()) {
                        out.append(data, start, 0);
                    } else {
                        int[] part = parts.get(position);
                        out.append(data, part[0], part[1] - part[0]);
                    }
                };
            }
            case STR_TRANSLATE -> {
                // each character of from to the one at its place in to, or to nothing (-1) past to's end; a
                // character repeated in from takes its first place. Looked up in from's characters, sorted
                int[] from = ((String) parameters.get(0)).codePoints().toArray();
                int[] to = ((String) parameters.get(1)).codePoints().toArray();
                java.util.TreeMap<Integer, Integer> first = new java.util.TreeMap<>();
                for (int k = 0; k < from.length; k++) {
                    first.putIfAbsent(from[k], k < to.length ? to[k] : -1);
                }
                int[] keys = first.keySet().stream().mapToInt(Integer::intValue).toArray();
                int[] mapped = first.values().stream().mapToInt(Integer::intValue).toArray();
                yield (data, start, byteLength, out) -> {
                    String value = new String(data, start, byteLength, StandardCharsets.UTF_8);
                    StringBuilder result = new StringBuilder(value.length());
                    for (int at = 0; at < value.length(); ) {
                        int c = value.codePointAt(at);
                        at += Character.charCount(c);
                        int k = java.util.Arrays.binarySearch(keys, c);
                        if (k < 0) {
                            result.appendCodePoint(c);
                        } else if (mapped[k] >= 0) {
                            result.appendCodePoint(mapped[k]);
                        }
                    }
                    out.append(result.toString());
                };
            }
            case STR_REVERSE -> (data, start, byteLength, out) -> {
                boolean ascii = true;
                for (int b = start; b < start + byteLength && ascii; b++) {
                    ascii = data[b] >= 0;
                }
                byte[] reversed = new byte[byteLength];
                if (ascii) {
                    for (int b = 0; b < byteLength; b++) {
                        reversed[b] = data[start + byteLength - 1 - b];
                    }
                    out.append(reversed, 0, byteLength);
                    return;
                }
                String value = new String(data, start, byteLength, StandardCharsets.UTF_8);
                java.text.BreakIterator clusters = java.text.BreakIterator.getCharacterInstance(java.util.Locale.ROOT);
                clusters.setText(value);
                StringBuilder result = new StringBuilder(value.length());
                int last = clusters.last();
                for (int first = clusters.previous(); first != java.text.BreakIterator.DONE;
                        last = first, first = clusters.previous()) {
                    result.append(value, first, last);
                }
                out.append(result.toString());
            };
            case STR_REPEAT -> {
                int times = ((Number) parameters.get(0)).intValue();
                yield (data, start, byteLength, out) -> {
                    if (times <= 0 || byteLength == 0) {
                        out.append(data, start, 0);
                        return;
                    }
                    long total = (long) times * byteLength;
                    if (total > Integer.MAX_VALUE - 16) {
                        throw new FloeException("repeat would make text of " + total + " bytes, more than a value "
                                + "can hold");
                    }
                    byte[] result = new byte[(int) total];
                    for (int k = 0; k < times; k++) {
                        System.arraycopy(data, start, result, k * byteLength, byteLength);
                    }
                    out.append(result, 0, result.length);
                };
            }
            case REGEX_REPLACE -> {
                Regex regex = Re2Patterns.compile((String) parameters.get(0), (Boolean) parameters.get(1));
                List<Object> pieces = Re2Patterns.replacement((String) parameters.get(2), regex.groupCount());
                boolean global = (Boolean) parameters.get(3);
                Regex.Matching matching = regex.matching(true);
                Regex.Reader<String> replace = (value, matcher) -> replaced(value, matcher, pieces, global);
                yield (data, start, byteLength, out) ->
                        out.append(matching.read(new String(data, start, byteLength, StandardCharsets.UTF_8), replace));
            }
            case REGEX_EXTRACT -> {
                Regex regex = Re2Patterns.compile((String) parameters.get(0), (Boolean) parameters.get(1));
                int group = ((Number) parameters.get(2)).intValue();
                int groups = regex.groupCount();
                Regex.Matching matching = regex.matching(true);
                Regex.Reader<String> extract = (value, matcher) -> group <= groups && matcher.find()
                        ? matcher.group(group) : null;
                yield (data, start, byteLength, out) -> {
                    String captured = matching.read(new String(data, start, byteLength, StandardCharsets.UTF_8), extract);
                    out.append(captured == null ? "" : captured);
                };
            }
            default -> throw new IllegalArgumentException(function + " is not a text transformation");
        };
    }

    /**
     * {@code value} with its first match (every match when {@code global}) replaced, as RE2
     * replaces: no empty match right where the last match ended, and the search goes on a code
     * point (not half of one) after an empty match.
     */
    private static String replaced(String value, Regex.Match matcher, List<Object> pieces, boolean global) {
        StringBuilder result = new StringBuilder(value.length());
        int from = 0; // where the text not yet copied begins
        int searchAt = 0;
        int lastEnd = -1;
        int length = value.length();
        while (searchAt <= length && matcher.find(searchAt)) {
            int matchStart = matcher.start();
            int matchEnd = matcher.end();
            if (matchStart == matchEnd && matchStart == lastEnd) {
                if (matchStart >= length) {
                    break;
                }
                searchAt = value.offsetByCodePoints(matchStart, 1);
                continue;
            }
            result.append(value, from, matchStart);
            for (Object piece : pieces) {
                if (piece instanceof Integer group) {
                    String captured = matcher.group(group);
                    result.append(captured == null ? "" : captured);
                } else {
                    result.append((String) piece);
                }
            }
            from = matchEnd;
            lastEnd = matchEnd;
            if (!global) {
                break;
            }
            if (matchStart == matchEnd) {
                if (matchEnd >= length) {
                    break;
                }
                searchAt = value.offsetByCodePoints(matchEnd, 1);
            } else {
                searchAt = matchEnd;
            }
        }
        return result.append(value, from, length).toString();
    }

    /**
     * Each value's matches, group {@code group} of each (null where the group took no part), as
     * DuckDB's {@code regexp_extract_all}: the matches do not overlap; anchors and word boundaries
     * see the whole value; an empty match may follow a match and the search goes on a code point
     * after an empty match.
     */
    private static Vector regexExtractAll(Regex regex, int group, Utf8Vector text) {
        List<String> matches = new java.util.ArrayList<>();
        Regex.Reader<List<String>> all = (value, matcher) -> {
            matches.clear(); // read again from the start where the first matcher gave up
            int from = 0;
            int end = value.length();
            while (matcher.find(from)) {
                matches.add(matcher.group(group));
                from = matcher.end();
                if (matcher.start() == from) {
                    if (from == end) {
                        break;
                    }
                    from = value.offsetByCodePoints(from, 1);
                }
            }
            return matches;
        };
        return listPerValue(text, regex.matching(true), all, text.length());
    }

    /** A list of text for each value: what {@code reader} reads from its matches (a null piece a null element). */
    private static Vector listPerValue(Utf8Vector text, Regex.Matching matching, Regex.Reader<List<String>> reader,
            int pieces) {
        int rows = text.length();
        Utf8Vector.Builder elements = new Utf8Vector.Builder(pieces, text.data().length);
        int[] offsets = new int[rows + 1];
        for (int i = 0; i < rows; i++) {
            if (!text.isNull(i)) {
                for (String piece : matching.read(string(text, i), reader)) {
                    if (piece == null) {
                        elements.appendNull();
                    } else {
                        elements.append(piece);
                    }
                }
            }
            offsets[i + 1] = elements.length();
        }
        return new dev.floe.frame.column.ListVector(offsets, elements.build(), 0, rows, text.validity());
    }

    /**
     * Each value split at the pattern's matches. The rest after a match is searched as text of its
     * own (a view of the value), so anchors and word boundaries see its start as text's start; an
     * empty match at the start of the rest ends a part of one code point.
     */
    private static Vector regexSplit(Regex regex, Utf8Vector text) {
        List<String> pieces = new java.util.ArrayList<>();
        Regex.Reader<List<String>> split = (value, matcher) -> {
            pieces.clear(); // read again from the start where the first matcher gave up
            int from = 0;
            int end = value.length();
            while (from < end) {
                matcher.reset(java.nio.CharBuffer.wrap(value, from, end));
                if (!matcher.find()) {
                    break;
                }
                int at = from + matcher.start();
                int matched = matcher.end() - matcher.start();
                if (matched == 0 && at == from) {
                    at = value.offsetByCodePoints(from, 1);
                    if (at == end) {
                        break;
                    }
                }
                pieces.add(value.substring(from, at));
                from = at + matched;
            }
            pieces.add(value.substring(from, end));
            return pieces;
        };
        return listPerValue(text, regex.matching(true), split, text.length() * 2);
    }

    private static String string(Utf8Vector text, int row) {
        return new String(text.data(), text.start(row), text.byteLength(row), StandardCharsets.UTF_8);
    }

    private static int codePoints(byte[] data, int from, int to) {
        int count = 0;
        for (int b = from; b < to; b++) {
            count += (data[b] & 0xC0) != 0x80 ? 1 : 0;
        }
        return count;
    }

    /** The byte where character {@code index} of {@code data[start, end)} begins ({@code end} past the last). */
    private static int byteOfChar(byte[] data, int start, int end, int index) {
        int chars = 0;
        for (int b = start; b < end; b++) {
            if ((data[b] & 0xC0) != 0x80) {
                if (chars == index) {
                    return b;
                }
                chars++;
            }
        }
        return end;
    }
}
