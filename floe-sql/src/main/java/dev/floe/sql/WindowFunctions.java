package dev.floe.sql;

import static dev.floe.frame.expr.Exprs.lit;

import dev.floe.frame.DataType;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.expr.WindowFrame;
import dev.floe.frame.plan.SortKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;

/**
 * The translation of window functions ({@code f(...) OVER (...)}): partitions, orders, frames
 * (ROWS, RANGE and GROUPS with EXCLUDE) and named windows, the ranking and offset functions, and
 * the aggregates over windows (count, sum, avg, min, max as running or framed aggregates; the
 * others of {@link AggregateFunctions} over whole partitions).
 */
final class WindowFunctions {
    private final Translator translator;

    WindowFunctions(Translator translator) {
        this.translator = translator;
    }

    /** The translation of expressions (made after this part of the translator, so asked for when needed). */
    private ExpressionPlanner expressions() {
        return translator.expressions();
    }

    private SqlException error(String reason, Object node) {
        return translator.error(reason, node);
    }

    private Expr expr(Expression e, Scope scope) {
        return translator.expr(e, scope);
    }

    private DataType typeOf(Expr value, Scope scope) {
        return translator.typeOf(value, scope);
    }

    /** The window functions that take FILTER (WHERE ...): the aggregates, whose rows it masks within each frame. */
    private static final Set<String> WINDOW_FILTERABLE = Set.of("sum", "avg", "mean", "min", "max", "count");

