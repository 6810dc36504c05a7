package dev.floe.frame.exec;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.Series;
import dev.floe.frame.column.Column;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.agg.Accumulator;
import dev.floe.frame.exec.agg.Accumulators;
import dev.floe.frame.expr.Agg;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTrees;
import dev.floe.frame.expr.ExprTyper;
import dev.floe.frame.plan.Aggregate;
import dev.floe.pool.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Runs an {@link Aggregate}: each worker takes every T-th morsel of the input pipeline, computes
 * the keys and the aggregations' inputs, and pre-aggregates into a table and accumulators of its
 * own; the workers' states are then merged (by hash partition, one partition per worker, when
 * there are many groups), the groups put in order of first appearance, and the
 * expressions around the aggregations ({@code max - min}, {@code corr ** 2}) evaluated on the
 * aggregated columns.
 */
final class AggregateRunner {
    private static final String TEMPORARY = "__floe_agg_";

    private final Aggregate aggregate;
    private final Schema input;
    private final List<Agg> aggs;
    private final List<PhysicalExpr> keyExprs = new ArrayList<>();
    private final List<List<PhysicalExpr>> aggInputs = new ArrayList<>();
    private final List<Supplier<Accumulator>> accumulators = new ArrayList<>();
    private final List<DataType> keyTypes = new ArrayList<>();
    /** Several plain-column keys packed into one long for the run, or null; set by {@link #run}. */
    private KeyPacker packer;
    /** The types of the group table's keys: {@link #keyTypes}, or one {@code INT64} when packed. */
    private List<DataType> tableKeyTypes;

    AggregateRunner(Aggregate aggregate) {
        this.aggregate = aggregate;
        this.input = aggregate.input().schema();
        Map<Agg, Integer> distinct = new LinkedHashMap<>();
        for (Expr expr : aggregate.aggs()) {
            collectAggs(expr, distinct);
        }
        this.aggs = List.copyOf(distinct.keySet());
        for (Expr key : aggregate.keys()) {
            keyExprs.add(ExprCompiler.compile(key, input));
            keyTypes.add(ExprTyper.typeOf(key, input));
        }
        for (Agg agg : aggs) {
            List<PhysicalExpr> inputs = new ArrayList<>();
            for (Expr in : agg.inputs()) {
                inputs.add(ExprCompiler.compile(in, input));
            }
            aggInputs.add(inputs);
            DataType inputType = agg.inputs().isEmpty() ? DataType.NULL : ExprTyper.typeOf(agg.input(), input);
            accumulators.add(Accumulators.of(agg, inputType, ExprTyper.typeOf(agg, input)));
        }
    }

    private static void collectAggs(Expr expr, Map<Agg, Integer> found) {
        if (expr instanceof Agg agg) {
            found.putIfAbsent(agg, found.size());
            return;
        }
        for (Expr child : ExprTrees.children(expr)) {
            collectAggs(child, found);
        }
    }

    /** One worker's tables. */
    private record Partial(GroupTable table, List<Accumulator> accumulators) {}

    /** Groups of one merged partition in their order of first appearance: key and aggregate columns, first rows. */
    private record Merged(List<Vector> columns, long[] firstRows) {}

    /**
     * Below this many groups in all the workers' tables together, one thread merges them; from
     * it up, each of the workers merges the groups of one hash partition from every table.
     */
    static final int PARTITIONED_MERGE_GROUPS = 1 << 10;

