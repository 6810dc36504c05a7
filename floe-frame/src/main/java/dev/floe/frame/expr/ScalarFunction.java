package dev.floe.frame.expr;

/** The row-wise functions of {@link Call}: math, text, date parts and list functions. */
public enum ScalarFunction {
    SQRT("sqrt"),
    EXP("exp"),
    LOG("log"),
    LOG10("log10"),
    SIN("sin"),
    COS("cos"),
    TAN("tan"),
    /** The arcsine, in radians; NaN outside [-1, 1]. */
    ARCSIN("arcsin"),
    /** The arccosine, in radians; NaN outside [-1, 1]. */
    ARCCOS("arccos"),
    ARCTAN("arctan"),
    /** The cube root (of negative values too). */
    CBRT("cbrt"),
    FLOOR("floor"),
    CEIL("ceil"),
    /** The value itself, where it is above 0; otherwise "cannot take {@code what} of zero / of a negative number". */
    REQUIRE_POSITIVE("require_positive"),
    /** The value itself, where it is 0 or more; otherwise "cannot take {@code what} of a negative number". */
    REQUIRE_NOT_NEGATIVE("require_not_negative"),
    /**
     * A boolean, itself, once every value is checked: where one is false, the query fails with
     * the message its parameter gives (and the row). For checks SQL makes as it runs, such as a
     * subquery used as a value giving more than one row.
     */
    REQUIRE_TRUE("require_true"),
    /** Round half away from zero to {@code decimals} places. */
    ROUND("round"),
    /** Values below {@code min} become {@code min}, above {@code max} become {@code max}. */
    CLIP("clip"),
    /** Whether a float is NaN (false for every integer). */
    IS_NAN("is_nan"),
    /** Whether the value is one of a list of literals; null for a null value. */
    IS_IN("is_in"),
    STR_LEN("str.len_chars"),
    /** The length in bytes of the value's UTF-8 text. */
    STR_LEN_BYTES("str.len_bytes"),
    /**
     * A digest of the value's UTF-8 bytes in lower-case hexadecimal; the parameter names the
     * algorithm ({@code "MD5"}, {@code "SHA-256"}).
     */
    STR_DIGEST("str.digest"),
    /** The code point of the value's first character ({@code i32}); 0 for the empty text (SQL's {@code ascii}). */
    FIRST_CODE_POINT("str.first_code_point"),
    /** The character of an integer code point; a value that is none (negative, a surrogate, past U+10FFFF) fails (SQL's {@code chr}). */
    CODE_POINT_TEXT("code_point_text"),
    UPPER("str.to_uppercase"),
    LOWER("str.to_lowercase"),
    CONTAINS("str.contains"),
    STARTS_WITH("str.starts_with"),
    ENDS_WITH("str.ends_with"),
    STR_SLICE("str.slice"),
    /** The first {@code n} characters; for a negative {@code n}, all but the last {@code -n}. */
    STR_HEAD("str.head"),
    /** The last {@code n} characters; for a negative {@code n}, all but the first {@code -n}. */
    STR_TAIL("str.tail"),
    REPLACE("str.replace_all"),
    /**
     * The value without leading and trailing characters; parameters (optional): which ends
     * ({@code "both"}, {@code "start"}, {@code "end"}), and the characters to strip (white space
     * where there is none).
     */
    STRIP("str.strip_chars"),
    SPLIT_FIRST("str.split_first"),
    /** Every part between the separators: a list of text. */
    STR_SPLIT("str.split"),
    LIKE("str.like"),
    /**
     * Padded on the left (parameter 2 true) or right with the fill text (parameter 1), repeated,
     * to the length of parameter 0 in characters; a longer value keeps its first characters.
     */
    STR_PAD("str.pad"),
    /** Where the text of the parameter first begins, counted in characters from 1; 0 where it does not occur. */
    STR_POSITION("str.find"),
    /** The part between separators (parameter 0) with a number (parameter 1): from 1, or from the end when negative. */
    SPLIT_PART("str.split_part"),
    /** The characters (grapheme clusters) in reverse order. */
    STR_REVERSE("str.reverse"),
    /** The value repeated (parameter 0) times. */
    STR_REPEAT("str.repeat"),
    /**
     * Each character of the value found in parameter 0 replaced by the character at the same place
     * in parameter 1, or left out where parameter 1 is shorter (SQL's {@code translate}).
     */
    STR_TRANSLATE("str.translate"),
    /** Whether a regular expression (RE2 syntax; parameters: pattern, ignore case) matches somewhere in the value. */
    REGEX_MATCHES("str.regex_matches"),
    /** The first or every (parameter 3) match replaced (parameters: pattern, ignore case, RE2 replacement, global). */
    REGEX_REPLACE("str.regex_replace"),
    /** The text a group (parameter 2) of the first match holds; empty where nothing matches (pattern, ignore case, group). */
    REGEX_EXTRACT("str.regex_extract"),
    /**
     * The parts between the matches of a regular expression, as a list of text (pattern, ignore
     * case): an empty match at a part's start splits off its first character.
     */
    REGEX_SPLIT("str.regex_split"),
    REGEX_EXTRACT_ALL("str.regex_extract_all"),
    YEAR("dt.year"),
    MONTH("dt.month"),
    DAY("dt.day"),
    HOUR("dt.hour"),
    /** 0 to 59. */
    MINUTE("dt.minute"),
    /** 0 to 59. */
    SECOND("dt.second"),
    /** The seconds of the minute in milliseconds, 0 to 59999. */
    MILLISECOND("dt.millisecond"),
    /** The seconds of the minute in microseconds, 0 to 59999999. */
    MICROSECOND("dt.microsecond"),
    /** 1 to 4. */
    QUARTER("dt.quarter"),
    /** 0 (Sunday) to 6 (Saturday). */
    WEEKDAY("dt.weekday"),
    /** 1 (Monday) to 7 (Sunday). */
    ISO_WEEKDAY("dt.iso_weekday"),
    /** 1 to 366. */
    DAY_OF_YEAR("dt.day_of_year"),
    /** The ISO week, 1 to 53: weeks begin on Monday, and week 1 holds the year's first Thursday. */
    ISO_WEEK("dt.iso_week"),
    /** The year the ISO week belongs to. */
    ISO_YEAR("dt.iso_year"),
    /** The year divided by 10, rounded toward zero. */
    DECADE("dt.decade"),
    /** 20 for 1901 to 2000, 1 for years 1 to 100, -1 for years 0 to -99 (1 BC to 100 BC). */
    CENTURY("dt.century"),
    /** 2 for 1001 to 2000, -1 for years 0 to -999. */
    MILLENNIUM("dt.millennium"),
    /** Seconds since 1970-01-01 00:00:00, with the fraction: a float. */
    EPOCH("dt.epoch"),
    /** The value cut down to the start of its unit (parameter 0, a {@link DateUnit}): a datetime. */
    TRUNCATE("dt.truncate"),
    /** The last day of the value's month: a date. */
    MONTH_END("dt.month_end"),
    /** The value as text in a format of {@code %} codes (parameter 0), as DuckDB's {@code strftime}. */
    STRFTIME("dt.strftime"),
    /**
     * Text read as a datetime by {@code strptime} formats, as DuckDB's {@code strptime}: parameter 0
     * says whether text no format reads fails (else it is null), the formats follow, tried in order.
     */
    STRPTIME("str.to_datetime"),
    /**
     * A {@link MultiCall} of a start and an end: the boundaries of a unit (parameter 0) crossed
     * from start to end, as DuckDB's {@code date_diff}.
     */
    DATE_DIFF("dt.diff"),
    /**
     * A {@link MultiCall} of a start and an end: the whole units (parameter 0) from start to end,
     * negative where the end is earlier, as DuckDB's {@code date_sub}.
     */
    DATE_ELAPSED("dt.elapsed"),
    /** A {@link MultiCall} of a year, a month and a day: the date; one that does not exist fails. */
    MAKE_DATE("make_date"),
    /**
     * A {@link MultiCall} of hours (0 to 23), minutes (0 to 59) and seconds (0 to 60, a float,
     * taken to the nearest microsecond): the time of day; one out of range, or past the day, fails.
     */
    MAKE_TIME("make_time"),
    /**
     * A date or datetime moved by a number of calendar months (its parameter; negative moves back),
     * the day of month kept where the month has it, else the month's last day, as SQL's
     * {@code + INTERVAL 'n' MONTH} does: a datetime.
     */
    ADD_MONTHS("dt.add_months"),
    /**
     * A {@link MultiCall} of values of one type: the list of them, one list per row (a null value
     * is a null element; the list itself is never null), as SQL's {@code [a, b, c]}.
     */
    LIST_VALUE("list_value"),
    LIST_LEN("list.len"),
    /** The element at an index (negative: from the end); null when out of range. */
    LIST_GET("list.get"),
    LIST_SUM("list.sum"),
    LIST_MEAN("list.mean"),
    LIST_MIN("list.min"),
    LIST_MAX("list.max"),
    /** Whether the list holds a value equal to the literal. */
    LIST_CONTAINS("list.contains"),
    /**
     * Where the first element equal to the parameter is, from 1 (the first null element where
     * there is no parameter); null where no element is, or the list is null.
     */
    LIST_POSITION("list.position"),
    /** The text elements joined with a separator, nulls left out. */
    LIST_JOIN("list.join"),
    /**
     * A {@link MultiCall} of a list, a start and an end: the elements from the start through the
     * end, counted from 1 and both included, negative from the end, as SQL's {@code l[a:b]}.
     */
    LIST_SLICE("list.slice"),
    /**
     * A {@link MultiCall} of a list, a size and a fill value (or none): the list cut or padded to
     * the size, as DuckDB's {@code list_resize}.
     */
    LIST_RESIZE("list.resize"),
    /** A {@link MultiCall} of a list and a list of places from 1: the elements at those places, as DuckDB's {@code list_select}. */
    LIST_SELECT("list.select"),
    /** The JSON value at a path (parameter: the path) of a text read as JSON, minified, as DuckDB's {@code json_extract}. */
    JSON_EXTRACT("json.extract"),
    /** As {@link #JSON_EXTRACT}, a JSON string given as its text, a JSON null as null ({@code json_extract_string}). */
    JSON_EXTRACT_STRING("json.extract_string"),
    /** The type of the JSON value at a path: OBJECT, ARRAY, VARCHAR, BIGINT, UBIGINT, DOUBLE, BOOLEAN or NULL. */
    JSON_TYPE("json.type"),
    /** How many elements the JSON array at a path holds (0 for another value). */
    JSON_ARRAY_LENGTH("json.array_length"),
    /** The keys of the JSON object at a path, in order (an empty list for another value). */
    JSON_KEYS("json.keys"),
    /** Whether a value exists at a path. */
    JSON_EXISTS("json.exists"),
    /** Whether a text is one JSON document. */
    JSON_VALID("json.valid"),
    /**
     * A {@link MultiCall} of lists of one type: each row's elements of all of them, in order, as
     * DuckDB's {@code list_concat}: a null list adds nothing, so the result is never null.
     */
    LIST_CONCAT("list.concat"),
    /**
     * A {@link MultiCall} of two lists of one type: the first's distinct elements that are not null
     * and that the second holds, in the first's order (DuckDB's is its hash set's), as {@code list_intersect}: null
     * where the first is null, empty where the second is.
     */
    LIST_INTERSECT("list.intersect"),
    /**
     * A {@link MultiCall} of two lists of numbers, as vectors of one length: a measure of the pair
     * (the parameter: {@code inner_product}, {@code negative_inner_product}, {@code cosine_similarity},
     * {@code cosine_distance} or {@code euclidean_distance}), an {@code f64}; null where either list
     * is; lists of other lengths, or a null element, fail naming the row.
     */
    LIST_MEASURE("list.measure"),
    /**
     * Each list's elements in order (parameters: descending, nulls last): numbers by value (NaN
     * the largest), text by code point; the order of equal elements kept.
     */
    LIST_SORT("list.sort"),
    /** Each list's elements in reverse order. */
    LIST_REVERSE("list.reverse"),
    /**
     * A list of lists made one list: each inner list's elements one after another, a null inner
     * list passed over; null where the outer list is null (DuckDB's {@code flatten}).
     */
    LIST_FLATTEN("list.flatten"),
    /** Each list's distinct elements that are not null, in order of first appearance (NaN equals NaN). */
    LIST_DISTINCT("list.distinct"),
    /** How many distinct elements that are not null each list holds ({@code i64}). */
    LIST_N_UNIQUE("list.n_unique"),
    /**
     * A {@link MultiCall} of whole numbers start, stop and step: the list start, start + step, ...
     * up to stop (parameter: whether stop itself is included), an {@code i64} list; empty where
     * the step is 0 or leads away from stop, as DuckDB's {@code range} and {@code generate_series}.
     */
    LIST_RANGE("list.range"),
    /**
     * A {@link MultiCall} of a list of keys and a list of values of one length: per row, the map of
     * each key to the value in its place, as SQL's {@code map(keys, values)}; null where either list
     * is; a null key, a key given twice or lists of other lengths fail naming the row.
     */
    MAP_FROM_LISTS("map.from_lists"),
    /** A map's keys, in order: a list. */
    MAP_KEYS("map.keys"),
    /** A map's values, in their keys' order: a list. */
    MAP_VALUES("map.values"),
    /** How many entries a map holds ({@code i64}). */
    MAP_LEN("map.len"),
    /** A {@link MultiCall} of a map and a key: the key's value; null where the map has no such key. */
    MAP_GET("map.get"),
    /**
     * A {@link MultiCall} of a map and a key: a list of the key's value, empty where the map has no
     * such key (SQL's {@code map_extract} and {@code element_at}).
     */
    MAP_EXTRACT("map.extract"),
    /** A {@link MultiCall} of a map and a key: whether the map has the key. */
    MAP_CONTAINS("map.contains"),
    /**
     * A {@link MultiCall} of a map and a value: whether one of the map's values equals it (null where
     * the map or the value is; a null value in the map matches nothing).
     */
    MAP_CONTAINS_VALUE("map.contains_value"),
    /**
     * A value's sort key: text (of any bytes) whose unsigned byte order is the values' order and whose
     * equality is theirs, for values of one type; what sorts lists of lists, maps and structs.
     */
    SORT_KEY("sort_key"),
    /** A map's entries, in order: a list of structs of {@code key} and {@code value}. */
    MAP_ENTRIES("map.entries"),
    /**
     * A list of structs of two fields made a map, the first field the key and the second the value
     * (SQL's {@code map_from_entries}); null for a null list; a null entry or key, or a key given
     * twice, fails naming the row.
     */
    MAP_FROM_ENTRIES("map.from_entries"),
    /**
     * A {@link MultiCall} of maps of one type: their entries in one map, each key where it first
     * appears with the value of the last map that has it; a null map adds nothing, and only maps
     * that are all null give null (SQL's {@code map_concat}).
     */
    MAP_CONCAT("map.concat"),
    /**
     * A {@link MultiCall} of no inputs: a random {@code f64} in [0, 1) per row, from a generator
     * seeded by the parameter (a {@code long}); never folded to a constant.
     */
    RANDOM("random"),
    /** A {@link MultiCall} of no inputs: a random version-4 UUID per row, as text, seeded by the parameter. */
    UUID("uuid"),
    /**
     * A {@link MultiCall} whose parameter is a {@link PerValue}: a function some of whose inputs
     * are settings (a pattern, a width, a unit) given per row, computed for each distinct tuple of
     * settings by the expression the settings make; null where a setting is.
     */
    PER_VALUE("per_value"),
    /** A {@link MultiCall} of no inputs: the next value of the parameter, a {@link ValueSequence}, per row (i64). */
    NEXTVAL("nextval"),
    /** A {@link MultiCall} of no inputs: the value the parameter, a {@link ValueSequence}, last gave (i64). */
    CURRVAL("currval"),
    /** A struct's field (the parameter: its name); null where the struct is. */
    STRUCT_FIELD("struct.field"),
    /**
     * A {@link MultiCall} of values, one per field (the parameters: the fields' names): the struct of
     * them, one per row (never null itself), as SQL's <code>{'a': x, 'b': y}</code> and Polars' {@code pl.struct}.
     */
    STRUCT_PACK("struct"),
    /** A {@link MultiCall} of y and x: the angle of the point (x, y) in radians, from -pi to pi. */
    ARCTAN2("arctan2"),
    /** A {@link MultiCall} of two integers: their bits and-ed, in their common type. */
    BIT_AND("bit_and"),
    /** A {@link MultiCall} of two integers: their bits or-ed, in their common type. */
    BIT_OR("bit_or"),
    /** A {@link MultiCall} of two integers: their bits xor-ed, in their common type. */
    BIT_XOR("bit_xor"),
    /**
     * A {@link MultiCall} of an integer and a shift: the integer times 2^shift, in their common type; a
     * negative integer or shift, a shift of the type's width or more, and a result the type cannot
     * hold fail, as in DuckDB.
     */
    SHIFT_LEFT("shift_left"),
    /**
     * A {@link MultiCall} of an integer and a shift: its bits moved right in their common type, the sign kept (rounding
     * toward negative infinity); 0 for a negative shift or one of the type's width or more, as in DuckDB.
     */
    SHIFT_RIGHT("shift_right"),
    /** Every bit of an integer flipped, in its type ({@code ~x}, which is {@code -x - 1}). */
    BIT_NOT("bit_not"),
    /** How many bits of an integer's two's complement form are set, in its type's width (an {@code i8}; of an {@code i128}, an {@code i16}). */
    BIT_COUNT("bit_count"),
    /**
     * A {@link MultiCall} of two whole numbers ({@code i8} to {@code i64}): their greatest common
     * divisor, not negative, an {@code i64}; one that {@code i64} cannot hold (2^63) fails.
     */
    GCD("gcd"),
    /**
     * A {@link MultiCall} of two whole numbers ({@code i8} to {@code i64}): their least common
     * multiple, not negative (0 where either is 0), an {@code i64}; one that {@code i64} cannot hold fails.
     */
    LCM("lcm"),
    /**
     * A {@link MultiCall} of two texts: how far apart they are, by characters (code points); the
     * parameter names the measure (see {@link StringExprs#levenshtein}).
     */
    TEXT_DISTANCE("str.distance"),
    /**
     * An integer's two's complement bits (of 64 bits; of 128 for an {@code i128}), or a text's UTF-8
     * bytes, written in base 16 (upper-case) or 2, the parameter: SQL's {@code hex} and {@code bin}.
     */
    TO_BASE("to_base"),
    /**
     * A value written as one conversion of C's printf writes it (the parameter: {@link
     * Printf.Spec#text()}, such as {@code %-8.2f}): SQL's {@code printf}.
     */
    PRINTF("printf");

    private final String displayName;

    ScalarFunction(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
