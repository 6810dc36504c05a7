package dev.floe.sql;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.expr.Agg;
import dev.floe.frame.expr.AggFunction;
import dev.floe.frame.expr.BinaryOperator;
import dev.floe.frame.expr.Call;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTyper;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.expr.ScalarFunction;
import dev.floe.frame.plan.Estimates;
import dev.floe.frame.plan.JoinType;
import dev.floe.frame.plan.SortKey;
import dev.floe.sql.Relation.Field;
import dev.floe.sql.SelectPlanner.Grouping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.Values;

/**
 * Subqueries, as {@link Translator} translates them: uncorrelated ones computed once (a scalar
 * value, a list of values for IN), correlated ones unnested into joins with the outer query's
 * values ({@code EXISTS}, {@code NOT EXISTS}, {@code IN}, {@code NOT IN}, quantified comparisons
 * and scalar subqueries, in WHERE, the select list and HAVING): the subquery is planned with the
 * outer columns it reads as keys ({@link Correlation}), grouped by them where it aggregates, and
 * joined back by those keys with nulls equal.
 */
final class SubqueryPlanner {
    private final Translator translator;
    /** The rows of the uncorrelated subqueries computed so far, by their place in the statement. */
    private final Map<Object, DataFrame> eager = new java.util.IdentityHashMap<>();

    /**
     * The plans {@link #whereSubquery} made of an uncorrelated IN's many values as a semi or anti
     * join: like a filter, they keep some of the rows they were given, with their columns.
     */
    private final Set<dev.floe.frame.plan.PlanNode> keepingRows =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    SubqueryPlanner(Translator translator) {
        this.translator = translator;
    }

    /** The translation of expressions (made after this part of the translator, so asked for when needed). */
    private ExpressionPlanner expressions() {
        return translator.expressions();
    }

    /**
     * A WHERE condition holding a subquery, applied to {@code from}: a correlated {@code EXISTS},
     * {@code NOT EXISTS} or {@code IN} standing alone becomes a semi or anti join; any other
     * condition has its correlated subqueries joined in, then filters.
     */
    Relation whereSubquery(Relation from, Relation filtered, Expression conjunct, Env env) {
        Expression e = Translator.unparenthesized(conjunct);
        boolean negated = false;
        if (e instanceof NotExpression not && Translator.unparenthesized(not.getExpression()) instanceof ExistsExpression inner) {
            e = inner;
            negated = true;
        }
        // names resolve, and outer values come from, the rows the plain conditions left (the same columns as from's)
        Scope scope = new Scope(filtered, env, null);
        if (e instanceof ExistsExpression exists && exists.getRightExpression() instanceof Select subquery) {
            JoinType direct = negated != exists.isNot() ? JoinType.ANTI : JoinType.SEMI;
            LazyFrame byKeys = joinedByKeys(from, scope, subquery, null, direct, conjunct);
            if (byKeys != null) {
                return from.withFrame(byKeys);
            }
            Planned planned = planned(subquery, scope);
            Correlation correlation = planned.correlation();
            if (correlation != null) {
                JoinType how = negated != exists.isNot() ? JoinType.ANTI : JoinType.SEMI;
                LazyFrame keys = planned.frame().select(correlation.columnExprs());
                return from.withFrame(keyedJoin(from.frame(), keys, outerKeys(correlation), correlation.columns,
                        List.of(), List.of(), how, conjunct));
            }
        } else if (e instanceof InExpression in && in.getRightExpression() instanceof Select subquery
                && !(subquery instanceof Values)) {
            LazyFrame byKeys = in.isNot() ? null
                    : joinedByKeys(from, scope, subquery, in.getLeftExpression(), JoinType.SEMI, conjunct);
            if (byKeys != null) {
                return from.withFrame(byKeys);
            }
            Planned planned = planned(subquery, scope);
            Correlation correlation = planned.correlation();
            if (correlation != null && !in.isNot()) {
                // a row is kept where its value equals one of the subquery's (for its outer values)
                String column = onlyColumn(planned, subquery, "a subquery after IN");
                Expr value = translator.typed(translator.expr(in.getLeftExpression(), scope), from.frame().schema(), in, "WHERE");
                List<Expr> columns = new ArrayList<>(correlation.columnExprs());
                columns.add(col(column));
                LazyFrame rows = planned.frame().select(columns);
                return from.withFrame(keyedJoin(from.frame(), rows, outerKeys(correlation), correlation.columns,
                        List.of(value), List.of(column), JoinType.SEMI, conjunct));
            }
            // uncorrelated: run once, as below; where it gives many rows (millions, where it reads a
            // large table), a semi or anti join on them rather than a list of every value in the
            // plan (a short list stays one: a filter the scans and the join order can use). Kept to
            // key types whose equality the join and SQL's = agree on (floats' NaN and -0.0 differ).
            Expression left = in.getLeftExpression();
            DataFrame rows = correlation == null && !Translator.containsSubquery(left) && !Translator.containsAggregate(left)
                    ? inValues(subquery, planned) : null;
            // lists, maps and structs are no list of values in the plan: always a semi or anti join (on sort keys)
            boolean nested = rows != null && rows.width() == 1 && rows.schema().fields().get(0).type().isNested();
            if (rows != null && (rows.height() > IN_LIST_ROWS || nested)) {
                if (rows.height() == 0) {
                    // x IN (no rows) is false and x NOT IN (no rows) true, even where x is null
                    return in.isNot() ? from : from.withFrame(from.frame().filter(lit(false)));
                }
                String column = onlyColumn(planned, subquery, "a subquery after IN");
                Expr value = translator.typed(translator.expr(left, scope), from.frame().schema(), in, "WHERE");
                if (joinableAsEqual(ExprTyper.typeOf(value, from.frame().schema()), rows.schema().type(column))) {
                    LazyFrame values = rows.lazy().select(col(column));
                    if (!in.isNot()) {
                        return keepingRows(from, value, keyedJoin(from.frame(), values, List.of(), List.of(),
                                List.of(value), List.of(column), JoinType.SEMI, conjunct));
                    }
                    // x NOT IN (values): null where x is null or a value is null (the subquery has
                    // rows), so such rows go; the rest are kept where no value equals x
                    if (rows.column(column).nullCount() > 0) {
                        return from.withFrame(from.frame().filter(lit(false)));
                    }
                    return keepingRows(from, value, keyedJoin(from.frame().filter(value.isNotNull()), values,
                            List.of(), List.of(), List.of(value), List.of(column), JoinType.ANTI, conjunct));
                }
            }
        }
        Applies applies = new Applies();
        Scope general = new Scope(filtered, env, null, applies);
        Expr condition = translator.typed(translator.expr(conjunct, general), general.schema(), conjunct, "WHERE");
        if (applies.isEmpty()) {
            return from.withFrame(translator.guarded(() -> from.frame().filter(condition), conjunct));
        }
        LazyFrame joined = applies.apply(from.frame());
        String[] columns = from.frame().schema().names().toArray(String[]::new);
        return from.withFrame(translator.guarded(() -> joined.filter(condition).select(columns), conjunct));
    }

