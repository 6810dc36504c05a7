package dev.floe.sql;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;

import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTyper;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.plan.SortKey;
import dev.floe.sql.Relation.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * A SELECT, as {@link Translator} translates it: its FROM ({@link FromPlanner}) and WHERE, the
 * grouping (GROUP BY, grouping sets, ROLLUP and CUBE, HAVING, the aggregates the query holds),
 * windows and QUALIFY, the select list (with {@code *}, {@code EXCLUDE} and {@code REPLACE}),
 * DISTINCT, ORDER BY and LIMIT.
 */
final class SelectPlanner {
    private final Translator translator;

    SelectPlanner(Translator translator) {
        this.translator = translator;
    }

    // ---- SELECT -----------------------------------------------------------------------------------

    Relation plainSelect(PlainSelect select, Env env) {
        Map<String, net.sf.jsqlparser.expression.WindowDefinition> outer = translator.namedWindows();
        Map<String, net.sf.jsqlparser.expression.WindowDefinition> named = new java.util.HashMap<>();
        if (select.getWindowDefinitions() != null) {
            for (net.sf.jsqlparser.expression.WindowDefinition definition : select.getWindowDefinitions()) {
                String name = definition.getWindowName().toLowerCase(Locale.ROOT);
                if (named.put(name, definition) != null) {
                    throw translator.error("the window " + definition.getWindowName() + " is defined twice", select);
                }
            }
        }
        translator.namedWindows(named); // a query's windows are its own: a subquery does not see its outer query's
        // a subquery's COLUMNS(...) are its own too
        Field columns = translator.expressions().bindColumns(null);
        try {
            return plainSelectBody(select, env);
        } finally {
            translator.namedWindows(outer);
            translator.expressions().bindColumns(columns);
        }
    }

    private Relation plainSelectBody(PlainSelect select, Env env) {
        for (String unsupported : unsupportedClauses(select)) {
            throw translator.error(unsupported + " is not supported", select);
        }
        Correlation correlation = env.correlation;
        // as SQL and DuckDB: windows are computed after WHERE and HAVING (QUALIFY filters on them)
        for (Expression clause : java.util.Arrays.asList(select.getWhere(), select.getHaving())) {
            if (clause != null && windowIn(clause)) {
                throw translator.error((clause == select.getWhere() ? "WHERE" : "HAVING") + " cannot hold a window "
                        + "function; filter on it with QUALIFY", clause);
            }
        }
        List<Expression> where = new ArrayList<>(FromPlanner.factored(Translator.conjuncts(select.getWhere())));
        // WHERE COLUMNS(...) > 0: a condition on each column it names, all of them to hold, after the joins
        List<Expression> columnsWhere = new ArrayList<>();
        where.removeIf(conjunct -> columnsCall(conjunct) != null && columnsWhere.add(conjunct));
        Relation from = translator.from().fromClause(select, env, where);
        List<Expression> plain = new ArrayList<>();
        List<Expression> nested = new ArrayList<>();
        for (Expression conjunct : where) {
            (Translator.containsSubquery(conjunct) ? nested : plain).add(conjunct);
        }
        if (!plain.isEmpty() || !columnsWhere.isEmpty()) {
            Scope scope = new Scope(from, env, null);
            List<Expr> conditions = new ArrayList<>();
            for (Expression conjunct : plain) {
                conditions.add(translator.typed(translator.expr(conjunct, scope), from.frame().schema(), conjunct, "WHERE"));
            }
            for (Expression conjunct : columnsWhere) {
                if (Translator.containsSubquery(conjunct)) {
                    throw translator.error("COLUMNS(...) next to a subquery in WHERE is not supported", conjunct);
                }
                for (Expr condition : perColumn(conjunct, from, scope)) {
                    conditions.add(translator.typed(condition, from.frame().schema(), conjunct, "WHERE"));
                }
            }
            Expr filter = ExpressionPlanner.joined(conditions, Expr::and);
            LazyFrame unfiltered = from.frame();
            from = from.withFrame(translator.guarded(() -> unfiltered.filter(filter), select.getWhere()));
        }
        // conditions with subqueries last: a correlated one reads the values the others leave (all from the same
        // rows, so that one subquery's outer values are not computed from another's join)
        Relation filtered = from;
        for (Expression conjunct : nested) {
            Relation next = translator.subqueries().whereSubquery(from, filtered, conjunct, env);
            if (from == filtered && translator.subqueries().keepsRows(from, next)) {
                // an uncorrelated subquery's condition filters as a plain one does (as a semi or anti
                // join where its values are many): what follows takes its outer values from the rows left
                filtered = next;
            }
            from = next;
        }

        expandBareColumns(select, from);
        List<SelectItem<?>> items = structUnnests(select.getSelectItems(), from, env);
        List<Function> unnests = translator.expressions().selectUnnests(items);
        if (!unnests.isEmpty()) {
            // unnest(l) in the select list: the rows repeated once per element of l (none for a null or
            // empty l); several unnests zip, as DuckDB's: as many rows as the longest list, the
            // shorter ones padded with NULL
            // ORDER BY and DISTINCT ON are computed after the rows repeat, so neither may aggregate or window either
            List<Expression> ordering = new ArrayList<>();
            if (select.getOrderByElements() != null) {
                select.getOrderByElements().forEach(o -> ordering.add(o.getExpression()));
            }
            if (distinctOn(select)) {
                select.getDistinct().getOnSelectItems().forEach(item -> ordering.add(item.getExpression()));
            }
            if (select.getGroupBy() != null || select.getHaving() != null || correlation != null
                    || items.stream().anyMatch(item -> Translator.containsAggregate(item.getExpression()))
                    || ordering.stream().anyMatch(Translator::containsAggregate)) {
                throw translator.error("unnest(...) with GROUP BY, aggregates or in a correlated subquery is not supported; "
                        + "unnest in a subquery of FROM first", unnests.get(0));
            }
            // SQL computes windows before unnest repeats the rows; here they would count the repeated rows
            if (select.getQualify() != null || select.getWindowDefinitions() != null
                    || items.stream().anyMatch(item -> Translator.containsWindow(item.getExpression()))
                    || ordering.stream().anyMatch(Translator::containsWindow)) {
                throw translator.error("unnest(...) next to window functions is not supported; unnest in a subquery of FROM "
                        + "first", unnests.get(0));
            }
            Scope scope = new Scope(from, env, null);
            List<Expr> lists = new ArrayList<>();
            List<String> columns = new ArrayList<>();
            for (Function unnest : unnests) {
                List<Expression> unnestArgs = translator.expressions().arguments(unnest);
                if (unnestArgs.size() != 1) {
                    throw translator.error("unnest takes one list", unnest);
                }
                Expr list = translator.expr(unnestArgs.get(0), scope);
                DataType listType = translator.typeOfOrFail(list, scope, unnest);
                if (listType == DataType.NULL) {
                    list = lit(null, DataType.LIST_NULL); // unnest(NULL): no elements, as DuckDB
                    listType = DataType.LIST_NULL;
                }
                if (!listType.isList()) {
                    throw translator.error("unnest takes a list, not " + listType, unnest);
                }
                String column = translator.fresh("__floe_unnest");
                lists.add(list.alias(column));
                columns.add(column);
            }
            LazyFrame rows = from.frame().withColumns(lists.toArray(Expr[]::new));
            if (columns.size() == 1) {
                Expr list = col(columns.get(0));
                rows = rows.filter(list.isNotNull().and(list.lst().len().gt(0)));
            } else {
                Expr longest = null;
                for (String column : columns) {
                    Expr length = col(column).lst().len().cast(DataType.INT64).fillNull(lit(0L));
                    longest = longest == null ? length : Exprs.when(length.gt(longest)).then(length).otherwise(longest);
                }
                Expr[] padded = new Expr[columns.size()];
                for (int k = 0; k < padded.length; k++) {
                    DataType listType = rows.schema().type(columns.get(k));
                    padded[k] = Exprs.when(col(columns.get(k)).isNull()).then(lit(List.of(), listType))
                            .otherwise(col(columns.get(k))).lst().resize(longest).alias(columns.get(k));
                }
                rows = rows.filter(longest.gt(0L)).withColumns(padded);
            }
            rows = rows.explode(columns.toArray(String[]::new));
            List<Field> fields = new ArrayList<>(from.fields());
            for (int k = 0; k < columns.size(); k++) {
                fields.add(new Field(null, columns.get(k), columns.get(k), true));
                translator.expressions().bindUnnest(unnests.get(k), columns.get(k));
            }
            from = new Relation(rows, fields);
        }
        boolean grouped = select.getGroupBy() != null || select.getHaving() != null
                || items.stream().anyMatch(item -> Translator.containsAggregate(item.getExpression()))
                || (select.getOrderByElements() != null
                        && select.getOrderByElements().stream().anyMatch(o -> Translator.containsAggregate(o.getExpression())));
        Grouping grouping = grouped ? grouping(select, from, env) : null;
        if (grouping != null && grouping.sets != null && correlation != null) {
            throw translator.error("GROUPING SETS, ROLLUP and CUBE in a correlated subquery are not supported",
                    groupByNode(select));
        }
        if (grouping != null && correlation != null) {
            // a correlated subquery's groups are per outer value
            for (String column : correlation.columns) {
                grouping.keys.add(col(column));
                grouping.keyColumns.add(column);
                grouping.keyTexts.add("\u0000" + column);
                grouping.keyTypes.add(from.frame().schema().type(column));
            }
        }
        Applies applies = new Applies();
        Map<String, Expr> aliases = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Scope scope = new Scope(from, env, grouping, applies).withAliases(aliases);

        // the select list
        List<Expr> outputs = new ArrayList<>();
        List<String> outputNames = new ArrayList<>();
        List<Expression> outputSql = new ArrayList<>();
        Set<Integer> aliased = new HashSet<>();
        List<String> sqlNames = new ArrayList<>(); // each output's name before names are made unique
        Set<String> taken = new HashSet<>();
        for (SelectItem<?> item : items) {
            Expression expression = item.getExpression();
            Expr struct = expression instanceof AllTableColumns star ? structStar(star, from, scope) : null;
            if (struct != null) {
                // s.* of a struct column s (no table s): a column per field, named as the field, as DuckDB
                for (Schema.Field field : translator.typeOf(struct, scope).fields()) {
                    String name = Translator.unique(field.name(), taken);
                    outputs.add(struct.struct().field(field.name()).alias(name));
                    outputNames.add(name);
                    sqlNames.add(field.name());
                    outputSql.add(null);
                }
                continue;
            }
            if (expression instanceof AllColumns all) {
                if (grouping != null) {
                    throw translator.error("SELECT * cannot be used with GROUP BY or aggregates; name the columns", expression);
                }
                Map<String, SelectItem<?>> replaced = replacements(all, from);
                for (Field field : star(all, from)) {
                    String name = Translator.unique(field.name(), taken);
                    // every column of the name, as DuckDB (t x, t y: both a columns)
                    SelectItem<?> replacement = replaced.get(field.name());
                    String renamed = replacement == null ? null : renamedTo(replacement);
                    if (renamed != null) {
                        taken.remove(name);
                        name = Translator.unique(renamed, taken);
                    }
                    outputs.add((replacement == null || renamed != null ? col(field.column())
                            : translator.expr(replacement.getExpression(), scope)).alias(name));
                    outputNames.add(name);
                    sqlNames.add(renamed != null ? renamed : field.name());
                    outputSql.add(null);
                }
                continue;
            }
            if (columnsCall(expression) != null) {
                // f(COLUMNS(...)): the expression once per column, named as the column (or as its alias)
                List<Field> fields = columnsFields(columnsCall(expression), from);
                List<Expr> values = perColumn(expression, from, scope);
                for (int k = 0; k < fields.size(); k++) {
                    String name = Translator.unique(item.getAlias() != null ? Translator.unquote(item.getAlias().getName())
                            : fields.get(k).name(), taken);
                    outputs.add(values.get(k).alias(name));
                    outputNames.add(name);
                    sqlNames.add(item.getAlias() != null ? Translator.unquote(item.getAlias().getName()) : fields.get(k).name());
                    if (item.getAlias() != null) {
                        aliased.add(outputs.size() - 1);
                    }
                    outputSql.add(null);
                }
                continue;
            }
            Expr value = translator.expr(expression, scope);
            String base = item.getAlias() != null ? Translator.unquote(item.getAlias().getName())
                    : expression instanceof Column c && c.getArrayConstructor() == null ? columnName(c, from)
                    : Translator.written(expression.toString());
            String name = Translator.unique(base, taken);
            outputs.add(value.alias(name));
            outputNames.add(name);
            outputSql.add(expression);
            sqlNames.add(base);
            if (item.getAlias() != null) {
                // a name two items take is ambiguous to read (DuckDB reads the last, where it reads it at all)
                aliases.merge(Translator.unquote(item.getAlias().getName()), value,
                        (first, second) -> ExpressionPlanner.AMBIGUOUS_ALIAS);
                aliased.add(outputs.size() - 1);
            }
        }
        if (outputs.isEmpty()) {
            throw translator.error("the select list is empty" + (items.isEmpty() ? "" : ": * leaves no column here"), select);
        }
        int userOutputs = outputs.size();
        Set<String> named = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : sqlNames) {
            if (name != null && !named.add(name)) {
                translator.namedTwice(select, name); // for UNION BY NAME, which refuses it
                break;
            }
        }
        if (correlation != null) {
            // the outer values go out with the subquery's rows, for the enclosing query to join on
            for (String column : correlation.columns) {
                outputs.add(col(column).alias(column));
                outputNames.add(column);
                sqlNames.add(column);
                outputSql.add(null);
                taken.add(column);
            }
        }

