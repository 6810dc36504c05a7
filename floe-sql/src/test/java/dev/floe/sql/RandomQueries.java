package dev.floe.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Random queries over {@link RandomTable}s that Floe and DuckDB should answer alike, over the
 * grammar docs/sql.md lists: projections with arithmetic (overflowing where the tables or the
 * literals hold the edges of their types), division and remainders by zero, comparisons (NaN among
 * them, integers against doubles), AND/OR/NOT, IS [NOT] NULL/TRUE/FALSE, IS [NOT] DISTINCT FROM,
 * IN lists (NULL and expressions among the items), BETWEEN over computed bounds, LIKE, searched and
 * simple CASE, COALESCE, NULLIF, casts between every type (TINYINT to HUGEINT, REAL, TRY_CAST), math
 * (round to negative digits, sqrt, ln, exp, power, sign, greatest, least), string functions (left
 * and right with negative counts, substring from 0 and below, pads, split_part, repeat, reverse,
 * concat_ws, starts_with) and dates; GROUP BY with aggregates (sums of BIGINTs past 2^63,
 * deviations, corr, quantiles, count(DISTINCT), DISTINCT in sum, avg, median, stddev_pop and corr,
 * bool_and/bool_or, count_if, string_agg (with ORDER BY too), histogram as text, one of its counts and its
 * size, FILTER) and HAVING; lambdas over lists
 * of the row's values (list_transform, list_filter, list_reduce with and without an initial value,
 * reading the row's columns) and list_aggregate, ROLLUP, CUBE and grouping sets with
 * grouping(), over empty inputs too; DISTINCT; ORDER BY over every output column with NULLS
 * FIRST/LAST and LIMIT/OFFSET; inner, outer, cross, USING, NATURAL and comma joins, and chains of
 * three; UNION [ALL] [BY NAME], INTERSECT [ALL] and EXCEPT [ALL],
 * chained with and without parentheses; subqueries in FROM, [NOT] EXISTS, [NOT] IN, ANY/ALL and
 * scalar subqueries, correlated or not; windows: ranks, offsets, ntile, running and framed aggregates
 * (ROWS, GROUPS, RANGE with offsets, EXCLUDE, FILTER), first/last/nth_value, QUALIFY. Queries
 * avoid only what the engines may rightly answer differently (orders that ties leave open: an
 * ORDER BY covers every output column, a window that depends on the order of ties orders by every
 * column, string_agg is only measured; grouping on computed floating-point values), constructs
 * Floe refuses by name, and DuckDB's own wrong answers, each where it is avoided.
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
    /** Whether decimal expressions are DECIMALs; else the same shapes over BIGINTs (for engines without decimals). */
    private final boolean decimals;

    RandomQueries(Random random) {
        this(random, true);
    }

    /** Queries that hold decimals only where {@code decimals}; else their expressions are BIGINTs. */
    RandomQueries(Random random, boolean decimals) {
        this.decimals = decimals;
        this.random = random;
    }

    Query next() {
        int shape = random.nextInt(100);
        if (shape < 13) {
            return project();
        } else if (shape < 15) {
            return selectStar();
        } else if (shape < 27) {
            return groupBy(tableScope("a", table()), null);
        } else if (shape < 31) {
            return groupingSets();
        } else if (shape < 37) {
            return globalAggregate();
        } else if (shape < 41) {
            return distinct();
        } else if (shape < 48) {
            return orderLimit();
        } else if (shape < 58) {
            return join();
        } else if (shape < 62) {
            return threeWayJoin();
        } else if (shape < 66) {
            return union();
        } else if (shape < 70) {
            return setOperations();
        } else if (shape < 75) {
            return subquery();
        } else if (shape < 83) {
            return correlated();
        } else if (shape < 89) {
            return window();
        } else {
            return framedWindow();
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
        int form = random.nextInt(10);
        String from;
        if (form == 0) {
            from = left + " AS a CROSS JOIN " + right + " AS b";
        } else if (form == 1) {
            // a comma join: the equality in WHERE makes it a hash join; sometimes none does, a cross product
            String equality = random.nextInt(3) == 0 ? "" : "a.k = b.k AND ";
            return new Query("SELECT " + selectList(scope, 1 + random.nextInt(4)) + " FROM " + left + " AS a, " + right
                    + " AS b WHERE " + equality + bool(scope, 1), false);
        } else if (form == 2) {
            from = left + " AS a " + List.of("JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN").get(random.nextInt(4))
                    + " " + right + " AS b USING (" + List.of("k", "k, s", "i", "f").get(random.nextInt(4)) + ")";
        } else if (form == 3) {
            // every column equal and not null: few rows, nulls never
            from = left + " AS a NATURAL " + List.of("", "LEFT ", "FULL ").get(random.nextInt(3)) + "JOIN " + right
                    + " AS b";
        } else {
            String kind = List.of("JOIN", "INNER JOIN", "LEFT JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN")
                    .get(random.nextInt(6));
            from = left + " AS a " + kind + " " + right + " AS b ON " + onCondition(kind);
        }
        if (random.nextInt(3) == 0) {
            return groupBy(scope, from);
        }
        return new Query("SELECT " + selectList(scope, 1 + random.nextInt(4)) + " FROM " + from + where(scope), false);
    }

    /**
     * A join condition: keys of the same or of different integer types, perhaps with one more
     * equality or condition. For outer joins each further condition reads one side only, the one
     * docs/sql.md allows (ON conditions, "each other condition must read one side only").
     */
    private String onCondition(String kind) {
        StringBuilder on = new StringBuilder(List.of("a.k = b.k", "a.k = b.k", "a.i = b.k", "a.b = b.i", "a.d = b.i",
                "a.dt = b.dt").get(random.nextInt(6)));
        switch (random.nextInt(6)) {
            case 0 -> on.append(" AND a.f = b.f");
            case 1 -> on.append(" AND a.s = b.s");
            case 2 -> on.append(" AND a.d = b.d"); // NaN joins NaN, -0.0 joins 0.0
            case 3 -> on.append(switch (kind) {
                case "LEFT JOIN" -> " AND b.i > " + (random.nextInt(21) - 10);
                case "RIGHT JOIN" -> " AND a.i > " + (random.nextInt(21) - 10);
                case "FULL JOIN" -> "";
                default -> random.nextBoolean() ? " AND a.i < b.i" : " AND a.s IS DISTINCT FROM b.s";
            });
            case 4 -> on.append(switch (kind) {
                case "LEFT JOIN" -> " AND b.s IS NOT NULL";
                case "RIGHT JOIN" -> " AND a.f";
                case "FULL JOIN" -> "";
                default -> " AND (a.i = b.i OR a.d > b.d)";
            });
            default -> { }
        }
        return on.toString();
    }

    /** Three tables, the third joined to either of the others, each join of any kind. */
    private Query threeWayJoin() {
        List<Column> a = tableScope("a", table());
        List<Column> scope = new ArrayList<>(a);
        List<Column> b = tableScope("b", table());
        List<Column> c = tableScope("c", table());
        scope.addAll(b.subList(0, b.size() - 1));
        scope.addAll(c.subList(0, c.size() - 1));
        List<String> kinds = List.of("JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN");
        String from = fromOf(a) + " "
                + kinds.get(random.nextInt(4)) + " " + b.getLast().sql() + " AS b ON a.k = b.k "
                + kinds.get(random.nextInt(4)) + " " + c.getLast().sql() + " AS c ON "
                + (random.nextBoolean() ? "b.i = c.i" : "a.k = c.k AND a.s = c.s");
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

    /** ROLLUP, CUBE and grouping sets over two keys, with grouping(): the () set gives a row over no rows too. */
    private Query groupingSets() {
        List<Column> scope = tableScope("a", table());
        List<String> keys = new ArrayList<>(List.of("a.k", "a.s", "a.f", "a.dt", "a.i", "a.k % 2"));
        java.util.Collections.shuffle(keys, random);
        String first = keys.get(0);
        String second = keys.get(1);
        String sets = switch (random.nextInt(4)) {
            case 0 -> "ROLLUP (" + first + ", " + second + ")";
            case 1 -> "CUBE (" + first + ", " + second + ")";
            case 2 -> "GROUPING SETS ((" + first + ", " + second + "), (" + second + "), ())";
            default -> first + ", ROLLUP (" + second + ")";
        };
        List<String> select = new ArrayList<>(List.of(first, second, "grouping(" + first + ", " + second + ")"));
        int aggregates = 1 + random.nextInt(3);
        for (int i = 0; i < aggregates; i++) {
            select.add(aggregate(scope).sql());
        }
        String having = random.nextInt(4) == 0 ? " HAVING " + having(scope) : "";
        return new Query("SELECT " + aliased(select) + " FROM " + fromOf(scope) + where(scope) + " GROUP BY " + sets
                + having, false);
    }

    /**
     * Chains of UNION [ALL], INTERSECT and EXCEPT, unparenthesized (INTERSECT binds tighter than
     * UNION and EXCEPT, which go left to right) or parenthesized; each with ALL or without.
     */
    private Query setOperations() {
        int columns = 1 + random.nextInt(2);
        List<Type> types = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            types.add(randomType(false));
        }
        List<String> operators = List.of(" UNION ", " UNION ALL ", " INTERSECT ", " EXCEPT ", " INTERSECT ALL ",
                " EXCEPT ALL ");
        int sides = 2 + random.nextInt(2);
        boolean parenthesized = random.nextInt(3) == 0;
        StringBuilder sql = new StringBuilder(parenthesized && sides == 3 ? "(" : "").append(unionSide(types, true));
        for (int i = 1; i < sides; i++) {
            sql.append(operators.get(random.nextInt(operators.size()))).append(unionSide(types, false));
            if (parenthesized && sides == 3 && i == 1) {
                sql.append(")");
            }
        }
        return new Query(sql.toString(), false);
    }

    /** Subqueries in expressions, correlated or not: [NOT] EXISTS, [NOT] IN, scalar, in WHERE and the select list. */
    private Query correlated() {
        List<Column> outer = tableScope("a", table());
        List<Column> inner = tableScope("c", table());
        List<Column> both = new ArrayList<>(columns(outer));
        both.addAll(columns(inner));
        both.add(inner.getLast());
        String correlation = switch (random.nextInt(5)) {
            case 0 -> "";
            case 1 -> " WHERE c.k = a.k";
            case 2 -> " WHERE c.s = a.s";
            case 3 -> " WHERE c.k = a.k AND " + bool(both, 1);
            default -> " WHERE " + bool(both, 1);
        };
        String from = " FROM " + fromOf(inner) + correlation;
        String subquery = switch (random.nextInt(7)) {
            case 0, 1 -> (random.nextBoolean() ? "EXISTS" : "NOT EXISTS") + " (SELECT 1" + from + ")";
            // quantified comparisons, nulls on either side
            case 6 -> "a." + List.of("i", "d", "k").get(random.nextInt(3)) + " " + comparison() + " "
                    + List.of("ANY", "SOME", "ALL").get(random.nextInt(3)) + " (SELECT "
                    + List.of("c.i", "c.k", "c.d").get(random.nextInt(3)) + from + ")";
            case 2 -> "(" + expression(Type.INT, columns(outer), 1) + ")" + (random.nextBoolean() ? " IN" : " NOT IN")
                    + " (SELECT " + List.of("c.i", "c.k", "c.b").get(random.nextInt(3)) + from + ")";
            case 3 -> "(SELECT " + plainAggregate(inner).sql() + from + ") IS NULL";
            // a scalar subquery of several rows for an outer row fails in both
            case 4 -> "a." + List.of("i", "d").get(random.nextInt(2)) + " " + comparison() + " (SELECT "
                    + (random.nextInt(4) == 0 ? "c.i" : List.of("max(c.i)", "min(c.d)", "avg(c.i)").get(random.nextInt(3)))
                    + from + ")";
            default -> "(SELECT count(*)" + from + ") " + comparison() + " " + random.nextInt(3);
        };
        List<String> select = new ArrayList<>(List.of("a.k", expression(randomType(true), outer, 1)));
        if (random.nextBoolean()) {
            // the subquery as a value, its nulls (IN, scalars over no rows) kept
            select.add(subquery);
            return new Query("SELECT " + aliased(select) + " FROM " + fromOf(outer) + where(outer), false);
        }
        if (random.nextInt(3) == 0) {
            select.add("(SELECT " + List.of("sum(c.i)", "count(*)", "max(c.s)", "min(c.dt)").get(random.nextInt(4)) + from
                    + ")");
        }
        return new Query("SELECT " + aliased(select) + " FROM " + fromOf(outer) + " WHERE " + subquery, false);
    }

    /** ORDER BY keys that rank every row: rows they tie are equal in every column, so any order of them answers alike. */
    private static String totalOrder(String alias) {
        return String.join(", ", RandomTable.COLUMNS.stream().map(column -> alias + "." + column).toList());
    }

    /**
     * Window functions with frames (ROWS, GROUPS, RANGE, offsets, EXCLUDE), FILTER, and the
     * functions whose answers depend on the order of ties (row_number, lag, lead, ntile,
     * first_value, last_value, nth_value) over a window ordered by every column, which leaves no
     * tie between rows that differ.
     */
    private Query framedWindow() {
        List<Column> scope = tableScope("a", table());
        List<String> select = new ArrayList<>(List.of("a.k", "a.i", "a.d", "a.s"));
        int windows = 1 + random.nextInt(3);
        for (int w = 0; w < windows; w++) {
            String partition = List.of("", "PARTITION BY a.k ", "PARTITION BY a.s ", "PARTITION BY a.f, a.k ")
                    .get(random.nextInt(4));
            String direction = (random.nextBoolean() ? " DESC" : "") + (random.nextInt(4) == 0 ? " NULLS FIRST" : "");
            int unit = random.nextInt(4);
            String function;
            String over;
            if (unit == 0) {
                // no frame: ranks and offsets over every column's order
                String key = List.of("a.i", "a.d", "a.s", "a.dt").get(random.nextInt(4));
                over = "(" + partition + "ORDER BY " + key + direction + ", " + totalOrder("a") + ")";
                function = switch (random.nextInt(7)) {
                    case 0 -> "row_number()";
                    case 1 -> (random.nextBoolean() ? "lag(" : "lead(") + expression(randomType(false), scope, 1)
                            + (random.nextBoolean() ? "" : ", " + random.nextInt(4)) + ")";
                    case 2 -> (random.nextBoolean() ? "lag(" : "lead(") + "a.i, " + (1 + random.nextInt(2)) + ", "
                            + literal(Type.INT) + ")";
                    case 3 -> "ntile(" + (1 + random.nextInt(4)) + ")";
                    case 4 -> "percent_rank()";
                    case 5 -> "cume_dist()";
                    default -> "rank()";
                };
            } else {
                String frame;
                String order;
                boolean rows = unit == 1;
                if (unit == 3) {
                    // RANGE: one key, the offsets distances along it (which may overflow at its type's edges). No
                    // offset 0: DuckDB 1.5 ends a frame at 0 PRECEDING after the current row's first peer (sum(y)
                    // OVER (ORDER BY x RANGE BETWEEN 10 PRECEDING AND 0 PRECEDING) over three rows of one x is
                    // the first row's y on every row), where SQL (and Floe) takes in all its peers, as CURRENT ROW
                    int key = random.nextInt(4);
                    order = "ORDER BY " + List.of("a.i", "a.b", "a.d", "a.dt").get(key) + direction;
                    List<String> offsets = switch (key) {
                        case 0, 1 -> List.of("1", "3", "10");
                        case 2 -> List.of("0.5", "2.25", "10");
                        default -> List.of("INTERVAL 1 DAY", "INTERVAL 3 DAY", "INTERVAL 2 WEEK");
                    };
                    frame = "RANGE " + bounds(offsets);
                } else if (rows) {
                    order = "ORDER BY " + List.of("a.i", "a.d", "a.s", "a.dt").get(random.nextInt(4)) + direction + ", "
                            + totalOrder("a");
                    frame = "ROWS " + bounds(List.of("0", "1", "2", "5"));
                } else {
                    order = "ORDER BY " + List.of("a.i", "a.d", "a.s", "a.k").get(random.nextInt(4)) + direction;
                    frame = "GROUPS " + bounds(List.of("0", "1", "2"));
                }
                frame += List.of("", "", "", " EXCLUDE CURRENT ROW", " EXCLUDE GROUP",
                        " EXCLUDE TIES", " EXCLUDE NO OTHERS").get(random.nextInt(7));
                String filter = random.nextInt(5) == 0 ? " FILTER (WHERE " + bool(scope, 1) + ")" : "";
                function = switch (random.nextInt(rows ? 10 : 7)) {
                    case 0 -> "sum(" + expression(Type.INT, scope, 1) + ")" + filter;
                    case 1 -> "avg(" + expression(Type.DBL, scope, 1) + ")" + filter;
                    case 2 -> "count(*)" + filter;
                    case 3 -> "count(" + expression(randomType(true), scope, 1) + ")" + filter;
                    case 4 -> (random.nextBoolean() ? "min(" : "max(") + expression(List.of(Type.INT, Type.DBL, Type.DATE)
                            .get(random.nextInt(3)), scope, 1) + ")" + filter;
                    case 5 -> "sum(" + expression(Type.DBL, scope, 1) + ")" + filter;
                    case 6 -> "sum(a.b)" + filter;
                    case 7 -> "first_value(" + expression(randomType(false), scope, 1) + ")";
                    case 8 -> "last_value(" + expression(randomType(false), scope, 1) + ")";
                    default -> "nth_value(" + expression(randomType(false), scope, 1) + ", " + (1 + random.nextInt(3)) + ")";
                };
                over = "(" + partition + order + " " + frame + ")";
            }
            select.add(function + " OVER " + over);
        }
        String qualify = random.nextInt(5) == 0 ? " QUALIFY c" + (4 + random.nextInt(windows)) + " IS NOT NULL" : "";
        return new Query("SELECT " + aliased(select) + " FROM " + fromOf(scope) + where(scope) + qualify, false);
    }

    /**
     * A frame's BETWEEN clause: a start no later than its end, offsets from {@code offsets} (listed
     * from small to large). No frame here ends before it starts: DuckDB 1.5 counts -1 rows in one
     * (count(*) OVER (ORDER BY y ROWS BETWEEN 5 FOLLOWING AND 1 FOLLOWING) on all but the last row)
     * and answers a value with EXCLUDE there (first_value(y) ... EXCLUDE TIES), where Floe gives 0
     * and null (docs/sql.md, "Known differences from DuckDB"). Frames still hold no row at the
     * partitions' edges.
     */
    private String bounds(List<String> offsets) {
        int start = random.nextInt(4); // UNBOUNDED PRECEDING, n PRECEDING, CURRENT ROW, n FOLLOWING
        int end = start == 0 ? 1 + random.nextInt(4) : start + random.nextInt(5 - start); // ... UNBOUNDED FOLLOWING
        if (start == end && (start == 1 || start == 3)) {
            int a = random.nextInt(offsets.size());
            int b = random.nextInt(offsets.size());
            return start == 1 ? "BETWEEN " + offsets.get(Math.max(a, b)) + " PRECEDING AND " + offsets.get(Math.min(a, b))
                    + " PRECEDING" : "BETWEEN " + offsets.get(Math.min(a, b)) + " FOLLOWING AND "
                    + offsets.get(Math.max(a, b)) + " FOLLOWING";
        }
        return "BETWEEN " + bound(start, offsets) + " AND " + bound(end, offsets);
    }

    private String bound(int kind, List<String> offsets) {
        return switch (kind) {
            case 0 -> "UNBOUNDED PRECEDING";
            case 1 -> offsets.get(random.nextInt(offsets.size())) + " PRECEDING";
            case 2 -> "CURRENT ROW";
            case 3 -> offsets.get(random.nextInt(offsets.size())) + " FOLLOWING";
            default -> "UNBOUNDED FOLLOWING";
        };
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
        Column aggregate = plainAggregate(scope);
        String call = aggregate.sql();
        // FILTER on one aggregate call: keep it off expressions of aggregates (length(string_agg(...)))
        if (random.nextInt(6) == 0 && call.endsWith(")") && !call.startsWith("length(") && !call.startsWith("CAST(")
                && !call.contains(" ORDER BY ")) {
            return new Column(call + " FILTER (WHERE " + bool(scope, 1) + ")", aggregate.type());
        }
        return aggregate;
    }

    private Column plainAggregate(List<Column> scope) {
        String a = scope.getFirst().sql().substring(0, scope.getFirst().sql().indexOf('.') + 1);
        return switch (random.nextInt(30)) {
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
            case 11 -> new Column((random.nextBoolean() ? "bool_and(" : "bool_or(") + bool(scope, 1) + ")", Type.BOOL);
            case 12 -> new Column("count_if(" + bool(scope, 1) + ")", Type.INT);
            // string_agg joins in the order its ORDER BY gives, here every column of the one table (rows equal in
            // all of them give equal texts); without one, or over a join, only what no order changes is compared:
            // its length
            case 13 -> {
                String separator = "'" + List.of(",", "", " - ").get(random.nextInt(3)) + "'";
                boolean oneTable = scope.stream().allMatch(column -> column.sql().startsWith(a));
                yield oneTable && random.nextBoolean()
                        ? new Column("string_agg(" + expression(Type.STR, scope, 1) + ", " + separator + " ORDER BY "
                                + totalOrder(a.substring(0, a.length() - 1)) + ")", Type.STR)
                        : new Column("length(string_agg(" + expression(Type.STR, scope, 1) + ", " + separator + "))",
                                Type.INT);
            }
            // a column: Floe refuses quantile_disc of a HUGEINT (a cast) by name
            case 14 -> {
                Type type = List.of(Type.INT, Type.DBL, Type.DATE).get(random.nextInt(3));
                yield new Column("quantile_disc(" + pickOf(columns(scope), type) + ", "
                        + List.of("0", "0.25", "0.5", "1").get(random.nextInt(4)) + ")", type);
            }
            case 15 -> new Column("count(DISTINCT " + expression(randomType(true), scope, 1) + ")", Type.INT);
            case 16 -> new Column("sum(" + bool(scope, 1) + ")", Type.INT);
            case 17 -> new Column((random.nextBoolean() ? "min(" : "max(") + bool(scope, 1) + ")", Type.BOOL);
            case 18 -> new Column("avg(" + a + "b)", Type.DBL);
            // DISTINCT: over the distinct values (of pairs, for two arguments) of each group
            case 19 -> new Column("sum(DISTINCT " + expression(Type.INT, scope, 1) + ")", Type.INT);
            case 20 -> new Column(List.of("avg", "median", "stddev_pop").get(random.nextInt(3)) + "(DISTINCT "
                    + expression(random.nextBoolean() ? Type.INT : Type.DBL, scope, 1) + ")", Type.DBL);
            case 22 -> new Column("CAST(" + List.of("sum(", "min(", "max(").get(random.nextInt(3))
                    + decimal(scope, 1) + ") AS VARCHAR)", Type.STR);
            case 23 -> new Column("avg(" + decimal(scope, 1) + ")", Type.DBL);
            case 21 -> new Column("corr(DISTINCT " + a + "d, " + (random.nextBoolean() ? a + "i" : a + "k") + ")",
                    Type.DBL);
            // a map of each value to its count, as text (doubles left out: DuckDB 1.5 counts other values as NaN)
            case 28 -> {
                Type type = List.of(Type.INT, Type.STR, Type.DATE, Type.BOOL).get(random.nextInt(4));
                String value = type == Type.BOOL ? bool(scope, 1) : expression(type, scope, 1);
                yield new Column("CAST(histogram(" + value + ") AS VARCHAR)", Type.STR);
            }
            // one count of it, and how many distinct values it holds (as BIGINTs: DuckDB's are UBIGINTs, which
            // wrap around where arithmetic on them goes below 0)
            case 29 -> random.nextBoolean()
                    ? new Column("CAST(histogram(" + expression(Type.INT, scope, 1) + ")[" + literal(Type.INT)
                            + "] AS BIGINT)", Type.INT)
                    : new Column("CAST(cardinality(histogram(" + expression(Type.STR, scope, 1) + ")) AS BIGINT)",
                            Type.INT);
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
            case INT -> switch (random.nextInt(40)) {
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
                // the operand in parentheses: JSqlParser 5.4 reads no CASE -5 WHEN ... (a syntax error)
                case 17 -> "CASE (" + same.get() + ") WHEN " + literal(Type.INT) + " THEN " + same.get() + " WHEN "
                        + literal(Type.INT) + " THEN " + same.get() + (random.nextBoolean() ? " ELSE " + same.get() : "")
                        + " END";
                // narrower and wider integer types: out of range where the value does not fit, TRY_CAST null there
                case 18 -> (random.nextInt(3) == 0 ? "TRY_CAST(" : "CAST(") + same.get() + " AS "
                        + List.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT").get(random.nextInt(5)) + ")";
                case 19 -> "TRY_CAST(" + expression(Type.DBL, scope, depth - 1) + " AS INTEGER)";
                // the condition in parentheses: JSqlParser 5.4 reads no comparison or NOT inside CAST(... AS type)
                // (docs/sql.md, "Not supported (yet)")
                case 20 -> "CAST((" + expression(Type.BOOL, scope, depth - 1) + ") AS INTEGER)";
                case 21 -> "sign(" + same.get() + ")";
                // not floor or ceil of an integer: Floe keeps its type, DuckDB makes it a DOUBLE, so the text and the
                // overflows differ (docs/sql.md, "Known differences from DuckDB")
                case 22 -> "abs(" + same.get() + ")";
                case 23 -> "mod(" + same.get() + ", " + same.get() + ")";
                case 24 -> "strpos(" + expression(Type.STR, scope, depth - 1) + ", " + literal(Type.STR) + ")";
                case 25 -> List.of("year(", "month(", "dayofweek(", "dayofyear(").get(random.nextInt(4))
                        + expression(Type.DATE, scope, depth - 1) + ")";
                case 26 -> "date_diff('day', " + expression(Type.DATE, scope, depth - 1) + ", "
                        + expression(Type.DATE, scope, depth - 1) + ")";
                case 27 -> (random.nextBoolean() ? "greatest(" : "least(") + same.get() + ", " + same.get() + ", "
                        + (random.nextInt(3) == 0 ? "NULL" : same.get()) + ")";
                case 28 -> "coalesce(NULL, " + same.get() + ", " + same.get() + ")";
                case 29 -> "CAST(CAST(" + same.get() + " AS VARCHAR) AS BIGINT)";
                case 30 -> "(" + same.get() + " + " + literal(Type.INT) + ")";
                case 31 -> "(" + same.get() + " - " + literal(Type.INT) + ")";
                case 32 -> "round(" + same.get() + ")";
                // bits: << fails on negative values and on results past the type, as in DuckDB
                case 33 -> switch (random.nextInt(6)) {
                    case 0 -> "(" + same.get() + " & " + same.get() + ")";
                    case 1 -> "(" + same.get() + " | " + same.get() + ")";
                    case 2 -> "(" + same.get() + " >> " + random.nextInt(70) + ")";
                    case 3 -> "(" + same.get() + " << " + random.nextInt(4) + ")";
                    case 4 -> "(~(" + same.get() + "))";
                    default -> "(" + same.get() + " >> " + same.get() + ")";
                };
                // lambdas over lists of the row's values, reading the row's columns
                case 34 -> "list_reduce(" + list(Type.INT, scope, depth) + ", (a, x) -> "
                        + List.of("a + x", "a - x * 2", "greatest(a, x)", "coalesce(a, 0) + coalesce(x, 1)")
                                .get(random.nextInt(4)) + (random.nextBoolean() ? ", " + same.get() : "") + ")";
                case 35 -> "len(list_filter(" + list(Type.INT, scope, depth) + ", x -> x " + comparison() + " "
                        + same.get() + "))";
                case 36 -> "list_aggregate(" + list(Type.INT, scope, depth) + ", '"
                        + List.of("max", "min", "count", "first", "last", "sum").get(random.nextInt(6)) + "')";
                case 37 -> "list_reduce(list_transform(" + list(Type.INT, scope, depth) + ", (x, i) -> "
                        + List.of("x * i", "CAST(x + " + same.get() + " AS BIGINT)", "coalesce(x, i)").get(random.nextInt(3))
                        + "), (a, x) -> a + x, 0)";
                // a decimal rounded half away from zero to an integer; out of range fails (TRY_CAST: NULL)
                case 38 -> (random.nextBoolean() ? "TRY_CAST(" : "CAST(") + decimal(scope, depth - 1) + " AS "
                        + List.of("INTEGER", "BIGINT", "HUGEINT").get(random.nextInt(3)) + ")";
                default -> "day(" + expression(Type.DATE, scope, depth - 1) + ")";
            };
            case DBL -> switch (random.nextInt(33)) {
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
                case 17 -> "power(" + same.get() + ", " + List.of("2", "0", "-1", "0.5", "3").get(random.nextInt(5)) + ")";
                case 18 -> "exp(" + same.get() + ")";
                case 19 -> "sign(" + same.get() + ")";
                case 20 -> "nullif(" + same.get() + ", " + literal(Type.DBL) + ")";
                case 21 -> "TRY_CAST(" + expression(Type.STR, scope, depth - 1) + " AS DOUBLE)";
                case 22 -> "CAST(" + expression(Type.INT, scope, depth - 1) + " AS REAL)";
                case 23 -> "-(" + same.get() + ")";
                case 24 -> "(" + expression(Type.INT, scope, depth - 1) + " * " + same.get() + ")";
                case 25 -> "CASE (" + same.get() + ") WHEN " + literal(Type.DBL) + " THEN " + same.get() + " ELSE "
                        + same.get() + " END";
                case 26 -> "log10(abs(" + same.get() + ") + 1)";
                case 27 -> "(" + expression(Type.INT, scope, depth - 1) + " + " + same.get() + ")";
                case 28 -> "list_aggregate(" + list(Type.DBL, scope, depth) + ", '"
                        + List.of("avg", "max", "sum", "median", "stddev_pop").get(random.nextInt(5)) + "')";
                case 29 -> "list_reduce(list_filter(" + list(Type.DBL, scope, depth) + ", x -> x " + comparison() + " "
                        + same.get() + "), (a, x) -> a * 0.5 + x, 0.0::DOUBLE)";
                // decimals as doubles, and their quotient (a DOUBLE)
                case 30 -> "CAST(" + decimal(scope, depth - 1) + " AS DOUBLE)";
                case 31 -> "(" + decimal(scope, depth - 1) + " / " + decimal(scope, depth - 1) + ")";
                default -> "CASE WHEN " + bool(scope, depth - 1) + " THEN " + same.get() + " ELSE " + same.get() + " END";
            };
            case STR -> switch (random.nextInt(28)) {
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
                case 11 -> (random.nextBoolean() ? "lpad(" : "rpad(") + same.get() + ", " + random.nextInt(5) + ", '"
                        + List.of("*", "xy").get(random.nextInt(2)) + "')";
                case 12 -> "split_part(" + same.get() + ", '" + List.of("a", " ", "").get(random.nextInt(3)) + "', "
                        + (random.nextInt(5) - 2) + ")";
                case 13 -> "reverse(" + same.get() + ")";
                case 14 -> "repeat(" + same.get() + ", " + random.nextInt(3) + ")";
                case 15 -> "concat_ws('-', " + same.get() + ", " + same.get() + ")";
                // negative and zero starts count from the end and before the start, as DuckDB's; a negative start
                // no further back than the shortest non-empty text, as DuckDB 1.5 answers one before the
                // text's first character differently over a table's column than over a constant (docs/sql.md)
                case 16 -> "substring((" + same.get() + "), " + (random.nextInt(5) - 1) + (random.nextBoolean() ? ""
                        : ", " + random.nextInt(4)) + ")";
                case 17 -> "CAST((" + expression(Type.BOOL, scope, depth - 1) + ") AS VARCHAR)";
                case 18 -> "CAST(" + expression(Type.DATE, scope, depth - 1) + " AS VARCHAR)";
                case 19 -> "nullif(" + same.get() + ", " + literal(Type.STR) + ")";
                case 20 -> (random.nextBoolean() ? "greatest(" : "least(") + same.get() + ", " + same.get() + ")";
                case 21 -> "CAST(" + expression(Type.INT, scope, depth - 1) + " AS VARCHAR)";
                case 22 -> "CASE (" + same.get() + ") WHEN " + literal(Type.STR) + " THEN " + same.get() + " END";
                case 23 -> (random.nextBoolean() ? "upper(" : "lower(") + same.get() + ")";
                case 24 -> "array_to_string(list_transform(" + list(Type.STR, scope, depth) + ", x -> "
                        + List.of("upper(x)", "x || " + same.get(), "coalesce(x, '?')").get(random.nextInt(3)) + "), ',')";
                case 25 -> "list_aggregate(" + list(Type.STR, scope, depth) + ", 'string_agg', '"
                        + List.of("-", "", ", ").get(random.nextInt(3)) + "')";
                // a decimal's exact digits, to its scale: its value and its type's scale compared at once
                case 26 -> "CAST(" + decimal(scope, depth - 1) + " AS VARCHAR)";
                default -> "CASE WHEN " + bool(scope, depth - 1) + " THEN " + same.get() + " ELSE " + same.get() + " END";
            };
            case BOOL -> bool(scope, depth);
            case DATE -> random.nextInt(4) == 0 ? "(" + same.get() + " + " + random.nextInt(5) + ")" : same.get();
        };
    }

    /** A condition over {@code scope}. */
    String bool(List<Column> scope, int depth) {
        List<Column> columns = columns(scope);
        int leaves = 18;
        int choice = random.nextInt(depth <= 0 ? leaves : leaves + 4);
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
            case 9 -> {
                Type type = randomType(true);
                yield "(" + expression(type, scope, depth - 1) + ")" + (random.nextBoolean() ? " IS DISTINCT FROM "
                        : " IS NOT DISTINCT FROM ") + "(" + expression(type, scope, depth - 1) + ")";
            }
            // bounds of any type and either order, computed or not (an empty range, NaN, NULL among them)
            case 10 -> {
                Type type = randomType(false);
                yield "(" + expression(type, scope, depth - 1) + ")" + (random.nextBoolean() ? " BETWEEN " : " NOT BETWEEN ")
                        + "(" + expression(type, scope, depth - 1) + ") AND (" + expression(type, scope, depth - 1) + ")";
            }
            case 11 -> {
                Type type = randomType(false);
                StringBuilder list = new StringBuilder();
                int items = 1 + random.nextInt(4);
                for (int i = 0; i < items; i++) {
                    list.append(i == 0 ? "" : ", ").append(random.nextInt(8) == 0 ? "NULL"
                            : random.nextBoolean() ? literal(type) : expression(type, scope, depth - 1));
                }
                yield "(" + expression(type, scope, depth - 1) + ")" + (random.nextBoolean() ? " IN (" : " NOT IN (")
                        + list + ")";
            }
            case 12 -> "(" + bool(scope, depth - 1) + ")" + List.of(" IS TRUE", " IS NOT TRUE", " IS FALSE",
                    " IS NOT FALSE").get(random.nextInt(4));
            case 13 -> List.of("starts_with(", "contains(", "ends_with(").get(random.nextInt(3))
                    + expression(Type.STR, scope, depth - 1) + ", " + literal(Type.STR) + ")";
            // integers against doubles: the integer as a double, so 9223372036854775807 equals 2^63
            case 14 -> {
                String integer = expression(Type.INT, scope, depth - 1);
                String real = expression(Type.DBL, scope, depth - 1);
                yield random.nextBoolean() ? integer + " " + comparison() + " " + real
                        : real + " " + comparison() + " " + integer;
            }
            case 15 -> pickOf(columns, Type.BOOL) + " " + comparison() + " (" + bool(scope, 0) + ")";
            case 16 -> "coalesce(" + pickOf(columns, Type.BOOL) + ", " + random.nextBoolean() + ")";
            // decimals of any two types compared by value, or with an integer, or in a list of decimals
            case 17 -> switch (random.nextInt(4)) {
                case 0 -> decimal(scope, depth - 1) + " " + comparison() + " " + decimal(scope, depth - 1);
                case 1 -> decimal(scope, depth - 1) + " " + comparison() + " " + expression(Type.INT, scope, depth - 1);
                case 2 -> decimal(scope, depth - 1) + (random.nextBoolean() ? " IN (" : " NOT IN (")
                        + decimalLiteral() + ", " + decimalLiteral() + ")";
                default -> decimal(scope, depth - 1) + " BETWEEN " + decimal(scope, depth - 1) + " AND "
                        + decimal(scope, depth - 1);
            };
            case 18 -> "(" + bool(scope, depth - 1) + " AND " + bool(scope, depth - 1) + ")";
            case 19 -> "(" + bool(scope, depth - 1) + " OR " + bool(scope, depth - 1) + ")";
            case 20 -> "NOT (" + bool(scope, depth - 1) + ")";
            default -> "CASE WHEN " + bool(scope, depth - 1) + " THEN " + bool(scope, depth - 1) + " ELSE "
                    + bool(scope, depth - 1) + " END";
        };
    }

    /**
     * A list of two to four of {@code type}'s expressions over {@code scope}; whole numbers as
     * BIGINTs (Floe has no lists of HUGEINTs, which an element's cast may make). Written with
     * list_value: JSqlParser 5.4 reads no {@code [a, (b + c)]} (docs/sql.md, "Not supported (yet)").
     */
    private String list(Type type, List<Column> scope, int depth) {
        StringBuilder list = new StringBuilder("list_value(");
        for (int i = 0, n = 2 + random.nextInt(3); i < n; i++) {
            String element = expression(type, scope, depth - 1);
            list.append(i == 0 ? "" : ", ").append(type == Type.INT ? "CAST(" + element + " AS BIGINT)" : element);
        }
        return list.append(')').toString();
    }

    /**
     * A decimal expression over {@code scope}: the row's integers, doubles and text cast to decimals
     * of random digits (TRY_CAST: NULL where they do not fit), decimal literals, and their sums,
     * differences, products, negations, rounding, CASE and coalesce; results typed as SQL types them.
     */
    String decimal(List<Column> scope, int depth) {
        if (depth <= 0 || random.nextInt(3) == 0) {
            return switch (random.nextInt(4)) {
                case 0 -> "TRY_CAST(" + expression(Type.INT, scope, 0) + " AS " + decimalType() + ")";
                case 1 -> "TRY_CAST(" + expression(Type.DBL, scope, 0) + " AS " + decimalType() + ")";
                case 2 -> "TRY_CAST(" + expression(Type.STR, scope, 0) + " AS " + decimalType() + ")";
                default -> decimalLiteral();
            };
        }
        return switch (random.nextInt(10)) {
            case 8 -> switch (random.nextInt(3)) {
                // not to a negative number of digits: DuckDB 1.5 makes a null 0 there (docs/sql.md)
                case 0 -> "round(" + decimal(scope, depth - 1) + ", " + random.nextInt(4) + ")";
                case 1 -> "floor(" + decimal(scope, depth - 1) + ")";
                default -> "ceil(" + decimal(scope, depth - 1) + ")";
            };
            case 0 -> "(" + decimal(scope, depth - 1) + " + " + decimal(scope, depth - 1) + ")";
            case 1 -> "(" + decimal(scope, depth - 1) + " - " + decimal(scope, depth - 1) + ")";
            case 2 -> "(" + decimal(scope, depth - 1) + " * " + decimal(scope, depth - 1) + ")";
            case 3 -> "(-(" + decimal(scope, depth - 1) + "))";
            case 4 -> "abs(" + decimal(scope, depth - 1) + ")";
            case 5 -> "CASE WHEN " + bool(scope, depth - 1) + " THEN " + decimal(scope, depth - 1) + " ELSE "
                    + decimal(scope, depth - 1) + " END";
            case 6 -> "coalesce(" + decimal(scope, depth - 1) + ", " + decimal(scope, depth - 1) + ")";
            case 7 -> "(" + decimal(scope, depth - 1) + " + " + expression(Type.INT, scope, depth - 1) + ")";
            default -> "CAST(" + decimal(scope, depth - 1) + " AS " + decimalType() + ")";
        };
    }

    private String decimalType() {
        if (!decimals) {
            return "BIGINT";
        }
        // a digit before the point at least: DuckDB writes a DECIMAL(p, p) as .3 (docs/sql.md)
        int precision = 2 + random.nextInt(random.nextInt(4) == 0 ? 37 : 11);
        return "DECIMAL(" + precision + ", " + random.nextInt(Math.min(precision - 1, 6) + 1) + ")";
    }

    /** A decimal written as text and cast, or as a number with a point: both engines read it as the decimal it is. */
    private String decimalLiteral() {
        if (!decimals) {
            return String.valueOf(random.nextInt(41) - 20);
        }
        int scale = random.nextInt(4);
        int digits = scale + 1 + random.nextInt(5);
        StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
        for (int i = 0; i < digits; i++) {
            text.append((char) ('0' + random.nextInt(10)));
            if (i == digits - scale - 1 && scale > 0) {
                text.append('.');
            }
        }
        // written as it is, a number with a point is the DECIMAL of its digits in both engines
        return scale > 0 && random.nextBoolean() ? "(" + text + ")"
                : "CAST('" + text + "' AS DECIMAL(" + digits + ", " + scale + "))";
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
            case INT -> random.nextInt(20) == 0 ? List.of("2147483647", "-2147483647", "9223372036854775807",
                    "-9223372036854775807", "1500000000", "-2147483648", "-9223372036854775808", "0", "-1")
                    .get(random.nextInt(9)) : String.valueOf(random.nextInt(26) - 5);
            case DBL -> random.nextInt(15) == 0 ? "CAST('" + List.of("nan", "inf", "-inf", "-0.0", "1e308")
                    .get(random.nextInt(5)) + "' AS DOUBLE)" : "CAST(" + (random.nextInt(41) - 20) / 4.0 + " AS DOUBLE)";
            case STR -> "'" + RandomTable.STRINGS.get(random.nextInt(RandomTable.STRINGS.size())) + "'";
            case BOOL -> String.valueOf(random.nextBoolean());
            case DATE -> "DATE '" + java.time.LocalDate.of(2023, 12, 25).plusDays(random.nextInt(20)) + "'";
        };
    }
}
