package dev.floe.sql;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.SchemaException;
import dev.floe.frame.Types;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTyper;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.plan.SortKey;
import dev.floe.frame.expr.Lit;
import dev.floe.frame.io.TableStatistics;
import dev.floe.frame.io.csv.CsvOptions;
import dev.floe.frame.plan.Estimates;
import dev.floe.frame.plan.JoinType;
import dev.floe.sql.Relation.Field;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.OracleNamedFunctionParameter;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Values;

/**
 * The FROM clause of a SELECT, as {@link Translator} translates it: tables, files, table functions
 * ({@code range}, {@code read_csv}, ...) and VALUES; joins with ON or USING; and comma-separated
 * items joined in an order chosen from their estimated sizes, each connected to those before by
 * an equality of WHERE (the join's key), with the equalities and filters WHERE implies carried
 * across join keys.
 */
final class FromPlanner {
    private final Translator translator;
    /** One row and no columns: the FROM of a SELECT without one, made once per statement. */
    private Relation dual;

    FromPlanner(Translator translator) {
        this.translator = translator;
    }

    /**
     * The FROM clause as one relation. Items separated by commas (or CROSS JOIN) are joined in an
     * order where each next one is connected to those joined before by an equality in WHERE, which
     * becomes the join's key (and leaves WHERE), so no cross product is built where a condition
     * connects the tables; a JOIN with ON or USING joins everything before it. A correlated
     * subquery's outer values join the same way, as soon as a condition connects them.
     */
    Relation fromClause(PlainSelect select, Env env, List<Expression> where) {
        Relation values = env.correlation == null ? null : env.correlation.values;
        if (select.getFromItem() == null) {
            return values == null ? dual() : values;
        }
        Env items = env.derived(); // the FROM items do not see the outer values
        List<Relation> units = new ArrayList<>();
        // for each unit, whether a comma put it there (a CROSS JOIN binds as JOIN does, a comma more loosely)
        List<Boolean> afterComma = new ArrayList<>();
        // for each unit, whether it joins items a comma parted (a LATERAL item or unnest after a comma, or a join
        // whose ON reads items before the comma, joins them all): a RIGHT or FULL JOIN cannot take such a unit
        // as its left side, as SQL gives it only the items since the comma
        List<Boolean> spans = new ArrayList<>();
        boolean comma = true;
        boolean currentSpans = false;
        Relation current = fromItem(select.getFromItem(), items);
        if (select.getJoins() != null) {
            for (Join join : select.getJoins()) {
                units.add(current);
                afterComma.add(comma);
                spans.add(currentSpans);
                comma = join.isSimple();
                boolean spanning = spans.contains(true) || afterComma.subList(1, afterComma.size()).contains(true);
                if (join.getFromItem() instanceof net.sf.jsqlparser.statement.select.LateralSubSelect lateral) {
                    // a LATERAL subquery reads the items before it: they are joined first
                    current = lateral(connected(units, where, null, env, lateral), lateral, join, items, where);
                    currentSpans = spanning || join.isSimple();
                    units.clear();
                } else if (isCommaJoin(join) && join.getFromItem() instanceof ParenthesedSelect subquery) {
                    // DuckDB reads a subquery that names the items before it as LATERAL
                    try {
                        current = fromItem(subquery, items);
                        currentSpans = false;
                    } catch (SqlException own) {
                        Relation before = connected(units, where, null, env, subquery);
                        Relation lateral = lateralOrNull(before, subquery, join, items, where);
                        if (lateral == null) {
                            throw own;
                        }
                        current = lateral;
                        currentSpans = true;
                        units.clear();
                    }
                } else if (isUnnest(join.getFromItem()) && (isCommaJoin(join) || perRowJoin(join))) {
                    // unnest of a list of the items before: their rows joined, then one row per element
                    Relation before = connected(units, where, null, env, join.getFromItem());
                    current = perRowJoined(before, join, items,
                            (rows, keepEmpty) -> unnest(rows, (TableFunction) join.getFromItem(), items, keepEmpty));
                    currentSpans = true;
                    units.clear();
                } else if (isSeries(join.getFromItem()) && (isCommaJoin(join) || perRowJoin(join))
                        && readsColumns(((TableFunction) join.getFromItem()).getFunction())) {
                    // a series whose arguments read the items before it: a series for each of their rows
                    Relation before = connected(units, where, null, env, join.getFromItem());
                    current = perRowJoined(before, join, items, (rows, keepEmpty) -> seriesOfEachRow(rows,
                            (TableFunction) join.getFromItem(), items, keepEmpty));
                    currentSpans = true;
                    units.clear();
                } else if (isCommaJoin(join)) {
                    current = fromItem(join.getFromItem(), items);
                    currentSpans = false;
                } else if (groupStart(afterComma) > 0 && !readsBefore(join, units.subList(0, groupStart(afterComma)),
                        units.subList(groupStart(afterComma), units.size()))) {
                    // a comma binds more loosely than JOIN: FROM t, u RIGHT JOIN v is t x (u RIGHT JOIN v), whose
                    // rows of v without a u still meet every row of t; the join takes the items since the last comma
                    int start = groupStart(afterComma);
                    boolean groupSpans = spans.subList(start, spans.size()).contains(true);
                    refuseOuterAfterSpan(join, groupSpans);
                    List<Relation> group = new ArrayList<>(units.subList(start, units.size()));
                    current = join(connected(group, where, null, env, join.getFromItem()), join, items, where);
                    currentSpans = groupSpans;
                    units.subList(start, units.size()).clear();
                    afterComma.subList(start, afterComma.size()).clear();
                    spans.subList(start, spans.size()).clear();
                    comma = true; // the joined group began after a comma
                } else {
                    refuseOuterAfterSpan(join, spanning);
                    current = join(connected(units, where, null, env, join.getFromItem()), join, items, where);
                    currentSpans = spanning;
                    units.clear();
                }
                if (units.isEmpty()) {
                    afterComma.clear();
                    spans.clear();
                    comma = true;
                }
            }
        }
        units.add(current);
        return connected(units, where, values, env, select.getFromItem());
    }

    /**
     * Refuses a RIGHT or FULL JOIN whose left side would join items a comma parted ({@code spans}): SQL gives
     * it the items since the last comma only, but a LATERAL item or unnest after a comma, or a join whose ON
     * reads items before the comma, joined them all, and the unmatched rows of the right side would meet one
     * null row instead of every row before the comma.
     */
    private void refuseOuterAfterSpan(Join join, boolean spans) {
        if (spans && (join.isRight() || join.isFull())) {
            throw translator.error((join.isFull() ? "FULL" : "RIGHT") + " JOIN after a comma whose items a LATERAL "
                    + "subquery, an unnest or a join's ON reads across is not supported (SQL joins only the items "
                    + "since the comma to it)", join.getFromItem());
        }
    }

    /**
     * Whether {@code join} puts an unnest or a series after the items before it element by element
     * ({@link #perRowJoined}), as DuckDB reads such a join: one that reads their columns after
     * {@code [INNER] JOIN ... ON cond} or {@code LEFT JOIN ... ON cond}, and an unnest of constants
     * after {@code LEFT JOIN ... ON cond} (else a table as any other); other joins of one that reads
     * their columns refused by name.
     */
    private boolean perRowJoin(Join join) {
        if (!readsColumns(((TableFunction) join.getFromItem()).getFunction())) {
            // of constants: a table like any other, but after LEFT JOIN with any condition, as a list of each row
            return join.isLeft() && hasConditions(join) && isUnnest(join.getFromItem())
                    && (join.getUsingColumns() == null || join.getUsingColumns().isEmpty()) && !join.isNatural();
        }
        boolean inner = !join.isLeft() && !join.isRight() && !join.isFull() && !join.isSemi() && !join.isStraight()
                && !join.isAsOf() && !join.isApply();
        boolean using = join.getUsingColumns() != null && !join.getUsingColumns().isEmpty();
        if ((inner || join.isLeft()) && !join.isNatural() && !using && hasConditions(join)) {
            return true;
        }
        throw translator.error("an unnest or series that reads the items before it joins them by a comma, CROSS JOIN, "
                + "[INNER] JOIN ... ON or LEFT JOIN ... ON; not " + join.toString().trim(), join.getFromItem());
    }

    /**
     * The elements of each row of {@code before} ({@code elementsOf}, with or without a NULL one for
     * a row that has none) joined as {@code join} says: after a comma or CROSS JOIN all of them; after
     * JOIN ... ON those the condition holds for; after LEFT JOIN ... ON those too, and a row with NULL
     * for each row of {@code before} that keeps none (all of them, with ON true), as DuckDB.
     */
    private Relation perRowJoined(Relation before, Join join, Env env,
            java.util.function.BiFunction<Relation, Boolean, Relation> elementsOf) {
        boolean onTrue = hasConditions(join) && join.getOnExpressions().size() == 1
                && Translator.unparenthesized(join.getOnExpressions().iterator().next())
                        instanceof net.sf.jsqlparser.expression.BooleanValue value && value.getValue();
        if (!join.isLeft() || onTrue) {
            Relation all = elementsOf.apply(before, join.isLeft());
            return join.isLeft() || !hasConditions(join) ? all : filteredOn(all, join, env);
        }
        // each row numbered, its kept elements joined back to it on the number
        String id = translator.fresh("__floe_row");
        Relation numbered = before.withFrame(before.frame().withRowIndex(id));
        Relation kept = filteredOn(elementsOf.apply(numbered, false), join, env);
        Field element = kept.fields().get(kept.fields().size() - 1);
        String keptId = translator.fresh("__floe_row");
        LazyFrame elements = kept.frame().select(col(id).alias(keptId), col(element.column()));
        LazyFrame joined = translator.guarded(() -> numbered.frame().join(elements, List.of(id), List.of(keptId),
                JoinType.LEFT, "_right"), join.getFromItem()).drop(id);
        List<Field> fields = new ArrayList<>(before.fields());
        fields.add(element);
        return new Relation(joined, fields);
    }

    /** {@code joined} (an unnest or series of each row of the items before) kept where the join's ON holds. */
    private Relation filteredOn(Relation joined, Join join, Env env) {
        Scope scope = new Scope(joined, env, null);
        List<Expr> conditions = new ArrayList<>();
        for (Expression condition : join.getOnExpressions()) {
            conditions.add(translator.typed(translator.expr(condition, scope), joined.frame().schema(), condition, "ON"));
        }
        Expr filter = ExpressionPlanner.joined(conditions, Expr::and);
        LazyFrame frame = joined.frame();
        return joined.withFrame(translator.guarded(() -> frame.filter(filter), join.getOnExpressions().iterator().next()));
    }

