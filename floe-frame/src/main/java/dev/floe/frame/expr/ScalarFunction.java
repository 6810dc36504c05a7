package dev.floe.frame.expr;

/** The row-wise functions of {@link Call}: math, text and date parts. */
public enum ScalarFunction {
    SQRT("sqrt"),
    EXP("exp"),
    LOG("log"),
    LOG10("log10"),
    SIN("sin"),
    COS("cos"),
    FLOOR("floor"),
    CEIL("ceil"),
    /** Round half away from zero to {@code decimals} places. */
    ROUND("round"),
    /** Values below {@code min} become {@code min}, above {@code max} become {@code max}. */
    CLIP("clip"),
    /** Whether the value is one of a list of literals; null for a null value. */
    IS_IN("is_in"),
    STR_LEN("str.len_chars"),
    UPPER("str.to_uppercase"),
    LOWER("str.to_lowercase"),
    CONTAINS("str.contains"),
    STARTS_WITH("str.starts_with"),
    ENDS_WITH("str.ends_with"),
    STR_SLICE("str.slice"),
    REPLACE("str.replace_all"),
    STRIP("str.strip_chars"),
    SPLIT_FIRST("str.split_first"),
    YEAR("dt.year"),
    MONTH("dt.month"),
    DAY("dt.day"),
    HOUR("dt.hour");

    private final String displayName;

    ScalarFunction(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
