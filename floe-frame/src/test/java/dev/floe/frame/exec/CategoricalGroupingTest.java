package dev.floe.frame.exec;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Series;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Dictionary;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.plan.Aggregate;
import dev.floe.frame.plan.Scan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Grouping on categorical keys scales with the data, not with dictionary sizes times batches:
 * batches over the dictionary a column already uses need no translation at all, and a batch over
 * another dictionary is translated once per dictionary, by its values' bytes. Checked against a
 * plain-Java reference on a million categories, at one and three workers, and by counting the
 * dictionaries the aggregation had to translate.
 */
@org.junit.jupiter.api.Tag("own-configuration")
class CategoricalGroupingTest {
    /** Workers over a fixed thread pool (or, without one, the calling thread running their tasks in turn). */
    record TestWorkers(int threads, ExecutorService executor) implements Workers {
        @Override
        public int morselRows() {
            return 65_536;
        }

        @Override
        public <R> List<R> runTasks(int count, IntFunction<R> task) {
            List<R> results = new ArrayList<>();
            if (executor == null) {
                for (int i = 0; i < count; i++) {
                    results.add(task.apply(i));
                }
                return results;
            }
            List<Future<R>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(executor.submit(() -> task.apply(index)));
            }
            for (Future<R> future : futures) {
                try {
                    results.add(future.get());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            return results;
        }

        @Override
        public void checkCancelled() {
            // never cancelled
        }
    }

    private static final int ROWS = 1_200_000;
    private static final int CATEGORIES = 1_000_000;

    @Test
    void aMillionCategoriesOverManyBatchesOfOneDictionaryGroupWithoutTranslating() throws Exception {
        // one dictionary for every chunk, as a frame's categorical column has
        Dictionary.Builder builder = new Dictionary.Builder();
        for (int c = 0; c < CATEGORIES; c++) {
            builder.codeOf("k" + c);
        }
        Dictionary dictionary = builder.build();
        int[] codes = new int[ROWS];
        long[] values = new long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            codes[i] = (int) ((i * 7919L) % CATEGORIES);
            values[i] = i % 13;
        }
        for (int threads : new int[] {1, 3}) {
            List<List<Vector>> batches = new ArrayList<>();
            for (int start = 0; start < ROWS; start += 20_000) {
                int count = Math.min(20_000, ROWS - start);
                batches.add(List.of(new CategoricalVector(codes, start, count, null, dictionary),
                        new LongVector(DataType.INT64, values, start, count, null)));
            }
            Result result = aggregate(batches, threads);
            assertThat(result.translations()).as("dictionaries translated, %d workers", threads).isZero();
            checkAgainstReference(result.frame(), codes, values, dictionary);
        }
    }

    @Test
    void batchesOverDifferentDictionariesAreTranslatedOncePerDictionary() throws Exception {
        // a dictionary of its own per 50,000 rows, as chunks read apart have
        int rows = 400_000;
        int[] codesOfText = new int[rows];
        long[] values = new long[rows];
        List<List<Vector>> batches = new ArrayList<>();
        List<Dictionary> dictionaries = new ArrayList<>();
        for (int part = 0; part < rows / 50_000; part++) {
            Dictionary.Builder builder = new Dictionary.Builder();
            int[] codes = new int[50_000];
            for (int i = 0; i < 50_000; i++) {
                int row = part * 50_000 + i;
                codesOfText[row] = (int) ((row * 31L) % 120_000);
                codes[i] = builder.codeOf("k" + codesOfText[row]);
                values[row] = row % 7;
            }
            Dictionary dictionary = builder.build();
            dictionaries.add(dictionary);
            for (int start = 0; start < 50_000; start += 10_000) {
                batches.add(List.of(new CategoricalVector(codes, start, 10_000, null, dictionary),
                        new LongVector(DataType.INT64, values, part * 50_000 + start, 10_000, null)));
            }
        }
        for (int threads : new int[] {1, 3}) {
            Result result = aggregate(batches, threads);
            // each table translates each foreign dictionary once (not once per batch), merges once per table
            assertThat(result.translations()).as("%d workers", threads)
                    .isLessThanOrEqualTo(dictionaries.size() * (threads + 1) + threads * threads);
            Map<String, long[]> expected = sumsAndCounts(codesOfText, values);
            compare(result.frame(), expected);
        }
    }

    @Test
    void batchesOverGrowingDictionariesOfOneLineageGroupWithoutTranslating() throws Exception {
        // as a reader decoding row groups into one builder gives: each part's dictionary holds every earlier value
        int rows = 400_000;
        int[] textOf = new int[rows];
        long[] values = new long[rows];
        List<List<Vector>> batches = new ArrayList<>();
        Dictionary.Builder builder = new Dictionary.Builder();
        for (int part = 0; part < rows / 50_000; part++) {
            int[] codes = new int[50_000];
            for (int i = 0; i < 50_000; i++) {
                int row = part * 50_000 + i;
                textOf[row] = (int) ((row * 31L) % 120_000);
                codes[i] = builder.codeOf("k" + textOf[row]);
                values[row] = row % 7;
            }
            Dictionary dictionary = builder.build();
            for (int start = 0; start < 50_000; start += 10_000) {
                batches.add(List.of(new CategoricalVector(codes, start, 10_000, null, dictionary),
                        new LongVector(DataType.INT64, values, part * 50_000 + start, 10_000, null)));
            }
        }
        for (int threads : new int[] {1, 3}) {
            Result result = aggregate(batches, threads);
            assertThat(result.translations()).as("dictionaries translated, %d workers", threads).isZero();
            Map<String, long[]> expected = sumsAndCounts(textOf, values);
            compare(result.frame(), expected);
        }
    }

