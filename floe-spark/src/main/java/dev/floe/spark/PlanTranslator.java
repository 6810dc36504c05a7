package dev.floe.spark;

import static dev.floe.spark.ExprTranslator.column;
import static dev.floe.spark.ExprTranslator.finite;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.expr.Agg;
import dev.floe.frame.expr.AggFunction;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTyper;
import dev.floe.frame.io.ScanDescriptor;
import dev.floe.frame.io.csv.CsvOptions;
import dev.floe.frame.plan.Aggregate;
import dev.floe.frame.plan.Concat;
import dev.floe.frame.plan.Explode;
import dev.floe.frame.plan.FileScan;
import dev.floe.frame.plan.Filter;
import dev.floe.frame.plan.Join;
import dev.floe.frame.plan.JoinType;
import dev.floe.frame.plan.PlanNode;
import dev.floe.frame.plan.Scan;
import dev.floe.frame.plan.Select;
import dev.floe.frame.plan.Slice;
import dev.floe.frame.plan.Sort;
import dev.floe.frame.plan.SortKey;
import dev.floe.frame.plan.TopK;
import dev.floe.frame.plan.Unique;
import dev.floe.frame.plan.Window;
import dev.floe.frame.plan.WithColumns;
import dev.floe.frame.plan.WithRowIndex;
import dev.floe.frame.expr.Over;
import dev.floe.frame.expr.WindowFrame;
import org.apache.spark.sql.expressions.WindowSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * An optimized Floe plan as a Spark dataset with the plan's columns, names and types. Refuses,
 * naming it, every node, expression, type and option it cannot translate faithfully.
 *
 * <p>Row order: a dataset's rows come in Floe's order while only narrow steps (scans, filters,
 * projections, concatenation, limits) lie between it and its sources, or a sort decided it;
 * after a shuffle (group-by, join, window, unique) they come in Spark's order. What follows Floe's
 * order (a slice, a sort's ties, first and last, lists, row numbers, lag and lead, unique by a
 * subset) then takes the rows' places in Floe's order, carried through the shuffles as a column
 * ({@link #placed}).
 */
final class PlanTranslator {
    /**
     * A translated node: its dataset; whether its rows come in Floe's order ({@code ordered}: what
     * follows input order among ties may number them); and whether a slice may take its first
     * rows ({@code sliceable}: in Floe's order, or sorted after a shuffle, where rows of equal
     * sort keys come in Spark's order).
     */
    record Part(Dataset<Row> data, boolean ordered, boolean sliceable) {
        Part(Dataset<Row> data, boolean ordered) {
            this(data, ordered, ordered);
        }
    }

    private final SparkSession spark;
    private final ShippedFrames frames;

    /**
     * The Spark setting that lets Floe's engine compute stages of a plan in the executors where
     * it gives the same answer faster ({@link PartialAggregation}); {@code true} unless set otherwise.
     */
    static final String STAGES = "spark.floe.stages";

    private final boolean stages;

    PlanTranslator(SparkSession spark, ShippedFrames frames) {
        this.spark = spark;
        this.frames = frames;
        String setting = spark.conf().get(STAGES, "true");
        if (!setting.equals("true") && !setting.equals("false")) {
            throw new IllegalArgumentException(STAGES + " must be true or false, not '" + setting + "'");
        }
        this.stages = setting.equals("true");
    }

    Part translate(PlanNode node) {
        return switch (node) {
            case Scan scan -> new Part(scan(scan), true);
            case FileScan scan -> fileScan(scan);
            case Filter filter -> {
                Part input = translate(filter.input());
                yield new Part(filtered(input.data(), filter.input().schema(), filter.predicate()), input.ordered(),
                        input.sliceable());
            }
            case Select select -> {
                Part input = translate(select.input());
                yield new Part(selected(select, input.data(), false), input.ordered(), input.sliceable());
            }
            case WithColumns with -> {
                Part input = translate(with.input());
                yield new Part(withColumns(with, input.data(), false), input.ordered(), input.sliceable());
            }
            case Slice slice -> slice(slice);
            case Sort sort -> sorted(sort.input(), sort.keys());
            case TopK top -> {
                Part sorted = sorted(top.input(), top.keys());
                yield new Part(sorted.data().limit(intLimit(top.k(), top)), sorted.ordered(), true);
            }
            case Aggregate aggregate -> new Part(aggregated(aggregate, false), false);
            case Join join -> new Part(joined(join, false), false);
            case Unique unique -> new Part(uniqued(unique, false), false);
            case Concat concat -> concat(concat);
            case Window window -> new Part(windowed(window, false), false);
            case WithRowIndex index -> rowIndexed(index);
            case Explode explode -> {
                Part input = translate(explode.input());
                yield new Part(exploded(explode, input.data(), false), input.ordered(), input.sliceable());
            }
            default -> throw new NotTranslatedException("the plan node " + node.getClass().getSimpleName() + " (" + node + ")",
                    "it has no translation to Spark yet");
        };
    }

    private static ExprTranslator rowWise(Schema schema) {
        return new ExprTranslator(schema, ExprTranslator::column, null);
    }

    /** The names of the columns Floe computes in the executors begin with it ({@link ComputedByFloe}). */
    private static final String COMPUTED = "__floe_computed_";

    /**
     * A translator over the columns of {@code schema} by their names, whose row-wise expressions
     * without a faithful translation Floe computes in the executors ({@link ComputedByFloe}).
     */
    private static ExprTranslator computing(Schema schema) {
        return rowWise(schema).computingInFloe(COMPUTED);
    }

    /** The rows of {@code data} (of the columns of {@code schema}, and maybe more) that {@code predicate} keeps, in order. */
    private static Dataset<Row> filtered(Dataset<Row> data, Schema schema, Expr predicate) {
        ExprTranslator exprs = computing(schema);
        Column condition = exprs.translate(predicate);
        if (exprs.computed().size() == 0) {
            return data.filter(condition);
        }
        Column[] own = java.util.Arrays.stream(data.columns()).map(ExprTranslator::column).toArray(Column[]::new);
        return exprs.computed().over(data).filter(condition).select(own);
    }

    // ---- sources ------------------------------------------------------------------------------

    /** The frame's cached rows (every column, shipped once per frame), then the columns the scan reads. */
    private Dataset<Row> scan(Scan scan) {
        Dataset<Row> all = frames.of(scan.frame());
        if (scan.projection() == null) {
            return all;
        }
        return all.select(scan.projection().stream().map(ExprTranslator::column).toArray(Column[]::new));
    }

    private Part fileScan(FileScan scan) {
        ScanDescriptor descriptor;
        try {
            descriptor = scan.source().descriptor();
        } catch (UnsupportedOperationException e) {
            throw new NotTranslatedException("the scan " + scan, e.getMessage());
        }
        try {
            return sparkFileScan(scan, descriptor);
        } catch (NotTranslatedException refused) {
            Dataset<Row> data = ReadByFloe.of(spark, scan, descriptor);
            if (scan.limit() >= 0) {
                data = data.limit(intLimit(scan.limit(), scan));
            }
            return new Part(data, true);
        }
    }

    /** The scan by Spark's readers, where they read the files as Floe does. */
    private Part sparkFileScan(FileScan scan, ScanDescriptor descriptor) {
        if (descriptor.options().containsKey("hive_root")) {
            throw new NotTranslatedException("the scan " + scan, "hive-partitioned datasets are not translated yet");
        }
        Dataset<Row> data = null;
        // file by file, so that the rows come in the files' order
        for (String file : descriptor.files()) {
            Dataset<Row> one = switch (descriptor.format()) {
                case "csv" -> csv(file, descriptor, scan);
                case "parquet" -> parquet(file, descriptor);
                default -> throw new NotTranslatedException("the scan " + scan,
                        "the " + descriptor.format() + " format is not translated yet (CSV and Parquet are)");
            };
            data = data == null ? one : data.union(one);
        }
        if (data == null) {
            data = spark.createDataFrame(List.of(), SparkTypes.of(descriptor.schema(), "the scan " + scan));
        }
        if (scan.predicate() != null) {
            data = filtered(data, descriptor.schema(), scan.predicate());
        }
        Schema out = scan.schema();
        data = data.select(out.names().stream().map(ExprTranslator::column).toArray(Column[]::new));
        if (scan.limit() >= 0) {
            data = data.limit(intLimit(scan.limit(), scan));
        }
        return new Part(data, true);
    }

    /**
     * A CSV file read by Spark as text, then given Floe's null texts and types: Spark's CSV reader
     * has one null text, Floe's several ({@code ""} and {@code NA} by default). Each file is one
     * Spark partition ({@code multiLine}), as quoted fields may hold line breaks.
     */
    private Dataset<Row> csv(String file, ScanDescriptor descriptor, FileScan scan) {
        CsvOptions options = CsvOptions.fromReadOptions(descriptor.options());
        if (options.skipRows() > 0) {
            throw new NotTranslatedException("the CSV option skip_rows in " + scan, "Spark's CSV reader cannot skip lines");
        }
        if (options.onBadRow() != CsvOptions.OnBadRow.FAIL) {
            throw new NotTranslatedException("the CSV option on_bad_row=" + options.onBadRow() + " in " + scan,
                    "Spark's malformed-row modes differ from Floe's; only FAIL is translated");
        }
        if (options.commentPrefix() != null && options.commentPrefix().length() != 1) {
            throw new NotTranslatedException("the CSV comment prefix '" + options.commentPrefix() + "' in " + scan,
                    "Spark takes a comment prefix of one character");
        }
        Schema all = options.schema();
        if (all == null) {
            throw new NotTranslatedException("the scan " + scan, "its descriptor gives no column types");
        }
        for (Schema.Field field : descriptor.schema()) {
            if (field.type() == DataType.DURATION) {
                throw new NotTranslatedException("the duration column '" + field.name() + "' of " + scan,
                        "Floe reads ISO-8601 durations (PT1H30M) from CSV, which Spark's casts do not");
            }
            if (field.type().isDecimal()) {
                throw new NotTranslatedException("the decimal column '" + field.name() + "' of " + scan,
                        "Spark reads decimal text by other rules than Floe's (exponents, rounding)");
            }
        }
        List<org.apache.spark.sql.types.StructField> text = new ArrayList<>();
        for (Schema.Field field : all) {
            text.add(DataTypes.createStructField(field.name(), DataTypes.StringType, true));
        }
        var reader = spark.read().schema(DataTypes.createStructType(text))
                .option("header", options.header())
                .option("sep", String.valueOf(options.delimiter()))
                .option("quote", options.quote() == 0 ? "\u0000" : String.valueOf(options.quote()))
                .option("escape", String.valueOf(options.escape()))
                .option("mode", "FAILFAST")
                .option("multiLine", true)
                .option("enforceSchema", true)
                .option("nullValue", "\u0000\u0001") // no text is null to Spark: Floe's null texts apply below
                .option("emptyValue", "");
        if (options.commentPrefix() != null) {
            reader = reader.option("comment", options.commentPrefix());
        }
        Dataset<Row> raw = reader.csv(file);
        Object[] nulls = options.nullValues().toArray();
        List<Column> typed = new ArrayList<>();
        for (Schema.Field field : descriptor.schema()) {
            Column value = column(field.name());
            if (nulls.length > 0) {
                value = when(value.isin(nulls), lit(null)).otherwise(value);
            }
            typed.add(value.cast(SparkTypes.of(field.type(), "column '" + field.name() + "' of " + file)).as(field.name()));
        }
        Dataset<Row> out = raw.select(typed.toArray(Column[]::new));
        return options.limit() >= 0 ? out.limit(intLimit(options.limit(), scan)) : out;
    }

    private Dataset<Row> parquet(String file, ScanDescriptor descriptor) {
        Dataset<Row> raw = spark.read().parquet(file);
        List<Column> typed = new ArrayList<>();
        for (Schema.Field field : descriptor.schema()) {
            typed.add(column(field.name()).cast(SparkTypes.of(field.type(), "column '" + field.name() + "' of " + file))
                    .as(field.name()));
        }
        return raw.select(typed.toArray(Column[]::new));
    }

    // ---- row-wise steps -----------------------------------------------------------------------

    /** The projection of {@code data}, and its rows' places ({@link #ROW}) after it with {@code placed}. */
    private static Dataset<Row> selected(Select select, Dataset<Row> data, boolean placed) {
        ExprTranslator exprs = computing(select.input().schema());
        List<Column> out = new ArrayList<>();
        for (Expr expr : select.exprs()) {
            out.add(exprs.translate(expr).as(expr.outputName()));
        }
        if (placed) {
            out.add(column(ROW));
        }
        return exprs.computed().over(data).select(out.toArray(Column[]::new));
    }

    /** The columns computed over {@code data}, and its rows' places ({@link #ROW}) last with {@code placed}. */
    private static Dataset<Row> withColumns(WithColumns with, Dataset<Row> data, boolean placed) {
        Schema inputSchema = with.input().schema();
        ExprTranslator exprs = computing(inputSchema);
        Map<String, Column> computed = new HashMap<>();
        List<String> added = new ArrayList<>();
        for (Expr expr : with.exprs()) {
            computed.put(expr.outputName(), exprs.translate(expr).as(expr.outputName()));
            if (!inputSchema.contains(expr.outputName())) {
                added.add(expr.outputName());
            }
        }
        List<Column> out = new ArrayList<>();
        for (String name : inputSchema.names()) {
            out.add(computed.getOrDefault(name, column(name)));
        }
        for (String name : added) {
            out.add(computed.get(name));
        }
        if (placed) {
            out.add(column(ROW));
        }
        return exprs.computed().over(data).select(out.toArray(Column[]::new));
    }

    /**
     * The first rows in Floe's order: of the input as it comes where it is in that order (or
     * sorted), else sorted by the rows' places where Spark can know them (after a group-by, a
     * join or a window of rows whose places are known: see {@link #placed}).
     */
    private Part slice(Slice slice) {
        if (slice.offset() < 0) {
            // the last rows by their places in Floe's order, then from the first of them (as Floe: from row
            // max(0, height + offset))
            Dataset<Row> placed = placed(slice.input());
            if (placed == null) {
                throw new NotTranslatedException("the slice " + slice + " (tail) over " + slice.input(),
                        "the rows' places in Floe's order are not known there");
            }
            long count = slice.offset() == Long.MIN_VALUE ? Long.MAX_VALUE : -slice.offset();
            Dataset<Row> last = placed.orderBy(column(ROW).desc()).limit(intLimit(count, slice))
                    .orderBy(column(ROW)).limit(intLimit(slice.length(), slice)).drop(ROW);
            return new Part(last, true, true);
        }
        Part input = translate(slice.input());
        Dataset<Row> data = input.data();
        boolean ordered = input.ordered();
        if (!input.sliceable()) {
            Dataset<Row> placed = placed(slice.input());
            if (placed == null) {
                throw new NotTranslatedException("the slice " + slice + " (head, limit) over " + slice.input(),
                        "Spark's rows come in no order Floe would give there, and their places in Floe's order are not "
                                + "known; sort first");
            }
            data = placed.orderBy(column(ROW)).drop(ROW);
            ordered = true;
        }
        if (slice.offset() > 0) {
            data = data.offset(intLimit(slice.offset(), slice));
        }
        return new Part(data.limit(intLimit(slice.length(), slice)), ordered, true);
    }

    /**
     * The input sorted by the keys. Spark's sort is not stable, so where the rows' places in Floe's
     * order are known ({@link #placed}) they break the keys' ties, as Floe's stable sort does, and
     * the output is in Floe's order; elsewhere rows of equal keys come in Spark's order (the
     * output is sliceable, not in Floe's order).
     */
    private Part sorted(PlanNode input, List<SortKey> keys) {
        ExprTranslator exprs = computing(input.schema());
        List<Column> order = new ArrayList<>(List.of(sortKeys(exprs, keys)));
        Dataset<Row> placed = placed(input);
        Dataset<Row> data = placed != null ? placed : translate(input).data();
        String[] own = java.util.Arrays.stream(data.columns()).filter(name -> !name.equals(ROW)).toArray(String[]::new);
        if (placed != null) {
            order.add(column(ROW).asc());
        }
        Dataset<Row> sorted = exprs.computed().over(data).orderBy(order.toArray(Column[]::new));
        if (placed == null && exprs.computed().size() == 0) {
            return new Part(sorted, false, true);
        }
        return new Part(sorted.select(java.util.Arrays.stream(own).map(ExprTranslator::column).toArray(Column[]::new)),
                placed != null, true);
    }

    /**
     * The node's rows with their places in Floe's order in a last column, {@link #ROW}, or null
     * where Spark cannot know them. Rows still in Floe's order are numbered by Spark's increasing
     * ids, which follow the partitions in turn and the rows within each; filters and projections
     * keep the places; a group's place is its first row's (Floe gives groups in order of first
     * appearance), a joined row's its left row's then its right row's (a right join's the other way
     * round; a full join's unmatched right rows after the rest), a window keeps its input's rows'
     * places, and so does a unique. Places may be numbers or structs of them: they are only
     * compared.
     */
    private Dataset<Row> placed(PlanNode node) {
        Part part = translate(node);
        if (part.ordered()) {
            return numbered(part.data());
        }
        return switch (node) {
            case Filter filter -> {
                Dataset<Row> input = placed(filter.input());
                yield input == null ? null : filtered(input, filter.input().schema(), filter.predicate());
            }
            case Select select -> {
                Dataset<Row> input = placed(select.input());
                yield input == null ? null : selected(select, input, true);
            }
            case WithColumns with -> {
                Dataset<Row> input = placed(with.input());
                yield input == null ? null : withColumns(with, input, true);
            }
            case Aggregate aggregate -> aggregated(aggregate, true);
            case Join join -> joined(join, true);
            case Window window -> windowed(window, true);
            case Unique unique -> uniqued(unique, true);
            case Explode explode -> {
                Dataset<Row> input = placed(explode.input());
                yield input == null ? null : exploded(explode, input, true);
            }
            // the index numbers the rows in Floe's order
            case WithRowIndex index -> part.data().withColumn(ROW, column(index.name()));
            case Concat concat -> concatenated(concat);
            default -> null;
        };
    }

    /**
     * The rows with their places in Floe's order in {@link #ROW}, for rows still in it: Spark's
     * increasing ids follow the partitions in turn and the rows within each.
     */
    private static Dataset<Row> numbered(Dataset<Row> data) {
        return data.withColumn(ROW, functions.monotonically_increasing_id());
    }

    private static int intLimit(long value, PlanNode node) {
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    private static Column[] sortKeys(ExprTranslator exprs, List<SortKey> keys) {
        List<Column> out = new ArrayList<>();
        for (SortKey key : keys) {
            Column value = exprs.translate(key.expr());
            out.add(key.descending()
                    ? (key.placeNullsLast() ? value.desc_nulls_last() : value.desc_nulls_first())
                    : (key.placeNullsLast() ? value.asc_nulls_last() : value.asc_nulls_first()));
        }
        return out.toArray(Column[]::new);
    }

    /**
     * A first column numbering the rows from the offset in Floe's order: the row number over the
     * rows' places ({@link #placed}). Spark numbers rows one after another only in one partition,
     * so the rows pass through one task here.
     */
    private Part rowIndexed(WithRowIndex index) {
        Dataset<Row> placed = placed(index.input());
        if (placed == null) {
            throw new NotTranslatedException("the row index " + index, "the rows' places in Floe's order are not known "
                    + "there");
        }
        List<Column> out = new ArrayList<>();
        out.add(functions.row_number().over(org.apache.spark.sql.expressions.Window.orderBy(column(ROW)))
                .cast(DataTypes.LongType).minus(1).plus(index.offset()).as(index.name()));
        for (String name : index.input().schema().names()) {
            out.add(column(name));
        }
        return new Part(placed.select(out.toArray(Column[]::new)), false);
    }

    // ---- explode ------------------------------------------------------------------------------

    /**
     * A row per element of the lists, in list order, a null or empty list giving one row of null (as
     * Spark's {@code posexplode_outer}); Spark's generator keeps the rows' order within a partition,
     * so rows in Floe's order stay in it. Several lists are exploded by the first's positions, the
     * others' elements taken at the same position, after the check Floe makes: each row's lists
     * equally long (a null list counts as empty). With {@code placed} (rows of {@code data} with
     * their places in {@link #ROW}) each element's place (its row's, then its position) comes last.
     */
    private static Dataset<Row> exploded(Explode explode, Dataset<Row> data, boolean placed) {
        List<String> names = explode.input().schema().names();
        List<String> lists = explode.columns();
        String first = lists.get(0);
        Column leading = column(first);
        Column size = sizeOf(leading);
        for (String other : lists.subList(1, lists.size())) {
            Column otherSize = sizeOf(column(other));
            leading = when(size.notEqual(otherSize), functions.raise_error(functions.concat(
                    lit("explode needs each row's lists to be equally long; a row has lists of "), size.cast(DataTypes.StringType),
                    lit(" and "), otherSize.cast(DataTypes.StringType), lit(" elements")))).otherwise(leading);
        }
        String position = "__floe_position";
        String element = "__floe_element";
        List<Column> generated = new ArrayList<>();
        for (String name : names) {
            if (!name.equals(first)) {
                generated.add(column(name));
            }
        }
        if (placed) {
            generated.add(column(ROW));
        }
        generated.add(functions.posexplode_outer(leading).as(new String[] {position, element}));
        List<Column> out = new ArrayList<>();
        for (String name : names) {
            out.add(name.equals(first) ? column(element).as(name)
                    : lists.contains(name) ? functions.get(column(name), column(position)).as(name) : column(name));
        }
        if (placed) {
            out.add(functions.struct(column(ROW).as("row"), column(position).as("element")).as(ROW));
        }
        return data.select(generated.toArray(Column[]::new)).select(out.toArray(Column[]::new));
    }

    /** A list's length, 0 for a null list (as Floe's explode counts it). */
    private static Column sizeOf(Column list) {
        return when(list.isNull(), lit(0)).otherwise(functions.size(list));
    }

    // ---- group-by -----------------------------------------------------------------------------

    /**
     * The group-by: its keys and aggregations, and with {@code placed} each group's place (its first
     * row's) last, or null where the input's places are not known. First, last and a group's list
     * take the input's places where they are known, and are refused elsewhere.
     */
    private Dataset<Row> aggregated(Aggregate aggregate, boolean placed) {
        if (stages) {
            Dataset<Row> staged = PartialAggregation.of(spark, frames, aggregate, placed);
            if (staged != null) {
                return staged;
            }
        }
        try {
            return sparkAggregated(aggregate, placed);
        } catch (NotTranslatedException refused) {
            return floeAggregated(aggregate, placed, refused);
        }
    }

    /**
     * The group-by computed by Floe in the executors ({@link AggregatedByFloe}), where Spark has no
     * form for it; {@code refused} where Floe cannot either (a key Spark cannot spread the rows by,
     * an aggregation that follows input order where the rows' places are not known).
     */
    private Dataset<Row> floeAggregated(Aggregate aggregate, boolean placed, NotTranslatedException refused) {
        ExprTranslator keys = rowWise(aggregate.input().schema()).computingInFloe(COMPUTED + "k");
        Column[] spread = spreadKeys(aggregate.keys(), keys);
        if (spread == null || !AggregatedByFloe.takes(aggregate)) {
            throw refused;
        }
        Dataset<Row> numbered = placed(aggregate.input());
        if (numbered == null) {
            if (placed) {
                return null;
            }
            if (aggregate.aggs().stream().anyMatch(PlanTranslator::dependsOnInputOrder)) {
                throw refused;
            }
        }
        Dataset<Row> data = numbered != null ? numbered : translate(aggregate.input()).data();
        return AggregatedByFloe.of(aggregate, keys.computed().over(data), spread, numbered != null ? ROW : null, placed);
    }

    private Dataset<Row> sparkAggregated(Aggregate aggregate, boolean placed) {
        Schema inputSchema = aggregate.input().schema();
        // a float key's group shows its first row's value: -0.0 or 0.0, which Spark's grouping makes 0.0
        List<Integer> floatKeys = new ArrayList<>();
        for (int k = 0; k < aggregate.keys().size(); k++) {
            if (ExprTyper.typeOf(aggregate.keys().get(k), inputSchema).isFloat()) {
                floatKeys.add(k);
            }
        }
        boolean byRow = placed || !floatKeys.isEmpty() || aggregate.aggs().stream().anyMatch(a -> uses(a, AggFunction.FIRST,
                AggFunction.LAST, AggFunction.LIST, AggFunction.MODE, AggFunction.ARG_MIN, AggFunction.ARG_MAX));
        Dataset<Row> numberedInput = byRow ? placed(aggregate.input()) : null;
        if (placed && numberedInput == null) {
            return null;
        }
        if (!floatKeys.isEmpty() && numberedInput == null) {
            throw new NotTranslatedException("the group-by " + aggregate, "whether a group of a float key shows -0.0 or "
                    + "0.0 follows input order, which Spark does not keep through the shuffle before it");
        }
        Dataset<Row> input = numberedInput != null ? numberedInput : translate(aggregate.input()).data();
        ExprTranslator inputs = computing(inputSchema);
        // keys and inputs under names of their own, so a key named as an input column does not hide it
        List<Column> staged = new ArrayList<>();
        List<String> inputNames = inputSchema.names();
        for (int c = 0; c < inputNames.size(); c++) {
            staged.add(column(inputNames.get(c)).as("__floe_c" + c));
        }
        // first, last and lists take the rows' places in Floe's order, where they are known
        if (numberedInput != null) {
            staged.add(column(ROW));
        }
        Column row = numberedInput != null ? column(ROW) : null;
        Map<String, Column> keyColumns = new HashMap<>();
        List<Column> grouping = new ArrayList<>();
        for (int k = 0; k < aggregate.keys().size(); k++) {
            Expr key = aggregate.keys().get(k);
            staged.add(inputs.translate(key).as("__floe_k" + k));
            keyColumns.put(key.outputName(), column("__floe_k" + k));
            grouping.add(column("__floe_k" + k));
        }
        Dataset<Row> stage = inputs.computed().over(input).select(staged.toArray(Column[]::new));
        ExprTranslator inside = new ExprTranslator(inputSchema, name -> column("__floe_c" + inputNames.indexOf(name)), null)
                .computingInFloe(COMPUTED + "a");
        ExprTranslator outside = new ExprTranslator(inputSchema, name -> {
            Column key = keyColumns.get(name);
            if (key == null) {
                throw new IllegalStateException("no key " + name);
            }
            return key;
        }, agg -> aggregation(agg, inside, aggregate, function -> function, row, false));
        List<Column> aggs = new ArrayList<>();
        for (int a = 0; a < aggregate.aggs().size(); a++) {
            aggs.add(outside.translate(aggregate.aggs().get(a)).as("__floe_a" + a));
        }
        stage = inside.computed().over(stage); // the aggregations' inputs Floe computes
        for (int k : floatKeys) {
            aggs.add(functions.min_by(column("__floe_k" + k), column(ROW)).as("__floe_kv" + k));
        }
        if (placed) {
            aggs.add(functions.min(column(ROW)).as(ROW)); // a group's first row
        }
        Dataset<Row> grouped;
        if (aggs.isEmpty()) {
            grouped = stage.select(grouping.toArray(Column[]::new)).distinct();
        } else if (grouping.isEmpty()) {
            grouped = stage.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
        } else {
            grouped = stage.groupBy(grouping.toArray(Column[]::new))
                    .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
        }
        List<Column> out = new ArrayList<>();
        for (int k = 0; k < aggregate.keys().size(); k++) {
            out.add(column((floatKeys.contains(k) ? "__floe_kv" : "__floe_k") + k).as(aggregate.keys().get(k).outputName()));
        }
        for (int a = 0; a < aggregate.aggs().size(); a++) {
            out.add(column("__floe_a" + a).as(aggregate.aggs().get(a).outputName()));
        }
        if (placed) {
            out.add(column(ROW));
        }
        return grouped.select(out.toArray(Column[]::new));
    }

    /**
     * The column that numbers an input's rows in Floe's order: Spark's increasing ids, which follow
     * the partitions' order and the rows' order within each, over an input whose rows are still in
     * Floe's order (see {@link Part}).
     */
    static final String ROW = "__floe_row";

    /** Whether {@code expr} holds an aggregation of one of {@code functions}. */
    private static boolean uses(Expr expr, AggFunction... functions) {
        if (expr instanceof Agg agg && java.util.Arrays.asList(functions).contains(agg.function())) {
            return true;
        }
        for (Expr child : dev.floe.frame.expr.ExprTrees.children(expr)) {
            if (uses(child, functions)) {
                return true;
            }
        }
        return false;
    }

    /** SQL's median or quantile_cont of decimals in their own type ({@code EXACT_DECIMAL}). */
    private static boolean exactDecimalQuantile(AggFunction function, List<Object> parameters) {
        return function == AggFunction.MEDIAN && parameters.equals(List.of(AggFunction.EXACT_DECIMAL))
                || function == AggFunction.QUANTILE && parameters.size() == 3 && parameters.get(0) instanceof Number
                        && "linear".equals(parameters.get(1)) && AggFunction.EXACT_DECIMAL.equals(parameters.get(2));
    }

    /**
     * The aggregations translated over decimals: those that keep or count the values (exact in
     * both), {@code sum} in 38 digits and {@code mean} from it, and the statistics Floe computes on
     * the values as doubles (both round a decimal to the nearest double).
     */
    private static final java.util.Set<AggFunction> DECIMAL_AGGREGATIONS = java.util.EnumSet.of(AggFunction.SUM,
            AggFunction.MEAN, AggFunction.MIN, AggFunction.MAX, AggFunction.COUNT, AggFunction.N_UNIQUE, AggFunction.LEN,
            AggFunction.FIRST, AggFunction.LAST, AggFunction.LIST, AggFunction.TOP_K, AggFunction.MODE,
            AggFunction.QUANTILE_DISC, AggFunction.ENTROPY, AggFunction.ARG_MIN, AggFunction.ARG_MAX, AggFunction.MEDIAN,
            AggFunction.QUANTILE, AggFunction.STD, AggFunction.VAR, AggFunction.PRODUCT, AggFunction.MAD, AggFunction.SKEW,
            AggFunction.KURT, AggFunction.CORR, AggFunction.COVAR);

    /**
     * One aggregation with Floe's answer over a group's values; {@code row} numbers the rows in
     * Floe's order, or is null where the input is not in it.
     */
    private static Column aggregation(Agg agg, ExprTranslator inputs, PlanNode node,
            java.util.function.UnaryOperator<Column> each, Column row, boolean sumOfNothingIsNull) {
        AggFunction function = agg.function();
        List<Object> parameters = agg.parameters();
        boolean nanLargest = function == AggFunction.MAX && parameters.equals(List.of(AggFunction.NAN_LARGEST));
        boolean ignoringNulls = parameters.equals(List.of(AggFunction.IGNORE_NULLS));
        // SQL's deviations and correlation, checked as DuckDB's: a result that is not finite fails the query
        boolean checked = (function == AggFunction.STD || function == AggFunction.VAR) && parameters.size() == 2
                && parameters.get(0) instanceof Number && AggFunction.CHECK_FINITE.equals(parameters.get(1))
                || function == AggFunction.CORR && parameters.equals(List.of(AggFunction.CHECK_FINITE));
        boolean plain = parameters.isEmpty() || nanLargest || checked
                || (function == AggFunction.FIRST || function == AggFunction.LAST) && ignoringNulls
                || function == AggFunction.TOP_K && parameters.size() == 1 && parameters.get(0) instanceof Number
                || (function == AggFunction.SKEW || function == AggFunction.KURT) && parameters.size() == 1
                        && parameters.get(0) instanceof Boolean
                || function == AggFunction.QUANTILE_DISC && parameters.size() == 1
                        && parameters.get(0) instanceof java.math.BigDecimal
                || function == AggFunction.QUANTILE && parameters.size() == 2
                        && ("linear".equals(parameters.get(1)) || "nearest".equals(parameters.get(1)))
                || exactDecimalQuantile(function, parameters)
                || function == AggFunction.COVAR && parameters.size() == 1 && parameters.get(0) instanceof Number
                || (function == AggFunction.STD || function == AggFunction.VAR) && parameters.size() == 1
                        && parameters.get(0) instanceof Number;
        if (!plain) {
            throw new NotTranslatedException("the aggregation " + agg + " (parameters " + parameters + ")",
                    "its settings are not translated yet");
        }
        if (function == AggFunction.LEN) {
            return each.apply(functions.count(lit(1)));
        }
        Expr inputExpr = agg.input();
        DataType inputType = inputs.typeOf(inputExpr);
        Column x = inputs.translate(inputExpr);
        DataType type = inputs.typeOf(agg);
        if (inputType.isDecimal() && !DECIMAL_AGGREGATIONS.contains(function)) {
            throw new NotTranslatedException("the aggregation " + agg + " of decimals", "it is not translated yet");
        }
        return switch (function) {
            case SUM -> {
                // the sum over no values is 0 in Floe, null in Spark; decimals summed in 38 digits, exactly
                // (Spark fails where the sum overflows them, as Floe)
                org.apache.spark.sql.types.DataType wide = type == DataType.INT128 ? SparkTypes.INT128
                        : type.isDecimal() ? SparkTypes.of(type, agg.toString())
                        : type.isInteger() ? DataTypes.LongType : DataTypes.DoubleType;
                Column sum = each.apply(functions.sum(x.cast(wide)));
                yield sumOfNothingIsNull ? sum : coalesce(sum, lit(0).cast(wide));
            }
            // decimals: their exact sum over their count, as Floe's; others as doubles
            case MEAN -> inputType.isDecimal()
                    ? when(each.apply(functions.count(x)).gt(0), each.apply(functions.sum(x.cast(DataTypes.createDecimalType(
                            DataType.MAX_DECIMAL_PRECISION, inputType.scale())))).cast(DataTypes.DoubleType)
                            .divide(each.apply(functions.count(x)).cast(DataTypes.DoubleType)))
                    : each.apply(functions.avg(x.cast(DataTypes.DoubleType)));
            case MIN -> each.apply(functions.min(x)); // Spark's NaN is the largest number, so min passes over it as Floe's does
            case MAX -> inputType.isFloat() && !nanLargest
                    // Floe's max passes over NaN unless a group has nothing else
                    ? coalesce(each.apply(functions.max(when(isnan(x), lit(null)).otherwise(x))), each.apply(functions.max(x)))
                    : each.apply(functions.max(x));
            case COUNT -> each.apply(functions.count(x));
            case N_UNIQUE -> each.apply(functions.count_distinct(x)).plus(
                    coalesce(each.apply(functions.max(when(x.isNull(), lit(1)).otherwise(lit(0)))), lit(0))); // null counts as one value
            case MEDIAN -> parameters.contains(AggFunction.EXACT_DECIMAL)
                    ? CollectedAggregations.exactDecimalQuantile(x, inputType, 0.5, each)
                    : each.apply(functions.median(x.cast(DataTypes.DoubleType)));
            case STD, VAR -> {
                int ddof = ((Number) parameters.get(0)).intValue();
                Column value = x.cast(DataTypes.DoubleType);
                boolean root = function == AggFunction.STD;
                Column count = each.apply(functions.count(value));
                Column deviation;
                if (ddof == 1) {
                    deviation = each.apply(root ? functions.stddev_samp(value) : functions.var_samp(value));
                } else if (ddof == 0) {
                    deviation = each.apply(root ? functions.stddev_pop(value) : functions.var_pop(value));
                } else {
                    // the squared deviations' sum over count - ddof; null over no more than ddof values, as Floe's
                    Column variance = when(count.gt(ddof), each.apply(functions.var_pop(value)).multiply(count)
                            .divide(count.minus(ddof)));
                    deviation = root ? functions.sqrt(variance) : variance;
                }
                if (!checked) {
                    yield deviation;
                }
                // one value deviates by nothing, whatever it is (a sample's is null: no more values than ddof)
                Column result = ddof == 0 ? when(count.equalTo(1), lit(0.0)).otherwise(deviation) : deviation;
                yield when(result.isNotNull().and(not(finite(result))), functions.raise_error(functions.concat(
                        lit("out of range: " + (root ? "a standard deviation" : "a variance") + " of "),
                        result.cast(DataTypes.StringType),
                        lit(" (over infinities or NaN, or too large), in expression " + agg))).cast(DataTypes.DoubleType))
                        .otherwise(result);
            }
            // pandas' prod(): a double, null over no values, in both
            case PRODUCT -> each.apply(functions.product(x.cast(DataTypes.DoubleType)));
            // linear between the two values around (n - 1) q, in both (Spark's percentile is exact)
            case QUANTILE -> parameters.contains(AggFunction.EXACT_DECIMAL)
                    ? CollectedAggregations.exactDecimalQuantile(x, inputType, ((Number) parameters.get(0)).doubleValue(), each)
                    : "linear".equals(parameters.get(1))
                    ? each.apply(functions.percentile(x.cast(DataTypes.DoubleType), lit(((Number) parameters.get(0)).doubleValue())))
                    // the value of rank round(q (n - 1)) in Floe's order of doubles
                    : CollectedAggregations.nearest(CollectedAggregations.sortedValues(x, each),
                            ((Number) parameters.get(0)).doubleValue());
            case MAD -> CollectedAggregations.medianAbsoluteDeviation(x, each);
            case SKEW, KURT -> CollectedAggregations.moments(x, function == AggFunction.KURT, (Boolean) parameters.get(0), each);
            case QUANTILE_DISC -> CollectedAggregations.discreteQuantile(x, inputType, (java.math.BigDecimal) parameters.get(0),
                    each);
            case CORR, COVAR -> {
                Column y = inputs.translate(agg.inputs().get(1)).cast(DataTypes.DoubleType);
                Column xs = x.cast(DataTypes.DoubleType);
                Column pairs = each.apply(functions.count(when(xs.isNotNull().and(y.isNotNull()), lit(1))));
                if (function == AggFunction.CORR) {
                    // from the pairs' co-deviation and deviations (Spark's corr fails on a side that does not
                    // vary, in ANSI mode): NaN there, as Floe's, and over one pair; null over none
                    Column paired = xs.isNotNull().and(y.isNotNull());
                    Column cov = each.apply(functions.covar_pop(xs, y));
                    Column vx = each.apply(functions.var_pop(when(paired, xs)));
                    Column vy = each.apply(functions.var_pop(when(paired, y)));
                    Column corr = when(pairs.gt(0), when(vx.equalTo(0).or(vy.equalTo(0)), lit(Double.NaN))
                            .otherwise(cov.divide(functions.sqrt(vx.multiply(vy)))));
                    if (!checked) {
                        yield corr;
                    }
                    // over two pairs or more, a side whose deviation is not finite fails, as Floe's (and DuckDB's)
                    yield when(pairs.gt(1).and(not(finite(vx).and(finite(vy)))), functions.raise_error(functions.concat(
                            lit("out of range: a deviation of "), when(finite(vx), lit("the second")).otherwise(lit("the first")),
                            lit(" input is not finite (over infinities or NaN, or too large), in expression " + agg)))
                            .cast(DataTypes.DoubleType)).otherwise(corr);
                }
                int ddof = ((Number) parameters.get(0)).intValue();
                if (ddof == 0 || ddof == 1) {
                    // null over no more than ddof pairs, in both
                    yield each.apply(ddof == 1 ? functions.covar_samp(xs, y) : functions.covar_pop(xs, y));
                }
                // the co-deviations' sum over pairs - ddof; null over no more than ddof pairs, as Floe's
                yield when(pairs.gt(ddof), each.apply(functions.covar_pop(xs, y)).multiply(pairs).divide(pairs.minus(ddof)));
            }
            case BITWISE_AND, BITWISE_OR, BITWISE_XOR -> {
                if (type == DataType.INT128) {
                    throw new NotTranslatedException("the aggregation " + agg, "Spark has no 128-bit integers");
                }
                Column wide = x.cast(DataTypes.LongType); // the result fits the values' own type again
                yield each.apply(function == AggFunction.BITWISE_AND ? functions.bit_and(wide)
                        : function == AggFunction.BITWISE_OR ? functions.bit_or(wide) : functions.bit_xor(wide));
            }
            case MODE, ARG_MIN, ARG_MAX -> {
                if (row == null) {
                    throw new NotTranslatedException("the aggregation " + agg, "among ties it follows input order, which "
                            + "Spark does not keep through the shuffle before it");
                }
                yield function == AggFunction.MODE ? CollectedAggregations.mode(x, inputType, row, each)
                        : CollectedAggregations.position(x, inputType, row, function == AggFunction.ARG_MAX, each);
            }
            case ENTROPY -> CollectedAggregations.entropy(x, inputType, each);
            case FIRST, LAST -> {
                if (row == null) {
                    throw new NotTranslatedException("the aggregation " + agg, "the first and last rows of a group are "
                            + "in input order, which Spark does not keep through the shuffle before it");
                }
                // the value (null too) of the row placed first or last; with nulls passed over, of the rows with one
                Column place = ignoringNulls ? when(x.isNotNull(), row) : row;
                yield each.apply(function == AggFunction.FIRST ? functions.min_by(x, place) : functions.max_by(x, place));
            }
            case LIST -> {
                if (row == null) {
                    throw new NotTranslatedException("the aggregation " + agg, "a group's list is in input order, which "
                            + "Spark does not keep through the shuffle before it");
                }
                // every value (null too) of the rows kept (all, or where the second input is true), by their places
                Column kept = agg.inputs().size() > 1 ? inputs.translate(agg.inputs().get(1)) : lit(true);
                Column placed = each.apply(functions.collect_list(when(kept, functions.struct(row.as("place"), x.as("value")))));
                yield functions.transform(functions.sort_array(placed, true), pair -> pair.getField("value"));
            }
            case TOP_K -> {
                int k = ((Number) parameters.get(0)).intValue();
                if (!inputType.isFloat()) {
                    // the k largest values that are not null, largest first: text by its UTF-8 bytes (code points), in both
                    yield functions.slice(functions.sort_array(each.apply(functions.collect_list(x)), false), 1, k);
                }
                // Floe orders floats as Double.compare (NaN largest, 0.0 above -0.0)
                Column values = each.apply(functions.collect_list(when(x.isNotNull(), CollectedAggregations.inDoubleOrder(x))));
                yield functions.transform(functions.slice(functions.sort_array(values, false), 1, k), pair -> pair.getField("value"));
            }
            default -> throw new NotTranslatedException("the aggregation " + agg + " in " + node,
                    "it has no translation to Spark yet");
        };
    }

    // ---- windows ------------------------------------------------------------------------------

    /**
     * Aggregations over partitions (and running ones over an order, with SQL's frame: the rows
     * ordered before and the row's ties), over frames of rows or of peers, and ranks, row numbers,
     * lag and lead, given back to every row. What follows input order among ties (row numbers,
     * lag, lead, first, last, nth value, frames counted in rows) needs the input rows' places in
     * Floe's order ({@link #placed}), which break the window order's ties. With {@code placed} the
     * rows' places come last, or null where they are not known.
     */
    private Dataset<Row> windowed(Window window, boolean placed) {
        Schema schema = window.input().schema();
        List<Column> out = new ArrayList<>();
        for (String name : schema.names()) {
            out.add(column(name));
        }
        ExprTranslator rows = computing(schema);
        Dataset<Row> numberedInput = placed || window.windows().stream().anyMatch(PlanTranslator::dependsOnInputOrder)
                ? placed(window.input()) : null;
        if (placed && numberedInput == null) {
            return null;
        }
        boolean byRow = numberedInput != null;
        Dataset<Row> data = byRow ? numberedInput : translate(window.input()).data();
        // windows Spark has no form for, computed by Floe over Spark's partitions: one step per partitioning
        Map<List<Expr>, FloeWindows> inFloe = new java.util.LinkedHashMap<>();
        for (int w = 0; w < window.windows().size(); w++) {
            Expr expr = window.windows().get(w);
            int computedBefore = rows.computed().size();
            Column value;
            try {
                value = sparkWindow(expr, window, schema, rows, byRow);
            } catch (NotTranslatedException refused) {
                rows.computed().truncate(computedBefore);
                List<Expr> keys = expr instanceof Over over ? over.partitionBy() : List.of();
                DataType type = rows.typeOf(expr);
                FloeWindows step = inFloe.get(keys);
                if (step == null) {
                    String prefix = COMPUTED + "w" + inFloe.size() + "_";
                    ExprTranslator keyExprs = rowWise(schema).computingInFloe(prefix + "k");
                    Column[] spread = spreadKeys(keys, keyExprs);
                    if (spread == null) {
                        throw refused;
                    }
                    step = new FloeWindows(ComputedByFloe.windows(prefix, schema), keyExprs, spread);
                    inFloe.put(keys, step);
                }
                if (!step.windows().takes(expr, type) || !byRow && dependsOnInputOrder(expr)) {
                    throw refused;
                }
                value = step.windows().add(expr, type);
            }
            out.add(value.cast(SparkTypes.of(rows.typeOf(expr), expr.toString())).as(window.names().get(w)));
        }
        for (FloeWindows step : inFloe.values()) {
            data = step.windows().overPartitions(step.keys().computed().over(data), step.spread(),
                    byRow ? column(ROW).asc() : null);
        }
        if (placed) {
            out.add(column(ROW));
        }
        return rows.computed().over(data).select(out.toArray(Column[]::new));
    }

    /**
     * Windows Floe computes over Spark's partitions spread by one partitioning: the windows, the
     * keys' translator (keys Floe computes too, laid over the rows first) and the keys' columns.
     */
    private record FloeWindows(ComputedByFloe windows, ExprTranslator keys, Column[] spread) {}

    /** One window expression as Spark's window function over the input's columns. */
    private static Column sparkWindow(Expr expr, Window window, Schema schema, ExprTranslator rows, boolean byRow) {
        if (!(expr instanceof Over over)) {
            throw new NotTranslatedException("the window expression " + expr, "only over(...) is translated yet");
        }
        Column[] partitions = over.partitionBy().stream().map(rows::translate).toArray(Column[]::new);
        WindowSpec unordered = org.apache.spark.sql.expressions.Window.partitionBy(partitions);
        Column[] orderKeys = sortKeys(rows, over.orderBy());
        WindowSpec spec = over.orderBy().isEmpty() ? unordered : unordered.orderBy(orderKeys);
        List<Column> rowOrder = new ArrayList<>(List.of(orderKeys));
        rowOrder.add(column(ROW).asc());
        WindowSpec byRows = byRow ? unordered.orderBy(rowOrder.toArray(Column[]::new)) : null;
        WindowSpec framed = frameOf(over, spec, byRows, window);
        ExprTranslator windowed = new ExprTranslator(schema, ExprTranslator::column,
                agg -> windowAggregation(agg, rows, spec, byRows, framed, over.ordered(), window));
        if (over.expr() instanceof Agg agg && (agg.function().windowOnly() || agg.function().frameOnly())) {
            return windowAggregation(agg, rows, spec, byRows, framed, over.ordered(), window);
        }
        try {
            return windowed.translate(over.expr());
        } catch (dev.floe.frame.SchemaException e) { // a window-only function inside another expression
            throw new NotTranslatedException("the window expression " + over, e.getMessage());
        }
    }

    /**
     * The Spark columns that spread a window's rows over Spark's partitions so that each of its
     * partitions lies within one: its keys, floats with -0.0 made 0.0 (two keys Floe takes for one
     * must not part; keys Floe parts may share a Spark partition; Spark's hash takes -0.0 for 0.0
     * too, and this keeps the answer from resting on it). A key Spark has no form for is computed
     * by Floe ({@code exprs}' computed columns, laid over the rows first). Null where a key is a
     * list or cannot be computed.
     */
    private static Column[] spreadKeys(List<Expr> keys, ExprTranslator exprs) {
        Column[] spread = new Column[keys.size()];
        for (int k = 0; k < spread.length; k++) {
            DataType type = exprs.typeOf(keys.get(k));
            if (type.isNested()) {
                return null;
            }
            try {
                Column key = exprs.translate(keys.get(k));
                spread[k] = type == DataType.FLOAT32 || type == DataType.FLOAT64 ? key.cast(DataTypes.DoubleType).plus(lit(0.0))
                        : key;
            } catch (NotTranslatedException e) {
                return null;
            }
        }
        return spread;
    }

    /**
     * Whether a window's values may depend on the input's order among the window order's ties (or
     * on input order at all): Floe computes such a window only over rows in Floe's order.
     */
    private static boolean dependsOnInputOrder(Expr expr) {
        return followsInputOrder(expr) || uses(expr, AggFunction.LIST, AggFunction.MODE, AggFunction.ARG_MIN,
                AggFunction.ARG_MAX, AggFunction.MIN_BY, AggFunction.MAX_BY);
    }

    /** Whether a window expression follows input order among the window order's ties. */
    private static boolean followsInputOrder(Expr expr) {
        return uses(expr, AggFunction.ROW_NUMBER, AggFunction.LAG, AggFunction.LEAD, AggFunction.FIRST, AggFunction.LAST,
                AggFunction.NTH_VALUE)
                || expr instanceof Over over && over.frame() != null && over.frame().unit() == WindowFrame.Unit.ROWS
                        && !over.frame().wholePartition();
    }

    /**
     * The window the aggregations of {@code over} run over: {@code spec} with Floe's frame. The
     * whole partition, or no frame (Spark's default is Floe's: the whole partition unordered, the
     * rows up to the current row's last peer ordered); frames of peers without offsets as Spark's
     * range frames; frames counted in rows, and first, last and nth value, over {@code byRow}
     * (ties broken by input order; null where the input is not in Floe's order). Frames Spark
     * has no form for (groups, exclusions, ranges with offsets) are refused.
     */
    private static WindowSpec frameOf(Over over, WindowSpec spec, WindowSpec byRow, Window node) {
        WindowFrame frame = over.frame();
        boolean windowOnly = over.expr() instanceof Agg agg && agg.function().windowOnly();
        if (windowOnly) {
            return spec; // ranks, row numbers, lag and lead take no frame, in both engines
        }
        // first, last and nth value take places: ties broken by input order, wherever they stand
        boolean takesPlaces = uses(over.expr(), AggFunction.FIRST, AggFunction.LAST, AggFunction.NTH_VALUE);
        if (frame != null && frame.wholePartition()) {
            return (takesPlaces ? inInputOrder(over, byRow, node) : spec).rowsBetween(
                    org.apache.spark.sql.expressions.Window.unboundedPreceding(),
                    org.apache.spark.sql.expressions.Window.unboundedFollowing());
        }
        if (!over.framed()) {
            if (!takesPlaces) {
                return spec;
            }
            // inside another expression (over a partition: Floe orders no window of such expressions),
            // the group's value: the partition's in input order
            return inInputOrder(over, byRow, node).rowsBetween(org.apache.spark.sql.expressions.Window.unboundedPreceding(),
                    org.apache.spark.sql.expressions.Window.unboundedFollowing());
        }
        AggFunction function = over.expr() instanceof Agg agg ? agg.function() : null;
        boolean byPlace = function == AggFunction.FIRST || function == AggFunction.LAST
                || function == AggFunction.NTH_VALUE;
        String refused = null;
        if (frame != null && bound(frame.start()) > bound(frame.end())) {
            throw new NotTranslatedException("the window expression " + over + " in " + node,
                    "its frame starts after it ends (Floe's value over no rows), a frame Spark refuses");
        }
        if (frame == null || frame.runningDefault()) {
            // first, last and nth value without a frame: the whole partition unordered; ordered, the
            // rows up to the current row's last peer, of which only the start is a place in rows
            if (over.orderBy().isEmpty() && frame == null) {
                return inInputOrder(over, byRow, node).rowsBetween(org.apache.spark.sql.expressions.Window.unboundedPreceding(),
                        org.apache.spark.sql.expressions.Window.unboundedFollowing());
            }
            boolean ignoresNulls = over.expr() instanceof Agg agg && agg.parameters().contains(AggFunction.IGNORE_NULLS);
            if (function == AggFunction.FIRST && !ignoresNulls) {
                // the frame's start is the partition's: the first row in order up to the current one
                return inInputOrder(over, byRow, node).rowsBetween(org.apache.spark.sql.expressions.Window.unboundedPreceding(),
                        org.apache.spark.sql.expressions.Window.currentRow());
            }
            refused = "its frame ends at the current row's last peer in input order, which Spark's frames cannot say";
        } else if (frame.exclude() != WindowFrame.Exclude.NO_OTHERS) {
            refused = "Spark's frames exclude no rows";
        } else if (frame.unit() == WindowFrame.Unit.GROUPS) {
            refused = "Spark has no frames of peer groups";
        } else if (frame.unit() == WindowFrame.Unit.RANGE) {
            if (frame.hasOffset()) {
                refused = "frames of a distance along the order key are not translated yet";
            } else if (byPlace) {
                refused = "its frame's ends are peers' places in input order, which Spark's frames cannot say";
            } else {
                return spec.rangeBetween(bound(frame.start()), bound(frame.end()));
            }
        } else {
            return inInputOrder(over, byRow, node).rowsBetween(bound(frame.start()), bound(frame.end()));
        }
        throw new NotTranslatedException("the window expression " + over + " in " + node, refused);
    }

    /** {@code byRow}, or the refusal of a window that follows input order over rows not in it. */
    private static WindowSpec inInputOrder(Over over, WindowSpec byRow, Window node) {
        if (byRow == null) {
            throw new NotTranslatedException("the window expression " + over + " in " + node,
                    "its frame follows input order among ties, which Spark does not keep through the shuffle before it");
        }
        return byRow;
    }

    /** A frame bound as Spark's: rows or peers from the current row, or the partition's ends. */
    private static long bound(WindowFrame.Bound bound) {
        return switch (bound.kind()) {
            case UNBOUNDED_PRECEDING -> org.apache.spark.sql.expressions.Window.unboundedPreceding();
            case PRECEDING -> -bound.offset().longValue();
            case CURRENT_ROW -> org.apache.spark.sql.expressions.Window.currentRow();
            case FOLLOWING -> bound.offset().longValue();
            case UNBOUNDED_FOLLOWING -> org.apache.spark.sql.expressions.Window.unboundedFollowing();
        };
    }

    /**
     * A window function: ranks over {@code spec}; row numbers, lag and lead over {@code byRow}, the
     * same window ordered by the rows' places in Floe's order after its own keys (null where the
     * input is not in Floe's order); aggregations over {@code framed}, the window with its frame.
     * Over a window {@code ordered} in Floe's sense (a running or framed one) a sum over no values is
     * null, as SQL's; over a whole partition it is 0, as a group's.
     */
    private static Column windowAggregation(Agg agg, ExprTranslator rows, WindowSpec spec, WindowSpec byRow,
            WindowSpec framed, boolean ordered, Window node) {
        AggFunction function = agg.function();
        boolean shifted = function == AggFunction.LAG || function == AggFunction.LEAD;
        if ((function == AggFunction.ROW_NUMBER || shifted) && byRow == null) {
            throw new NotTranslatedException("the window function " + agg + " in " + node,
                    "among ties it follows input order, which Spark does not keep through the shuffle before it");
        }
        return switch (function) {
            case RANK -> functions.rank().over(spec);
            case DENSE_RANK -> functions.dense_rank().over(spec);
            case ROW_NUMBER -> functions.row_number().over(byRow);
            case LAG, LEAD -> {
                boolean ignoreNulls = agg.parameters().contains(AggFunction.IGNORE_NULLS);
                int offset = ((Number) agg.parameters().get(0)).intValue();
                DataType floeType = rows.typeOf(agg.inputs().get(0));
                if (agg.inputs().size() > 1) {
                    floeType = dev.floe.frame.Types.supertype(floeType, rows.typeOf(agg.inputs().get(1)));
                }
                org.apache.spark.sql.types.DataType type = SparkTypes.of(floeType, agg.toString());
                Column value = rows.translate(agg.inputs().get(0)).cast(type);
                // Floe's fill is any expression of the row, used where the offset passes the window's end
                Object fill = agg.inputs().size() > 1 ? rows.translate(agg.inputs().get(1)).cast(type) : null;
                // with IGNORE NULLS the offset counts the rows with a value, in both
                yield (function == AggFunction.LAG ? functions.lag(value, offset, fill, ignoreNulls)
                        : functions.lead(value, offset, fill, ignoreNulls)).over(byRow);
            }
            // the same aggregations as a group-by's, each aggregate function over the row's window
            // a sum over no values is 0 over a whole partition, as a group's, and null over an ordered window's frame
            case SUM, MEAN, MIN, MAX, COUNT, LEN, STD, VAR, MEDIAN -> aggregation(agg, rows, node, f -> f.over(framed),
                    null, ordered);
            case N_UNIQUE -> {
                // the distinct values in the frame, a null counting as one value; floats by value (-0.0 is 0.0,
                // every NaN one), as Floe counts them: normalized first, so the count does not rest on how
                // Spark's sets compare them
                Column x = rows.translate(agg.input());
                Column value = CollectedAggregations.counted(x, rows.typeOf(agg.input()));
                yield functions.size(functions.collect_set(value).over(framed)).cast(DataTypes.LongType)
                        .plus(coalesce(functions.max(when(x.isNull(), lit(1L)).otherwise(lit(0L))).over(framed), lit(0L)));
            }
            case FIRST, LAST, NTH_VALUE -> {
                boolean ignoreNulls = agg.parameters().contains(AggFunction.IGNORE_NULLS);
                Column x = rows.translate(agg.input());
                yield switch (function) {
                    case FIRST -> functions.first(x, ignoreNulls).over(framed);
                    case LAST -> functions.last(x, ignoreNulls).over(framed);
                    default -> {
                        long n = ((Number) agg.parameters().get(0)).longValue();
                        if (n > Integer.MAX_VALUE) {
                            throw new NotTranslatedException("the window function " + agg + " in " + node,
                                    "Spark's nth_value takes a row number of at most " + Integer.MAX_VALUE);
                        }
                        yield functions.nth_value(x, (int) n, ignoreNulls).over(framed);
                    }
                };
            }
            default -> throw new NotTranslatedException("the window function " + agg + " in " + node,
                    "it has no translation over a window yet");
        };
    }

    // ---- joins, unique, concat ----------------------------------------------------------------

    /**
     * The join, and with {@code placed} its rows' places last, or null where either side's are not
     * known: Floe gives left order, each left row's matches in right order (a right join the other
     * way round; a full join then the unmatched right rows in right order).
     */
    private Dataset<Row> joined(Join join, boolean placed) {
        Schema leftSchema = join.left().schema();
        Schema rightSchema = join.right().schema();
        Dataset<Row> leftPlaced = placed ? placed(join.left()) : null;
        Dataset<Row> rightPlaced = placed && join.how() != JoinType.SEMI && join.how() != JoinType.ANTI
                ? placed(join.right()) : null;
        if (placed && (leftPlaced == null || rightPlaced == null && join.how() != JoinType.SEMI
                && join.how() != JoinType.ANTI)) {
            return null;
        }
        Dataset<Row> l = renamed(placed ? leftPlaced : translate(join.left()).data(), leftSchema, "__floe_l", placed);
        Dataset<Row> r = renamed(rightPlaced != null ? rightPlaced : translate(join.right()).data(), rightSchema, "__floe_r",
                rightPlaced != null);
        Column place = null;
        if (placed) {
            Column leftRow = column("__floe_l" + ROW);
            Column rightRow = rightPlaced != null ? column("__floe_r" + ROW) : null;
            place = switch (join.how()) {
                case SEMI, ANTI -> leftRow;
                case RIGHT -> functions.struct(rightRow.as("first"), leftRow.as("then"));
                // the rows without a left row after the others
                case FULL -> functions.struct(leftRow.isNull().as("unmatched"), leftRow.as("first"), rightRow.as("then"));
                default -> functions.struct(leftRow.as("first"), rightRow.as("then"));
            };
        }
        if (join.how() == JoinType.CROSS) {
            Dataset<Row> crossed = l.crossJoin(r);
            return crossed.select(joinOutput(join, leftSchema, rightSchema, place));
        }
        Column condition = null;
        for (int k = 0; k < join.leftOn().size(); k++) {
            org.apache.spark.sql.types.DataType common = SparkTypes.of(
                    Join.keyType(leftSchema, rightSchema, join.leftOn().get(k), join.rightOn().get(k)), "join key");
            Column equal = column("__floe_l" + leftSchema.indexOf(join.leftOn().get(k))).cast(common)
                    .equalTo(column("__floe_r" + rightSchema.indexOf(join.rightOn().get(k))).cast(common));
            condition = condition == null ? equal : condition.and(equal); // null keys never match, in both engines
        }
        String how = switch (join.how()) {
            case INNER -> "inner";
            case LEFT -> "left_outer";
            case RIGHT -> "right_outer";
            case FULL -> "full_outer";
            case SEMI -> "left_semi";
            case ANTI -> "left_anti";
            case CROSS -> throw new IllegalStateException();
        };
        Dataset<Row> joined = l.join(r, condition, how);
        return joined.select(joinOutput(join, leftSchema, rightSchema, place));
    }

    /** The side's columns named by position after {@code prefix}, and its rows' places as {@code prefix + ROW} with {@code placed}. */
    private static Dataset<Row> renamed(Dataset<Row> data, Schema schema, String prefix, boolean placed) {
        List<Column> out = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            out.add(column(schema.field(c).name()).as(prefix + c));
        }
        if (placed) {
            out.add(column(ROW).as(prefix + ROW));
        }
        return data.select(out.toArray(Column[]::new));
    }

    /**
     * The join's columns, named and typed as Floe's: left columns (keys from either side), then the
     * right non-keys; then {@code place} as {@link #ROW} where it is given.
     */
    private static Column[] joinOutput(Join join, Schema leftSchema, Schema rightSchema, Column place) {
        Schema out = join.schema();
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < leftSchema.size(); c++) {
            String name = leftSchema.field(c).name();
            Column value = column("__floe_l" + c);
            int key = join.leftOn().indexOf(name);
            if (key >= 0 && (join.how() == JoinType.RIGHT || join.how() == JoinType.FULL)) {
                value = coalesce(value, column("__floe_r" + rightSchema.indexOf(join.rightOn().get(key))));
            }
            columns.add(value.cast(SparkTypes.of(out.field(c).type(), "join column " + name)).as(out.field(c).name()));
        }
        if (join.how() != JoinType.SEMI && join.how() != JoinType.ANTI) {
            for (int c = 0; c < rightSchema.size(); c++) {
                if (join.rightOn().contains(rightSchema.field(c).name())) {
                    continue;
                }
                Schema.Field field = out.field(columns.size());
                columns.add(column("__floe_r" + c).cast(SparkTypes.of(field.type(), "join column " + field.name()))
                        .as(field.name()));
            }
        }
        if (place != null) {
            columns.add(place.as(ROW));
        }
        return columns.toArray(Column[]::new);
    }

    /**
     * Unique rows; by a subset, the first (or last) row of each key in Floe's order, where the
     * input's places are known. With {@code placed} the rows' places come last (a row kept for all
     * its columns takes the place of the occurrence kept), or null where they are not known.
     */
    private Dataset<Row> uniqued(Unique unique, boolean placed) {
        List<String> names = unique.input().schema().names();
        Column[] columns = names.stream().map(ExprTranslator::column).toArray(Column[]::new);
        if (!unique.subset().isEmpty() && !unique.subset().containsAll(names)) {
            Dataset<Row> numbered = placed(unique.input());
            if (numbered == null) {
                if (placed) {
                    return null;
                }
                throw new NotTranslatedException("the unique by a subset " + unique, "which row of each it keeps "
                        + "depends on input order, which Spark does not keep through the shuffle before it");
            }
            // the first (or last) row of each key in Floe's order: the first of each key's window
            Column[] keys = unique.subset().stream().map(ExprTranslator::column).toArray(Column[]::new);
            Column order = unique.keepLast() ? column(ROW).desc() : column(ROW).asc();
            Dataset<Row> kept = numbered
                    .withColumn("__floe_rank", functions.row_number().over(
                            org.apache.spark.sql.expressions.Window.partitionBy(keys).orderBy(order)))
                    .filter(column("__floe_rank").equalTo(1));
            List<Column> out = new ArrayList<>(List.of(columns));
            if (placed) {
                out.add(column(ROW));
            }
            return kept.select(out.toArray(Column[]::new));
        }
        // a float column shows the kept row's value: -0.0 or 0.0, which Spark's distinct makes 0.0
        List<Schema.Field> fields = unique.input().schema().fields();
        boolean floats = fields.stream().anyMatch(field -> field.type().isFloat());
        if (!placed && !floats) {
            return translate(unique.input()).data().distinct();
        }
        Dataset<Row> numbered = placed(unique.input());
        if (numbered == null) {
            if (placed) {
                return null;
            }
            throw new NotTranslatedException("the unique " + unique, "whether a float shows -0.0 or 0.0 follows input "
                    + "order, which Spark does not keep through the shuffle before it");
        }
        // the place of the row kept: the first occurrence, or the last; and its floats
        List<Column> aggs = new ArrayList<>();
        aggs.add((unique.keepLast() ? functions.max(column(ROW)) : functions.min(column(ROW))).as(ROW));
        List<Column> out = new ArrayList<>();
        for (int c = 0; c < fields.size(); c++) {
            Schema.Field field = fields.get(c);
            if (field.type().isFloat()) {
                Column value = column(field.name());
                aggs.add((unique.keepLast() ? functions.max_by(value, column(ROW)) : functions.min_by(value, column(ROW)))
                        .as("__floe_v" + c));
                out.add(column("__floe_v" + c).as(field.name()));
            } else {
                out.add(column(field.name()));
            }
        }
        if (placed) {
            out.add(column(ROW));
        }
        return numbered.groupBy(columns).agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
                .select(out.toArray(Column[]::new));
    }

    /**
     * A vertical concat's rows with their places: each part's places (of whatever shape its steps
     * gave them) written as text that sorts as they do ({@link #orderKey}), after the part's number.
     */
    private Dataset<Row> concatenated(Concat concat) {
        if (concat.horizontal()) {
            return sideBySide(concat, true);
        }
        Schema out = concat.schema();
        Dataset<Row> data = null;
        for (int p = 0; p < concat.parts().size(); p++) {
            Dataset<Row> placed = placed(concat.parts().get(p));
            if (placed == null) {
                return null;
            }
            List<Column> columns = new ArrayList<>();
            for (Schema.Field field : out) {
                columns.add(column(field.name()).cast(SparkTypes.of(field.type(), "concat column " + field.name()))
                        .as(field.name()));
            }
            columns.add(functions.concat(lit(String.format(java.util.Locale.ROOT, "%08x", p)),
                    orderKey(column(ROW), placed.schema().apply(ROW).dataType())).as(ROW));
            Dataset<Row> typed = placed.select(columns.toArray(Column[]::new));
            data = data == null ? typed : data.union(typed);
        }
        return data;
    }

    /**
     * A place as text that sorts as the place does (Spark orders text by its bytes): a number as
     * 16 hexadecimal digits of its bits with the sign flipped, a struct as its fields' texts in
     * turn, text as it is; each after "1", or "0" for null, which sorts first as Spark's order puts
     * null first. The texts of one column's places do not begin one another, so a field's text
     * decides before the next field's is read.
     */
    private static Column orderKey(Column place, org.apache.spark.sql.types.DataType type) {
        Column key;
        if (type instanceof org.apache.spark.sql.types.StructType struct) {
            List<Column> fields = new ArrayList<>();
            for (org.apache.spark.sql.types.StructField field : struct.fields()) {
                fields.add(orderKey(place.getField(field.name()), field.dataType()));
            }
            key = functions.concat(fields.toArray(Column[]::new));
        } else if (type instanceof org.apache.spark.sql.types.StringType) {
            key = place;
        } else {
            Column number = type instanceof org.apache.spark.sql.types.BooleanType
                    ? when(place, lit(1L)).otherwise(lit(0L)) : place.cast(DataTypes.LongType);
            key = functions.lpad(functions.hex(number.bitwiseXOR(lit(Long.MIN_VALUE))), 16, "0");
        }
        return when(place.isNull(), lit("0")).otherwise(functions.concat(lit("1"), key));
    }

    /**
     * A horizontal concat: each part's rows numbered in Floe's order (a row number over their
     * places: the rows pass through one task, as Spark numbers rows one after another only in one
     * partition) and the parts joined on those numbers; parts of different heights fail the query,
     * as in Floe. With {@code placed} the row number is the place, last.
     */
    private Dataset<Row> sideBySide(Concat concat, boolean placed) {
        Dataset<Row> joined = null;
        List<Column> indexes = new ArrayList<>();
        List<Column> out = new ArrayList<>();
        for (int p = 0; p < concat.parts().size(); p++) {
            PlanNode part = concat.parts().get(p);
            Dataset<Row> numbered = placed(part);
            if (numbered == null) {
                return null;
            }
            String index = "__floe_i" + p;
            List<Column> columns = new ArrayList<>();
            for (String name : part.schema().names()) {
                columns.add(column(name));
                out.add(column(name));
            }
            columns.add(functions.row_number().over(org.apache.spark.sql.expressions.Window.orderBy(column(ROW)))
                    .cast(DataTypes.LongType).as(index));
            Dataset<Row> indexed = numbered.select(columns.toArray(Column[]::new));
            joined = joined == null ? indexed : joined.join(indexed, indexes.get(0).equalTo(column(index)), "full_outer");
            indexes.add(column(index));
        }
        // a row some part has no row for: the heights differ
        Column missing = lit(false);
        for (Column index : indexes) {
            missing = missing.or(index.isNull());
        }
        out.set(0, when(missing, functions.raise_error(lit("a horizontal concat needs frames of one height")))
                .otherwise(out.get(0)).as(concat.parts().get(0).schema().names().get(0)));
        if (placed) {
            out.add(indexes.get(0).as(ROW));
        }
        return Objects.requireNonNull(joined).select(out.toArray(Column[]::new));
    }

    private Part concat(Concat concat) {
        if (concat.horizontal()) {
            Dataset<Row> data = sideBySide(concat, false);
            if (data == null) {
                throw new NotTranslatedException("the horizontal concat " + concat,
                        "the rows' places in Floe's order, which pair them, are not known there");
            }
            return new Part(data, false);
        }
        Schema out = concat.schema();
        Dataset<Row> data = null;
        boolean ordered = true;
        boolean sliceable = true;
        for (PlanNode part : concat.parts()) {
            Part translated = translate(part);
            ordered &= translated.ordered();
            sliceable &= translated.sliceable();
            List<Column> columns = new ArrayList<>();
            for (Schema.Field field : out) {
                columns.add(column(field.name()).cast(SparkTypes.of(field.type(), "concat column " + field.name()))
                        .as(field.name()));
            }
            Dataset<Row> typed = translated.data().select(columns.toArray(Column[]::new));
            data = data == null ? typed : data.union(typed);
        }
        return new Part(data, ordered, sliceable);
    }
}
