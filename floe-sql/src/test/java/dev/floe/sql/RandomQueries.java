package dev.floe.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Random queries over {@link RandomTable}s that Floe and DuckDB should answer alike: projections
 * with arithmetic (overflowing where the tables hold the edges of their types), division and
 * remainders by zero, comparisons (NaN among them), AND/OR/NOT, IS NULL, IN lists, BETWEEN, LIKE,
 * CASE, COALESCE, math (round to negative digits, sqrt, ln, sign, greatest) and string functions
 * (left and right with negative counts, floats written as text); GROUP BY with aggregates (sums
 * of BIGINTs past 2^63, deviations, corr, any_value, count(DISTINCT)) and HAVING, over empty
 * inputs too; DISTINCT; ORDER BY over every output column with LIMIT/OFFSET; inner and outer
 * joins on integer keys; UNION [ALL] [BY NAME]; subqueries in FROM; windows. Queries avoid
 * only what the engines may rightly answer differently: orders that ties leave open (an ORDER BY
 * covers every output column, no first/last), and grouping on computed floating-point values.
 */
final class RandomQueries {
    enum Type { INT, DBL, STR, BOOL, DATE }

    /** A column or expression that can be referenced, with its type. */
    record Column(String sql, Type type) {}

    /** A query and whether its rows come in a defined order. */
    record Query(String sql, boolean ordered) {}

    private static final List<String> PATTERNS = List.of("a%", "%b", "%a%", "_", "a_", "%", "b%a", "%B%", "");
    private static final List<String> TABLES = List.of("t0", "t1", "t2");

    private final Random random;

    RandomQueries(Random random) {
        this.random = random;
    }

    Query next() {
        int shape = random.nextInt(100);
        if (shape < 18) {
            return project();
        } else if (shape < 21) {
            return selectStar();
        } else if (shape < 38) {
            return groupBy(tableScope("a", table()), null);
        } else if (shape < 46) {
            return globalAggregate();
        } else if (shape < 52) {
            return distinct();
        } else if (shape < 62) {
            return orderLimit();
        } else if (shape < 77) {
            return join();
        } else if (shape < 84) {
            return union();
        } else if (shape < 91) {
            return subquery();
        } else {
            return window();
        }
    }

    // ---- query shapes

    private Query project() {
        List<Column> scope = tableScope("a", table());
        String from = fromOf(scope);
        return new Query("SELECT " + selectList(scope, 1 + random.nextInt(4)) + " FROM " + from + where(scope), false);
    }

    private Query selectStar() {
        List<Column> scope = tableScope("a", table());
        return new Query("SELECT * FROM " + fromOf(scope) + " WHERE " + bool(scope, 2), false);
    }

    /** {@code from} is the FROM clause when it is not one table's. */
    private Query groupBy(List<Column> scope, String from) {
        String source = from != null ? from : fromOf(scope);
        int keys = random.nextInt(3);
        List<String> keyExprs = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            keyExprs.add(groupKey(scope));
        }
        List<String> select = new ArrayList<>();
        for (String key : keyExprs) {
            select.add(key);
        }
        int aggregates = 1 + random.nextInt(3);
        for (int i = 0; i < aggregates; i++) {
            select.add(aggregate(scope).sql());
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(aliased(select)).append(" FROM ").append(source)
                .append(where(scope));
        if (keys > 0) {
            sql.append(" GROUP BY ");
            boolean ordinals = random.nextBoolean();
            for (int i = 0; i < keys; i++) {
                sql.append(i == 0 ? "" : ", ").append(ordinals ? String.valueOf(i + 1) : keyExprs.get(i));
            }
            if (random.nextInt(3) == 0) {
                sql.append(" HAVING ").append(random.nextInt(10) == 0 ? "false" : having(scope));
            }
        }
        return new Query(sql.toString(), false);
    }

