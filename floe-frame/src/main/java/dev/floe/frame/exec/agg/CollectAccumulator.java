package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.ListVector;
import dev.floe.frame.column.MapVector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.column.Vectors;
import dev.floe.frame.exec.Kernels;
import dev.floe.frame.exec.MergeSort;
import dev.floe.frame.exec.RowComparator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * {@code list()}, {@code topK(k)}, {@code argMin()}, {@code argMax()} and {@code histogram()}: the
 * aggregations that need a group's values (in input order). Keeps each batch (a view, not a copy, where the input is
 * a column) with its rows' groups; at the end orders the batches by their first row, lays every
 * group's rows out together (a stable counting sort, so each group's rows stay in input order)
 * and computes each group's result from its run of rows.
 */
final class CollectAccumulator implements Accumulator {
    enum Mode { LIST, TOP_K, ARG_MIN, ARG_MAX, HISTOGRAM }

    private record Batch(long firstRow, Vector values, int[] groups) {}

    private final Mode mode;
    private final DataType type;
    private final int k;
    private final List<Batch> batches = new ArrayList<>();

    CollectAccumulator(Mode mode, DataType type, int k) {
        this.mode = mode;
        this.type = type;
        this.k = k;
    }

    @Override
    public void add(int[] groups, int rows, int groupCount, List<Vector> inputs, long firstRow) {
        Batch batch = new Batch(firstRow, inputs.get(0), Arrays.copyOf(groups, rows));
        if (inputs.size() > 1) {
            batch = masked(batch, inputs.get(1), rows);
        }
        batches.add(batch);
        bytes += batch.values().sizeInBytes() + 4L * batch.groups().length + 32;
    }

    /** The batch's rows where {@code mask} (a boolean) is true, in order; the batch's groups array is reused. */
    private static Batch masked(Batch batch, Vector mask, int rows) {
        int[] groups = batch.groups();
        if (mask instanceof ByteVector flags) {
            byte[] values = flags.values();
            int offset = flags.offset();
            for (int i = 0; i < rows; i++) {
                if (values[offset + i] == 0 || flags.isNull(i)) {
                    groups[i] = -1;
                }
            }
        } else {
            for (int i = 0; i < rows; i++) {
                if (!Boolean.TRUE.equals(mask.get(i))) {
                    groups[i] = -1;
                }
            }
        }
        return kept(batch, groups);
    }

    /** The bytes the kept batches take, kept up to date as they are added. */
    private long bytes;

    @Override
    public long sizeInBytes(int groups) {
        return bytes;
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        for (Batch batch : ((CollectAccumulator) other).batches) {
            int[] groups = new int[batch.groups().length];
            boolean all = true;
            for (int i = 0; i < groups.length; i++) {
                groups[i] = mapping[batch.groups()[i]];
                all &= groups[i] >= 0;
            }
            Batch added = all ? new Batch(batch.firstRow(), batch.values(), groups) : kept(batch, groups);
            if (added.groups().length == 0) {
                continue; // none of the batch's groups are merged here (a partition merges a share)
            }
            batches.add(added);
            bytes += added.values().sizeInBytes() + 4L * added.groups().length + 32;
        }
    }