    Expr window(AnalyticExpression window, Scope scope) {
        String name = window.getName().toLowerCase(Locale.ROOT);
        List<? extends Expression> partitionBy = window.getPartitionExpressionList();
        List<OrderByElement> orderBy = window.getOrderByElements();
        net.sf.jsqlparser.expression.WindowElement frameClause = window.getWindowElement();
        if (window.getWindowName() != null) {
            net.sf.jsqlparser.expression.WindowDefinition named =
                    translator.namedWindows().get(window.getWindowName().toLowerCase(Locale.ROOT));
            if (named == null) {
                throw error("unknown window " + window.getWindowName() + (translator.namedWindows().isEmpty()
                        ? "; define it with WINDOW " + window.getWindowName() + " AS (...) after the query's FROM"
                        : "; the query's windows are " + String.join(", ", translator.namedWindows().keySet())), window);
            }
            @SuppressWarnings("unchecked")
            List<? extends Expression> keys = (List<? extends Expression>) named.getPartitionExpressionList();
            partitionBy = keys;
            orderBy = named.getOrderByElements();
            frameClause = named.getWindowElement();
        }
        if (window.isDistinct() && !name.equals("count")) {
            throw error("DISTINCT inside a window function is supported in count(DISTINCT x) only", window);
        }
        if (window.getFilterExpression() != null && !WINDOW_FILTERABLE.contains(name) && !(AggregateFunctions
                .isAggregate(name) && !AggregateFunctions.find(name).has(AggregateFunctions.Trait.NO_FILTER))) {
            throw error("FILTER (WHERE ...) goes with the aggregates over a window, not with " + name
                    + (AggregateFunctions.isAggregate(name) ? " (its rows' nulls count)" : " (as in DuckDB)"), window);
        }
        String unread = null;
        if (window.getType() == net.sf.jsqlparser.expression.AnalyticType.WITHIN_GROUP
                || window.getType() == net.sf.jsqlparser.expression.AnalyticType.WITHIN_GROUP_OVER) {
            unread = "WITHIN GROUP (ORDER BY ...)";
        } else if ((window.isIgnoreNulls() || window.isIgnoreNullsOutside()
                || window.getNullHandling() == Function.NullHandling.IGNORE_NULLS)
                && !Set.of("first_value", "last_value", "lag", "lead", "nth_value").contains(name)) {
            unread = "IGNORE NULLS";
        } else if (window.getKeep() != null) {
            unread = "KEEP (...)";
        } else if (window.getHavingClause() != null) {
            unread = "HAVING MIN/MAX inside a function";
        } else if (window.getLimit() != null) {
            unread = "LIMIT inside a function";
        } else if (window.isUnique()) {
            unread = "UNIQUE inside a function";
        } else if (window.getKeywordArguments() != null && !window.getKeywordArguments().isEmpty()) {
            unread = "keyword arguments";
        } else if (window.getFuncOrderBy() != null && !window.getFuncOrderBy().isEmpty()
                && !(AggregateFunctions.isAggregate(name)
                        && AggregateFunctions.find(name).has(AggregateFunctions.Trait.ORDER_INSENSITIVE))) {
            unread = "ORDER BY inside " + name + "(...)";
        } else if (Set.of("row_number", "rank", "dense_rank", "percent_rank", "cume_dist").contains(name)
                && window.getExpression() != null) {
            unread = name + " with an argument (" + name + "() takes none)";
        }
        if (unread != null) {
            throw error(unread + " is not supported (" + window + ")", window);
        }
        List<Expr> partition = new ArrayList<>();
        if (partitionBy != null) {
            for (Expression key : partitionBy) {
                partition.add(expr(key, scope));
            }
        }
        if (scope.env().correlation != null) {
            partition.addAll(scope.env().correlation.columnExprs()); // a correlated subquery's windows: per outer value
        }
        List<SortKey> order = new ArrayList<>();
        if (orderBy != null) {
            for (OrderByElement element : orderBy) {
                order.add(SelectPlanner.sortKey(expr(element.getExpression(), scope), element));
            }
        }
        WindowFrame frame = frameClause == null ? null : windowFrame(frameClause, order, scope, window);
        Expression argument = window.getExpression();
        Expr x = argument == null || argument instanceof AllColumns ? null : expr(argument, scope);
        if (window.getFilterExpression() != null) {
            // the frame stays as it is; only the values of the rows that pass reach the aggregate:
            // count(*) counts those rows, the others skip the nulls the CASE gives the rest
            Expr passes = expr(window.getFilterExpression(), scope);
            x = Exprs.when(passes).then(x == null ? lit(1) : x);
        }
        java.util.function.Function<Expr, Expr> over = e -> {
            dev.floe.frame.expr.Over base = e.over(partition.toArray(Expr[]::new));
            if (!order.isEmpty()) {
                base = base.orderBy(order.toArray(SortKey[]::new));
            }
            return frame == null ? base : base.frame(frame);
        };
        // ranks follow the window's order whatever its frame says, as frames do not apply to them
        java.util.function.Function<Expr, Expr> ranked = e -> {
            dev.floe.frame.expr.Over base = e.over(partition.toArray(Expr[]::new));
            return order.isEmpty() ? base : base.orderBy(order.toArray(SortKey[]::new));
        };
        boolean ignoreNulls = window.isIgnoreNulls() || window.isIgnoreNullsOutside()
                || window.getNullHandling() == Function.NullHandling.IGNORE_NULLS;
        if ((window.getOffset() != null || window.getDefaultValue() != null) && !Set.of("lag", "lead").contains(name)
                && !(name.equals("nth_value") && window.getDefaultValue() == null)) {
            // more arguments than the window forms below read: an aggregate's own (max(x, n)), else
            // refused rather than passed over
            if (AggregateFunctions.isAggregate(name)) {
                AggregateFunctions.Definition definition = AggregateFunctions.find(name);
                int given = 1 + (window.getOffset() != null ? 1 : 0) + (window.getDefaultValue() != null ? 1 : 0);
                if (given > definition.maxArgs()) {
                    throw error(ExpressionPlanner.arityMessage(window.getName(), definition.minArgs(),
                            definition.maxArgs(), given), window);
                }
                return partitionAggregate(name, window, order, frame, scope, over);
            }
            throw error(name + " over a window does not take these arguments (" + window + ")", window);
        }
        return switch (name) {
            case "ntile" -> {
                // n buckets of sizes that differ by one at most, the larger first
                Expression buckets = window.getExpression();
                if (buckets == null) {
                    throw error("ntile needs the number of buckets, as ntile(4)", window);
                }
                int n = expressions().intArgument(buckets, window);
                if (n <= 0) {
                    throw error("ntile needs a number of buckets above 0, got " + n, window);
                }
                Expr row = ranked.apply(Exprs.rowNumber()).sub(1);
                Expr rows = Exprs.len().over(partition.toArray(Expr[]::new));
                Expr size = rows.floorDiv(n);
                Expr larger = rows.rem(n);
                Expr inLarger = row.lt(larger.mul(size.add(1)));
                yield Exprs.when(inLarger).then(row.floorDiv(size.add(1)).add(1))
                        .otherwise(larger.add(row.sub(larger.mul(size.add(1))).floorDiv(Exprs.when(size.eq(0))
                                .then(lit(1L)).otherwise(size))).add(1));
            }
            case "percent_rank" -> {
                // (rank - 1) / (rows - 1), 0 for a partition of one row
                Expr rows = Exprs.len().over(partition.toArray(Expr[]::new));
                Expr rank = ranked.apply(Exprs.rank());
                yield Exprs.when(rows.le(1)).then(lit(0.0)).otherwise(rank.sub(1).cast(DataType.FLOAT64)
                        .div(rows.sub(1).cast(DataType.FLOAT64)));
            }
            case "cume_dist" -> {
                // the rows up to and including the current row's peers, over the partition's rows
                Expr rows = Exprs.len().over(partition.toArray(Expr[]::new));
                Expr upTo = order.isEmpty() ? rows : ranked.apply(Exprs.len());
                yield upTo.cast(DataType.FLOAT64).div(rows.cast(DataType.FLOAT64));
            }
            case "row_number" -> ranked.apply(Exprs.rowNumber());
            case "rank" -> ranked.apply(Exprs.rank());
            case "dense_rank" -> ranked.apply(Exprs.denseRank());
            case "lag", "lead" -> {
                if (x == null) {
                    throw error(name + " needs a value", window);
                }
                int offset = window.getOffset() == null ? 1 : expressions().intArgument(window.getOffset(), window);
                Expr fill = window.getDefaultValue() == null ? null : expr(window.getDefaultValue(), scope);
                DataType valueType = fill == null ? null : translator.typeOf(x, scope);
                if (fill != null && valueType != null && valueType != DataType.NULL
                        && valueType != translator.typeOf(fill, scope)) {
                    fill = fill.cast(valueType); // as DuckDB: the default takes the value's type (1.5 for an INTEGER is 2)
                }
                Expr shifted = name.equals("lag") ? (fill == null ? x.lag(offset) : x.lag(offset, fill))
                        : (fill == null ? x.lead(offset) : x.lead(offset, fill));
                if (ignoreNulls) {
                    shifted = shifted.ignoreNulls(); // the offset counts the rows with a value only
                }
                dev.floe.frame.expr.Over base = shifted.over(partition.toArray(Expr[]::new));
                yield order.isEmpty() ? base : base.orderBy(order.toArray(SortKey[]::new));
            }
            case "count" -> {
                if (!window.isDistinct()) {
                    yield over.apply(x == null ? Exprs.len() : x.count());
                }
                if (x == null || window.getOffset() != null) {
                    throw error("count(DISTINCT ...) over a window takes one value", window);
                }
                // the frame's distinct values, a null among them counted by n_unique left out
                Expr anyNull = over.apply(x.isNull().cast(DataType.INT64).max()).fillNull(0L);
                yield over.apply(x.nUnique()).sub(anyNull);
            }
            case "nth_value" -> {
                if (x == null || window.getOffset() == null) {
                    throw error("nth_value needs a value and a row number, as nth_value(x, 2)", window);
                }
                int n = expressions().intArgument(window.getOffset(), window);
                if (n < 1) {
                    throw error("nth_value counts rows from 1, got " + n, window);
                }
                yield over.apply(ignoreNulls ? x.nthValue(n).ignoreNulls() : x.nthValue(n));
            }
            case "first_value", "last_value" -> {
                if (x == null) {
                    throw error(name + " needs a value", window);
                }
                Expr end = name.equals("first_value") ? (ignoreNulls ? x.firstNonNull() : x.first())
                        : (ignoreNulls ? x.lastNonNull() : x.last());
                yield over.apply(end);
            }
            case "sum", "avg", "mean", "min", "max" -> {
                if (x == null) {
                    throw error(name + " needs a value", window);
                }
                Expr value = switch (name) {
                    case "sum" -> expressions().exactSum(x, scope);
                    case "min" -> x.min();
                    case "max" -> x.nanMax();
                    default -> x.mean();
                };
                // a running sum is null before its first value already; a partition's sum over no values is 0
                Expr windowed = over.apply(value);
                yield name.equals("sum") && !((dev.floe.frame.expr.Over) windowed).ordered()
                        ? Exprs.when(over.apply(x.count()).eq(0)).then(lit(null)).otherwise(windowed)
                        : windowed;
            }
            default -> {
                if (AggregateFunctions.isAggregate(name)) {
                    yield partitionAggregate(name, window, order, frame, scope, over);
                }
                throw error("window function " + name + " is not supported; row_number, rank, dense_rank, ntile, "
                        + "percent_rank, cume_dist, lag, lead, first_value, last_value, nth_value and the aggregates "
                        + "are", window);
            }
        };
    }

