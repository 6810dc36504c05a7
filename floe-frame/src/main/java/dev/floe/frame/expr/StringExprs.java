package dev.floe.frame.expr;

import java.util.List;
import java.util.Objects;

/**
 * The text functions of an expression: {@code col("name").str().upper()}. They work on
 * {@code str} and {@code cat} values (for a categorical, once per distinct value), by Unicode
 * characters, and give null for a null value. Patterns are plain text, not regular expressions.
 */
public final class StringExprs {
    private final Expr input;

    StringExprs(Expr input) {
        this.input = input;
    }

    /** The number of characters (code points). */
    public Expr len() {
        return call(ScalarFunction.STR_LEN);
    }

    /** The MD5 digest of the value's UTF-8 bytes, in lower-case hexadecimal (32 characters). */
    public Expr md5() {
        return call(ScalarFunction.STR_DIGEST, "MD5");
    }

    /** The SHA-256 digest of the value's UTF-8 bytes, in lower-case hexadecimal (64 characters). */
    public Expr sha256() {
        return call(ScalarFunction.STR_DIGEST, "SHA-256");
    }

    /** The SHA-1 digest of the value's UTF-8 bytes, in lower-case hexadecimal (40 characters). */
    public Expr sha1() {
        return call(ScalarFunction.STR_DIGEST, "SHA-1");
    }

    /** The code point of the first character ({@code i32}), 0 for the empty text (SQL's {@code ascii}). */
    public Expr firstCodePoint() {
        return call(ScalarFunction.FIRST_CODE_POINT);
    }

    /**
     * The Levenshtein distance to {@code other} (a text or an expression): the fewest insertions,
     * deletions and substitutions of one character that make this text the other, an {@code i64}.
     * By characters (code points), as Python's distance libraries count; DuckDB counts bytes.
     */
    public Expr levenshtein(Object other) {
        return distance(TextMeasure.LEVENSHTEIN, other);
    }

    /** As {@link #levenshtein}, with the swap of two adjacent characters as one edit too (unrestricted). */
    public Expr damerauLevenshtein(Object other) {
        return distance(TextMeasure.DAMERAU_LEVENSHTEIN, other);
    }

    /** How many positions hold different characters; texts of different lengths fail. An {@code i64}. */
    public Expr hamming(Object other) {
        return distance(TextMeasure.HAMMING, other);
    }

    /**
     * The characters both texts hold over the characters either holds, as sets, an {@code f64} from 0
     * to 1; 0 where one text is empty, and two empty texts fail (it has no value).
     */
    public Expr jaccard(Object other) {
        return distance(TextMeasure.JACCARD, other);
    }

    /** The Jaro similarity, an {@code f64} from 0 (nothing in common, or an empty text) to 1 (equal). */
    public Expr jaroSimilarity(Object other) {
        return distance(TextMeasure.JARO, other);
    }

    /**
     * The Jaro-Winkler similarity: the Jaro similarity, where above 0.7 raised by 0.1 of what is
     * left of 1 for each character of a common prefix of up to 4.
     */
    public Expr jaroWinklerSimilarity(Object other) {
        return distance(TextMeasure.JARO_WINKLER, other);
    }

    private Expr distance(TextMeasure measure, Object other) {
        return new MultiCall(ScalarFunction.TEXT_DISTANCE, List.of(input, Exprs.wrap(other)),
                List.of(measure.displayName()));
    }

    /** The length of the value's UTF-8 text in bytes (Polars' {@code len_bytes}). */
    public Expr lenBytes() {
        return call(ScalarFunction.STR_LEN_BYTES);
    }

    /**
     * Whether the text matches SQL LIKE {@code pattern}: {@code %} any run of characters,
     * {@code _} one character, everything else itself.
     */
    public Expr like(String pattern) {
        return new Call(ScalarFunction.LIKE, input, java.util.Arrays.asList(pattern, false, null));
    }