    DataFrame run(DataFrame source, List<BatchOperator> operators, ExecutionConfig config, Pool pool) {
        packer = operators.isEmpty() && keyExprs.size() > 1 ? KeyPacker.of(aggregate.keys(), source) : null;
        tableKeyTypes = packer == null ? keyTypes : List.of(DataType.INT64);
        List<int[]> ranges = Executor.morsels(source.height(), config.morselRows());
        int workers = Math.max(1, Math.min(config.threads(), ranges.size()));
        if (workers > 1 && pool != null && operators.isEmpty() && nearlyUnique(source, ranges.get(0))) {
            return finish(interleave(partitioned(source, ranges, workers, pool)));
        }
        List<Partial> partials;
        if (workers == 1 || pool == null) {
            partials = List.of(aggregateMorsels(source, operators, ranges, 0, 1));
        } else {
            List<Integer> tasks = IntStream.range(0, workers).boxed().toList();
            partials = Executor.unwrapping(() -> pool.map(t -> aggregateMorsels(source, operators, ranges, t, workers),
                    tasks, 1));
        }
        long counted = 0;
        for (Partial partial : partials) {
            counted += partial.table().groups();
        }
        long groups = counted;
        if (partials.size() == 1) {
            return finish(results(partials.get(0).table(), partials.get(0).accumulators()).columns());
        }
        if (pool == null || groups < PARTITIONED_MERGE_GROUPS) {
            return finish(mergePartition(partials, groups, 0, 1).columns());
        }
        int partitions = partials.size();
        List<Integer> ids = IntStream.range(0, partitions).boxed().toList();
        List<Merged> merged = Executor.unwrapping(() -> pool.map(p -> mergePartition(partials, groups, p, partitions),
                ids, 1));
        return finish(interleave(merged));
    }

    /**
     * Whether the keys of the first morsel are nearly all distinct: then pre-aggregating would
     * not shrink the data, and merging the workers' tables would insert every group a second
     * time, so {@link #partitioned} is used instead.
     */
    private boolean nearlyUnique(DataFrame source, int[] range) {
        Batch batch = Executor.process(source, range, List.of());
        return GroupTable.nearlyUnique(tableKeyTypes, keyVectors(batch), batch.rows());
    }

    /**
     * Aggregation of nearly unique keys, radix-partitioned: first the workers hash every morsel's
     * keys and list its rows by partition (one partition per worker); then each worker takes one
     * partition and aggregates its rows from every morsel, in input order, into a table of its
     * own. Each group is inserted once and no tables are merged. The keys are computed again in
     * the second step rather than kept from the first: kept, they would outlive young
     * collections (copied by the GC) for less than packing them again costs.
     */
    private List<Merged> partitioned(DataFrame source, List<int[]> ranges, int workers, Pool pool) {
        int partitions = workers;
        int[][][] selections = new int[ranges.size()][][];
        List<Integer> tasks = IntStream.range(0, workers).boxed().toList();
        Executor.unwrapping(() -> pool.map(t -> {
            for (int m = t; m < ranges.size(); m += workers) {
                Batch batch = Executor.process(source, ranges.get(m), List.of());
                selections[m] = GroupTable.rowsByPartition(tableKeyTypes, keyVectors(batch), batch.rows(), partitions);
            }
            return null;
        }, tasks, 1));
        return Executor.unwrapping(() -> pool.map(p -> aggregatePartition(source, ranges, selections, p), tasks, 1));
    }

    /** One partition of {@link #partitioned}: its rows of every morsel, gathered and aggregated. */
    private Merged aggregatePartition(DataFrame source, List<int[]> ranges, int[][][] selections, int partition) {
        GroupTable table = new GroupTable(tableKeyTypes);
        List<Accumulator> states = newStates();
        long rowsHere = 0;
        for (int[][] selection : selections) {
            rowsHere += selection[partition].length;
        }
        table.reserve((int) Math.min(Integer.MAX_VALUE / 4, rowsHere));
        int[] groups = new int[0];
        for (int m = 0; m < ranges.size(); m++) {
            int[] rows = selections[m][partition];
            int count = rows.length;
            if (count == 0) {
                continue;
            }
            if (groups.length < count) {
                groups = new int[count];
            }
            Batch batch = Executor.process(source, ranges.get(m), List.of());
            List<Vector> keys = new ArrayList<>();
            for (Vector key : keyVectors(batch)) {
                keys.add(Kernels.gather(key, rows, count));
            }
            int before = table.groups();
            table.assign(keys, count, batch.start(), groups);
            table.firstRowsAt(before, batch.start(), rows);
            // the rows keep their order, so first/last are right; their numbers are the gathered positions
            addBatch(states, batch, groups, count, table.groups(), rows);
        }
        return results(table, states);
    }

