package dev.floe.frame.exec;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.Series;
import dev.floe.frame.column.Column;
import dev.floe.frame.column.Vector;
import dev.floe.frame.plan.Join;
import dev.floe.frame.plan.JoinType;
import dev.floe.pool.Pool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a {@link Join} as a hash join: the build side's non-null keys go into {@link GroupTable}s
 * (each distinct key a group, its rows listed in order; built on every worker and split by hash
 * partition when the build side is large), the probe side is looked up in parallel,
 * a morsel per task, each producing (probe row, build row) pairs in order; the pairs are joined
 * in morsel order and every output column gathered once. {@code RIGHT} builds on the left and
 * probes with the right; the other kinds build on the right.
 */
final class JoinRunner {
    private final Join join;

    JoinRunner(Join join) {
        this.join = join;
    }

    /** Pairs of matched rows: {@code left[i]} with {@code right[i]}, -1 for none. */
    private record Pairs(int[] left, int[] right, int count) {}

    DataFrame run(DataFrame left, DataFrame right, ExecutionConfig config, Pool pool) {
        Pairs pairs = join.how() == JoinType.CROSS ? cross(left.height(), right.height()) : matched(left, right, config, pool);
        return assemble(left, right, pairs, config, pool);
    }

    private static Pairs cross(int leftRows, int rightRows) {
        long total = (long) leftRows * rightRows;
        if (total > Integer.MAX_VALUE - 8) {
            throw new dev.floe.frame.SchemaException("a cross join of " + leftRows + " by " + rightRows
                    + " rows would make more rows than a frame holds");
        }
        int n = (int) total;
        int[] l = new int[n];
        int[] r = new int[n];
        int i = 0;
        for (int a = 0; a < leftRows; a++) {
            for (int b = 0; b < rightRows; b++) {
                l[i] = a;
                r[i] = b;
                i++;
            }
        }
        return new Pairs(l, r, n);
    }

    private Pairs matched(DataFrame left, DataFrame right, ExecutionConfig config, Pool pool) {
        boolean rightJoin = join.how() == JoinType.RIGHT;
        DataFrame build = rightJoin ? left : right;
        DataFrame probe = rightJoin ? right : left;
        List<String> buildOn = rightJoin ? join.leftOn() : join.rightOn();
        List<String> probeOn = rightJoin ? join.rightOn() : join.leftOn();
        List<DataType> keyTypes = new ArrayList<>();
        for (int k = 0; k < join.leftOn().size(); k++) {
            keyTypes.add(Join.keyType(left.schema(), right.schema(), join.leftOn().get(k), join.rightOn().get(k)));
        }
        // build: the distinct non-null keys of the build side, each with its rows in order
        List<Vector> buildKeys = keyVectors(build, buildOn, keyTypes);
        int buildRows = build.height();
        boolean nulls = false;
        for (Vector key : buildKeys) {
            nulls |= key.nullCount() > 0;
        }
        // the kept rows: every row where no key has a null (nonNull is then null), else those listed
        int[] nonNull = null;
        int kept = buildRows;
        List<Vector> keptKeys = buildKeys;
        if (nulls) {
            nonNull = new int[buildRows];
            kept = 0;
            for (int row = 0; row < buildRows; row++) {
                boolean anyNull = false;
                for (Vector key : buildKeys) {
                    anyNull |= key.isNull(row);
                }
                if (!anyNull) {
                    nonNull[kept++] = row;
                }
            }
            keptKeys = new ArrayList<>();
            for (Vector key : buildKeys) {
                keptKeys.add(Kernels.gather(key, nonNull, kept));
            }
        }
        Built built = build(keyTypes, keptKeys, kept, config, pool);
        int[] groupOf = built.groupOf();
        int groups = built.groups();
        int[] starts = new int[groups + 1];
        for (int i = 0; i < kept; i++) {
            starts[groupOf[i] + 1]++;
        }
        for (int g = 0; g < groups; g++) {
            starts[g + 1] += starts[g];
        }
        int[] rowsOfGroup = new int[kept];
        int[] next = Arrays.copyOf(starts, groups);
        for (int i = 0; i < kept; i++) {
            rowsOfGroup[next[groupOf[i]]++] = nonNull == null ? i : nonNull[i];
        }
        // probe, a morsel per task
        List<Vector> probeKeys = keyVectors(probe, probeOn, keyTypes);
        List<int[]> ranges = Executor.morsels(probe.height(), config.morselRows());
        boolean[] buildMatched = new boolean[buildRows];
        JoinType how = join.how();
        List<Pairs> parts;
        if (pool == null || ranges.size() == 1) {
            parts = new ArrayList<>();
            for (int[] range : ranges) {
                parts.add(probe(built, probeKeys, range, starts, rowsOfGroup, buildMatched, how));
            }
        } else {
            parts = Executor.unwrapping(() -> pool.map(
                    range -> probe(built, probeKeys, range, starts, rowsOfGroup, buildMatched, how), ranges, 1));
        }
        int total = 0;
        for (Pairs part : parts) {
            total += part.count();
        }
        int unmatched = 0;
        if (how == JoinType.FULL) {
            for (boolean matched : buildMatched) {
                unmatched += matched ? 0 : 1;
            }
        }
        int[] probeRows = new int[total + unmatched];
        int[] buildRowsOut = new int[total + unmatched];
        int at = 0;
        for (Pairs part : parts) {
            System.arraycopy(part.left(), 0, probeRows, at, part.count());
            System.arraycopy(part.right(), 0, buildRowsOut, at, part.count());
            at += part.count();
        }
        if (how == JoinType.FULL) {
            for (int row = 0; row < buildRows; row++) {
                if (!buildMatched[row]) {
                    probeRows[at] = -1;
                    buildRowsOut[at] = row;
                    at++;
                }
            }
        }
        return rightJoin ? new Pairs(buildRowsOut, probeRows, at) : new Pairs(probeRows, buildRowsOut, at);
    }