    /** Whether {@code expression} names a column anywhere (outside subqueries). */
    private static boolean readsColumns(Expression expression) {
        boolean[] found = {false};
        expression.accept(new net.sf.jsqlparser.expression.ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column column, S context) {
                found[0] = true;
                return null;
            }
        }, null);
        return found[0];
    }

    private static boolean isSeries(FromItem item) {
        return item instanceof TableFunction function
                && List.of("range", "generate_series").contains(function.getFunction().getName().toLowerCase(Locale.ROOT));
    }

    private static boolean isUnnest(FromItem item) {
        return item instanceof TableFunction function && function.getFunction().getName().equalsIgnoreCase("unnest");
    }

    /**
     * {@code unnest(l)} as a FROM item, as DuckDB's: a row per element of the list {@code l}, a
     * column named {@code unnest} (or as the alias's column list says); after other items
     * ({@code FROM t, unnest(t.l)}, {@code CROSS JOIN [LATERAL] unnest(...)}) {@code l} may read
     * their columns, and each of their rows is repeated for each of its list's elements (none for a
     * null or empty list); {@code left} is null for the first item.
     */
    private Relation unnest(Relation left, TableFunction function, Env env, boolean keepEmpty) {
        Relation from = left == null ? dual() : left;
        List<Expression> args = translator.expressions().arguments(function.getFunction());
        if (args.size() != 1) {
            throw translator.error("unnest in FROM takes one list", function);
        }
        Scope scope = new Scope(from, env.local(), null);
        Expr list = translator.expr(args.get(0), scope);
        DataType type = translator.typeOfOrFail(list, scope, function);
        if (!type.isList() && type != DataType.NULL) {
            throw translator.error("unnest takes a list, not " + Translator.sqlTypeName(type), function);
        }
        return elements(left, from, list, type, function, "unnest", keepEmpty);
    }

    /**
     * {@code range(...)} or {@code generate_series(...)} in FROM reading the columns of the items
     * before it ({@code FROM t, generate_series(1, t.n)}), as DuckDB reads it: for each of their
     * rows, a row per number of its series (none for an empty one or a NULL argument), in a column
     * named as the function; the series as the list function of that name makes it.
     */
    private Relation seriesOfEachRow(Relation left, TableFunction function, Env env, boolean keepEmpty) {
        List<Expression> args = translator.expressions().arguments(function.getFunction());
        if (args.size() == 3) {
            // the table function refuses a step of 0 (DuckDB too), where the list function gives []
            Lit step;
            if (readsColumns(args.get(2))) {
                throw translator.error("the step of a series that reads the items before it must be a constant",
                        args.get(2));
            }
            step = constant(args.get(2));
            if (step.value() instanceof Number number && number.longValue() == 0 && step.type().isInteger()
                    || step.value() instanceof java.time.Duration duration && duration.isZero()) {
                throw translator.error(function.getFunction().getName() + "'s step cannot be 0", args.get(2));
            }
        }
        Scope scope = new Scope(left, env.local(), null);
        Expr list = translator.expr(function.getFunction(), scope);
        DataType type = translator.typeOfOrFail(list, scope, function);
        String name = function.getFunction().getName().toLowerCase(Locale.ROOT);
        return elements(left, left, list, type, function, name, keepEmpty);
    }

    /**
     * {@code from}'s rows, each once for each element of its {@code list} (none where it is empty or
     * NULL, or, with {@code keepEmpty}, one with a NULL element).
     */
    private Relation elements(Relation left, Relation from, Expr list, DataType type, TableFunction function,
            String name0, boolean keepEmpty) {
        String column = translator.fresh("__floe_unnest");
        LazyFrame frame = from.frame().withColumns(list.alias(column));
        if (keepEmpty) {
            frame = type == DataType.NULL ? frame : frame.explode(column);
        } else if (type == DataType.NULL) {
            frame = frame.filter(lit(false));
        } else {
            frame = frame.filter(col(column).isNotNull().and(col(column).lst().len().gt(0))).explode(column);
        }
        net.sf.jsqlparser.expression.Alias alias = function.getAlias();
        String name = name0;
        String qualifier = name0;
        if (alias != null) {
            qualifier = Translator.unquote(alias.getName());
            if (alias.getAliasColumns() != null && !alias.getAliasColumns().isEmpty()) {
                if (alias.getAliasColumns().size() != 1) {
                    throw translator.error(name0 + " gives one column, not " + alias.getAliasColumns().size(), function);
                }
                name = Translator.unquote(alias.getAliasColumns().get(0).name);
            }
        }
        List<Field> fields = new ArrayList<>(left == null ? List.of() : left.fields());
        fields.add(new Field(qualifier, name, column, false));
        return new Relation(frame, fields);
    }

    /** Where the units since the last comma begin (0 where no comma came before them). */
    private static int groupStart(List<Boolean> afterComma) {
        int k = afterComma.size() - 1;
        while (k > 0 && !afterComma.get(k)) {
            k--;
        }
        return k;
    }

    /**
     * Whether {@code join}'s ON reads a column of the items before the last comma ({@code before}) that
     * the items since ({@code group}) do not have: SQL would not let it, but DuckDB reads an inner join
     * so, and Floe joins all the items before the join then, as such a join gives the same rows.
     */
    private static boolean readsBefore(Join join, List<Relation> before, List<Relation> group) {
        if (join.getOnExpressions() == null) {
            return false;
        }
        java.util.Deque<Expression> pending = new java.util.ArrayDeque<>(join.getOnExpressions());
        while (!pending.isEmpty()) {
            Expression e = pending.pop();
            if (e instanceof Column column) {
                String qualifier = Translator.qualifier(column);
                String name = Translator.unquote(column.getColumnName());
                boolean earlier = before.stream().anyMatch(r -> !r.matches(qualifier, name).isEmpty());
                boolean own = group.stream().anyMatch(r -> !r.matches(qualifier, name).isEmpty());
                if (earlier && !own) {
                    return true;
                }
            }
            pending.addAll(Translator.children(e));
        }
        return false;
    }

    /**
     * {@code left} joined with a LATERAL subquery, which reads {@code left}'s columns: the general
     * unnesting of correlated subqueries (see {@link Correlation}) computes it once for each
     * distinct value of the columns it reads, and joins the rows back on them (nulls equal). A
     * comma, CROSS or INNER join keeps the rows of {@code left} the subquery gives rows for (an
     * ON condition then filters), LEFT JOIN ... ON true keeps every row of {@code left}, with nulls
     * where it gives none.
     */
    private Relation lateral(Relation left, ParenthesedSelect subquery, Join join, Env env, List<Expression> where) {
        Relation joined = lateralOrNull(left, subquery, join, env, where);
        if (joined != null) {
            return joined;
        }
        // reads nothing of the items before: a plain subquery, joined as any other item
        return join.isSimple() || join.isCross() && !hasConditions(join)
                ? commaJoin(left, fromItem(subquery, env), where, env, subquery)
                : join(left, join, env, where);
    }

    private static boolean hasConditions(Join join) {
        return join.getOnExpressions() != null && !join.getOnExpressions().isEmpty()
                || join.getUsingColumns() != null && !join.getUsingColumns().isEmpty();
    }

    /** {@link #lateral}, or null where the subquery reads no column of {@code left}. */
    private Relation lateralOrNull(Relation left, ParenthesedSelect subquery, Join join, Env env, List<Expression> where) {
        if (join.isFull() || join.isRight() || join.isNatural() || join.isSemi() || join.isStraight() || join.isAsOf()
                || join.getUsingColumns() != null && !join.getUsingColumns().isEmpty()) {
            throw translator.error("a LATERAL subquery joins by a comma, CROSS JOIN, [INNER] JOIN ... ON or "
                    + "LEFT JOIN ... ON true; not " + join.toString().trim(), subquery);
        }
        List<Expression> on = hasConditions(join) ? join.getOnExpressions().stream()
                .flatMap(e -> Translator.conjuncts(e).stream()).toList() : List.of();
        if (join.isLeft() && !(on.size() == 1 && Translator.unparenthesized(on.get(0)) instanceof
                net.sf.jsqlparser.expression.BooleanValue value && value.getValue())) {
            throw translator.error("LEFT JOIN LATERAL takes ON true (a condition on the subquery's rows belongs in "
                    + "its WHERE)", subquery);
        }
        SubqueryPlanner.Planned planned = translator.subqueries().planned(subquery, new Scope(left, env, null));
        Correlation correlation = planned.correlation();
        if (correlation == null) {
            return null;
        }
        String qualifier = subquery.getAlias() == null ? null : Translator.unquote(subquery.getAlias().getName());
        Relation inner = planned.relation().requalified(qualifier);
        List<Field> innerFields = inner.fields().stream().filter(f -> !correlation.columns.contains(f.column())).toList();
        inner = new Relation(inner.frame(), innerFields);
        if (subquery.getAlias() != null && subquery.getAlias().getAliasColumns() != null
                && !subquery.getAlias().getAliasColumns().isEmpty()) {
            inner = renamed(inner, subquery.getAlias().getAliasColumns().stream().map(c -> Translator.unquote(c.name))
                    .toList(), subquery.getAlias());
        }
        // the subquery's own columns apart from left's (the outer values' columns are fresh names)
        inner = separate(left, inner);
        LazyFrame frame = translator.subqueries().keyedJoin(left.frame(), inner.frame(),
                correlation.fields.stream().map(f -> (Expr) col(f.column())).toList(), correlation.columns, List.of(),
                List.of(), join.isLeft() ? JoinType.LEFT : JoinType.INNER, subquery);
        List<Field> fields = new ArrayList<>(left.fields());
        fields.addAll(inner.fields());
        Relation joined = new Relation(frame, fields);
        if (!join.isLeft() && !on.isEmpty()) {
            Scope scope = new Scope(joined, env, null);
            List<Expr> conditions = new ArrayList<>();
            for (Expression condition : on) {
                conditions.add(translator.typed(translator.expr(condition, scope), frame.schema(), condition, "ON"));
            }
            Expr filter = ExpressionPlanner.joined(conditions, Expr::and);
            joined = joined.withFrame(translator.guarded(() -> frame.filter(filter), join.getOnExpressions().iterator()
                    .next()));
        }
        return joined;
    }

    private static boolean isCommaJoin(Join join) {
        boolean conditions = join.getOnExpressions() != null && !join.getOnExpressions().isEmpty()
                || join.getUsingColumns() != null && !join.getUsingColumns().isEmpty();
        return (join.isSimple() || join.isCross()) && !conditions && !join.isNatural();
    }

    /**
     * The relations joined one by one: next, the outer values if a WHERE equality connects them to
     * what is joined so far, else the first relation in FROM order that one connects, else (a
     * cross product no condition avoids) the first left.
     */
    private Relation connected(List<Relation> units, List<Expression> where, Relation values, Env env, Object node) {
        if (values == null && units.size() >= 2) {
            Relation ordered = ordered(units, where, env, node);
            if (ordered != null) {
                return ordered;
            }
        }
        List<Relation> rest = new ArrayList<>(units);
        Relation joined = rest.remove(0);
        if (values != null) {
            rest.add(values);
        }
        while (!rest.isEmpty()) {
            int next = -1;
            if (values != null && rest.get(rest.size() - 1) == values && linked(joined, values, where, env)) {
                next = rest.size() - 1;
            }
            for (int i = 0; next < 0 && i < rest.size(); i++) {
                if (rest.get(i) != values && linked(joined, rest.get(i), where, env)) {
                    next = i;
                }
            }
            if (next < 0) {
                next = 0; // the outer values, placed last, come last here too
            }
            joined = commaJoin(joined, rest.remove(next), where, env, node);
        }
        return joined;
    }

    /** A relation of a join tree, with the FROM item each of its fields comes from. */
    private record Placed(Relation relation, List<Integer> owners) {}

    /**
     * The relations joined in the order {@link JoinOrder} finds cheapest from the estimates of
     * their sizes after their own WHERE filters and of the WHERE equalities between them; the
     * fields stay in FROM order (what {@code *} shows). Null when a relation's size cannot be
     * estimated (a CSV file), to join in FROM order instead. The rows' order is the join tree's,
     * which SQL leaves open without ORDER BY.
     */
    private Relation ordered(List<Relation> units, List<Expression> where, Env env, Object node) {
        int n = units.size();
        impliedFilters(units, where, env);
        carriedEqualities(units, where, env);
        double[] rows = new double[n];
        double[] unfiltered = new double[n];
        TableStatistics[] stats = new TableStatistics[n];
        LazyFrame[] filtered = new LazyFrame[n];
        for (int i = 0; i < n; i++) {
            LazyFrame frame = units.get(i).frame();
            unfiltered[i] = Estimates.rows(frame.plan());
            for (Expression conjunct : where) {
                Expr local = Translator.containsSubquery(conjunct) ? null : tryExpr(conjunct, units.get(i), env);
                if (local != null && ExprTyper.typeOf(local, frame.schema()) == DataType.BOOLEAN) {
                    frame = frame.filter(local);
                }
            }
            filtered[i] = frame;
            stats[i] = Estimates.of(frame.plan());
            rows[i] = stats[i].rows();
            if (Double.isNaN(rows[i]) || Double.isNaN(unfiltered[i])) {
                return null;
            }
        }
        double[][] share = new double[n][n];
        boolean[][] connected = new boolean[n][n];
        int[][] conditions = new int[n][n];
        for (double[] row : share) {
            java.util.Arrays.fill(row, 1);
        }
        for (Expression conjunct : where) {
            if (!(conjunct instanceof EqualsTo equals) || Translator.containsSubquery(conjunct)) {
                continue;
            }
            Expr[] lefts = new Expr[n];
            Expr[] rights = new Expr[n];
            for (int i = 0; i < n; i++) {
                lefts[i] = keyExpr(equals.getLeftExpression(), units.get(i), env);
                rights[i] = keyExpr(equals.getRightExpression(), units.get(i), env);
            }
            pairs:
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j && lefts[i] != null && rights[j] != null) {
                        double distinct = Math.max(keyDistinct(lefts[i], stats[i]), keyDistinct(rights[j], stats[j]));
                        share[i][j] /= Math.max(1, distinct);
                        share[j][i] = share[i][j];
                        connected[i][j] = connected[j][i] = true;
                        conditions[i][j]++;
                        conditions[j][i]++;
                        break pairs;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (conditions[i][j] > 1) {
                    // several keys together name at most one row of the smaller table
                    share[i][j] = Math.max(share[i][j], 1 / Math.max(1, Math.min(unfiltered[i], unfiltered[j])));
                }
            }
        }
        JoinOrder.Tree tree = n <= JoinOrder.MOST_TABLES ? JoinOrder.best(rows, share, connected)
                : JoinOrder.greedy(rows, share, connected);
        Placed placed = placed(tree, units, where, env, node);
        List<Field> fields = placed.relation().fields();
        List<Field> inFromOrder = new ArrayList<>(fields.size());
        Map<String, Relation.Domain> domains = new java.util.HashMap<>();
        for (int unit = 0; unit < n; unit++) {
            List<Field> own = units.get(unit).fields();
            int next = 0;
            for (int f = 0; f < fields.size(); f++) {
                if (placed.owners().get(f) == unit) {
                    // the unit's own fields, in their order (some renamed apart from the others')
                    Field original = own.get(next++);
                    domains.put(fields.get(f).column(), new Relation.Domain(filtered[unit], original.column(), unit));
                    inFromOrder.add(fields.get(f));
                }
            }
        }
        return new Relation(placed.relation().frame(), inFromOrder, domains);
    }

    private Placed placed(JoinOrder.Tree tree, List<Relation> units, List<Expression> where, Env env, Object node) {
        if (tree.isTable()) {
            Relation unit = units.get(tree.table());
            return new Placed(unit, java.util.Collections.nCopies(unit.fields().size(), tree.table()));
        }
        Placed probe = placed(tree.probe(), units, where, env, node);
        Placed build = placed(tree.build(), units, where, env, node);
        Relation joined = commaJoin(probe.relation(), build.relation(), where, env, node);
        return new Placed(joined, concat(probe.owners(), build.owners()));
    }

    /** The distinct values a join key is estimated to have: a column's, else one per row. */
    private static double keyDistinct(Expr key, TableStatistics stats) {
        return key instanceof Col column ? Estimates.keyDistinct(stats, column.name()) : stats.rows();
    }

    /**
     * Equalities with a constant carried across the join keys of the same type: {@code a.x = b.y
     * AND a.x = 5} also gets {@code b.y = 5}, which filters b before the join (and a chain
     * {@code b.y = c.z} carries it on). Implied by the two (equal values of one type compare
     * alike with the constant), so the answer is the same.
     */
    private void carriedEqualities(List<Relation> units, List<Expression> where, Env env) {
        Set<String> present = new HashSet<>();
        for (Expression conjunct : where) {
            present.add(Translator.normalized(conjunct));
        }
        boolean added = true;
        for (int round = 0; added && round < units.size(); round++) {
            added = false;
            // the constants each column expression is equal to
            Map<String, List<Expression>> constants = new LinkedHashMap<>();
            for (Expression conjunct : where) {
                if (conjunct instanceof EqualsTo equals && !Translator.containsSubquery(conjunct)) {
                    for (int side = 0; side < 2; side++) {
                        Expression column = side == 0 ? equals.getLeftExpression() : equals.getRightExpression();
                        Expression constant = side == 0 ? equals.getRightExpression() : equals.getLeftExpression();
                        if (column instanceof Column && isConstant(constant, env)) {
                            constants.computeIfAbsent(Translator.normalized(column), k -> new ArrayList<>()).add(constant);
                        }
                    }
                }
            }
            for (Expression conjunct : List.copyOf(where)) {
                if (!(conjunct instanceof EqualsTo equals) || !(equals.getLeftExpression() instanceof Column a)
                        || !(equals.getRightExpression() instanceof Column b)) {
                    continue;
                }
                DataType typeA = columnType(a, units, env);
                DataType typeB = columnType(b, units, env);
                if (typeA == null || typeA != typeB) {
                    continue;
                }
                for (int side = 0; side < 2; side++) {
                    Column from = side == 0 ? a : b;
                    Column to = side == 0 ? b : a;
                    for (Expression constant : constants.getOrDefault(Translator.normalized(from), List.of())) {
                        EqualsTo carried = new EqualsTo(to, constant);
                        if (present.add(Translator.normalized(carried))) {
                            where.add(carried);
                            added = true;
                        }
                    }
                }
            }
        }
    }

    /** Whether {@code expression} reads no column and no subquery (a literal, or arithmetic of them). */
    private boolean isConstant(Expression expression, Env env) {
        if (Translator.containsSubquery(expression) || Translator.containsAggregate(expression)) {
            return false;
        }
        Expr value = tryExpr(expression, dual(), env);
        return value != null && dev.floe.frame.expr.ExprTrees.columns(value).isEmpty();
    }

    /** The type of the column {@code column} names in exactly one FROM item, or null. */
    private DataType columnType(Column column, List<Relation> units, Env env) {
        DataType found = null;
        int matches = 0;
        for (Relation unit : units) {
            Expr value = tryExpr(column, unit, env);
            if (value != null) {
                found = ExprTyper.typeOf(value, unit.frame().schema());
                matches++;
            }
        }
        return matches == 1 ? found : null;
    }

    /**
     * For each OR in WHERE and each FROM item that every branch of it filters, the OR of those
     * filters added to WHERE: {@code (n1.x = 'A' AND n2.x = 'B') OR (n1.x = 'B' AND n2.x = 'A')}
     * adds {@code n1.x = 'A' OR n1.x = 'B'} and the same for n2, which filter each table before
     * it is joined. Each is implied by the OR (a row it is false for is false for every branch),
     * so the answer is the same.
     */
    private void impliedFilters(List<Relation> units, List<Expression> where, Env env) {
        for (Expression conjunct : List.copyOf(where)) {
            List<Expression> branches = Translator.disjuncts(conjunct);
            if (branches.size() < 2 || Translator.containsSubquery(conjunct)) {
                continue;
            }
            for (Relation unit : units) {
                Expression implied = null;
                boolean narrower = false;
                for (Expression branch : branches) {
                    List<Expression> all = Translator.conjuncts(branch);
                    Expression own = null;
                    for (Expression part : all) {
                        if (tryExpr(part, unit, env) != null) {
                            own = own == null ? part : new AndExpression(own, part);
                        } else {
                            narrower = true;
                        }
                    }
                    if (own == null) {
                        implied = null;
                        break;
                    }
                    Expression item = new ParenthesedExpressionList<>(own);
                    implied = implied == null ? item : new OrExpression(implied, item);
                }
                if (implied != null && narrower) {
                    where.add(new ParenthesedExpressionList<>(implied));
                }
            }
        }
    }

    private boolean linked(Relation left, Relation right, List<Expression> where, Env env) {
        for (Expression conjunct : where) {
            if (equiKeys(conjunct, left, right, env) != null) {
                return true;
            }
        }
        return false;
    }

    /** Two relations of a FROM list joined on the WHERE equalities between them (which leave WHERE), else crossed. */
    private Relation commaJoin(Relation left, Relation next, List<Expression> where, Env env, Object node) {
        Relation right = separate(left, next);
        List<Expression> conditions = new ArrayList<>();
        for (Expression conjunct : new ArrayList<>(where)) {
            if (equiKeys(conjunct, left, right, env) != null) {
                conditions.add(conjunct);
                where.remove(conjunct);
            }
        }
        return onJoin(left, right, conditions.isEmpty() ? JoinType.CROSS : JoinType.INNER, conditions, env, node);
    }

    /**
     * The conjuncts, with what every branch of an OR has in common taken out of it:
     * {@code (a AND b) OR (a AND c)} is {@code a AND (b OR c)}, and {@code a OR (a AND b)} is
     * {@code a} (both exact in SQL's three-valued logic), so that a join condition written in
     * each branch becomes a join key.
     */
    static List<Expression> factored(List<Expression> conjuncts) {
        List<Expression> out = new ArrayList<>();
        for (Expression conjunct : conjuncts) {
            List<Expression> branches = Translator.disjuncts(conjunct);
            if (branches.size() < 2) {
                out.add(conjunct);
                continue;
            }
            List<List<Expression>> parts = new ArrayList<>();
            List<Set<String>> texts = new ArrayList<>();
            for (Expression branch : branches) {
                List<Expression> part = Translator.conjuncts(branch);
                parts.add(part);
                texts.add(new HashSet<>(part.stream().map(Translator::normalized).toList()));
            }
            List<Expression> common = new ArrayList<>();
            Set<String> commonTexts = new HashSet<>();
            for (Expression candidate : parts.get(0)) {
                String text = Translator.normalized(candidate);
                if (!commonTexts.contains(text) && texts.stream().allMatch(t -> t.contains(text))) {
                    common.add(candidate);
                    commonTexts.add(text);
                }
            }
            if (common.isEmpty()) {
                out.add(conjunct);
                continue;
            }
            out.addAll(common);
            List<Expression> rests = new ArrayList<>();
            for (List<Expression> part : parts) {
                List<Expression> rest = part.stream().filter(e -> !commonTexts.contains(Translator.normalized(e))).toList();
                if (rest.isEmpty()) {
                    rests = null; // a branch holds nothing more: the OR is what they share
                    break;
                }
                Expression and = rest.get(0);
                for (int i = 1; i < rest.size(); i++) {
                    and = new AndExpression(and, rest.get(i));
                }
                rests.add(new ParenthesedExpressionList<>(and));
            }
            if (rests != null) {
                Expression or = rests.get(0);
                for (int i = 1; i < rests.size(); i++) {
                    or = new OrExpression(or, rests.get(i));
                }
                out.add(new ParenthesedExpressionList<>(or));
            }
        }
        return out;
    }

    /**
     * The rows {@code sample} draws from {@code frame}, as DuckDB draws them: a count of rows (reservoir)
     * exactly that many, or all where there are fewer; a percentage by reservoir exactly that share,
     * rounded; by system or bernoulli each row kept with that chance. Drawn anew each run, or the
     * same each run (on one thread) for a REPEATABLE seed. The rows come in no set order.
     */
    private LazyFrame sampled(LazyFrame frame, SqlText.Sample sample) {
        long seed = sample.seed() != null ? sample.seed() : translator.context().nextSeed();
        Set<String> taken = new HashSet<>(frame.schema().names());
        String draw = Translator.unique("__floe_draw", taken);
        List<String> names = frame.schema().names();
        if (!sample.rows() && !sample.method().equals("reservoir")) {
            double chance = sample.amount().doubleValue() / 100;
            return frame.withColumns(Exprs.random(seed).alias(draw)).filter(col(draw).lt(lit(chance)))
                    .select(names.toArray(String[]::new));
        }
        LazyFrame drawn = frame.withColumns(Exprs.random(seed).alias(draw));
        if (sample.rows()) {
            long count = sample.amount().compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE
                    : sample.amount().longValueExact();
            return drawn.sort(SortKey.asc(draw)).slice(0, count).select(names.toArray(String[]::new));
        }
        String place = Translator.unique("__floe_place", taken);
        String rows = Translator.unique("__floe_rows", taken);
        return drawn.withColumns(new dev.floe.frame.expr.Over(Exprs.rowNumber(), List.of(), List.of(SortKey.asc(draw)))
                        .alias(place), Exprs.len().over().alias(rows))
                .filter(col(place).le(reservoirCount(col(rows).cast(DataType.FLOAT64), sample.amount().doubleValue() / 100)))
                .select(names.toArray(String[]::new));
    }

    /** The rows DuckDB's reservoir keeps in one block of rows, and the size of a block. */
    static final double RESERVOIR_BLOCK = 100_000;

    /**
     * How many of {@code rows} rows a reservoir sample of {@code share} (0 to 1) keeps, as DuckDB
     * counts them: the share of each whole block of 100,000 rows, {@code (long) (share * 100000)};
     * then all the rows left over where they are no more than that, else their share, rounded.
     * Under a block, the share of the rows, rounded.
     */
    private static Expr reservoirCount(Expr rows, double share) {
        double perBlock = (long) (share * RESERVOIR_BLOCK);
        Expr blocks = rows.mul(lit(1 / RESERVOIR_BLOCK)).floor();
        Expr rest = rows.sub(blocks.mul(lit(RESERVOIR_BLOCK)));
        Expr ofRest = Exprs.when(rest.le(lit(perBlock))).then(rest).otherwise(rest.mul(lit(share)).add(lit(0.5)).floor());
        return Exprs.when(blocks.eq(lit(0.0))).then(rows.mul(lit(share)).add(lit(0.5)).floor())
                .otherwise(blocks.mul(lit(perBlock)).add(ofRest));
    }

    /** One row and no columns SQL can name: the FROM of a SELECT without one, and where constants are computed. */
    private Relation dual() {
        if (dual == null) {
            DataFrame one = DataFrame.ofRows(Schema.of(List.of(new Schema.Field("__floe_dual", DataType.BOOLEAN))),
                    List.of(List.of(true)));
            dual = new Relation(one.lazy(), List.of());
        }
        return dual;
    }

    private Relation fromItem(FromItem item, Env env) {
        net.sf.jsqlparser.expression.Alias alias = item.getAlias();
        if (item.getPivot() != null) {
            net.sf.jsqlparser.statement.select.Pivot pivot = item.getPivot();
            item.setPivot(null);
            try {
                Relation pivoted = new Pivots(translator).pivot(fromItem(item, env), pivot, env, item);
                return pivot.getAlias() == null ? pivoted : pivoted.requalified(Translator.unquote(pivot.getAlias().getName()));
            } finally {
                item.setPivot(pivot);
            }
        }
        if (item.getUnPivot() != null) {
            net.sf.jsqlparser.statement.select.UnPivot unpivot = item.getUnPivot();
            item.setUnPivot(null);
            try {
                Relation unpivoted = new Pivots(translator).unpivot(fromItem(item, env), unpivot, item);
                return unpivot.getAlias() == null ? unpivoted
                        : unpivoted.requalified(Translator.unquote(unpivot.getAlias().getName()));
            } finally {
                item.setUnPivot(unpivot);
            }
        }
        if (item.getSampleClause() != null) {
            net.sf.jsqlparser.statement.select.SampleClause clause = item.getSampleClause();
            SqlText.Sample sample = translator.sample(clause, item);
            item.setSampleClause(null);
            try {
                Relation whole = fromItem(item, env);
                return new Relation(sampled(whole.frame(), sample), whole.fields(), whole.domains());
            } finally {
                item.setSampleClause(clause);
            }
        }
        if (item instanceof Table table && (table.getIndexHint() != null || table.getSqlServerHints() != null
                || table.getTimeTravel() != null || table.getTimeTravelStrAfterAlias() != null)) {
            throw translator.error("table hints and time travel are not supported (" + table + ")", item);
        }
        Relation relation = switch (item) {
            case Table table -> table(table, env);
            case TableFunction function when isUnnest(function) -> unnest(null, function, env, false);
            case TableFunction function -> tableFunction(function);
            case ParenthesedSelect select -> translator.query(select, env).requalified(null);
            case Values values -> values(values);
            case ParenthesedFromItem parenthesed -> {
                Relation inner = fromItem(parenthesed.getFromItem(), env);
                if (parenthesed.getJoins() != null) {
                    List<Expression> none = new ArrayList<>();
                    for (Join join : parenthesed.getJoins()) {
                        inner = join(inner, join, env, none);
                    }
                }
                yield inner;
            }
            default -> throw translator.error(item.getClass().getSimpleName() + " in FROM is not supported", item);
        };
        if (alias != null && Translator.RESERVED_ALIASES.contains(alias.getName().toUpperCase(Locale.ROOT))) {
            // the parser takes "FROM t ANTI JOIN u" as t aliased ANTI: refuse rather than run another query
            throw translator.error("syntax error: unexpected \"" + alias.getName() + "\" (" + alias.getName().toUpperCase(Locale.ROOT)
                    + " is a keyword)", alias);
        }
        if (alias != null) {
            String qualifier = Translator.unquote(alias.getName());
            relation = relation.requalified(qualifier);
            if (alias.getAliasColumns() != null && !alias.getAliasColumns().isEmpty()) {
                List<String> columns = alias.getAliasColumns().stream().map(c -> Translator.unquote(c.name)).toList();
                relation = renamed(relation, columns, alias);
            }
        }
        return relation;
    }

    /** The relation with its visible fields renamed in order (a table alias's column list). */
    Relation renamed(Relation relation, List<String> columns, Object node) {
        List<Field> visible = relation.fields().stream().filter(f -> !f.hidden()).toList();
        if (columns.size() > visible.size()) {
            throw translator.error(columns.size() + " column names given for " + visible.size() + " columns", node);
        }
        List<Field> fields = new ArrayList<>();
        int next = 0;
        for (Field field : relation.fields()) {
            if (!field.hidden() && next < columns.size()) {
                fields.add(new Field(field.qualifier(), columns.get(next++), field.column(), false, field.outer()));
            } else {
                fields.add(field);
            }
        }
        return new Relation(relation.frame(), fields);
    }

    Relation table(Table table, Env env) {
        String raw = table.getFullyQualifiedName();
        if (raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
            String path = raw.substring(1, raw.length() - 1).replace("''", "'");
            return file(path, CsvOptions.defaults(), null, table).requalified(stem(path));
        }
        String name = Translator.unquote(raw);
        Relation cte = env.ctes.get(name);
        if (cte != null) {
            return cte;
        }
        LazyFrame registered = translator.context().table(name);
        if (registered != null) {
            return Relation.of(registered, Translator.unquote(table.getName()));
        }
        String refusal = looksLikeFile(name) ? translator.context().fileAccess().refusal(name) : null;
        if (refusal != null) {
            throw translator.error(refusal, table); // refused before looking whether the file exists
        }
        if (looksLikeFile(name) && (new java.io.File(name).exists() || name.matches(".*[*?\\[{].*"))) {
            return file(name, CsvOptions.defaults(), null, table).requalified(stem(name));
        }
        List<String> known = new ArrayList<>(env.ctes.keySet());
        known.addAll(translator.context().tables());
        throw translator.error("unknown table \"" + name + "\"; tables are: "
                + (known.isEmpty() ? "(none registered; a file path in quotes also works: FROM 'data/x.csv')"
                        : String.join(", ", known)), table);
    }

    private static boolean looksLikeFile(String name) {
        return name.contains("/") || Floe.formatOf(name) != null;
    }

    private static String stem(String path) {
        String name = java.nio.file.Path.of(path).getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** A file scanned by its format: the one a table function names, or the one its extension says. */
    private Relation file(String path, CsvOptions csv, String format, Object node) {
        // a table function names its format; a quoted path has its extension say (CSV when Floe knows none)
        return scan(path, node, () -> switch (format == null ? "" : format) {
            case "csv" -> Floe.scanCsv(path, csv);
            case "parquet" -> Floe.scanParquet(path);
            case "arrow" -> Floe.scanArrow(path);
            default -> Floe.formatOf(path) == null ? Floe.scanCsv(path) : Floe.scan(path);
        });
    }

    /** A scan of the files at {@code path}, where the session may read them; what the reader refuses named at {@code node}. */
    private Relation scan(String path, Object node, java.util.function.Supplier<LazyFrame> scan) {
        String refusal = translator.context().fileAccess().refusal(path);
        if (refusal != null) {
            throw translator.error(refusal, node);
        }
        try {
            return Relation.of(scan.get(), null);
        } catch (UncheckedIOException e) {
            String reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : e.getMessage();
            throw translator.error("cannot read '" + path + "': " + reason, node);
        } catch (IllegalStateException | IllegalArgumentException | dev.floe.FloeException e) {
            // a file refused for what it holds (its format, a corrupt footer) named where the query names it
            throw translator.error("cannot read '" + path + "': " + e.getMessage(), node);
        }
    }

    /** A JSON table function's options: {@code sample_size} (objects to infer the columns from; -1 for all). */
    private dev.floe.frame.io.json.JsonOptions jsonOptions(Map<String, Expression> options, String name, Object node) {
        dev.floe.frame.io.json.JsonOptions json = dev.floe.frame.io.json.JsonOptions.defaults();
        for (Map.Entry<String, Expression> option : options.entrySet()) {
            if (!option.getKey().equals("sample_size")) {
                throw translator.error(name + " takes the option sample_size; " + option.getKey() + " is not supported",
                        option.getValue());
            }
            Lit value = constant(option.getValue());
            if (!(value.value() instanceof Number number) || !value.type().isInteger() || value.type() == DataType.INT128
                    || number.longValue() < -1 || number.longValue() == 0) {
                throw translator.error("sample_size takes a whole number of objects, at least 1, or -1 for all; got "
                        + option.getValue(), option.getValue());
            }
            long rows = number.longValue();
            json = json.withInferSchemaLength(rows == -1 || rows > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) rows);
        }
        return json;
    }

    private Relation json(String path, dev.floe.frame.io.json.JsonOptions options, boolean lines, Object node) {
        return scan(path, node, () -> lines ? Floe.scanNdjson(path, options) : Floe.scanJson(path, options));
    }

    private Relation tableFunction(TableFunction function) {
        String name = function.getFunction().getName().toLowerCase(Locale.ROOT);
        ExpressionList<?> parameters = function.getFunction().getParameters();
        if (name.equals("range") || name.equals("generate_series")) {
            return series(name, parameters == null ? List.of() : new ArrayList<>(parameters), function);
        }
        if (parameters == null || parameters.isEmpty() || !(parameters.get(0) instanceof StringValue path)) {
            throw translator.error(name + " needs a file path in quotes first, as in " + name + "('data/x.csv')", function);
        }
        String file = translator.text(path);
        Map<String, Expression> options = new LinkedHashMap<>();
        for (int i = 1; i < parameters.size(); i++) {
            Expression parameter = parameters.get(i);
            switch (parameter) {
                case OracleNamedFunctionParameter named -> options.put(named.getName().toLowerCase(Locale.ROOT),
                        named.getExpression());
                case EqualsTo equals when equals.getLeftExpression() instanceof Column key -> options.put(
                        Translator.unquote(key.getColumnName()).toLowerCase(Locale.ROOT), equals.getRightExpression());
                default -> throw translator.error(name + " takes named options after the path (delim => ';'), not " + parameter,
                        parameter);
            }
        }
        Relation relation = switch (name) {
            case "read_csv", "read_csv_auto", "scan_csv" -> file(file, csvOptions(options, name), "csv", function);
            case "read_parquet", "scan_parquet", "parquet_scan" -> {
                requireNoOptions(options, name, function);
                yield file(file, CsvOptions.defaults(), "parquet", function);
            }
            case "read_arrow", "read_ipc", "read_feather", "scan_arrow" -> {
                requireNoOptions(options, name, function);
                yield file(file, CsvOptions.defaults(), "arrow", function);
            }
            case "read_json", "read_json_auto" -> json(file, jsonOptions(options, name, function), false, function);
            case "read_ndjson", "read_ndjson_auto" -> json(file, jsonOptions(options, name, function), true, function);
            default -> throw translator.error("unknown table function " + name + "; there are read_csv, read_parquet, "
                    + "read_arrow, read_json and read_ndjson", function);
        };
        return relation.requalified(stem(file));
    }

    /**
     * {@code range([start,] stop [, step])} (stop left out) and {@code generate_series([start,] stop
     * [, step])} (stop kept), as in DuckDB: BIGINTs from start (0 if not given) by step (1), one
     * column named as the function.
     */
    private Relation series(String name, List<Expression> args, Object node) {
        if (args.size() == 3 && (intervalStep(args.get(2)) != null || constant(args.get(2)).type() == DataType.DURATION)) {
            return temporalSeries(name, args, node);
        }
        if (args.isEmpty() || args.size() > 3) {
            throw translator.error(name + " takes 1 to 3 whole numbers: (stop), (start, stop) or (start, stop, step)", node);
        }
        long[] values = new long[args.size()];
        for (int i = 0; i < args.size(); i++) {
            Lit value = constant(args.get(i));
            if (!(value.value() instanceof Number number) || !value.type().isInteger() || value.type() == DataType.INT128) {
                throw translator.error(name + " takes whole numbers (BIGINT); or dates and timestamps with an INTERVAL step"
                        + ", got " + args.get(i), args.get(i));
            }
            values[i] = number.longValue();
        }
        long start = args.size() == 1 ? 0 : values[0];
        long stop = args.size() == 1 ? values[0] : values[1];
        long step = args.size() == 3 ? values[2] : 1;
        if (step == 0) {
            throw translator.error(name + "'s step cannot be 0", node);
        }
        boolean inclusive = name.equals("generate_series");
        java.math.BigInteger span = java.math.BigInteger.valueOf(stop).subtract(java.math.BigInteger.valueOf(start));
        java.math.BigInteger[] quotient = span.divideAndRemainder(java.math.BigInteger.valueOf(step));
        long count;
        if (span.signum() != 0 && span.signum() != Long.signum(step)) {
            count = 0;
        } else {
            java.math.BigInteger n = quotient[0].add(quotient[1].signum() != 0 || inclusive
                    ? java.math.BigInteger.ONE : java.math.BigInteger.ZERO);
            if (n.bitLength() > 31 || n.intValue() > Integer.MAX_VALUE - 8) {
                throw translator.error(name + " would make " + n + " rows; Floe makes series of up to " + (Integer.MAX_VALUE - 8),
                        node);
            }
            count = n.longValue();
        }
        long[] series = new long[(int) count];
        for (int i = 0; i < count; i++) {
            series[i] = start + i * step;
        }
        return Relation.of(DataFrame.of(dev.floe.frame.Series.of(name, series)).lazy(), name);
    }

    /** {@code step} when it is an INTERVAL written in the query ({@code INTERVAL 1 DAY}, {@code -INTERVAL '2 hours'}); else null. */
    private Interval intervalStep(Expression step) {
        Expression e = Translator.unparenthesized(step);
        boolean negative = false;
        if (e instanceof net.sf.jsqlparser.expression.SignedExpression signed
                && Translator.unparenthesized(signed.getExpression()) instanceof net.sf.jsqlparser.expression.IntervalExpression) {
            negative = signed.getSign() == '-';
            e = Translator.unparenthesized(signed.getExpression());
        }
        if (!(e instanceof net.sf.jsqlparser.expression.IntervalExpression interval)) {
            return null;
        }
        Interval value = translator.expressions().interval(interval);
        return negative ? new Interval(-value.months(), -value.days(), -value.micros()) : value;
    }

    /**
     * {@code range(start, stop, INTERVAL ...)} and {@code generate_series(...)} of dates or
     * timestamps, as DuckDB's: TIMESTAMPs from {@code start}, each the one before plus the interval
     * (months first, a day past a month's end going to its last day, then days, then the rest), up
     * to {@code stop} (kept by generate_series); an interval whose parts go both ways, or none, is refused.
     */
    private Relation temporalSeries(String name, List<Expression> args, Object node) {
        java.time.LocalDateTime[] ends = new java.time.LocalDateTime[2];
        for (int i = 0; i < 2; i++) {
            Lit value = constant(args.get(i));
            ends[i] = switch (value.value()) {
                case java.time.LocalDate date -> date.atStartOfDay();
                case java.time.LocalDateTime time -> time;
                case null -> null;
                default -> throw translator.error(name + " with an INTERVAL step takes a DATE or TIMESTAMP "
                        + "start and stop, not " + args.get(i), args.get(i));
            };
        }
        Interval step = intervalStep(args.get(2));
        if (step == null) {
            // an interval computed from constants ('1 day'::INTERVAL, INTERVAL 12 HOUR * 2): microseconds
            Object micros = constant(args.get(2)).value();
            if (micros == null) {
                ends[0] = null;
            } else {
                step = new Interval(0, 0, micros instanceof java.time.Duration d
                        ? Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000)
                        : ((Number) micros).longValue());
            }
        }
        if (ends[0] == null || ends[1] == null) {
            // a NULL bound or step: no rows, as DuckDB's
            return Relation.of(DataFrame.of(dev.floe.frame.Series.of(name, DataType.DATETIME, List.of())).lazy(), name);
        }
        boolean up = step.months() >= 0 && step.days() >= 0 && step.micros() >= 0;
        boolean down = step.months() <= 0 && step.days() <= 0 && step.micros() <= 0;
        if (up == down || !up && !down) {
            throw translator.error(name + "'s interval " + args.get(2) + (up ? " is 0" : " goes both ways")
                    + "; a step is a non-zero interval whose parts all go one way", args.get(2));
        }
        boolean inclusive = name.equals("generate_series");
        if (step.months() == 0) {
            // a fixed step: how many rows, before making them
            java.time.Duration between = java.time.Duration.between(ends[0], ends[1]);
            java.math.BigInteger span = java.math.BigInteger.valueOf(between.getSeconds()).multiply(
                    java.math.BigInteger.valueOf(1_000_000)).add(java.math.BigInteger.valueOf(between.getNano() / 1000));
            java.math.BigInteger each = java.math.BigInteger.valueOf(step.days()).multiply(java.math.BigInteger.valueOf(
                    86_400_000_000L)).add(java.math.BigInteger.valueOf(step.micros()));
            if (span.signum() == each.signum() && span.divide(each).compareTo(java.math.BigInteger.valueOf(
                    Integer.MAX_VALUE - 8)) >= 0) {
                throw translator.error(name + " would make " + span.divide(each) + " rows; Floe makes series of up to "
                        + (Integer.MAX_VALUE - 8), node);
            }
        }
        try {
            return temporalRows(name, ends, step, up, inclusive, node);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw translator.error(name + " goes past the timestamps Floe holds (" + e.getMessage() + ")", node);
        }
    }

    private Relation temporalRows(String name, java.time.LocalDateTime[] ends, Interval step, boolean up,
            boolean inclusive, Object node) {
        // microseconds since 1970 in a long array; calendar arithmetic only for steps of months
        long[] values = new long[16];
        int rows = 0;
        java.time.LocalDateTime at = ends[0];
        long fixed = step.months() == 0 ? Math.addExact(Math.multiplyExact(step.days(), 86_400_000_000L), step.micros()) : 0;
        long stop = micros(ends[1]);
        for (long now = micros(at); up ? (inclusive ? now <= stop : now < stop) : (inclusive ? now >= stop : now > stop); ) {
            if (rows == values.length) {
                if (rows >= Integer.MAX_VALUE - 8) {
                    throw translator.error(name + " would make more rows than a frame holds", node);
                }
                values = java.util.Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * rows));
            }
            values[rows++] = now;
            if (step.months() == 0) {
                now = Math.addExact(now, fixed);
            } else {
                at = at.plusMonths(step.months()).plusDays(step.days()).plus(step.micros(),
                        java.time.temporal.ChronoUnit.MICROS);
                now = micros(at);
            }
        }
        dev.floe.frame.column.Column column = dev.floe.frame.column.Column.of(new dev.floe.frame.column.LongVector(
                DataType.DATETIME, java.util.Arrays.copyOf(values, rows), null));
        return Relation.of(DataFrame.of(dev.floe.frame.Series.of(name, column)).lazy(), name);
    }

    /** Microseconds since 1970-01-01 00:00, as Floe's timestamps hold them. */
    private static long micros(java.time.LocalDateTime time) {
        java.time.Instant instant = time.toInstant(java.time.ZoneOffset.UTC);
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }

    private void requireNoOptions(Map<String, Expression> options, String name, Object node) {
        if (!options.isEmpty()) {
            throw translator.error(name + " takes no options, got " + options.keySet(), node);
        }
    }

    private CsvOptions csvOptions(Map<String, Expression> options, String function) {
        CsvOptions csv = CsvOptions.defaults();
        for (Map.Entry<String, Expression> option : options.entrySet()) {
            Expression value = option.getValue();
            csv = switch (option.getKey()) {
                case "delim", "delimiter", "sep", "separator" -> csv.withDelimiter(oneChar(value, option.getKey()));
                case "quote" -> csv.withQuote(oneChar(value, option.getKey()));
                case "escape" -> csv.withEscape(oneChar(value, option.getKey()));
                case "header" -> csv.withHeader(bool(value, option.getKey()));
                case "skip" -> csv.withSkipRows((int) translator.selects().count(value, "skip"));
                case "nullstr", "null", "null_string", "na_values" -> csv.withNullValues(text(value, option.getKey()));
                case "comment" -> csv.withCommentPrefix(text(value, option.getKey()));
                default -> throw translator.error(function + " has no option " + option.getKey() + "; options are delim, quote, "
                        + "escape, header, skip, nullstr, comment", value);
            };
        }
        return csv;
    }

    private char oneChar(Expression value, String option) {
        String text = text(value, option);
        String unescaped = text.equals("\\t") ? "\t" : text;
        if (unescaped.length() != 1) {
            throw translator.error(option + " needs one character, got '" + text + "'", value);
        }
        return unescaped.charAt(0);
    }

    private String text(Expression value, String option) {
        if (value instanceof StringValue s) {
            return translator.text(s);
        }
        throw translator.error(option + " needs a quoted string, got " + value, value);
    }

    private boolean bool(Expression value, String option) {
        if (value instanceof BooleanValue b) {
            return b.getValue();
        }
        if (value instanceof Column c && (c.getColumnName().equalsIgnoreCase("true")
                || c.getColumnName().equalsIgnoreCase("false"))) {
            return c.getColumnName().equalsIgnoreCase("true");
        }
        throw translator.error(option + " needs true or false, got " + value, value);
    }

    /** VALUES rows as a frame: each column typed by what its values have in common. */
    Relation values(Values values) {
        return values(values, null);
    }

    /**
     * Whether the parser's list of a VALUES clause is one row's cells: VALUES (1, 'a') and VALUES
     * ((1), (2)) are one row of two values (the parser's list is in parentheses), VALUES (1, 'a'),
     * (2, 'b') two rows (a plain list of rows).
     */
    static boolean oneValuesRow(List<? extends Expression> listed) {
        return listed instanceof ParenthesedExpressionList<?>
                || !listed.stream().allMatch(row -> row instanceof ParenthesedExpressionList<?>);
    }

    /**
     * A VALUES list as a relation of constants; where {@code targets} (the types its columns go
     * into, or null) makes a column a decimal, a number written with a point in it is the decimal it
     * is written as, not the double nearest it.
     */
    Relation values(Values values, List<DataType> targets) {
        List<List<Object>> rows = new ArrayList<>();
        List<List<DataType>> types = new ArrayList<>();
        List<List<BigDecimal>> written = new ArrayList<>(); // a number with a point, as written
        int width = -1;
        List<Expression> listed = new ArrayList<>(values.getExpressions());
        boolean oneRow = oneValuesRow(values.getExpressions());
        List<Expression> rowList = oneRow ? List.of(new ParenthesedExpressionList<>(listed)) : listed;
        for (Expression row : rowList) {
            List<Expression> cells = row instanceof ParenthesedExpressionList<?> list ? new ArrayList<>(list)
                    : List.of(row);
            if (width >= 0 && cells.size() != width) {
                throw translator.error("every VALUES row needs " + width + " values; this one has " + cells.size(), row);
            }
            width = cells.size();
            List<Object> out = new ArrayList<>();
            List<DataType> rowTypes = new ArrayList<>();
            List<BigDecimal> rowWritten = new ArrayList<>();
            for (Expression cell : cells) {
                Lit constant = constant(cell);
                out.add(constant.value());
                rowTypes.add(constant.type());
                rowWritten.add(constant.type().isFloat() ? ExpressionPlanner.plainDecimal(cell) : null);
            }
            rows.add(out);
            types.add(rowTypes);
            written.add(rowWritten);
        }
        for (int c = 0; c < width; c++) {
            // a column with decimals takes the numbers written with a point as the decimals they are
            int column = c;
            boolean intoDecimal = targets != null && c < targets.size() && targets.get(c).isDecimal();
            if (intoDecimal || types.stream().anyMatch(row -> row.get(column).isDecimal())) {
                for (int r = 0; r < rows.size(); r++) {
                    BigDecimal exact = written.get(r).get(c) == null ? null : Types.exactDecimal(written.get(r).get(c));
                    if (exact != null) {
                        rows.get(r).set(c, exact);
                        types.get(r).set(c, Types.decimalOf(exact));
                    }
                }
            }
        }
        for (int c = 0; targets != null && c < Math.min(width, targets.size()); c++) {
            DataType target = targets.get(c);
            if (commonType(types, c) == null || target == DataType.UTF8 || target == DataType.CATEGORICAL) {
                // values going into a column (INSERT) that share no type, or into text: each cast to the
                // column's type on its own, so 1 among 1.5 is written '1', not '1.0' as their common type would make it
                for (int r = 0; r < rows.size(); r++) {
                    DataType cell = types.get(r).get(c);
                    if (cell != DataType.NULL && !cell.equals(target)) {
                        if (ExpressionPlanner.noSqlCast(cell, target)) {
                            throw translator.error("cannot cast " + Translator.sqlTypeName(cell) + " to "
                                    + Translator.sqlTypeName(target) + " (VALUES row " + (r + 1) + ", column " + (c + 1)
                                    + "), as in DuckDB", values);
                        }
                        // as SQL's CAST does it (a float rounds to an integer)
                        Expr cast = ExpressionPlanner.sqlCast(new Lit(rows.get(r).get(c), cell, false), cell, target, false)
                                .alias("v");
                        rows.get(r).set(c, dual().frame().select(cast).collect(translator.context().config()).get(0, "v"));
                        types.get(r).set(c, target);
                    }
                }
            }
        }
        List<Schema.Field> fields = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            DataType type = DataType.NULL;
            for (int r = 0; r < rows.size(); r++) {
                DataType cell = types.get(r).get(c);
                DataType common = Types.supertype(type, cell);
                if (common == null) {
                    throw translator.error("VALUES column " + (c + 1) + " mixes " + type + " and " + cell, values);
                }
                type = common;
            }
            fields.add(new Schema.Field("col" + c, type == DataType.CATEGORICAL ? DataType.UTF8 : type));
        }
        DataFrame frame = DataFrame.ofRows(Schema.of(fields), rows);
        return Relation.of(frame.lazy(), null);
    }

    /** The type the cells of column {@code c} share, or null where two share none. */
    private static DataType commonType(List<List<DataType>> types, int c) {
        DataType type = DataType.NULL;
        for (List<DataType> row : types) {
            type = Types.supertype(type, row.get(c));
            if (type == null) {
                return null;
            }
        }
        return type;
    }

    /** A constant expression (one that reads no column), translated. */
    Expr constantExpr(Expression expression) {
        return translator.expr(expression, new Scope(dual(), new Env(), null));
    }

    /**
     * The value of a constant {@code value} cast to {@code type} as SQL's CAST casts it (a float
     * rounds to an integer, text is read), or null; a value that CAST does not take to that type
     * refused with {@code refusal}.
     */
    Object castConstant(Expr value, DataType type, java.util.function.Supplier<SqlException> refusal) {
        DataType from = dev.floe.frame.expr.ExprTyper.typeOf(value, dual().frame().schema());
        if (ExpressionPlanner.noSqlCast(from, type) || from.isNested()) {
            throw refusal.get();
        }
        Expr cast = ExpressionPlanner.sqlCast(value, from, type, false).alias("v");
        return dual().frame().select(cast).collect(translator.context().config()).get(0, "v");
    }

    /** A constant expression's value: literals and casts of them directly, anything else computed once. */
    private Lit constant(Expression cell) {
        Expr value = constantExpr(cell);
        if (value instanceof Lit lit) {
            return lit;
        }
        DataFrame one = dual().frame().select(value.alias("v")).collect(translator.context().config());
        return new Lit(one.get(0, "v"), one.schema().type("v"), false);
    }

    // ---- joins --------------------------------------------------------------------------------

    private Relation join(Relation left, Join join, Env env, List<Expression> where) {
        Relation right = separate(left, fromItem(join.getFromItem(), env));
        if (join.isAsOf()) {
            return asofJoin(left, right, join, env);
        }
        if (join.isSemi() || join.isStraight()) {
            return semiJoin(left, right, join, env); // SqlText writes ANTI JOIN as STRAIGHT_JOIN
        }
        if (join.isApply() && join.isOuter()) {
            return positionalJoin(left, right, join); // SqlText writes POSITIONAL JOIN as OUTER APPLY
        }
        JoinType type;
        if (join.isFull()) {
            type = JoinType.FULL;
        } else if (join.isRight()) {
            type = JoinType.RIGHT;
        } else if (join.isLeft()) {
            type = JoinType.LEFT;
        } else if (join.isCross()) {
            type = JoinType.CROSS;
        } else if (join.isSemi() || join.isApply() || join.isAsOf() || join.isWindowJoin() || join.isStraight()
                || join.isGlobal() || join.isArray() || join.isFetch() || join.isAny() || join.isAll()
                || join.getJoinHint() != null) {
            throw translator.error("this kind of join is not supported: " + join, join.getFromItem());
        } else {
            type = JoinType.INNER;
        }
        List<Column> using = join.getUsingColumns() == null ? List.of() : join.getUsingColumns();
        for (Column column : using) {
            if (column.getTable() != null && column.getTable().getName() != null) {
                throw translator.error("USING takes column names, not " + column + " (a name stands for both sides' columns)",
                        column);
            }
        }
        // a name given twice is one key, as in DuckDB: USING (a, a) is USING (a)
        java.util.Set<String> named = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        using = using.stream().filter(column -> named.add(Translator.unquote(column.getColumnName()))).toList();
        if (join.isNatural()) {
            using = new ArrayList<>();
            for (Field field : right.fields()) {
                if (!field.hidden() && left.matches(null, field.name()).size() == 1) {
                    using.add(new Column(Translator.quoted(field.name())));
                }
            }
        }
        boolean hasOn = join.getOnExpressions() != null && !join.getOnExpressions().isEmpty();
        if (!using.isEmpty()) {
            return usingJoin(left, right, type, using, join);
        }
        List<Expression> conditions = new ArrayList<>();
        if (hasOn) {
            for (Expression on : join.getOnExpressions()) {
                conditions.addAll(Translator.conjuncts(on));
            }
        } else if (type == JoinType.INNER || type == JoinType.CROSS) {
            // a comma or cross join: WHERE equalities between the two sides become its keys
            for (Expression conjunct : new ArrayList<>(where)) {
                if (equiKeys(conjunct, left, right, env) != null) {
                    conditions.add(conjunct);
                    where.remove(conjunct);
                }
            }
            if (!conditions.isEmpty()) {
                type = JoinType.INNER;
            }
        } else {
            throw translator.error(type + " JOIN needs ON or USING", join.getFromItem());
        }
        return onJoin(left, right, type, conditions, env, join.getFromItem());
    }

    /**
     * {@code a SEMI JOIN b ON cond} (the rows of {@code a} for which some row of {@code b} makes
     * {@code cond} true) and {@code a ANTI JOIN b ON cond} (those for which none does), as DuckDB's:
     * only {@code a}'s columns come out, each row once. Planned as {@code WHERE [NOT] EXISTS (SELECT 1
     * FROM b WHERE cond)}, which the subquery planner makes a semi or anti join on the equalities.
     */
    private Relation semiJoin(Relation left, Relation right, Join join, Env env) {
        Object node = join.getFromItem();
        String word = join.isStraight() ? "ANTI" : "SEMI";
        if (join.isRight() || join.isFull() || join.isCross() || join.isNatural() || join.isOuter()) {
            throw translator.error("a " + word + " JOIN is neither outer nor natural: " + join, node);
        }
        // inside EXISTS a qualifier both sides have would name the inner side's table on both sides
        Set<String> leftNames = new java.util.HashSet<>();
        for (Field field : left.fields()) {
            if (field.qualifier() != null) {
                leftNames.add(field.qualifier().toLowerCase(Locale.ROOT));
            }
        }
        for (Field field : right.fields()) {
            if (field.qualifier() != null && leftNames.contains(field.qualifier().toLowerCase(Locale.ROOT))) {
                throw translator.error("the table name \"" + field.qualifier() + "\" is on both sides of the " + word
                        + " JOIN; give one an alias", node);
            }
        }
        Expression on = null;
        List<Column> using = join.getUsingColumns() == null ? List.of() : join.getUsingColumns();
        for (Column column : using) {
            // USING (k): left.k = right.k, each side's k named by its table
            String name = Translator.unquote(column.getColumnName());
            List<Field> mine = left.matches(null, name);
            List<Field> theirs = right.matches(null, name);
            if (column.getTable() != null && column.getTable().getName() != null || mine.size() != 1 || theirs.size() != 1
                    || mine.get(0).qualifier() == null || theirs.get(0).qualifier() == null) {
                throw translator.error(word + " JOIN USING (" + column + ") needs one column of that name on each side, "
                        + "each of a named table; write ON", column);
            }
            Expression equal = new EqualsTo(new Column(Translator.table(mine.get(0).qualifier()),
                    Translator.quoted(name)), new Column(Translator.table(theirs.get(0).qualifier()),
                    Translator.quoted(name)));
            on = on == null ? equal : new AndExpression(on, equal);
        }
        if (join.getOnExpressions() != null) {
            for (Expression condition : join.getOnExpressions()) {
                on = on == null ? condition : new AndExpression(on, condition);
            }
        }
        if (on == null) {
            throw translator.error(word + " JOIN needs ON or USING", node);
        }
        // an unqualified name both sides hold is ambiguous in a join; in EXISTS the inner side's would win
        refuseAmbiguous(on, left, right, word);
        PlainSelect probe = new PlainSelect();
        probe.addSelectItems(new LongValue(1));
        probe.setFromItem(join.getFromItem());
        probe.setWhere(on);
        ExistsExpression exists = new ExistsExpression();
        exists.setRightExpression(new ParenthesedSelect().withSelect(probe));
        exists.setNot(word.equals("ANTI"));
        return translator.subqueries().whereSubquery(left, left, exists, env);
    }

    private void refuseAmbiguous(Expression e, Relation left, Relation right, String word) {
        if (e instanceof Column column && Translator.qualifier(column) == null) {
            String name = Translator.unquote(column.getColumnName());
            if (!left.matches(null, name).isEmpty() && !right.matches(null, name).isEmpty()) {
                throw translator.error("column \"" + name + "\" is in both sides of the " + word + " JOIN; qualify it", column);
            }
        }
        if (e instanceof ParenthesedSelect || e instanceof net.sf.jsqlparser.expression.operators.relational.ExistsExpression
                || e instanceof net.sf.jsqlparser.expression.AnyComparisonExpression
                || e instanceof net.sf.jsqlparser.expression.operators.relational.InExpression in
                        && in.getRightExpression() instanceof net.sf.jsqlparser.statement.select.Select) {
            // a subquery in ON would resolve a name of both sides to the right one's inside EXISTS
            throw translator.error("a subquery in the ON of a " + word + " JOIN is not supported; join or filter first", e);
        }
        for (Expression child : Translator.children(e)) {
            refuseAmbiguous(child, left, right, word);
        }
    }

    /**
     * {@code ASOF [LEFT] JOIN}, as DuckDB's: {@code ON} holds equalities between the two sides and
     * one inequality ({@code >=}, {@code >}, {@code <=}, {@code <}) between an expression of each;
     * each left row is joined with the right row nearest to it on the side the inequality allows,
     * among the right rows whose equalities hold ({@code l.t >= r.t}: the right row of the largest
     * {@code r.t} not past {@code l.t}). {@code USING (k, ..., t)} is equalities on all but the last
     * name and {@code l.t >= r.t} on it. Among right rows of one value, the first in the right side's
     * order is taken.
     */
    private Relation asofJoin(Relation left, Relation right, Join join, Env env) {
        Object node = join.getFromItem();
        if (join.isRight() || join.isFull() || join.isCross() || join.isNatural() || join.isSemi()) {
            throw translator.error("an ASOF join is inner or LEFT, not " + join, node);
        }
        JoinType type = join.isLeft() ? JoinType.LEFT : JoinType.INNER;
        List<Expr> leftBy = new ArrayList<>();
        List<Expr> rightBy = new ArrayList<>();
        Expr leftOn = null;
        Expr rightOn = null;
        dev.floe.frame.plan.AsofJoin.Strategy strategy = null;
        boolean exact = true;
        List<Field> rightFields = new ArrayList<>(right.fields());
        List<Column> using = join.getUsingColumns() == null ? List.of() : join.getUsingColumns();
        if (!using.isEmpty()) {
            for (int i = 0; i < using.size(); i++) {
                String name = Translator.unquote(using.get(i).getColumnName());
                Field l = single(left, name, using.get(i), "left");
                Field r = single(right, name, using.get(i), "right");
                rightFields.set(rightFields.indexOf(r), new Field(r.qualifier(), r.name(), r.column(), true));
                if (i < using.size() - 1) {
                    leftBy.add(col(l.column()));
                    rightBy.add(col(r.column()));
                } else {
                    leftOn = col(l.column());
                    rightOn = col(r.column());
                    strategy = dev.floe.frame.plan.AsofJoin.Strategy.BACKWARD;
                }
            }
        } else {
            if (join.getOnExpressions() == null || join.getOnExpressions().isEmpty()) {
                throw translator.error("an ASOF join needs ON or USING", node);
            }
            for (Expression on : join.getOnExpressions()) {
                for (Expression condition : Translator.conjuncts(on)) {
                    EquiKey key = equiKeys(condition, left, right, env);
                    if (key != null && key.leftZero() == null) {
                        leftBy.add(key.left());
                        rightBy.add(key.right());
                        continue;
                    }
                    dev.floe.frame.expr.BinaryOperator operator = condition instanceof
                            net.sf.jsqlparser.expression.BinaryExpression compare ? ExpressionPlanner.comparisonOperator(compare)
                            : null;
                    if (operator == null || operator == dev.floe.frame.expr.BinaryOperator.EQ
                            || operator == dev.floe.frame.expr.BinaryOperator.NE || leftOn != null) {
                        throw translator.error("an ASOF join's ON holds equalities between the two sides and one "
                                + "inequality (>=, >, <=, <), not " + condition, condition);
                    }
                    net.sf.jsqlparser.expression.BinaryExpression compare =
                            (net.sf.jsqlparser.expression.BinaryExpression) condition;
                    Expr a = keyExpr(compare.getLeftExpression(), left, env);
                    Expr b = keyExpr(compare.getRightExpression(), right, env);
                    if (a == null || b == null) {
                        a = keyExpr(compare.getRightExpression(), left, env);
                        b = keyExpr(compare.getLeftExpression(), right, env);
                        operator = operator.flipped(); // written right side first
                    }
                    if (a == null || b == null) {
                        throw translator.error("an ASOF join's inequality compares an expression of each side, not "
                                + condition, condition);
                    }
                    leftOn = a;
                    rightOn = b;
                    boolean before = operator == dev.floe.frame.expr.BinaryOperator.GE
                            || operator == dev.floe.frame.expr.BinaryOperator.GT;
                    strategy = before ? dev.floe.frame.plan.AsofJoin.Strategy.BACKWARD
                            : dev.floe.frame.plan.AsofJoin.Strategy.FORWARD;
                    exact = operator == dev.floe.frame.expr.BinaryOperator.GE
                            || operator == dev.floe.frame.expr.BinaryOperator.LE;
                }
            }
            if (leftOn == null) {
                throw translator.error("an ASOF join's ON needs one inequality (>=, >, <=, <) between the two sides", node);
            }
        }
        List<Expr> lefts = new ArrayList<>(leftBy);
        lefts.add(leftOn);
        List<Expr> rights = new ArrayList<>(rightBy);
        rights.add(rightOn);
        KeyCopies keys = keyCopies(left.frame(), right.frame(), lefts, rights);
        int last = lefts.size() - 1;
        dev.floe.frame.plan.AsofJoin how = dev.floe.frame.plan.AsofJoin.on(keys.leftNames().get(last),
                keys.rightNames().get(last)).by(keys.leftNames().subList(0, last), keys.rightNames().subList(0, last))
                .strategy(strategy).allowExactMatches(exact);
        dev.floe.frame.plan.AsofJoin spec = type == JoinType.INNER ? how.inner() : how;
        // the join keeps the left copies and the right copy of the on value: dropped
        List<String> copies = new ArrayList<>(keys.leftNames());
        copies.add(keys.rightNames().get(last));
        LazyFrame joined = translator.guarded(() -> keys.left().joinAsof(keys.right(), spec), node)
                .drop(copies.toArray(String[]::new));
        return new Relation(joined, concat(left.fields(), rightFields));
    }

    /**
     * {@code a POSITIONAL JOIN b}: the first row of each side with the first of the other, and so on;
     * the shorter side's missing rows are nulls (DuckDB's). A full join on each side's row number,
     * which keeps the left order and puts the right side's extra rows last, in order.
     */
    private Relation positionalJoin(Relation left, Relation right, Join join) {
        Object node = join.getFromItem();
        if (join.getOnExpressions() != null && !join.getOnExpressions().isEmpty()
                || join.getUsingColumns() != null && !join.getUsingColumns().isEmpty()) {
            throw translator.error("a POSITIONAL JOIN takes no ON or USING: it joins rows by their position", node);
        }
        if (!left.domains().isEmpty() || !right.domains().isEmpty()
                || left.fields().stream().anyMatch(Field::outer) || right.fields().stream().anyMatch(Field::outer)) {
            throw translator.error("a POSITIONAL JOIN of a correlated subquery is not supported", node);
        }
        Set<String> taken = new HashSet<>(left.frame().schema().names());
        taken.addAll(right.frame().schema().names());
        String leftRow = Translator.unique("__floe_position", taken);
        taken.add(leftRow);
        String rightRow = Translator.unique("__floe_position", taken);
        LazyFrame joined = translator.guarded(() -> left.frame().withRowIndex(leftRow).join(
                right.frame().withRowIndex(rightRow), List.of(leftRow), List.of(rightRow), JoinType.FULL, "_right"), node)
                .drop(leftRow);
        return new Relation(joined, concat(left.fields(), right.fields()));
    }

    /** {@code right} with any column whose name the left side uses renamed, so no join output clashes. */
    private Relation separate(Relation left, Relation right) {
        Set<String> taken = new HashSet<>(left.frame().schema().names());
        taken.addAll(right.frame().schema().names());
        Map<String, String> renames = new LinkedHashMap<>();
        for (String column : right.frame().schema().names()) {
            if (left.frame().schema().names().contains(column)) {
                String name = Translator.unique(column, taken);
                renames.put(column, name);
            }
        }
        if (renames.isEmpty()) {
            return right;
        }
        List<Field> fields = right.fields().stream().map(f -> renames.containsKey(f.column())
                ? new Field(f.qualifier(), f.name(), renames.get(f.column()), f.hidden(), f.outer()) : f).toList();
        return new Relation(right.frame().rename(renames), fields);
    }

    /**
     * One key of a hash join: an expression over each side and, where nulls are equal
     * ({@code IS NOT DISTINCT FROM}), the value standing in for null on each side (else null).
     */
    private record EquiKey(Expr left, Expr right, Expr leftZero, Expr rightZero) {}

    /**
     * The two sides of {@code a = b} or {@code a IS NOT DISTINCT FROM b} as a join key, or null if
     * it is no such comparison between the two sides.
     */
    private EquiKey equiKeys(Expression conjunct, Relation left, Relation right, Env env) {
        Expression a;
        Expression b;
        boolean nullsEqual;
        if (conjunct instanceof EqualsTo equals) {
            a = equals.getLeftExpression();
            b = equals.getRightExpression();
            nullsEqual = false;
        } else if (conjunct instanceof net.sf.jsqlparser.expression.operators.relational.IsDistinctExpression d
                && d.isNot()) {
            a = d.getLeftExpression();
            b = d.getRightExpression();
            nullsEqual = true;
        } else {
            return null;
        }
        Expr l = keyExpr(a, left, env);
        Expr r = keyExpr(b, right, env);
        if (l == null || r == null) {
            l = keyExpr(b, left, env);
            r = keyExpr(a, right, env);
        }
        if (l == null || r == null) {
            return null;
        }
        if (!nullsEqual || neverNull(l, left) || neverNull(r, right)) {
            // where one side is never null, nulls being equal changes nothing: a plain key (one
            // column, not two, which the join looks up faster: the decorrelated subqueries' outer values)
            return new EquiKey(l, r, null, null);
        }
        Expr leftZero = Translator.zeroOf(ExprTyper.typeOf(l, left.frame().schema()));
        Expr rightZero = Translator.zeroOf(ExprTyper.typeOf(r, right.frame().schema()));
        // no value to stand in for null: a condition after the join
        return leftZero == null || rightZero == null ? null : new EquiKey(l, r, leftZero, rightZero);
    }

    /**
     * {@code expression} translated over {@code relation} alone as one side of a join key, or null
     * if it needs anything else, or reads none of the relation's columns (a constant such as the
     * 15 of {@code p_size = 15} is a filter, not a key that connects two tables).
     */
    private Expr keyExpr(Expression expression, Relation relation, Env env) {
        Expr value = tryExpr(expression, relation, env);
        return value == null || dev.floe.frame.expr.ExprTrees.columns(value).isEmpty() ? null : value;
    }

    /** Whether {@code key} is a column of {@code relation} that holds no null, for certain ({@link dev.floe.frame.plan.NonNull}). */
    private static boolean neverNull(Expr key, Relation relation) {
        return key instanceof dev.floe.frame.expr.Col col
                && dev.floe.frame.plan.NonNull.columns(relation.frame().plan()).contains(col.name());
    }

    /** {@code expression} translated over {@code relation} alone, or null if it needs anything else. */
    private Expr tryExpr(Expression expression, Relation relation, Env env) {
        if (Translator.containsAggregate(expression) || Translator.containsSubquery(expression)) {
            return null;
        }
        try {
            Expr value = translator.expr(expression, new Scope(relation, env.local(), null));
            ExprTyper.typeOf(value, relation.frame().schema());
            return value;
        } catch (SqlException | SchemaException | IllegalArgumentException e) {
            return null;
        }
    }

    private Relation onJoin(Relation left, Relation right, JoinType type, List<Expression> conditions, Env env,
            Object node) {
        List<Expr> leftKeys = new ArrayList<>();
        List<Expr> rightKeys = new ArrayList<>();
        List<Expression> residual = new ArrayList<>();
        for (Expression condition : conditions) {
            EquiKey key = equiKeys(condition, left, right, env);
            if (key == null) {
                residual.add(condition);
            } else if (key.leftZero() != null) {
                // nulls equal: the key with a value standing in for null, and a flag beside it that
                // tells a null from that value (each part made null below where a one-sided
                // condition fails, so that such a row matches nothing)
                leftKeys.add(key.left().fillNull(key.leftZero()));
                rightKeys.add(key.right().fillNull(key.rightZero()));
                leftKeys.add(key.left().isNull());
                rightKeys.add(key.right().isNull());
            } else {
                leftKeys.add(key.left());
                rightKeys.add(key.right());
            }
        }
        Relation combined = new Relation(left.frame(), concat(left.fields(), right.fields()));
        LazyFrame leftFrame = left.frame();
        LazyFrame rightFrame = right.frame();
        List<Expression> after = new ArrayList<>();
        Expr leftOnly = null;
        Expr rightOnly = null;
        for (Expression condition : residual) {
            Expr onLeft = tryExpr(condition, left, env);
            Expr onRight = onLeft == null ? tryExpr(condition, right, env) : null;
            if (type == JoinType.INNER || type == JoinType.CROSS) {
                after.add(condition);
            } else if (onLeft != null) {
                leftOnly = leftOnly == null ? onLeft : leftOnly.and(onLeft);
            } else if (onRight != null) {
                rightOnly = rightOnly == null ? onRight : rightOnly.and(onRight);
            } else {
                throw translator.error(type + " JOIN conditions other than equalities must each read one side only; this one "
                        + "reads both: " + condition, condition);
            }
        }
        if (leftKeys.isEmpty() && type != JoinType.INNER && type != JoinType.CROSS) {
            throw translator.error(type + " JOIN needs at least one equality between the two sides in ON", node);
        }
        // a condition on the side whose rows are all kept decides which of its rows may match; one on the
        // other side filters that side first
        if (rightOnly != null && type == JoinType.LEFT) {
            rightFrame = rightFrame.filter(rightOnly);
            rightOnly = null;
        }
        if (leftOnly != null && type == JoinType.RIGHT) {
            leftFrame = leftFrame.filter(leftOnly);
            leftOnly = null;
        }
        LazyFrame joined;
        if (leftKeys.isEmpty()) {
            joined = leftFrame.crossJoin(rightFrame);
        } else {
            List<Expr> lk = new ArrayList<>();
            List<Expr> rk = new ArrayList<>();
            for (int k = 0; k < leftKeys.size(); k++) {
                lk.add(leftOnly == null ? leftKeys.get(k) : Exprs.when(leftOnly).then(leftKeys.get(k)).otherwise(null));
                rk.add(rightOnly == null ? rightKeys.get(k) : Exprs.when(rightOnly).then(rightKeys.get(k)).otherwise(null));
            }
            joined = hashJoin(leftFrame, rightFrame, lk, rk, type, node);
        }
        Relation result = combined.withFrame(joined);
        if (!after.isEmpty()) {
            Scope scope = new Scope(result, env, null);
            List<Expr> predicates = new ArrayList<>();
            for (Expression condition : after) {
                predicates.add(translator.typed(translator.expr(condition, scope), result.frame().schema(), condition, "ON"));
            }
            result = result.withFrame(joined.filter(ExpressionPlanner.joined(predicates, Expr::and)));
        }
        return result;
    }

    private Relation usingJoin(Relation left, Relation right, JoinType type, List<Column> using, Join join) {
        if (type == JoinType.CROSS) {
            throw translator.error("a CROSS JOIN has no USING", join.getFromItem());
        }
        List<Expr> leftKeys = new ArrayList<>();
        List<Expr> rightKeys = new ArrayList<>();
        List<Field> leftFields = new ArrayList<>(left.fields());
        List<Field> rightFields = new ArrayList<>(right.fields());
        List<Expr> merged = new ArrayList<>();
        for (Column column : using) {
            String name = Translator.unquote(column.getColumnName());
            Field l = single(left, name, column, "left");
            Field r = single(right, name, column, "right");
            leftKeys.add(col(l.column()));
            rightKeys.add(col(r.column()));
            // the one column USING shows: whichever side's key the join kind keeps
            String mergedName = translator.fresh("__floe_using");
            Expr value = switch (type) {
                case RIGHT -> col(r.column());
                case FULL -> col(l.column()).fillNull(col(r.column()));
                default -> col(l.column());
            };
            merged.add(value.alias(mergedName));
            int at = leftFields.indexOf(l);
            leftFields.set(at, new Field(l.qualifier(), l.name(), l.column(), true));
            leftFields.add(at, new Field(null, l.name(), mergedName, false));
            rightFields.set(rightFields.indexOf(r), new Field(r.qualifier(), r.name(), r.column(), true));
        }
        LazyFrame joined = hashJoin(left.frame(), right.frame(), leftKeys, rightKeys, type, join.getFromItem())
                .withColumns(merged);
        return new Relation(joined, concat(leftFields, rightFields));
    }

    /**
     * A hash join on copies of the key expressions, so that both sides' own columns stay in the
     * result under their names (the engine keeps one column per key pair); the copies are dropped.
     */
    private LazyFrame hashJoin(LazyFrame left, LazyFrame right, List<Expr> leftKeys, List<Expr> rightKeys,
            JoinType type, Object node) {
        for (int k = 0; k < leftKeys.size(); k++) {
            // keys of no common type refused here, in the query's words (the engine's names its key copies)
            DataType l = dev.floe.frame.expr.ExprTyper.typeOf(leftKeys.get(k), left.schema());
            DataType r = dev.floe.frame.expr.ExprTyper.typeOf(rightKeys.get(k), right.schema());
            if (l != DataType.NULL && r != DataType.NULL && Types.comparisonType(l, r) == null) {
                throw translator.error("cannot join " + Translator.sqlTypeName(l) + " keys with " + Translator.sqlTypeName(r)
                        + " keys: they have no common type; CAST one side", node);
            }
        }
        KeyCopies keys = keyCopies(left, right, leftKeys, rightKeys);
        return translator.guarded(() -> keys.left().join(keys.right(), keys.leftNames(), keys.rightNames(), type, "_right"),
                node).drop(keys.leftNames().toArray(String[]::new));
    }

    /** Both sides with a copy of each key expression beside their own columns, and the copies' names. */
    private record KeyCopies(LazyFrame left, LazyFrame right, List<String> leftNames, List<String> rightNames) {}

    private KeyCopies keyCopies(LazyFrame left, LazyFrame right, List<Expr> leftKeys, List<Expr> rightKeys) {
        List<String> leftNames = new ArrayList<>();
        List<String> rightNames = new ArrayList<>();
        List<Expr> leftCopies = new ArrayList<>();
        List<Expr> rightCopies = new ArrayList<>();
        // names of this join's own, free on both sides (its key copies go after it), not drawn from
        // the query's counter: a FROM and WHERE written twice (TPC-H's q11 in its subquery) plan to
        // equal joins, which the engine computes once
        java.util.Set<String> taken = new java.util.HashSet<>(left.schema().names());
        taken.addAll(right.schema().names());
        for (int k = 0; k < leftKeys.size(); k++) {
            leftNames.add(Translator.unique("__floe_left_key_" + k, taken));
            rightNames.add(Translator.unique("__floe_right_key_" + k, taken));
            taken.add(leftNames.get(k));
            taken.add(rightNames.get(k));
            leftCopies.add(leftKeys.get(k).alias(leftNames.get(k)));
            rightCopies.add(rightKeys.get(k).alias(rightNames.get(k)));
        }
        return new KeyCopies(left.withColumns(leftCopies), right.withColumns(rightCopies), leftNames, rightNames);
    }


    private Field single(Relation relation, String name, Object node, String side) {
        List<Field> found = relation.matches(null, name);
        if (found.isEmpty()) {
            throw translator.error("USING column \"" + name + "\" is not on the " + side + " side; its columns are: "
                    + relation.describe(), node);
        }
        if (found.size() > 1) {
            throw translator.error("USING column \"" + name + "\" is ambiguous on the " + side + " side", node);
        }
        return found.get(0);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
