package dev.floe.frame.exec;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Series;
import dev.floe.frame.column.Column;
import dev.floe.frame.column.Vector;
import dev.floe.frame.plan.SortKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sorting a frame held whole: a stable parallel merge sort of row indices ({@link MergeSort}),
 * the first k rows in order, the distinct rows, and gathering every column in a given order.
 */
public final class Sorting {
    private Sorting() {}

    /** The order of the sort keys over {@code input}'s rows. */
    public static RowComparator comparator(DataFrame input, List<SortKey> sortKeys, Workers workers) {
        return comparator(keys(input, sortKeys, workers), sortKeys);
    }

    /** The sort keys' values over {@code input}'s rows. */
    static List<Vector> keys(DataFrame input, List<SortKey> sortKeys, Workers workers) {
        List<dev.floe.frame.expr.Expr> exprs = new ArrayList<>();
        for (SortKey key : sortKeys) {
            exprs.add(key.expr());
        }
        return Evaluation.columns(input, exprs, workers);
    }

    /** The order of {@code sortKeys} given their values. */
    static RowComparator comparator(List<Vector> keys, List<SortKey> sortKeys) {
        RowComparator[] comparators = new RowComparator[keys.size()];
        for (int k = 0; k < comparators.length; k++) {
            SortKey key = sortKeys.get(k);
            comparators[k] = RowComparator.of(keys.get(k), key.descending(), key.placeNullsLast());
        }
        return RowComparator.chain(comparators);
    }

    /**
     * The indices of the rows in the keys' order, ties in input order: by a radix sort where every
     * key has a fixed width ({@link RadixSort}), else by comparisons ({@link MergeSort}).
     */
    static int[] order(DataFrame input, List<SortKey> sortKeys, Workers workers) {
        List<Vector> keys = keys(input, sortKeys, workers);
        int n = input.height();
        List<long[]> words = RadixSort.words(keys, sortKeys, n);
        return words != null ? RadixSort.sortedIndices(n, words)
                : MergeSort.sortedIndices(n, comparator(keys, sortKeys), workers);
    }

    /** The rows in the keys' order, ties in input order. */
    public static DataFrame sort(DataFrame input, List<SortKey> keys, Workers workers) {
        return gather(input, order(input, keys, workers));
    }

    /** The indices of the rows in {@code comparator}'s order, ties in index order. */
    static int[] sortedIndices(int rows, RowComparator comparator, Workers workers) {
        return MergeSort.sortedIndices(rows, comparator, workers);
    }

    /**
     * The first k rows in sort order: each morsel's k best found in parallel (a stable sort of the
     * morsel), then the candidates, in morsel order, sorted stably and cut to k.
     */
    public static DataFrame topK(DataFrame input, List<SortKey> keys, long limit, Workers workers) {
        int n = input.height();
        int k = (int) Math.min(limit, n);
        RowComparator comparator = comparator(input, keys, workers);
        int size = Math.max(workers.morselRows(), 4 * k);
        int morsels = Math.max(1, (n + size - 1) / size);
        List<int[]> candidates = workers.runTasks(morsels, m -> {
            int from = (int) Math.min(n, (long) m * size);
            int count = Math.min(size, n - from);
            int[] rows = new int[count];
            for (int i = 0; i < count; i++) {
                rows[i] = from + i;
            }
            MergeSort.sort(rows, new int[count], 0, count, comparator);
            return Arrays.copyOf(rows, Math.min(k, count));
        });
        int total = 0;
        for (int[] c : candidates) {
            total += c.length;
        }
        int[] all = new int[total];
        int at = 0;
        for (int[] c : candidates) {
            System.arraycopy(c, 0, all, at, c.length);
            at += c.length;
        }
        MergeSort.sort(all, new int[total], 0, total, comparator);
        return gather(input, Arrays.copyOf(all, k));
    }

    /** The first (or last) row of each distinct key, the kept rows in input order. */
    public static DataFrame unique(DataFrame input, List<String> keys, boolean keepLast) {
        List<DataType> types = keys.stream().map(input.schema()::type).toList();
        GroupTable table = new GroupTable(types);
        int rows = input.height();
        int[] groups = new int[rows];
        List<Vector> keyVectors = keys.stream().map(k -> input.column(k).column().toVector()).toList();
        table.assign(keyVectors, rows, 0, groups);
        int[] kept = new int[table.groups()];
        Arrays.fill(kept, -1);
        for (int row = 0; row < rows; row++) {
            if (keepLast || kept[groups[row]] < 0) {
                kept[groups[row]] = row;
            }
        }
        Arrays.sort(kept);
        return gather(input, kept);
    }

    /** Every column's rows in {@code order}. */
    public static DataFrame gather(DataFrame input, int[] order) {
        List<Series> columns = new ArrayList<>();
        for (Series series : input.series()) {
            Vector values = series.column().toVector();
            columns.add(Series.of(series.name(), Column.of(Kernels.gather(values, order, order.length))));
        }
        return DataFrame.of(columns);
    }
}
