package dev.floe.frame.exec;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.Series;
import dev.floe.frame.column.Vector;
import dev.floe.frame.plan.Join;
import dev.floe.frame.plan.JoinType;
import dev.floe.frame.plan.Scan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The hash join of a {@link Join}, in two steps: {@link #build} makes hash tables of the build
 * side's keys (each distinct non-null key a group, its rows listed in order; built on every
 * worker and split by hash partition when the build side is large), then {@link #probe} looks
 * each batch of the probe side up and gives the joined rows: every probe row's matches in build
 * order, in probe order. {@code RIGHT} builds on the left and probes with the right; the other
 * kinds build on the right, except a semi or anti join made to {@linkplain #marksLeft mark its
 * left side}: that builds on the left, its probes only mark the groups they find, and its rows
 * (the left rows found, or not found) follow the whole probe stream, in left order. A {@code
 * FULL} join's unmatched build rows come last too ({@link #unmatched}). {@code CROSS} pairs every
 * probe row with every build row. Probing is thread-safe once built.
 */
public final class HashJoin {
    /** At most this many rows go into one output batch (more when one probe row alone has more matches). */
    static final int OUTPUT_ROWS = 1 << 16;

    private final Join join;
    private final JoinType how;
    private final boolean rightJoin;
    /** A semi or anti join that builds on its left side and marks the rows the right side finds. */
    private final boolean marksLeft;
    /** Whether the left side is the one hashed (a right join, or a semi or anti join that marks its left side). */
    private final boolean buildLeft;
    private final List<DataType> keyTypes = new ArrayList<>();
    private final int[] probeKeys;
    private final int[] buildKeys;
    private final Schema schema;
    /** Each output column: whether it comes from the left side, and its column there. */
    private final boolean[] fromLeft;
    private final int[] sourceColumn;
    /** For the key columns of a right or full join: the right column it is completed from, else -1. */
    private final int[] completion;

    public HashJoin(Join join) {
        this(join, false);
    }

    /**
     * The hash join of {@code join}; {@code marksLeft} (only for a semi or anti join with keys)
     * builds on the left side and probes with the right, which pays where the left side is much
     * the smaller: the right side's rows, however many, are only looked up.
     */
    public HashJoin(Join join, boolean marksLeft) {
        this.join = join;
        this.how = join.how();
        if (marksLeft && (how != JoinType.SEMI && how != JoinType.ANTI || join.leftOn().isEmpty())) {
            throw new IllegalArgumentException("only a semi or anti join with keys marks its left side, not a " + how
                    + " join");
        }
        this.rightJoin = how == JoinType.RIGHT;
        this.marksLeft = marksLeft;
        this.buildLeft = rightJoin || marksLeft;
        Schema left = join.left().schema();
        Schema right = join.right().schema();
        for (int k = 0; k < join.leftOn().size(); k++) {
            keyTypes.add(Join.keyType(left, right, join.leftOn().get(k), join.rightOn().get(k)));
        }
        Schema probe = buildLeft ? right : left;
        Schema build = buildLeft ? left : right;
        List<String> probeOn = buildLeft ? join.rightOn() : join.leftOn();
        List<String> buildOn = buildLeft ? join.leftOn() : join.rightOn();
        this.probeKeys = probeOn.stream().mapToInt(probe::indexOf).toArray();
        this.buildKeys = buildOn.stream().mapToInt(build::indexOf).toArray();
        this.schema = join.schema();
        boolean rightColumns = how != JoinType.SEMI && how != JoinType.ANTI;
        List<Boolean> sides = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        List<Integer> completions = new ArrayList<>();
        for (int c = 0; c < left.size(); c++) {
            sides.add(true);
            columns.add(c);
            int key = join.leftOn().indexOf(left.field(c).name());
            completions.add(key >= 0 && (how == JoinType.RIGHT || how == JoinType.FULL)
                    ? right.indexOf(join.rightOn().get(key)) : -1);
        }
        if (rightColumns) {
            for (int c = 0; c < right.size(); c++) {
                if (!join.rightOn().contains(right.field(c).name())) {
                    sides.add(false);
                    columns.add(c);
                    completions.add(-1);
                }
            }
        }
        this.fromLeft = new boolean[sides.size()];
        this.sourceColumn = new int[sides.size()];
        this.completion = new int[sides.size()];
        for (int c = 0; c < fromLeft.length; c++) {
            fromLeft[c] = sides.get(c);
            sourceColumn[c] = columns.get(c);
            completion[c] = completions.get(c);
        }
    }

    /** The kind of join. */
    public JoinType how() {
        return how;
    }

    /**
     * This join over sides that each carry one more column, after their own
     * ({@code leftExtra}, {@code rightExtra}): its output has the left's extra column after the
     * left's columns and, for the kinds that keep the right's columns, the right's extra column
     * last; the other columns are this join's.
     */
    public HashJoin withExtraColumns(Schema.Field leftExtra, Schema.Field rightExtra) {
        Join extended = new Join(new Scan(DataFrame.empty(appended(join.left().schema(), leftExtra))),
                new Scan(DataFrame.empty(appended(join.right().schema(), rightExtra))), join.leftOn(),
                join.rightOn(), how, join.suffix());
        return new HashJoin(extended, marksLeft);
    }

    private static Schema appended(Schema schema, Schema.Field field) {
        List<Schema.Field> fields = new ArrayList<>(schema.fields());
        fields.add(field);
        return Schema.of(fields);
    }

    /**
     * The rows of a batch of the probe side (or of the build side) by hash partition of their keys
     * as the join compares them (cast to the keys' common types), so that rows whose keys could
     * match fall in the same partition on both sides; {@code rows[p]} lists partition p's rows.
     */
    public int[][] rowsByPartition(Batch batch, boolean probeSide, int partitions) {
        return GroupTable.rowsByPartition(keyHashes(batch, probeSide), batch.rows(), partitions, 0);
    }

    /**
     * The hashes of a batch's keys as the join compares them (see {@link #rowsByPartition}): equal
     * on both sides for keys that could match. {@link Kernels#rowsByPartition(long[], int, int,
     * int)} splits rows by them at any level of re-partitioning.
     */
    public long[] keyHashes(Batch batch, boolean probeSide) {
        int[] columns = probeSide ? probeKeys : buildKeys;
        List<Vector> keys = new ArrayList<>(columns.length);
        for (int k = 0; k < columns.length; k++) {
            keys.add(CastKernel.cast(batch.column(columns[k]), keyTypes.get(k), true, batch.start(), "join key"));
        }
        return GroupTable.rowHashes(keyTypes, keys, batch.rows());
    }

    /**
     * The first row of each distinct key of a batch of build rows, as the join compares keys (cast
     * to the keys' common types; a null key is one key too), in ascending order: all that a semi or
     * anti join needs of its build side, which it uses only to know which keys are there.
     */
    public int[] firstRowOfEachKey(Batch batch) {
        List<Vector> keys = new ArrayList<>(buildKeys.length);
        for (int k = 0; k < buildKeys.length; k++) {
            keys.add(CastKernel.cast(batch.column(buildKeys[k]), keyTypes.get(k), true, batch.start(), "join key"));
        }
        int rows = batch.rows();
        GroupTable table = new GroupTable(keyTypes);
        int[] groups = new int[rows];
        table.assign(keys, rows, 0, groups);
        int[] first = new int[table.groups()];
        int kept = 0;
        for (int row = 0; row < rows; row++) {
            // groups are numbered in order of first appearance
            if (groups[row] == kept) {
                first[kept++] = row;
            }
        }
        return first;
    }

    /** The side whose rows go into hash tables: the right, or the left for a right join and a semi or anti join that marks its left side. */
    public boolean buildsOnLeft() {
        return buildLeft;
    }

    /** Whether this is a semi or anti join that builds on its left side and marks the rows the right side finds. */
    public boolean marksLeft() {
        return marksLeft;
    }

    /**
     * Whether rows follow the whole probe stream ({@link #unmatched}): a full join's unmatched
     * build rows, or the rows of a semi or anti join that marks its left side.
     */
    public boolean hasTail() {
        return how == JoinType.FULL || marksLeft;
    }

    /**
     * The build side, hashed: its columns as single vectors, the tables of its non-null keys (one,
     * or one per hash partition, the groups of table {@code t} numbered from {@code offsets[t]}),
     * each group's rows ({@code rowsOfGroup[starts[g] .. starts[g + 1])}), and which rows a probe
     * matched (for a full join) or which groups a probe found (for a semi or anti join that marks
     * its left side).
     */
    public static final class Built {
        private final List<Vector> columns;
        private final int rows;
        private final GroupTable[] tables;
        private final int[] offsets;
        private final int[] starts;
        private final int[] rowsOfGroup;
        private final boolean[] matched;
        private final boolean[] foundGroups;
        /** For one integer or date key: its groups by value (an array or a table of its own), else null. */
        private final IntegerKeys integerKeys;
        /**
         * For several keys: per key, a bitmap of the values the build rows hold where the key is an
         * integer or date whose values lie in a range of at most {@link KeyBitmap#MAX_BITS}, else null.
         */
        private final KeyBitmap[] keyBitmaps;

        private Built(List<Vector> columns, int rows, GroupTable[] tables, int[] offsets, int[] starts,
                int[] rowsOfGroup, boolean[] matched, boolean[] foundGroups, IntegerKeys integerKeys) {
            this(columns, rows, tables, offsets, starts, rowsOfGroup, matched, foundGroups, integerKeys, null);
        }

        private Built(List<Vector> columns, int rows, GroupTable[] tables, int[] offsets, int[] starts,
                int[] rowsOfGroup, boolean[] matched, boolean[] foundGroups, IntegerKeys integerKeys,
                KeyBitmap[] keyBitmaps) {
            this.keyBitmaps = keyBitmaps;
            this.columns = columns;
            this.rows = rows;
            this.tables = tables;
            this.offsets = offsets;
            this.starts = starts;
            this.rowsOfGroup = rowsOfGroup;
            this.matched = matched;
            this.foundGroups = foundGroups;
            this.integerKeys = integerKeys;
        }

        /** How many rows the build side has. */
        public int rows() {
            return rows;
        }
    }

    /** Hashes the build side (the whole of it, collected). */
    public Built build(DataFrame side, Workers workers) {
        List<Vector> columns = new ArrayList<>();
        for (Series series : side.series()) {
            columns.add(series.column().toVector());
        }
        int buildRows = side.height();
        if (how == JoinType.CROSS) {
            return new Built(columns, buildRows, new GroupTable[0], new int[0], new int[0], new int[0], null, null,
                    null);
        }
        List<Vector> keys = new ArrayList<>();
        for (int k = 0; k < buildKeys.length; k++) {
            keys.add(CastKernel.cast(columns.get(buildKeys[k]), keyTypes.get(k), true, 0,
                    "join key " + side.schema().field(buildKeys[k]).name()));
        }
        boolean nulls = false;
        for (Vector key : keys) {
            nulls |= key.nullCount() > 0;
        }
        // the kept rows: every row where no key has a null (nonNull is then null), else those listed
        int[] nonNull = null;
        int kept = buildRows;
        List<Vector> keptKeys = keys;
        if (nulls) {
            nonNull = new int[buildRows];
            kept = 0;
            for (int row = 0; row < buildRows; row++) {
                boolean anyNull = false;
                for (Vector key : keys) {
                    anyNull |= key.isNull(row);
                }
                if (!anyNull) {
                    nonNull[kept++] = row;
                }
            }
            keptKeys = new ArrayList<>();
            for (Vector key : keys) {
                keptKeys.add(Kernels.gather(key, nonNull, kept));
            }
        }
        int[] groupOf = new int[kept];
        IntegerKeys integerKeys = IntegerKeys.assign(keyTypes, keptKeys, kept, groupOf);
        Tables tables = integerKeys != null ? new Tables(new GroupTable[0], new int[0], integerKeys.count())
                : tables(keptKeys, kept, groupOf, workers);
        int groups = tables.groups();
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
        KeyBitmap[] keyBitmaps = null;
        if (integerKeys == null && keptKeys.size() > 1 && kept > 0
                && (how == JoinType.INNER || how == JoinType.SEMI) && !marksLeft) {
            keyBitmaps = new KeyBitmap[keptKeys.size()];
            for (int k = 0; k < keptKeys.size(); k++) {
                keyBitmaps[k] = IntegerKeys.integerType(keyTypes.get(k)) ? KeyBitmap.of(keptKeys.get(k), kept) : null;
            }
        }
        return new Built(columns, buildRows, tables.tables(), tables.offsets(), starts, rowsOfGroup,
                how == JoinType.FULL ? new boolean[buildRows] : null, marksLeft ? new boolean[groups] : null,
                integerKeys, keyBitmaps);
    }

    /**
     * The values of one key of a join on several keys, as a bitmap over their range: a probe row
     * whose value of that key no build row holds finds no build row, whatever its other keys
     * (TPC-H's q20 joins 909,455 lineitem rows on part and supplier with 8,508 pairs, of 2,127
     * parts: the bit of the part drops most rows before the pair is hashed).
     *
     * @param min the smallest value; bit {@code v - min} is set for each value {@code v}
     */
    record KeyBitmap(long min, long[] bits) {
        /** The widest range of values that gets a bitmap (1 MiB of it). */
        static final long MAX_BITS = 1L << 23;

        /** The bitmap of {@code key}'s first {@code rows} values (none null), or null where their range is wider. */
        static KeyBitmap of(Vector key, int rows) {
            long[] values = Kernels.longArray(key);
            int offset = Kernels.longOffset(key);
            long[] range = IntegerKeys.range(values, offset, rows);
            long min = range[0];
            long width = range[1] - min + 1; // not above 0 when the range overflows
            if (width <= 0 || width > MAX_BITS) {
                return null;
            }
            long[] bits = new long[(int) ((width + 63) >>> 6)];
            for (int i = 0; i < rows; i++) {
                long bit = values[offset + i] - min;
                bits[(int) (bit >>> 6)] |= 1L << bit;
            }
            return new KeyBitmap(min, bits);
        }

        /** Keeps, of the rows {@code positions[0 .. count)}, those whose value of {@code key} has its bit (never a null). */
        int presentAmong(Vector key, int[] positions, int count) {
            return keep(bits, min, key, positions, count);
        }

        /**
         * Keeps in place, of the rows {@code positions[0 .. count)} (ascending), those whose value of
         * {@code key} (an integer or date vector) has its bit in {@code bits} (bit {@code v - min}
         * for value {@code v}), never a null, and gives how many.
         */
        static int keep(long[] bits, long min, Vector key, int[] positions, int count) {
            long width = (long) bits.length << 6;
            int kept = 0;
            if (key instanceof dev.floe.frame.column.IntVector ints) {
                int[] values = ints.values();
                int offset = ints.offset();
                for (int k = 0; k < count; k++) {
                    int row = positions[k];
                    long bit = values[offset + row] - min;
                    positions[kept] = row;
                    kept += bit >= 0 && bit < width && (bits[(int) (bit >>> 6)] & (1L << bit)) != 0 ? 1 : 0;
                }
            } else {
                long[] values = Kernels.longArray(key);
                int offset = Kernels.longOffset(key);
                for (int k = 0; k < count; k++) {
                    int row = positions[k];
                    long bit = values[offset + row] - min;
                    positions[kept] = row;
                    kept += bit >= 0 && bit < width && (bits[(int) (bit >>> 6)] & (1L << bit)) != 0 ? 1 : 0;
                }
            }
            return IntegerKeys.presentOnly(key, positions, kept);
        }
    }

    /**
     * The groups of a single integer (or date) key of the build side, looked up by value without
     * {@link GroupTable}'s general machinery (no hash pass, no null flags, no key comparison
     * through a column view): an array indexed by the value where the values lie close together,
     * else an open-addressing table holding each key next to its group, so that a probe reads one
     * cache line. Groups are numbered in order of first appearance; the build rows are non-null.
     */
    sealed interface IntegerKeys permits DenseKeys, HashedKeys {
        /** How many groups (distinct keys) there are. */
        int count();

        /** Each row's group, -1 where its key is null or in no group. */
        void lookup(Vector key, int rows, int[] out);

        /** The index of {@code keys} when there is one key of an integer or date type, with each row's group in {@code groupOf}; else null. */
        static IntegerKeys assign(List<DataType> keyTypes, List<Vector> keys, int rows, int[] groupOf) {
            if (keys.size() != 1 || rows == 0 || !integerType(keyTypes.get(0))) {
                return null;
            }
            long[] values = Kernels.longArray(keys.get(0));
            int offset = Kernels.longOffset(keys.get(0));
            DenseKeys dense = DenseKeys.assign(values, offset, rows, groupOf);
            return dense != null ? dense : rows <= HashedKeys.MAX_ROWS ? HashedKeys.assign(values, offset, rows, groupOf)
                    : null;
        }

        static boolean integerType(DataType type) {
            return switch (type.id()) {
                case INT8, INT16, INT32, INT64, DATE -> true;
                default -> false;
            };
        }

        /** Lists in {@code positions} the rows of {@code key} whose value has a group (never a null), and gives how many. */
        default int present(Vector key, int rows, int[] positions) {
            lookup(key, rows, positions); // each row's group, then compacted in place
            int count = 0;
            for (int i = 0; i < rows; i++) {
                int group = positions[i]; // read before the write below, which is at or before i
                positions[count] = i;
                count += group >= 0 ? 1 : 0;
            }
            return count;
        }

        /**
         * Keeps, of the rows {@code positions[0 .. count)} (ascending), those whose value of
         * {@code key} has a group (never a null), in place, and gives how many.
         */
        default int presentAmong(Vector key, int[] positions, int count) {
            int[] groups = new int[key.length()];
            lookup(key, key.length(), groups);
            int kept = 0;
            for (int k = 0; k < count; k++) {
                int row = positions[k];
                positions[kept] = row;
                kept += groups[row] >= 0 ? 1 : 0;
            }
            return kept;
        }

        /** Of {@code positions[0 .. count)}, those where {@code key} is not null, kept in place; how many. */
        static int presentOnly(Vector key, int[] positions, int count) {
            dev.floe.frame.column.Validity validity = key.validity();
            if (validity == null) {
                return count;
            }
            int kept = 0;
            for (int k = 0; k < count; k++) {
                int row = positions[k];
                positions[kept] = row;
                kept += validity.isValid(row) ? 1 : 0;
            }
            return kept;
        }

        /** The smallest and the largest of {@code values[offset .. offset + rows)}. */
        static long[] range(long[] values, int offset, int rows) {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < rows; i++) {
                long value = values[offset + i];
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
            return new long[] {min, max};
        }

        /** Nulls of {@code key} made -1 in {@code out}. */
        static void nullsMiss(Vector key, int rows, int[] out) {
            dev.floe.frame.column.Validity validity = key.validity();
            if (validity != null) {
                for (int i = 0; i < rows; i++) {
                    if (validity.isNull(i)) {
                        out[i] = -1;
                    }
                }
            }
        }
    }

    /**
     * The groups of the key as an array indexed by the value less the smallest one, when the
     * values lie close enough together (the array at most {@link #SPREAD} entries a key, which
     * is no more than a hash table of them would take): a probe is one read of a small array (the
     * keys of TPC-H's tables, and of most tables with generated ids, are such ranges).
     */
    record DenseKeys(long min, int[] groups, int count) implements IntegerKeys {
        static final int SPREAD = 8;
        /** The most entries the array may have (256 MB: TPC-H's order keys at scale factor 10 reach 60 million). */
        static final int MAX_ENTRIES = 1 << 26;

        /** The array of {@code values} when they lie close enough together, each row's group in {@code groupOf}; else null. */
        static DenseKeys assign(long[] values, int offset, int rows, int[] groupOf) {
            long[] range = IntegerKeys.range(values, offset, rows);
            long min = range[0];
            long max = range[1];
            long entries = max - min + 1; // below 1 only when the range overflows: too wide anyway
            if (entries <= 0 || entries > MAX_ENTRIES || entries > (long) SPREAD * rows + 1024) {
                return null;
            }
            int[] groups = new int[(int) entries];
            Arrays.fill(groups, -1);
            int count = 0;
            for (int i = 0; i < rows; i++) {
                int index = (int) (values[offset + i] - min);
                int group = groups[index];
                if (group < 0) {
                    group = groups[index] = count++;
                }
                groupOf[i] = group;
            }
            return new DenseKeys(min, groups, count);
        }

        @Override
        public void lookup(Vector key, int rows, int[] out) {
            long max = min + groups.length - 1;
            if (key instanceof dev.floe.frame.column.IntVector ints) {
                int[] values = ints.values();
                int offset = ints.offset();
                for (int i = 0; i < rows; i++) {
                    long value = values[offset + i];
                    out[i] = value >= min && value <= max ? groups[(int) (value - min)] : -1;
                }
            } else {
                long[] values = Kernels.longArray(key);
                int offset = Kernels.longOffset(key);
                for (int i = 0; i < rows; i++) {
                    long value = values[offset + i];
                    out[i] = value >= min && value <= max ? groups[(int) (value - min)] : -1;
                }
            }
            IntegerKeys.nullsMiss(key, rows, out);
        }

        /** {@link IntegerKeys#presentAmong}: the array read at the selected rows alone. */
        @Override
        public int presentAmong(Vector key, int[] positions, int count) {
            long max = min + groups.length - 1;
            int kept = 0;
            if (key instanceof dev.floe.frame.column.IntVector ints) {
                int[] values = ints.values();
                int offset = ints.offset();
                for (int k = 0; k < count; k++) {
                    int row = positions[k];
                    long value = values[offset + row];
                    positions[kept] = row;
                    kept += value >= min && value <= max && groups[(int) (value - min)] >= 0 ? 1 : 0;
                }
            } else {
                long[] values = Kernels.longArray(key);
                int offset = Kernels.longOffset(key);
                for (int k = 0; k < count; k++) {
                    int row = positions[k];
                    long value = values[offset + row];
                    positions[kept] = row;
                    kept += value >= min && value <= max && groups[(int) (value - min)] >= 0 ? 1 : 0;
                }
            }
            return IntegerKeys.presentOnly(key, positions, kept);
        }
    }

    /**
     * The groups of the key in an open-addressing table of its own: slot {@code s} holds a key at
     * {@code 2s} and its group at {@code 2s + 1} (-1: empty), at most half the slots full, so a
     * probe, hit or miss, mostly reads one cache line. It takes 32 to 64 bytes a key, about what
     * {@link GroupTable} would. Where the keys' range is narrow enough for a bitmap of at most
     * {@link #FILTER_BITS} bits, or of a quarter of the table's bytes (up to {@link
     * #MAX_FILTER_BITS}), a probe first tests its value's bit, so the values no key has (most of
     * them, in a selective join such as TPC-H's lineitem against a few parts, or against the
     * orders of one market segment) cost one read of an array that stays in the caches, not a
     * hash and a walk of the table.
     */
    record HashedKeys(long[] slots, int mask, int count, long min, long[] filter) implements IntegerKeys {
        /** The most keys such a table takes (its slots fill one Java array); more go to {@link GroupTable}. */
        static final int MAX_ROWS = 1 << 28;
        /**
         * A range of keys this wide always gets a bitmap (1 MiB of it, what a core's second-level
         * cache holds): the keys are sparse in it (denser ones get an array), so most values in
         * the range are misses the bitmap answers, and a hit pays one more read of the caches.
         */
        static final long FILTER_BITS = 1L << 23;
        /** The widest range of keys that gets a bitmap, for a table of four times its size or more (8 MiB of it). */
        static final long MAX_FILTER_BITS = 1L << 26;

        static HashedKeys assign(long[] values, int offset, int rows, int[] groupOf) {
            int capacity = Integer.highestOneBit(Math.max(16, rows) * 2 - 1) * 2; // a power of two, at least 2x rows
            long[] slots = new long[2 * capacity];
            for (int s = 1; s < slots.length; s += 2) {
                slots[s] = -1;
            }
            int mask = capacity - 1;
            int count = 0;
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < rows; i++) {
                long value = values[offset + i];
                min = Math.min(min, value);
                max = Math.max(max, value);
                int slot = (int) KeyColumn.mix(value) & mask;
                while (slots[2 * slot + 1] >= 0 && slots[2 * slot] != value) {
                    slot = (slot + 1) & mask;
                }
                if (slots[2 * slot + 1] < 0) {
                    slots[2 * slot] = value;
                    slots[2 * slot + 1] = count++;
                }
                groupOf[i] = (int) slots[2 * slot + 1];
            }
            long width = max - min + 1; // not above 0 when the range overflows
            long[] filter = null;
            // the table takes 16 bytes a slot: a bitmap of 32 bits a slot is a quarter of it
            long filterBits = Math.max(FILTER_BITS, Math.min(MAX_FILTER_BITS, 32L * capacity));
            if (width > 0 && width <= filterBits) {
                filter = new long[(int) ((width + 63) >>> 6)];
                for (int i = 0; i < rows; i++) {
                    long bit = values[offset + i] - min;
                    filter[(int) (bit >>> 6)] |= 1L << bit;
                }
            }
            return new HashedKeys(slots, mask, count, min, filter);
        }

        @Override
        public void lookup(Vector key, int rows, int[] out) {
            long[] table = slots;
            long[] bits = filter;
            if (bits != null) {
                long width = (long) bits.length << 6;
                if (key instanceof dev.floe.frame.column.IntVector ints) {
                    int[] values = ints.values();
                    int offset = ints.offset();
                    for (int i = 0; i < rows; i++) {
                        long value = values[offset + i];
                        long bit = value - min;
                        out[i] = bit >= 0 && bit < width && (bits[(int) (bit >>> 6)] & (1L << bit)) != 0
                                ? find(table, value) : -1;
                    }
                } else {
                    long[] values = Kernels.longArray(key);
                    int offset = Kernels.longOffset(key);
                    for (int i = 0; i < rows; i++) {
                        long value = values[offset + i];
                        long bit = value - min;
                        out[i] = bit >= 0 && bit < width && (bits[(int) (bit >>> 6)] & (1L << bit)) != 0
                                ? find(table, value) : -1;
                    }
                }
            } else if (key instanceof dev.floe.frame.column.IntVector ints) {
                int[] values = ints.values();
                int offset = ints.offset();
                for (int i = 0; i < rows; i++) {
                    out[i] = find(table, values[offset + i]);
                }
            } else {
                long[] values = Kernels.longArray(key);
                int offset = Kernels.longOffset(key);
                for (int i = 0; i < rows; i++) {
                    out[i] = find(table, values[offset + i]);
                }
            }
            IntegerKeys.nullsMiss(key, rows, out);
        }

        /**
         * {@link IntegerKeys#present}: with a bitmap of the keys, its bits alone, which hold exactly
         * the keys (a value's own bit, no hashing), so that a value the build side has costs no
         * walk of the table either.
         */
        @Override
        public int present(Vector key, int rows, int[] positions) {
            if (filter == null) {
                return IntegerKeys.super.present(key, rows, positions);
            }
            for (int i = 0; i < rows; i++) {
                positions[i] = i;
            }
            return presentAmong(key, positions, rows);
        }

        /** {@link IntegerKeys#presentAmong}: with a bitmap of the keys, its bits at the selected rows alone. */
        @Override
        public int presentAmong(Vector key, int[] positions, int count) {
            return filter == null ? IntegerKeys.super.presentAmong(key, positions, count)
                    : KeyBitmap.keep(filter, min, key, positions, count);
        }

        private int find(long[] table, long value) {
            int slot = (int) KeyColumn.mix(value) & mask;
            long group;
            while ((group = table[2 * slot + 1]) >= 0) {
                if (table[2 * slot] == value) {
                    return (int) group;
                }
                slot = (slot + 1) & mask;
            }
            return -1;
        }
    }

    /** The tables of the kept keys, and each kept row's group (in {@code groupOf}). */
    private record Tables(GroupTable[] tables, int[] offsets, int groups) {}

    /** From this many build rows, the build runs on every worker. */
    static final int PARALLEL_BUILD_ROWS = 1 << 14;

    /**
     * Builds the hash tables of the build side's (non-null) keys. With workers and enough rows,
     * partitioned: each worker hashes the morsels it takes and sorts their rows into one list
     * per hash partition; then each worker builds the table of one partition from those rows.
     * Every key is inserted once, whatever the number of workers.
     */
    private Tables tables(List<Vector> keys, int rows, int[] groupOf, Workers workers) {
        int morsel = Math.max(1, workers.morselRows());
        int morsels = Math.max(1, (rows + morsel - 1) / morsel);
        int partitions = Math.min(workers.threads(), morsels);
        if (rows < PARALLEL_BUILD_ROWS || partitions < 2) {
            GroupTable table = new GroupTable(keyTypes);
            table.assignReserving(keys, rows, groupOf);
            return new Tables(new GroupTable[] {table}, new int[] {0}, table.groups());
        }
        // selections[m][p]: the rows of morsel m (numbered within it) whose keys fall in partition p
        int[][][] selections = new int[morsels][][];
        workers.runTasks(partitions, w -> {
            for (int m = w; m < morsels; m += partitions) {
                int from = m * morsel;
                int count = Math.min(morsel, rows - from);
                List<Vector> slice = new ArrayList<>();
                for (Vector key : keys) {
                    slice.add(key.slice(from, count));
                }
                selections[m] = GroupTable.rowsByPartition(keyTypes, slice, count, partitions);
            }
            return null;
        });
        List<GroupTable> tables = workers.runTasks(partitions, p -> {
            int count = 0;
            for (int[][] selection : selections) {
                count += selection[p].length;
            }
            int[] positions = new int[count];
            int at = 0;
            for (int m = 0; m < morsels; m++) {
                int start = m * morsel;
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
        });
        int[] offsets = new int[partitions];
        int groups = 0;
        for (int p = 0; p < partitions; p++) {
            offsets[p] = groups;
            groups += tables.get(p).groups();
        }
        for (int m = 0; m < morsels; m++) {
            int start = m * morsel;
            for (int p = 1; p < partitions; p++) {
                for (int row : selections[m][p]) {
                    groupOf[start + row] += offsets[p];
                }
            }
        }
        return new Tables(tables.toArray(GroupTable[]::new), offsets, groups);
    }

    /** Pairs of rows gathered into output batches: {@code probe[i]} (in the batch) with {@code build[i]}, -1 for none. */
    private final class Output {
        private final Built built;
        private final Batch batch;
        private final Consumer<Batch> downstream;
        private int[] probe = new int[16];
        private int[] build = new int[16];
        private int count;

        Output(Built built, Batch batch, Consumer<Batch> downstream) {
            this.built = built;
            this.batch = batch;
            this.downstream = downstream;
        }

        void add(int probeRow, int buildRow) {
            if (count == probe.length) {
                probe = Arrays.copyOf(probe, count * 2);
                build = Arrays.copyOf(build, count * 2);
            }
            probe[count] = probeRow;
            build[count] = buildRow;
            count++;
        }

        /** Sends the pairs so far when there are enough of them (or {@code force}). */
        void flush(boolean force) {
            if (count == 0 && !(force && batch != null && batch.rows() == 0)) {
                return;
            }
            if (!force && count < OUTPUT_ROWS) {
                return;
            }
            downstream.accept(assemble(built, batch, probe, build, count));
            count = 0;
        }
    }

    /**
     * Whether the probe rows this join keeps can be picked out early, below other steps of the
     * probe side, by {@link #keysIn}: an inner or semi join, or a semi or anti join that marks its
     * left side (a probe row whose key the build side lacks gives nothing) on one integer or date key whose build keys are looked up without
     * hashing (an array indexed by the value) or behind a bitmap of them, so that the test costs
     * about as little as reading the key.
     */
    public boolean filtersProbeKeys(Built built) {
        if ((how != JoinType.INNER && how != JoinType.SEMI && !marksLeft) || built.integerKeys == null) {
            return false;
        }
        return built.integerKeys instanceof DenseKeys
                || built.integerKeys instanceof HashedKeys hashed && hashed.filter() != null;
    }

    /**
     * Whether key {@code k} alone can be tested as {@link #filtersProbeKeys} tests a single key: for
     * a join on several keys, an integer or date key whose build values have a bitmap.
     */
    public boolean filtersProbeKey(Built built, int k) {
        if (probeKeys.length == 1) {
            return k == 0 && filtersProbeKeys(built);
        }
        return built.keyBitmaps != null && built.keyBitmaps[k] != null;
    }

    /** {@link #keysIn} for key {@code k} of a join that {@link #filtersProbeKey}s it. */
    public int keysIn(Built built, int k, Vector key, int rows, long start, int[] positions) {
        if (probeKeys.length == 1) {
            return keysIn(built, key, rows, start, positions);
        }
        for (int i = 0; i < rows; i++) {
            positions[i] = i;
        }
        return keysAmong(built, k, key, start, positions, rows);
    }

    /** {@link #keysAmong} for key {@code k} of a join that {@link #filtersProbeKey}s it. */
    public int keysAmong(Built built, int k, Vector key, long start, int[] positions, int count) {
        if (probeKeys.length == 1) {
            return keysAmong(built, key, start, positions, count);
        }
        Vector cast = CastKernel.cast(key, keyTypes.get(k), true, start, "join key");
        return built.keyBitmaps[k].presentAmong(cast, positions, count);
    }

    /**
     * Lists in {@code positions} the rows of {@code key} (a probe-side column holding the join's
     * key, of a batch that begins at row {@code start}) whose value the build side has, and gives
     * how many there are; only for a join that {@link #filtersProbeKeys} with {@code built}.
     */
    public int keysIn(Built built, Vector key, int rows, long start, int[] positions) {
        Vector cast = CastKernel.cast(key, keyTypes.get(0), true, start, "join key");
        return built.integerKeys.present(cast, rows, positions);
    }

    /**
     * {@link #keysIn} of the rows {@code positions[0 .. count)} (ascending) alone: keeps in place
     * those whose value the build side has, and gives how many.
     */
    public int keysAmong(Built built, Vector key, long start, int[] positions, int count) {
        Vector cast = CastKernel.cast(key, keyTypes.get(0), true, start, "join key");
        return built.integerKeys.presentAmong(cast, positions, count);
    }

    /** The joined rows of one probe batch, given to {@code downstream} in one or more batches. */
    public void probe(Built built, Batch batch, Consumer<Batch> downstream) {
        int rows = batch.rows();
        Output output = new Output(built, batch, downstream);
        if (how == JoinType.CROSS) {
            for (int i = 0; i < rows; i++) {
                for (int b = 0; b < built.rows; b++) {
                    output.add(i, b);
                }
                output.flush(false);
            }
            output.flush(true);
            return;
        }
        List<Vector> keys = new ArrayList<>(probeKeys.length);
        for (int k = 0; k < probeKeys.length; k++) {
            keys.add(CastKernel.cast(batch.column(probeKeys[k]), keyTypes.get(k), true, batch.start(), "join key"));
        }
        int[] groups = new int[rows];
        if (built.integerKeys != null) {
            built.integerKeys.lookup(keys.get(0), rows, groups);
        } else {
            GroupTable.lookup(built.tables, built.offsets, keys, rows, groups);
        }
        if (marksLeft) {
            // the rows follow the whole probe stream (unmatched); every writer writes the same value
            boolean[] found = built.foundGroups;
            for (int i = 0; i < rows; i++) {
                int g = groups[i];
                if (g >= 0) {
                    found[g] = true;
                }
            }
            return;
        }
        // every key once on the build side: group g's row is rowsOfGroup[g], no need to read starts
        boolean unique = built.starts.length - 1 == built.rowsOfGroup.length;
        // the pairs are listed by small loops of their own (quick for the JIT to compile), each
        // stopping after the row that fills an output batch, so output batches end at OUTPUT_ROWS
        if (unique && built.matched == null && (how == JoinType.INNER || how == JoinType.SEMI || how == JoinType.ANTI)) {
            // no per-row dispatch (a selective join, TPC-H's lineitem against a few parts, keeps few rows)
            boolean keepMatches = how != JoinType.ANTI;
            int[] buildRows = how == JoinType.INNER ? built.rowsOfGroup : null;
            for (int i = 0; i < rows; ) {
                i = uniquePairs(groups, i, rows, keepMatches, buildRows, output);
                output.flush(false);
            }
        } else if (how == JoinType.SEMI || how == JoinType.ANTI) {
            for (int i = 0; i < rows; ) {
                i = semiPairs(groups, i, rows, built.starts, unique, how == JoinType.SEMI, output);
                output.flush(false);
            }
        } else {
            for (int i = 0; i < rows; ) {
                i = joinPairs(groups, i, rows, built, unique, how != JoinType.INNER, output);
                output.flush(false);
            }
        }
        output.flush(true);
    }

    /**
     * Lists a probe batch's pairs from row {@code from} where every build key is unique and no
     * build row is marked: a matched row with its build row ({@code buildRows} by group), or with
     * -1 where {@code buildRows} is null; an unmatched one where {@code keepMatches} is false.
     * Stops after the row that fills an output batch; gives the next row.
     */
    private static int uniquePairs(int[] groups, int from, int rows, boolean keepMatches, int[] buildRows, Output output) {
        return keepMatches ? matchedPairs(groups, from, rows, buildRows, output) : unmatchedPairs(groups, from, rows, output);
    }

    /** {@link #uniquePairs} of the matched rows: the rows between them are passed over in a loop of their own. */
    private static int matchedPairs(int[] groups, int from, int rows, int[] buildRows, Output output) {
        int i = from;
        while (i < rows) {
            // most rows of a selective join find nothing: a tight loop to the next that does
            while (i < rows && groups[i] < 0) {
                i++;
            }
            if (i == rows) {
                break;
            }
            output.add(i, buildRows == null ? -1 : buildRows[groups[i]]);
            i++;
            if (output.count >= OUTPUT_ROWS) {
                break;
            }
        }
        return i;
    }

    /** {@link #uniquePairs} of the rows that found nothing. */
    private static int unmatchedPairs(int[] groups, int from, int rows, Output output) {
        int i = from;
        while (i < rows && output.count < OUTPUT_ROWS) {
            if (groups[i] < 0) {
                output.add(i, -1);
            }
            i++;
        }
        return i;
    }

    /** {@link #uniquePairs} for a semi or anti join: the rows with ({@code keepFound}) or without a match. */
    private static int semiPairs(int[] groups, int from, int rows, int[] starts, boolean unique, boolean keepFound, Output output) {
        int i = from;
        while (i < rows && output.count < OUTPUT_ROWS) {
            int g = groups[i];
            int matches = g < 0 ? 0 : unique ? 1 : starts[g + 1] - starts[g];
            if ((matches > 0) == keepFound) {
                output.add(i, -1);
            }
            i++;
        }
        return i;
    }

    /**
     * {@link #uniquePairs} for an inner, left, right or full join: each row with each of its
     * build rows (marking them where the build side's unmatched rows follow), and an unmatched
     * row with -1 where {@code keepUnmatched}.
     */
    private static int joinPairs(int[] groups, int from, int rows, Built built, boolean unique, boolean keepUnmatched,
            Output output) {
        int[] starts = built.starts;
        int[] rowsOfGroup = built.rowsOfGroup;
        boolean[] matched = built.matched;
        int i = from;
        while (i < rows && output.count < OUTPUT_ROWS) {
            int g = groups[i];
            int first = g < 0 ? 0 : unique ? g : starts[g];
            int end = g < 0 ? 0 : unique ? g + 1 : starts[g + 1];
            if (first == end) {
                if (keepUnmatched) {
                    output.add(i, -1);
                }
            } else {
                for (int m = first; m < end; m++) {
                    output.add(i, rowsOfGroup[m]);
                    if (matched != null) {
                        matched[rowsOfGroup[m]] = true;
                    }
                }
            }
            i++;
        }
        return i;
    }

    /**
     * After every probe batch, in build order: a full join's build rows that no probe row
     * matched; a semi join's that marks its left side, the left rows whose key a probe found, and
     * an anti join's, the others (a null key finds nothing).
     */
    public void unmatched(Built built, Consumer<Batch> downstream) {
        if (built.foundGroups != null) {
            boolean[] found = new boolean[built.rows];
            for (int g = 0; g < built.foundGroups.length; g++) {
                if (built.foundGroups[g]) {
                    for (int m = built.starts[g]; m < built.starts[g + 1]; m++) {
                        found[built.rowsOfGroup[m]] = true;
                    }
                }
            }
            boolean keepFound = how == JoinType.SEMI;
            Output output = new Output(built, null, downstream);
            for (int row = 0; row < built.rows; row++) {
                if (found[row] == keepFound) {
                    output.add(-1, row);
                    output.flush(false);
                }
            }
            output.flush(true);
            return;
        }
        if (built.matched == null) {
            return;
        }
        Output output = new Output(built, null, downstream);
        for (int row = 0; row < built.rows; row++) {
            if (!built.matched[row]) {
                output.add(-1, row);
                output.flush(false);
            }
        }
        output.flush(true);
    }

    /** The output batch of {@code count} pairs: each column gathered from its side, -1 giving null. */
    private Batch assemble(Built built, Batch batch, int[] probe, int[] build, int count) {
        int[] left = buildLeft ? build : probe;
        int[] right = buildLeft ? probe : build;
        // probe rows that follow one another (each row matched once, as a join on a unique key
        // gives them): the probe columns are slices of the batch's, not copies
        int run = batch == null ? -1 : consecutive(probe, count);
        List<Vector> columns = new ArrayList<>(fromLeft.length);
        for (int c = 0; c < fromLeft.length; c++) {
            boolean leftSide = fromLeft[c];
            boolean probeSide = leftSide != buildLeft;
            int[] rows = leftSide ? left : right;
            Vector values = probeSide ? run >= 0 ? slice(batch.column(sourceColumn[c]), run, count)
                    : sideColumn(batch, sourceColumn[c], schema.field(c).type(), count, rows)
                    : Kernels.gatherOrNull(built.columns.get(sourceColumn[c]), rows, count);
            if (completion[c] >= 0) {
                Vector other = leftSide == buildLeft ? run >= 0 ? slice(batch.column(completion[c]), run, count)
                        : sideColumn(batch, completion[c], null, count, right)
                        : Kernels.gatherOrNull(built.columns.get(completion[c]), right, count);
                values = coalesce(values, other, count, schema.field(c).type());
            }
            columns.add(values);
        }
        return new Batch(columns, count, batch == null ? 0 : batch.start());
    }

    /** The first of {@code rows[0 .. count)} when they are that row and the ones after it in turn (none -1); else -1. */
    private static int consecutive(int[] rows, int count) {
        if (count == 0 || rows[0] < 0) {
            return -1;
        }
        int first = rows[0];
        int differences = 0;
        for (int i = 1; i < count; i++) {
            differences |= rows[i] - first - i;
        }
        return differences == 0 ? first : -1;
    }

    /** Rows {@code [from, from + count)} of {@code column}: the column itself when that is all of it. */
    private static Vector slice(Vector column, int from, int count) {
        return from == 0 && count == column.length() ? column : column.slice(from, count);
    }

    /** A column of the probe batch at these rows (-1: null); all nulls when there is no batch (the unmatched rows). */
    private static Vector sideColumn(Batch batch, int column, DataType type, int count, int[] rows) {
        if (batch == null) {
            return Kernels.nulls(type == null ? DataType.NULL : type, count);
        }
        return Kernels.gatherOrNull(batch.column(column), rows, count);
    }

    /** The left key where present, else the right key: the key column of a right or full join. */
    private static Vector coalesce(Vector leftKey, Vector rightKey, int count, DataType type) {
        Vector l = CastKernel.cast(leftKey, type, true, 0, "join key");
        Vector r = CastKernel.cast(rightKey, type, true, 0, "join key");
        int[] choice = new int[count];
        for (int i = 0; i < count; i++) {
            choice[i] = l.isNull(i) ? 1 : 0;
        }
        return Kernels.pick(type, new Vector[] {l, r}, choice, count);
    }
}