    /**
     * An aggregate other than count, sum, avg, min and max over a window: over each whole partition
     * (a window without ORDER BY or frame), the aggregate's own translation given to every row of
     * the partition; running or framed, each aggregation of that translation over the frames.
     */
    private Expr partitionAggregate(String name, AnalyticExpression window, List<SortKey> order, WindowFrame frame,
            Scope scope, java.util.function.Function<Expr, Expr> over) {
        AggregateFunctions.Definition definition = AggregateFunctions.find(name);
        List<Expression> args = new ArrayList<>();
        for (Expression written : java.util.Arrays.asList(window.getExpression(), window.getOffset(),
                window.getDefaultValue())) {
            if (written != null) {
                args.add(written);
            }
        }
        if (args.size() == 1 && args.get(0) instanceof ExpressionList<?> list) {
            args = new ArrayList<>(list);
        }
        if (args.size() < definition.minArgs() || args.size() > definition.maxArgs() || args.stream()
                .anyMatch(AllColumns.class::isInstance)) {
            throw error(ExpressionPlanner.arityMessage(window.getName(), definition.minArgs(), definition.maxArgs(),
                    args.size()), window);
        }
        Expr mask = window.getFilterExpression() == null ? null : expr(window.getFilterExpression(), scope);
        Expr value = definition.translation().translate(new AggregateFunctions.Args(translator, window, false, name,
                args, e -> e, scope, mask, java.util.Set.of()));
        if (order.isEmpty() && frame == null) {
            return over.apply(value);
        }
        // running or framed: each aggregation of the translation over the window's frames
        return dev.floe.frame.expr.ExprTrees.rewrite(value, e -> e instanceof dev.floe.frame.expr.Agg ? over.apply(e) : e);
    }