    private Query globalAggregate() {
        List<Column> scope = tableScope("a", table());
        List<String> select = new ArrayList<>();
        int aggregates = 1 + random.nextInt(4);
        for (int i = 0; i < aggregates; i++) {
            select.add(aggregate(scope).sql());
        }
        String where = random.nextInt(8) == 0 ? " WHERE false" : where(scope); // sometimes over no rows at all
        return new Query("SELECT " + aliased(select) + " FROM " + fromOf(scope) + where, false);
    }

    private Query distinct() {
        List<Column> scope = tableScope("a", table());
        List<String> select = new ArrayList<>();
        int columns = 1 + random.nextInt(3);
        for (int i = 0; i < columns; i++) {
            select.add(random.nextBoolean() ? groupKey(scope) : pick(scope).sql());
        }
        return new Query("SELECT DISTINCT " + aliased(select) + " FROM " + fromOf(scope) + where(scope), false);
    }

    private Query orderLimit() {
        List<Column> scope = tableScope("a", table());
        int columns = 1 + random.nextInt(3);
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(random.nextInt(4) == 0 ? "DISTINCT " : "")
                .append(selectList(scope, columns)).append(" FROM ").append(fromOf(scope)).append(where(scope))
                .append(" ORDER BY ");
        List<Integer> order = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, random);
        for (int i = 0; i < order.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(random.nextBoolean() ? "c" + (order.get(i) - 1) : order.get(i));
            sql.append(switch (random.nextInt(4)) {
                case 0 -> " DESC";
                case 1 -> " ASC";
                default -> "";
            });
            sql.append(switch (random.nextInt(5)) {
                case 0 -> " NULLS FIRST";
                case 1 -> " NULLS LAST";
                default -> "";
            });
        }
        if (random.nextInt(4) != 0) {
            sql.append(" LIMIT ").append(random.nextInt(12));
            if (random.nextBoolean()) {
                sql.append(" OFFSET ").append(random.nextInt(6));
            }
        }
        return new Query(sql.toString(), true);
    }

    private Query join() {
        String left = table();
        String right = table();
        List<Column> scope = new ArrayList<>(tableScope("a", left));
        scope.addAll(tableScope("b", right));
        String kind = List.of("JOIN", "INNER JOIN", "LEFT JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN")
                .get(random.nextInt(6));
        StringBuilder on = new StringBuilder(random.nextInt(4) == 0 ? "a.i = b.k" : "a.k = b.k");
        switch (random.nextInt(5)) {
            case 0 -> on.append(" AND a.f = b.f");
            case 1 -> on.append(" AND a.s = b.s");
            // a condition on more than keys: any for inner joins, one on the other side's rows for outer ones
            case 2 -> on.append(switch (kind) {
                case "LEFT JOIN" -> " AND b.i > " + (random.nextInt(21) - 10);
                case "RIGHT JOIN" -> " AND a.i > " + (random.nextInt(21) - 10);
                case "FULL JOIN" -> "";
                default -> " AND a.i < b.i";
            });
            default -> { }
        }
        String from = left + " AS a " + kind + " " + right + " AS b ON " + on;
        if (random.nextInt(3) == 0) {
            return groupBy(scope, from);
        }
        return new Query("SELECT " + selectList(scope, 1 + random.nextInt(4)) + " FROM " + from + where(scope), false);
    }

    private Query union() {
        int columns = 1 + random.nextInt(3);
        List<Type> types = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            types.add(randomType(false));
        }
        String operator = random.nextBoolean() ? " UNION ALL " : " UNION ";
        if (random.nextInt(3) == 0) {
            // by name: the second side's columns in another order, one of them perhaps missing
            List<Column> scope = tableScope("a", table());
            List<String> second = new ArrayList<>();
            int left = random.nextInt(columns); // one column that stays, whatever the others do
            for (int i = 0; i < columns; i++) {
                if (i == left || random.nextInt(4) != 0) {
                    second.add(expression(types.get(i), scope, 1) + " AS c" + i);
                }
            }
            java.util.Collections.shuffle(second, random);
            return new Query(unionSide(types, true) + operator + "BY NAME SELECT " + String.join(", ", second)
                    + " FROM " + fromOf(scope) + where(scope), false);
        }
        String first = unionSide(types, true);
        String second = unionSide(types, false);
        return new Query(first + operator + second, false);
    }

    private String unionSide(List<Type> types, boolean aliases) {
        List<Column> scope = tableScope("a", table());
        List<String> select = new ArrayList<>();
        for (Type type : types) {
            select.add(expression(type, scope, 1));
        }
        return "SELECT " + (aliases ? aliased(select) : String.join(", ", select)) + " FROM " + fromOf(scope)
                + where(scope);
    }

    private Query subquery() {
        List<Column> inner = tableScope("a", table());
        List<String> select = new ArrayList<>();
        List<Column> outer = new ArrayList<>();
        String innerSql;
        if (random.nextBoolean()) {
            int columns = 1 + random.nextInt(3);
            for (int i = 0; i < columns; i++) {
                Type type = randomType(true);
                select.add(expression(type, inner, 1));
                outer.add(new Column("x.c" + i, type));
            }
            innerSql = "SELECT " + aliased(select) + " FROM " + fromOf(inner) + where(inner);
        } else {
            select.add(groupKey(inner));
            outer.add(new Column("x.c0", null));
            Column aggregate = aggregate(inner);
            select.add(aggregate.sql());
            outer.add(new Column("x.c1", aggregate.type()));
            innerSql = "SELECT " + aliased(select) + " FROM " + fromOf(inner) + where(inner) + " GROUP BY 1";
        }
        List<Column> typed = outer.stream().filter(column -> column.type() != null).toList();
        String outerSelect = outer.getFirst().sql() + " AS o0, " + expression(randomTypeOf(typed), typed, 1) + " AS o1";
        String outerWhere = random.nextBoolean() ? "" : " WHERE " + bool(typed, 1);
        return new Query("SELECT " + outerSelect + " FROM (" + innerSql + ") AS x" + outerWhere, false);
    }

    // ---- pieces

    private String table() {
        return TABLES.get(random.nextInt(TABLES.size()));
    }

    private static List<Column> tableScope(String alias, String table) {
        return List.of(new Column(alias + ".k", Type.INT), new Column(alias + ".i", Type.INT),
                new Column(alias + ".b", Type.INT), new Column(alias + ".d", Type.DBL), new Column(alias + ".s", Type.STR),
                new Column(alias + ".f", Type.BOOL), new Column(alias + ".dt", Type.DATE),
                new Column(table, null)); // the last entry names the table
    }

    private static String fromOf(List<Column> scope) {
        Column table = scope.getLast();
        return table.sql() + " AS " + scope.getFirst().sql().substring(0, scope.getFirst().sql().indexOf('.'));
    }

    private static List<Column> columns(List<Column> scope) {
        return scope.stream().filter(column -> column.type() != null).toList();
    }

    private Column pick(List<Column> scope) {
        List<Column> columns = columns(scope);
        return columns.get(random.nextInt(columns.size()));
    }

    private String selectList(List<Column> scope, int count) {
        List<String> select = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            select.add(expression(randomType(true), scope, 2));
        }
        return aliased(select);
    }

    private static String aliased(List<String> expressions) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < expressions.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(expressions.get(i)).append(" AS c").append(i);
        }
        return sql.toString();
    }

    private String where(List<Column> scope) {
        return switch (random.nextInt(12)) {
            case 0, 1, 2, 3 -> "";
            case 4 -> " WHERE " + inSubquery(scope);
            default -> " WHERE " + bool(scope, 2);
        };
    }

    /** {@code x [NOT] IN (SELECT ...)} over another table, whose column may hold NULLs. */
    private String inSubquery(List<Column> scope) {
        String column = pickOf(columns(scope), Type.INT);
        String inner = random.nextBoolean() ? "c.k" : "c.i";
        String filter = random.nextBoolean() ? "" : " WHERE c.i " + comparison() + " " + literal(Type.INT);
        return column + (random.nextBoolean() ? " IN " : " NOT IN ") + "(SELECT " + inner + " FROM " + table()
                + " AS c" + filter + ")";
    }

    /**
     * Window functions whose answers ties cannot change: ranks, and aggregates over a whole
     * partition or over SQL's default frame (which takes the current row's ties in).
     */
    private Query window() {
        List<Column> scope = tableScope("a", table());
        List<String> select = new ArrayList<>(List.of("a.k", "a.i", "a.s"));
        int windows = 1 + random.nextInt(3);
        for (int w = 0; w < windows; w++) {
            String partition = switch (random.nextInt(4)) {
                case 0 -> "";
                case 1 -> "PARTITION BY a.k";
                case 2 -> "PARTITION BY a.s";
                default -> "PARTITION BY a.f, a.k";
            };
            String order = "ORDER BY " + List.of("a.i", "a.d", "a.dt", "a.s", "a.b").get(random.nextInt(5))
                    + (random.nextBoolean() ? " DESC" : "") + (random.nextInt(4) == 0 ? " NULLS FIRST" : "");
            boolean ordered = random.nextBoolean();
            String over = " OVER (" + partition + (ordered ? (partition.isEmpty() ? "" : " ") + order : "") + ")";
            String function = switch (random.nextInt(9)) {
                case 0 -> "rank()";
                case 1 -> "dense_rank()";
                case 2 -> "count(*)";
                case 3 -> "sum(" + expression(Type.INT, scope, 1) + ")";
                case 4 -> "avg(" + expression(Type.DBL, scope, 1) + ")";
                // Floe refuses running min and max of text by name; over a whole partition they are fine
                case 5 -> "min(" + expression(ordered ? Type.DBL : Type.STR, scope, 1) + ")";
                case 6 -> "sum(a.b)";
                case 7 -> "max(" + expression(Type.DBL, scope, 1) + ")";
                default -> "max(" + expression(ordered ? Type.DATE : Type.STR, scope, 1) + ")";
            };
            if (function.endsWith("rank()") && !ordered) {
                over = " OVER (" + partition + (partition.isEmpty() ? "" : " ") + order + ")";
            }
            select.add(function + over);
        }
        return new Query("SELECT " + aliased(select) + " FROM " + fromOf(scope) + where(scope), false);
    }

    private Type randomType(boolean withBool) {
        Type[] types = Type.values();
        while (true) {
            Type type = types[random.nextInt(types.length)];
            if (withBool || type != Type.BOOL) {
                return type;
            }
        }
    }

    private Type randomTypeOf(List<Column> scope) {
        return scope.isEmpty() ? Type.INT : scope.get(random.nextInt(scope.size())).type();
    }

    /** A grouping key: a column, or an expression whose value is exact. */
    private String groupKey(List<Column> scope) {
        String a = scope.getFirst().sql().substring(0, scope.getFirst().sql().indexOf('.') + 1);
        return switch (random.nextInt(10)) {
            case 0 -> a + "k % 3";
            case 1 -> "upper(" + a + "s)";
            case 2 -> a + "i > 0";
            case 3 -> "floor(" + a + "d)";
            case 4 -> "coalesce(" + a + "s, 'none')";
            default -> List.of(a + "k", a + "s", a + "f", a + "dt", a + "d", a + "i").get(random.nextInt(6));
        };
    }

    private Column aggregate(List<Column> scope) {
        String a = scope.getFirst().sql().substring(0, scope.getFirst().sql().indexOf('.') + 1);
        return switch (random.nextInt(16)) {
            case 0 -> new Column("count(*)", Type.INT);
            case 1 -> new Column("count(" + expression(randomType(true), scope, 1) + ")", Type.INT);
            case 2 -> new Column("count(DISTINCT " + pick(scope).sql() + ")", Type.INT);
            case 3 -> new Column("sum(" + expression(Type.INT, scope, 1) + ")", Type.INT);
            case 4 -> new Column("sum(" + expression(Type.DBL, scope, 1) + ")", Type.DBL);
            case 5 -> new Column("avg(" + expression(random.nextBoolean() ? Type.INT : Type.DBL, scope, 1) + ")", Type.DBL);
            // BIGINT sums past 2^63: a HUGEINT
            case 6 -> new Column("sum(" + a + "b)", Type.INT);
            case 7 -> new Column(List.of("stddev", "stddev_pop", "var_samp", "var_pop").get(random.nextInt(4)) + "("
                    + (random.nextBoolean() ? a + "d" : a + "i") + ")", Type.DBL);
            case 8 -> new Column("corr(" + a + "d, " + (random.nextBoolean() ? a + "i" : a + "k") + ")", Type.DBL);
            // the value where one exists, whatever the order of the rows
            case 9 -> new Column("any_value(CASE WHEN " + pick(scope).sql() + " IS NULL THEN NULL ELSE 1 END)", Type.INT);
            case 10 -> new Column(random.nextBoolean() ? "median(" + a + "d)" : "quantile_cont(" + a + "d, "
                    + List.of("0.25", "0.5", "0.9").get(random.nextInt(3)) + ")", Type.DBL);
            default -> {
                Type type = randomType(false);
                yield new Column((random.nextBoolean() ? "min(" : "max(") + expression(type, scope, 1) + ")", type);
            }
        };
    }

    private String having(List<Column> scope) {
        return switch (random.nextInt(4)) {
            case 0 -> "count(*) > " + random.nextInt(3);
            case 1 -> "sum(" + pick(intColumns(scope)).sql() + ") > " + (random.nextInt(41) - 20);
            case 2 -> "min(" + scope.getFirst().sql().replace(".k", ".s") + ") < '" + RandomTable.STRINGS.get(
                    random.nextInt(RandomTable.STRINGS.size())) + "'";
            default -> "max(" + scope.getFirst().sql().replace(".k", ".d") + ") IS NOT NULL";
        };
    }

    private static List<Column> intColumns(List<Column> scope) {
        return scope.stream().filter(column -> column.type() == Type.INT).toList();
    }

    /** An expression of {@code type} over {@code scope}, at most {@code depth} operators deep. */
    String expression(Type type, List<Column> scope, int depth) {
        List<Column> ofType = columns(scope).stream().filter(column -> column.type() == type).toList();
        if (depth <= 0 || random.nextInt(3) == 0) {
            if (!ofType.isEmpty() && random.nextInt(4) != 0) {
                return ofType.get(random.nextInt(ofType.size())).sql();
            }
            return literal(type);
        }
        Supplier<String> same = () -> expression(type, scope, depth - 1);
        return switch (type) {
            case INT -> switch (random.nextInt(20)) {
                case 0 -> "(" + same.get() + " + " + same.get() + ")";
                case 1 -> "(" + same.get() + " - " + same.get() + ")";
                case 2 -> "(" + same.get() + " * " + (random.nextInt(7) - 3) + ")";
                case 3 -> "abs(" + same.get() + ")";
                case 4 -> "(" + same.get() + " % " + (2 + random.nextInt(4)) + ")";
                case 5 -> "CASE WHEN " + bool(scope, depth - 1) + " THEN " + same.get() + " ELSE " + same.get() + " END";
                case 6 -> "coalesce(" + same.get() + ", " + literal(Type.INT) + ")";
                case 7 -> "length(" + expression(Type.STR, scope, depth - 1) + ")";
                case 8 -> "nullif(" + same.get() + ", " + random.nextInt(3) + ")";
                case 9 -> "-(" + same.get() + ")";
                case 10 -> "CAST(" + expression(Type.DBL, scope, depth - 1) + " AS INTEGER)";
                // products and remainders of columns: overflow where the table holds its types' edges, NULL by 0
                case 11 -> "(" + same.get() + " * " + same.get() + ")";
                case 12 -> "(" + same.get() + " % " + same.get() + ")";
                case 13 -> "round(" + same.get() + ", " + (-1 - random.nextInt(3)) + ")";
                case 14 -> (random.nextBoolean() ? "greatest(" : "least(") + same.get() + ", " + same.get() + ")";
                case 15 -> "sign(" + expression(Type.DBL, scope, depth - 1) + ")";
                case 16 -> "CAST(" + expression(Type.DBL, scope, depth - 1) + " AS BIGINT)";
                default -> "day(" + expression(Type.DATE, scope, depth - 1) + ")";
            };
            case DBL -> switch (random.nextInt(18)) {
                case 0 -> "(" + same.get() + " + " + same.get() + ")";
                case 1 -> "(" + same.get() + " - " + expression(Type.INT, scope, depth - 1) + ")";
                case 2 -> "(" + same.get() + " * " + (random.nextInt(7) - 3) + ")";
                case 3 -> "(" + expression(Type.INT, scope, depth - 1) + " / nullif(" + expression(Type.INT, scope,
                        depth - 1) + ", 0))";
                case 4 -> "(" + same.get() + " / nullif(" + same.get() + ", 0))";
                case 5 -> "abs(" + same.get() + ")";
                case 6 -> (random.nextBoolean() ? "floor(" : "ceil(") + same.get() + ")";
                case 7 -> random.nextBoolean() ? "round(" + same.get() + ")" : "round(" + same.get() + ", 1)";
                case 8 -> "CAST(" + expression(Type.INT, scope, depth - 1) + " AS DOUBLE)";
                case 9 -> "coalesce(" + same.get() + ", " + literal(Type.DBL) + ")";
                // division by zero: infinities and NaN
                case 10 -> "(" + expression(Type.INT, scope, depth - 1) + " / " + expression(Type.INT, scope, depth - 1) + ")";
                case 11 -> "(" + same.get() + " / " + same.get() + ")";
                case 12 -> "(" + same.get() + " % " + same.get() + ")";
                case 13 -> "round(" + same.get() + ", " + List.of(-2, -1, 2, 400, -400).get(random.nextInt(5)) + ")";
                case 14 -> "sqrt(abs(" + same.get() + "))";
                case 15 -> random.nextInt(4) == 0 ? "ln(" + same.get() + ")" : "ln(abs(" + same.get() + ") + 1)";
                case 16 -> (random.nextBoolean() ? "greatest(" : "least(") + same.get() + ", " + same.get() + ")";
                default -> "CASE WHEN " + bool(scope, depth - 1) + " THEN " + same.get() + " ELSE " + same.get() + " END";
            };
            case STR -> switch (random.nextInt(13)) {
                case 0 -> "upper(" + same.get() + ")";
                case 1 -> "lower(" + same.get() + ")";
                case 2 -> "(" + same.get() + " || " + same.get() + ")";
                case 3 -> "concat(" + same.get() + ", " + same.get() + ")";
                // the first argument in parentheses: JSqlParser 5.4 cannot parse a CASE holding an IN list as the
                // first of several function arguments (functions_string.test records it)
                case 4 -> "substring((" + same.get() + "), " + (1 + random.nextInt(3)) + ", " + random.nextInt(3) + ")";
                case 5 -> "replace(" + same.get() + ", 'a', 'xy')";
                case 6 -> "trim(" + same.get() + ")";
                case 7 -> "coalesce(" + same.get() + ", 'none')";
                case 8 -> "CAST(" + expression(Type.INT, scope, depth - 1) + " AS VARCHAR)";
                case 9 -> (random.nextBoolean() ? "left((" : "right((") + same.get() + "), " + (random.nextInt(7) - 3) + ")";
                case 10 -> "CAST(" + expression(Type.DBL, scope, depth - 1) + " AS VARCHAR)";
                default -> "CASE WHEN " + bool(scope, depth - 1) + " THEN " + same.get() + " ELSE " + same.get() + " END";
            };
            case BOOL -> bool(scope, depth);
            case DATE -> random.nextInt(4) == 0 ? "(" + same.get() + " + " + random.nextInt(5) + ")" : same.get();
        };
    }

    /** A condition over {@code scope}. */
    String bool(List<Column> scope, int depth) {
        List<Column> columns = columns(scope);
        int choice = random.nextInt(depth <= 0 ? 9 : 13);
        return switch (choice) {
            case 0 -> {
                Type type = randomType(false);
                yield expression(type, scope, depth - 1) + " " + comparison() + " " + expression(type, scope, depth - 1);
            }
            case 1 -> {
                Type type = randomType(false);
                yield pickOf(columns, type) + " " + comparison() + " " + literal(type);
            }
            // the operand in parentheses: "a < b IS NULL" leaves precedence to the parser
            case 2 -> "(" + expression(randomType(true), scope, depth - 1) + ")"
                    + (random.nextBoolean() ? " IS NULL" : " IS NOT NULL");
            case 3 -> pickOf(columns, Type.INT) + (random.nextBoolean() ? " IN (" : " NOT IN (") + literal(Type.INT) + ", "
                    + literal(Type.INT) + (random.nextInt(4) == 0 ? ", NULL" : "") + ")";
            case 4 -> pickOf(columns, Type.STR) + (random.nextBoolean() ? " IN ('a', 'ab', '')" : " NOT IN ('b', 'ba')");
            case 5 -> {
                int low = random.nextInt(21) - 10;
                yield pickOf(columns, Type.INT) + (random.nextBoolean() ? " BETWEEN " : " NOT BETWEEN ") + low + " AND "
                        + (low + random.nextInt(10));
            }
            case 6 -> pickOf(columns, Type.STR) + switch (random.nextInt(4)) {
                case 0 -> " NOT LIKE ";
                case 1 -> " ILIKE ";
                default -> " LIKE ";
            } + "'" + PATTERNS.get(random.nextInt(PATTERNS.size())) + "'";
            case 7 -> pickOf(columns, Type.BOOL);
            case 8 -> pickOf(columns, Type.DATE) + " " + comparison() + " " + literal(Type.DATE);
            case 9 -> "(" + bool(scope, depth - 1) + " AND " + bool(scope, depth - 1) + ")";
            case 10 -> "(" + bool(scope, depth - 1) + " OR " + bool(scope, depth - 1) + ")";
            case 11 -> "NOT (" + bool(scope, depth - 1) + ")";
            default -> "coalesce(" + pickOf(columns, Type.BOOL) + ", " + random.nextBoolean() + ")";
        };
    }

    private String pickOf(List<Column> columns, Type type) {
        List<Column> ofType = columns.stream().filter(column -> column.type() == type).toList();
        return ofType.isEmpty() ? literal(type) : ofType.get(random.nextInt(ofType.size())).sql();
    }

    private String comparison() {
        return List.of("=", "<>", "<", "<=", ">", ">=").get(random.nextInt(6));
    }

    private String literal(Type type) {
        return switch (type) {
            case INT -> random.nextInt(30) == 0 ? List.of("2147483647", "-2147483647", "9223372036854775807",
                    "-9223372036854775807", "1500000000").get(random.nextInt(5)) : String.valueOf(random.nextInt(26) - 5);
            case DBL -> random.nextInt(20) == 0 ? "CAST('" + List.of("nan", "inf", "-inf", "-0.0").get(random.nextInt(4))
                    + "' AS DOUBLE)" : "CAST(" + (random.nextInt(41) - 20) / 4.0 + " AS DOUBLE)";
            case STR -> "'" + RandomTable.STRINGS.get(random.nextInt(RandomTable.STRINGS.size())) + "'";
            case BOOL -> String.valueOf(random.nextBoolean());
            case DATE -> "DATE '" + java.time.LocalDate.of(2023, 12, 25).plusDays(random.nextInt(20)) + "'";
        };
    }
}
