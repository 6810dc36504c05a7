package dev.floe.frame.exec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A SQL LIKE pattern compiled for matching UTF-8 bytes in place: {@code %} matches any run of
 * characters, {@code _} one character (however many bytes it takes), anything else itself. The
 * match walks the text once, going back only to just after the last {@code %} when a literal
 * fails, so it takes linear time for patterns with one {@code %} run and never recurses. Case
 * folding (ILIKE) folds ASCII letters in place; text with other letters is folded whole first.
 */
final class LikePattern {
    private static final byte LITERAL = 0;
    private static final byte ONE = 1;
    private static final byte ANY = 2;

    private final byte[] bytes;
    private final byte[] kinds;
    private final boolean ignoreCase;

    /**
     * For a case-sensitive pattern of literal runs between {@code %}s (no {@code _}): the runs, and
     * whether the first is tied to the text's start and the last to its end; else null. Such a
     * pattern is matched by finding each run after the previous one, leftmost first (which is
     * exact: a run found later leaves less room for the rest, never more), a plain search for
     * bytes; UTF-8 lets a run be found at a byte, as a run begins with a character's first byte.
     */
    private final byte[][] runs;
    private final boolean anchoredStart;
    private final boolean anchoredEnd;

    private LikePattern(byte[] bytes, byte[] kinds, boolean ignoreCase) {
        this.bytes = bytes;
        this.kinds = kinds;
        this.ignoreCase = ignoreCase;
        boolean simple = !ignoreCase;
        java.util.List<byte[]> found = new java.util.ArrayList<>();
        int runStart = -1;
        for (int p = 0; p <= kinds.length; p++) {
            byte kind = p < kinds.length ? kinds[p] : ANY;
            simple &= kind != ONE;
            if (kind == LITERAL && runStart < 0) {
                runStart = p;
            } else if (kind != LITERAL && runStart >= 0) {
                found.add(java.util.Arrays.copyOfRange(bytes, runStart, p));
                runStart = -1;
            }
        }
        this.runs = simple ? found.toArray(byte[][]::new) : null;
        this.anchoredStart = kinds.length == 0 || kinds[0] == LITERAL;
        this.anchoredEnd = kinds.length == 0 || kinds[kinds.length - 1] == LITERAL;
    }

