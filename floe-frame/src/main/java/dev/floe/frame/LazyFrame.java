package dev.floe.frame;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTrees;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.plan.Aggregate;
import dev.floe.frame.plan.Filter;
import dev.floe.frame.plan.Join;
import dev.floe.frame.plan.JoinType;
import dev.floe.frame.plan.PlanNode;
import dev.floe.frame.plan.PlanPrinter;
import dev.floe.frame.plan.Scan;
import dev.floe.frame.plan.Select;
import dev.floe.frame.plan.Slice;
import dev.floe.frame.plan.Sort;
import dev.floe.frame.plan.SortKey;
import dev.floe.frame.plan.WithColumns;
import dev.floe.frame.plan.Concat;
import dev.floe.frame.plan.Unique;
import dev.floe.frame.plan.WithRowIndex;
import dev.floe.frame.plan.rule.Optimizer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A query not yet run: each call adds a step to a plan and checks it at once (a wrong column or
 * type fails at that call, naming it); {@link #collect()} runs the plan on all cores.
 *
 * <pre>{@code
 * DataFrame out = df.lazy()
 *         .filter(col("v1").gt(2))
 *         .withColumns(col("v3").mul(2).alias("v3x2"))
 *         .select(col("id1"), col("v3x2"))
 *         .collect();
 * System.out.println(df.lazy().filter(col("v1").gt(2)).explain());
 * }</pre>
 *
 * <p>Immutable: each step returns a new {@code LazyFrame}.
 */
public final class LazyFrame {
    private final PlanNode plan;

    LazyFrame(PlanNode plan) {
        this.plan = Objects.requireNonNull(plan, "plan is null");
    }

    /** A lazy query over an in-memory frame. */
    public static LazyFrame of(DataFrame frame) {
        return new LazyFrame(new Scan(frame));
    }

    /** The plan as built. */
    public PlanNode plan() {
        return plan;
    }

    /** The columns the query produces (known without running it). */
    public Schema schema() {
        return plan.schema();
    }

    /**
     * A column per expression. A select of aggregations only ({@code col("a").sum()},
     * {@code len()}) gives one row for the whole input; an aggregation next to row-wise columns
     * is given to every row ({@code col("x").sub(col("x").mean())}).
     */
    public LazyFrame select(Expr... exprs) {
        return select(Arrays.asList(exprs));
    }

    public LazyFrame select(List<Expr> exprs) {
        exprs = Exprs.expand(exprs, plan.schema().names());
        boolean aggregating = exprs.stream().anyMatch(ExprTrees::containsAgg);
        boolean rowWise = exprs.stream().anyMatch(e -> !ExprTrees.columnsOutsideAggs(e).isEmpty()
                || ExprTrees.containsWindow(e));
        if (aggregating && !rowWise) {
            return new LazyFrame(new Aggregate(plan, List.of(), exprs));
        }
        exprs = exprs.stream().map(ExprTrees::broadcastAggs).toList();
        if (exprs.stream().anyMatch(ExprTrees::containsWindow)) {
            new Select(plan, exprs); // names and types checked as written
            Windowed windowed = windowed(plan, exprs);
            return new LazyFrame(new Select(windowed.plan(), windowed.exprs()));
        }
        return new LazyFrame(new Select(plan, exprs));
    }

    /** A plan whose windows were computed below it, and the expressions reading them. */
    private record Windowed(PlanNode plan, List<Expr> exprs) {}

    private static final String WINDOW_PREFIX = "__floe_window_";

    /**
     * Moves every window ({@code over}, bins cut from the data) of {@code exprs} into
     * {@link dev.floe.frame.plan.Window} steps under {@code plan} (innermost first), and
     * rewrites the expressions to read their columns. Each rewritten expression keeps the output
     * name it was written with, so a window that replaces a column ({@code withColumns(col("x")
     * .cut(3))}) replaces it under its own name. The window columns are numbered after those the
     * input already has, so the names depend on the plan alone.
     */
    private static Windowed windowed(PlanNode plan, List<Expr> exprs) {
        List<Expr> current = exprs;
        PlanNode node = plan;
        int[] next = {firstFreeWindowNumber(plan.schema())};
        while (current.stream().anyMatch(ExprTrees::containsWindow)) {
            List<Expr> windows = new java.util.ArrayList<>();
            List<String> names = new java.util.ArrayList<>();
            java.util.Map<Expr, String> named = new java.util.HashMap<>();
            List<Expr> rewritten = new java.util.ArrayList<>();
            for (Expr expr : current) {
                Expr reading = ExprTrees.rewrite(expr, e -> {
                    boolean window = e instanceof dev.floe.frame.expr.Over
                            || e instanceof dev.floe.frame.expr.Cut cut && cut.dependsOnData();
                    if (!window || ExprTrees.children(e).stream().anyMatch(ExprTrees::containsWindow)) {
                        return e; // not a window, or one that needs another computed first
                    }
                    return new Col(named.computeIfAbsent(e, w -> {
                        String name = WINDOW_PREFIX + next[0]++;
                        windows.add(w);
                        names.add(name);
                        return name;
                    }));
                });
                rewritten.add(reading.outputName().equals(expr.outputName()) ? reading
                        : reading.alias(expr.outputName()));
            }
            node = new dev.floe.frame.plan.Window(node, windows, names);
            current = rewritten;
        }
        return new Windowed(node, current);
    }

    /** One more than the highest window column number among {@code schema}'s names (1 if none). */
    private static int firstFreeWindowNumber(Schema schema) {
        int highest = 0;
        for (String name : schema.names()) {
            if (name.startsWith(WINDOW_PREFIX)) {
                try {
                    highest = Math.max(highest, Integer.parseInt(name.substring(WINDOW_PREFIX.length())));
                } catch (NumberFormatException e) {
                    // a user's column that only looks like ours: it cannot clash with a number
                }
            }
        }
        return highest + 1;
    }


    /** The named columns, in this order. */
    public LazyFrame select(String... columns) {
        return select(Arrays.stream(columns).<Expr>map(Col::new).toList());
    }

    /** The columns plus one per expression (replacing a column of the same name in place). */
    public LazyFrame withColumns(Expr... exprs) {
        return withColumns(Arrays.asList(exprs));
    }

    public LazyFrame withColumns(List<Expr> exprs) {
        exprs = Exprs.expand(exprs, plan.schema().names()).stream().map(ExprTrees::broadcastAggs).toList();
        WithColumns written = new WithColumns(plan, exprs); // names and types checked as written
        if (exprs.stream().noneMatch(ExprTrees::containsWindow)) {
            return new LazyFrame(written);
        }
        Windowed windowed = windowed(plan, exprs);
        PlanNode with = new WithColumns(windowed.plan(), windowed.exprs());
        return new LazyFrame(new Select(with, written.schema().names().stream().<Expr>map(Col::new).toList()));
    }

    public LazyFrame withColumn(Expr expr) {
        return withColumns(expr);
    }

    /**
     * Groups the rows by the distinct values of {@code keys}; {@link GroupBy#agg} then gives one
     * row per group, in the order the groups first appear.
     */
    public GroupBy groupBy(String... keys) {
        return groupBy(Arrays.stream(keys).<Expr>map(Col::new).toArray(Expr[]::new));
    }

    public GroupBy groupBy(Expr... keys) {
        if (keys.length == 0) {
            throw new IllegalArgumentException("groupBy needs at least one key; for one row over everything, "
                    + "select aggregations only");
        }
        for (Expr key : keys) {
            dev.floe.frame.expr.ExprTyper.typeOf(key, plan.schema()); // lists, maps and structs group by sort key
        }
        return new GroupBy(plan, List.of(keys));
    }

    /** The names no column of {@code schema} has, {@code prefix} numbered from 0, {@code count} of them. */
    private static List<String> hiddenNames(Schema schema, String prefix, int count) {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; names.size() < count; i++) {
            if (!schema.names().contains(prefix + i)) {
                names.add(prefix + i);
            }
        }
        return names;
    }

    private static Expr sortKey(Expr value) {
        return new dev.floe.frame.expr.Call(dev.floe.frame.expr.ScalarFunction.SORT_KEY, value, List.of());
    }

    /** A grouping waiting for its aggregations. */
    public static final class GroupBy {
        private final PlanNode plan;
        private final List<Expr> keys;

        GroupBy(PlanNode plan, List<Expr> keys) {
            this.plan = plan;
            this.keys = keys;
        }

        /** One row per group: the keys, then one column per expression (each with an aggregation). */
        public LazyFrame agg(Expr... aggs) {
            return agg(Arrays.asList(aggs));
        }

        public LazyFrame agg(List<Expr> aggs) {
            java.util.Set<String> keyNames = new java.util.HashSet<>();
            keys.forEach(key -> keyNames.add(key.outputName()));
            List<String> others = plan.schema().names().stream().filter(name -> !keyNames.contains(name)).toList();
            List<Expr> expanded = Exprs.expand(aggs, others);
            List<Integer> nested = new java.util.ArrayList<>();
            for (int k = 0; k < keys.size(); k++) {
                if (dev.floe.frame.expr.ExprTyper.typeOf(keys.get(k), plan.schema()).isNested()) {
                    nested.add(k);
                }
            }
            if (nested.isEmpty()) {
                return new LazyFrame(new Aggregate(plan, keys, expanded));
            }
            // a list, map or struct key groups by its sort key (equal values, equal keys), and its value
            // is the group's first, put back in the key's place
            List<String> hidden = hiddenNames(plan.schema(), "__floe_group_key_", nested.size());
            List<Expr> grouped = new java.util.ArrayList<>(keys);
            List<Expr> all = new java.util.ArrayList<>(expanded);
            for (int n = 0; n < nested.size(); n++) {
                Expr key = keys.get(nested.get(n));
                grouped.set(nested.get(n), sortKey(key).alias(hidden.get(n)));
                all.add(key.first().alias(key.outputName()));
            }
            Aggregate aggregate = new Aggregate(plan, grouped, all);
            List<Expr> order = new java.util.ArrayList<>();
            for (Expr key : keys) {
                order.add(new Col(key.outputName()));
            }
            for (Expr agg : expanded) {
                order.add(new Col(agg.outputName()));
            }
            return new LazyFrame(aggregate).select(order);
        }

        /** The mean of every column that is not a key. */
        public LazyFrame mean() {
            return agg(Exprs.all().mean());
        }

        /** The sum of every column that is not a key. */
        public LazyFrame sum() {
            return agg(Exprs.all().sum());
        }

        public LazyFrame min() {
            return agg(Exprs.all().min());
        }

        public LazyFrame max() {
            return agg(Exprs.all().max());
        }

        /** The number of rows per group, as {@code len} (Polars' {@code group_by(...).len()}). */
        public LazyFrame len() {
            return agg(Exprs.len());
        }

        /** The number of rows per group, as {@code count} (pandas' {@code size()}). */
        public LazyFrame count() {
            return agg(Exprs.len().alias("count"));
        }

        /** Every other column's value in the group's first row. */
        public LazyFrame first() {
            return agg(Exprs.all().first());
        }

        /** Every other column's value in the group's last row. */
        public LazyFrame last() {
            return agg(Exprs.all().last());
        }

        /** The median of every column that is not a key. */
        public LazyFrame median() {
            return agg(Exprs.all().median());
        }

        /** The number of distinct values (null counting as one) of every column that is not a key. */
        public LazyFrame nUnique() {
            return agg(Exprs.all().nUnique());
        }
    }

    /** The rows where {@code predicate} is true (false and null rows are dropped). */
    public LazyFrame filter(Expr predicate) {
        predicate = ExprTrees.broadcastAggs(predicate);
        Filter written = new Filter(plan, predicate);
        if (!ExprTrees.containsWindow(predicate)) {
            return new LazyFrame(written);
        }
        Windowed windowed = windowed(plan, List.of(predicate));
        PlanNode filtered = new Filter(windowed.plan(), windowed.exprs().get(0));
        return new LazyFrame(new Select(filtered, plan.schema().names().stream().<Expr>map(Col::new).toList()));
    }

    /** The rows sorted by the named columns, ascending, nulls first; stable. */
    public LazyFrame sort(String... columns) {
        return sort(Arrays.stream(columns).map(SortKey::asc).toArray(SortKey[]::new));
    }

    /** The rows sorted by one column, descending if asked (nulls first either way); stable. */
    public LazyFrame sort(String column, boolean descending) {
        return sort(descending ? SortKey.desc(column) : SortKey.asc(column));
    }

    /**
     * The rows sorted by the keys, the first key first: {@code sort(col("id1").asc(),
     * col("v3").desc().nullsLast())}. Stable: rows with equal keys keep their order.
     */
    public LazyFrame sort(SortKey... keys) {
        return new LazyFrame(new Sort(plan, Arrays.asList(keys)));
    }

    /** An inner join on the named columns, present on both sides. */
    public LazyFrame join(LazyFrame other, String... on) {
        return join(other, JoinType.INNER, on);
    }

    /** A join of kind {@code how} on the named columns, present on both sides. */
    public LazyFrame join(LazyFrame other, JoinType how, String... on) {
        return join(other, Arrays.asList(on), Arrays.asList(on), how, "_right");
    }

    /**
     * A join of kind {@code how} matching {@code leftOn[i]} with {@code rightOn[i]}; a right column
     * whose name the left has gets {@code suffix}. See {@link Join} for the columns and row order.
     */
    public LazyFrame join(LazyFrame other, List<String> leftOn, List<String> rightOn, JoinType how, String suffix) {
        List<Integer> nested = new java.util.ArrayList<>();
        for (int k = 0; k < Math.min(leftOn.size(), rightOn.size()); k++) {
            if (plan.schema().type(leftOn.get(k)).isNested() || other.plan.schema().type(rightOn.get(k)).isNested()) {
                nested.add(k);
            }
        }
        if (nested.isEmpty() || how == JoinType.CROSS) {
            return new LazyFrame(new Join(plan, other.plan, leftOn, rightOn, how, suffix));
        }
        return joinBySortKeys(other, leftOn, rightOn, how, suffix, nested);
    }

    /**
     * A join on lists, maps or structs: on their sort keys (equal values, equal keys), each pair cast
     * to the type both sides share, in hidden columns on each side; the columns are then those the
     * join on the values would give (a right or full join's key holding whichever side's is there).
     */
    private LazyFrame joinBySortKeys(LazyFrame other, List<String> leftOn, List<String> rightOn, JoinType how,
            String suffix, List<Integer> nested) {
        Schema left = plan.schema();
        Schema right = other.plan.schema();
        List<String> hiddenLeft = hiddenNames(left, "__floe_join_key_", nested.size());
        List<String> hiddenRight = hiddenNames(right, "__floe_join_key_", nested.size());
        List<String> byLeft = new java.util.ArrayList<>(leftOn);
        List<String> byRight = new java.util.ArrayList<>(rightOn);
        List<Expr> leftKeys = new java.util.ArrayList<>();
        List<Expr> rightKeys = new java.util.ArrayList<>();
        List<DataType> common = new java.util.ArrayList<>();
        for (int n = 0; n < nested.size(); n++) {
            int k = nested.get(n);
            DataType l = left.type(leftOn.get(k));
            DataType r = right.type(rightOn.get(k));
            DataType type = Types.supertype(l, r);
            if (type == null || !type.isNested()) {
                throw new SchemaException("cannot join left '" + leftOn.get(k) + "' (" + l + ") with right '"
                        + rightOn.get(k) + "' (" + r + "): no type holds both");
            }
            common.add(type);
            Expr lk = new Col(leftOn.get(k));
            Expr rk = new Col(rightOn.get(k));
            leftKeys.add(sortKey(l == type ? lk : lk.cast(type)).alias(hiddenLeft.get(n)));
            rightKeys.add(sortKey(r == type ? rk : rk.cast(type)).alias(hiddenRight.get(n)));
            byLeft.set(k, hiddenLeft.get(n));
            byRight.set(k, hiddenRight.get(n));
        }
        LazyFrame joined = new LazyFrame(new Join(withColumns(leftKeys).plan, other.withColumns(rightKeys).plan, byLeft,
                byRight, how, suffix));
        // the right columns the join keeps, by position: each of the right's columns but its keys by value
        java.util.Map<String, String> rightNames = new java.util.HashMap<>();
        boolean rightColumns = how != JoinType.SEMI && how != JoinType.ANTI;
        if (rightColumns) {
            List<String> names = joined.schema().names();
            int at = left.size() + leftKeys.size();
            for (String name : right.names()) {
                if (!byRight.contains(name)) {
                    rightNames.put(name, names.get(at++));
                }
            }
        }
        List<Expr> out = new java.util.ArrayList<>();
        for (String name : left.names()) {
            int n = nested.indexOf(leftOn.indexOf(name));
            if (leftOn.contains(name) && n >= 0 && (how == JoinType.RIGHT || how == JoinType.FULL)) {
                DataType type = common.get(n);
                Expr mine = left.type(name) == type ? new Col(name) : new Col(name).cast(type);
                String theirs = rightNames.get(rightOn.get(nested.get(n)));
                Expr other2 = right.type(rightOn.get(nested.get(n))) == type ? new Col(theirs) : new Col(theirs).cast(type);
                out.add(mine.fillNull(other2).alias(name));
            } else {
                out.add(new Col(name));
            }
        }
        if (rightColumns) {
            for (String name : right.names()) {
                if (!rightOn.contains(name)) {
                    out.add(new Col(rightNames.get(name)));
                }
            }
        }
        return joined.select(out);
    }

    /**
     * An as-of join on the column {@code on} (of that name on both sides): each row of this frame
     * with the row of {@code other} whose {@code on} value is the last at or before its own, among
     * those whose {@code by} columns equal its own; nulls where there is none (pandas'
     * {@code merge_asof}, Polars' {@code join_asof}).
     */
    public LazyFrame joinAsof(LazyFrame other, String on, String... by) {
        return joinAsof(other, dev.floe.frame.plan.AsofJoin.on(on).by(by));
    }

    /**
     * An as-of join as {@code how} says ({@link dev.floe.frame.plan.AsofJoin}: backward, forward or
     * nearest, exact matches or not, left or inner). Columns: the left ones, then the right ones
     * but its {@code by} columns and an {@code on} column of the left's name (a right column
     * whose name the left has gets the suffix). Rows: in left order.
     */
    public LazyFrame joinAsof(LazyFrame other, dev.floe.frame.plan.AsofJoin how) {
        return AsofJoins.join(this, other, how);
    }

    /** Every pair of a row of this frame and a row of {@code other}. */
    public LazyFrame crossJoin(LazyFrame other) {
        return new LazyFrame(new Join(plan, other.plan, List.of(), List.of(), JoinType.CROSS, "_right"));
    }

    /** The distinct rows, each first occurrence, in input order. */
    public LazyFrame unique() {
        return unique(List.of(), false);
    }

    /** One row per distinct value of {@code subset}: its first row, in input order. */
    public LazyFrame unique(String... subset) {
        return unique(Arrays.asList(subset), false);
    }

    /** One row per distinct value of {@code subset} (all columns when empty): its first or last row. */
    public LazyFrame unique(List<String> subset, boolean keepLast) {
        List<String> columns = subset.isEmpty() ? plan.schema().names() : subset;
        List<String> nested = columns.stream().filter(column -> plan.schema().type(column).isNested()).toList();
        if (nested.isEmpty()) {
            return new LazyFrame(new Unique(plan, subset, keepLast));
        }
        // lists, maps and structs are told apart by their sort keys: equal values, equal keys
        List<String> hidden = hiddenNames(plan.schema(), "__floe_unique_key_", nested.size());
        List<Expr> keys = new java.util.ArrayList<>();
        List<String> by = new java.util.ArrayList<>();
        for (String column : columns) {
            int n = nested.indexOf(column);
            if (n >= 0) {
                keys.add(sortKey(new Col(column)).alias(hidden.get(n)));
                by.add(hidden.get(n));
            } else {
                by.add(column);
            }
        }
        return withColumns(keys).unique(by, keepLast).select(plan.schema().names().stream().<Expr>map(Col::new).toList());
    }

    /** The columns renamed, {@code old -> new}; the others as they are, in place. */
    public LazyFrame rename(java.util.Map<String, String> names) {
        for (String old : names.keySet()) {
            plan.schema().indexOf(old);
        }
        return select(plan.schema().names().stream()
                .<Expr>map(name -> names.containsKey(name) ? new Col(name).alias(names.get(name)) : new Col(name))
                .toList());
    }

    public LazyFrame rename(String old, String name) {
        return rename(java.util.Map.of(old, name));
    }

    /** Every column renamed by {@code names}: {@code rename(String::toLowerCase)}. */
    public LazyFrame rename(java.util.function.UnaryOperator<String> names) {
        java.util.Map<String, String> renamed = new java.util.LinkedHashMap<>();
        for (String name : plan.schema().names()) {
            renamed.put(name, java.util.Objects.requireNonNull(names.apply(name), "a new name is null"));
        }
        return rename(renamed);
    }

    /** The rows with no null in any column. */
    public LazyFrame dropNulls() {
        return dropNulls(plan.schema().names().toArray(String[]::new));
    }

    /** The rows with no null in the named columns. */
    public LazyFrame dropNulls(String... subset) {
        Expr keep = null;
        for (String column : subset) {
            plan.schema().indexOf(column);
            Expr present = new Col(column).isNotNull();
            keep = keep == null ? present : keep.and(present);
        }
        return keep == null ? this : filter(keep);
    }

    /**
     * Nulls replaced by {@code value} in every column whose type it fits (numbers in numeric
     * columns, text in text columns, ...; an integer column filled with a fraction becomes f64);
     * the other columns as they are.
     */
    public LazyFrame fillNull(Object value) {
        if (value == null) {
            return this;
        }
        DataType valueType = ((dev.floe.frame.expr.Lit) Exprs.lit(value)).type();
        List<Expr> columns = new java.util.ArrayList<>();
        for (Schema.Field field : plan.schema()) {
            // a column keeps its kind: text with text, a date with a date (not a timestamp's midnight)
            boolean fits = Types.supertype(field.type(), valueType) != null && field.type().isText() == valueType.isText()
                    && !dev.floe.frame.expr.ExprTyper.dateWithTimestamp(field.type(), valueType);
            columns.add(fits ? new Col(field.name()).fillNull(value).alias(field.name()) : new Col(field.name()));
        }
        return select(columns);
    }

    /** NaN replaced by {@code value} in every float column. */
    public LazyFrame fillNan(double value) {
        List<Expr> columns = new java.util.ArrayList<>();
        for (Schema.Field field : plan.schema()) {
            columns.add(field.type().isFloat() ? new Col(field.name()).fillNan(value).alias(field.name())
                    : new Col(field.name()));
        }
        return select(columns);
    }

    /** The sum of every column, as one row; null for columns that are not numbers. */
    public LazyFrame sum() {
        return overAll(Expr::sum, true);
    }

    /** The mean of every column, as one row; null for columns that are not numbers. */
    public LazyFrame mean() {
        return overAll(Expr::mean, true);
    }

    /** The median of every column, as one row; null for columns that are not numbers. */
    public LazyFrame median() {
        return overAll(Expr::median, true);
    }

    /** The smallest value of every column, as one row. */
    public LazyFrame min() {
        return overAll(Expr::min, false);
    }

    /** The largest value of every column, as one row. */
    public LazyFrame max() {
        return overAll(Expr::max, false);
    }

    /** The number of nulls in every column, as one row of {@code i64}. */
    public LazyFrame nullCount() {
        List<Expr> columns = new java.util.ArrayList<>();
        for (Schema.Field field : plan.schema()) {
            columns.add(new Col(field.name()).isNull().cast(DataType.INT64).sum().alias(field.name()));
        }
        return select(columns);
    }

    /** One row: {@code aggregate} of each column ({@code numeric}: of the numeric ones, null for the others). */
    private LazyFrame overAll(java.util.function.UnaryOperator<Expr> aggregate, boolean numeric) {
        List<Expr> columns = new java.util.ArrayList<>();
        for (Schema.Field field : plan.schema()) {
            Expr column = new Col(field.name());
            DataType type = field.type();
            // decimals take every one of these (a median, a std or a mean of them as floats)
            boolean applies = type.isNumeric() || type.isDecimal() || !numeric && (type.isTemporal()
                    || type == DataType.UTF8 || type == DataType.BOOLEAN);
            columns.add(applies ? aggregate.apply(column).alias(field.name())
                    : Exprs.lit(null).cast(numeric ? DataType.FLOAT64 : field.type()).alias(field.name()));
        }
        return select(columns);
    }

    /** The columns other than {@code columns}. */
    public LazyFrame drop(String... columns) {
        java.util.Set<String> dropped = new java.util.HashSet<>(Arrays.asList(columns));
        for (String column : columns) {
            plan.schema().indexOf(column);
        }
        return select(plan.schema().names().stream().filter(name -> !dropped.contains(name)).<Expr>map(Col::new)
                .toList());
    }

    /** A first column {@code name} numbering the rows from 0. */
    public LazyFrame withRowIndex(String name) {
        return withRowIndex(name, 0);
    }

    public LazyFrame withRowIndex(String name, long offset) {
        return new LazyFrame(new WithRowIndex(plan, name, offset));
    }

    /**
     * Runs the query and writes its rows to a CSV file as they come, never holding the whole
     * result: the file appears, complete, when the query succeeds, and not at all when it fails.
     * An existing file is replaced; a directory never is.
     */
    public long sinkCsv(java.nio.file.Path path) {
        return sinkCsv(path, dev.floe.frame.io.csv.CsvOptions.defaults());
    }

    /** {@link #sinkCsv(java.nio.file.Path)} with these options (delimiter, quote, header, null values). */
    public long sinkCsv(java.nio.file.Path path, dev.floe.frame.io.csv.CsvOptions options) {
        return sink(new FileSink(path, "csv", options.toWriteOptions(), true));
    }

    /** Runs the query and writes its rows to a Parquet file as they come (needs {@code floe-parquet}). */
    public long sinkParquet(java.nio.file.Path path) {
        return sink(new FileSink(path, "parquet", java.util.Map.of(), true));
    }

    /** Runs the query and writes its rows to an Arrow IPC file as they come (needs {@code floe-arrow}). */
    public long sinkArrow(java.nio.file.Path path) {
        return sink(new FileSink(path, "arrow", java.util.Map.of(), true));
    }

    /**
     * Runs the query and writes its rows to a JSON file as they come: one array of row objects
     * (see {@link dev.floe.frame.io.json.JsonWriter} for how values are written; gzipped when the
     * name ends in {@code .gz}).
     */
    public long sinkJson(java.nio.file.Path path) {
        return sink(new FileSink(path, "json", java.util.Map.of(), true));
    }

    /** Runs the query and writes its rows as JSON lines (NDJSON): one object per line, as they come. */
    public long sinkNdjson(java.nio.file.Path path) {
        return sink(new FileSink(path, "ndjson", java.util.Map.of(), true));
    }

    /**
     * Runs the query on the default session and writes its rows to the file {@code sink} names,
     * as they come.
     *
     * @return the rows written
     */
    public long sink(FileSink sink) {
        return Floe.session().sink(plan, sink);
    }

    /** {@link #sink(FileSink)} with a configuration of its own (threads, morsel size). */
    public long sink(FileSink sink, ExecutionConfig config) {
        return Floe.session().sink(plan, sink, config);
    }

    /**
     * Runs the query on another engine (Apache Spark with {@code floe-spark}) and writes its rows
     * to the file {@code sink} names with Floe's writers, as they come: the file is as the local
     * engine writes it, and the whole result is never held.
     */
    public long sink(FileSink sink, Engine engine) {
        Session session = Floe.session();
        return session.sink(plan, sink, session.config(), engine);
    }

    /** {@link #sinkParquet(java.nio.file.Path)} on another engine: see {@link #sink(FileSink, Engine)}. */
    public long sinkParquet(java.nio.file.Path path, Engine engine) {
        return sink(new FileSink(path, "parquet", java.util.Map.of(), true), engine);
    }

    /** {@link #sinkCsv(java.nio.file.Path)} on another engine: see {@link #sink(FileSink, Engine)}. */
    public long sinkCsv(java.nio.file.Path path, Engine engine) {
        return sink(new FileSink(path, "csv", dev.floe.frame.io.csv.CsvOptions.defaults().toWriteOptions(), true), engine);
    }

    /**
     * One row per element of the list columns {@code columns}, the other columns repeated; a null
     * or empty list gives one row with null. Several columns explode together, so each row's
     * lists must be equally long.
     */
    public LazyFrame explode(String... columns) {
        return new LazyFrame(new dev.floe.frame.plan.Explode(plan, List.of(columns)));
    }

    /**
     * The struct columns {@code columns} replaced, each where it stands, by its fields (named as the
     * fields are), as Polars' {@code unnest}; a null struct gives nulls. A field whose name another
     * column already has fails, naming it.
     */
    public LazyFrame unnest(String... columns) {
        Schema schema = schema();
        java.util.Set<String> unnested = new java.util.HashSet<>(List.of(columns));
        for (String column : columns) {
            DataType type = schema.type(column);
            if (!type.isStruct()) {
                throw new SchemaException("cannot unnest column '" + column + "': it is " + type + ", not a struct");
            }
        }
        List<Expr> exprs = new java.util.ArrayList<>();
        for (Schema.Field field : schema) {
            if (!unnested.contains(field.name())) {
                exprs.add(dev.floe.frame.expr.Exprs.col(field.name()));
                continue;
            }
            for (Schema.Field inner : field.type().fields()) {
                exprs.add(dev.floe.frame.expr.Exprs.col(field.name()).struct().field(inner.name()).alias(inner.name()));
            }
        }
        return select(exprs);
    }

    /**
     * Wide to long, as pandas' {@code melt}: the {@code ids} columns, then {@code variable} (the
     * name of a {@code values} column) and {@code value}, all rows for the first value column,
     * then for the next.
     */
    public LazyFrame melt(List<String> ids, List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("melt needs at least one value column");
        }
        dev.floe.frame.DataType type = dev.floe.frame.DataType.NULL;
        for (String value : values) {
            dev.floe.frame.DataType next = plan.schema().type(value);
            type = dev.floe.frame.Types.supertype(type, next);
            if (type == null) {
                throw new SchemaException("melt needs value columns of one kind; '" + value + "' is " + next);
            }
        }
        List<LazyFrame> parts = new java.util.ArrayList<>();
        for (String value : values) {
            List<Expr> columns = new java.util.ArrayList<>(ids.stream().<Expr>map(Col::new).toList());
            columns.add(dev.floe.frame.expr.Exprs.lit(value).alias("variable"));
            columns.add(new Col(value).cast(type).alias("value"));
            parts.add(select(columns));
        }
        return concat(parts);
    }

    /** The frames' rows one after the other: the same columns in the same order, types widened to fit all. */
    public static LazyFrame concat(List<LazyFrame> frames) {
        return new LazyFrame(new Concat(frames.stream().map(LazyFrame::plan).toList(), false));
    }

    /** The frames' columns side by side: equal heights, distinct names. */
    public static LazyFrame concatHorizontal(List<LazyFrame> frames) {
        return new LazyFrame(new Concat(frames.stream().map(LazyFrame::plan).toList(), true));
    }

    /** The first {@code n} rows. */
    public LazyFrame head(long n) {
        return slice(0, n);
    }

    /** The first {@code n} rows (SQL's name). */
    public LazyFrame limit(long n) {
        return head(n);
    }

    /** The last {@code n} rows. */
    public LazyFrame tail(long n) {
        return new LazyFrame(new Slice(plan, -n, n));
    }

    /** Rows {@code [offset, offset + length)}; a negative offset counts from the end. */
    public LazyFrame slice(long offset, long length) {
        return new LazyFrame(new Slice(plan, offset, length));
    }

    /** Runs the query on the default session ({@link Floe#session()}: {@code FLOE_THREADS}, all cores). */
    public DataFrame collect() {
        return Floe.session().collect(this);
    }

    /** Runs the query with {@code config} (threads, morsel size); the result is the same for any. */
    public DataFrame collect(ExecutionConfig config) {
        return Floe.session().collect(plan, config);
    }

    /** Runs the query on {@code session}, with its settings. */
    public DataFrame collect(Session session) {
        return session.collect(this);
    }

    /** Runs the query on another engine (Apache Spark with {@code floe-spark}), the default session's settings. */
    public DataFrame collect(Engine engine) {
        Session session = Floe.session();
        return session.collect(plan, session.config(), engine);
    }

    /**
     * Starts the query in the background on the default session: its handle gives the result,
     * how far it has got, and {@link QueryHandle#cancel()}.
     */
    public QueryHandle<DataFrame> collectAsync() {
        return Floe.session().submit(plan);
    }

    /** The optimized plan that {@link #collect()} runs, as an indented tree, root first. */
    public String explain() {
        return explain(true);
    }

    /** The plan optimized ({@code true}) or as written ({@code false}). */
    public String explain(boolean optimized) {
        return PlanPrinter.print(optimized ? Optimizer.optimize(plan) : plan);
    }

    /**
     * How the default session's engine runs the optimized plan: for Floe's own engine, its
     * pipelines in the order they run, each a source, the streaming operators its batches go
     * through, and the sink it ends in (a pipeline breaker, a join's build side, the result).
     */
    public String explainPhysical() {
        return Floe.session().engine().explain(Optimizer.optimize(plan));
    }

    /**
     * Runs the query on the default session and tells how it ran, as DuckDB's
     * {@code EXPLAIN ANALYZE} does: the pipelines of {@link #explainPhysical()}, each step with the
     * rows it gave ({@code [1,234 rows]}) and each pipeline breaker and join build with the time it
     * took (its inputs included), then the result's rows and the whole time. The result itself is
     * dropped. Compare with {@link #explain()}'s estimates to see where they were wrong.
     */
    public String explainAnalyze() {
        return Floe.session().explainAnalyze(plan);
    }

    /**
     * Draws the optimized plan, like Dask's {@code visualize()}: a {@code .dot} path gets the
     * Graphviz source; any other ending ({@code .svg}, {@code .png}, {@code .pdf}) is drawn by
     * Graphviz's {@code dot} command.
     *
     * @return the file written
     * @throws dev.floe.FloeException if {@code dot} is needed and not on the PATH (the DOT source is
     *     then written next to {@code path}, and the message says where)
     */
    public java.nio.file.Path visualize(java.nio.file.Path path) {
        String dot = PlanPrinter.dot(Optimizer.optimize(plan));
        String name = path.getFileName().toString();
        int dotAt = name.lastIndexOf('.');
        String format = dotAt < 0 ? "svg" : name.substring(dotAt + 1);
        try {
            if (format.equals("dot") || format.equals("gv")) {
                java.nio.file.Files.writeString(path, dot);
                return path;
            }
            Process process;
            try {
                process = new ProcessBuilder("dot", "-T" + format, "-o", path.toString()).redirectErrorStream(true).start();
            } catch (java.io.IOException e) {
                java.nio.file.Path source = path.resolveSibling((dotAt < 0 ? name : name.substring(0, dotAt)) + ".dot");
                java.nio.file.Files.writeString(source, dot);
                throw new dev.floe.FloeException("Graphviz's dot command is not on the PATH, so " + path
                        + " could not be drawn; the plan was written as DOT to " + source
                        + " (install Graphviz, or open that file in any DOT viewer)");
            }
            try (var in = process.getOutputStream()) {
                in.write(dot.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new dev.floe.FloeException("Graphviz's dot could not draw " + path + ": " + output.strip());
            }
            return path;
        } catch (java.io.IOException e) {
            throw new dev.floe.FloeException("cannot write " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.floe.FloeException("interrupted while drawing " + path, e);
        }
    }

    @Override
    public String toString() {
        return "LazyFrame\n" + explain();
    }
}
