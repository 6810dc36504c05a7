package dev.floe.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.floe.FloeException;
import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.Series;
import dev.floe.frame.expr.Agg;
import dev.floe.frame.expr.AggFunction;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTrees;
import dev.floe.frame.expr.ExprTyper;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.plan.Aggregate;
import dev.floe.frame.plan.Filter;
import dev.floe.frame.plan.PlanNode;
import dev.floe.frame.plan.Scan;
import dev.floe.frame.plan.Select;
import dev.floe.frame.plan.WithColumns;
import dev.floe.frame.plan.WithRowIndex;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A group-by over an in-memory frame, through filters and projections, computed in two stages as
 * Spark computes its own: Floe's engine groups each slice of the frame in the executors (its
 * columns shipped once as Floe's own, {@link FrameSlices}), filtering and projecting on the way,
 * and gives each slice's groups with their partial aggregations; Spark shuffles those few rows by
 * the keys and merges them: sums and counts added, the least and the greatest kept, a mean as
 * its merged sum over its merged count. What the aggregations make of their results (a function
 * of aggregations, the keys) is Spark's, over the merged values.
 *
 * <p>Taken only where the merge gives Floe's answer: sums and means of whole numbers (a mean's
 * partial sums exact, as 128-bit integers) and of doubles (added in another order, as Spark's own
 * sums are), counts, and the least and greatest values of numbers, text, booleans and dates; keys
 * whose equal values are equal in both engines (not floats, whose zeros' signs Floe keeps). Other
 * group-bys go to Spark's own operators as before.
 */
final class PartialAggregation {
    private static final String KEY = "__floe_k";
    private static final String PART = "__floe_p";
    private static final String OUT = "__floe_a";
    private static final String INDEX = "__floe_index";

    private PartialAggregation() {}

    /** A step between the frame and the group-by, as the executor rebuilds it. */
    record Link(char kind, ArrayList<Expr> exprs) implements Serializable {}

    /** One aggregation's partial values: the Floe aggregations each slice computes, in order. */
    private record Leaf(Agg agg, List<Expr> partials) {}

    /**
     * The group-by computed in two stages, with each group's place last where {@code placed}; null
     * where it is not a group-by this takes.
     */
    static Dataset<Row> of(SparkSession spark, ShippedFrames frames, Aggregate aggregate, boolean placed) {
        List<Link> chain = new ArrayList<>();
        PlanNode node = aggregate.input();
        while (!(node instanceof Scan)) {
            switch (node) {
                case Filter filter when rowWise(filter.predicate()) -> {
                    chain.add(0, new Link('F', new ArrayList<>(List.of(filter.predicate()))));
                    node = filter.input();
                }
                case Select select when select.exprs().stream().allMatch(PartialAggregation::rowWise) -> {
                    chain.add(0, new Link('S', new ArrayList<>(select.exprs())));
                    node = select.input();
                }
                case WithColumns with when with.exprs().stream().allMatch(PartialAggregation::rowWise) -> {
                    chain.add(0, new Link('W', new ArrayList<>(with.exprs())));
                    node = with.input();
                }
                default -> {
                    return null;
                }
            }
        }
        Scan scan = (Scan) node;
        if (nearlyUnique(aggregate)) {
            return null;
        }
        Schema inputSchema = aggregate.input().schema();
        for (Expr key : aggregate.keys()) {
            if (!exactKey(ExprTyper.typeOf(key, inputSchema))) {
                return null;
            }
        }
        List<Leaf> leaves = new ArrayList<>();
        for (Expr agg : aggregate.aggs()) {
            if (!leaves(agg, inputSchema, leaves)) {
                return null;
            }
        }
        // the slices' group-by: the keys, each leaf's partial values, and a group's first place
        List<Expr> keys = new ArrayList<>();
        for (int k = 0; k < aggregate.keys().size(); k++) {
            keys.add(aggregate.keys().get(k).alias(KEY + k));
        }
        List<Expr> partials = new ArrayList<>();
        for (Leaf leaf : leaves) {
            partials.addAll(leaf.partials());
        }
        if (placed) {
            partials.add(Exprs.col(INDEX).min().alias(PlanTranslator.ROW));
        }
        // the merge, translated before anything runs: a function of aggregations Spark lacks goes elsewhere
        Map<String, Column> keyColumns = new HashMap<>();
        List<Column> grouping = new ArrayList<>();
        for (int k = 0; k < aggregate.keys().size(); k++) {
            keyColumns.put(aggregate.keys().get(k).outputName(), ExprTranslator.column(KEY + k));
            grouping.add(ExprTranslator.column(KEY + k));
        }
        ExprTranslator merging = new ExprTranslator(inputSchema, name -> {
            Column key = keyColumns.get(name);
            if (key == null) {
                throw new IllegalStateException("no key " + name);
            }
            return key;
        }, agg -> merged(agg, leaves, inputSchema));
        List<Column> aggs = new ArrayList<>();
        try {
            for (int a = 0; a < aggregate.aggs().size(); a++) {
                aggs.add(merging.translate(aggregate.aggs().get(a)).as(OUT + a));
            }
        } catch (NotTranslatedException refused) {
            return null;
        }
        if (placed) {
            aggs.add(functions.min(ExprTranslator.column(PlanTranslator.ROW)).as(PlanTranslator.ROW));
        }
        Schema partialSchema = partialSchema(scan, chain, keys, partials, placed);
        StructType struct;
        try {
            struct = SparkTypes.of(partialSchema, "the partial group-by " + aggregate);
        } catch (NotTranslatedException refused) {
            return null;
        }
        FrameSlices slices = frames.slicesOf(scan.frame()); // shipped only for a group-by taken
        Step step = new Step(scan.projection() == null ? null : new ArrayList<>(scan.projection()), new ArrayList<>(chain),
                new ArrayList<>(keys), new ArrayList<>(partials), partialSchema, placed);
        // the step's name shows in the lineage of the query's RDDs (Spark's plan shows the partial columns)
        // a task per core, each grouping its run of slices at once: fewer partial groups for Spark to merge
        // (where tasks carry no slices: a task over several would carry them all)
        boolean light = slices.light();
        org.apache.spark.api.java.JavaRDD<FrameSlices.Slice> perCore = slices.slices();
        int cores = Math.max(1, spark.sparkContext().defaultParallelism());
        if (light && perCore.getNumPartitions() > cores) {
            perCore = perCore.coalesce(cores);
        }
        Dataset<Row> partial = spark.createDataFrame(perCore.mapPartitions(step).setName(step.toString()), struct);
        Dataset<Row> grouped;
        if (aggs.isEmpty()) {
            grouped = partial.select(grouping.toArray(Column[]::new)).distinct();
        } else if (grouping.isEmpty()) {
            grouped = partial.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
        } else {
            grouped = partial.groupBy(grouping.toArray(Column[]::new))
                    .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
        }
        List<Column> out = new ArrayList<>();
        for (int k = 0; k < aggregate.keys().size(); k++) {
            out.add(ExprTranslator.column(KEY + k).as(aggregate.keys().get(k).outputName()));
        }
        for (int a = 0; a < aggregate.aggs().size(); a++) {
            out.add(ExprTranslator.column(OUT + a).as(aggregate.aggs().get(a).outputName()));
        }
        if (placed) {
            out.add(ExprTranslator.column(PlanTranslator.ROW));
        }
        return grouped.select(out.toArray(Column[]::new));
    }

    /**
     * Whether the keys' distinct counts, where the input's statistics know each (an in-memory
     * frame's integer ranges and sampled text), allow more groups than a quarter of the rows: the
     * slices' groups may then be nearly as many as their rows, and crossing to Spark value by
     * value costs more than Spark's own partial aggregation.
     */
    private static boolean nearlyUnique(Aggregate aggregate) {
        dev.floe.frame.io.TableStatistics input = dev.floe.frame.plan.Estimates.of(aggregate.input());
        double groups = 1;
        for (Expr key : aggregate.keys()) {
            double distinct = input.column(key.outputName()).distinct();
            if (!(key instanceof dev.floe.frame.expr.Col) || Double.isNaN(distinct)) {
                return false;
            }
            groups *= distinct;
        }
        return !aggregate.keys().isEmpty() && groups > input.rows() / 4;
    }

    private static boolean rowWise(Expr expr) {
        return !ExprTrees.containsAgg(expr) && !ExprTrees.containsWindow(expr);
    }

    /** Whether two values of a key of {@code type} are one group in Spark exactly when they are in Floe. */
    private static boolean exactKey(DataType type) {
        return type == DataType.BOOLEAN || type.isInteger() && type != DataType.INT128 || type.isText()
                || type == DataType.DATE || type == DataType.DATETIME;
    }

    /**
     * Adds the aggregations in {@code expr} to {@code leaves} (once each), with their partial
     * values; false where one has no exact merge.
     */
    private static boolean leaves(Expr expr, Schema schema, List<Leaf> leaves) {
        if (expr instanceof Agg agg) {
            if (leaves.stream().anyMatch(leaf -> leaf.agg().equals(agg))) {
                return true;
            }
            List<Expr> partials = partials(agg, schema, PART + leaves.size() + "_");
            if (partials == null) {
                return false;
            }
            leaves.add(new Leaf(agg, partials));
            return true;
        }
        if (ExprTrees.containsWindow(expr)) {
            return false;
        }
        for (Expr child : ExprTrees.children(expr)) {
            if (!leaves(child, schema, leaves)) {
                return false;
            }
        }
        return true;
    }

    /** What a slice computes for {@code agg}, named from {@code prefix}; null where the merge would not be exact. */
    private static List<Expr> partials(Agg agg, Schema schema, String prefix) {
        AggFunction function = agg.function();
        boolean nanLargest = function == AggFunction.MAX && agg.parameters().equals(List.of(AggFunction.NAN_LARGEST));
        if (!agg.parameters().isEmpty() && !nanLargest) {
            return null;
        }
        if (function == AggFunction.LEN) {
            return List.of(agg.alias(prefix + "0"));
        }
        if (agg.inputs().size() != 1 || !rowWise(agg.input())) {
            return null;
        }
        DataType input = ExprTyper.typeOf(agg.input(), schema);
        boolean summable = input.isInteger() && input != DataType.INT128 || input == DataType.FLOAT64;
        return switch (function) {
            case SUM -> summable ? List.of(agg.alias(prefix + "0")) : null;
            case COUNT -> List.of(agg.alias(prefix + "0"));
            case MIN, MAX -> input.isNumeric() && input != DataType.INT128 || input.isText() || input == DataType.BOOLEAN
                    || input == DataType.DATE || input == DataType.DATETIME ? List.of(agg.alias(prefix + "0")) : null;
            // a mean of whole numbers from their exact sum
            case MEAN -> !summable ? null : List.of(
                    (input.isInteger() ? agg.input().cast(DataType.INT128) : agg.input()).sum().alias(prefix + "0"),
                    agg.input().count().alias(prefix + "1"));
            default -> null;
        };
    }

    /** The merge of {@code agg}'s partial values in Spark, with Floe's answer over the whole group. */
    private static Column merged(Agg agg, List<Leaf> leaves, Schema schema) {
        Leaf leaf = leaves.stream().filter(l -> l.agg().equals(agg)).findFirst().orElseThrow();
        Column first = ExprTranslator.column(leaf.partials().get(0).outputName());
        return switch (agg.function()) {
            case SUM -> {
                org.apache.spark.sql.types.DataType wide = ExprTyper.typeOf(agg, schema).isFloat() ? DataTypes.DoubleType
                        : DataTypes.LongType;
                yield coalesce(functions.sum(first.cast(wide)), lit(0).cast(wide)); // a sum over no values is 0
            }
            case COUNT, LEN -> coalesce(functions.sum(first), lit(0L));
            case MIN -> functions.min(first); // Spark's NaN is the largest number, so min passes over it as Floe's does
            case MAX -> ExprTyper.typeOf(agg, schema).isFloat() && agg.parameters().isEmpty()
                    // Floe's max passes over NaN unless a group has nothing else
                    ? coalesce(functions.max(when(isnan(first), lit(null)).otherwise(first)), functions.max(first))
                    : functions.max(first);
            case MEAN -> {
                Column count = functions.sum(ExprTranslator.column(leaf.partials().get(1).outputName()));
                Column sum = functions.sum(first).cast(DataTypes.DoubleType);
                yield when(count.gt(0), sum.divide(count));
            }
            default -> throw new IllegalStateException("no merge for " + agg);
        };
    }

    /** The columns each slice gives: the keys, the partial values, and with {@code placed} a group's first place. */
    private static Schema partialSchema(Scan scan, List<Link> chain, List<Expr> keys, List<Expr> partials, boolean placed) {
        PlanNode node = rebuilt(new Scan(DataFrame.empty(scan.frame().schema()), scan.projection()), chain, 0, placed);
        return new dev.floe.frame.plan.Aggregate(node, keys, partials).schema();
    }

    /** The steps over {@code source}, with the rows' places in {@code INDEX} (from {@code start}) where {@code placed}. */
    private static PlanNode rebuilt(PlanNode source, List<Link> chain, long start, boolean placed) {
        PlanNode node = placed ? new WithRowIndex(source, INDEX, start) : source;
        for (Link link : chain) {
            node = switch (link.kind()) {
                case 'F' -> new Filter(node, link.exprs().get(0));
                case 'S' -> {
                    List<Expr> exprs = new ArrayList<>(link.exprs());
                    if (placed) {
                        exprs.add(Exprs.col(INDEX));
                    }
                    yield new Select(node, exprs);
                }
                case 'W' -> new WithColumns(node, link.exprs());
                default -> throw new IllegalStateException("no step " + link.kind());
            };
        }
        return node;
    }

    /** In the executor: each slice of the frame grouped by Floe on one thread, its groups as rows. */
    static final class Step implements FlatMapFunction<Iterator<FrameSlices.Slice>, Row> {
        private final ArrayList<String> projection;
        private final ArrayList<Link> chain;
        private final ArrayList<Expr> keys;
        private final ArrayList<Expr> partials;
        private final Schema output;
        private final boolean placed;

        Step(ArrayList<String> projection, ArrayList<Link> chain, ArrayList<Expr> keys, ArrayList<Expr> partials,
                Schema output, boolean placed) {
            this.projection = projection;
            this.chain = chain;
            this.keys = keys;
            this.partials = partials;
            this.output = output;
            this.placed = placed;
        }

        /** The step's name in the query's RDD lineage. */
        @Override
        public String toString() {
            return "Floe groups each slice by " + keys + " computing " + partials;
        }

        @Override
        public Iterator<Row> call(Iterator<FrameSlices.Slice> slices) {
            List<PlanNode> parts = new ArrayList<>();
            long first = Long.MAX_VALUE;
            long last = -1;
            while (slices.hasNext()) {
                FrameSlices.Slice slice = slices.next();
                parts.add(rebuilt(new Scan(slice.frame(), projection), chain, slice.start(), placed));
                first = Math.min(first, slice.start());
                last = Math.max(last, slice.start() + slice.frame().height() - 1);
            }
            if (parts.isEmpty()) {
                return java.util.Collections.emptyIterator();
            }
            DataFrame groups;
            try {
                PlanNode input = parts.size() == 1 ? parts.get(0) : new dev.floe.frame.plan.Concat(parts, false);
                groups = ComputedByFloe.inTask(new Aggregate(input, keys, partials));
            } catch (FloeException e) {
                throw ComputedByFloe.saying(e, " (in the rows " + first + " to " + last + " of the frame, in Spark's "
                        + "partition " + ComputedByFloe.partition() + ")");
            }
            List<Series> columns = new ArrayList<>();
            for (String name : output.names()) {
                columns.add(groups.column(name));
            }
            List<Row> out = new ArrayList<>(groups.height());
            for (int g = 0; g < groups.height(); g++) {
                out.add(RowFactory.create(FrameRows.toSpark(columns, g, output)));
            }
            return out.iterator();
        }
    }
}
