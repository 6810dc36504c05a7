package dev.floe.frame.physical;


import dev.floe.frame.Schema;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.CastKernel;
import dev.floe.frame.exec.ExplodeOperator;
import dev.floe.frame.exec.ExprCompiler;
import dev.floe.frame.exec.FilterOperator;
import dev.floe.frame.exec.HashJoin;
import dev.floe.frame.exec.PhysicalExpr;
import dev.floe.frame.exec.ProjectOperator;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTrees;
import dev.floe.frame.plan.Aggregate;
import dev.floe.frame.plan.Concat;
import dev.floe.frame.plan.Explode;
import dev.floe.frame.plan.FileScan;
import dev.floe.frame.plan.Filter;
import dev.floe.frame.plan.Join;
import dev.floe.frame.plan.JoinType;
import dev.floe.frame.plan.PlanKeys;
import dev.floe.frame.plan.PlanNode;
import dev.floe.frame.plan.Scan;
import dev.floe.frame.plan.Select;
import dev.floe.frame.plan.Slice;
import dev.floe.frame.plan.Sort;
import dev.floe.frame.plan.TopK;
import dev.floe.frame.plan.Unique;
import dev.floe.frame.plan.Window;
import dev.floe.frame.plan.WithColumns;
import dev.floe.frame.plan.WithRowIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an optimized logical plan into a physical one: scans into sources, row-wise steps into
 * streaming operators, joins into a build and a probe, and the steps that need their whole input
 * into pipeline breakers. Expressions are compiled here, once per query.
 */
public final class PhysicalPlanner {
    /**
     * The most rows (estimated) a subplan that occurs more than once may have to be computed once
     * and held for its other occurrences; a larger one is computed at each.
     */
    static final double SHARED_ROWS = dev.floe.frame.plan.PlanKeys.SHARED_ROWS;

    /** How often each subplan occurs in the plan (a subplan inside one that repeats counts each time). */
    private final Map<PlanKeys.Key, Integer> uses;
    /** The plan's nodes as keys in which equal subplans are one. */
    private final PlanKeys keys;
    /** The physical node of each subplan computed once for all its occurrences. */
    private final Map<PlanKeys.Key, PhysicalNode> shared = new HashMap<>();
    /** How often the shared subplan being planned occurs (1 outside any). */
    private int enclosing = 1;
    /** Joins' key filters, to go just below the step of a probe side they are keyed by. */
    private final Map<PlanNode, List<JoinKeyFilter>> keyFilters = new IdentityHashMap<>();
    /** Which semi and anti joins build on their left side (see {@link #marksLeft}), once decided. */
    private final Map<Join, Boolean> marksLeft = new IdentityHashMap<>();

    private PhysicalPlanner(Map<PlanKeys.Key, Integer> uses, PlanKeys keys) {
        this.uses = uses;
        this.keys = keys;
    }

    /**
     * The physical plan of {@code root}. A subplan that occurs more than once (a correlated
     * subquery's outer query, which its decorrelation reads again for the outer values; a view or
     * CTE named twice) and holds a join or an aggregation is computed once, its rows held for
     * every occurrence, when it is estimated to give at most {@link #SHARED_ROWS} rows.
     */
    public static PhysicalNode plan(PlanNode root) {
        PlanKeys keys = new PlanKeys();
        Map<PlanKeys.Key, Integer> uses = new HashMap<>();
        count(root, uses, keys);
        return new PhysicalPlanner(uses, keys).node(root);
    }

    private static void count(PlanNode node, Map<PlanKeys.Key, Integer> uses, PlanKeys keys) {
        uses.merge(keys.of(node), 1, Integer::sum);
        for (PlanNode input : node.inputs()) {
            count(input, uses, keys);
        }
    }

    private PhysicalNode node(PlanNode node) {
        if (!shareable(node)) {
            return direct(node);
        }
        PhysicalNode known = shared.get(keys.of(node));
        if (known == null) {
            // inside it, a subplan that occurs only as often as it does is not held apart again
            int outer = enclosing;
            enclosing = uses.get(keys.of(node));
            try {
                known = new PhysicalNode.Breaker(List.of(direct(node)), new SharedOperator(node.schema(), enclosing));
            } finally {
                enclosing = outer;
            }
            shared.put(keys.of(node), known);
        }
        return known;
    }

    private boolean shareable(PlanNode node) {
        if (uses.getOrDefault(keys.of(node), 0) <= enclosing || !PlanNode.joinsOrAggregates(node)) {
            return false;
        }
        double rows = dev.floe.frame.plan.Estimates.rows(node);
        return !Double.isNaN(rows) && rows <= SHARED_ROWS;
    }