    /**
     * The batch's rows whose group is kept ({@code groups[i] >= 0}): rows stay in input order, so
     * the batch keeps its first row as its sort key.
     */
    private static Batch kept(Batch batch, int[] groups) {
        int[] positions = new int[groups.length];
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            if (groups[i] >= 0) {
                groups[count] = groups[i];
                positions[count++] = i;
            }
        }
        return new Batch(batch.firstRow(), Kernels.gather(batch.values(), positions, count), Arrays.copyOf(groups, count));
    }

    @Override
    public Vector finish(int[] order) {
        batches.sort(Comparator.comparingLong(Batch::firstRow));
        int groupCount = 0;
        for (int g : order) {
            groupCount = Math.max(groupCount, g + 1);
        }
        List<Vector> parts = new ArrayList<>(batches.size());
        int rows = 0;
        for (Batch batch : batches) {
            parts.add(batch.values());
            rows += batch.groups().length;
            for (int g : batch.groups()) {
                groupCount = Math.max(groupCount, g + 1);
            }
        }
        if (type == DataType.CATEGORICAL && !parts.isEmpty()) {
            parts = Vectors.shareDictionary(parts);
        }
        Vector values = Vectors.concat(type, parts);
        // starts[g] .. starts[g + 1]: group g's rows (indices into values), in input order
        int[] starts = new int[groupCount + 1];
        for (Batch batch : batches) {
            for (int g : batch.groups()) {
                starts[g + 1]++;
            }
        }
        for (int g = 0; g < groupCount; g++) {
            starts[g + 1] += starts[g];
        }
        int[] rowsByGroup = new int[rows];
        int[] next = Arrays.copyOf(starts, groupCount);
        int row = 0;
        for (Batch batch : batches) {
            for (int g : batch.groups()) {
                rowsByGroup[next[g]++] = row++;
            }
        }
        return switch (mode) {
            case LIST -> lists(values, order, starts, rowsByGroup, false);
            case TOP_K -> lists(values, order, starts, rowsByGroup, true);
            case ARG_MIN, ARG_MAX -> positions(values, order, starts, rowsByGroup);
            case HISTOGRAM -> histograms(values, order, starts, rowsByGroup);
        };
    }

    /** Each group's rows as a list; for top-k, its non-null values sorted largest first and cut to k. */
    private Vector lists(Vector values, int[] order, int[] starts, int[] rowsByGroup, boolean topK) {
        int n = order.length;
        int[] offsets = new int[n + 1];
        int[] elements = new int[rowsByGroup.length];
        int[] scratch = topK ? new int[rowsByGroup.length] : null;
        RowComparator largestFirst = topK ? RowComparator.of(values, true, true) : null;
        int at = 0;
        for (int i = 0; i < n; i++) {
            int g = order[i];
            int from = g + 1 < starts.length ? starts[g] : 0;
            int to = g + 1 < starts.length ? starts[g + 1] : 0;
            int begin = at;
            for (int r = from; r < to; r++) {
                int value = rowsByGroup[r];
                if (!topK || !values.isNull(value)) {
                    elements[at++] = value;
                }
            }
            if (topK) {
                MergeSort.sort(elements, scratch, begin, at, largestFirst);
                at = Math.min(at, begin + k);
            }
            offsets[i + 1] = at;
        }
        return new ListVector(offsets, Kernels.gather(values, elements, at), 0, n, null);
    }

    /**
     * Each group's distinct non-null values, smallest first (as ORDER BY puts them), mapped to how
     * often they occur; null for a group without any. One sort of each group's rows, then a count of
     * each run of equal values.
     */
    private Vector histograms(Vector values, int[] order, int[] starts, int[] rowsByGroup) {
        if (values instanceof dev.floe.frame.column.LongVector || values instanceof dev.floe.frame.column.IntVector
                || values instanceof dev.floe.frame.column.ShortVector || values instanceof dev.floe.frame.column.ByteVector) {
            return countRuns(values, Kernels.longs(values), order, starts, rowsByGroup, null, null);
        }
        if (values instanceof dev.floe.frame.column.Utf8Vector || values instanceof dev.floe.frame.column.CategoricalVector) {
            return textHistograms(values, order, starts, rowsByGroup);
        }
        if (values instanceof dev.floe.frame.column.DoubleVector || values instanceof dev.floe.frame.column.FloatVector) {
            // each value as a long that orders as the value does: -0.0 as 0.0, every NaN as one, after +inf
            double[] doubles = Kernels.doubles(values);
            long[] ordered = new long[doubles.length];
            for (int i = 0; i < doubles.length; i++) {
                double d = doubles[i] == 0 ? 0.0 : doubles[i];
                long bits = Double.doubleToLongBits(d); // NaN: one bit pattern
                ordered[i] = bits < 0 ? bits ^ Long.MAX_VALUE : bits;
            }
            return countRuns(values, ordered, order, starts, rowsByGroup, null, null);
        }
        // the rest (128-bit integers and wide decimals): ranked by one sort of every row
        return rankedHistograms(values, order, starts, rowsByGroup);
    }

    /**
     * {@link #histograms} of values of any type: the non-null rows sorted once (as ORDER BY puts them),
     * each given the rank of its value, equal values one rank, then counted as whole numbers.
     */
    private Vector rankedHistograms(Vector values, int[] order, int[] starts, int[] rowsByGroup) {
        int rows = values.length();
        int[] sorted = new int[rows];
        int present = 0;
        for (int i = 0; i < rows; i++) {
            if (!values.isNull(i)) {
                sorted[present++] = i;
            }
        }
        long[] rank = new long[rows];
        if (present == 0) { // no values (a column of nulls): every group's map is null
            return countRuns(values, rank, order, starts, rowsByGroup, new int[0], values);
        }
        RowComparator ascending = RowComparator.of(values, false, true);
        MergeSort.sort(sorted, new int[present], 0, present, ascending);
        int[] byRank = new int[present]; // the first row of each rank: its value is the rank's key
        int ranks = 0;
        for (int k = 0; k < present; k++) {
            if (k == 0 || ascending.compare(sorted[k - 1], sorted[k]) != 0) {
                byRank[ranks++] = sorted[k];
            }
            rank[sorted[k]] = ranks - 1;
        }
        return countRuns(values, rank, order, starts, rowsByGroup, byRank, values);
    }

    /**
     * {@link #histograms} of text: each distinct text given a code (a categorical's are its codes),
     * the codes ranked in the texts' order (by code point) once, then counted as whole numbers.
     */
    private Vector textHistograms(Vector values, int[] order, int[] starts, int[] rowsByGroup) {
        int rows = values.length();
        int[] codes = new int[rows];
        dev.floe.frame.column.Utf8Vector texts;
        if (values instanceof dev.floe.frame.column.CategoricalVector categorical) {
            for (int i = 0; i < rows; i++) {
                codes[i] = categorical.isNull(i) ? 0 : categorical.code(i);
            }
            texts = categorical.dictionary().values();
        } else {
            dev.floe.frame.column.Utf8Vector utf8 = (dev.floe.frame.column.Utf8Vector) values;
            dev.floe.frame.column.Dictionary.Builder dictionary = new dev.floe.frame.column.Dictionary.Builder();
            for (int i = 0; i < rows; i++) {
                codes[i] = utf8.isNull(i) ? 0 : dictionary.codeOf(utf8.data(), utf8.start(i), utf8.byteLength(i));
            }
            texts = dictionary.build().values();
        }
        int distinct = texts.length();
        int[] byRank = new int[distinct];
        for (int c = 0; c < distinct; c++) {
            byRank[c] = c;
        }
        MergeSort.sort(byRank, new int[distinct], 0, distinct, RowComparator.of(texts, false, true));
        long[] rank = new long[rows];
        int[] rankOf = new int[distinct];
        for (int r = 0; r < distinct; r++) {
            rankOf[byRank[r]] = r;
        }
        for (int i = 0; i < rows; i++) {
            rank[i] = values.isNull(i) ? 0 : rankOf[codes[i]]; // a null row's rank is never read
        }
        return countRuns(values, rank, order, starts, rowsByGroup, byRank, texts);
    }

    /**
     * Each group's non-null values, given as longs that order as the values do, sorted as primitives
     * and counted run by run; each run's key made back from its long, or where the longs are ranks,
     * gathered from {@code ranked} at the position {@code byRank} gives (a categorical's keys keep
     * its dictionary).
     */
    private Vector countRuns(Vector values, long[] numbers, int[] order, int[] starts, int[] rowsByGroup,
            int[] byRank, Vector ranked) {
        int n = order.length;
        int[] offsets = new int[n + 1];
        long[] group = new long[rowsByGroup.length];
        long[] keys = new long[rowsByGroup.length];
        long[] counts = new long[rowsByGroup.length];
        long[] bits = new long[(n + 63) >>> 6];
        int entries = 0;
        for (int i = 0; i < n; i++) {
            int g = order[i];
            int from = g + 1 < starts.length ? starts[g] : 0;
            int to = g + 1 < starts.length ? starts[g + 1] : 0;
            int count = 0;
            for (int r = from; r < to; r++) {
                int value = rowsByGroup[r];
                if (!values.isNull(value)) {
                    group[count++] = numbers[value];
                }
            }
            if (count > 0) {
                bits[i >>> 6] |= 1L << i;
                Arrays.sort(group, 0, count);
                keys[entries] = group[0];
                counts[entries] = 1;
                for (int r = 1; r < count; r++) {
                    if (group[r] == keys[entries]) {
                        counts[entries]++;
                    } else {
                        keys[++entries] = group[r];
                        counts[entries] = 1;
                    }
                }
                entries++;
            }
            offsets[i + 1] = entries;
        }
        Vector keyValues;
        if (byRank != null) {
            int[] positions = new int[entries];
            for (int e = 0; e < entries; e++) {
                positions[e] = byRank[(int) keys[e]];
            }
            keyValues = values instanceof dev.floe.frame.column.CategoricalVector categorical
                    ? new dev.floe.frame.column.CategoricalVector(positions, 0, entries, null, categorical.dictionary())
                    : Kernels.gather(ranked, positions, entries);
        } else if (type.isFloat()) {
            double[] out = new double[entries];
            for (int e = 0; e < entries; e++) {
                out[e] = Double.longBitsToDouble(keys[e] < 0 ? keys[e] ^ Long.MAX_VALUE : keys[e]);
            }
            keyValues = Kernels.fromDoubles(type, out, entries, null);
        } else {
            keyValues = Kernels.fromLongs(type, Arrays.copyOf(keys, entries), entries, null);
        }
        Vector countValues = Kernels.fromLongs(DataType.INT64, Arrays.copyOf(counts, entries), entries, null);
        return new MapVector(offsets, keyValues, countValues, 0, n, Validity.of(bits, n));
    }

    /** The position in its group of each group's first smallest (or largest) non-null value. */
    private Vector positions(Vector values, int[] order, int[] starts, int[] rowsByGroup) {
        int n = order.length;
        long[] out = new long[n];
        long[] bits = new long[(n + 63) >>> 6];
        RowComparator ascending = RowComparator.of(values, false, true);
        boolean largest = mode == Mode.ARG_MAX;
        double[] floats = type.isFloat() ? Kernels.doubles(values) : null;
        for (int i = 0; i < n; i++) {
            int g = order[i];
            int from = g + 1 < starts.length ? starts[g] : 0;
            int to = g + 1 < starts.length ? starts[g + 1] : 0;
            int best = -1;
            boolean bestIsNaN = false;
            for (int r = from; r < to; r++) {
                int value = rowsByGroup[r];
                if (values.isNull(value)) {
                    continue;
                }
                boolean isNaN = floats != null && Double.isNaN(floats[value]);
                boolean better;
                if (best < 0) {
                    better = true;
                } else if (isNaN) {
                    better = false;
                } else if (bestIsNaN) {
                    better = true;
                } else {
                    int c = ascending.compare(value, rowsByGroup[best]);
                    better = largest ? c > 0 : c < 0;
                }
                if (better) {
                    best = r;
                    bestIsNaN = isNaN;
                }
            }
            if (best >= 0) {
                out[i] = best - from;
                bits[i >>> 6] |= 1L << i;
            }
        }
        return Kernels.fromLongs(DataType.INT64, out, n, Validity.of(bits, n));
    }
}