    static LikePattern compile(String pattern, boolean ignoreCase, String escape) {
        if (escape != null && escape.length() != 1) {
            throw new IllegalArgumentException("a LIKE escape is one character, got \"" + escape + "\"");
        }
        String text = ignoreCase ? CaseMapping.lower(pattern) : pattern;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteArrayOutputStream kinds = new ByteArrayOutputStream();
        boolean afterAny = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (escape != null && c == escape.charAt(0)) {
                if (i >= text.length()) {
                    throw new IllegalArgumentException("the LIKE pattern \"" + pattern + "\" ends with its escape character");
                }
                c = text.codePointAt(i);
                i += Character.charCount(c);
            } else if (c == '%') {
                if (!afterAny) { // %% matches what % does
                    bytes.write(0);
                    kinds.write(ANY);
                    afterAny = true;
                }
                continue;
            } else if (c == '_') {
                bytes.write(0);
                kinds.write(ONE);
                afterAny = false;
                continue;
            }
            afterAny = false;
            byte[] utf8 = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
            for (byte b : utf8) {
                bytes.write(b);
                kinds.write(LITERAL);
            }
        }
        return new LikePattern(bytes.toByteArray(), kinds.toByteArray(), ignoreCase);
    }

    boolean matches(byte[] data, int start, int end) {
        if (ignoreCase) {
            for (int b = start; b < end; b++) {
                if (data[b] < 0) {
                    // non-ASCII text: fold it whole, then match the folded bytes
                    byte[] folded = CaseMapping.lower(new String(data, start, end - start, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
                    return match(folded, 0, folded.length);
                }
            }
        }
        return runs != null ? matchRuns(data, start, end) : match(data, start, end);
    }

    private boolean matchRuns(byte[] data, int start, int end) {
        int first = 0;
        int last = runs.length - 1;
        if (anchoredStart && anchoredEnd && (runs.length == 0 || kinds.length == runs[0].length)) {
            // no % at all: the text is the pattern
            byte[] only = runs.length == 0 ? new byte[0] : runs[0];
            return java.util.Arrays.equals(data, start, end, only, 0, only.length);
        }
        int s = start;
        int e = end;
        if (anchoredStart) {
            byte[] run = runs[first++];
            if (e - s < run.length || !java.util.Arrays.equals(data, s, s + run.length, run, 0, run.length)) {
                return false;
            }
            s += run.length;
        }
        if (anchoredEnd) {
            byte[] run = runs[last--];
            if (e - s < run.length || !java.util.Arrays.equals(data, e - run.length, e, run, 0, run.length)) {
                return false;
            }
            e -= run.length;
        }
        for (int k = first; k <= last; k++) {
            int at = indexOf(data, s, e, runs[k]);
            if (at < 0) {
                return false;
            }
            s = at + runs[k].length;
        }
        return true;
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * Where {@code run} first begins in {@code data[from, to)}, or -1. A place is compared whole
     * only where its first and last bytes are the run's, and those are found eight places at a
     * time: the eight bytes from a place and the eight from {@code length - 1} further, each
     * compared with the run's first (last) byte in one long (a byte equal to it becomes zero, and
     * {@code (x - 0x01..) & ~x & 0x80..} sets the high bit of every zero byte, and perhaps of a
     * byte just above one, so each place it marks is checked), the marked places tried in order.
     */
    static int indexOf(byte[] data, int from, int to, byte[] run) {
        int length = run.length;
        byte head = run[0];
        int end = length - 1;
        byte tail = run[end];
        int last = to - length; // the last place the run can begin
        long heads = (head & 0xFFL) * ONES;
        long tails = (tail & 0xFFL) * ONES;
        int i = from;
        for (; i <= last - 7; i += 8) {
            long a = (long) LONGS.get(data, i) ^ heads;
            long b = (long) LONGS.get(data, i + end) ^ tails;
            long marked = (a - ONES) & ~a & (b - ONES) & ~b & HIGHS;
            while (marked != 0) {
                int at = i + (Long.numberOfTrailingZeros(marked) >>> 3);
                if (data[at] == head && data[at + end] == tail
                        && (length <= 2 || java.util.Arrays.equals(data, at + 1, at + end, run, 1, end))) {
                    return at;
                }
                marked &= marked - 1;
            }
        }
        for (; i <= last; i++) {
            if (data[i] == head && data[i + end] == tail
                    && (length <= 2 || java.util.Arrays.equals(data, i + 1, i + end, run, 1, end))) {
                return i;
            }
        }
        return -1;
    }

    private boolean match(byte[] data, int start, int end) {
        int m = kinds.length;
        int p = 0;
        int s = start;
        int starP = -1;
        int starS = -1;
        while (s < end) {
            if (p < m && kinds[p] == LITERAL && same(bytes[p], data[s])) {
                p++;
                s++;
            } else if (p < m && kinds[p] == ONE) {
                s = nextChar(data, s, end);
                p++;
            } else if (p < m && kinds[p] == ANY) {
                starP = p++;
                starS = s;
            } else if (starP >= 0) {
                p = starP + 1;
                starS = nextChar(data, starS, end);
                s = starS;
            } else {
                return false;
            }
        }
        while (p < m && kinds[p] == ANY) {
            p++;
        }
        return p == m;
    }

    private boolean same(byte pattern, byte text) {
        if (pattern == text) {
            return true;
        }
        return ignoreCase && text >= 'A' && text <= 'Z' && text + 32 == pattern;
    }

    private static int nextChar(byte[] data, int at, int end) {
        int next = at + 1;
        while (next < end && (data[next] & 0xC0) == 0x80) {
            next++;
        }
        return next;
    }
}