    private PhysicalNode direct(PlanNode node) {
        return switch (node) {
            case Scan scan -> new PhysicalNode.Scan(new MemorySource(scan.read(), scan.toString()));
            case FileScan file -> fileScan(file);
            case Select select -> select(select);
            case WithColumns with -> stream(with, new BatchStep(project(withColumnsOutputs(with),
                    with.input().schema()), with.schema(), with.toString()));
            case Filter filter -> {
                FilterOperator test = new FilterOperator(ExprCompiler.compile(filter.predicate(), filter.input().schema()));
                yield new PhysicalNode.Stream(withKeyFilters(filter, node(filter.input()), test),
                        new BatchStep(test, filter.schema(), filter.toString()));
            }
            case Explode explode -> stream(explode, new BatchStep(explodeStep(explode), explode.schema(),
                    explode.toString()));
            case Slice slice -> breaker(new SliceOperator(slice.schema(), slice.offset(), slice.length()), slice.input());
            case Aggregate aggregate -> breaker(new AggregateOperator(aggregate), aggregate.input());
            case Sort sort -> breaker(new SortOperator(sort), sort.input());
            case TopK top -> breaker(new TopKOperator(top), top.input());
            // over a frame in memory, worked on where it lies, the unique holds nothing more than its input
            case Unique unique when !unique.keepLast() && !(unique.input() instanceof Scan) -> firstRows(unique);
            case Unique unique -> breaker(new UniqueOperator(unique), unique.input());
            case WithRowIndex index -> breaker(new RowIndexOperator(index), index.input());
            case Window window -> breaker(new WindowOperator(window), window.input());
            case Concat concat -> concat(concat);
            case Join join -> join(join);
        };
    }

    /**
     * A unique that keeps each key's first row, as a hash aggregation by its keys (the other
     * columns' {@code first()}, nulls too), whose groups come in the order their first rows
     * appear, as the unique's rows do: it holds one row per key, not the whole input, and spills
     * what does not fit as aggregations do. The columns are put back in the unique's order. (Over
     * a frame in memory read as it is, the unique works on the frame itself: {@link UniqueOperator}.)
     */
    private PhysicalNode firstRows(Unique unique) {
        List<Expr> keys = new ArrayList<>();
        for (String key : new java.util.LinkedHashSet<>(unique.keys())) { // a key named twice is one key
            keys.add(new Col(key));
        }
        List<Expr> firsts = new ArrayList<>();
        for (String name : unique.input().schema().names()) {
            if (!unique.keys().contains(name)) {
                firsts.add(new Col(name).first().alias(name));
            }
        }
        Aggregate aggregate = new Aggregate(unique.input(), keys, firsts);
        PhysicalNode grouped = breaker(new AggregateOperator(aggregate, "HASH " + unique), unique.input());
        if (aggregate.schema().names().equals(unique.schema().names())) {
            return grouped;
        }
        List<Expr> order = new ArrayList<>();
        for (String name : unique.schema().names()) {
            order.add(new Col(name));
        }
        return new PhysicalNode.Stream(grouped, new BatchStep(project(order, aggregate.schema()), unique.schema(),
                "SELECT " + unique.schema().names()));
    }

    /** A {@code select}'s step, and the filter's below it where it reads a filter's rows straight (see {@link #narrowing}). */
    private PhysicalNode select(Select select) {
        int[] kept = select.input() instanceof Filter filter ? narrowing(select, filter) : null;
        if (kept != null) {
            return selectOverFilter(select, (Filter) select.input(), kept);
        }
        return stream(select, new BatchStep(project(select.exprs(), select.input().schema()), select.schema(),
                select.toString()));
    }