    /**
     * {@code from} with {@code frame}, which keeps some of its rows and all its columns by
     * {@code value}, noted as such where computing it again keeps the same rows (not where it
     * draws random numbers).
     */
    private Relation keepingRows(Relation from, Expr value, LazyFrame frame) {
        if (frame.schema().equals(from.frame().schema()) && !dev.floe.frame.expr.ExprTrees.drawsRandom(value)) {
            keepingRows.add(frame.plan());
        }
        return from.withFrame(frame);
    }

    /**
     * Whether {@code next}, which {@link #whereSubquery} made of {@code from}, only keeps some of
     * from's rows, as a filter does, for a condition whose subquery reads nothing of the outer
     * rows: an uncorrelated condition, computed once, whether as a filter on its values or as a
     * semi or anti join on many of them. A correlated condition after it may then take its outer
     * values from those rows, which are computed again for them: not where the condition draws
     * random numbers (the second draw would keep other rows, whose outer values would be missing).
     */
    boolean keepsRows(Relation from, Relation next) {
        dev.floe.frame.plan.PlanNode plan = next.frame().plan();
        return plan instanceof dev.floe.frame.plan.Filter filter && filter.input() == from.frame().plan()
                && !dev.floe.frame.expr.ExprTrees.drawsRandom(filter.predicate())
                || keepingRows.contains(plan);
    }

