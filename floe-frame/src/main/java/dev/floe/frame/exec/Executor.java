package dev.floe.frame.exec;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.Series;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Column;
import dev.floe.frame.column.Vector;
import dev.floe.frame.column.Vectors;
import dev.floe.frame.plan.Aggregate;
import dev.floe.frame.plan.Filter;
import dev.floe.frame.plan.Join;
import dev.floe.frame.plan.PlanNode;
import dev.floe.frame.plan.Scan;
import dev.floe.frame.plan.Select;
import dev.floe.frame.plan.Slice;
import dev.floe.frame.plan.Sort;
import dev.floe.frame.plan.SortKey;
import dev.floe.frame.plan.TopK;
import dev.floe.frame.plan.WithColumns;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.Col;
import dev.floe.pool.Pool;
import dev.floe.pool.TaskFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a plan. A run of streaming nodes over a scan ({@code select}, {@code withColumns},
 * {@code filter}, {@code explode}) becomes one pipeline: the scan is cut into morsels, every worker runs the
 * pipeline on the morsels it takes, and the results are put back in morsel order, so the output
 * does not depend on the number of threads. A {@code slice} is taken from its input's result.
 */
public final class Executor {
    private static final Map<Integer, Pool> POOLS = new ConcurrentHashMap<>();

    private Executor() {}

    /** Runs {@code plan} and returns its result. */
    public static DataFrame collect(PlanNode plan, ExecutionConfig config) {
        return switch (plan) {
            case Slice slice -> slice(collect(slice.input(), config), slice.offset(), slice.length());
            case Aggregate aggregate -> {
                Pipeline pipeline = pipeline(aggregate.input(), config);
                yield new AggregateRunner(aggregate).run(pipeline.source(), pipeline.operators(), config,
                        config.threads() == 1 ? null : pool(config));
            }
            case Sort sort -> sort(sort, config);
            case TopK top -> topK(top, config);
            case dev.floe.frame.plan.Unique unique -> unique(unique, config);
            case dev.floe.frame.plan.WithRowIndex index -> withRowIndex(collect(index.input(), config), index);
            case dev.floe.frame.plan.Concat concat -> concat(concat, config);
            case dev.floe.frame.plan.Window window -> window(window, config);
            case Join join -> new JoinRunner(join).run(collect(join.left(), config), collect(join.right(), config),
                    config, config.threads() == 1 ? null : pool(config));
            default -> runPipeline(plan, config);
        };
    }

    private static DataFrame sort(Sort sort, ExecutionConfig config) {
        DataFrame input = collect(sort.input(), config);
        RowComparator comparator = comparator(input, sort.keys(), config);
        int[] order = MergeSort.sortedIndices(input.height(), comparator, config.threads(),
                config.threads() == 1 ? null : pool(config));
        return gather(input, order);
    }

    /** The order of the sort keys over {@code input}'s rows. */
    static RowComparator comparator(DataFrame input, List<SortKey> sortKeys, ExecutionConfig config) {
        List<Expr> keyExprs = new ArrayList<>();
        for (int k = 0; k < sortKeys.size(); k++) {
            keyExprs.add(sortKeys.get(k).expr().alias("__floe_sort_" + k));
        }
        DataFrame keys = collect(new Select(new Scan(input), keyExprs), config);
        RowComparator[] comparators = new RowComparator[keyExprs.size()];
        for (int k = 0; k < comparators.length; k++) {
            SortKey key = sortKeys.get(k);
            comparators[k] = RowComparator.of(keys.column(k).column().toVector(), key.descending(), key.placeNullsLast());
        }
        return RowComparator.chain(comparators);
    }

