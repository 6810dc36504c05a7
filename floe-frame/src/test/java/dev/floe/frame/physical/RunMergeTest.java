package dev.floe.frame.physical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataType;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Batch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The k-way merge of sorted runs gives every row once, in key order, equal keys in the runs'
 * order: through its heap over primitive heads while the keys are 64-bit integers without nulls,
 * through the general heap otherwise, and from one to the other when a later batch has nulls.
 */
class RunMergeTest {
    /** A row: its key (null for none), and where it came from (run, place in the run). */
    private record Row(Long key, long run, long place) {}

    @Test
    void longKeysWithoutNullsMergeInOrderEqualKeysInRunOrder() {
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 40; round++) {
            merged(random, random.nextInt(1, 12), false);
        }
    }

    @Test
    void runsWhoseLaterBatchesHoldNullsGoOnThroughTheGeneralHeap() {
        SplittableRandom random = new SplittableRandom(12);
        for (int round = 0; round < 40; round++) {
            merged(random, random.nextInt(1, 12), true);
        }
    }

    private static void merged(SplittableRandom random, int runCount, boolean laterNulls) {
        List<List<Batch>> runs = new ArrayList<>();
        List<Row> all = new ArrayList<>();
        for (int r = 0; r < runCount; r++) {
            // with nulls, runs long enough that their first batch (at most 69 rows) has none
            int rows = laterNulls ? random.nextInt(100, 300) : random.nextInt(0, 300);
            List<Row> run = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                run.add(new Row(random.nextLong(40), r, i));
            }
            run.sort(Comparator.comparing(Row::key));
            for (int i = 0; i < rows; i++) {
                // nulls last (a quarter of the rows, in batches after the first); places in run order
                boolean none = laterNulls && i >= rows - rows / 4;
                run.set(i, new Row(none ? null : run.get(i).key(), r, i));
            }
            all.addAll(run);
            List<Batch> batches = new ArrayList<>();
            for (int from = 0; from < rows; ) {
                int n = Math.min(rows - from, random.nextInt(1, 70));
                batches.add(batch(run.subList(from, from + n)));
                from += n;
            }
            runs.add(batches);
        }
        List<BatchReader> readers = new ArrayList<>();
        for (List<Batch> batches : runs) {
            readers.add(BatchReader.of(batches));
        }
        // by the last column, as a spilled aggregation merges its runs on their groups' first rows
        java.util.Map<List<Long>, Row> byPlace = new java.util.HashMap<>();
        for (Row row : all) {
            byPlace.put(List.of(row.run(), row.place()), row);
        }
        List<Row> got = new ArrayList<>();
        try (RunMerge merge = AggregateOperator.byFirstRow(readers, 2)) {
            Batch batch;
            while ((batch = merge.next()) != null) {
                assertThat(batch.rows()).isPositive();
                assertThat(batch.columns()).hasSize(2);
                for (int i = 0; i < batch.rows(); i++) {
                    got.add(byPlace.get(List.of((Long) batch.column(0).get(i), (Long) batch.column(1).get(i))));
                }
            }
        }
        // keys in order, nulls last; equal keys (and nulls) by run, then by place in the run
        List<Row> expected = new ArrayList<>(all);
        expected.sort(Comparator.comparing(Row::key, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingLong(Row::run).thenComparingLong(Row::place));
        if (laterNulls) {
            // the general heap orders rows of equal keys by run only where it meets them: compare as sets of
            // keys in order, and each run's rows in their own order
            assertThat(got).extracting(Row::key).containsExactlyElementsOf(expected.stream().map(Row::key).toList());
            assertThat(got).containsExactlyInAnyOrderElementsOf(all);
            for (int r = 0; r < runCount; r++) {
                long run = r;
                assertThat(got.stream().filter(row -> row.run() == run).map(Row::place).toList()).isSorted();
            }
        } else {
            assertThat(got).containsExactlyElementsOf(expected);
        }
    }

    private static Batch batch(List<Row> rows) {
        int n = rows.size();
        long[] keys = new long[n];
        long[] runs = new long[n];
        long[] places = new long[n];
        long[] bits = new long[(n + 63) / 64];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            if (row.key() != null) {
                keys[i] = row.key();
                bits[i >>> 6] |= 1L << i;
            }
            runs[i] = row.run();
            places[i] = row.place();
        }
        return new Batch(List.<Vector>of(LongVector.of(runs), LongVector.of(places),
                new LongVector(DataType.INT64, keys, 0, n, Validity.of(bits, n))), n, 0);
    }
}
