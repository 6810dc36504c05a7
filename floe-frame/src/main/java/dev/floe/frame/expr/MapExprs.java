package dev.floe.frame.expr;

import java.util.List;

/**
 * The functions of a map column, one value per row: {@code col("counts").map().get("a")}. A null
 * map gives null. Maps come from {@code histogram()}, from {@link Exprs#mapOf} and from data
 * (a {@code java.util.Map} per row, Parquet and Arrow maps).
 */
public final class MapExprs {
    private final Expr input;

    MapExprs(Expr input) {
        this.input = input;
    }

    /** The keys, in order: a list. */
    public Expr keys() {
        return new Call(ScalarFunction.MAP_KEYS, input, List.of());
    }

    /** The values, in their keys' order: a list. */
    public Expr values() {
        return new Call(ScalarFunction.MAP_VALUES, input, List.of());
    }

    /** The number of entries ({@code i64}). */
    public Expr len() {
        return new Call(ScalarFunction.MAP_LEN, input, List.of());
    }

    /** The value of {@code key} (a value or an expression); null where the map has no such key. */
    public Expr get(Object key) {
        return new MultiCall(ScalarFunction.MAP_GET, List.of(input, Exprs.wrap(key)), List.of());
    }

    /** The entries, in order: a list of structs of {@code key} and {@code value} (Polars' and DuckDB's {@code map_entries}). */
    public Expr entries() {
        return new Call(ScalarFunction.MAP_ENTRIES, input, List.of());
    }

    /** Whether one of the map's values equals {@code value} (a value or an expression). */
    public Expr containsValue(Object value) {
        return new MultiCall(ScalarFunction.MAP_CONTAINS_VALUE, List.of(input, Exprs.wrap(value)), List.of());
    }

    /**
     * This map's entries and then {@code others}' (maps of the same type): a key given again takes the
     * later value and keeps its first place; a null map adds nothing.
     */
    public Expr concat(Object... others) {
        List<Expr> maps = new java.util.ArrayList<>();
        maps.add(input);
        for (Object other : others) {
            maps.add(Exprs.wrap(other));
        }
        return new MultiCall(ScalarFunction.MAP_CONCAT, maps, List.of());
    }

    /** Whether the map has {@code key} (a value or an expression). */
    public Expr containsKey(Object key) {
        return new MultiCall(ScalarFunction.MAP_CONTAINS, List.of(input, Exprs.wrap(key)), List.of());
    }
}