    /**
     * The build side's hash tables: one, or one per hash partition; the groups of table {@code t}
     * are numbered from {@code offsets[t]}. {@code groupOf[i]}: the group of kept build row {@code i}.
     */
    private record Built(GroupTable[] tables, int[] offsets, int groups, int[] groupOf) {}

    /** From this many build rows, the build runs on every worker. */
    static final int PARALLEL_BUILD_ROWS = 1 << 14;

    /**
     * Builds the hash tables of the build side's (non-null) keys. With a pool and enough rows,
     * partitioned: each worker hashes the morsels it takes and sorts their rows into one list
     * per hash partition; then each worker builds the table of one partition from those rows.
     * Every key is inserted once, whatever the number of workers.
     */
    private static Built build(List<DataType> keyTypes, List<Vector> keys, int rows, ExecutionConfig config,
            Pool pool) {
        int[] groupOf = new int[rows];
        List<int[]> ranges = Executor.morsels(rows, config.morselRows());
        int workers = Math.min(config.threads(), ranges.size());
        if (pool == null || rows < PARALLEL_BUILD_ROWS || workers < 2) {
            GroupTable table = new GroupTable(keyTypes);
            table.assignReserving(keys, rows, groupOf);
            return new Built(new GroupTable[] {table}, new int[] {0}, table.groups(), groupOf);
        }
        int partitions = workers;
        List<Integer> ids = java.util.stream.IntStream.range(0, workers).boxed().toList();
        // selections[m][p]: the rows of morsel m (numbered within it) whose keys fall in partition p
        int[][][] selections = new int[ranges.size()][][];
        Executor.unwrapping(() -> pool.map(w -> {
            for (int m = w; m < ranges.size(); m += workers) {
                int[] range = ranges.get(m);
                List<Vector> slice = new ArrayList<>();
                for (Vector key : keys) {
                    slice.add(key.slice(range[0], range[1]));
                }
                selections[m] = GroupTable.rowsByPartition(keyTypes, slice, range[1], partitions);
            }
            return null;
        }, ids, 1));
        List<GroupTable> tables = Executor.unwrapping(() -> pool.map(p -> {
            int count = 0;
            for (int[][] selection : selections) {
                count += selection[p].length;
            }
            int[] positions = new int[count];
            int at = 0;
            for (int m = 0; m < ranges.size(); m++) {
                int start = ranges.get(m)[0];
                for (int row : selections[m][p]) {
                    positions[at++] = start + row;
                }
            }
            List<Vector> gathered = new ArrayList<>();
            for (Vector key : keys) {
                gathered.add(Kernels.gather(key, positions, count));
            }
            GroupTable table = new GroupTable(keyTypes);
            int[] out = new int[count];
            table.assignReserving(gathered, count, out);
            for (int j = 0; j < count; j++) {
                groupOf[positions[j]] = out[j];
            }
            return table;
        }, ids, 1));
        int[] offsets = new int[partitions];
        int groups = 0;
        for (int p = 0; p < partitions; p++) {
            offsets[p] = groups;
            groups += tables.get(p).groups();
        }
        for (int m = 0; m < ranges.size(); m++) {
            int start = ranges.get(m)[0];
            for (int p = 1; p < partitions; p++) {
                for (int row : selections[m][p]) {
                    groupOf[start + row] += offsets[p];
                }
            }
        }
        return new Built(tables.toArray(GroupTable[]::new), offsets, groups, groupOf);
    }

