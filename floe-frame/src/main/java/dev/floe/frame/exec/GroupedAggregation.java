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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The hash aggregation of an {@link Aggregate}, fed a batch at a time by many workers, each into
 * a {@link State} of its own, then finished over all of them.
 *
 * <p>Two ways, chosen on the first batch any worker sees. Usually each worker pre-aggregates into
 * a table and accumulators of its own, and at the end the workers' states are merged (by hash
 * partition, one partition per worker, when there are many groups). When the first batch's keys
 * are nearly all distinct, pre-aggregating would not shrink the data and merging would insert
 * every group twice: then each worker only sorts its rows (keys and aggregation inputs) into
 * hash partitions, and at the end each partition's rows from every worker are aggregated in
 * stream order into one table, each group inserted once, nothing merged.
 *
 * <p>Either way the groups come out in order of first appearance (batches carry their stream
 * position), and the expressions around the aggregations ({@code max - min}, {@code corr ** 2})
 * are evaluated on the aggregated columns. {@link #add} is thread-safe across states; a state is
 * used by one worker.
 */
public final class GroupedAggregation {
    private static final String TEMPORARY = "__floe_agg_";

    private final Aggregate aggregate;
    private final Schema input;
    private final List<Agg> aggs;
    private final List<PhysicalExpr> keyExprs = new ArrayList<>();
    /**
     * The aggregations' inputs, each distinct expression once (sum, min and max of one column read
     * it once, and rows held or spilled carry it once); {@link #inputSlots} says which an
     * aggregation takes.
     */
    private final List<PhysicalExpr> inputExprs = new ArrayList<>();
    /** For each aggregation, the places of its inputs among {@link #inputExprs}. */
    private final int[][] inputSlots;
    private final List<Supplier<Accumulator>> accumulators = new ArrayList<>();
    private final List<DataType> keyTypes = new ArrayList<>();
    /** Several plain-column keys packed into one long, or null. */
    private final KeyPacker packer;
    /** The types of the group table's keys: {@link #keyTypes}, or one {@code INT64} when packed. */
    private final List<DataType> tableKeyTypes;
    private final int workers;
    private final Object deciding = new Object();
    /** Where the state spills, or null. */
    private final SpillStore spill;
    /** Set once memory ran short: from then on rows go to spill files, by hash partition. */
    private volatile boolean spilling;

    /** The hash partitions spilled rows are written in; each is aggregated on its own at the end. */
    static final int SPILL_PARTITIONS = 64;
    /** Undecided until the first batch: then whether rows are partitioned rather than pre-aggregated. */
    private volatile Boolean partitioned;
    /** About how many rows the input gives, NaN when unknown. */
    private final double expectedRows;
    /**
     * Fewer input rows per group than this, by the first batch's estimate of the groups, and the
     * rows are partitioned: with more, each worker's table shrinks its rows enough that merging
     * the tables costs less than copying every row into a partition.
     */
    static final double PARTITION_ROWS_PER_GROUP = 4;

    /**
     * @param bounds what is known of the values of the input's columns, when the input gives a
     *     frame's or a file's rows as they are (all of them, or some filtered out): its key
     *     columns' bounds let the keys pack into one long; null otherwise
     * @param workers how many workers will add batches (one hash partition each when partitioning)
     */
    public GroupedAggregation(Aggregate aggregate, ValueBounds bounds, int workers) {
        this(aggregate, bounds, workers, null);
    }

    /**
     * An aggregation that reserves memory for its state from {@code spill} and, when refused,
     * writes further rows to spill files by hash partition; null never spills.
     */
    public GroupedAggregation(Aggregate aggregate, ValueBounds bounds, int workers, SpillStore spill) {
        this(aggregate, bounds, workers, spill, Double.NaN);
    }

    /**
     * As above, told about how many rows the input will give ({@code expectedRows}, NaN when
     * nothing tells): keys nearly all distinct in the first batch are partitioned only when the
     * groups they suggest are many for that many rows ({@link #decide}).
     */
    public GroupedAggregation(Aggregate aggregate, ValueBounds bounds, int workers, SpillStore spill,
            double expectedRows) {
        this.expectedRows = expectedRows;
        this.spill = aggregate.keys().isEmpty() ? null : spill;
        this.aggregate = aggregate;
        this.input = aggregate.input().schema();
        this.workers = Math.max(1, workers);
        Map<Agg, Integer> distinct = new LinkedHashMap<>();
        for (Expr expr : aggregate.aggs()) {
            collectAggs(expr, distinct);
        }
        this.aggs = List.copyOf(distinct.keySet());
        for (Expr key : aggregate.keys()) {
            keyExprs.add(ExprCompiler.compile(key, input));
            keyTypes.add(ExprTyper.typeOf(key, input));
        }
        Map<Expr, Integer> slots = new LinkedHashMap<>();
        this.inputSlots = new int[aggs.size()][];
        for (int a = 0; a < aggs.size(); a++) {
            Agg agg = aggs.get(a);
            inputSlots[a] = new int[agg.inputs().size()];
            for (int i = 0; i < agg.inputs().size(); i++) {
                Expr in = i == 0 ? accumulated(agg, input) : agg.inputs().get(i);
                Integer slot = slots.get(in);
                if (slot == null) {
                    slot = inputExprs.size();
                    slots.put(in, slot);
                    inputExprs.add(ExprCompiler.compile(in, input));
                }
                inputSlots[a][i] = slot;
            }
            DataType inputType = agg.inputs().isEmpty() ? DataType.NULL : ExprTyper.typeOf(accumulated(agg, input), input);
            accumulators.add(Accumulators.of(agg, inputType, ExprTyper.typeOf(agg, input)));
        }
        // several keys in one long; one text key too, as a number
        boolean packs = keyExprs.size() > 1 || keyExprs.size() == 1 && keyTypes.get(0) == DataType.UTF8;
        this.packer = bounds != null && packs ? KeyPacker.of(aggregate.keys(), input, bounds) : null;
        this.tableKeyTypes = packer == null ? keyTypes : List.of(DataType.INT64);
    }

    /**
     * What an aggregation's accumulator is given as its first input: its input, but for a sum of
     * integers cast to {@code INT128} (SQL's sum), the integers themselves, as the sum accumulator
     * adds {@code long}s into a 128-bit sum exactly and the cast would make two words of every value.
     */
    static Expr accumulated(Agg agg, Schema input) {
        Expr in = agg.input();
        if (agg.function() == dev.floe.frame.expr.AggFunction.SUM && in instanceof dev.floe.frame.expr.Cast cast
                && cast.type() == DataType.INT128) {
            DataType from = ExprTyper.typeOf(cast.input(), input);
            if (from == DataType.INT8 || from == DataType.INT16 || from == DataType.INT32 || from == DataType.INT64) {
                return cast.input();
            }
        }
        return in;
    }

    /** The aggregations in {@code expr}, each once, in order of appearance. */
    static void collectAggs(Expr expr, Map<Agg, Integer> found) {
        if (expr instanceof Agg agg) {
            found.putIfAbsent(agg, found.size());
            return;
        }
        for (Expr child : ExprTrees.children(expr)) {
            collectAggs(child, found);
        }
    }

    /** The rows of one batch that fall in one hash partition: their keys and aggregation inputs (each distinct input once). */
    private record Chunk(long start, int[] rows, List<Vector> keys, List<Vector> inputs) {
        long bytes() {
            long bytes = 4L * rows.length;
            for (Vector key : keys) {
                bytes += key.sizeInBytes();
            }
            for (Vector value : inputs) {
                bytes += value.sizeInBytes();
            }
            return bytes;
        }
    }

    /** One worker's part of the aggregation. */
    public final class State {
        private GroupTable table;
        private List<Accumulator> states;
        private int[] groups = new int[0];
        private boolean reserved;
        private List<List<Chunk>> parts;
        private long rowsSeen;
        /** Memory reserved for this state, and what it holds in partition chunks. */
        private long memory;
        private long chunkBytes;
        /**
         * The dictionaries of the categorical columns held in chunks, each value counted once in
         * {@link #chunkBytes}: for each dictionary lineage, how many of its values are counted. A
         * file's row groups or a CSV's ranges bring dictionaries of their own, or growing ones of
         * one lineage, which the held rows keep alive (a million text keys take tens of megabytes).
         */
        private final java.util.Map<Object, Integer> dictionaries = new java.util.IdentityHashMap<>();
        /** Spill files, one per partition, made as rows come. */
        private SpillStore.Run[] runs;
    }

    /** A worker's fresh state. */
    public State newState() {
        return new State();
    }

    /** Groups of one merged partition in their order of first appearance: key and aggregate columns, first rows. */
    private record Merged(List<Vector> columns, long[] firstRows) {}

    /**
     * Below this many groups in all the workers' tables together, one thread merges them; from
     * it up, each of the workers merges the groups of one hash partition from every table.
     */
    static final int PARTITIONED_MERGE_GROUPS = 1 << 10;

    /** Adds a batch (its {@code start}: its position in the stream) to a worker's state. */
    public void add(State state, Batch batch) {
        int rows = batch.rows();
        List<Vector> keys = keyVectors(batch);
        if (spilling) {
            spillRows(state, keys, inputsOf(batch), rows, batch.start(), null);
            return;
        }
        // the batch's inputs, where deciding evaluated them (evaluated once: a sequence advances)
        List<Vector> decidedInputs = partitioned == null ? decide(keys, batch, rows) : null;
        if (partitioned) {
            if (state.parts == null) {
                state.parts = new ArrayList<>();
                for (int p = 0; p < workers; p++) {
                    state.parts.add(new ArrayList<>());
                }
            }
            int[][] rowsOf = GroupTable.rowsByPartition(tableKeyTypes, keys, rows, workers);
            List<Vector> inputs = decidedInputs != null ? decidedInputs : inputsOf(batch);
            for (int p = 0; p < workers; p++) {
                int[] selected = rowsOf[p];
                int count = selected.length;
                if (count == 0) {
                    continue;
                }
                List<Vector> gatheredKeys = new ArrayList<>(keys.size());
                for (Vector key : keys) {
                    gatheredKeys.add(Kernels.gather(key, selected, count));
                }
                List<Vector> gatheredInputs = new ArrayList<>(inputs.size());
                for (Vector value : inputs) {
                    gatheredInputs.add(Kernels.gather(value, selected, count));
                }
                Chunk chunk = new Chunk(batch.start(), selected, gatheredKeys, gatheredInputs);
                state.parts.get(p).add(chunk);
                state.chunkBytes += chunk.bytes() + newDictionaryBytes(state, gatheredKeys)
                        + newDictionaryBytes(state, gatheredInputs);
            }
            account(state);
            return;
        }
        if (state.table == null) {
            state.table = new GroupTable(tableKeyTypes);
            state.states = newStates();
        }
        if (state.groups.length < rows) {
            state.groups = new int[rows];
        }
        state.table.assign(keys, rows, batch.start(), state.groups);
        if (!state.reserved && rows > 0) {
            state.reserved = true;
            if (state.table.groups() > rows / 2 && rows >= GroupTable.SAMPLE_MIN) {
                // nearly a group per row: room for a few such batches up front
                state.table.reserve(Math.min(Integer.MAX_VALUE / 4, rows * 4));
            }
        }
        addBatch(state.states, batch, state.groups, rows, state.table.groups());
        state.rowsSeen += rows;
        account(state);
    }

    /** The aggregations' distinct inputs over a batch ({@link #inputExprs}). */
    private List<Vector> inputsOf(Batch batch) {
        List<Vector> inputs = new ArrayList<>(inputExprs.size());
        for (PhysicalExpr expr : inputExprs) {
            inputs.add(expr.evaluate(batch));
        }
        return inputs;
    }

    /** Aggregation {@code a}'s inputs among the distinct ones. */
    private List<Vector> inputsOf(int a, List<Vector> inputs) {
        int[] slots = inputSlots[a];
        List<Vector> values = new ArrayList<>(slots.length);
        for (int slot : slots) {
            values.add(inputs.get(slot));
        }
        return values;
    }

    /** Reserves what the state grew by; when refused, the aggregation spills from now on. */
    private void account(State state) {
        if (spill == null) {
            return;
        }
        long size = state.chunkBytes;
        if (state.table != null) {
            size += state.table.sizeInBytes();
            for (Accumulator accumulator : state.states) {
                size += accumulator.sizeInBytes(state.table.groups());
            }
        }
        long grown = size - state.memory;
        if (grown <= 0) {
            return;
        }
        if (spill.tryReserve(grown)) {
            state.memory = size;
            return;
        }
        spilling = true;
        spillHeld(state);
    }

    /** Writes the rows a state holds by partition to its spill files, a batch's rows together, and gives their memory back. */
    private void spillHeld(State state) {
        if (state.parts == null) {
            return;
        }
        for (Chunk chunk : byBatch(state.parts)) {
            spillRows(state, chunk.keys(), chunk.inputs(), chunk.rows().length, chunk.start(), chunk.rows());
        }
        spill.release(state.memory);
        state.memory = 0;
        state.chunkBytes = 0;
        state.dictionaries.clear();
    }

    /** The bytes of the categorical columns' dictionaries the state does not hold yet; from now on it does. */
    private static long newDictionaryBytes(State state, List<Vector> columns) {
        long bytes = 0;
        for (Vector column : columns) {
            if (column instanceof dev.floe.frame.column.CategoricalVector categorical) {
                dev.floe.frame.column.Dictionary dictionary = categorical.dictionary();
                int counted = state.dictionaries.getOrDefault(dictionary.lineage(), 0);
                if (counted < dictionary.size()) {
                    state.dictionaries.put(dictionary.lineage(), dictionary.size());
                    // the values added since (a lineage's dictionaries share what they hold)
                    bytes += dictionary.retainedSizeInBytes() * (dictionary.size() - counted) / dictionary.size();
                }
            }
        }
        return bytes;
    }

    /**
     * About what the partitioned way's tables take for the rows held ({@link #tablesBytes}).
     */
    private long partitionTablesBytes(List<State> all) {
        long rows = 0;
        long keyBytes = 0;
        for (State state : all) {
            if (state.parts == null) {
                continue;
            }
            for (List<Chunk> chunks : state.parts) {
                for (Chunk chunk : chunks) {
                    rows += chunk.rows().length;
                    for (Vector key : chunk.keys()) {
                        keyBytes += key.sizeInBytes();
                    }
                }
            }
        }
        return tablesBytes(rows, keyBytes);
    }

    /**
     * About what the partitioned way's tables take when each of {@code rows} held rows, whose keys
     * take {@code keyBytes}, is a group of its own (the keys are nearly unique, or it would not
     * partition): each group's slots, hash and first row, its stored keys (as many bytes as the
     * held keys) and its aggregation states; and the results built from them while they are held.
     */
    private long tablesBytes(long rows, long keyBytes) {
        long bytes = 32 * rows + keyBytes;
        int groups = (int) Math.min(Integer.MAX_VALUE, rows);
        for (Supplier<Accumulator> supplier : accumulators) {
            bytes += supplier.get().sizeInBytes(groups);
        }
        // the results are built while the tables are held: about eight bytes a group for each
        // key and aggregate column, the groups' first rows and their order, and the held keys'
        // bytes again (what text keys copy into the results; more than other keys need)
        bytes += rows * (8L * (keyTypes.size() + aggregate.aggs().size()) + 12) + keyBytes;
        return bytes;
    }

    /**
     * Writes rows to the state's spill files by hash partition: each partition's rows of one batch
     * as one spilled batch of the keys, the inputs, and the rows' places in their batch (which
     * started at {@code start}); {@code within} gives those places when the rows are a selection.
     */
    private void spillRows(State state, List<Vector> keys, List<Vector> inputs, int rows, long start,
            int[] within) {
        if (state.runs == null) {
            state.runs = new SpillStore.Run[SPILL_PARTITIONS];
        }
        writeByPartition(state.runs, "aggregate", keys, inputs, rows, start, within, 0);
    }

    /**
     * Writes rows to {@code runs} (made as needed) by their hash partition at {@code level} (see
     * {@link Repartitioning}), as {@link #spillRows} describes.
     */
    private void writeByPartition(SpillStore.Run[] runs, String what, List<Vector> keys, List<Vector> inputs,
            int rows, long start, int[] within, int level) {
        int[][] rowsOf = GroupTable.rowsByPartition(GroupTable.rowHashes(tableKeyTypes, keys, rows), rows,
                SPILL_PARTITIONS, level);
        keys = coded(keys, keyDictionaries);
        inputs = coded(inputs, inputDictionaries);
        for (int p = 0; p < SPILL_PARTITIONS; p++) {
            int[] selected = rowsOf[p];
            int count = selected.length;
            if (count == 0) {
                continue;
            }
            // categorical columns are codes in shared dictionaries by now
            List<Vector> columns = new ArrayList<>();
            for (Vector key : keys) {
                columns.add(Kernels.gather(key, selected, count));
            }
            for (Vector value : inputs) {
                columns.add(Kernels.gather(value, selected, count));
            }
            int[] places = new int[count];
            for (int i = 0; i < count; i++) {
                places[i] = within == null ? selected[i] : within[selected[i]];
            }
            columns.add(new dev.floe.frame.column.IntVector(DataType.INT32, places, null));
            if (runs[p] == null) {
                runs[p] = spill.newRun(what + "-p" + p);
            }
            runs[p].write(new Batch(columns, count, start));
        }
    }

    /**
     * Decides, on the first batch, between pre-aggregating and partitioning: partitioning when the
     * batch's keys are nearly all distinct and the groups they suggest leave fewer than {@link
     * #PARTITION_ROWS_PER_GROUP} of the expected rows to a group (a million groups over a hundred
     * million rows look nearly distinct in a batch of 65,536, yet shrink a hundredfold when
     * pre-aggregated). With the rows unknown, nearly distinct keys partition.
     *
     * <p>Partitioned rows that would take more than {@link #EARLY_SPILL_MARGIN} times the memory
     * limit, held with their partitions' tables (the expected rows at the batch's bytes a row),
     * go to spill files from the first batch on: held until the limit refuses more, they would
     * be copied by every young collection that found them and then written all the same. Gives
     * the batch's inputs where it evaluated them, else null.
     */
    private List<Vector> decide(List<Vector> keys, Batch batch, int rows) {
        synchronized (deciding) {
            List<Vector> inputs = null;
            if (partitioned == null) {
                boolean partition = false;
                if (workers > 1 && !aggregate.keys().isEmpty()) {
                    double groups = GroupTable.sampledGroups(tableKeyTypes, keys, rows);
                    partition = groups > 0 && (Double.isNaN(expectedRows)
                            || groups * PARTITION_ROWS_PER_GROUP > expectedRows);
                }
                if (partition && spill != null && !Double.isNaN(expectedRows) && rows > 0) {
                    inputs = inputsOf(batch);
                    // the expected rows at this batch's bytes a row (a categorical value as its code:
                    // its dictionary is shared), held, then in their tables
                    long expected = (long) Math.min(expectedRows, 1e15);
                    double keyBytes = bytesPerRow(keys, rows);
                    double bytes = expected * (keyBytes + bytesPerRow(inputs, rows))
                            + tablesBytes(expected, (long) (expected * keyBytes));
                    if (bytes > EARLY_SPILL_MARGIN * spill.limit()) {
                        spilling = true;
                    }
                }
                partitioned = partition;
            }
            return inputs;
        }
    }

    /**
     * How many times the memory limit the partitioned rows and their tables are expected to take
     * before they go to spill files from the start: an estimate of the rows may be high (a filter
     * that keeps fewer), and spilling what would have fit costs writing and reading it.
     */
    static final double EARLY_SPILL_MARGIN = 2;

    /** The bytes a row of {@code columns} takes, over a batch of {@code rows}. */
    private static double bytesPerRow(List<Vector> columns, int rows) {
        double bytes = 0;
        for (Vector column : columns) {
            bytes += column.sizeInBytes();
        }
        return bytes / rows;
    }

    /** Whether rows are partitioned rather than pre-aggregated: null until the first batch decides. */
    Boolean partitioned() {
        return partitioned;
    }

    /** The result over every worker's state: the keys, then one column per aggregation expression. */
    public DataFrame finish(List<State> all, Workers run) {
        return finish(all, run, false).frame();
    }

    /**
     * What {@link #finishToRuns} gives: the result in memory ({@code frame}), or, when the
     * aggregation spilled, the {@code runs} its groups were written to (see {@link #finishToRuns}).
     */
    public record Finished(DataFrame frame, List<List<SpillStore.Run>> runs) {}

    /**
     * The result over every worker's state as {@link #finish(List, Workers)} gives it, unless the
     * aggregation spilled: then each partition's groups (and each sub-partition's, when one was
     * split) are written to a spill run of their own as they are made, so that a result larger
     * than memory is never held whole. A run's batches hold the keys, then the aggregates, then
     * each group's first row (INT64), in order of first appearance; merged by that last column,
     * the runs give the groups in the order {@link #finish(List, Workers)} does, and {@link
     * #resultOf} turns a merged batch into result rows. The runs come in ranges of first rows,
     * in order: each range's runs hold groups whose first rows all come before the next range's,
     * so the ranges can be merged on their own, at once.
     */
    public Finished finishToRuns(List<State> all, Workers run) {
        return finish(all, run, true);
    }

    /**
     * The result rows of groups read back from {@link #finishToRuns}'s runs: their keys and
     * aggregates (the first-row column left out), the aggregation expressions evaluated over them.
     */
    public DataFrame resultOf(List<Vector> keysThenAggregates) {
        List<Vector> columns = new ArrayList<>(keysThenAggregates);
        int keys = keyTypes.size();
        for (int c = 0; c < columns.size(); c++) {
            columns.set(c, uncoded(columns.get(c), c, c < keys ? groupKeyDictionaries : aggregateDictionaries));
        }
        return finish(columns);
    }

    /** How many columns of a run's batches hold keys and aggregates: all but the last (see {@link #finishToRuns}). */
    public int groupColumns() {
        return keyTypes.size() + aggs.size();
    }

    private Finished finish(List<State> all, Workers run, boolean toRuns) {
        if (!spilling && Boolean.TRUE.equals(partitioned)) {
            long tables = partitionTablesBytes(all);
            if (spill != null && !spill.tryReserve(tables)) {
                // the partitions' tables would not fit beside the rows held for them: the rows go to
                // spill files (each worker's on a worker, as the workers spill while they read), and
                // the partitions are aggregated a sixty-fourth at a time
                spilling = true;
                run.runTasks(all.size(), s -> {
                    spillHeld(all.get(s));
                    return null;
                });
            } else {
                try {
                    List<Merged> merged = run.runTasks(workers, p -> aggregatePartition(all, p));
                    for (State state : all) {
                        state.parts = null; // the held rows are garbage once aggregated
                    }
                    return new Finished(finish(interleave(merged)), null);
                } finally {
                    if (spill != null) {
                        spill.release(tables);
                    }
                }
            }
        }
        if (spilling) {
            if (toRuns) {
                List<List<SpillStore.Run>> runs = new ArrayList<>();
                finishSpilled(all, run, (groups, level) -> writeGroups(groups, level, runs, run.threads()));
                return new Finished(null, runs);
            }
            List<Merged> merged = new ArrayList<>();
            finishSpilled(all, run, (groups, level) -> {
                synchronized (merged) {
                    merged.add(groups);
                }
            });
            return new Finished(finish(interleave(merged)), null);
        }
        List<State> partials = new ArrayList<>();
        for (State state : all) {
            if (state.table != null) {
                partials.add(state);
            }
        }
        if (partials.isEmpty()) {
            State empty = new State();
            empty.table = new GroupTable(tableKeyTypes);
            empty.states = newStates();
            partials.add(empty);
        }
        long groups = 0;
        for (State partial : partials) {
            groups += partial.table.groups();
            translations.addAndGet(partial.table.dictionaryTranslations());
        }
        if (partials.size() == 1) {
            return new Finished(finish(results(partials.get(0).table, partials.get(0).states).columns()), null);
        }
        long expected = groups;
        if (run.threads() == 1 || groups < PARTITIONED_MERGE_GROUPS) {
            return new Finished(finish(mergePartition(partials, expected, 0, 1).columns()), null);
        }
        int partitions = partials.size();
        List<Merged> merged = run.runTasks(partitions, p -> mergePartition(partials, expected, p, partitions));
        return new Finished(finish(interleave(merged)), null);
    }

    /**
     * The groups of a spilled aggregation, partition by partition: each partition's table merges
     * the groups of that partition from the states kept in memory, then the rows held in memory and
     * the spilled rows of the partition. One partition's table is in memory at a time per worker,
     * under the query's memory; a partition that does not fit is split again ({@link
     * #aggregateSpilled}).
     */
    private void finishSpilled(List<State> all, Workers run, java.util.function.ObjIntConsumer<Merged> out) {
        // rows still held in chunks (workers that never spilled them) go to partitions as they are,
        // each worker's on a worker, then in the workers' order
        List<List<List<Chunk>>> heldOf = run.runTasks(all.size(), s -> heldByPartition(all.get(s)));
        List<List<Chunk>> held = new ArrayList<>();
        for (int p = 0; p < SPILL_PARTITIONS; p++) {
            List<Chunk> chunks = new ArrayList<>();
            for (List<List<Chunk>> ofState : heldOf) {
                chunks.addAll(ofState.get(p));
            }
            held.add(chunks);
        }
        // every value is in the shared dictionaries now: held and spilled rows alike read in one
        // dictionary per column, and each partition's table translates none of them
        for (List<Chunk> chunks : held) {
            for (int c = 0; c < chunks.size(); c++) {
                Chunk chunk = chunks.get(c);
                List<Vector> keys = new ArrayList<>(chunk.keys().size());
                for (int k = 0; k < chunk.keys().size(); k++) {
                    keys.add(uncoded(chunk.keys().get(k), k, keyDictionaries));
                }
                List<Vector> inputs = new ArrayList<>(chunk.inputs().size());
                for (int i = 0; i < chunk.inputs().size(); i++) {
                    inputs.add(uncoded(chunk.inputs().get(i), i, inputDictionaries));
                }
                chunks.set(c, new Chunk(chunk.start(), chunk.rows(), keys, inputs));
            }
        }
        List<State> kept = new ArrayList<>();
        for (State state : all) {
            if (state.table != null) {
                kept.add(state);
            }
            if (state.runs != null) {
                for (SpillStore.Run written : state.runs) {
                    if (written != null) {
                        written.finishWriting(); // 64 files a worker wait to be read: they hold no buffers
                    }
                }
            }
        }
        run.runTasks(SPILL_PARTITIONS, p -> {
            List<SpillStore.Run> runs = new ArrayList<>();
            for (State state : all) {
                if (state.runs != null && state.runs[p] != null) {
                    runs.add(state.runs[p]);
                }
            }
            aggregateSpilled(kept, held.get(p), runs, 0, p, run.threads(), out);
            return p;
        });
    }

    /**
     * The rows {@code state} holds in chunks, by hash partition: each partition's rows of a chunk
     * gathered into a chunk of their own, its categorical columns as codes in the shared
     * dictionaries (as the spilled rows are).
     */
    private List<List<Chunk>> heldByPartition(State state) {
        List<List<Chunk>> held = new ArrayList<>();
        for (int p = 0; p < SPILL_PARTITIONS; p++) {
            held.add(new ArrayList<>());
        }
        if (state.parts == null) {
            return held;
        }
        for (Chunk chunk : byBatch(state.parts)) {
            int count = chunk.rows().length;
            int[][] rowsOf = GroupTable.rowsByPartition(tableKeyTypes, chunk.keys(), count, SPILL_PARTITIONS);
            for (int p = 0; p < SPILL_PARTITIONS; p++) {
                int[] selected = rowsOf[p];
                if (selected.length == 0) {
                    continue;
                }
                List<Vector> keys = new ArrayList<>();
                for (Vector key : chunk.keys()) {
                    keys.add(Kernels.gather(key, selected, selected.length));
                }
                List<Vector> inputs = new ArrayList<>();
                for (Vector value : chunk.inputs()) {
                    inputs.add(Kernels.gather(value, selected, selected.length));
                }
                int[] places = new int[selected.length];
                for (int i = 0; i < places.length; i++) {
                    places[i] = chunk.rows()[selected[i]];
                }
                // in the shared dictionaries, as the spilled rows are (made categorical again after)
                held.get(p).add(new Chunk(chunk.start(), places, coded(keys, keyDictionaries),
                        coded(inputs, inputDictionaries)));
            }
        }
        return held;
    }

    /**
     * About the bytes of each batch of a run of groups ({@link #finishToRuns}): the merge that reads
     * the runs holds a batch of each (and its compressed and raw bytes) at once.
     */
    static final long GROUP_BATCH_BYTES = 64 << 10;

    /**
     * One dictionary for each categorical key, aggregation input and aggregate that spills ({@link
     * SharedDictionary}): spilled rows and the runs of groups hold codes in them, so a partition's
     * table and the merge of the runs see one dictionary where every spilled piece would bring
     * its own. The groups' dictionary of a key starts with what its spilled rows' holds, so a
     * partition's keys, read in that dictionary, are written as they are.
     */
    private final java.util.concurrent.ConcurrentHashMap<Integer, SharedDictionary> keyDictionaries =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<Integer, SharedDictionary> inputDictionaries =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<Integer, SharedDictionary> aggregateDictionaries =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<Integer, SharedDictionary> groupKeyDictionaries =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The dictionary of key {@code k}'s groups: seeded with its spilled rows' dictionary when they have one. */
    private SharedDictionary groupKeyDictionary(int k) {
        return groupKeyDictionaries.computeIfAbsent(k, key -> {
            SharedDictionary rows = keyDictionaries.get(key);
            return rows == null ? new SharedDictionary() : new SharedDictionary(rows.dictionary());
        });
    }

    /** Spilled keys or inputs with each categorical column as codes in its shared dictionary. */
    private static List<Vector> coded(List<Vector> columns,
            java.util.concurrent.ConcurrentHashMap<Integer, SharedDictionary> dictionaries) {
        List<Vector> out = null;
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c) instanceof dev.floe.frame.column.CategoricalVector categorical) {
                if (out == null) {
                    out = new ArrayList<>(columns);
                }
                out.set(c, dictionaries.computeIfAbsent(c, ignored -> new SharedDictionary()).codes(categorical));
            }
        }
        return out == null ? columns : out;
    }

    /** A column read back from a spill file: codes in a shared dictionary become categorical again. */
    private static Vector uncoded(Vector column, int index,
            java.util.concurrent.ConcurrentHashMap<Integer, SharedDictionary> dictionaries) {
        SharedDictionary shared = dictionaries.get(index);
        return shared != null && column instanceof dev.floe.frame.column.IntVector codes ? shared.categorical(codes)
                : column;
    }

    /**
     * Where the ranges of first rows that the runs of groups are cut into begin (after the first,
     * which begins at the start), set by the first partition written: each range's runs are merged
     * on their own, so that the ranges' groups can be merged and passed on in parallel.
     */
    private volatile long[] rangeStarts;
    /** Groups a range should hold at least: below that, fewer ranges (and files) are cut. */
    static final long GROUPS_PER_RANGE = 1 << 18;

    /**
     * The ranges' starts, from the first partition's groups when none are set yet: a partition's
     * groups are a sample of them all (its keys' hashes decide it), so its first rows' quantiles
     * cut every partition's groups about evenly.
     */
    private long[] rangeStarts(long[] firstRows, int level, int threads) {
        long[] starts = rangeStarts;
        if (starts != null) {
            return starts;
        }
        synchronized (this) {
            if (rangeStarts == null) {
                // the partition holds a 64th of the hashes at each level down to its own
                double expected = firstRows.length * Math.pow(SPILL_PARTITIONS, level + 1);
                int ranges = (int) Math.max(1, Math.min(2L * threads, expected / GROUPS_PER_RANGE));
                long[] made = new long[ranges - 1];
                for (int r = 1; r < ranges; r++) {
                    made[r - 1] = firstRows[(int) ((long) firstRows.length * r / ranges)];
                }
                rangeStarts = made;
            }
            return rangeStarts;
        }
    }

    /**
     * A partition's groups written to runs, as {@link #finishToRuns} describes, one run for each
     * range of first rows that holds some ({@link #rangeStarts}), added to that range's list in
     * {@code ranges}; their memory is let go.
     */
    private void writeGroups(Merged groups, int level, List<List<SpillStore.Run>> ranges, int threads) {
        List<Vector> columns = new ArrayList<>(groups.columns());
        int keys = keyTypes.size();
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c) instanceof dev.floe.frame.column.CategoricalVector categorical) {
                SharedDictionary shared = c < keys ? groupKeyDictionary(c)
                        : aggregateDictionaries.computeIfAbsent(c, k -> new SharedDictionary());
                columns.set(c, shared.codes(categorical));
            }
        }
        groups.columns().clear();
        long[] firstRows = groups.firstRows();
        int count = firstRows.length;
        if (count == 0) {
            return;
        }
        Vector first = new dev.floe.frame.column.LongVector(DataType.INT64, firstRows, null);
        long bytes = first.sizeInBytes();
        for (Vector column : columns) {
            bytes += column.sizeInBytes();
        }
        long perRow = Math.max(1, bytes / count);
        int batchRows = (int) Math.max(256, Math.min(1 << 16, GROUP_BATCH_BYTES / perRow));
        long[] starts = rangeStarts(firstRows, level, threads);
        int from = 0;
        for (int r = 0; r <= starts.length; r++) {
            int to = count;
            if (r < starts.length) {
                // the first group at or after the next range's start (first rows ascend)
                int at = Arrays.binarySearch(firstRows, from, count, starts[r]);
                to = at >= 0 ? at : -at - 1;
            }
            if (to > from) {
                SpillStore.Run out = spill.newRun("aggregate-groups-r" + r);
                for (int at = from; at < to; at += batchRows) {
                    int rows = Math.min(batchRows, to - at);
                    List<Vector> slices = new ArrayList<>(columns.size() + 1);
                    for (Vector column : columns) {
                        slices.add(column.slice(at, rows));
                    }
                    slices.add(first.slice(at, rows));
                    out.write(new Batch(slices, rows, at));
                }
                out.finishWriting();
                synchronized (ranges) {
                    while (ranges.size() <= r) {
                        ranges.add(new ArrayList<>());
                    }
                    ranges.get(r).add(out);
                }
            }
            from = to;
        }
    }

    /**
     * Aggregates one spilled partition into {@code out}: the groups of the kept tables whose
     * hashes are in it ({@code prefix}: its partition at each level so far, six bits each), its
     * rows held in memory, then its spilled rows. Its table and accumulators are held under the
     * query's memory; when that is refused and the partition holds more than its share, it is
     * split into sub-partitions at the next level ({@link Repartitioning}), each aggregated in turn
     * (their groups go to {@code out} as separate runs; the final merge orders them all by first
     * appearance). The partition's runs are deleted once read.
     */
    private void aggregateSpilled(List<State> kept, List<Chunk> held, List<SpillStore.Run> runs, int level,
            int prefix, int workers, java.util.function.ObjIntConsumer<Merged> out) {
        if (!aggregateInMemory(kept, held, runs, level, prefix, workers, out)) {
            split(kept, held, runs, level, prefix, workers, out);
        }
    }

    /**
     * {@link #aggregateSpilled} without splitting: true when the partition's groups went to
     * {@code out}, false when it is to be split (its table given up, nothing added).
     */
    private boolean aggregateInMemory(List<State> kept, List<Chunk> held, List<SpillStore.Run> runs, int level,
            int prefix, int workers, java.util.function.ObjIntConsumer<Merged> out) {
        GroupTable table = new GroupTable(tableKeyTypes);
        List<Accumulator> states = newStates();
        long[] reserved = {0};
        try {
            int partitions = 1 << (GroupTable.LEVEL_BITS * (level + 1));
            for (State partial : kept) {
                int[] mapping = table.merge(partial.table, prefix, partitions);
                for (int a = 0; a < aggs.size(); a++) {
                    states.get(a).merge(partial.states.get(a), mapping, table.groups());
                }
                if (!holds(table, states, reserved, level, workers)) {
                    return false;
                }
            }
            int[] groups = new int[0];
            for (Chunk chunk : held) {
                groups = addRows(table, states, chunk.keys(), chunk.inputs(), chunk.rows(), chunk.start(), groups);
                if (!holds(table, states, reserved, level, workers)) {
                    return false;
                }
            }
            for (SpillStore.Run spilled : runs) {
                try (SpillStore.Reader batches = spilled.read()) {
                    while (batches.hasNext()) {
                        Spilled rows = spilled(batches.next());
                        groups = addRows(table, states, rows.keys(), rows.inputs(), rows.places(), rows.start(), groups);
                        if (!holds(table, states, reserved, level, workers)) {
                            return false;
                        }
                    }
                }
            }
            out.accept(results(table, states), level);
            for (SpillStore.Run spilled : runs) {
                spilled.delete();
            }
            return true;
        } finally {
            spill.release(reserved[0]);
        }
    }

    /**
     * Whether a partition's table and accumulators may go on growing in memory: they grew under
     * the reservation ({@code reserved[0]}, grown here), or, refused, they are not worth splitting
     * (or cannot be split: one group, or the last level) and need no more than the limit. False
     * when the partition is to be split. The table counts what grows with its groups ({@link
     * GroupTable#groupBytes}): its bounded scratch would not shrink by splitting.
     *
     * @throws RuntimeException ({@link SpillStore#tooLarge}) when it cannot be split and needs more than the limit
     */
    private boolean holds(GroupTable table, List<Accumulator> states, long[] reserved, int level, int workers) {
        long size = table.groupBytes();
        for (Accumulator state : states) {
            size += state.sizeInBytes(table.groups());
        }
        long grown = size - reserved[0];
        if (grown <= 0) {
            return true;
        }
        if (spill.tryReserve(grown)) {
            reserved[0] = size;
            return true;
        }
        if (level < Repartitioning.MAX_LEVEL && table.groups() > 1
                && Repartitioning.worthSplitting(size, spill.limit(), workers)) {
            return false;
        }
        if (size > spill.limit()) {
            String piece = table.groups() == 1 ? "the state of one group"
                    : String.format(java.util.Locale.ROOT, "the state of %,d groups whose keys share a hash partition "
                            + "after %d splits", table.groups(), level);
            throw spill.tooLarge("group-by", piece, size);
        }
        return true;
    }

    /**
     * Splits a partition that does not fit: its held and spilled rows written to sub-partition
     * runs by the next level's hash bits (the spilled runs deleted), then each sub-partition
     * aggregated in turn into {@code out}.
     */
    private void split(List<State> kept, List<Chunk> held, List<SpillStore.Run> runs, int level, int prefix,
            int workers, java.util.function.ObjIntConsumer<Merged> out) {
        SpillStore.Run[] subRuns = new SpillStore.Run[SPILL_PARTITIONS];
        String what = "aggregate-l" + (level + 1);
        for (Chunk chunk : held) {
            writeByPartition(subRuns, what, chunk.keys(), chunk.inputs(), chunk.rows().length, chunk.start(),
                    chunk.rows(), level + 1);
        }
        for (SpillStore.Run spilled : runs) {
            try (SpillStore.Reader batches = spilled.read()) {
                while (batches.hasNext()) {
                    Spilled rows = spilled(batches.next());
                    writeByPartition(subRuns, what, rows.keys(), rows.inputs(), rows.places().length, rows.start(),
                            rows.places(), level + 1);
                }
            }
            spilled.delete();
        }
        for (SpillStore.Run sub : subRuns) {
            if (sub != null) {
                sub.finishWriting();
            }
        }
        spill.repartitioned();
        for (int q = 0; q < SPILL_PARTITIONS; q++) {
            List<SpillStore.Run> sub = subRuns[q] == null ? List.of() : List.of(subRuns[q]);
            aggregateSpilled(kept, List.of(), sub, level + 1, prefix * SPILL_PARTITIONS + q, workers, out);
        }
    }

    /** A spilled batch's rows: keys, aggregation inputs, and their places in the batch that started at {@code start}. */
    private record Spilled(List<Vector> keys, List<Vector> inputs, int[] places, long start) {}

    private Spilled spilled(Batch batch) {
        int count = batch.rows();
        int column = 0;
        List<Vector> keys = new ArrayList<>();
        for (int k = 0; k < tableKeyTypes.size(); k++) {
            keys.add(uncoded(batch.column(column++), k, keyDictionaries));
        }
        List<Vector> inputs = new ArrayList<>(inputExprs.size());
        for (int i = 0; i < inputExprs.size(); i++) {
            inputs.add(uncoded(batch.column(column++), i, inputDictionaries));
        }
        dev.floe.frame.column.IntVector places = (dev.floe.frame.column.IntVector) batch.column(column);
        int[] rows = Arrays.copyOfRange(places.values(), places.offset(), places.offset() + count);
        return new Spilled(keys, inputs, rows, batch.start());
    }

    /**
     * The chunks of every partition with those of one batch made one (their rows in the batch's
     * order): a batch's rows then land in one piece in each later partition, so the places
     * {@code start + i} the accumulators see never overlap another piece's. The partitions' lists
     * are emptied, and each batch's pieces are merged only when the iteration reaches it and let
     * go after, so that writing held rows out needs no second copy of them all.
     */
    private static Iterable<Chunk> byBatch(List<List<Chunk>> parts) {
        java.util.TreeMap<Long, List<Chunk>> byStart = new java.util.TreeMap<>();
        for (List<Chunk> chunks : parts) {
            for (Chunk chunk : chunks) {
                byStart.computeIfAbsent(chunk.start(), k -> new ArrayList<>()).add(chunk);
            }
            chunks.clear();
        }
        return () -> new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return !byStart.isEmpty();
            }

            @Override
            public Chunk next() {
                var entry = byStart.pollFirstEntry();
                if (entry == null) {
                    throw new java.util.NoSuchElementException();
                }
                return merged(entry.getKey(), entry.getValue());
            }
        };
    }

    /** The pieces of one batch (starting at {@code start}) as one chunk, their rows in the batch's order. */
    private static Chunk merged(long start, List<Chunk> pieces) {
        if (pieces.size() == 1) {
            return pieces.get(0);
        }
        int total = 0;
        for (Chunk piece : pieces) {
            total += piece.rows().length;
        }
        // each row: its place in the batch (high 32 bits) and its index among the pieces' rows
        long[] order = new long[total];
        int at = 0;
        for (Chunk piece : pieces) {
            for (int row : piece.rows()) {
                order[at] = ((long) row << 32) | at;
                at++;
            }
        }
        Arrays.sort(order);
        int[] positions = new int[total];
        int[] places = new int[total];
        for (int i = 0; i < total; i++) {
            positions[i] = (int) order[i];
            places[i] = (int) (order[i] >>> 32);
        }
        Chunk first = pieces.get(0);
        List<Vector> keys = new ArrayList<>();
        for (int k = 0; k < first.keys().size(); k++) {
            int key = k;
            keys.add(gatherPieces(pieces, piece -> piece.keys().get(key), positions));
        }
        List<Vector> inputs = new ArrayList<>();
        for (int v = 0; v < first.inputs().size(); v++) {
            int value = v;
            inputs.add(gatherPieces(pieces, piece -> piece.inputs().get(value), positions));
        }
        return new Chunk(start, places, keys, inputs);
    }

    /** One column of the pieces, end to end, then gathered at {@code positions}. */
    private static Vector gatherPieces(List<Chunk> pieces, java.util.function.Function<Chunk, Vector> column,
            int[] positions) {
        List<Vector> parts = new ArrayList<>(pieces.size());
        for (Chunk piece : pieces) {
            parts.add(column.apply(piece));
        }
        DataType type = parts.get(0).type();
        if (type == DataType.CATEGORICAL) {
            parts = dev.floe.frame.column.Vectors.shareDictionary(parts);
        }
        return Kernels.gather(dev.floe.frame.column.Vectors.concat(type, parts), positions, positions.length);
    }

    /**
     * Adds rows gathered from a batch that started at {@code start} (row {@code i} was that
     * batch's row {@code places[i]}): grouped, first appearances set to their places, aggregated.
     */
    private int[] addRows(GroupTable table, List<Accumulator> states, List<Vector> keys, List<Vector> inputs,
            int[] places, long start, int[] groups) {
        int count = places.length;
        if (groups.length < count) {
            groups = new int[count];
        }
        int before = table.groups();
        table.assign(keys, count, start, groups);
        table.firstRowsAt(before, start, places);
        // rows come partition by partition and file by file, not in input order
        table.lowerFirstRows(groups, count, start, places);
        for (int a = 0; a < aggs.size(); a++) {
            states.get(a).add(groups, count, table.groups(), inputsOf(a, inputs), start);
        }
        return groups;
    }

    /** One partition of the partitioned way: its rows from every worker, in stream order, into one table. */
    private Merged aggregatePartition(List<State> all, int partition) {
        List<Chunk> chunks = new ArrayList<>();
        for (State state : all) {
            if (state.parts != null) {
                // this task alone reads the partition: its rows are let go as the table takes them
                List<Chunk> held = state.parts.get(partition);
                chunks.addAll(held);
                held.clear();
            }
        }
        chunks.sort(Comparator.comparingLong(Chunk::start));
        GroupTable table = new GroupTable(tableKeyTypes);
        List<Accumulator> states = newStates();
        long rowsHere = 0;
        for (Chunk chunk : chunks) {
            rowsHere += chunk.rows().length;
        }
        table.reserve((int) Math.min(Integer.MAX_VALUE / 4, rowsHere));
        int[] groups = new int[0];
        for (int c = 0; c < chunks.size(); c++) {
            Chunk chunk = chunks.get(c);
            chunks.set(c, null);
            int count = chunk.rows().length;
            if (groups.length < count) {
                groups = new int[count];
            }
            int before = table.groups();
            table.assign(chunk.keys(), count, chunk.start(), groups);
            table.firstRowsAt(before, chunk.start(), chunk.rows());
            // the rows keep their order, so first/last are right; their numbers are the gathered positions
            for (int a = 0; a < aggs.size(); a++) {
                states.get(a).add(groups, count, table.groups(), inputsOf(a, chunk.inputs()), chunk.start());
            }
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

    /** Adds every row of a batch to the states. */
    private void addBatch(List<Accumulator> states, Batch batch, int[] groups, int rows, int groupCount) {
        List<Vector> inputs = inputsOf(batch);
        for (int a = 0; a < aggs.size(); a++) {
            states.get(a).add(groups, rows, groupCount, inputsOf(a, inputs), batch.start());
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
    private Merged mergePartition(List<State> partials, long expected, int partition, int partitions) {
        GroupTable table = new GroupTable(tableKeyTypes);
        List<Accumulator> states = newStates();
        table.reserve((int) Math.min(Integer.MAX_VALUE / 4, expected / partitions + expected / (8L * partitions)));
        for (State partial : partials) {
            int[] mapping = table.merge(partial.table, partition, partitions);
            for (int a = 0; a < aggs.size(); a++) {
                states.get(a).merge(partial.states.get(a), mapping, table.groups());
            }
        }
        return results(table, states);
    }

    /** Dictionaries the final tables mapped into their own codes: a measure of merge work, for tests. */
    private final java.util.concurrent.atomic.AtomicInteger translations = new java.util.concurrent.atomic.AtomicInteger();

    int dictionaryTranslations() {
        return translations.get();
    }

    /** The groups' keys and aggregates, in order of first appearance. */
    private Merged results(GroupTable table, List<Accumulator> states) {
        translations.addAndGet(table.dictionaryTranslations());
        // no row is added any more: what finds groups, then each state once finished, is let go
        // while the results are built (a table of 1e8 groups holds gigabytes)
        table.stopFinding();
        int[] order = table.orderOfFirstAppearance();
        List<Vector> columns = new ArrayList<>();
        if (packer != null) {
            columns.addAll(packer.unpack(table.keyVector(0, order)));
        } else {
            for (int k = 0; k < keyTypes.size(); k++) {
                columns.add(table.keyVector(k, order));
            }
        }
        for (int a = 0; a < states.size(); a++) {
            columns.add(states.get(a).finish(order));
            states.set(a, null);
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
                part.columns().set(c, null); // a column at a time: the runs' copies go as the result grows
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