    /** A fresh state for each aggregation. */
    private List<Accumulator> newStates() {
        List<Accumulator> states = new ArrayList<>(accumulators.size());
        for (Supplier<Accumulator> supplier : accumulators) {
            states.add(supplier.get());
        }
        return states;
    }

    /**
     * Adds a batch's rows to the states: every row, or where {@code positions} is not null the
     * {@code rows} rows it lists (their inputs gathered).
     */
    private void addBatch(List<Accumulator> states, Batch batch, int[] groups, int rows, int groupCount,
            int[] positions) {
        for (int a = 0; a < aggs.size(); a++) {
            List<Vector> inputs = new ArrayList<>();
            for (PhysicalExpr in : aggInputs.get(a)) {
                Vector values = in.evaluate(batch);
                inputs.add(positions == null ? values : Kernels.gather(values, positions, rows));
            }
            states.get(a).add(groups, rows, groupCount, inputs, batch.start());
        }
    }

    /** The key vectors of a batch as the group table takes them: one per key, or one packed. */
    private List<Vector> keyVectors(Batch batch) {
        List<Vector> keys = new ArrayList<>(keyExprs.size());
        for (PhysicalExpr key : keyExprs) {
            keys.add(key.evaluate(batch));
        }
        return packer != null ? List.of(packer.pack(keys, batch.rows())) : keys;
    }

    /** Merges, from every worker's tables ({@code expected} groups in all), the groups of one partition, and computes their results. */
    private Merged mergePartition(List<Partial> partials, long expected, int partition, int partitions) {
        GroupTable table = new GroupTable(tableKeyTypes);
        List<Accumulator> states = newStates();
        table.reserve((int) Math.min(Integer.MAX_VALUE / 4, expected / partitions + expected / (8L * partitions)));
        for (Partial partial : partials) {
            int[] mapping = table.merge(partial.table(), partition, partitions);
            for (int a = 0; a < aggs.size(); a++) {
                states.get(a).merge(partial.accumulators().get(a), mapping, table.groups());
            }
        }
        return results(table, states);
    }