        Expr having = select.getHaving() == null ? null : condition(select.getHaving(), from, scope);
        // QUALIFY: a filter on the select list's rows, windows computed (before DISTINCT)
        Expr qualify = select.getQualify() == null ? null : condition(select.getQualify(), from, scope);

        // ORDER BY: output columns by ordinal or name, else expressions computed alongside
        List<SortKey> sortKeys = new ArrayList<>();
        List<Expr> hidden = new ArrayList<>();
        if (select.getOrderByElements() != null) {
            for (OrderByElement element : select.getOrderByElements()) {
                if (element.getExpression() instanceof net.sf.jsqlparser.expression.AllValue) {
                    // ORDER BY ALL: every output column, first to last, in the direction given
                    for (String output : outputNames.subList(0, userOutputs)) {
                        sortKeys.add(sortKey(col(output), element));
                    }
                    continue;
                }
                if (columnsCall(element.getExpression()) != null) {
                    // ORDER BY f(COLUMNS(...)): a key per column, in the columns' order
                    for (Expr value : perColumn(element.getExpression(), from, scope)) {
                        int same = indexOfValue(outputs, value);
                        if (same >= 0) {
                            sortKeys.add(sortKey(col(outputNames.get(same)), element));
                            continue;
                        }
                        if (select.getDistinct() != null && !distinctOn(select)) {
                            throw translator.error("with SELECT DISTINCT, ORDER BY expressions must appear in the "
                                    + "select list", element.getExpression());
                        }
                        String name = "__floe_order_" + hidden.size();
                        hidden.add(value.alias(name));
                        sortKeys.add(sortKey(col(name), element));
                    }
                    continue;
                }
                String output = outputColumn(element.getExpression(), outputNames.subList(0, userOutputs), aliased,
                        sqlNames);
                Expr key;
                if (output != null) {
                    key = col(output);
                } else {
                    Expr value = translator.expr(element.getExpression(), scope);
                    int same = indexOfValue(outputs, value);
                    if (same >= 0) {
                        key = col(outputNames.get(same));
                    } else {
                        if (select.getDistinct() != null && !distinctOn(select)) {
                            throw translator.error("with SELECT DISTINCT, ORDER BY expressions must appear in the select list",
                                    element.getExpression());
                        }
                        String name = "__floe_order_" + hidden.size();
                        hidden.add(value.alias(name));
                        key = col(name);
                    }
                }
                sortKeys.add(sortKey(key, element));
            }
        }

        // DISTINCT ON (...): its expressions as output columns or computed alongside, as ORDER BY's
        List<Expr> onKeys = new ArrayList<>();
        if (distinctOn(select)) {
            for (SelectItem<?> item : select.getDistinct().getOnSelectItems()) {
                Expression on = item.getExpression();
                String output = outputColumn(on, outputNames.subList(0, userOutputs), aliased, sqlNames);
                Expr value = output != null ? col(output) : translator.expr(on, scope);
                int same = output != null ? -1 : indexOfValue(outputs, value);
                if (output == null && same < 0) {
                    String name = "__floe_on_" + onKeys.size();
                    hidden.add(value.alias(name));
                    value = col(name);
                }
                onKeys.add(same >= 0 ? col(outputNames.get(same)) : value);
            }
        }