    /** {@link #like} ignoring case (ILIKE). */
    public Expr ilike(String pattern) {
        return new Call(ScalarFunction.LIKE, input, java.util.Arrays.asList(pattern, true, null));
    }

    /** {@link #like} with {@code escape} making the next {@code %}, {@code _} or escape stand for itself. */
    public Expr like(String pattern, boolean ignoreCase, Character escape) {
        if (escape != null) {
            int trailing = 0;
            for (int i = pattern.length() - 1; i >= 0 && pattern.charAt(i) == escape; i--) {
                trailing++;
            }
            if (trailing % 2 == 1) {
                throw new IllegalArgumentException("the LIKE pattern '" + pattern + "' ends with its escape character '"
                        + escape + "', which must be followed by %, _ or itself");
            }
        }
        return new Call(ScalarFunction.LIKE, input, java.util.Arrays.asList(pattern, ignoreCase,
                escape == null ? null : String.valueOf(escape)));
    }

    /** This text followed by {@code other}'s; null where either is null. */
    public Expr concat(Object other) {
        return new Binary(BinaryOperator.CONCAT, input, other instanceof Expr e ? e : Exprs.lit(other));
    }

    public Expr upper() {
        return call(ScalarFunction.UPPER);
    }

    public Expr lower() {
        return call(ScalarFunction.LOWER);
    }

    /** Whether {@code pattern} occurs in the value. */
    public Expr contains(String pattern) {
        return call(ScalarFunction.CONTAINS, Objects.requireNonNull(pattern, "pattern is null"));
    }

    public Expr startsWith(String prefix) {
        return call(ScalarFunction.STARTS_WITH, Objects.requireNonNull(prefix, "prefix is null"));
    }

    public Expr endsWith(String suffix) {
        return call(ScalarFunction.ENDS_WITH, Objects.requireNonNull(suffix, "suffix is null"));
    }