    /**
     * The columns of {@code filter}'s rows that {@code select}, reading them straight after it,
     * needs, when they are fewer than all (and at least one) and the filter is planned here (not
     * a subplan computed once for several readers, and no join's key filter between the two);
     * else null.
     */
    private int[] narrowing(Select select, Filter filter) {
        if (shareable(filter) || keyFilters.containsKey(select)) {
            return null;
        }
        java.util.Set<String> read = new java.util.HashSet<>();
        for (Expr expr : select.exprs()) {
            read.addAll(ExprTrees.columns(expr));
        }
        Schema schema = filter.schema();
        List<Integer> kept = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            if (read.contains(schema.field(c).name())) {
                kept.add(c);
            }
        }
        return kept.isEmpty() || kept.size() == schema.size() ? null
                : kept.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A filter whose rows go straight into a {@code select} that reads only some of its columns:
     * the filter gathers those alone for the rows it keeps (a column only its condition reads,
     * such as the text a LIKE tests, is not copied), and the select reads them.
     */
    private PhysicalNode selectOverFilter(Select select, Filter filter, int[] kept) {
        Schema schema = filter.schema();
        List<Schema.Field> fields = new ArrayList<>(kept.length);
        for (int c : kept) {
            fields.add(schema.field(c));
        }
        Schema narrowed = Schema.of(fields);
        FilterOperator test = new FilterOperator(ExprCompiler.compile(filter.predicate(), filter.input().schema()), kept);
        PhysicalNode filtered = new PhysicalNode.Stream(withKeyFilters(filter, node(filter.input()), test),
                new BatchStep(test, narrowed, filter.toString()));
        return new PhysicalNode.Stream(filtered, new BatchStep(project(select.exprs(), narrowed), select.schema(),
                select.toString()));
    }

    /** {@code operator} over the plan of {@code node}'s one input (and a join's key filter between them, if one goes there). */
    private PhysicalNode stream(PlanNode node, StreamingOperator operator) {
        return new PhysicalNode.Stream(withKeyFilters(node, node(node.inputs().get(0))), operator);
    }

    /** {@code input}, the plan of {@code node}'s input (its probe side for a join), with the key filters that go between them. */
    private PhysicalNode withKeyFilters(PlanNode node, PhysicalNode input) {
        return withKeyFilters(node, input, null);
    }

    /**
     * {@code input} with the key filters that go below {@code node}, as one operator; right below
     * a filter, it makes that filter's test too ({@code test}; null: {@code node} is no filter)
     * where that test reads the selected rows where they are.
     */
    private PhysicalNode withKeyFilters(PlanNode node, PhysicalNode input, FilterOperator test) {
        List<JoinKeyFilter> filters = keyFilters.remove(node);
        if (filters == null) {
            return input;
        }
        return new PhysicalNode.Stream(input,
                JoinKeyFilter.stacked(filters, test != null && test.testsSelectedRows() ? test : null));
    }

    private PhysicalNode breaker(PhysicalNode.BreakerOperator operator, PlanNode... inputs) {
        List<PhysicalNode> planned = new ArrayList<>();
        for (PlanNode input : inputs) {
            planned.add(node(input));
        }
        return new PhysicalNode.Breaker(planned, operator);
    }

    /**
     * A file scan: the format's source with the projection, filter and limit pushed into it. A
     * limit is a bound on what the source reads; the rows are cut to it exactly above.
     */
    private static PhysicalNode fileScan(FileScan file) {
        List<String> projection = file.projection() == null ? file.source().schema().names() : file.projection();
        PhysicalNode scan = new PhysicalNode.Scan(file.source().scan(projection, file.predicate(), file.limit()));
        if (file.limit() < 0) {
            return scan;
        }
        return new PhysicalNode.Breaker(List.of(scan), new SliceOperator(file.schema(), 0, file.limit()));
    }

    private PhysicalNode join(Join join) {
        HashJoin hashJoin = new HashJoin(join, marksLeft(join));
        boolean buildsOnLeft = hashJoin.buildsOnLeft();
        PlanNode probe = buildsOnLeft ? join.right() : join.left();
        PlanNode build = buildsOnLeft ? join.left() : join.right();
        String label = join.how() == JoinType.CROSS ? "CROSS JOIN (build: " + (buildsOnLeft ? "left" : "right") + ")"
                : "HASH " + join + " (build: " + (buildsOnLeft ? "left" : "right") + ")";
        // the probe rows whose key the build side lacks give nothing (not so for outer joins, nor
        // for an anti join's left rows)
        boolean keyFiltered = join.leftOn().size() == 1 && (hashJoin.marksLeft()
                || !buildsOnLeft && (join.how() == JoinType.INNER || join.how() == JoinType.SEMI));
        if (keyFiltered) {
            String probeKey = (buildsOnLeft ? join.rightOn() : join.leftOn()).get(0);
            String buildKey = (buildsOnLeft ? join.leftOn() : join.rightOn()).get(0);
            if (!holdsEveryKey(build, buildKey, probe, probeKey)) {
                placeKeyFilter(hashJoin, 0, probe, probeKey, label);
            }
        } else if (join.leftOn().size() > 1 && !buildsOnLeft && !hashJoin.marksLeft()
                && (join.how() == JoinType.INNER || join.how() == JoinType.SEMI)) {
            // several keys: each integer key that the build side may not hold every value of, tested alone
            // (HashJoin.KeyBitmap); a key whose bitmap keeps most rows stops being tested after its trial
            for (int k = 0; k < join.leftOn().size(); k++) {
                if (!holdsEveryKey(build, join.rightOn().get(k), probe, join.leftOn().get(k))) {
                    placeKeyFilter(hashJoin, k, probe, join.leftOn().get(k), label);
                }
            }
        }
        PhysicalNode probeSide = node(probe);
        if (!buildsOnLeft) {
            // the key filters that go between this join and its left side (its own, or those of joins above it)
            probeSide = withKeyFilters(join, probeSide);
        }
        // a filter not placed (the probe side was planned before, in a shared subplan) goes nowhere else
        keyFilters.values().forEach(filters -> filters.removeIf(filter -> filter.joins().contains(hashJoin)));
        keyFilters.values().removeIf(List::isEmpty);
        return new PhysicalNode.HashJoinNode(probeSide, node(build), hashJoin, join.schema(), label,
                hashJoin.hasTail());
    }

