package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.Vectors;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.CrossComparator;
import dev.floe.frame.exec.ExprCompiler;
import dev.floe.frame.exec.HashJoin;
import dev.floe.frame.exec.Kernels;
import dev.floe.frame.exec.PhysicalExpr;
import dev.floe.frame.exec.Repartitioning;
import dev.floe.frame.plan.JoinType;
import dev.floe.frame.plan.SortKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * How a hash join runs: in memory while its build side fits the query's memory, else as a grace
 * hash join.
 *
 * <p>The build side's rows are held under a reservation of the query's memory. While it grants
 * them, the join is the in-memory one: the rows hashed, the probe side streamed through them.
 * When it refuses, every worker writes the rows it holds, and all further ones, to spill files by
 * hash partition of their keys ({@value #PARTITIONS} partitions, the keys cast to the types the
 * join compares them as, so that rows that could match share a partition), each row with its
 * place in the build stream; the probe side is written the same way with its places. Then the
 * partitions are joined in turn, on every worker: a partition's build rows read back in build
 * order and hashed, its probe rows read back in probe order and looked up, the joined rows
 * written to the partition's output run with the probe row's place (and the build rows that
 * follow the probe stream, a full join's unmatched ones or a semi or anti join's that marks its
 * left side, to a second run, with their build place). The result is the merge of the output
 * runs by probe place, then of the unmatched runs by build place: the rows and the order of the
 * in-memory join (every probe row's matches in build order, in probe order; a full join's
 * unmatched build rows last, in build order), whatever was spilled.
 *
 * <p>A partition whose build rows do not fit when it is read back is split again, both sides, by
 * further bits of the key hashes ({@link Repartitioning}); its sub-partitions are joined in turn
 * and their runs merged into the partition's, so the order is the same. Build rows of one key
 * cannot be split: they are joined in memory if they need no more than the limit, and otherwise
 * the query fails naming the join, what it needed and the limit.
 *
 * <p>A worker's rows reach it in stream order (it claims splits in order), so each worker's file
 * of a partition is sorted by place, and a partition's rows are read back in order by merging
 * them. Cross joins (no keys to partition on) stay in memory.
 */
final class HashJoinRun {
    /** Hash partitions of a spilled join (and sub-partitions of a partition split again). */
    static final int PARTITIONS = Repartitioning.PARTITIONS;
    private static final String LEFT_PLACE = "__floe_left_place";
    private static final String RIGHT_PLACE = "__floe_right_place";

    private HashJoinRun() {}

    /** The pipeline that gives the join's rows, the build side run (and, when it spills, the probe side and the join). */
    static Pipeline run(PhysicalNode.HashJoinNode node, ExecutionContext context) {
        HashJoin join = node.join();
        Pipeline buildInput = LocalEngine.pipeline(node.build(), context);
        DataFrame whole = HoldingOperator.wholeFrame(buildInput);
        DataFrame buildFrame;
        BuildSink sink = null;
        if (whole != null || join.how() == JoinType.CROSS) {
            buildFrame = HoldingOperator.collect(buildInput, context);
        } else {
            sink = new BuildSink(join, buildInput.schema(), node.describe(), context);
            buildFrame = PipelineRunner.run(buildInput, sink, context);
        }
        if (buildFrame != null) {
            HashJoin.Built built = join.build(buildFrame, context);
            return LocalEngine.pipeline(node.probe(), context).bindingKeyFilters(join, built)
                    .then(new HashJoinProbe(join, built, node.schema(), node.describe(), node.tail()));
        }
        Pipeline probeInput = LocalEngine.pipeline(node.probe(), context);
        PartitionSink probeSink = new PartitionSink(join, true, "join-probe", context);
        List<List<SpillFile>> probeParts = PipelineRunner.run(probeInput, probeSink, context);
        return Pipeline.of(joinPartitions(node, sink.partitions(), probeParts, buildInput.schema(),
                probeInput.schema(), context));
    }

    /** A batch with its rows' places in the stream (from its start) as one more column (also the sort's runs). */
    static Batch placed(Batch batch) {
        long[] places = new long[batch.rows()];
        for (int i = 0; i < places.length; i++) {
            places[i] = batch.start() + i;
        }
        List<Vector> columns = new ArrayList<>(batch.columns());
        columns.add(new LongVector(DataType.INT64, places, null));
        return new Batch(columns, batch.rows(), batch.start());
    }

    /** The bytes a batch's columns take. */
    static long bytes(Batch batch) {
        long bytes = 0;
        for (Vector column : batch.columns()) {
            bytes += column.sizeInBytes();
        }
        return bytes;
    }

    private static Schema withColumn(Schema schema, String name) {
        List<Schema.Field> fields = new ArrayList<>(schema.fields());
        fields.add(new Schema.Field(name, DataType.INT64));
        return Schema.of(fields);
    }

    /**
     * One worker's spill files, one per partition (made when first written): each batch's rows
     * written to their partitions' files with their places.
     */
    private static final class PartitionWriter {
        private final HashJoin join;
        private final boolean probeSide;
        private final String what;
        private final ExecutionContext context;
        private final SpillFile[] files = new SpillFile[PARTITIONS];

        PartitionWriter(HashJoin join, boolean probeSide, String what, ExecutionContext context) {
            this.join = join;
            this.probeSide = probeSide;
            this.what = what;
            this.context = context;
        }

        void write(Batch batch) {
            if (batch.rows() == 0) {
                return;
            }
            writePlaced(placed(batch), join.keyHashes(batch, probeSide), 0);
        }

        /**
         * Writes a batch that carries its rows' places (its last column) by the partitions of their
         * key hashes at a level of re-partitioning ({@link Repartitioning}); {@code hashes} is overwritten.
         */
        void writePlaced(Batch withPlaces, long[] hashes, int level) {
            int rows = withPlaces.rows();
            int[][] rowsOf = Kernels.rowsByPartition(hashes, rows, PARTITIONS, level);
            for (int p = 0; p < PARTITIONS; p++) {
                int count = rowsOf[p].length;
                if (count == 0) {
                    continue;
                }
                List<Vector> columns = new ArrayList<>(withPlaces.columns().size());
                for (Vector column : withPlaces.columns()) {
                    columns.add(Vectors.compactDictionary(count == rows ? column : Kernels.gather(column, rowsOf[p], count)));
                }
                if (files[p] == null) {
                    files[p] = context.spill().newFile(what + "-p" + p);
                }
                files[p].write(new Batch(columns, count, 0));
            }
        }

        /** Ends the writing; each partition's file (or none) added to its list. */
        void finish(List<List<SpillFile>> partitions) {
            for (int p = 0; p < PARTITIONS; p++) {
                if (files[p] != null) {
                    files[p].finishWriting();
                    partitions.get(p).add(files[p]);
                }
            }
        }
    }

    private static List<List<SpillFile>> emptyPartitions() {
        List<List<SpillFile>> partitions = new ArrayList<>(PARTITIONS);
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new ArrayList<>());
        }
        return partitions;
    }

    /**
     * The build side: held under the query's memory and given as a frame, or, once the memory is
     * refused, written to spill files by partition (then {@code finish} gives null and
     * {@link #partitions} the files).
     */
    private static final class BuildSink implements Sink<BuildSink.Local, DataFrame> {
        private final HashJoin join;
        private final Schema schema;
        private final ExecutionContext context;
        private final MemoryReservation reservation;
        private final List<Batch> held = new ArrayList<>();
        private final List<List<SpillFile>> partitions = emptyPartitions();
        private long heldReserved;
        private volatile boolean spilling;

        BuildSink(HashJoin join, Schema schema, String describe, ExecutionContext context) {
            this.join = join;
            this.schema = schema;
            this.context = context;
            this.reservation = context.reservation("build side of " + describe);
        }

        final class Local implements Sink.Local {
            private final List<Batch> batches = new ArrayList<>();
            private long reserved;
            private PartitionWriter writer;

            @Override
            public void consume(Batch batch) {
                if (!spilling) {
                    // the rows, their hashed copy and the tables' arrays
                    long size = 2 * bytes(batch) + 24L * batch.rows();
                    if (reservation.tryGrow(size)) {
                        batches.add(batch);
                        reserved += size;
                        return;
                    }
                    spilling = true;
                }
                spillHeld();
                writer.write(batch);
            }

            /** This worker's held rows written out, their memory given back. */
            void spillHeld() {
                if (writer == null) {
                    writer = new PartitionWriter(join, false, "join-build", context);
                }
                for (Batch batch : batches) {
                    writer.write(batch);
                }
                batches.clear();
                reservation.shrink(reserved);
                reserved = 0;
            }
        }

        @Override
        public Local newLocal() {
            return new Local();
        }

        @Override
        public void combine(Local local) {
            if (spilling) {
                local.spillHeld();
            } else {
                held.addAll(local.batches);
                heldReserved += local.reserved;
            }
            if (local.writer != null) {
                local.writer.finish(partitions);
            }
        }

        @Override
        public DataFrame finish() {
            held.sort(java.util.Comparator.comparingLong(Batch::start));
            if (!spilling) {
                return CollectSink.assemble(held, schema);
            }
            // rows combined before another worker ran out of memory: in stream order, one more sorted run
            PartitionWriter writer = new PartitionWriter(join, false, "join-build", context);
            for (Batch batch : held) {
                writer.write(batch);
            }
            writer.finish(partitions);
            held.clear();
            reservation.shrink(heldReserved);
            return null;
        }

        List<List<SpillFile>> partitions() {
            return partitions;
        }
    }

    /** The probe side, every row written to spill files by partition. */
    private static final class PartitionSink implements Sink<PartitionSink.Local, List<List<SpillFile>>> {
        private final HashJoin join;
        private final boolean probeSide;
        private final String what;
        private final ExecutionContext context;
        private final List<List<SpillFile>> partitions = emptyPartitions();

        PartitionSink(HashJoin join, boolean probeSide, String what, ExecutionContext context) {
            this.join = join;
            this.probeSide = probeSide;
            this.what = what;
            this.context = context;
        }

        final class Local implements Sink.Local {
            private final PartitionWriter writer = new PartitionWriter(join, probeSide, what, context);

            @Override
            public void consume(Batch batch) {
                writer.write(batch);
            }
        }

        @Override
        public Local newLocal() {
            return new Local();
        }

        @Override
        public void combine(Local local) {
            local.writer.finish(partitions);
        }

        @Override
        public List<List<SpillFile>> finish() {
            return partitions;
        }
    }

    /** A partition's files read back as one stream in place order (the place its last column). */
    private static BatchReader inOrder(List<SpillFile> files, Schema placed, int batchRows) {
        List<BatchReader> readers = new ArrayList<>(files.size());
        for (SpillFile file : files) {
            readers.add(file.read());
        }
        if (readers.size() == 1) {
            return readers.get(0);
        }
        return byLastColumn(readers, placed, placed.size(), batchRows);
    }

    static RunMerge byLastColumn(List<BatchReader> readers, Schema placed, int kept, int batchRows) {
        SortKey key = SortKey.asc(placed.field(placed.size() - 1).name());
        List<PhysicalExpr> keys = List.of(ExprCompiler.compile(key.expr(), placed));
        CrossComparator[] orders = {new CrossComparator(key.descending(), key.placeNullsLast())};
        return new RunMerge(readers, keys, orders, kept, Math.max(1, batchRows));
    }

    /**
     * Joins the partitions in turn on the workers, each into its output runs, and gives the
     * merge of those runs.
     */
    private static Source joinPartitions(PhysicalNode.HashJoinNode node, List<List<SpillFile>> buildParts,
            List<List<SpillFile>> probeParts, Schema buildSchema, Schema probeSchema, ExecutionContext context) {
        HashJoin join = node.join();
        boolean buildsOnLeft = join.buildsOnLeft();
        Schema.Field leftPlace = new Schema.Field(LEFT_PLACE, DataType.INT64);
        Schema.Field rightPlace = new Schema.Field(RIGHT_PLACE, DataType.INT64);
        HashJoin placedJoin = join.withExtraColumns(leftPlace, rightPlace);
        Schema buildPlaced = withColumn(buildSchema, buildsOnLeft ? LEFT_PLACE : RIGHT_PLACE);
        Schema probePlaced = withColumn(probeSchema, buildsOnLeft ? RIGHT_PLACE : LEFT_PLACE);
        Schema output = node.schema();
        boolean keepsRight = join.how() != JoinType.SEMI && join.how() != JoinType.ANTI;
        // where the places are in the placed join's rows: the left's after the left's columns, the right's last
        int leftColumns = (buildsOnLeft ? buildSchema : probeSchema).size();
        int outputColumns = output.size();
        int leftAt = leftColumns;
        int rightAt = keepsRight ? outputColumns + 1 : -1;
        int probeAt = buildsOnLeft ? rightAt : leftAt;
        int buildAt = buildsOnLeft ? leftAt : rightAt;
        Schema outputPlaced = withColumn(output, "__floe_place");
        SpillFile[] joined = new SpillFile[PARTITIONS];
        SpillFile[] unmatched = new SpillFile[PARTITIONS];
        AtomicInteger next = new AtomicInteger();
        int workers = Math.max(1, Math.min(context.threads(), PARTITIONS));
        PartitionJoin partitions = new PartitionJoin(node, placedJoin, buildPlaced, probePlaced, outputPlaced,
                new int[] {outputColumns, leftAt, rightAt, probeAt, buildAt}, workers, context);
        context.runTasks(workers, w -> {
            int p;
            while ((p = next.getAndIncrement()) < PARTITIONS) {
                context.checkCancelled();
                PartitionJoin.Output out = partitions.join(buildParts.get(p), probeParts.get(p), 0, "p" + p);
                joined[p] = out.joined();
                unmatched[p] = out.unmatched();
            }
            return null;
        });
        List<SpillFile> joinedRuns = new ArrayList<>();
        List<SpillFile> unmatchedRuns = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            if (joined[p] != null) {
                joinedRuns.add(joined[p]);
            }
            if (unmatched[p] != null) {
                unmatchedRuns.add(unmatched[p]);
            }
        }
        return joinedRuns(joinedRuns, unmatchedRuns, output, outputPlaced, context.morselRows(), node.describe());
    }

    /**
     * Joins one spilled partition (or sub-partition) at a time into its output runs: in memory
     * when its build rows fit the query's memory; else split again by further bits of the key
     * hashes ({@link Repartitioning}), both sides, and the sub-partitions joined in turn and their
     * runs merged into the partition's. A partition that cannot be split (its build rows share one
     * key, or it is at the last level) is joined in memory if it needs no more than the limit, and
     * otherwise fails the query, naming what it needed and the limit. Used by every worker at once.
     */
    private static final class PartitionJoin {
        /** A partition's joined rows (by probe place) and the build rows that follow them (by build place); null when none. */
        record Output(SpillFile joined, SpillFile unmatched) {}

        private final PhysicalNode.HashJoinNode node;
        private final HashJoin placedJoin;
        private final Schema buildPlaced;
        private final Schema probePlaced;
        private final Schema outputPlaced;
        private final int outputColumns;
        private final int leftAt;
        private final int rightAt;
        private final int probeAt;
        private final int buildAt;
        private final int workers;
        private final ExecutionContext context;
        private final ExecutionContext single;
        private final MemoryReservation reservation;

        /** @param at the output's column count, then where the placed join's rows have the left, right, probe and build places */
        PartitionJoin(PhysicalNode.HashJoinNode node, HashJoin placedJoin, Schema buildPlaced, Schema probePlaced,
                Schema outputPlaced, int[] at, int workers, ExecutionContext context) {
            this.node = node;
            this.placedJoin = placedJoin;
            this.buildPlaced = buildPlaced;
            this.probePlaced = probePlaced;
            this.outputPlaced = outputPlaced;
            this.outputColumns = at[0];
            this.leftAt = at[1];
            this.rightAt = at[2];
            this.probeAt = at[3];
            this.buildAt = at[4];
            this.workers = workers;
            this.context = context;
            this.single = context.onOneThread();
            this.reservation = context.reservation("partitions of " + node.describe());
        }

        /** Joins a partition at {@code level} ({@code name} for its files); its input files are deleted. */
        Output join(List<SpillFile> build, List<SpillFile> probe, int level, String name) {
            boolean tail = node.tail();
            if (probe.isEmpty() && (!tail || build.isEmpty())) {
                deleteAll(build);
                return new Output(null, null);
            }
            long size = 0;
            long rows = 0;
            for (SpillFile file : build) {
                size += 2 * file.rawBytes() + 24L * file.rows();
                rows += file.rows();
            }
            if (reservation.tryGrow(size)) {
                try {
                    return inMemory(build, probe, name);
                } finally {
                    reservation.shrink(size);
                }
            }
            boolean oneKey = false;
            if (level < Repartitioning.MAX_LEVEL && Repartitioning.worthSplitting(size, reservation.limit(), workers)) {
                List<List<SpillFile>> subBuild = emptyPartitions();
                oneKey = split(build, buildPlaced, false, level + 1, name, subBuild);
                if (!oneKey) {
                    List<List<SpillFile>> subProbe = emptyPartitions();
                    split(probe, probePlaced, true, level + 1, name, subProbe);
                    deleteAll(build);
                    deleteAll(probe);
                    context.progress().repartitioned();
                    return joinSplit(subBuild, subProbe, level + 1, name);
                }
                for (List<SpillFile> files : subBuild) {
                    deleteAll(files);
                }
            }
            if (size > reservation.limit() && !keepsBuildRows()) {
                // a semi or anti join needs only one build row of each key: many rows of one key become one
                List<SpillFile> distinct = distinctKeys(build, name);
                if (distinct != null) {
                    build = distinct;
                    size = 0;
                    rows = 0;
                    for (SpillFile file : build) {
                        size += 2 * file.rawBytes() + 24L * file.rows();
                        rows += file.rows();
                    }
                }
            }
            if (size > reservation.limit()) {
                String piece = oneKey ? String.format(java.util.Locale.ROOT, "the %,d build rows of one join key", rows)
                        : String.format(java.util.Locale.ROOT, "the %,d build rows of one hash partition after %d splits",
                                rows, level);
                throw reservation.tooLarge("hash join", piece, size);
            }
            // refused only because other state holds the memory: joined regardless, as it fits the limit
            return inMemory(build, probe, name);
        }

        /** Whether the join gives the build side's columns (every kind but semi and anti, unless these build on their left side). */
        private boolean keepsBuildRows() {
            JoinType how = node.join().how();
            return how != JoinType.SEMI && how != JoinType.ANTI || node.join().marksLeft();
        }

        /**
         * A semi or anti join's partition build rows cut to the first row of each distinct key,
         * in place order, in one file (the given files deleted): all the join needs of them. Null
         * (the given files kept) when even those rows are more than the limit.
         */
        private List<SpillFile> distinctKeys(List<SpillFile> build, String name) {
            Batch held = null;
            try (BatchReader reader = inOrder(build, buildPlaced, context.morselRows())) {
                Batch batch;
                while ((batch = reader.next()) != null) {
                    context.checkCancelled();
                    Batch rows = held == null ? batch : concat(held, batch);
                    int[] first = placedJoin.firstRowOfEachKey(rows);
                    List<Vector> columns = new ArrayList<>(rows.columns().size());
                    for (Vector column : rows.columns()) {
                        columns.add(Kernels.gather(column, first, first.length));
                    }
                    held = new Batch(columns, first.length, 0);
                    if (2 * bytes(held) + 24L * held.rows() > reservation.limit()) {
                        return null;
                    }
                }
            }
            SpillFile out = context.spill().newFile("join-build-distinct-" + name);
            if (held != null) {
                writeInPieces(out, held);
            }
            out.finishWriting();
            deleteAll(build);
            return List.of(out);
        }

        /** The rows of {@code a} then those of {@code b}, as one batch of the placed build side's columns. */
        private Batch concat(Batch a, Batch b) {
            List<Vector> columns = new ArrayList<>(a.columns().size());
            for (int c = 0; c < a.columns().size(); c++) {
                List<Vector> chunks = List.of(a.column(c), b.column(c));
                if (chunks.get(0) instanceof dev.floe.frame.column.CategoricalVector) {
                    chunks = Vectors.shareDictionary(chunks);
                }
                columns.add(Vectors.concat(buildPlaced.field(c).type(), chunks));
            }
            return new Batch(columns, a.rows() + b.rows(), 0);
        }

        /**
         * Writes the rows of a partition's files (read in place order) to sub-partition files by
         * their key hashes at {@code level}, one file per sub-partition (so each is in place
         * order); whether every row had the same key hash (then splitting cannot help).
         */
        private boolean split(List<SpillFile> files, Schema placed, boolean probeSide, int level, String name,
                List<List<SpillFile>> into) {
            if (files.isEmpty()) {
                return true;
            }
            PartitionWriter writer = new PartitionWriter(node.join(), probeSide,
                    (probeSide ? "join-probe-" : "join-build-") + name + "-l" + level, context);
            boolean oneHash = true;
            boolean first = true;
            long hash = 0;
            try (BatchReader reader = inOrder(files, placed, context.morselRows())) {
                Batch batch;
                while ((batch = reader.next()) != null) {
                    context.checkCancelled();
                    long[] hashes = node.join().keyHashes(batch, probeSide);
                    if (first && batch.rows() > 0) {
                        hash = hashes[0];
                        first = false;
                    }
                    for (int i = 0; i < hashes.length && oneHash; i++) {
                        oneHash = hashes[i] == hash;
                    }
                    writer.writePlaced(batch, hashes, level);
                }
            }
            writer.finish(into);
            return oneHash;
        }

        /** Joins the sub-partitions in turn and merges their runs into the partition's two. */
        private Output joinSplit(List<List<SpillFile>> build, List<List<SpillFile>> probe, int level, String name) {
            List<SpillFile> joined = new ArrayList<>();
            List<SpillFile> unmatched = new ArrayList<>();
            for (int q = 0; q < PARTITIONS; q++) {
                context.checkCancelled();
                Output out = join(build.get(q), probe.get(q), level, name + "-" + q);
                if (out.joined() != null) {
                    joined.add(out.joined());
                }
                if (out.unmatched() != null) {
                    unmatched.add(out.unmatched());
                }
            }
            return new Output(merged(joined, "join-out-" + name), merged(unmatched, "join-unmatched-" + name));
        }

        /** Runs sorted by their last column merged into one (the runs deleted); null when none. */
        private SpillFile merged(List<SpillFile> runs, String what) {
            if (runs.size() <= 1) {
                return runs.isEmpty() ? null : runs.get(0);
            }
            SpillFile out = context.spill().newFile(what);
            List<BatchReader> readers = new ArrayList<>(runs.size());
            for (SpillFile run : runs) {
                readers.add(run.read());
            }
            try (BatchReader merge = byLastColumn(readers, outputPlaced, outputPlaced.size(), RUN_BLOCK_ROWS)) {
                Batch batch;
                while ((batch = merge.next()) != null) {
                    context.checkCancelled();
                    writeInPieces(out, batch);
                }
            }
            out.finishWriting();
            deleteAll(runs);
            return out;
        }

        /** Joins a partition in memory: its build rows hashed, its probe rows looked up, in order. */
        private Output inMemory(List<SpillFile> build, List<SpillFile> probe, String name) {
            DataFrame buildRows = read(build, buildPlaced, context.morselRows());
            HashJoin.Built built = placedJoin.build(buildRows, single);
            SpillFile out = context.spill().newFile("join-out-" + name);
            Consumer<Batch> toOut = batch -> writeInPieces(out, reordered(batch, outputColumns, leftAt, rightAt, probeAt));
            if (!probe.isEmpty()) {
                try (BatchReader reader = inOrder(probe, probePlaced, context.morselRows())) {
                    Batch batch;
                    while ((batch = reader.next()) != null) {
                        context.checkCancelled();
                        placedJoin.probe(built, batch, toOut);
                    }
                }
            }
            out.finishWriting();
            SpillFile rest = null;
            if (node.tail()) {
                SpillFile unmatched = context.spill().newFile("join-unmatched-" + name);
                placedJoin.unmatched(built, batch -> writeInPieces(unmatched,
                        reordered(batch, outputColumns, leftAt, rightAt, buildAt)));
                unmatched.finishWriting();
                rest = unmatched;
            }
            deleteAll(build);
            deleteAll(probe);
            return new Output(out, rest);
        }
    }

    /**
     * Rows in an output run's blocks: the final merge holds a block of every partition's run at
     * once ({@value #PARTITIONS} of them), so blocks are kept small.
     */
    static final int RUN_BLOCK_ROWS = 1 << 13;

    private static void writeInPieces(SpillFile file, Batch batch) {
        if (batch.rows() <= RUN_BLOCK_ROWS) {
            file.write(batch);
            return;
        }
        for (int from = 0; from < batch.rows(); from += RUN_BLOCK_ROWS) {
            int count = Math.min(RUN_BLOCK_ROWS, batch.rows() - from);
            List<Vector> columns = new ArrayList<>(batch.columns().size());
            for (Vector column : batch.columns()) {
                columns.add(Vectors.compactDictionary(column.slice(from, count)));
            }
            file.write(new Batch(columns, count, batch.start() + from));
        }
    }

    /** A partition's build rows, read back in build order, as one frame. */
    static DataFrame read(List<SpillFile> files, Schema placed, int batchRows) {
        List<Batch> batches = new ArrayList<>();
        long at = 0;
        if (!files.isEmpty()) {
            try (BatchReader reader = inOrder(files, placed, batchRows)) {
                Batch batch;
                while ((batch = reader.next()) != null) {
                    batches.add(new Batch(batch.columns(), batch.rows(), at));
                    at += batch.rows();
                }
            }
        }
        return CollectSink.assemble(batches, placed);
    }

    static void deleteAll(List<SpillFile> files) {
        for (SpillFile file : files) {
            file.delete();
        }
    }

    /** The placed join's row batch as the join's columns followed by the place at {@code placeAt}. */
    private static Batch reordered(Batch batch, int outputColumns, int leftAt, int rightAt, int placeAt) {
        List<Vector> columns = new ArrayList<>(outputColumns + 1);
        for (int c = 0; c < batch.columns().size(); c++) {
            if (c != leftAt && c != rightAt) {
                columns.add(batch.column(c));
            }
        }
        columns.add(batch.column(placeAt));
        return new Batch(columns, batch.rows(), 0);
    }

    /** The joined runs merged by probe place, then the unmatched build rows' runs by build place: one split. */
    private static Source joinedRuns(List<SpillFile> joined, List<SpillFile> unmatched, Schema schema, Schema placed,
            int batchRows, String what) {
        return new StreamSource(schema, "merge of " + joined.size() + " spilled partitions of " + what, () -> {
            List<BatchReader> first = new ArrayList<>();
            for (SpillFile file : joined) {
                first.add(file.read());
            }
            List<BatchReader> second = new ArrayList<>();
            for (SpillFile file : unmatched) {
                second.add(file.read());
            }
            BatchReader matched = byLastColumn(first, placed, schema.size(), batchRows);
            BatchReader rest = byLastColumn(second, placed, schema.size(), batchRows);
            return new BatchReader() {
                private boolean onRest;

                @Override
                public Batch next() {
                    if (!onRest) {
                        Batch batch = matched.next();
                        if (batch != null) {
                            return batch;
                        }
                        onRest = true;
                    }
                    return rest.next();
                }

                @Override
                public void close() {
                    matched.close();
                    rest.close();
                }
            };
        });
    }
}