    @Test
    void twoLineagesAreTranslatedOnceEachHoweverManyDictionariesTheyGrowThrough() throws Exception {
        // two readers' lineages, their parts interleaved, over overlapping values
        int rows = 400_000;
        int[] textOf = new int[rows];
        long[] values = new long[rows];
        List<List<Vector>> batches = new ArrayList<>();
        Dictionary.Builder[] builders = {new Dictionary.Builder(), new Dictionary.Builder()};
        for (int part = 0; part < rows / 25_000; part++) {
            Dictionary.Builder builder = builders[part % 2];
            int[] codes = new int[25_000];
            for (int i = 0; i < 25_000; i++) {
                int row = part * 25_000 + i;
                textOf[row] = (int) ((row * 131L) % 90_000);
                codes[i] = builder.codeOf("k" + textOf[row]);
                values[row] = row % 5;
            }
            batches.add(List.of(new CategoricalVector(codes, 0, 25_000, null, builder.build()),
                    new LongVector(DataType.INT64, values, part * 25_000, 25_000, null)));
        }
        Result result = aggregate(batches, 1);
        // the second lineage once (not once for each of its eight dictionaries), and the table's union once when merged
        assertThat(result.translations()).as("dictionaries translated").isLessThanOrEqualTo(2);
        Map<String, long[]> expected = sumsAndCounts(textOf, values);
        compare(result.frame(), expected);
        // and with three workers, each table meets both lineages in turn
        Result three = aggregate(batches, 3);
        assertThat(three.translations()).isLessThanOrEqualTo(2 * 3 + 3 * 3);
        compare(three.frame(), expected);
    }

    /** For each key {@code "k" + text[row]}, in order of first appearance, the sum and count of its values. */
    private static Map<String, long[]> sumsAndCounts(int[] text, long[] values) {
        Map<String, long[]> expected = new LinkedHashMap<>();
        for (int row = 0; row < text.length; row++) {
            long[] sumCount = expected.computeIfAbsent("k" + text[row], k -> new long[2]);
            sumCount[0] += values[row];
            sumCount[1]++;
        }
        return expected;
    }

    private record Result(DataFrame frame, int translations) {}

    /** Groups the batches by their first column: sum and count of the second. */
    private static Result aggregate(List<List<Vector>> batches, int threads) throws Exception {
        DataFrame schemaOnly = DataFrame.of(Series.of("k", DataType.CATEGORICAL, List.of()),
                Series.of("v", DataType.INT64, List.of()));
        Aggregate plan = new Aggregate(new Scan(schemaOnly), List.of(col("k")),
                List.of(col("v").sum().alias("s"), Exprs.len().alias("n")));
        ExecutorService executor = threads == 1 ? null : Executors.newFixedThreadPool(threads);
        try {
            TestWorkers workers = new TestWorkers(threads, executor);
            GroupedAggregation aggregation = new GroupedAggregation(plan, null, threads);
            long[] starts = new long[batches.size()];
            for (int b = 1; b < batches.size(); b++) {
                starts[b] = starts[b - 1] + batches.get(b - 1).get(0).length();
            }
            List<GroupedAggregation.State> states = workers.runTasks(threads, w -> {
                GroupedAggregation.State state = aggregation.newState();
                for (int b = w; b < batches.size(); b += threads) {
                    List<Vector> columns = batches.get(b);
                    aggregation.add(state, new Batch(columns, columns.get(0).length(), starts[b]));
                }
                return state;
            });
            DataFrame frame = aggregation.finish(states, workers);
            return new Result(frame, aggregation.dictionaryTranslations());
        } finally {
            if (executor != null) {
                executor.shutdown();
            }
        }
    }

    private static void checkAgainstReference(DataFrame frame, int[] codes, long[] values, Dictionary dictionary) {
        Map<String, long[]> expected = new LinkedHashMap<>();
        for (int i = 0; i < codes.length; i++) {
            long[] sumCount = expected.computeIfAbsent(dictionary.value(codes[i]), k -> new long[2]);
            sumCount[0] += values[i];
            sumCount[1]++;
        }
        compare(frame, expected);
    }

    /** The groups, in order of first appearance, with their sums and counts. */
    private static void compare(DataFrame frame, Map<String, long[]> expected) {
        assertThat(frame.height()).isEqualTo(expected.size());
        int row = 0;
        for (var entry : expected.entrySet()) {
            assertThat(frame.get(row, "k")).as("row %d", row).isEqualTo(entry.getKey());
            assertThat(((Number) frame.get(row, "s")).longValue()).as("row %d", row).isEqualTo(entry.getValue()[0]);
            assertThat(((Number) frame.get(row, "n")).longValue()).as("row %d", row).isEqualTo(entry.getValue()[1]);
            row++;
        }
    }
}
