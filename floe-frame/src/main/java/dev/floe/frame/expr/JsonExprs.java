package dev.floe.frame.expr;

import java.util.List;

/**
 * The JSON functions of a text expression, as DuckDB's: {@code col("doc").json().extract("$.a.b")}.
 * Each row's text is read as one JSON document (strict JSON; a row that is not one fails, naming
 * it, but for {@link #isValid}); a path is a {@link JsonPath} ({@code $.a[0]}, {@code /a/0}, or a
 * key). A null text gives null, and so does a path that leads nowhere.
 */
public final class JsonExprs {
    private final Expr input;

    JsonExprs(Expr input) {
        this.input = input;
    }

    /** The JSON value at {@code path}, minified (a JSON string keeps its quotes; a JSON null is {@code null}). */
    public Expr extract(String path) {
        return call(ScalarFunction.JSON_EXTRACT, path);
    }

    /** As {@link #extract}, but a JSON string is its text and a JSON null is null. */
    public Expr extractString(String path) {
        return call(ScalarFunction.JSON_EXTRACT_STRING, path);
    }

    /** The document minified ({@code extract("$")}). */
    public Expr minify() {
        return extract("$");
    }

    /** The type of the value at {@code path}: OBJECT, ARRAY, VARCHAR, BIGINT, UBIGINT, DOUBLE, BOOLEAN or NULL. */
    public Expr type(String path) {
        return call(ScalarFunction.JSON_TYPE, path);
    }

    /** How many elements the array at {@code path} holds, an {@code i64}; 0 for a value that is not an array. */
    public Expr arrayLength(String path) {
        return call(ScalarFunction.JSON_ARRAY_LENGTH, path);
    }

    /** The keys of the object at {@code path}, in order, a {@code list[str]}; empty for a value that is not an object. */
    public Expr keys(String path) {
        return call(ScalarFunction.JSON_KEYS, path);
    }

    /** Whether a value exists at {@code path}. */
    public Expr exists(String path) {
        return call(ScalarFunction.JSON_EXISTS, path);
    }

    /** Whether the text is one JSON document (false, not a failure, where it is not). */
    public Expr isValid() {
        return new Call(ScalarFunction.JSON_VALID, input, List.of());
    }

    private Expr call(ScalarFunction function, String path) {
        JsonPath.parse(path); // a path that is none fails here, naming the place
        return new Call(function, input, List.of(path));
    }
}
