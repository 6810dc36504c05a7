package dev.floe.sql;

import static dev.floe.frame.expr.Exprs.col;

import dev.floe.frame.DataFrame;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.Exprs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code CREATE TABLE t (...)} says of a table's columns beyond their types, and what every
 * statement that changes its rows then keeps true, as DuckDB keeps it: a {@code DEFAULT} for a
 * column an {@code INSERT} leaves out (evaluated for each row: {@code nextval} counts per row),
 * {@code NOT NULL}, {@code PRIMARY KEY} and {@code UNIQUE} (of one column or several) and
 * {@code CHECK}. A statement whose rows break one fails, naming it, and the table stays as it was.
 *
 * @param defaults each column's default as written
 * @param types each defaulted column's type as written (its default is cast to it)
 * @param notNull the columns that hold no null (a primary key's among them)
 * @param keys the primary key and the unique column sets
 * @param checks the conditions each row meets (null passes), as written
 * @param origin the table's name when it was made, which its CHECKs may name ({@code t.k})
 */
record TableRules(Map<String, String> defaults, Map<String, String> types, Set<String> notNull, List<Key> keys,
        List<String> checks, String origin) {
    /** A primary key or a unique set of columns. */
    record Key(List<String> columns, boolean primary) {}

    static final TableRules NONE = new TableRules(Map.of(), Map.of(), Set.of(), List.of(), List.of(), "");

    TableRules {
        defaults = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        types = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(types));
        Set<String> columns = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        columns.addAll(notNull);
        notNull = java.util.Collections.unmodifiableSet(columns);
        keys = List.copyOf(keys);
        checks = List.copyOf(checks);
    }

    boolean isEmpty() {
        return defaults.isEmpty() && notNull.isEmpty() && keys.isEmpty() && checks.isEmpty();
    }

    /**
     * Whether a NOT NULL, a key or a CHECK names {@code column} (a CHECK read as text: one that
     * has the column's name as a word).
     */
    boolean names(String column) {
        return notNull.contains(column) || keys.stream().anyMatch(k -> k.columns().stream().anyMatch(column::equalsIgnoreCase))
                || checkNames(column);
    }

    /** Whether a CHECK has {@code column}'s name as a word (in any case). */
    boolean checkNames(String column) {
        java.util.regex.Pattern word = java.util.regex.Pattern.compile("(?i)(?<![\\w$])" + java.util.regex.Pattern.quote(column)
                + "(?![\\w$])");
        return checks.stream().anyMatch(check -> word.matcher(check).find());
    }

    /** These rules less {@code column}'s default and NOT NULL (a column dropped). */
    TableRules without(String column) {
        Map<String, String> fewer = new LinkedHashMap<>(defaults);
        fewer.keySet().removeIf(column::equalsIgnoreCase);
        Set<String> fewerNotNull = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        fewerNotNull.addAll(notNull);
        fewerNotNull.remove(column);
        return new TableRules(fewer, types, fewerNotNull, keys, checks, origin);
    }

    /** These rules with {@code from} called {@code to} (none may be a CHECK's: those are text). */
    TableRules renamed(String from, String to) {
        Map<String, String> renamedDefaults = new LinkedHashMap<>();
        defaults.forEach((c, d) -> renamedDefaults.put(c.equalsIgnoreCase(from) ? to : c, d));
        Map<String, String> renamedTypes = new LinkedHashMap<>();
        types.forEach((c, d) -> renamedTypes.put(c.equalsIgnoreCase(from) ? to : c, d));
        Set<String> renamedNotNull = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        notNull.forEach(c -> renamedNotNull.add(c.equalsIgnoreCase(from) ? to : c));
        List<Key> renamedKeys = keys.stream().map(k -> new Key(k.columns().stream()
                .map(c -> c.equalsIgnoreCase(from) ? to : c).toList(), k.primary())).toList();
        return new TableRules(renamedDefaults, renamedTypes, renamedNotNull, renamedKeys, checks, origin);
    }

    /** These rules and a default (written, of the column's {@code type}) and NOT NULL for an added column. */
    TableRules with(String column, String written, String type, boolean required) {
        Map<String, String> more = new LinkedHashMap<>(defaults);
        Map<String, String> moreTypes = new LinkedHashMap<>(types);
        if (written != null) {
            more.put(column, written);
            moreTypes.put(column, type);
        }
        Set<String> moreNotNull = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        moreNotNull.addAll(notNull);
        if (required) {
            moreNotNull.add(column);
        }
        return new TableRules(more, moreTypes, moreNotNull, keys, checks, origin);
    }

    /**
     * The rows of {@code columns} (each with a default) for {@code rows} new rows: each default
     * evaluated once a row, in order, by a query over {@code context}.
     */
    DataFrame defaultRows(SqlContext context, List<String> columns, int rows) {
        StringBuilder query = new StringBuilder("SELECT ");
        for (int c = 0; c < columns.size(); c++) {
            query.append(c == 0 ? "" : ", ").append(defaultOf(columns.get(c))).append(" AS ")
                    .append(quoted(columns.get(c)));
        }
        query.append(" FROM range(").append(rows).append(") AS __floe_default_rows(__floe_default_row)");
        return new Translator(context, query.toString()).plan().collect(context.config());
    }

    /** The default of {@code column}, as SQL cast to its type, where it has one; null where it has none. */
    String defaultOf(String column) {
        String written = writtenDefault(column);
        if (written == null) {
            return null;
        }
        String type = types.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column)).map(Map.Entry::getValue)
                .findFirst().orElseThrow();
        return "CAST((" + written + ") AS " + type + ")";
    }

    /** The default of {@code column} as written (what DESCRIBE shows); null where it has none. */
    String writtenDefault(String column) {
        return defaults.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** What DESCRIBE shows in its key column: PRI for a primary key's column, UNI for a unique one's; null else. */
    String keyOf(String column) {
        for (Key key : keys) {
            if (key.columns().stream().anyMatch(column::equalsIgnoreCase)) {
                return key.primary() ? "PRI" : "UNI";
            }
        }
        return null;
    }

    /**
     * Fails naming the first rule table {@code table}'s rows after a change break: a null in a NOT
     * NULL column or a row whose CHECK is false among {@code fresh}, the rows the change added or
     * changed (null: none, as for a deletion), then two of {@code rows}, all the table's rows, with
     * one key (rows whose key holds a null differ from every other, for UNIQUE).
     */
    void check(String table, DataFrame rows, DataFrame fresh, dev.floe.frame.exec.ExecutionConfig config, Object node,
            java.util.function.BiFunction<String, Object, SqlException> error) {
        if (fresh != null) {
            checkRows(table, fresh, config, node, error);
        }
        checkKeys(table, rows, config, node, error);
    }

    private void checkRows(String table, DataFrame rows, dev.floe.frame.exec.ExecutionConfig config, Object node,
            java.util.function.BiFunction<String, Object, SqlException> error) {
        for (String column : notNull) {
            String name = rows.schema().names().stream().filter(column::equalsIgnoreCase).findFirst().orElse(null);
            if (name != null && rows.column(name).nullCount() > 0) {
                throw error.apply("NOT NULL constraint failed: " + table + "." + name, node);
            }
        }
        if (!checks.isEmpty()) {
            // under the name the table was made with, which a CHECK may qualify its columns by
            String named = origin.isEmpty() ? table : origin;
            SqlContext alone = new SqlContext().withConfig(config);
            alone.register(named, rows);
            for (String condition : checks) {
                DataFrame failing = alone.sql("SELECT count(*) AS n FROM " + quoted(named) + " WHERE NOT (" + condition
                        + ")");
                if (((Number) failing.get(0, "n")).longValue() > 0) {
                    throw error.apply("CHECK constraint failed on table " + table + " with expression CHECK(" + condition
                            + ")", node);
                }
            }
        }
    }

    private void checkKeys(String table, DataFrame rows, dev.floe.frame.exec.ExecutionConfig config, Object node,
            java.util.function.BiFunction<String, Object, SqlException> error) {
        for (Key key : keys) {
            List<Expr> present = key.columns().stream().<Expr>map(c -> col(c).isNotNull()).toList();
            LazyFrame keyed = rows.lazy().filter(dev.floe.frame.expr.ExprTrees.and(present));
            DataFrame twice = keyed.groupBy(key.columns().toArray(String[]::new))
                    .agg(Exprs.len().alias("__floe_key_rows")).filter(col("__floe_key_rows").gt(1)).limit(1)
                    .collect(config);
            if (twice.height() > 0) {
                List<String> parts = new ArrayList<>();
                for (String c : key.columns()) {
                    // the value as SQL writes it (a timestamp 2020-01-01 10:00:00, NaN nan)
                    DataFrame text = twice.lazy().select(ExpressionPlanner.sqlCast(col(c), twice.schema().type(c),
                            dev.floe.frame.DataType.UTF8, false).alias(c)).collect(config);
                    parts.add(c + ": " + text.get(0, c));
                }
                throw error.apply("Duplicate key \"" + String.join(", ", parts) + "\" violates "
                        + (key.primary() ? "primary key" : "unique") + " constraint (table " + table + ")", node);
            }
        }
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * The rules a column definition's options say ({@code specs}, as the parser splits them: {@code
     * DEFAULT}, its expression; {@code NOT NULL}; {@code NULL}; {@code PRIMARY KEY}; {@code UNIQUE};
     * {@code CHECK}, its condition), added to the builders; {@code type} the column's type as
     * written. Anything else (REFERENCES, COLLATE, GENERATED ...) is refused by name.
     */
    static void readColumn(String column, String type, List<String> specs, Map<String, String> defaults,
            Map<String, String> types, Set<String> notNull, List<Key> keys, List<String> checks,
            java.util.function.Function<String, SqlException> refuse) {
        for (int i = 0; i < specs.size(); i++) {
            String word = specs.get(i).toUpperCase(Locale.ROOT);
            switch (word) {
                case "DEFAULT" -> {
                    if (i + 1 >= specs.size()) {
                        throw refuse.apply("DEFAULT of column " + column + " needs a value");
                    }
                    defaults.put(column, specs.get(++i));
                    types.put(column, type);
                }
                case "NOT" -> {
                    if (i + 1 >= specs.size() || !specs.get(i + 1).equalsIgnoreCase("NULL")) {
                        throw refuse.apply("column option NOT " + (i + 1 < specs.size() ? specs.get(i + 1) : "")
                                + " of column " + column + " is not supported");
                    }
                    i++;
                    notNull.add(column);
                }
                case "NULL" -> { }
                case "PRIMARY" -> {
                    if (i + 1 >= specs.size() || !specs.get(i + 1).equalsIgnoreCase("KEY")) {
                        throw refuse.apply("PRIMARY of column " + column + " needs KEY");
                    }
                    i++;
                    notNull.add(column);
                    keys.add(new Key(List.of(column), true));
                }
                case "UNIQUE" -> keys.add(new Key(List.of(column), false));
                case "CHECK" -> {
                    if (i + 1 >= specs.size()) {
                        throw refuse.apply("CHECK of column " + column + " needs a condition");
                    }
                    checks.add(specs.get(++i));
                }
                default -> throw refuse.apply("column option " + String.join(" ", specs.subList(i, specs.size()))
                        + " of column " + column + " is not supported; DEFAULT, NOT NULL, PRIMARY KEY, UNIQUE and CHECK "
                        + "are");
            }
        }
    }
}