    /**
     * A window's frame clause: ROWS, RANGE or GROUPS, its bounds (offsets constants written in the
     * query; a RANGE offset over dates or timestamps an INTERVAL of days and smaller units, or a
     * number of days for dates) and its EXCLUDE.
     */
    private WindowFrame windowFrame(net.sf.jsqlparser.expression.WindowElement element, List<SortKey> order,
            Scope scope, AnalyticExpression window) {
        WindowFrame.Unit unit = switch (element.getType()) {
            case ROWS -> WindowFrame.Unit.ROWS;
            case RANGE -> WindowFrame.Unit.RANGE;
            case GROUPS -> WindowFrame.Unit.GROUPS;
        };
        DataType key = unit == WindowFrame.Unit.RANGE && order.size() == 1 ? typeOf(order.get(0).expr(), scope) : null;
        WindowFrame.Bound start;
        WindowFrame.Bound end;
        if (element.getRange() != null) {
            start = frameBound(element.getRange().getStart(), unit, key, window);
            end = frameBound(element.getRange().getEnd(), unit, key, window);
        } else {
            start = frameBound(element.getOffset(), unit, key, window);
            end = WindowFrame.Bound.currentRow();
        }
        WindowFrame.Exclude exclude = element.getExclusion() == null ? WindowFrame.Exclude.NO_OTHERS
                : switch (element.getExclusion()) {
                    case CURRENT_ROW -> WindowFrame.Exclude.CURRENT_ROW;
                    case GROUP -> WindowFrame.Exclude.GROUP;
                    case TIES -> WindowFrame.Exclude.TIES;
                    case NO_OTHERS -> WindowFrame.Exclude.NO_OTHERS;
                };
        if (unit == WindowFrame.Unit.RANGE && (start.offset() != null || end.offset() != null) && order.size() != 1) {
            throw error("a RANGE frame with an offset needs exactly one ORDER BY key, the window has "
                    + order.size() + " (" + element + ")", window);
        }
        // without ORDER BY every row of a partition is a peer of every other: one group (as DuckDB)
        if (unit == WindowFrame.Unit.RANGE && order.isEmpty() && (start.offset() != null || end.offset() != null)) {
            throw error("a RANGE frame with an offset needs ORDER BY in the window (" + element + ")", window);
        }
        try {
            return new WindowFrame(unit, start, end, exclude);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage() + " (" + element + ")", window);
        }
    }

    private WindowFrame.Bound frameBound(net.sf.jsqlparser.expression.WindowOffset offset, WindowFrame.Unit unit,
            DataType key, AnalyticExpression window) {
        Expression amount = offset.getExpression();
        return switch (offset.getType()) {
            case CURRENT -> WindowFrame.Bound.currentRow();
            case PRECEDING -> amount == null ? WindowFrame.Bound.unboundedPreceding()
                    : WindowFrame.Bound.preceding(frameOffset(amount, unit, key, window));
            case FOLLOWING -> amount == null ? WindowFrame.Bound.unboundedFollowing()
                    : WindowFrame.Bound.following(frameOffset(amount, unit, key, window));
            case EXPR -> throw error("cannot read the window frame bound " + offset, window);
        };
    }

    private Number frameOffset(Expression amount, WindowFrame.Unit unit, DataType key, AnalyticExpression window) {
        Expression e = Translator.unparenthesized(amount);
        boolean temporal = key == DataType.DATE || key == DataType.DATETIME;
        if (e instanceof net.sf.jsqlparser.expression.IntervalExpression written) {
            if (!temporal) {
                throw error("an INTERVAL frame offset needs a RANGE frame ordered by a date or timestamp, not "
                        + (unit != WindowFrame.Unit.RANGE ? "a " + unit + " frame" : key) + " (" + amount + ")", window);
            }
            Interval interval = expressions().interval(written);
            if (interval.months() != 0) {
                throw error("a frame offset in months or years is not supported, as months differ in length ("
                        + amount + "); write it in days", window);
            }
            long micros;
            try {
                micros = Math.addExact(Math.multiplyExact(interval.days(), 86_400_000_000L), interval.micros());
            } catch (ArithmeticException overflow) {
                throw error("the frame offset " + amount + " is too large", window);
            }
            if (micros < 0) {
                throw error("a window frame's offset must not be negative, got " + amount, window);
            }
            if (key == DataType.DATE) {
                if (micros % 86_400_000_000L != 0) {
                    throw error("a frame offset over dates must be whole days, got " + amount, window);
                }
                return micros / 86_400_000_000L;
            }
            return micros;
        }
        BigDecimal[] written = new BigDecimal[1];
        ExpressionPlanner.decimal(e, written); // whole numbers too: the value is set either way
        BigDecimal number = written[0];
        if (number == null) {
            throw error("a window frame's offset must be a number written in the query"
                    + (temporal ? " or an INTERVAL" : "") + ", not " + amount, window);
        }
        if (number.signum() < 0) {
            throw error("a window frame's offset must not be negative, got " + amount, window);
        }
        if (key == DataType.DATETIME) {
            throw error("a frame over timestamps needs an INTERVAL offset, as INTERVAL 1 HOUR, not " + amount, window);
        }
        boolean whole = number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
        if (unit != WindowFrame.Unit.RANGE || key == DataType.DATE) {
            if (!whole) {
                throw error("a " + unit + " frame's offset must be a whole number"
                        + (key == DataType.DATE ? " of days" : "") + ", got " + amount, window);
            }
            java.math.BigInteger big = number.toBigIntegerExact();
            return big.bitLength() <= 63 ? (Number) big.longValue() : big;
        }
        if (key != null && !key.isNumeric() && !key.isDecimal() && key != DataType.NULL) {
            throw error("a RANGE frame with an offset needs a number, date or timestamp ORDER BY key, not " + key, window);
        }
        return whole ? (Number) number.toBigIntegerExact() : number;
    }
}
