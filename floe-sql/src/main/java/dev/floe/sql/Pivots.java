package dev.floe.sql;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;

import dev.floe.frame.DataType;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Types;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTrees;
import dev.floe.sql.Relation.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Pivot;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.UnPivot;

/**
 * SQL's {@code PIVOT} and {@code UNPIVOT} after a FROM item, as DuckDB reads them. {@code PIVOT
 * (agg(x) [AS a], ... FOR k IN (v [AS name], ...))} groups the item's rows by its other columns
 * (those neither the aggregates nor {@code FOR} read) and gives, for each value and aggregate, the
 * aggregate over the group's rows whose {@code k} equals the value: it is planned as that query,
 * {@code SELECT others, agg(x) FILTER (WHERE k = v) AS "v_a" ... GROUP BY others}, over the item.
 * {@code UNPIVOT [INCLUDE NULLS] (value FOR name IN (c1 [AS 'n1'], ...))} gives, for each row and
 * listed column, the other columns, the column's name and its value (rows whose value is null
 * left out unless INCLUDE NULLS).
 */
final class Pivots {
    private final Translator translator;

    Pivots(Translator translator) {
        this.translator = translator;
    }

    Relation pivot(Relation base, Pivot pivot, Env env, Object node) {
        if (pivot.getMultiInItems() != null && !pivot.getMultiInItems().isEmpty() || pivot.getForColumns() == null
                || pivot.getForColumns().size() != 1) {
            throw translator.error("PIVOT over several FOR columns is not supported; pivot by one column", node);
        }
        if (pivot.getSingleInItems() == null || pivot.getSingleInItems().isEmpty()) {
            throw translator.error("PIVOT needs the values to pivot on: FOR k IN ('a', 'b')", node);
        }
        Column by = pivot.getForColumns().get(0);
        List<SelectItem<Function>> aggregates = pivot.getFunctionItems();
        // the columns the aggregates and FOR read are pivoted; the others are the groups
        Scope scope = new Scope(base, env.local(), null);
        Set<String> read = new HashSet<>(ExprTrees.columns(translator.expr(by, scope)));
        for (SelectItem<Function> aggregate : aggregates) {
            Function function = aggregate.getExpression();
            if (!AggregateFunctions.isAggregate(function.getName().toLowerCase(java.util.Locale.ROOT))) {
                throw translator.error("PIVOT takes aggregate functions, not " + function, function);
            }
            if (function.getParameters() == null) {
                continue; // count(*) reads no column
            }
            for (Expression argument : translator.expressions().arguments(function)) {
                if (!(argument instanceof net.sf.jsqlparser.statement.select.AllColumns)) {
                    read.addAll(ExprTrees.columns(translator.expr(argument, scope)));
                }
            }
        }
        String name = translator.fresh("__floe_pivot");
        PlainSelect select = new PlainSelect();
        select.setFromItem(new Table(name));
        GroupByElement groups = new GroupByElement();
        for (Field field : base.fields()) {
            if (!field.hidden() && !read.contains(field.column())) {
                Column column = new Column(Translator.quoted(field.name()));
                select.addSelectItem(column);
                groups.addGroupByExpression(new Column(Translator.quoted(field.name())));
            }
        }
        for (SelectItem<?> value : pivot.getSingleInItems()) {
            String valueName = value.getAlias() != null ? aliasName(value.getAlias().getName())
                    : value.getExpression() instanceof StringValue text ? translator.text(text) : value.getExpression().toString();
            for (SelectItem<Function> aggregate : aggregates) {
                AnalyticExpression filtered = new AnalyticExpression(aggregate.getExpression());
                filtered.setType(AnalyticType.FILTER_ONLY);
                filtered.setFilterExpression(new EqualsTo(by, value.getExpression()));
                String suffix = aggregate.getAlias() != null ? aliasName(aggregate.getAlias().getName())
                        : aggregates.size() > 1 ? aggregate.getExpression().toString() : null;
                select.addSelectItem(filtered, new net.sf.jsqlparser.expression.Alias(
                        Translator.quoted(suffix == null ? valueName : valueName + "_" + suffix)));
            }
        }
        if (!groups.getGroupByExpressionList().isEmpty()) {
            select.setGroupByElement(groups);
        }
        return translator.query(select, env.with(name, base)).requalified(null);
    }

    Relation unpivot(Relation base, UnPivot unpivot, Object node) {
        if (unpivot.getUnPivotClause().size() != 1 || unpivot.getUnPivotForClause().size() != 1) {
            throw translator.error("UNPIVOT into several value or name columns is not supported; unpivot into one of each",
                    node);
        }
        String valueName = Translator.unquote(unpivot.getUnPivotClause().get(0).getColumnName());
        String nameName = Translator.unquote(unpivot.getUnPivotForClause().get(0).getColumnName());
        List<Field> unpivoted = new ArrayList<>();
        List<String> names = new ArrayList<>();
        DataType common = DataType.NULL;
        for (SelectItem<?> item : unpivot.getUnPivotInClause()) {
            if (!(item.getExpression() instanceof Column column)) {
                throw translator.error("UNPIVOT takes columns, not " + item.getExpression(), item.getExpression());
            }
            List<Field> found = base.matches(column.getTable() == null ? null : Translator.unquote(column.getTable().getName()),
                    Translator.unquote(column.getColumnName()));
            if (found.size() != 1) {
                throw translator.error((found.isEmpty() ? "unknown column " : "ambiguous column ") + column
                        + " in UNPIVOT; the columns are: " + base.describe(), column);
            }
            Field field = found.get(0);
            unpivoted.add(field);
            names.add(item.getAlias() != null ? aliasName(item.getAlias().getName()) : field.name());
            DataType type = base.frame().schema().type(field.column());
            DataType next = Types.supertype(common, type);
            if (next == null) {
                throw translator.error("UNPIVOT cannot put " + Translator.sqlTypeName(common) + " and "
                        + Translator.sqlTypeName(type) + " values (" + column + ") in one column", column);
            }
            common = next;
        }
        List<Field> kept = new ArrayList<>();
        for (Field field : base.fields()) {
            if (!field.hidden() && !unpivoted.contains(field)) {
                kept.add(field);
            }
        }
        String nameColumn = translator.fresh("__floe_unpivot_name");
        String valueColumn = translator.fresh("__floe_unpivot_value");
        List<LazyFrame> parts = new ArrayList<>();
        for (int i = 0; i < unpivoted.size(); i++) {
            List<Expr> columns = new ArrayList<>();
            for (Field field : kept) {
                columns.add(col(field.column()));
            }
            columns.add(lit(names.get(i)).alias(nameColumn));
            columns.add(col(unpivoted.get(i).column()).cast(common).alias(valueColumn));
            LazyFrame part = base.frame().select(columns);
            parts.add(unpivot.getIncludeNulls() ? part : part.filter(col(valueColumn).isNotNull()));
        }
        List<Field> fields = new ArrayList<>();
        for (Field field : kept) {
            fields.add(new Field(field.qualifier(), field.name(), field.column(), false));
        }
        fields.add(new Field(null, nameName, nameColumn, false));
        fields.add(new Field(null, valueName, valueColumn, false));
        return new Relation(LazyFrame.concat(parts), fields);
    }

    /** An alias as written: {@code 'text'} and {@code "name"} without their quotes. */
    private static String aliasName(String alias) {
        if (alias.length() >= 2 && alias.startsWith("'") && alias.endsWith("'")) {
            return alias.substring(1, alias.length() - 1).replace("''", "'");
        }
        return Translator.unquote(alias);
    }
}
