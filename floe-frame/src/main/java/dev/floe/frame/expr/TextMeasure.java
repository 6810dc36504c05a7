package dev.floe.frame.expr;

/**
 * How {@link ScalarFunction#TEXT_DISTANCE} compares two texts; a call's parameter is the measure's
 * name. All work on characters (code points), not bytes.
 */
public enum TextMeasure {
    /** The fewest insertions, deletions and substitutions of one character that make one text the other. */
    LEVENSHTEIN("levenshtein", true),
    /** As {@link #LEVENSHTEIN}, with the swap of two adjacent characters as one edit too (unrestricted). */
    DAMERAU_LEVENSHTEIN("damerau_levenshtein", true),
    /** How many positions hold different characters, for texts of equal length. */
    HAMMING("hamming", true),
    /** The characters both texts hold over the characters either holds, as sets: from 0 to 1. */
    JACCARD("jaccard", false),
    /** The Jaro similarity: from 0 (nothing in common) to 1 (equal). */
    JARO("jaro_similarity", false),
    /** The Jaro similarity raised for a common prefix of up to 4 characters, where it is above 0.7. */
    JARO_WINKLER("jaro_winkler_similarity", false);

    private final String displayName;
    private final boolean counts;

    TextMeasure(String displayName, boolean counts) {
        this.displayName = displayName;
        this.counts = counts;
    }

    public String displayName() {
        return displayName;
    }

    /** Whether the measure counts edits or positions (an {@code i64}) rather than a similarity ({@code f64}). */
    public boolean counts() {
        return counts;
    }

    /** The measure of a name, as a call's parameter holds it. */
    public static TextMeasure of(String name) {
        for (TextMeasure measure : values()) {
            if (measure.displayName.equals(name)) {
                return measure;
            }
        }
        throw new IllegalArgumentException("no text measure " + name);
    }
}