        LazyFrame frame = grouping == null ? from.frame() : grouping.build(from, select);
        boolean singleRow = false;
        if (grouping != null && correlation != null && select.getGroupBy() == null) {
            // an aggregation without GROUP BY gives a row for every outer value, rows or not
            frame = translator.subqueries().everyOuterValue(frame, grouping, correlation, select);
            singleRow = true;
        }
        frame = applies.apply(frame);
        if (having != null) {
            LazyFrame before = frame;
            frame = translator.guarded(() -> before.filter(having), select.getHaving());
        }
        List<Expr> projected = new ArrayList<>(outputs);
        projected.addAll(hidden);
        String qualified = translator.fresh("__floe_qualify");
        if (qualify != null) {
            projected.add(qualify.alias(qualified));
        }
        LazyFrame beforeSelect = frame;
        frame = translator.guarded(() -> beforeSelect.select(projected), select);
        if (qualify != null) {
            frame = frame.filter(col(qualified)).drop(qualified);
        }
        if (select.getDistinct() != null) {
            if (onKeys.isEmpty()) {
                frame = frame.unique();
            } else {
                // the first row of each group of the ON values, in the ORDER BY's order (else the input's)
                String first = translator.fresh("__floe_first");
                dev.floe.frame.expr.Over numbered = Exprs.rowNumber().over(onKeys.toArray(Expr[]::new));
                Expr number = sortKeys.isEmpty() ? numbered : numbered.orderBy(sortKeys.toArray(SortKey[]::new));
                frame = frame.withColumns(number.alias(first)).filter(col(first).eq(1L)).drop(first);
            }
        }
        if (!sortKeys.isEmpty()) {
            frame = frame.sort(sortKeys.toArray(SortKey[]::new));
        }
        if (correlation != null) {
            frame = translator.subqueries().limitedEach(frame, correlation, sortKeys, select.getLimit(), select.getOffset(), select.getFetch(),
                    select);
            correlation.taken(singleRow);
        }
        if (!hidden.isEmpty()) {
            frame = frame.select(outputNames.toArray(String[]::new));
        }
        if (correlation == null) {
            frame = limited(frame, select.getLimit(), select.getOffset(), select.getFetch(), select);
        }
        return Relation.of(frame, null);
    }

    // ---- clauses: checks, ORDER BY, LIMIT --------------------------------------------------------

    /** The clauses any query may carry that Floe does not translate, named as SQL writes them. */
    static List<String> unsupportedQueryClauses(Select select) {
        List<String> found = new ArrayList<>();
        if (select.getForMode() != null || select.getForUpdate() != null || select.getForUpdateTable() != null) {
            found.add("FOR UPDATE / FOR SHARE");
        }
        if (select.getLimitBy() != null) {
            found.add("LIMIT ... BY");
        }
        if (select.getFetch() != null && select.getFetch().getFetchParameters() != null
                && select.getFetch().getFetchParameters().stream().anyMatch(p -> !p.equalsIgnoreCase("ROWS")
                        && !p.equalsIgnoreCase("ROW") && !p.equalsIgnoreCase("ONLY"))) {
            found.add("FETCH ... " + String.join(" ", select.getFetch().getFetchParameters()));
        }
        if (select.getLimit() != null && select.getLimit().getByExpressions() != null) {
            found.add("LIMIT ... BY");
        }
        if (select.getForClause() != null) {
            found.add("FOR " + select.getForClause());
        }
        if (select.getOption() != null || select.getIsolation() != null || select.getWait() != null
                || select.isNoWait() || select.isSkipLocked() || select.getMySqlProcedureAnalyse() != null) {
            found.add("a locking or isolation option");
        }
        if (select.getInterpolate() != null && !select.getInterpolate().isEmpty()) {
            found.add("INTERPOLATE");
        }
        if (select.isOracleSiblings()) {
            found.add("ORDER SIBLINGS BY");
        }
        if (select.getPivot() != null || select.getUnPivot() != null) {
            found.add("PIVOT / UNPIVOT");
        }
        return found;
    }

    /** Whether {@code e} holds a window function ({@code OVER}) outside its subqueries. */
    private static boolean windowIn(Expression e) {
        if (e instanceof AnalyticExpression window && (window.getType() == net.sf.jsqlparser.expression.AnalyticType.OVER
                || window.getType() == net.sf.jsqlparser.expression.AnalyticType.WITHIN_GROUP_OVER)) {
            return true;
        }
        for (Expression child : Translator.children(e)) {
            if (windowIn(child)) {
                return true;
            }
        }
        return false;
    }

    static List<String> unsupportedClauses(PlainSelect select) {
        List<String> found = new ArrayList<>();
        if (select.getTop() != null) {
            found.add("TOP (use LIMIT)");
        }
        if (select.getSkip() != null || select.getFirst() != null) {
            found.add("SKIP / FIRST (use LIMIT and OFFSET)");
        }
        if (select.getSampleClause() != null) {
            found.add("SAMPLE");
        }
        if (select.getPreWhere() != null) {
            found.add("PREWHERE");
        }
        if (select.getLateralViews() != null && !select.getLateralViews().isEmpty()) {
            found.add("LATERAL VIEW");
        }
        if (select.isUsingFinal() || select.isUsingOnly() || select.isUseWithNoLog() || select.getIntoTempTable() != null
                || select.getSettings() != null || select.getOptimizeFor() != null || select.getMySqlHintStraightJoin()
                || select.getMySqlSqlCalcFoundRows() || select.getMySqlSqlCacheFlag() != null
                || select.getMySqlSelectIntoClause() != null || select.getForXmlPath() != null
                || select.getKsqlWindow() != null || select.isEmitChanges()
                || (select.getEmitMode() != null && select.getEmitMode() != PlainSelect.EmitMode.NONE)
                || select.getBigQuerySelectQualifier() != null) {
            found.add("this dialect's SELECT option");
        }
        if (select.getOracleHierarchical() != null) {
            found.add("CONNECT BY");
        }
        if (select.getPreferringClause() != null) {
            found.add("PREFERRING");
        }
        if (select.getGroupBy() != null && select.getGroupBy().isMysqlWithRollup()) {
            found.add("GROUP BY ... WITH ROLLUP");
        }
        if (select.getIntoTables() != null) {
            found.add("SELECT INTO");
        }
        return found;
    }

    /** An ORDER BY term that names an output column: an ordinal, or an output name that no input column shadows. */
    /**
     * {@code unnest(s)} of a struct, as DuckDB's: a column per field, named as the field, where the
     * item stood (no rows repeated); the other items as they are.
     */
    private List<SelectItem<?>> structUnnests(List<SelectItem<?>> items, Relation from, Env env) {
        List<SelectItem<?>> out = null;
        for (int i = 0; i < items.size(); i++) {
            SelectItem<?> item = items.get(i);
            if (!(Translator.unparenthesized(item.getExpression()) instanceof Function unnest)
                    || unnest.getName() == null || !unnest.getName().equalsIgnoreCase("unnest")) {
                if (out != null) {
                    out.add(item);
                }
                continue;
            }
            List<Expression> args = translator.expressions().arguments(unnest);
            DataType type = null;
            if (args.size() == 1) {
                try {
                    Scope scope = new Scope(from, env, null);
                    type = translator.typeOf(translator.expr(args.get(0), scope), scope);
                } catch (SqlException | SubqueryPlanner.NeedOuter notHere) {
                    type = null; // an aggregate, an outer column: unnest's own checks name it
                }
            }
            if (type == null || !type.isStruct()) {
                if (out != null) {
                    out.add(item);
                }
                continue;
            }
            if (out == null) {
                out = new ArrayList<>(items.subList(0, i));
            }
            if (unnest.getAttribute() != null) {
                // as DuckDB: an unnest of a struct stands alone in the select list
                throw translator.error("unnest(s) of a struct gives a column per field and takes no ." + unnest.getAttribute()
                        + " after it; write s." + unnest.getAttribute() + " instead", unnest);
            }
            if (item.getAlias() != null) {
                throw translator.error("unnest(s) of a struct gives a column per field, named as the field; an alias ("
                        + item.getAlias().getName() + ") for them all is not supported", unnest);
            }
            for (Schema.Field field : type.fields()) {
                Function extract = new Function("struct_extract", args.get(0),
                        new net.sf.jsqlparser.expression.StringValue(field.name()));
                out.add(new SelectItem<>(extract, new net.sf.jsqlparser.expression.Alias(
                        "\"" + field.name().replace("\"", "\"\"") + "\"")));
            }
        }
        return out == null ? items : out;
    }

    /** A column's output name: its own; for a struct's field ({@code s.x}), the field's, as DuckDB names it. */
    private String columnName(Column column, Relation from) {
        String qualifier = Translator.qualifier(column);
        String name = Translator.unquote(column.getColumnName());
        // a name FROM does not have is an outer column or an earlier alias (SELECT 1 AS a, a), named so
        return qualifier != null && from.matches(qualifier, name).isEmpty()
                || qualifier == null && from.matches(null, name).isEmpty() ? name
                : translator.expressions().resolve(column, from).name();
    }

    /**
     * The output column ORDER BY names: by place, or by name, as DuckDB's: the one output of that
     * name, or of several the last one with an alias; where several carry it and none by an alias
     * ({@code SELECT * FROM t, u ORDER BY b}), no output's, so that the name is read from FROM
     * (ambiguous there, or one column: {@code SELECT b, b FROM t ORDER BY b}).
     */
    private String outputColumn(Expression expression, List<String> outputNames, Set<Integer> aliased,
            List<String> sqlNames) {
        if (expression instanceof LongValue ordinal) {
            long k = ExpressionPlanner.clamped(ordinal);
            if (k < 1 || k > outputNames.size()) {
                throw translator.error("ORDER BY position " + ordinal + " is not in the select list (1 to " + outputNames.size() + ")",
                        expression);
            }
            return outputNames.get((int) k - 1);
        }
        if (expression instanceof Column column && column.getTable() == null) {
            String name = Translator.unquote(column.getColumnName());
            for (int i = 0; i < outputNames.size(); i++) {
                // an output column of that name wins over an input column of it, as in DuckDB and PostgreSQL:
                // SELECT b AS a FROM t ORDER BY a sorts by b
                if (outputNames.get(i).equalsIgnoreCase(name)) {
                    int same = 0;
                    int lastAliased = -1;
                    for (int k = 0; k < outputNames.size(); k++) {
                        String sql = k < sqlNames.size() && sqlNames.get(k) != null ? sqlNames.get(k) : outputNames.get(k);
                        if (sql.equalsIgnoreCase(name)) {
                            same++;
                            if (aliased.contains(k)) {
                                lastAliased = k;
                            }
                        }
                    }
                    return same <= 1 ? outputNames.get(i) : lastAliased >= 0 ? outputNames.get(lastAliased) : null;
                }
            }
        }
        return null;
    }

    private static int indexOfValue(List<Expr> outputs, Expr value) {
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i) instanceof dev.floe.frame.expr.Alias alias && alias.input().equals(value)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the SELECT is {@code SELECT DISTINCT ON (...)}. */
    private static boolean distinctOn(PlainSelect select) {
        return select.getDistinct() != null && select.getDistinct().getOnSelectItems() != null
                && !select.getDistinct().getOnSelectItems().isEmpty();
    }

    static SortKey sortKey(Expr key, OrderByElement element) {
        boolean descending = !element.isAsc();
        boolean nullsLast = element.getNullOrdering() != OrderByElement.NullOrdering.NULLS_FIRST;
        return new SortKey(key, descending, nullsLast);
    }

    private LazyFrame limited(LazyFrame frame, net.sf.jsqlparser.statement.select.Limit limit,
            net.sf.jsqlparser.statement.select.Offset offset, net.sf.jsqlparser.statement.select.Fetch fetch,
            Object node) {
        if (limit != null && limit.getRowCount() instanceof net.sf.jsqlparser.expression.Function percent
                && percent.getName().equals(SqlText.LIMIT_PERCENT)) {
            return percentOf(frame, percent, offset == null ? limit.getOffset() : offset.getOffset(), fetch);
        }
        long[] window = window(limit, offset, fetch);
        if (window == null) {
            return frame;
        }
        long skip = window[0];
        return frame.slice(skip, window[1] < 0 ? Long.MAX_VALUE - skip : window[1]);
    }

    /**
     * {@code LIMIT p%} (after OFFSET's rows): the first {@code p / 100 * n} rows of the {@code n}
     * rows, rounded down, in double precision as DuckDB counts them (29% of 100 rows is 28).
     */
    private LazyFrame percentOf(LazyFrame frame, net.sf.jsqlparser.expression.Function percent, Expression offset,
            net.sf.jsqlparser.statement.select.Fetch fetch) {
        if (fetch != null) {
            throw translator.error("LIMIT with a percentage takes no FETCH", percent);
        }
        double share = Double.parseDouble(percent.getParameters().get(0).toString());
        if (!(share >= 0 && share <= 100)) {
            throw translator.error("LIMIT's percentage is from 0 to 100%, not " + percent.getParameters().get(0) + "%",
                    percent);
        }
        long skip = offset == null ? 0 : count(offset, "OFFSET");
        Set<String> taken = new HashSet<>(frame.schema().names());
        String place = Translator.unique("__floe_place", taken);
        String rows = Translator.unique("__floe_rows", taken);
        return frame.withColumns(Exprs.rowNumber().over().alias(place), Exprs.len().over().alias(rows))
                .filter(col(place).gt(lit(skip)).and(col(place).le(lit(skip).add(
                        col(rows).cast(DataType.FLOAT64).mul(lit(share / 100.0)).floor()))))
                .select(frame.schema().names().toArray(String[]::new));
    }

    /** The rows LIMIT, OFFSET and FETCH keep: {skip, count} (count -1: all the rest), or null for every row. */
    long[] window(net.sf.jsqlparser.statement.select.Limit limit,
            net.sf.jsqlparser.statement.select.Offset offset, net.sf.jsqlparser.statement.select.Fetch fetch) {
        long skip = offset == null ? 0 : count(offset.getOffset(), "OFFSET");
        long rows = -1;
        if (limit != null && limit.getRowCount() instanceof net.sf.jsqlparser.expression.Function percent
                && percent.getName().equals(SqlText.LIMIT_PERCENT)) {
            throw translator.error("LIMIT with a percentage is not supported here (in a correlated subquery)", percent);
        }
        if (limit != null && limit.getRowCount() != null && !limit.isLimitAll() && !limit.isLimitNull()) {
            rows = count(limit.getRowCount(), "LIMIT");
            if (limit.getOffset() != null) {
                skip = count(limit.getOffset(), "OFFSET");
            }
        }
        if (fetch != null) {
            rows = fetch.getExpression() == null ? fetch.getRowCount() : count(fetch.getExpression(), "FETCH");
        }
        return skip == 0 && rows < 0 ? null : new long[] {skip, rows};
    }

    /**
     * The rows a LIMIT, OFFSET or FETCH names: a whole number as written, or the value of a
     * constant expression or a prepared statement's parameter cast to BIGINT as SQL's CAST does
     * (2.5 is 3, '2' is 2), as DuckDB takes them; a NULL is no limit (no offset).
     */
    long count(Expression expression, String clause) {
        if (expression instanceof LongValue value) {
            java.math.BigInteger number = value.getBigIntegerValue();
            if (number.signum() >= 0 && number.bitLength() <= 63) {
                return number.longValue();
            }
            if (number.signum() >= 0) {
                throw translator.error(clause + " " + number + " is too large: at most " + Long.MAX_VALUE, expression);
            }
        }
        Expr value;
        if (expression instanceof net.sf.jsqlparser.expression.JdbcParameter parameter) {
            // a prepared statement's parameter (LIMIT ?, LIMIT $1)
            try {
                value = translator.parameters().value(parameter);
            } catch (IllegalArgumentException unusable) {
                throw translator.error(unusable.getMessage(), parameter);
            }
        } else {
            value = translator.from().constantExpr(expression);
        }
        Object cast;
        Object given = expression instanceof net.sf.jsqlparser.expression.JdbcParameter ? value : expression;
        try {
            cast = translator.from().castConstant(value, DataType.INT64, () -> translator.error(
                    clause + " needs a whole number >= 0, got " + given, expression));
        } catch (dev.floe.FloeException e) {
            if (e instanceof SqlException) {
                throw e;
            }
            throw translator.error(clause + " needs a whole number >= 0, got " + given, expression);
        }
        if (cast == null) {
            return clause.equals("OFFSET") ? 0 : -1; // LIMIT NULL: no limit, as written or as DuckDB takes a parameter
        }
        long n = ((Number) cast).longValue();
        if (n < 0) {
            throw translator.error(clause + " needs a whole number >= 0, got " + n, expression);
        }
        return n;
    }

    /** ORDER BY and LIMIT on a query whose columns are known only by their output names. */
    Relation finish(Relation relation, List<OrderByElement> order, Select select, Env env) {
        LazyFrame frame = relation.frame();
        List<SortKey> keys = new ArrayList<>();
        if (order != null && !order.isEmpty()) {
            List<String> names = frame.schema().names();
            Scope scope = new Scope(relation, env, null);
            for (OrderByElement element : order) {
                if (element.getExpression() instanceof net.sf.jsqlparser.expression.AllValue) {
                    // ORDER BY ALL: every column, first to last (not the outer values a correlated subquery carries)
                    for (String name : names) {
                        if (env.correlation == null || !env.correlation.columns.contains(name)) {
                            keys.add(sortKey(col(name), element));
                        }
                    }
                    continue;
                }
                Expr key;
                if (element.getExpression() instanceof LongValue ordinal) {
                    long k = ExpressionPlanner.clamped(ordinal);
                    if (k < 1 || k > names.size()) {
                        throw translator.error("ORDER BY position " + ordinal + " is not in the select list (1 to " + names.size() + ")",
                                element.getExpression());
                    }
                    key = col(names.get((int) k - 1));
                } else {
                    key = translator.expr(element.getExpression(), scope);
                }
                keys.add(sortKey(key, element));
            }
            frame = frame.sort(keys.toArray(SortKey[]::new));
        }
        if (env.correlation != null) {
            // inside a correlated subquery: the limit holds for each outer value
            frame = translator.subqueries().limitedEach(frame, env.correlation, keys, select.getLimit(),
                    select.getOffset(), select.getFetch(), select);
        } else {
            frame = limited(frame, select.getLimit(), select.getOffset(), select.getFetch(), select);
        }
        return new Relation(frame, relation.fields());
    }

    // ---- COLUMNS(...) ---------------------------------------------------------------------------

    /**
     * The {@code COLUMNS(...)} call in {@code e} (outside subqueries), or null. An expression may
     * hold one more than once (each stands for the same column: {@code COLUMNS(*) + COLUMNS(*)}),
     * but not two different ones, as in DuckDB.
     */
    private Function columnsCall(Expression e) {
        List<Function> calls = new ArrayList<>();
        columnsCalls(e, calls);
        if (calls.isEmpty()) {
            return null;
        }
        String first = calls.get(0).toString();
        for (Function call : calls) {
            if (!call.toString().equals(first)) {
                throw translator.error("an expression takes one COLUMNS(...), not " + first + " and " + call
                        + " (each would stand for its own columns)", call);
            }
        }
        return calls.get(0);
    }

    private static void columnsCalls(Expression e, List<Function> out) {
        if (e == null || e instanceof Select) {
            return;
        }
        Expression inner = Translator.unparenthesized(e);
        if (inner instanceof Function f && !(inner instanceof AnalyticExpression) && f.getName() != null
                && f.getName().equalsIgnoreCase("columns") && f.getAttribute() == null) {
            out.add(f);
            return;
        }
        for (Expression child : Translator.children(inner)) {
            columnsCalls(child, out);
        }
    }

    /**
     * The columns {@code COLUMNS(...)} names, in the FROM clause's order, as DuckDB reads its argument:
     * {@code *} (with {@code EXCLUDE}) or {@code t.*}; a regular expression that the name contains a
     * match of ({@code COLUMNS('^price_')}, case as written); a list of names
     * ({@code COLUMNS(['a', 'b'])}, in the FROM clause's order all the same); or a lambda over a name ({@code COLUMNS(c -> c LIKE '%_id')}).
     * Naming none is an error.
     */
    private List<Field> columnsFields(Function call, Relation from) {
        List<Expression> args = call.getParameters() == null ? List.of() : List.copyOf(call.getParameters());
        if (args.size() != 1 || call.isDistinct() || call.getOrderByElements() != null) {
            throw translator.error("COLUMNS takes one argument: *, a regular expression, a list of names or a lambda",
                    call);
        }
        Expression arg = Translator.unparenthesized(args.get(0));
        if (arg instanceof AllColumns all) {
            if (all.getReplaceExpressions() != null && !all.getReplaceExpressions().isEmpty()) {
                throw translator.error("COLUMNS(* REPLACE (...)) is not supported; REPLACE in the select list's *",
                        call);
            }
            return star(all, from);
        }
        List<Field> candidates = star(new AllColumns(), from);
        List<Field> fields = new ArrayList<>();
        if (arg instanceof net.sf.jsqlparser.expression.StringValue text) {
            dev.floe.frame.expr.Regex.Matching pattern;
            try {
                pattern = dev.floe.frame.expr.Re2Patterns.compile(translator.text(text), false).matching(false); // RE2's
            } catch (IllegalArgumentException e) {
                throw translator.error("COLUMNS(" + text + ") is not a regular expression: "
                        + e.getMessage(), call);
            }
            for (Field field : candidates) {
                if (pattern.find(field.name())) {
                    fields.add(field);
                }
            }
        } else if (arg instanceof net.sf.jsqlparser.expression.ArrayConstructor list && list.getExpressions() != null) {
            java.util.Set<Field> named = new HashSet<>();
            for (Expression element : list.getExpressions()) {
                if (!(element instanceof net.sf.jsqlparser.expression.StringValue name)) {
                    throw translator.error("COLUMNS([...]) takes names of columns as text, not " + element, element);
                }
                named.add(namedColumn(translator.text(name), candidates, call));
            }
            for (Field field : candidates) { // in the FROM clause's order, as DuckDB
                if (named.contains(field)) {
                    fields.add(field);
                }
            }
        } else if (holdsLambda(arg)) {
            StringBuilder names = new StringBuilder("SELECT list_filter([");
            for (int i = 0; i < candidates.size(); i++) {
                names.append(i == 0 ? "" : ", ").append('\'').append(candidates.get(i).name().replace("'", "''"))
                        .append('\'');
            }
            names.append("]::VARCHAR[], ").append(args.get(0)).append(") AS kept");
            List<?> kept;
            try {
                kept = (List<?>) new SqlContext().sql(names.toString()).column("kept").get(0);
            } catch (SqlException e) {
                throw translator.error("COLUMNS(" + args.get(0) + ") cannot be applied to the columns' names: "
                        + e.reason(), call);
            }
            for (Object name : kept) {
                fields.add(namedColumn((String) name, candidates, call));
            }
        } else {
            throw translator.error("COLUMNS takes *, a regular expression, a list of names or a lambda, not " + arg,
                    call);
        }
        if (fields.isEmpty()) {
            throw translator.error(call + " names no column; columns are: "
                    + String.join(", ", candidates.stream().map(Field::display).toList()), call);
        }
        return fields;
    }

    private Field namedColumn(String name, List<Field> candidates, Function call) {
        for (Field field : candidates) {
            if (field.name().equals(name)) {
                return field;
            }
        }
        for (Field field : candidates) {
            if (field.name().equalsIgnoreCase(name)) {
                return field;
            }
        }
        throw translator.error(call + " names \"" + name + "\", which is not a column; columns are: "
                + String.join(", ", candidates.stream().map(Field::display).toList()), call);
    }

    /** Whether {@code e} is a lambda ({@code c -> ...}: the parser may read its arrow as JSON's, so the text says). */
    private static boolean holdsLambda(Expression e) {
        return e instanceof net.sf.jsqlparser.expression.LambdaExpression || e.toString().contains("->");
    }

    /** {@code e} translated once per column its {@code COLUMNS(...)} names, each time standing for that column. */
    private List<Expr> perColumn(Expression e, Relation from, Scope scope) {
        List<Expr> values = new ArrayList<>();
        for (Field field : columnsFields(columnsCall(e), from)) {
            Field outer = translator.expressions().bindColumns(field);
            try {
                values.add(translator.expr(e, scope));
            } finally {
                translator.expressions().bindColumns(outer);
            }
        }
        return values;
    }

    /** A condition (HAVING, QUALIFY); one holding {@code COLUMNS(...)} holds for each column it names. */
    private Expr condition(Expression e, Relation from, Scope scope) {
        if (columnsCall(e) == null) {
            return translator.expr(e, scope);
        }
        return ExpressionPlanner.joined(perColumn(e, from, scope), Expr::and);
    }

    /**
     * The select list's, GROUP BY's and ORDER BY's items that are {@code COLUMNS(...)} alone, each
     * replaced by its columns (an item's alias given to each), so that they are read as the columns
     * written out would be.
     */
    private void expandBareColumns(PlainSelect select, Relation from) {
        List<SelectItem<?>> items = new ArrayList<>();
        boolean changed = false;
        for (SelectItem<?> item : select.getSelectItems()) {
            Function call = bare(item.getExpression());
            if (call == null) {
                items.add(item);
                continue;
            }
            changed = true;
            for (Field field : columnsFields(call, from)) {
                items.add(new SelectItem<>(columnOf(field), item.getAlias()));
            }
        }
        if (changed) {
            select.setSelectItems(items);
        }
        GroupByElement groupBy = select.getGroupBy();
        if (groupBy != null && groupBy.getGroupByExpressionList() != null) {
            ExpressionList<Expression> keys = new ExpressionList<>();
            changed = false;
            for (Expression key : groupBy.getGroupByExpressionList()) {
                Function call = bare(key);
                if (call == null) {
                    keys.add(key);
                    continue;
                }
                changed = true;
                for (Field field : columnsFields(call, from)) {
                    keys.add(columnOf(field));
                }
            }
            if (changed) {
                groupBy.setGroupByExpressions(keys);
            }
        }
        if (select.getOrderByElements() != null) {
            List<OrderByElement> elements = new ArrayList<>();
            changed = false;
            for (OrderByElement element : select.getOrderByElements()) {
                Function call = bare(element.getExpression());
                if (call == null) {
                    elements.add(element);
                    continue;
                }
                changed = true;
                for (Field field : columnsFields(call, from)) {
                    OrderByElement copy = new OrderByElement();
                    copy.setExpression(columnOf(field));
                    copy.setAsc(element.isAsc());
                    copy.setAscDescPresent(element.isAscDescPresent());
                    copy.setNullOrdering(element.getNullOrdering());
                    elements.add(copy);
                }
            }
            if (changed) {
                select.setOrderByElements(elements);
            }
        }
    }

    /** The {@code COLUMNS(...)} call that {@code e} is, alone, or null. */
    private static Function bare(Expression e) {
        Expression inner = Translator.unparenthesized(e);
        return inner instanceof Function f && !(inner instanceof AnalyticExpression) && f.getName() != null
                && f.getName().equalsIgnoreCase("columns") && f.getAttribute() == null ? f : null;
    }

    /** A reference to {@code field} as SQL would write it: its table's name (where it has one) and its own, quoted. */
    private static Column columnOf(Field field) {
        String name = Translator.quoted(field.name());
        return field.qualifier() == null ? new Column(name) : new Column(Translator.table(field.qualifier()), name);
    }

    /**
     * The struct that {@code s.*} expands where no table of the FROM clause is named {@code s} but a
     * column {@code s} (or {@code t.s}) is a struct; null otherwise.
     */
    private Expr structStar(AllTableColumns star, Relation from, Scope scope) {
        List<String> parts = new ArrayList<>();
        for (String part : star.getTable().getNameParts()) {
            if (part != null) {
                parts.add(0, Translator.unquote(part));
            }
        }
        if (parts.isEmpty() || star.getExceptColumns() != null || star.getReplaceExpressions() != null) {
            return null;
        }
        String table = parts.size() == 1 ? null : String.join(".", parts.subList(0, parts.size() - 1));
        String column = parts.get(parts.size() - 1);
        if (table == null && from.fields().stream().anyMatch(f -> f.qualifier() != null
                && f.qualifier().equalsIgnoreCase(column))) {
            return null; // a table's * first
        }
        if (from.matches(table, column).size() != 1) {
            return null;
        }
        Expr value = translator.expr(new Column(Translator.table(table), Translator.quoted(column)), scope);
        DataType type = translator.typeOf(value, scope);
        return type != null && type.isStruct() ? value : null;
    }

    // ---- SELECT * -----------------------------------------------------------------------------

    private List<Field> star(AllColumns all, Relation from) {
        List<Field> fields = new ArrayList<>();
        String qualifier = all instanceof AllTableColumns table ? Translator.unquote(table.getTable().getFullyQualifiedName()) : null;
        for (Field field : from.fields()) {
            // * shows a USING key once; t.* shows t's own copy, as its other columns; never an outer value
            if (field.outer() || field.hidden() && qualifier == null) {
                continue;
            }
            if (qualifier != null && (field.qualifier() == null || !field.qualifier().equalsIgnoreCase(qualifier))) {
                continue;
            }
            fields.add(field);
        }
        if (qualifier != null && fields.isEmpty()) {
            throw translator.error("no table \"" + qualifier + "\" in FROM", all);
        }
        if (fields.isEmpty() && from.fields().stream().noneMatch(f -> !f.outer())) {
            throw translator.error("SELECT * needs a FROM clause: without one there are no columns to take", all);
        }
        if (all.getExceptColumns() != null) {
            for (Column except : all.getExceptColumns()) {
                String name = Translator.unquote(except.getColumnName());
                String table = except.getTable() == null || except.getTable().getName() == null ? null
                        : Translator.unquote(except.getTable().getFullyQualifiedName());
                boolean removed = fields.removeIf(f -> f.name().equalsIgnoreCase(name)
                        && (table == null || f.qualifier() != null && f.qualifier().equalsIgnoreCase(table)));
                if (!removed) {
                    throw translator.error("EXCLUDE names \"" + (table == null ? "" : table + ".") + name + "\", which * does "
                            + "not have; columns are: " + String.join(", ", fields.stream().map(Field::display).toList()),
                            except);
                }
            }
            if (fields.isEmpty()) {
                throw translator.error("* EXCLUDE leaves no columns: it excludes every column of " + (qualifier == null ? "*"
                        : qualifier + ".*"), all);
            }
        }
        return fields;
    }

    /** The new name of a {@code * RENAME} item ({@link SqlText#starRename}), or null for a REPLACE item. */
    private static String renamedTo(SelectItem<?> item) {
        if (item.getExpression() instanceof net.sf.jsqlparser.expression.Function f
                && f.getName().equalsIgnoreCase(SqlText.RENAME) && f.getParameters() != null
                && f.getParameters().size() == 1 && f.getParameters().get(0) instanceof Column name) {
            return Translator.unquote(name.getColumnName());
        }
        return null;
    }

    /** {@code * REPLACE (expr AS name, ...)}: the expressions by the column name they replace. */
    private Map<String, SelectItem<?>> replacements(AllColumns all, Relation from) {
        Map<String, SelectItem<?>> replaced = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (all.getReplaceExpressions() == null) {
            return replaced;
        }
        List<Field> fields = star(all, from);
        for (SelectItem<?> item : all.getReplaceExpressions()) {
            String word = renamedTo(item) != null ? "RENAME" : "REPLACE";
            if (item.getAlias() == null) {
                throw translator.error("* REPLACE needs each expression named: REPLACE (x + 1 AS x)", item.getExpression());
            }
            String name = Translator.unquote(item.getAlias().getName());
            if (fields.stream().noneMatch(f -> f.name().equalsIgnoreCase(name))) {
                throw translator.error(word + " names \"" + name + "\", which * does not have", item.getExpression());
            }
            if (replaced.put(name, item) != null) {
                throw translator.error("REPLACE and RENAME name \"" + name + "\" twice", item.getExpression());
            }
        }
        // the map's keys are the star's own names, so each field finds its replacement
        Map<String, SelectItem<?>> byField = new LinkedHashMap<>();
        for (Field field : fields) {
            SelectItem<?> item = replaced.get(field.name());
            if (item != null) {
                byField.put(field.name(), item);
            }
        }
        return byField;
    }

    // ---- aggregation --------------------------------------------------------------------------

    /** The most grouping sets one GROUP BY may expand to (CUBE of 12 columns). */
    private static final int MAX_GROUPING_SETS = 4096;

    /** The most columns one CUBE may hold. */
    private static final int MAX_CUBE_COLUMNS = 12;

    /**
     * An aggregation being translated: its keys, the aggregations its expressions need, and, for
     * GROUPING SETS, ROLLUP and CUBE, the sets of keys it groups by (null: one set, every key).
     */
    final class Grouping {
        final List<Expr> keys = new ArrayList<>();
        final List<String> keyColumns = new ArrayList<>();
        final List<String> keyTexts = new ArrayList<>();
        final Map<String, Expr> aggregates = new LinkedHashMap<>();
        /** The key types, as the input gives them; a key left out of a set is a null of its type. */
        final List<DataType> keyTypes = new ArrayList<>();
        /** Each set's keys, by index into {@link #keys}; null where there is one set of every key. */
        List<java.util.BitSet> sets;
        /** GROUPING(...) calls: each a column of its own, a constant in each set; by the keys it reads. */
        final Map<List<Integer>, String> groupingCalls = new LinkedHashMap<>();
        /**
         * The DISTINCT aggregates' first-occurrence flags, by the values they make distinct: each a
         * column, true on the first row of each group with those values (and, for a FILTER, the
         * condition's value), computed over the input before it is grouped.
         */
        private final Map<String, Distinct> distincts = new LinkedHashMap<>();

        private record Distinct(String column, List<Expr> values) {
        }

        /**
         * The order of the input that the aggregates' {@code ORDER BY} asks for ({@code
         * string_agg(s, ',' ORDER BY k)}), with its text; null where none does. The input is sorted
         * by it before it is grouped, and the aggregates that follow input order (lists, first,
         * last) follow it. One order per aggregation.
         */
        private List<SortKey> inputOrder;
        private String inputOrderText;

        void orderInputBy(List<SortKey> keys, String text, Object node) {
            if (inputOrder != null && !inputOrderText.equals(text)) {
                throw translator.error("aggregates ordered by different ORDER BYs in one query are not supported (" + inputOrderText
                        + " and " + text + ")", node);
            }
            inputOrder = List.copyOf(keys);
            inputOrderText = text;
        }

        /**
         * A flag that is true on one row of each group for each distinct combination of
         * {@code values}: the first in input order. {@code agg(DISTINCT x)} is {@code agg(x)} over
         * the flagged rows, for every aggregate, with the grouping's keys of each grouping set.
         */
        Expr registerDistinct(List<Expr> values) {
            String key = values.toString();
            Distinct existing = distincts.get(key);
            if (existing == null) {
                existing = new Distinct(translator.fresh("__floe_distinct"), List.copyOf(values));
                distincts.put(key, existing);
            }
            return col(existing.column());
        }

        /**
         * The columns the aggregation gives, as far as it is known: the keys, the aggregates
         * registered so far and the GROUPING() calls; {@code input} is the rows it aggregates.
         */
        Schema aggregatedSchema(Schema input) {
            if (input != typedInput) {
                typedInput = input;
                typedAggregates.clear();
            }
            // each aggregate is typed once, when first asked after it was registered: the types of those
            // before it do not change as more are registered (DISTINCT flags only add columns)
            if (typedAggregates.size() < aggregates.size()) {
                Schema flagged = withDistinctFlags(input);
                java.util.Iterator<Expr> each = aggregates.values().iterator();
                for (int i = 0; i < typedAggregates.size(); i++) {
                    each.next();
                }
                while (each.hasNext()) {
                    Expr agg = each.next();
                    typedAggregates.add(new Schema.Field(agg.outputName(), ExprTyper.typeOf(agg, flagged)));
                }
            }
            List<Schema.Field> fields = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                fields.add(new Schema.Field(keyColumns.get(i), keyTypes.get(i)));
            }
            fields.addAll(typedAggregates);
            for (String call : groupingCalls.values()) {
                fields.add(new Schema.Field(call, DataType.INT64));
            }
            return Schema.of(fields);
        }

        /** The input the aggregates in {@link #typedAggregates} were typed against, and their columns. */
        private Schema typedInput;
        private final List<Schema.Field> typedAggregates = new ArrayList<>();

        /** {@code schema} with the DISTINCT flags' columns, which aggregates' arguments read. */
        Schema withDistinctFlags(Schema schema) {
            if (distincts.isEmpty()) {
                return schema;
            }
            List<Schema.Field> fields = new ArrayList<>(schema.fields());
            for (Distinct distinct : distincts.values()) {
                fields.add(new Schema.Field(distinct.column(), DataType.BOOLEAN));
            }
            return Schema.of(fields);
        }

        /** {@code agg} computed once per group, under a column name of its own. */
        Expr register(Expr agg) {
            String key = agg.toString();
            Expr existing = aggregates.get(key);
            if (existing != null) {
                return col(existing.outputName());
            }
            String name = translator.fresh("__floe_agg");
            aggregates.put(key, agg.alias(name));
            return col(name);
        }

        /** GROUPING(keys...): a bit for each key, the first the highest, 1 where the set leaves the key out. */
        Expr registerGrouping(List<Integer> of) {
            return col(groupingCalls.computeIfAbsent(List.copyOf(of), k -> translator.fresh("__floe_grouping")));
        }

        LazyFrame build(Relation from, Object node) {
            List<Expr> aggs = new ArrayList<>(aggregates.values());
            return translator.guarded(() -> {
                if (sets == null && groupingCalls.isEmpty()) {
                    return aggregated(from.frame(), keys, aggs);
                }
                List<java.util.BitSet> each = sets != null ? sets : List.of(allKeys());
                List<LazyFrame> parts = new ArrayList<>();
                for (java.util.BitSet set : each) {
                    List<Expr> setKeys = new ArrayList<>();
                    for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
                        setKeys.add(keys.get(i));
                    }
                    List<Expr> columns = new ArrayList<>();
                    for (int i = 0; i < keys.size(); i++) {
                        columns.add(set.get(i) ? col(keyColumns.get(i))
                                : lit(null, keyTypes.get(i)).alias(keyColumns.get(i)));
                    }
                    for (Expr agg : aggs) {
                        columns.add(col(agg.outputName()));
                    }
                    for (Map.Entry<List<Integer>, String> call : groupingCalls.entrySet()) {
                        long value = 0;
                        for (int key : call.getKey()) {
                            value = value << 1 | (set.get(key) ? 0 : 1);
                        }
                        columns.add(lit(value, DataType.INT64).alias(call.getValue()));
                    }
                    parts.add(aggregated(from.frame(), setKeys, aggs).select(columns));
                }
                return parts.size() == 1 ? parts.get(0) : LazyFrame.concat(parts);
            }, node);
        }

        private java.util.BitSet allKeys() {
            java.util.BitSet all = new java.util.BitSet();
            all.set(0, keys.size());
            return all;
        }

        private LazyFrame aggregated(LazyFrame input, List<Expr> by, List<Expr> aggs) {
            if (inputOrder != null) {
                input = input.sort(inputOrder.toArray(SortKey[]::new)); // stable: ties keep the input's order
            }
            if (!distincts.isEmpty()) {
                List<Expr> flags = new ArrayList<>();
                for (Distinct distinct : distincts.values()) {
                    List<Expr> partition = new ArrayList<>();
                    for (Expr key : by) {
                        partition.add(key instanceof dev.floe.frame.expr.Alias alias ? alias.input() : key);
                    }
                    partition.addAll(distinct.values());
                    flags.add(Exprs.rowNumber().over(partition.toArray(Expr[]::new)).eq(1L)
                            .alias(distinct.column()));
                }
                input = input.withColumns(flags);
            }
            if (by.isEmpty()) {
                List<Expr> computed = new ArrayList<>(aggs);
                if (computed.isEmpty()) {
                    computed.add(Exprs.len().alias(translator.fresh("__floe_agg")));
                }
                return input.select(computed); // one row, rows or not
            }
            if (aggs.isEmpty()) {
                return input.select(by).unique();
            }
            return input.groupBy(by.toArray(Expr[]::new)).agg(aggs);
        }
    }

    private Grouping grouping(PlainSelect select, Relation from, Env env) {
        Grouping grouping = new Grouping();
        if (select.getGroupBy() == null) {
            return grouping;
        }
        Scope row = new Scope(from, env, null);
        GroupByElement groupBy = select.getGroupBy();
        List<Expression> list = new ArrayList<>(groupBy.getGroupByExpressionList());
        boolean setsGiven = groupBy.getGroupingSets() != null && !groupBy.getGroupingSets().isEmpty();
        if (setsGiven || list.stream().anyMatch(e -> setFunction(e) != null)) {
            List<java.util.BitSet> sets = List.of(new java.util.BitSet());
            if (setsGiven) {
                // GROUP BY GROUPING SETS (...): the union of its items' sets
                List<java.util.BitSet> union = new ArrayList<>();
                for (ExpressionList<Expression> item : groupBy.getGroupingSets()) {
                    List<java.util.BitSet> expanded = item instanceof ParenthesedExpressionList<?>
                            ? List.of(keySet(item, select, from, row, grouping))
                            : crossed(item, select, from, row, grouping);
                    if (union.size() + expanded.size() > MAX_GROUPING_SETS) {
                        throw translator.error("GROUPING SETS expands to more than " + MAX_GROUPING_SETS + " grouping sets",
                                groupByNode(select));
                    }
                    union.addAll(expanded);
                }
                sets = union;
            }
            // GROUP BY a, ROLLUP (b, c): the cross product of the items' sets
            grouping.sets = product(sets, crossed(list, select, from, row, grouping), groupByNode(select));
            return grouping;
        }
        if (list.size() == 1 && list.get(0) instanceof net.sf.jsqlparser.expression.AllValue all) {
            // GROUP BY ALL: every expression of the select list without an aggregate
            list.clear();
            for (SelectItem<?> item : select.getSelectItems()) {
                if (item.getExpression() instanceof AllColumns) {
                    throw translator.error("GROUP BY ALL cannot group by *; name the columns", all);
                }
                if (!Translator.containsAggregate(item.getExpression()) && !Translator.containsWindow(item.getExpression())) {
                    if (columnsCall(item.getExpression()) != null) {
                        throw translator.error("GROUP BY ALL cannot group by an expression of COLUMNS(...); group by "
                                + "the columns (COLUMNS(...) alone) and compute it in the select list", item.getExpression());
                    }
                    list.add(item.getExpression());
                }
            }
            // an item may read an earlier item's alias (SELECT n AS k, k + 1 AS j ... GROUP BY ALL), as in the
            // select list: each key translated with the aliases of the keys before it
            Map<String, Expr> earlier = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            Scope aliased = row.withAliases(earlier);
            Set<String> aggregated = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            for (SelectItem<?> item : select.getSelectItems()) {
                if (item.getAlias() != null && !list.contains(item.getExpression())) {
                    aggregated.add(Translator.unquote(item.getAlias().getName())); // an aggregate's (or window's) name
                }
            }
            for (Expression key : list) {
                if (readsAny(key, aggregated, from)) {
                    continue; // SELECT sum(b) AS s, s + 1 ... GROUP BY ALL: computed from the aggregate, not a key
                }
                groupKey(key, select, from, aliased, grouping);
                for (SelectItem<?> item : select.getSelectItems()) {
                    if (item.getExpression() == key && item.getAlias() != null) {
                        earlier.merge(Translator.unquote(item.getAlias().getName()), translator.expr(key, aliased),
                                (first, second) -> ExpressionPlanner.AMBIGUOUS_ALIAS);
                    }
                }
            }
            return grouping;
        }
        for (Expression key : list) {
            groupKey(key, select, from, row, grouping);
        }
        return grouping;
    }

    /** Whether {@code e} reads a name of {@code names} that is no column of {@code from} (an alias). */
    private static boolean readsAny(Expression e, Set<String> names, Relation from) {
        boolean[] found = {false};
        e.accept(new net.sf.jsqlparser.expression.ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column column, S context) {
                String name = Translator.unquote(column.getColumnName());
                if (column.getTable() == null && names.contains(name) && from.matches(null, name).isEmpty()) {
                    found[0] = true;
                }
                return null;
            }

            @Override
            public <S> Void visit(net.sf.jsqlparser.expression.LambdaExpression lambda, S context) {
                // its parameters are its own names, not the aliases
                Set<String> outside = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                outside.addAll(names);
                lambda.getIdentifiers().forEach(outside::remove);
                found[0] |= readsAny(lambda.getExpression(), outside, from);
                return null;
            }
        }, null);
        return found[0];
    }

    /** A node of GROUP BY that errors can point at: its first ROLLUP or CUBE, else its first key, else the SELECT. */
    private static Object groupByNode(PlainSelect select) {
        GroupByElement groupBy = select.getGroupBy();
        List<Expression> keys = new ArrayList<>(groupBy.getGroupByExpressionList());
        for (Expression key : keys) {
            if (setFunction(key) != null) {
                return key;
            }
        }
        if (groupBy.getGroupingSets() != null) {
            for (ExpressionList<Expression> set : groupBy.getGroupingSets()) {
                keys.addAll(set);
            }
        }
        return keys.isEmpty() ? select : keys.get(0);
    }

    /** "rollup" or "cube" where {@code e} is such an item of GROUP BY, else null. */
    private static String setFunction(Expression e) {
        if (e instanceof Function f && !(e instanceof AnalyticExpression) && f.getName() != null) {
            String name = f.getName().toLowerCase(Locale.ROOT);
            if (name.equals("rollup") || name.equals("cube")) {
                return name;
            }
        }
        return null;
    }

    /** The grouping sets of a list of GROUP BY items: the cross product of each item's sets. */
    private List<java.util.BitSet> crossed(List<Expression> items, PlainSelect select, Relation from, Scope row,
            Grouping grouping) {
        List<java.util.BitSet> sets = List.of(new java.util.BitSet());
        for (Expression item : items) {
            sets = product(sets, itemSets(item, select, from, row, grouping), item);
        }
        return sets;
    }

    /** Every union of one set of {@code left} and one of {@code right}, left's order first. */
    private List<java.util.BitSet> product(List<java.util.BitSet> left, List<java.util.BitSet> right, Object node) {
        if ((long) left.size() * right.size() > MAX_GROUPING_SETS) {
            throw translator.error("GROUP BY expands to more than " + MAX_GROUPING_SETS + " grouping sets", node);
        }
        List<java.util.BitSet> out = new ArrayList<>();
        for (java.util.BitSet l : left) {
            for (java.util.BitSet r : right) {
                java.util.BitSet both = (java.util.BitSet) l.clone();
                both.or(r);
                out.add(both);
            }
        }
        return out;
    }

    /** The grouping sets of one GROUP BY item: a key, ROLLUP (...) or CUBE (...). */
    private List<java.util.BitSet> itemSets(Expression item, PlainSelect select, Relation from, Scope row,
            Grouping grouping) {
        String kind = setFunction(item);
        if (kind == null) {
            if (item instanceof ParenthesedExpressionList<?> parenthesed) {
                return List.of(keySet(parenthesed, select, from, row, grouping));
            }
            java.util.BitSet one = new java.util.BitSet();
            one.set(groupKey(item, select, from, row, grouping));
            return List.of(one);
        }
        Function function = (Function) item;
        if (function.isDistinct() || function.isAllColumns() || function.getNamedParameters() != null
                || function.getParameters() == null || function.getParameters().isEmpty()
                || function.getOrderByElements() != null) {
            throw translator.error(kind.toUpperCase(Locale.ROOT) + " takes a list of columns or expressions", item);
        }
        List<java.util.BitSet> units = new ArrayList<>();
        // ROLLUP ((a, b)): the parser gives the one item's list as the call's; it is one unit, (a, b)
        List<? extends Expression> arguments = function.getParameters() instanceof ParenthesedExpressionList<?> only
                && only.size() > 1 ? List.of(only) : function.getParameters();
        for (Expression argument : arguments) {
            if (argument instanceof ParenthesedExpressionList<?> parenthesed) {
                if (parenthesed.isEmpty()) {
                    throw translator.error(kind.toUpperCase(Locale.ROOT) + " cannot hold ()", argument);
                }
                units.add(keySet(parenthesed, select, from, row, grouping));
            } else {
                java.util.BitSet one = new java.util.BitSet();
                one.set(groupKey(argument, select, from, row, grouping));
                units.add(one);
            }
        }
        List<java.util.BitSet> sets = new ArrayList<>();
        if (kind.equals("rollup")) {
            // ROLLUP (a, b): (a, b), (a), ()
            for (int n = units.size(); n >= 0; n--) {
                java.util.BitSet set = new java.util.BitSet();
                for (java.util.BitSet unit : units.subList(0, n)) {
                    set.or(unit);
                }
                sets.add(set);
            }
            return sets;
        }
        if (units.size() > MAX_CUBE_COLUMNS) {
            throw translator.error("CUBE of more than " + MAX_CUBE_COLUMNS + " items is not supported (2^" + units.size()
                    + " grouping sets); use GROUPING SETS", item);
        }
        // CUBE (a, b): every subset, the largest first
        int n = units.size();
        for (int mask = (1 << n) - 1; mask >= 0; mask--) {
            java.util.BitSet set = new java.util.BitSet();
            for (int i = 0; i < n; i++) {
                if ((mask & 1 << (n - 1 - i)) != 0) {
                    set.or(units.get(i));
                }
            }
            sets.add(set);
        }
        return sets;
    }

    /** The keys of a parenthesized list {@code (a, b)} (or {@code ()}) as one grouping set. */
    private java.util.BitSet keySet(ExpressionList<?> list, PlainSelect select, Relation from, Scope row,
            Grouping grouping) {
        java.util.BitSet set = new java.util.BitSet();
        for (Expression key : list) {
            if (setFunction(key) != null || key instanceof ParenthesedExpressionList<?>) {
                throw translator.error("a grouping set in parentheses holds columns or expressions only, not "
                        + (setFunction(key) != null ? setFunction(key).toUpperCase(Locale.ROOT) : "a nested list"),
                        key);
            }
            set.set(groupKey(key, select, from, row, grouping));
        }
        return set;
    }

    /** The index among the grouping's keys of one GROUP BY key, added where it is new. */
    private int groupKey(Expression key, PlainSelect select, Relation from, Scope row, Grouping grouping) {
        Expression source = key;
        if (key instanceof LongValue ordinal) {
            long k = ExpressionPlanner.clamped(ordinal);
            List<SelectItem<?>> items = select.getSelectItems();
            if (k < 1 || k > items.size()) {
                throw translator.error("GROUP BY position " + ordinal + " is not in the select list (1 to " + items.size() + ")", key);
            }
            source = items.get((int) k - 1).getExpression();
            if (source instanceof AllColumns) {
                throw translator.error("GROUP BY position " + k + " is *", key);
            }
        } else if (key instanceof Column column && column.getTable() == null
                && from.matches(null, Translator.unquote(column.getColumnName())).isEmpty()) {
            // a select alias
            for (SelectItem<?> item : select.getSelectItems()) {
                if (item.getAlias() != null && Translator.unquote(item.getAlias().getName()).equalsIgnoreCase(
                        Translator.unquote(column.getColumnName()))) {
                    source = item.getExpression();
                }
            }
        }
        if (Translator.containsAggregate(source)) {
            throw translator.error("GROUP BY cannot hold an aggregate function", key);
        }
        if (columnsCall(source) != null) {
            throw translator.error("GROUP BY takes COLUMNS(...) alone, not inside an expression", key);
        }
        if (setFunction(source) != null) {
            throw translator.error(setFunction(source).toUpperCase(Locale.ROOT) + " cannot be nested here", key);
        }
        String text = Translator.normalized(source);
        int same = grouping.keyTexts.indexOf(text);
        if (same >= 0) {
            return same;
        }
        Expr value = translator.typed(translator.expr(source, row), from.frame().schema(), source, "GROUP BY");
        String name;
        if (value instanceof Col c) {
            name = c.name();
        } else {
            name = translator.fresh("__floe_key");
            value = value.alias(name);
        }
        int existing = grouping.keyColumns.indexOf(name);
        if (existing >= 0) {
            return existing;
        }
        grouping.keys.add(value);
        grouping.keyColumns.add(name);
        grouping.keyTexts.add(text);
        grouping.keyTypes.add(ExprTyper.typeOf(value, from.frame().schema()));
        return grouping.keys.size() - 1;
    }
}