    /** The key columns of one side, cast to the types both sides compare in. */
    private static List<Vector> keyVectors(DataFrame frame, List<String> names, List<DataType> types) {
        List<Vector> keys = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            Vector vector = frame.column(names.get(k)).column().toVector();
            keys.add(CastKernel.cast(vector, types.get(k), true, 0, "join key " + names.get(k)));
        }
        return keys;
    }

    private static Pairs probe(Built built, List<Vector> keys, int[] range, int[] starts, int[] rowsOfGroup,
            boolean[] buildMatched, JoinType how) {
        int from = range[0];
        int rows = range[1];
        List<Vector> slice = new ArrayList<>();
        for (Vector key : keys) {
            slice.add(key.slice(from, rows));
        }
        int[] groups = new int[rows];
        GroupTable.lookup(built.tables(), built.offsets(), slice, rows, groups);
        int[] probe = new int[Math.max(16, rows)];
        int[] build = new int[Math.max(16, rows)];
        int count = 0;
        boolean full = how == JoinType.FULL;
        // every key once on the build side: group g's row is rowsOfGroup[g], no need to read starts
        boolean unique = starts.length - 1 == rowsOfGroup.length;
        for (int i = 0; i < rows; i++) {
            int g = groups[i];
            int first = g < 0 ? 0 : unique ? g : starts[g];
            int matches = g < 0 ? 0 : unique ? 1 : starts[g + 1] - first;
            switch (how) {
                case SEMI, ANTI -> {
                    if ((matches > 0) == (how == JoinType.SEMI)) {
                        if (count == probe.length) {
                            probe = Arrays.copyOf(probe, count * 2);
                            build = Arrays.copyOf(build, count * 2);
                        }
                        probe[count] = from + i;
                        build[count] = -1;
                        count++;
                    }
                }
                default -> {
                    int needed = count + Math.max(matches, 1);
                    if (needed > probe.length) {
                        int capacity = Math.max(needed, probe.length * 2);
                        probe = Arrays.copyOf(probe, capacity);
                        build = Arrays.copyOf(build, capacity);
                    }
                    if (matches == 0) {
                        if (how != JoinType.INNER) {
                            probe[count] = from + i;
                            build[count] = -1;
                            count++;
                        }
                    } else {
                        for (int m = first; m < first + matches; m++) {
                            probe[count] = from + i;
                            build[count] = rowsOfGroup[m];
                            if (full) {
                                buildMatched[rowsOfGroup[m]] = true;
                            }
                            count++;
                        }
                    }
                }
            }
        }
        return new Pairs(probe, build, count);
    }

    /**
     * The output frame: every column gathered from its side at the pairs' rows. Outputs of several
     * morsels are cut into row ranges gathered in parallel, each range a chunk of every column.
     */
    private DataFrame assemble(DataFrame left, DataFrame right, Pairs pairs, ExecutionConfig config, Pool pool) {
        Schema schema = join.schema();
        JoinType how = join.how();
        boolean rightColumns = how != JoinType.SEMI && how != JoinType.ANTI;
        // each output column: its source vector, whether it comes from the left, and for the key
        // of a right or full join the right key it is completed from
        List<Vector> sources = new ArrayList<>();
        List<Boolean> fromLeft = new ArrayList<>();
        List<Vector> completions = new ArrayList<>();
        for (Series series : left.series()) {
            sources.add(series.column().toVector());
            fromLeft.add(true);
            int key = join.leftOn().indexOf(series.name());
            completions.add(key >= 0 && (how == JoinType.RIGHT || how == JoinType.FULL)
                    ? right.column(join.rightOn().get(key)).column().toVector() : null);
        }
        if (rightColumns) {
            for (Series series : right.series()) {
                if (!join.rightOn().contains(series.name())) {
                    sources.add(series.column().toVector());
                    fromLeft.add(false);
                    completions.add(null);
                }
            }
        }
        int count = pairs.count();
        int threads = pool == null ? 1 : config.threads();
        int pieces = threads == 1 ? 1 : (int) Math.max(1, Math.min(4L * threads, count / config.morselRows()));
        List<int[]> ranges = Executor.morsels(count, Math.max(1, (count + pieces - 1) / pieces));
        java.util.function.Function<int[], List<Vector>> gatherRange = range -> {
            int from = range[0];
            int rows = range[1];
            Pairs piece = pieces == 1 ? pairs : new Pairs(Arrays.copyOfRange(pairs.left(), from, from + rows),
                    Arrays.copyOfRange(pairs.right(), from, from + rows), rows);
            List<Vector> out = new ArrayList<>();
            for (int c = 0; c < sources.size(); c++) {
                Vector values = Kernels.gatherOrNull(sources.get(c), fromLeft.get(c) ? piece.left() : piece.right(),
                        rows);
                if (completions.get(c) != null) {
                    values = coalesce(values, completions.get(c), piece, schema.field(c).type());
                }
                out.add(values);
            }
            return out;
        };
        List<List<Vector>> chunks = ranges.size() <= 1 ? List.of(gatherRange.apply(new int[] {0, count}))
                : Executor.unwrapping(() -> pool.map(gatherRange::apply, ranges, 1));
        List<Series> columns = new ArrayList<>();
        for (int c = 0; c < sources.size(); c++) {
            List<Vector> parts = new ArrayList<>();
            for (List<Vector> chunk : chunks) {
                parts.add(chunk.get(c));
            }
            Schema.Field field = schema.field(c);
            DataType type = parts.get(0).type();
            if (type == DataType.CATEGORICAL && parts.size() > 1) {
                parts = dev.floe.frame.column.Vectors.shareDictionary(parts);
            }
            columns.add(Series.of(field.name(), parts.size() == 1 ? Column.of(parts.get(0)) : Column.of(type, parts)));
        }
        return DataFrame.of(columns);
    }

    /** The left key where present, else the right key: the key column of a right or full join. */
    private static Vector coalesce(Vector leftKey, Vector rightKeyColumn, Pairs pairs, DataType type) {
        Vector l = CastKernel.cast(leftKey, type, true, 0, "join key");
        Vector r = CastKernel.cast(Kernels.gatherOrNull(rightKeyColumn, pairs.right(), pairs.count()), type, true, 0,
                "join key");
        int[] choice = new int[pairs.count()];
        for (int i = 0; i < choice.length; i++) {
            choice[i] = l.isNull(i) ? 1 : 0;
        }
        return Kernels.pick(type, new Vector[] {l, r}, choice, pairs.count());
    }
}