    /**
     * Whether the build side is a whole table (read without a filter, a join or a grouping) whose
     * keys are estimated at about as many distinct values as the probe side's: then its keys
     * filter nearly no probe row (TPC-H's partsupp joined with every supplier, before the
     * suppliers of one region are picked), and a key filter would only read every row once more.
     */
    private static boolean holdsEveryKey(PlanNode build, String buildKey, PlanNode probe, String probeKey) {
        PlanNode at = build;
        while (at instanceof Select || at instanceof WithColumns) {
            at = at.inputs().get(0);
        }
        boolean whole = at instanceof Scan || at instanceof FileScan file && file.predicate() == null
                && file.limit() < 0;
        if (!whole) {
            return false;
        }
        double buildKeys = dev.floe.frame.plan.Estimates.keyDistinct(dev.floe.frame.plan.Estimates.of(build), buildKey);
        double probeKeys = dev.floe.frame.plan.Estimates.keyDistinct(dev.floe.frame.plan.Estimates.of(probe), probeKey);
        return !Double.isNaN(buildKeys) && !Double.isNaN(probeKeys) && buildKeys >= 0.9 * probeKeys;
    }

    /**
     * Whether a semi or anti join builds on its left side, marking the left rows the right side's
     * rows find and giving them (or, anti, the others) after the whole right side has been looked
     * up: where the left side is estimated at under {@link #MARKING_SHARE} times the right side's rows.
     * Hashing the right side instead would collect and hash every one of its rows (the rows of a
     * large table a subquery reads, where the left side holds a few thousand), only to look up
     * the few left rows in them.
     */
    private boolean marksLeft(Join join) {
        if ((join.how() != JoinType.SEMI && join.how() != JoinType.ANTI) || join.leftOn().isEmpty()) {
            return false;
        }
        return marksLeft.computeIfAbsent(join, j -> {
            double left = dev.floe.frame.plan.Estimates.rows(j.left());
            double right = dev.floe.frame.plan.Estimates.rows(j.right());
            return !Double.isNaN(left) && !Double.isNaN(right) && left < MARKING_SHARE * right;
        });
    }

    /** The most a semi or anti join's left side may have of its right side's (estimated) rows to be the one hashed. */
    static final double MARKING_SHARE = 0.5;

    /**
     * Places the join's key filter ({@link JoinKeyFilter}) as far down its probe side as the key
     * column goes unchanged through filters, {@code select}s, {@code with_columns} (renamed or
     * not) and the probe sides of other joins (whose builds run first), when a filter or a join is
     * among the steps it goes below (those steps then see only the rows the join keeps), or when
     * another join's key filter is placed there already (the rows both keep are copied once). Not
     * through a subplan computed once for several occurrences (it feeds others too), and only
     * where the step it goes below occurs once in the probe side (it is placed below the first
     * step of that instance the probe side's planning meets: the only one, then).
     */
    private void placeKeyFilter(HashJoin join, int keyIndex, PlanNode probe, String key, String label) {
        PlanNode above = null;
        PlanNode at = probe;
        String name = key;
        boolean filters = false;
        while (!shareable(at)) {
            String below = nameBelow(at, name);
            if (below == null) {
                break;
            }
            filters |= at instanceof Filter || at instanceof Join;
            above = at;
            name = below;
            at = at.inputs().get(0);
        }
        int column = at.schema().indexOf(name);
        // below only its own join, it joins another join's key filter there (one copy for both), else it would
        // test only what the join tests
        if (above != null && (filters || keyFilters.containsKey(above)) && column >= 0
                && occurrences(probe, above) == 1) {
            keyFilters.computeIfAbsent(above, n -> new ArrayList<>()).add(new JoinKeyFilter(join, keyIndex, column,
                    at.schema(), "KEY FILTER " + name + " IN the build side of " + label));
        }
    }