    /** The groups' keys and aggregates, in order of first appearance. */
    private Merged results(GroupTable table, List<Accumulator> states) {
        int[] order = table.orderOfFirstAppearance();
        List<Vector> columns = new ArrayList<>();
        if (packer != null) {
            columns.addAll(packer.unpack(table.keyVector(0, order)));
        } else {
            for (int k = 0; k < keyTypes.size(); k++) {
                columns.add(table.keyVector(k, order));
            }
        }
        for (Accumulator state : states) {
            columns.add(state.finish(order));
        }
        long[] firstRows = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            firstRows[i] = table.firstRow(order[i]);
        }
        return new Merged(columns, firstRows);
    }

    /**
     * The partitions' groups put together in order of first appearance: each partition's groups
     * are in that order already, so their runs are merged (a heap of the runs' next groups).
     */
    private static List<Vector> interleave(List<Merged> merged) {
        int runs = merged.size();
        int[] starts = new int[runs + 1];
        for (int r = 0; r < runs; r++) {
            starts[r + 1] = starts[r] + merged.get(r).firstRows().length;
        }
        int total = starts[runs];
        int[] next = java.util.Arrays.copyOf(starts, runs);
        int[] heap = new int[runs];
        long[][] firstRows = new long[runs][];
        for (int r = 0; r < runs; r++) {
            firstRows[r] = merged.get(r).firstRows();
        }
        int size = 0;
        for (int r = 0; r < runs; r++) {
            if (next[r] < starts[r + 1]) {
                heap[size] = r;
                siftUp(heap, size++, firstRows, next, starts);
            }
        }
        int[] positions = new int[total];
        for (int i = 0; i < total; i++) {
            int r = heap[0];
            positions[i] = next[r]++;
            if (next[r] == starts[r + 1]) {
                heap[0] = heap[--size];
            }
            siftDown(heap, size, firstRows, next, starts);
        }
        List<Vector> columns = new ArrayList<>();
        for (int c = 0; c < merged.get(0).columns().size(); c++) {
            List<Vector> parts = new ArrayList<>();
            for (Merged part : merged) {
                parts.add(part.columns().get(c));
            }
            DataType type = parts.get(0).type();
            if (type == DataType.CATEGORICAL) {
                parts = dev.floe.frame.column.Vectors.shareDictionary(parts);
            }
            Vector all = dev.floe.frame.column.Vectors.concat(type, parts);
            columns.add(Kernels.gather(all, positions, total));
        }
        return columns;
    }

    /** The first row of run {@code r}'s next group. */
    private static long head(int r, long[][] firstRows, int[] next, int[] starts) {
        return firstRows[r][next[r] - starts[r]];
    }

    private static void siftUp(int[] heap, int at, long[][] merged, int[] next, int[] starts) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (head(heap[parent], merged, next, starts) <= head(heap[at], merged, next, starts)) {
                return;
            }
            int t = heap[parent];
            heap[parent] = heap[at];
            heap[at] = t;
            at = parent;
        }
    }

    private static void siftDown(int[] heap, int size, long[][] merged, int[] next, int[] starts) {
        int at = 0;
        while (true) {
            int smallest = at;
            for (int child = 2 * at + 1; child <= 2 * at + 2 && child < size; child++) {
                if (head(heap[child], merged, next, starts) < head(heap[smallest], merged, next, starts)) {
                    smallest = child;
                }
            }
            if (smallest == at) {
                return;
            }
            int t = heap[smallest];
            heap[smallest] = heap[at];
            heap[at] = t;
            at = smallest;
        }
    }

    private Partial aggregateMorsels(DataFrame source, List<BatchOperator> operators, List<int[]> ranges, int first,
            int step) {
        GroupTable table = new GroupTable(tableKeyTypes);
        List<Accumulator> states = newStates();
        int[] groups = new int[0];
        for (int m = first; m < ranges.size(); m += step) {
            Batch batch = Executor.process(source, ranges.get(m), operators);
            int rows = batch.rows();
            if (groups.length < rows) {
                groups = new int[rows];
            }
            table.assign(keyVectors(batch), rows, batch.start(), groups);
            if (m == first && table.groups() > rows / 2) {
                // nearly a group per row: room for all of this worker's rows up front
                long mine = (long) source.height() / step + rows;
                table.reserve((int) Math.min(Integer.MAX_VALUE / 4, mine));
            }
            addBatch(states, batch, groups, rows, table.groups(), null);
        }
        return new Partial(table, states);
    }

    /**
     * The result frame from the groups' key and aggregate columns (in order of first appearance):
     * the keys, then the aggregation expressions evaluated over the aggregates.
     */
    private DataFrame finish(List<Vector> keysThenAggregates) {
        List<Vector> columns = keysThenAggregates;
        int groups = columns.isEmpty() ? 0 : columns.get(0).length();
        List<Schema.Field> fields = new ArrayList<>();
        for (int k = 0; k < keyTypes.size(); k++) {
            fields.add(new Schema.Field(aggregate.keys().get(k).outputName(), keyTypes.get(k)));
        }
        Map<Agg, String> names = new LinkedHashMap<>();
        for (int a = 0; a < aggs.size(); a++) {
            String name = TEMPORARY + a;
            names.put(aggs.get(a), name);
            fields.add(new Schema.Field(name, columns.get(keyTypes.size() + a).type()));
        }
        Schema aggregated = Schema.of(fields);
        Batch batch = new Batch(columns, groups, 0);
        Schema output = aggregate.schema();
        List<Series> series = new ArrayList<>();
        for (int k = 0; k < keyTypes.size(); k++) {
            series.add(Series.of(output.field(k).name(), Column.of(columns.get(k))));
        }
        for (int e = 0; e < aggregate.aggs().size(); e++) {
            Expr rewritten = ExprTrees.rewrite(aggregate.aggs().get(e),
                    node -> node instanceof Agg agg ? new Col(names.get(agg)) : node);
            Vector values = ExprCompiler.compile(rewritten, aggregated).evaluate(batch);
            Schema.Field field = output.field(keyTypes.size() + e);
            if (values.type() != field.type()) {
                values = CastKernel.cast(values, field.type(), true, 0, aggregate.aggs().get(e).toString());
            }
            series.add(Series.of(field.name(), Column.of(values)));
        }
        return DataFrame.of(series);
    }
}