    /**
     * The first k rows in sort order: each morsel's k best found in parallel (a stable sort of the
     * morsel), then the candidates, in morsel order, sorted stably and cut to k.
     */
    private static DataFrame topK(TopK top, ExecutionConfig config) {
        DataFrame input = collect(top.input(), config);
        int n = input.height();
        int k = (int) Math.min(top.k(), n);
        RowComparator comparator = comparator(input, top.keys(), config);
        List<int[]> ranges = morsels(n, Math.max(config.morselRows(), 4 * k));
        java.util.function.Function<int[], int[]> best = range -> {
            int[] rows = new int[range[1]];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = range[0] + i;
            }
            MergeSort.sort(rows, new int[rows.length], 0, rows.length, comparator);
            return java.util.Arrays.copyOf(rows, Math.min(k, rows.length));
        };
        List<int[]> candidates = config.threads() == 1 || ranges.size() == 1
                ? ranges.stream().map(best).toList()
                : unwrapping(() -> pool(config).map(best::apply, ranges, 1));
        int total = candidates.stream().mapToInt(c -> c.length).sum();
        int[] all = new int[total];
        int at = 0;
        for (int[] c : candidates) {
            System.arraycopy(c, 0, all, at, c.length);
            at += c.length;
        }
        MergeSort.sort(all, new int[total], 0, total, comparator);
        return gather(input, java.util.Arrays.copyOf(all, k));
    }

    /** The first (or last) row of each distinct key, the kept rows in input order. */
    private static DataFrame unique(dev.floe.frame.plan.Unique unique, ExecutionConfig config) {
        DataFrame input = collect(unique.input(), config);
        List<String> keys = unique.keys();
        List<dev.floe.frame.DataType> types = keys.stream().map(input.schema()::type).toList();
        GroupTable table = new GroupTable(types);
        int rows = input.height();
        int[] groups = new int[rows];
        List<Vector> keyVectors = keys.stream().map(k -> input.column(k).column().toVector()).toList();
        table.assign(keyVectors, rows, 0, groups);
        int[] kept = new int[table.groups()];
        java.util.Arrays.fill(kept, -1);
        for (int row = 0; row < rows; row++) {
            if (unique.keepLast() || kept[groups[row]] < 0) {
                kept[groups[row]] = row;
            }
        }
        java.util.Arrays.sort(kept);
        return gather(input, kept);
    }

    private static DataFrame withRowIndex(DataFrame input, dev.floe.frame.plan.WithRowIndex index) {
        long[] numbers = new long[input.height()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = index.offset() + i;
        }
        List<Series> columns = new ArrayList<>();
        columns.add(Series.of(index.name(), Column.of(new dev.floe.frame.column.LongVector(
                dev.floe.frame.DataType.INT64, numbers, null))));
        columns.addAll(input.series());
        return DataFrame.of(columns);
    }

    /** Vertical: each column's chunks from every part, in the common type; horizontal: the columns side by side. */
    private static DataFrame concat(dev.floe.frame.plan.Concat concat, ExecutionConfig config) {
        List<DataFrame> parts = concat.parts().stream().map(part -> collect(part, config)).toList();
        if (concat.horizontal()) {
            List<Series> columns = new ArrayList<>();
            for (DataFrame part : parts) {
                if (part.height() != parts.get(0).height()) {
                    throw new dev.floe.frame.SchemaException("a horizontal concat needs frames of one height; frame 0 has "
                            + parts.get(0).height() + " rows, another " + part.height());
                }
                columns.addAll(part.series());
            }
            return DataFrame.of(columns);
        }
        Schema schema = concat.schema();
        List<Series> columns = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            Schema.Field field = schema.field(c);
            List<Vector> chunks = new ArrayList<>();
            for (DataFrame part : parts) {
                for (Vector chunk : part.column(c).column().chunks()) {
                    chunks.add(CastKernel.cast(chunk, field.type(), true, 0, "concat of column " + field.name()));
                }
            }
            if (field.type() == dev.floe.frame.DataType.CATEGORICAL && chunks.size() > 1) {
                chunks = Vectors.shareDictionary(chunks);
            }
            columns.add(Series.of(field.name(), Column.of(field.type(), chunks)));
        }
        return DataFrame.of(columns);
    }

    /** The input plus each window's column, computed over the whole input. */
    private static DataFrame window(dev.floe.frame.plan.Window window, ExecutionConfig config) {
        DataFrame input = collect(window.input(), config);
        List<Series> columns = new ArrayList<>(input.series());
        for (int w = 0; w < window.windows().size(); w++) {
            Expr expr = window.windows().get(w);
            Vector values = switch (expr) {
                case dev.floe.frame.expr.Over over -> over(input, over, config);
                case dev.floe.frame.expr.Cut cut -> {
                    Vector numbers = collect(new Select(new Scan(input), List.of(cut.input().alias("__floe_cut"))), config)
                            .column(0).column().toVector();
                    yield CutKernel.bin(numbers, CutKernel.edges(cut, numbers), !cut.quantiles().isEmpty(), cut.labels());
                }
                default -> throw new IllegalStateException("not a window: " + expr);
            };
            columns.add(Series.of(window.names().get(w), Column.of(values)));
        }
        return DataFrame.of(columns);
    }

    /**
     * An aggregation per partition, given back to each row: the groups aggregated (in order of
     * first appearance), every row's group found the same way, the group's value gathered.
     */
    private static Vector over(DataFrame input, dev.floe.frame.expr.Over over, ExecutionConfig config) {
        if (over.ordered()) {
            return WindowKernel.ordered(input, over, partitions(partitionKeys(input, over, config), input.height()),
                    config);
        }
        if (over.partitionBy().isEmpty()) {
            // one group: the aggregation over all rows, given to each
            DataFrame one = collect(new dev.floe.frame.plan.Aggregate(new Scan(input), List.of(),
                    List.of(over.expr().alias("__floe_over_value"))), config);
            return Kernels.gather(one.column(0).column().toVector(), new int[input.height()], input.height());
        }
        DataFrame keyFrame = partitionKeys(input, over, config);
        DataFrame withKeys = DataFrame.concatHorizontal(keyFrame, input);
        List<Expr> keyColumns = keyFrame.columns().stream().<Expr>map(dev.floe.frame.expr.Col::new).toList();
        DataFrame groups = collect(new dev.floe.frame.plan.Aggregate(new Scan(withKeys), keyColumns,
                List.of(over.expr().alias("__floe_over_value"))), config);
        int[] groupOfRow = partitions(keyFrame, input.height());
        Vector values = groups.column("__floe_over_value").column().toVector();
        return values.length() == 0 ? Kernels.nulls(values.type(), 0) : Kernels.gather(values, groupOfRow, groupOfRow.length);
    }

    /** {@code over}'s partition keys computed over {@code input}; null without keys. */
    private static DataFrame partitionKeys(DataFrame input, dev.floe.frame.expr.Over over, ExecutionConfig config) {
        if (over.partitionBy().isEmpty()) {
            return null;
        }
        List<Expr> keys = new ArrayList<>();
        for (int k = 0; k < over.partitionBy().size(); k++) {
            keys.add(over.partitionBy().get(k).alias("__floe_over_key_" + k));
        }
        return collect(new Select(new Scan(input), keys), config);
    }

    /** Each row's partition number, numbered in order of first appearance (all 0 without keys). */
    private static int[] partitions(DataFrame keyFrame, int rows) {
        int[] partition = new int[rows];
        if (keyFrame == null) {
            return partition;
        }
        List<Vector> keyVectors = new ArrayList<>();
        for (Series series : keyFrame.series()) {
            keyVectors.add(series.column().toVector());
        }
        GroupTable table = new GroupTable(keyFrame.schema().fields().stream().map(Schema.Field::type).toList());
        table.assign(keyVectors, rows, 0, partition);
        return partition;
    }

    /** Every column's rows in {@code order}. */
    private static DataFrame gather(DataFrame input, int[] order) {
        List<Series> columns = new ArrayList<>();
        for (Series series : input.series()) {
            Vector values = series.column().toVector();
            columns.add(Series.of(series.name(), Column.of(Kernels.gather(values, order, order.length))));
        }
        return DataFrame.of(columns);
    }

    /** A source frame and the streaming steps that run on its morsels. */
    record Pipeline(DataFrame source, List<BatchOperator> operators) {}

    /** The streaming nodes down from {@code plan} to the first node that is not streaming. */
    static Pipeline pipeline(PlanNode plan, ExecutionConfig config) {
        List<BatchOperator> operators = new ArrayList<>();
        PlanNode node = plan;
        while (node instanceof Select || node instanceof WithColumns || node instanceof Filter
                || node instanceof dev.floe.frame.plan.Explode) {
            switch (node) {
                case dev.floe.frame.plan.Explode explode -> {
                    List<String> names = explode.input().schema().names();
                    boolean[] exploded = new boolean[names.size()];
                    for (int c = 0; c < exploded.length; c++) {
                        exploded[c] = explode.columns().contains(names.get(c));
                    }
                    operators.add(0, new ExplodeOperator(exploded));
                }
                case Select select -> operators.add(0, project(select.exprs(), select.input().schema()));
                case WithColumns with -> operators.add(0, project(withColumnsOutputs(with), with.input().schema()));
                case Filter filter -> operators.add(0, new FilterOperator(
                        ExprCompiler.compile(filter.predicate(), filter.input().schema())));
                default -> throw new IllegalStateException("no pipeline step for " + node);
            }
            node = node.inputs().get(0);
        }
        DataFrame source = switch (node) {
            case Scan scan -> scan.read();
            case dev.floe.frame.plan.FileScan file -> file.source().read(
                    file.projection() == null ? file.source().schema().names() : file.projection(), file.predicate(),
                    file.limit(), config);
            default -> collect(node, config);
        };
        return new Pipeline(source, operators);
    }

    /** The engine's shared pool of {@code config.threads()} threads (readers run their parsing on it too). */
    public static Pool pool(ExecutionConfig config) {
        return POOLS.computeIfAbsent(config.threads(), Pool::threads);
    }

    /** Cuts {@code height} rows into morsels of at most {@code size} rows (one empty morsel for none). */
    static List<int[]> morsels(int height, int size) {
        List<int[]> ranges = new ArrayList<>();
        for (int start = 0; start < height; start += size) {
            ranges.add(new int[] {start, Math.min(size, height - start)});
        }
        if (ranges.isEmpty()) {
            ranges.add(new int[] {0, 0});
        }
        return ranges;
    }

    /** Runs work on the pool; a task's failure is thrown as the exception the task threw. */
    public static <T> T unwrapping(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (TaskFailedException e) {
            throw e.getCause() instanceof RuntimeException cause ? rethrown(cause) : e;
        }
    }

    private static DataFrame slice(DataFrame frame, long offset, long length) {
        long start = offset < 0 ? Math.max(0, frame.height() + offset) : Math.min(offset, frame.height());
        long count = Math.min(length, frame.height() - start);
        return frame.slice((int) start, (int) count);
    }

    /** A pipeline of streaming nodes collected into a frame. */
    private static DataFrame runPipeline(PlanNode plan, ExecutionConfig config) {
        Pipeline pipeline = pipeline(plan, config);
        return run(pipeline.source(), pipeline.operators(), plan.schema(), config);
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

    private static ProjectOperator project(List<Expr> exprs, Schema input) {
        List<PhysicalExpr> outputs = new ArrayList<>(exprs.size());
        for (Expr expr : exprs) {
            outputs.add(ExprCompiler.compile(expr, input));
        }
        return new ProjectOperator(outputs);
    }

    private static DataFrame run(DataFrame source, List<BatchOperator> operators, Schema schema,
            ExecutionConfig config) {
        List<int[]> ranges = morsels(source.height(), config.morselRows());
        List<Batch> results;
        if (config.threads() == 1 || ranges.size() == 1) {
            results = new ArrayList<>(ranges.size());
            for (int[] range : ranges) {
                results.add(process(source, range, operators));
            }
        } else {
            Pool pool = pool(config);
            results = unwrapping(() -> pool.map(range -> process(source, range, operators), ranges, 1));
        }
        return assemble(results, schema);
    }

    /** The failure of a worker, thrown again on the caller's thread with the same type and message. */
    private static RuntimeException rethrown(RuntimeException cause) {
        cause.addSuppressed(new RuntimeException("rethrown in the thread that ran the query"));
        return cause;
    }

    static Batch process(DataFrame source, int[] range, List<BatchOperator> operators) {
        List<Vector> columns = new ArrayList<>(source.width());
        for (Series series : source.series()) {
            columns.add(series.column().slice(range[0], range[1]).toVector());
        }
        Batch batch = new Batch(columns, range[1], range[0]);
        for (BatchOperator operator : operators) {
            batch = operator.apply(batch);
        }
        return batch;
    }

    /** The batches as a frame: each column's chunks are the batches' vectors, in order. */
    private static DataFrame assemble(List<Batch> batches, Schema schema) {
        List<Series> columns = new ArrayList<>(schema.size());
        for (int c = 0; c < schema.size(); c++) {
            List<Vector> chunks = new ArrayList<>(batches.size());
            for (Batch batch : batches) {
                if (batch.rows() > 0 || chunks.isEmpty()) {
                    chunks.add(batch.column(c));
                }
            }
            Schema.Field field = schema.field(c);
            if (chunks.size() > 1 && !chunks.isEmpty() && chunks.get(0) instanceof CategoricalVector) {
                chunks = Vectors.shareDictionary(chunks);
            }
            columns.add(Series.of(field.name(), Column.of(field.type(), chunks)));
        }
        return DataFrame.of(columns);
    }
}
