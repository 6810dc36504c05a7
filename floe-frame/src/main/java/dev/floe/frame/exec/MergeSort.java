package dev.floe.frame.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * A stable sort of row indices by a {@link RowComparator}: runs sorted in parallel (insertion sort
 * of small blocks, then bottom-up merging), then merged pairwise, the earlier run winning ties.
 */
public final class MergeSort {
    private static final int BLOCK = 32;

    private MergeSort() {}

    /** The indices {@code 0 .. n-1} in the comparator's order, ties in index order. */
    static int[] sortedIndices(int n, RowComparator comparator, Workers workers) {
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        int[] scratch = new int[n];
        int runs = Math.max(1, Math.min(workers.threads(), n / 4096));
        List<int[]> bounds = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            bounds.add(new int[] {(int) ((long) n * r / runs), (int) ((long) n * (r + 1) / runs)});
        }
        if (runs == 1) {
            sort(indices, scratch, 0, n, comparator);
        } else {
            workers.runTasks(runs, r -> {
                sort(indices, scratch, bounds.get(r)[0], bounds.get(r)[1], comparator);
                return null;
            });
            for (int width = 1; width < runs; width *= 2) {
                for (int r = 0; r + width < runs; r += 2 * width) {
                    int from = bounds.get(r)[0];
                    int middle = bounds.get(r + width)[0];
                    int to = bounds.get(Math.min(r + 2 * width, runs) - 1)[1];
                    merge(indices, scratch, from, middle, to, comparator);
                }
            }
        }
        return indices;
    }

    /** Sorts {@code a[from, to)} stably; {@code scratch} is at least as long as {@code a}. */
    public static void sort(int[] a, int[] scratch, int from, int to, RowComparator comparator) {
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(start + BLOCK, to);
            for (int i = start + 1; i < end; i++) {
                int value = a[i];
                int j = i - 1;
                while (j >= start && comparator.compare(a[j], value) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = value;
            }
        }
        for (int width = BLOCK; width < to - from; width *= 2) {
            for (int start = from; start + width < to; start += 2 * width) {
                merge(a, scratch, start, start + width, Math.min(start + 2 * width, to), comparator);
            }
        }
    }

    /** Merges the sorted {@code a[from, middle)} and {@code a[middle, to)}; the left wins ties. */
    static void merge(int[] a, int[] scratch, int from, int middle, int to, RowComparator comparator) {
        if (comparator.compare(a[middle - 1], a[middle]) <= 0) {
            return; // already in order
        }
        System.arraycopy(a, from, scratch, from, to - from);
        int i = from;
        int j = middle;
        int k = from;
        while (i < middle && j < to) {
            a[k++] = comparator.compare(scratch[j], scratch[i]) < 0 ? scratch[j++] : scratch[i++];
        }
        while (i < middle) {
            a[k++] = scratch[i++];
        }
        while (j < to) {
            a[k++] = scratch[j++];
        }
    }
}