    /**
     * A correlated {@code EXISTS} ({@code NOT EXISTS}: {@code how} anti) or {@code x IN} (with
     * {@code inValue} x) standing alone in WHERE, whose subquery reads the enclosing query only in
     * conditions {@code inner = outer column} of its own WHERE: a semi (anti) join of the
     * enclosing rows with the subquery's rows, those conditions (and x with the subquery's value)
     * its keys. That is what the general unnesting gives too, without the outer values joined into
     * the subquery first, so that the join can hash whichever side is the smaller (a few thousand
     * customers against the orders of all of them, say). Null where the subquery is not of that
     * form (it aggregates or limits its rows, reads an outer column anywhere else, or the key
     * types do not compare as the join compares them): the general unnesting applies then.
     */
    private LazyFrame joinedByKeys(Relation from, Scope scope, Select subquery, Expression inValue, JoinType how,
            Expression conjunct) {
        Select body = subquery;
        if (body instanceof ParenthesedSelect parenthesed) {
            if (parenthesed.getLimit() != null || parenthesed.getOffset() != null || parenthesed.getFetch() != null
                    || parenthesed.getWithItemsList() != null) {
                return null;
            }
            body = parenthesed.getSelect();
        }
        if (!(body instanceof PlainSelect select) || select.getFromItem() == null || select.getWhere() == null
                || select.getGroupBy() != null || select.getHaving() != null || select.getLimit() != null
                || select.getOffset() != null || select.getFetch() != null || select.getLimitBy() != null
                || select.getWithItemsList() != null || select.getQualify() != null
                || select.getWindowDefinitions() != null || !SelectPlanner.unsupportedClauses(select).isEmpty()) {
            return null;
        }
        List<SelectItem<?>> items = select.getSelectItems();
        for (SelectItem<?> item : items) {
            // an aggregate without GROUP BY gives one row whatever WHERE keeps
            if (item.getExpression() == null || Translator.containsAggregate(item.getExpression())
                    || Translator.containsWindow(item.getExpression())) {
                return null;
            }
        }
        if (inValue != null && (items.size() != 1 || items.get(0).getExpression() instanceof AllColumns)) {
            return null;
        }
        // the subquery's own columns, which hide the enclosing query's of the same names
        Relation own;
        try {
            own = translator.from().fromClause(select, scope.env().nested(scope, null), new ArrayList<>());
        } catch (NeedOuter | SqlException unlike) {
            return null;
        }
        List<Expression> kept = new ArrayList<>();
        List<Expression> innerKeys = new ArrayList<>();
        List<Field> outerKeys = new ArrayList<>();
        for (Expression condition : Translator.conjuncts(select.getWhere())) {
            if (Translator.unparenthesized(condition) instanceof EqualsTo equals) {
                Field left = outerOnly(equals.getLeftExpression(), own, scope);
                Field right = outerOnly(equals.getRightExpression(), own, scope);
                if ((left == null) != (right == null)) {
                    innerKeys.add(left == null ? equals.getLeftExpression() : equals.getRightExpression());
                    outerKeys.add(left == null ? right : left);
                    continue;
                }
            }
            kept.add(condition);
        }
        if (outerKeys.isEmpty()) {
            return null;
        }
        List<SelectItem<?>> keyItems = new ArrayList<>();
        if (inValue != null) {
            keyItems.add(new SelectItem<>(items.get(0).getExpression(), new net.sf.jsqlparser.expression.Alias(
                    "__floe_in_value")));
        }
        for (int k = 0; k < innerKeys.size(); k++) {
            keyItems.add(new SelectItem<>(innerKeys.get(k), new net.sf.jsqlparser.expression.Alias("__floe_key_" + k)));
        }
        // the subquery without those conditions, giving their inner sides: translated, then put back as it was
        Expression where = select.getWhere();
        List<OrderByElement> order = select.getOrderByElements();
        net.sf.jsqlparser.statement.select.Distinct distinct = select.getDistinct();
        Planned planned;
        try {
            select.setWhere(kept.isEmpty() ? null : kept.stream().reduce(AndExpression::new).orElseThrow());
            select.setSelectItems(keyItems);
            select.setOrderByElements(null);
            select.setDistinct(null);
            planned = planned(select, scope);
        } catch (NeedOuter | SqlException unlike) {
            return null;
        } finally {
            select.setWhere(where);
            select.setSelectItems(items);
            select.setOrderByElements(order);
            select.setDistinct(distinct);
        }
        List<String> columns = planned.frame().schema().names();
        if (planned.correlation() != null || columns.size() != keyItems.size()) {
            return null;
        }
        Schema left = from.frame().schema();
        Schema right = planned.frame().schema();
        List<Expr> leftKeys = new ArrayList<>();
        if (inValue != null) {
            leftKeys.add(translator.typed(translator.expr(inValue, scope), left, inValue, "WHERE"));
        }
        for (Field field : outerKeys) {
            leftKeys.add(col(field.column()));
        }
        for (int k = 0; k < leftKeys.size(); k++) {
            if (!joinableAsEqual(ExprTyper.typeOf(leftKeys.get(k), left), right.type(columns.get(k)))) {
                return null;
            }
        }
        return keyedJoin(from.frame(), planned.frame(), List.of(), List.of(), leftKeys, columns, how, conjunct);
    }

    /** The enclosing query's field that {@code expression} is, when it is a column that only the enclosing query has; else null. */
    private Field outerOnly(Expression expression, Relation own, Scope scope) {
        if (!(Translator.unparenthesized(expression) instanceof Column column)
                || !own.matches(Translator.qualifier(column), Translator.unquote(column.getColumnName())).isEmpty()) {
            return null;
        }
        return outerField(column, scope);
    }

    /** The columns of {@code frame} that hold no null, for certain ({@link dev.floe.frame.plan.NonNull}), found once per plan. */
    Set<String> neverNull(LazyFrame frame) {
        return neverNull.computeIfAbsent(frame.plan(), dev.floe.frame.plan.NonNull::columns);
    }

    private final Map<dev.floe.frame.plan.PlanNode, Set<String>> neverNull = new java.util.IdentityHashMap<>();

    /** The most rows of an uncorrelated subquery after {@code IN} that become a list of values in the plan. */
    private static final int IN_LIST_ROWS = 10_000;