    /** {@code length} characters from character {@code offset} (negative: from the end), clipped to the value. */
    public Expr slice(int offset, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be at least 0, got " + length);
        }
        return call(ScalarFunction.STR_SLICE, offset, length);
    }

    /**
     * The first {@code n} characters (all of a shorter value); for a negative {@code n}, all but
     * the last {@code -n}, as Polars' {@code str.head} and SQL's {@code left}.
     */
    public Expr head(int n) {
        return call(ScalarFunction.STR_HEAD, n);
    }

    /**
     * The last {@code n} characters (all of a shorter value); for a negative {@code n}, all but
     * the first {@code -n}, as Polars' {@code str.tail} and SQL's {@code right}.
     */
    public Expr tail(int n) {
        return call(ScalarFunction.STR_TAIL, n);
    }

    /** Every occurrence of {@code pattern} replaced by {@code replacement}. */
    public Expr replace(String pattern, String replacement) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("the pattern to replace must not be empty");
        }
        return call(ScalarFunction.REPLACE, pattern, Objects.requireNonNull(replacement, "replacement is null"));
    }

    /** The value without leading and trailing white space. */
    public Expr strip() {
        return call(ScalarFunction.STRIP);
    }

    /** The value without the leading and trailing characters that {@code characters} holds (Polars' {@code strip_chars}). */
    public Expr strip(String characters) {
        return call(ScalarFunction.STRIP, STRIP_BOTH, Objects.requireNonNull(characters, "characters is null"));
    }

    /** The value without leading white space. */
    public Expr stripStart() {
        return call(ScalarFunction.STRIP, STRIP_START);
    }

    /** The value without the leading characters that {@code characters} holds. */
    public Expr stripStart(String characters) {
        return call(ScalarFunction.STRIP, STRIP_START, Objects.requireNonNull(characters, "characters is null"));
    }

    /** The value without trailing white space. */
    public Expr stripEnd() {
        return call(ScalarFunction.STRIP, STRIP_END);
    }

    /** The value without the trailing characters that {@code characters} holds. */
    public Expr stripEnd(String characters) {
        return call(ScalarFunction.STRIP, STRIP_END, Objects.requireNonNull(characters, "characters is null"));
    }

    /** {@link ScalarFunction#STRIP}'s first parameter: which ends it strips. */
    public static final String STRIP_BOTH = "both";
    public static final String STRIP_START = "start";
    public static final String STRIP_END = "end";

    /** The part before the first {@code separator} (the whole value when there is none). */
    public Expr splitFirst(String separator) {
        if (separator == null || separator.isEmpty()) {
            throw new IllegalArgumentException("the separator must not be empty");
        }
        return call(ScalarFunction.SPLIT_FIRST, separator);
    }

    /** The parts between each {@code separator}, as a list of text: {@code "a,b,,c"} gives {@code ["a", "b", "", "c"]}. */
    public Expr split(String separator) {
        if (separator == null || separator.isEmpty()) {
            throw new IllegalArgumentException("the separator must not be empty");
        }
        return call(ScalarFunction.STR_SPLIT, separator);
    }

    /**
     * Padded on the left with {@code fill}, repeated, to {@code length} characters; a longer value
     * keeps its first {@code length} characters, and a length of 0 or less gives empty text (as
     * SQL's {@code lpad}). Padding with an empty fill fails when it runs.
     */
    public Expr padStart(int length, String fill) {
        return call(ScalarFunction.STR_PAD, length, Objects.requireNonNull(fill, "fill is null"), true);
    }

    /** {@link #padStart} on the right (SQL's {@code rpad}). */
    public Expr padEnd(int length, String fill) {
        return call(ScalarFunction.STR_PAD, length, Objects.requireNonNull(fill, "fill is null"), false);
    }

    /**
     * Where {@code text} first begins, in characters from 1 (SQL's {@code strpos}); 0 where it does
     * not occur, 1 for empty text: an {@code i64}.
     */
    public Expr find(String text) {
        return call(ScalarFunction.STR_POSITION, Objects.requireNonNull(text, "text is null"));
    }

    /**
     * Part {@code index} between the separators, from 1, or from the end when negative; empty
     * text where there is no such part (and for 0). An empty separator splits into characters.
     * As SQL's {@code split_part}.
     */
    public Expr splitPart(String separator, int index) {
        return call(ScalarFunction.SPLIT_PART, Objects.requireNonNull(separator, "separator is null"), index);
    }

    /** The characters in reverse order; a character made of several code points (é as e and an accent, a flag) is kept whole. */
    public Expr reverse() {
        return call(ScalarFunction.STR_REVERSE);
    }

    /**
     * Each character of the value that {@code from} holds replaced by the character at the same
     * place in {@code to}, or left out where {@code to} is shorter, as SQL's {@code translate}:
     * {@code "abcabc"} with {@code "ab"} and {@code "x"} gives {@code "xcxc"}.
     */
    public Expr translate(String from, String to) {
        return call(ScalarFunction.STR_TRANSLATE, Objects.requireNonNull(from, "from is null"),
                Objects.requireNonNull(to, "to is null"));
    }

    /** The value {@code times} times; empty text for 0 or less. */
    public Expr repeat(int times) {
        return call(ScalarFunction.STR_REPEAT, times);
    }

    /**
     * Whether the regular expression matches somewhere in the value. Patterns are RE2's, as
     * DuckDB's, and match in time linear in the text (see {@link Re2Patterns}).
     */
    public Expr regexMatches(String pattern, boolean ignoreCase) {
        Re2Patterns.compile(Objects.requireNonNull(pattern, "pattern is null"), ignoreCase);
        return call(ScalarFunction.REGEX_MATCHES, pattern, ignoreCase);
    }

    /**
     * The first match (every match when {@code global}) replaced: {@code \1} in the replacement
     * is the first group's text, {@code \0} the match's, {@code \\} a backslash.
     */
    public Expr regexReplace(String pattern, String replacement, boolean global, boolean ignoreCase) {
        Regex compiled = Re2Patterns.compile(Objects.requireNonNull(pattern, "pattern is null"),
                ignoreCase);
        Re2Patterns.replacement(Objects.requireNonNull(replacement, "replacement is null"), compiled.groupCount());
        return call(ScalarFunction.REGEX_REPLACE, pattern, ignoreCase, replacement, global);
    }

    /** The text group {@code group} (0: the whole match) of the first match holds; empty text where nothing matches. */
    public Expr regexExtract(String pattern, int group, boolean ignoreCase) {
        Re2Patterns.compile(Objects.requireNonNull(pattern, "pattern is null"), ignoreCase);
        if (group < 0) {
            throw new IllegalArgumentException("the group must be 0 or more, got " + group);
        }
        return call(ScalarFunction.REGEX_EXTRACT, pattern, ignoreCase, group);
    }

    /**
     * Every match of a regular expression, as a list of text, as DuckDB's {@code
     * regexp_extract_all}: group {@code group} of each (0: the whole match; null where the group
     * took no part in the match). Matches do not overlap; anchors see the whole value; after an
     * empty match the search goes on one character further: {@code "a1b22"} with {@code "[0-9]+"}
     * gives {@code ["1", "22"]}.
     *
     * @throws IllegalArgumentException if the pattern has fewer than {@code group} groups
     */
    public Expr regexExtractAll(String pattern, int group, boolean ignoreCase) {
        int groups = Re2Patterns.compile(Objects.requireNonNull(pattern, "pattern is null"), ignoreCase).groupCount();
        if (group < 0 || group > groups) {
            throw new IllegalArgumentException("the pattern has " + groups + (groups == 1 ? " group" : " groups")
                    + ", so there is no group " + group);
        }
        return call(ScalarFunction.REGEX_EXTRACT_ALL, pattern, ignoreCase, group);
    }

    /**
     * The parts between the matches of a regular expression, as a list of text, as DuckDB's
     * {@code regexp_split_to_array}: {@code "a1b22c"} split by {@code "[0-9]+"} gives {@code ["a",
     * "b", "c"]}. After each match the rest of the value is searched as text of its own ({@code ^}
     * and {@code \b} see its start), and an empty match at its start splits off one character
     * (so {@code ""} splits into characters).
     */
    public Expr regexSplit(String pattern, boolean ignoreCase) {
        Re2Patterns.compile(Objects.requireNonNull(pattern, "pattern is null"), ignoreCase);
        return call(ScalarFunction.REGEX_SPLIT, pattern, ignoreCase);
    }

    /**
     * The text read as a datetime by a {@code strptime} format, as DuckDB's {@code strptime}:
     * {@code col("s").str().toDatetime("%d/%m/%Y %H:%M")}. The codes are {@code %Y %y %m %d %j %H
     * %I %M %S %f %g %p %b %B %a %A %c %x %X %%} (and {@code %-} before {@code y m d j H I M S});
     * any other is refused here. Text the format does not read fails the query, naming it; see
     * {@link #toDatetime(boolean, String...)} for null instead.
     */
    public Expr toDatetime(String format) {
        return toDatetime(true, format);
    }

    /**
     * The text read as a datetime by the first of {@code formats} that reads it; where none does,
     * the query fails ({@code strict}) or the value is null (DuckDB's {@code try_strptime}).
     */
    public Expr toDatetime(boolean strict, String... formats) {
        if (formats.length == 0) {
            throw new IllegalArgumentException("toDatetime needs at least one format");
        }
        List<Object> parameters = new java.util.ArrayList<>();
        parameters.add(strict);
        for (String format : formats) {
            DateParseFormat.compile(Objects.requireNonNull(format, "format is null"));
            parameters.add(format);
        }
        return new Call(ScalarFunction.STRPTIME, input, parameters);
    }

    private Expr call(ScalarFunction function, Object... parameters) {
        return new Call(function, input, List.of(parameters));
    }
}
