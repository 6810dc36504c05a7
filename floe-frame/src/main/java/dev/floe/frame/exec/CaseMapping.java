package dev.floe.frame.exec;

/**
 * Upper and lower case as SQL engines map them (DuckDB's {@code upper}, {@code lower} and
 * {@code ILIKE}): code point by code point, each to the one code point of its simple case
 * mapping, so a value keeps its length ({@code upper('ﬁ')} stays {@code ﬁ}, a final sigma is
 * {@code σ}, {@code lower('İ')} is {@code i}). Java's {@code String.toUpperCase} applies the
 * special mappings instead ({@code ß} to {@code SS}); here {@code ß} is {@code ẞ}, as in DuckDB.
 * Static methods only.
 */
final class CaseMapping {
    private CaseMapping() {}

    static String upper(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            out.appendCodePoint(c == 'ß' ? 'ẞ' : Character.toUpperCase(c));
        }
        return out.toString();
    }

    static String lower(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            out.appendCodePoint(Character.toLowerCase(c));
        }
        return out.toString();
    }
}