    /** How often {@code target} itself (this instance) occurs under {@code node}, counting up to 2. */
    private static int occurrences(PlanNode node, PlanNode target) {
        if (node == target) {
            return 1;
        }
        int count = 0;
        for (PlanNode input : node.inputs()) {
            count += occurrences(input, target);
            if (count > 1) {
                break;
            }
        }
        return count;
    }

    /**
     * The name in {@code node}'s (first) input of its output column {@code name}, when that is the
     * input's column as it is; else null. For a join, a column of its probe side (the left), when
     * each of its rows comes from one probe row (not a right or full join, whose left keys are
     * completed from the right).
     */
    private String nameBelow(PlanNode node, String name) {
        return switch (node) {
            case Filter filter -> name;
            case Select select -> {
                Expr producer = producer(select.exprs(), name);
                yield producer == null ? null : ExprTrees.plainColumn(producer);
            }
            case WithColumns with -> {
                Expr producer = producer(with.exprs(), name);
                yield producer == null ? name : ExprTrees.plainColumn(producer);
            }
            case Join other -> {
                boolean probesLeft = switch (other.how()) {
                    case INNER, LEFT, CROSS -> true;
                    case SEMI, ANTI -> !marksLeft(other);
                    default -> false;
                };
                int index = other.schema().indexOf(name);
                yield probesLeft && index >= 0 && index < other.left().schema().size() ? name : null;
            }
            default -> null;
        };
    }

    /** The last of {@code exprs} that gives the column {@code name} (a later one replaces an earlier), else null. */
    private static Expr producer(List<Expr> exprs, String name) {
        Expr producer = null;
        for (Expr expr : exprs) {
            if (expr.outputName().equals(name)) {
                producer = expr;
            }
        }
        return producer;
    }

    private PhysicalNode concat(Concat concat) {
        List<PhysicalNode> inputs = new ArrayList<>();
        for (PlanNode part : concat.parts()) {
            inputs.add(node(part));
        }
        if (concat.horizontal()) {
            return new PhysicalNode.Breaker(inputs, new HorizontalConcatOperator(concat.schema()));
        }
        Schema schema = concat.schema();
        List<StreamingOperator> casts = new ArrayList<>();
        for (PhysicalNode input : inputs) {
            casts.add(input.schema().equals(schema) ? null : castTo(schema));
        }
        return new PhysicalNode.Union(inputs, casts, schema);
    }

    /** Casts each column of a batch to the union's type of that column. */
    private static StreamingOperator castTo(Schema schema) {
        return new BatchStep(batch -> {
            List<Vector> columns = new ArrayList<>(schema.size());
            for (int c = 0; c < schema.size(); c++) {
                Schema.Field field = schema.field(c);
                columns.add(CastKernel.cast(batch.column(c), field.type(), true, batch.start(),
                        "concat of column " + field.name()));
            }
            return new Batch(columns, batch.rows(), batch.start());
        }, schema, "CAST TO " + schema);
    }

    private static ProjectOperator project(List<Expr> exprs, Schema input) {
        List<PhysicalExpr> outputs = new ArrayList<>(exprs.size());
        for (Expr expr : exprs) {
            outputs.add(ExprCompiler.compile(expr, input));
        }
        return new ProjectOperator(outputs);
    }

    private static List<Expr> withColumnsOutputs(WithColumns with) {
        Schema output = with.schema();
        List<Expr> outputs = new ArrayList<>();
        for (Schema.Field field : output) {
            Expr computed = null;
            for (Expr expr : with.exprs()) {
                if (expr.outputName().equals(field.name())) {
                    computed = expr;
                }
            }
            outputs.add(computed != null ? computed : new Col(field.name()));
        }
        return outputs;
    }

    private static ExplodeOperator explodeStep(Explode explode) {
        List<String> names = explode.input().schema().names();
        boolean[] exploded = new boolean[names.size()];
        for (int c = 0; c < exploded.length; c++) {
            exploded[c] = explode.columns().contains(names.get(c));
        }
        return new ExplodeOperator(exploded);
    }
}