    /** Whether a hash join's key equality is SQL's {@code =} for values of these two types. */
    private static boolean joinableAsEqual(DataType a, DataType b) {
        boolean text = (a == DataType.UTF8 || a == DataType.CATEGORICAL) && (b == DataType.UTF8 || b == DataType.CATEGORICAL);
        boolean same = a == b && (a == DataType.DATE || a == DataType.DATETIME || a == DataType.DURATION
                || a == DataType.BOOLEAN);
        // lists, maps and structs join by sort keys, which are equal where = says so
        boolean nested = a.isNested() && b.isNested() && dev.floe.frame.Types.supertype(a, b) != null;
        return a.isInteger() && b.isInteger() || text || same || nested;
    }

    /**
     * An aggregation without GROUP BY in a correlated subquery, grouped by the outer values, given
     * a row for every outer value: one with no rows to aggregate gets what an aggregation of no
     * rows gives (counts 0, the rest null).
     */
    LazyFrame everyOuterValue(LazyFrame aggregated, Grouping grouping, Correlation correlation, Object node) {
        LazyFrame joined = keyedJoin(correlation.values.frame(), aggregated, correlation.columnExprs(),
                correlation.columns, List.of(), List.of(), JoinType.LEFT, node);
        List<Expr> zeros = new ArrayList<>();
        for (Expr aggregate : grouping.aggregates.values()) {
            Expr inner = aggregate instanceof dev.floe.frame.expr.Alias alias ? alias.input() : aggregate;
            if (inner instanceof Agg agg && (agg.function() == AggFunction.LEN || agg.function() == AggFunction.COUNT
                    || agg.function() == AggFunction.N_UNIQUE)) {
                String name = aggregate.outputName();
                zeros.add(col(name).fillNull(lit(0L)).alias(name));
            }
        }
        return zeros.isEmpty() ? joined : joined.withColumns(zeros);
    }

    /** LIMIT and OFFSET of a correlated subquery's block: for each outer value's rows, in their order. */
    LazyFrame limitedEach(LazyFrame frame, Correlation correlation, List<SortKey> order,
            net.sf.jsqlparser.statement.select.Limit limit, net.sf.jsqlparser.statement.select.Offset offset,
            net.sf.jsqlparser.statement.select.Fetch fetch, Object node) {
        long[] window = translator.selects().window(limit, offset, fetch);
        if (window == null) {
            return frame;
        }
        String number = translator.fresh("__floe_row");
        dev.floe.frame.expr.Over over = Exprs.rowNumber().over(correlation.columnExprs().toArray(Expr[]::new));
        Expr rowNumber = order.isEmpty() ? over : over.orderBy(order.toArray(SortKey[]::new));
        Expr keep = col(number).gt(window[0]);
        if (window[1] >= 0) {
            keep = keep.and(col(number).le(window[0] + Math.min(window[1], Long.MAX_VALUE - window[0])));
        }
        Expr kept = keep;
        return translator.guarded(() -> frame.withColumns(rowNumber.alias(number)).filter(kept).drop(number), node);
    }

    /**
     * Thrown where a name is not the query's own but an enclosing query's: the subquery is
     * translated again with that column among the outer values it reads (see {@link Correlation}).
     */
    static final class NeedOuter extends RuntimeException {
        final Column column;

        NeedOuter(Column column) {
            super(null, null, false, false);
            this.column = column;
        }
    }

    /** A subquery translated for the scope it appears in, with the outer values it reads (null if none). */
    record Planned(Relation relation, Correlation correlation) {
        LazyFrame frame() {
            return relation.frame();
        }
    }

    /**
     * {@code subquery} translated inside {@code scope}: first on its own; each time it reads a
     * column of {@code scope} it is translated again with that column among its outer values
     * (a column of a query further out goes to that query's translation, which then passes it in).
     */
    Planned planned(Select subquery, Scope scope) {
        List<Field> reads = new ArrayList<>();
        while (true) {
            Correlation correlation = null;
            if (!reads.isEmpty()) {
                List<String> columns = new ArrayList<>();
                for (int i = 0; i < reads.size(); i++) {
                    columns.add(translator.fresh("__floe_outer"));
                }
                // the outer values from the FROM item they come from where it is estimated smaller than the join
                Relation.Domain[] domains = scope.relation().domains(reads);
                if (domains != null && !(Estimates.rows(domains[0].frame().plan())
                        < Estimates.rows(scope.relation().frame().plan()))) {
                    domains = null;
                }
                correlation = domains == null ? new Correlation(reads, columns, scope.relation().frame())
                        : new Correlation(reads, columns, domains[0].frame(),
                                java.util.Arrays.stream(domains).map(Relation.Domain::column).toList());
            }
            try {
                return new Planned(translator.query(subquery, scope.env().nested(scope, correlation)), correlation);
            } catch (NeedOuter need) {
                Field field = outerField(need.column, scope);
                if (field == null) {
                    throw need;
                }
                if (reads.contains(field)) {
                    throw translator.error("the subquery reads \"" + field.display() + "\" of the outer query where that is "
                            + "not supported: in a subquery in its FROM, in a WITH query, or in a JOIN's ON", need.column);
                }
                reads.add(field);
            }
        }
    }

