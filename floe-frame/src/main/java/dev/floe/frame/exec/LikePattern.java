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

    private LikePattern(byte[] bytes, byte[] kinds, boolean ignoreCase) {
        this.bytes = bytes;
        this.kinds = kinds;
        this.ignoreCase = ignoreCase;
    }

    static LikePattern compile(String pattern, boolean ignoreCase, String escape) {
        if (escape != null && escape.length() != 1) {
            throw new IllegalArgumentException("a LIKE escape is one character, got \"" + escape + "\"");
        }
        String text = ignoreCase ? pattern.toLowerCase(java.util.Locale.ROOT) : pattern;
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
                    byte[] folded = new String(data, start, end - start, StandardCharsets.UTF_8)
                            .toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
                    return match(folded, 0, folded.length);
                }
            }
        }
        return match(data, start, end);
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