    /** The field of {@code scope} that {@code column} names, or null if it names none there. */
    private Field outerField(Column column, Scope scope) {
        String name = Translator.unquote(column.getColumnName());
        String qualifier = Translator.qualifier(column);
        List<Field> found = scope.relation().matches(qualifier, name);
        if (found.isEmpty()) {
            return null;
        }
        String shown = qualifier == null ? name : qualifier + "." + name;
        if (found.size() > 1) {
            throw translator.error("column \"" + shown + "\" is ambiguous: it could be "
                    + String.join(" or ", found.stream().map(Field::display).toList()) + "; qualify it", column);
        }
        Field field = found.get(0);
        if (scope.aggregating() && !scope.grouping().keyColumns.contains(field.column())) {
            throw translator.error("column \"" + field.display() + "\" must appear in GROUP BY or be used in an aggregate "
                    + "function", column);
        }
        return field;
    }

    /** Whether {@code column} names a column of {@code scope} or of a query around it. */
    static boolean reachable(Column column, Scope scope) {
        for (Scope at = scope; at != null; at = at.env().outer) {
            if (!at.relation().matches(Translator.qualifier(column), Translator.unquote(column.getColumnName())).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Where a correlated subquery's joins go in {@code scope}; refused where a clause has none. */
    private Applies applies(Scope scope, Object node) {
        if (scope.applies() == null) {
            throw translator.error("a correlated subquery is not supported here; it may be in WHERE, the select list, HAVING or "
                    + "ORDER BY, not in ON, GROUP BY, a VALUES row or inside an aggregate function", node);
        }
        return scope.applies();
    }

    /** The outer columns a correlated subquery reads, as the enclosing query's frame has them. */
    private static List<Expr> outerKeys(Correlation correlation) {
        return correlation.fields.stream().map(f -> (Expr) col(f.column())).toList();
    }

    /** The one column of a subquery's own (not its outer values). */
    private String onlyColumn(Planned planned, Object node, String what) {
        List<String> names = new ArrayList<>(planned.frame().schema().names());
        if (planned.correlation() != null) {
            names.removeAll(planned.correlation().columns);
        }
        if (names.size() != 1) {
            throw translator.error(what + " needs one column, this one has " + names.size(), node);
        }
        return names.get(0);
    }

    /**
     * The distinct values of an uncorrelated subquery after {@code IN}, computed once: a value
     * repeated adds nothing to a list of values or to a semi join's table (where, under a small
     * memory limit, many rows of one key could not be split across partitions).
     */
    DataFrame inValues(Select subquery, Planned planned) {
        return eager(subquery, () -> planned.frame().unique());
    }

    /** The uncorrelated subqueries computed so far (a live view: a recursive CTE's rounds forget their own). */
    Set<Object> computedOnce() {
        return eager.keySet();
    }

    /** The rows of an uncorrelated subquery, computed once per translation however often it is met. */
    private DataFrame eager(Object node, java.util.function.Supplier<LazyFrame> plan) {
        DataFrame rows = eager.get(node);
        if (rows == null) {
            rows = plan.get().collect(translator.context().config());
            eager.put(node, rows);
        }
        return rows;
    }

    /**
     * A scalar subquery: uncorrelated, computed once now; correlated, its value joined in per
     * outer value (null where it gives no row; an error where it gives more than one).
     */
    Expr scalarSubquery(ParenthesedSelect subquery, Scope scope) {
        Planned planned = planned(subquery, scope);
        if (planned.correlation() == null && scope.applies() != null && scope.relation() != null
                && sharesWork(planned.frame(), scope.relation().frame())) {
            return joinedScalar(subquery, planned.frame(), scope.applies(), scope.relation().frame().schema());
        }
        if (planned.correlation() == null) {
            DataFrame rows = eager(subquery, () -> planned.frame().head(2));
            if (rows.width() != 1) {
                throw translator.error("a subquery used as a value needs one column, this one has " + rows.width(), subquery);
            }
            DataType type = rows.schema().type(rows.columns().get(0));
            if (rows.height() > 1) {
                // no value: the query fails where the value is computed, and answers where no row needs it
                // (an outer query with no rows)
                return Exprs.when(new Call(ScalarFunction.REQUIRE_TRUE, lit(false), List.of(
                        "a subquery used as a value gave more than one row: " + subquery)))
                        .then(lit(null, type == DataType.CATEGORICAL ? DataType.UTF8 : type));
            }
            Object value = rows.height() == 0 ? null : rows.get(0, rows.columns().get(0));
            return lit(value, type == DataType.CATEGORICAL ? DataType.UTF8 : type);
        }
        Applies applies = applies(scope, subquery);
        Correlation correlation = planned.correlation();
        String column = onlyColumn(planned, subquery, "a subquery used as a value");
        LazyFrame rows = planned.frame();
        DataType type = rows.schema().type(column);
        String value = translator.fresh("__floe_value");
        List<Expr> outputs = new ArrayList<>(correlation.columnExprs());
        LazyFrame values;
        if (correlation.singleRowEach()) {
            outputs.add(col(column).alias(value));
            values = rows.select(outputs);
        } else {
            String count = translator.fresh("__floe_rows");
            LazyFrame grouped = rows.groupBy(correlation.columnExprs().toArray(Expr[]::new))
                    .agg(col(column).first().alias(value), Exprs.len().alias(count));
            Expr single = new Call(ScalarFunction.REQUIRE_TRUE, col(count).le(1), List.of(
                    "a subquery used as a value gave more than one row for one row of the outer query: " + subquery));
            outputs.add(Exprs.when(single).then(col(value)).otherwise(lit(null, type)).alias(value));
            values = grouped.select(outputs);
        }
        List<Expr> keys = outerKeys(correlation);
        applies.add(value, type, target -> keyedJoin(target, values, keys, correlation.columns, List.of(), List.of(),
                JoinType.LEFT, subquery));
        return col(value);
    }

    /**
     * Whether an uncorrelated subquery is better joined into the clause it is in than computed
     * before: it repeats a join or aggregation of the clause's rows that the engine would compute
     * once, and those rows are few (the constant computed before could be pushed into the scans
     * below them; joined in, it filters them after, so they must be few for that to cost little).
     */
    private static boolean sharesWork(LazyFrame subquery, LazyFrame clause) {
        double rows = Estimates.rows(clause.plan());
        return !Double.isNaN(rows) && rows <= dev.floe.frame.plan.PlanKeys.SHARED_ROWS
                && dev.floe.frame.plan.PlanKeys.shareWork(subquery.plan(), clause.plan());
    }

    /**
     * An uncorrelated scalar subquery that repeats work of the query it is in (a join or an
     * aggregation over the same rows: TPC-H's q11 sums the join its groups come from, q15 takes the
     * largest value of the view it reads), joined in as a relation of one row rather than computed
     * before the query, so that one plan holds both and the engine computes the common part once.
     */
    private Expr joinedScalar(ParenthesedSelect subquery, LazyFrame rows, Applies applies, Schema clause) {
        if (rows.schema().size() != 1) {
            throw translator.error("a subquery used as a value needs one column, this one has " + rows.schema().size(),
                    subquery);
        }
        String column = rows.schema().names().get(0);
        DataType type = rows.schema().type(column);
        DataType valueType = type == DataType.CATEGORICAL ? DataType.UTF8 : type;
        // names apart from the clause's columns, which the one row is joined beside
        Set<String> taken = new java.util.HashSet<>(clause.names());
        String value = Translator.unique(translator.fresh("__floe_value"), taken);
        taken.add(value);
        String count = Translator.unique(translator.fresh("__floe_rows"), taken);
        Expr first = col(column).first();
        LazyFrame one = rows.select((valueType == type ? first : first.cast(valueType)).alias(value),
                Exprs.len().alias(count));
        applies.add(List.of(new Schema.Field(value, valueType), new Schema.Field(count, DataType.INT64)),
                target -> target.crossJoin(one));
        // several rows fail where the value is computed, as the constant does: a query with no rows answers
        Expr single = new Call(ScalarFunction.REQUIRE_TRUE, col(count).le(1), List.of(
                "a subquery used as a value gave more than one row: " + subquery));
        return Exprs.when(single).then(col(value)).otherwise(lit(null, valueType));
    }

    /**
     * {@code x op ANY (subquery)} and {@code x op ALL (subquery)} ({@code SOME} is {@code ANY}), with
     * SQL's nulls: from the subquery's rows, values, smallest and largest value. {@code = ANY} is
     * {@code IN} and {@code <> ALL} is {@code NOT IN}. ANY: false over no rows; true where x compares
     * so with some value; else null where x or a value is null; else false. ALL: true over no rows;
     * false where x fails the comparison with some value; else null where x or a value is null;
     * else true. Correlated subqueries are answered per outer values, as scalar ones are.
     */
    Expr quantified(BinaryExpression comparison, net.sf.jsqlparser.expression.AnyComparisonExpression any,
            Scope scope) {
        BinaryOperator operator = ExpressionPlanner.comparisonOperator(comparison);
        if (operator == null) {
            throw translator.error(comparison.getStringExpression() + " with ANY or ALL is not supported", comparison);
        }
        boolean all = any.getAnyType() == net.sf.jsqlparser.expression.AnyType.ALL;
        Select subquery = any.getSelect();
        if (operator == BinaryOperator.EQ && !all || operator == BinaryOperator.NE && all) {
            InExpression in = new InExpression(comparison.getLeftExpression(), subquery);
            in.setNot(all);
            return expressions().in(in, scope);
        }
        Expr x = translator.expr(comparison.getLeftExpression(), scope);
        Planned planned = planned(subquery, scope);
        String column = onlyColumn(planned, any, "a subquery after ANY or ALL");
        LazyFrame rows = planned.frame();
        DataType type = rows.schema().type(column);
        DataType valueType = type == DataType.CATEGORICAL ? DataType.UTF8 : type;
        String rowCount = translator.fresh("__floe_rows");
        String valueCount = translator.fresh("__floe_values");
        String smallest = translator.fresh("__floe_min");
        String largest = translator.fresh("__floe_max");
        List<Expr> summary = List.of(Exprs.len().alias(rowCount), col(column).count().alias(valueCount),
                col(column).min().cast(valueType).alias(smallest), col(column).nanMax().cast(valueType).alias(largest));
        Expr n;
        Expr nn;
        Expr min;
        Expr max;
        Correlation correlation = planned.correlation();
        if (correlation == null) {
            DataFrame values = eager(any, () -> rows.select(summary));
            n = lit(values.get(0, rowCount), DataType.INT64);
            nn = lit(values.get(0, valueCount), DataType.INT64);
            min = lit(values.get(0, smallest), valueType);
            max = lit(values.get(0, largest), valueType);
        } else {
            List<Expr> outputs = new ArrayList<>(correlation.columnExprs());
            for (String name : List.of(rowCount, valueCount, smallest, largest)) {
                outputs.add(col(name));
            }
            LazyFrame values = rows.groupBy(correlation.columnExprs().toArray(Expr[]::new)).agg(summary)
                    .select(outputs);
            List<Expr> keys = outerKeys(correlation);
            applies(scope, any).add(List.of(new Schema.Field(rowCount, DataType.INT64),
                    new Schema.Field(valueCount, DataType.INT64), new Schema.Field(smallest, valueType),
                    new Schema.Field(largest, valueType)), target -> keyedJoin(target, values, keys, correlation.columns,
                            List.of(), List.of(), JoinType.LEFT, any));
            n = col(rowCount).fillNull(0L); // no row for these outer values
            nn = col(valueCount).fillNull(0L);
            min = col(smallest);
            max = col(largest);
        }
        Expr decided;
        ExpressionPlanner expressions = expressions();
        if (operator == BinaryOperator.EQ || operator == BinaryOperator.NE) {
            // = ALL fails, and <> ANY holds, where some value differs from x: the smallest or the largest does
            decided = expressions.ordered(BinaryOperator.NE, expressions.coerced(x, min, scope),
                    expressions.coerced(min, x, scope), scope).or(expressions.ordered(BinaryOperator.NE,
                    expressions.coerced(x, max, scope), expressions.coerced(max, x, scope), scope));
        } else {
            boolean below = operator == BinaryOperator.LT || operator == BinaryOperator.LE;
            // x < ANY holds against the largest value, x < ALL against the smallest (and the other way for >)
            Expr bound = below == all ? min : max;
            Expr holds = expressions.ordered(operator, expressions.coerced(x, bound, scope),
                    expressions.coerced(bound, x, scope), scope);
            decided = all ? holds.not() : holds;
        }
        boolean whenDecided = !all; // ANY: true where decided; ALL: false where decided
        return Exprs.when(n.eq(0L)).then(lit(all))
                .when(x.isNull()).then(lit(null, DataType.BOOLEAN))
                .when(nn.gt(0L).and(decided)).then(lit(whenDecided))
                .when(nn.lt(n)).then(lit(null, DataType.BOOLEAN))
                .otherwise(lit(all));
    }

    /** EXISTS: uncorrelated, answered once now; correlated, whether the subquery has a row for the outer values. */
    Expr exists(ExistsExpression exists, Scope scope) {
        if (!(exists.getRightExpression() instanceof Select subquery)) {
            throw translator.error("EXISTS needs a subquery", exists);
        }
        Planned planned = planned(subquery, scope);
        if (planned.correlation() == null) {
            DataFrame rows = eager(subquery, () -> planned.frame().head(1));
            return lit(exists.isNot() == (rows.height() == 0));
        }
        Applies applies = applies(scope, exists);
        Correlation correlation = planned.correlation();
        String mark = translator.fresh("__floe_exists");
        LazyFrame marks = planned.frame().select(correlation.columnExprs()).unique()
                .withColumns(lit(true).alias(mark));
        List<Expr> keys = outerKeys(correlation);
        applies.add(mark, DataType.BOOLEAN, target -> keyedJoin(target, marks, keys, correlation.columns, List.of(),
                List.of(), JoinType.LEFT, exists));
        Expr found = col(mark).fillNull(false);
        return exists.isNot() ? found.not() : found;
    }

    /**
     * {@code value [NOT] IN (correlated subquery)}, with SQL's nulls: true where a row of the
     * subquery (for these outer values) equals it; else null where the value is null and the
     * subquery has rows, or the subquery holds a null; else false.
     */
    Expr correlatedIn(InExpression in, Expr value, Planned planned, Scope scope) {
        Applies applies = applies(scope, in);
        Correlation correlation = planned.correlation();
        String column = onlyColumn(planned, in.getRightExpression(), "a subquery after IN");
        LazyFrame rows = planned.frame();
        String mark = translator.fresh("__floe_in");
        String all = translator.fresh("__floe_rows");
        String present = translator.fresh("__floe_values");
        String probe = translator.fresh("__floe_in_value");
        List<Expr> matchColumns = new ArrayList<>(correlation.columnExprs());
        matchColumns.add(col(column));
        LazyFrame matches = rows.filter(col(column).isNotNull()).select(matchColumns).unique()
                .withColumns(lit(true).alias(mark));
        LazyFrame counts = rows.groupBy(correlation.columnExprs().toArray(Expr[]::new))
                .agg(Exprs.len().alias(all), col(column).count().alias(present));
        List<Expr> keys = outerKeys(correlation);
        applies.add(List.of(new Schema.Field(mark, DataType.BOOLEAN), new Schema.Field(all, DataType.INT64),
                new Schema.Field(present, DataType.INT64)), target -> {
                    LazyFrame probed = target.withColumns(value.alias(probe));
                    LazyFrame marked = keyedJoin(probed, matches, keys, correlation.columns, List.of(col(probe)),
                            List.of(column), JoinType.LEFT, in);
                    return keyedJoin(marked, counts, keys, correlation.columns, List.of(), List.of(), JoinType.LEFT, in)
                            .drop(probe);
                });
        Expr found = Exprs.when(col(mark).isNotNull()).then(lit(true))
                .when(col(all).isNull()).then(lit(false))
                .when(value.isNull().or(col(present).lt(col(all)))).then(lit(null, DataType.BOOLEAN))
                .otherwise(lit(false));
        return in.isNot() ? found.not() : found;
    }

    /**
     * {@code left} joined with {@code right}: each expression of {@code leftSafe} with the right
     * column of {@code rightSafe} at its place, nulls equal (outer values: a null one is a value
     * too), and each of {@code leftPlain} with the column of {@code rightPlain}, as SQL's {@code =}
     * (a null matches nothing); a pair of which either side holds no null ({@link
     * dev.floe.frame.plan.NonNull}) joins as a plain key, which gives the same rows. The right's
     * key columns are left out of the result.
     */
    LazyFrame keyedJoin(LazyFrame left, LazyFrame right, List<Expr> leftSafe, List<String> rightSafe,
            List<Expr> leftPlain, List<String> rightPlain, JoinType how, Object node) {
        List<Expr> leftCopies = new ArrayList<>();
        List<Expr> rightCopies = new ArrayList<>();
        Schema rightSchema = right.schema();
        // where one side is never null, nulls being equal changes nothing: a plain key (one
        // column, not two, which the join looks up faster)
        List<Expr> safeLeft = new ArrayList<>();
        List<String> safeRight = new ArrayList<>();
        List<Expr> plainLeft = new ArrayList<>();
        List<String> plainRight = new ArrayList<>();
        if (!leftSafe.isEmpty()) {
            java.util.Set<String> leftNonNull = dev.floe.frame.plan.NonNull.columns(left.plan());
            java.util.Set<String> rightNonNull = dev.floe.frame.plan.NonNull.columns(right.plan());
            for (int k = 0; k < leftSafe.size(); k++) {
                Expr l = leftSafe.get(k);
                boolean plain = rightNonNull.contains(rightSafe.get(k))
                        || l instanceof dev.floe.frame.expr.Col c && leftNonNull.contains(c.name());
                (plain ? plainLeft : safeLeft).add(l);
                (plain ? plainRight : safeRight).add(rightSafe.get(k));
            }
        }
        plainLeft.addAll(leftPlain);
        plainRight.addAll(rightPlain);
        for (int k = 0; k < safeLeft.size(); k++) {
            Expr l = safeLeft.get(k);
            Expr r = col(safeRight.get(k));
            Expr zero = translator.zero(rightSchema.type(safeRight.get(k)), node);
            leftCopies.add(l.fillNull(zero));
            rightCopies.add(r.fillNull(zero));
            leftCopies.add(l.isNull());
            rightCopies.add(r.isNull());
        }
        for (int k = 0; k < plainLeft.size(); k++) {
            leftCopies.add(plainLeft.get(k));
            rightCopies.add(col(plainRight.get(k)));
        }
        List<String> leftNames = new ArrayList<>();
        List<String> rightNames = new ArrayList<>();
        for (int k = 0; k < leftCopies.size(); k++) {
            leftNames.add(translator.fresh("__floe_left_key"));
            rightNames.add(translator.fresh("__floe_right_key"));
            leftCopies.set(k, leftCopies.get(k).alias(leftNames.get(k)));
            rightCopies.set(k, rightCopies.get(k).alias(rightNames.get(k)));
        }
        List<String> rightKeys = new ArrayList<>(safeRight);
        rightKeys.addAll(plainRight);
        LazyFrame l = left.withColumns(leftCopies);
        LazyFrame r = right.withColumns(rightCopies).drop(rightKeys.toArray(String[]::new));
        return translator.guarded(() -> l.join(r, leftNames, rightNames, how, "_right"), node)
                .drop(leftNames.toArray(String[]::new));
    }
}
