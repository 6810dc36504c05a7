package dev.floe.frame.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.column.Int128;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.plan.SortKey;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The radix sort orders rows exactly as the comparisons do, ties in input order, for every fixed-width type. */
class RadixSortTest {
    private static final List<DataType> TYPES = List.of(DataType.BOOLEAN, DataType.INT8, DataType.INT16, DataType.INT32,
            DataType.INT64, DataType.INT128, DataType.FLOAT32, DataType.FLOAT64, DataType.DATE, DataType.DATETIME,
            DataType.DURATION, DataType.CATEGORICAL, DataType.decimal(10, 2), DataType.decimal(30, 3), DataType.NULL);

    @Test
    void everyTypeDirectionAndNullPlaceSortsAsTheComparisonsDo() {
        SplittableRandom random = new SplittableRandom(20261206);
        CategoricalGroupingTest.TestWorkers workers = new CategoricalGroupingTest.TestWorkers(1, null);
        for (int round = 0; round < 300; round++) {
            int rows = RadixSort.MIN_ROWS + random.nextInt(3000);
            int keyCount = 1 + random.nextInt(3);
            List<Schema.Field> fields = new ArrayList<>();
            List<SortKey> keys = new ArrayList<>();
            for (int k = 0; k < keyCount; k++) {
                DataType type = TYPES.get(random.nextInt(TYPES.size()));
                fields.add(new Schema.Field("k" + k, type));
                SortKey key = random.nextBoolean() ? SortKey.asc("k" + k) : SortKey.desc("k" + k);
                keys.add(random.nextBoolean() ? key.nullsLast() : key.nullsFirst());
            }
            int distinct = 1 + random.nextInt(random.nextBoolean() ? 5 : 100_000);
            double nullShare = random.nextInt(3) == 0 ? 0 : random.nextDouble() * 0.3;
            List<List<Object>> data = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                List<Object> row = new ArrayList<>();
                for (Schema.Field field : fields) {
                    row.add(random.nextDouble() < nullShare ? null : value(field.type(), random, distinct));
                }
                data.add(row);
            }
            DataFrame frame = DataFrame.ofRows(Schema.of(fields), data);
            List<long[]> words = RadixSort.words(Sorting.keys(frame, keys, workers), keys, rows);
            assertThat(words).as("%s", fields).isNotNull();
            int[] radix = RadixSort.sortedIndices(rows, words);
            int[] merge = MergeSort.sortedIndices(rows, Sorting.comparator(frame, keys, workers), workers);
            assertThat(radix).as("%s by %s", fields, keys).isEqualTo(merge);
            assertThat(Sorting.order(frame, keys, workers)).isEqualTo(merge);
        }
    }

    @Test
    void textKeysAndFewOrManyRowsSortByComparisons() {
        CategoricalGroupingTest.TestWorkers workers = new CategoricalGroupingTest.TestWorkers(1, null);
        DataFrame text = DataFrame.ofRows(Schema.of(List.of(new Schema.Field("s", DataType.UTF8))),
                java.util.stream.IntStream.range(0, 1000).mapToObj(i -> List.<Object>of("v" + (i * 7919 % 1000))).toList());
        List<SortKey> byText = List.of(SortKey.asc("s"));
        assertThat(RadixSort.words(Sorting.keys(text, byText, workers), byText, 1000)).isNull();
        DataFrame few = DataFrame.ofRows(Schema.of(List.of(new Schema.Field("x", DataType.INT64))), List.of(List.of(2L),
                List.of(1L)));
        assertThat(RadixSort.words(Sorting.keys(few, List.of(SortKey.asc("x")), workers), List.of(SortKey.asc("x")), 2))
                .isNull();
        assertThat(Sorting.order(few, List.of(SortKey.asc("x")), workers)).containsExactly(1, 0);
        // a window ordered by a fixed-width key over partitions: the radix order with the partition first
        DataFrame df = DataFrame.ofRows(Schema.of(List.of(new Schema.Field("g", DataType.INT32),
                new Schema.Field("t", DataType.FLOAT64))), java.util.stream.IntStream.range(0, 2000)
                .mapToObj(i -> java.util.Arrays.<Object>asList(i % 7, i % 11 == 0 ? null : (double) ((i * 31) % 97) - 40))
                .toList());
        DataFrame out = df.select(Exprs.col("g"), Exprs.col("t"), Exprs.rowNumber().over("g").orderBy(SortKey.desc("t"))
                .alias("n"), Exprs.col("t").sum().over("g").orderBy("t").alias("running"));
        for (int g = 0; g < 7; g++) {
            List<double[]> rows = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                if ((Integer) out.column("g").get(i) == g) {
                    Double t = (Double) out.column("t").get(i);
                    rows.add(new double[] {t == null ? Double.NaN : t, (Long) out.column("n").get(i), i});
                }
            }
            // row numbers follow t descending (nulls, placed first when descending, before every value), ties by input order
            rows.sort((a, b) -> {
                boolean an = Double.isNaN(a[0]);
                boolean bn = Double.isNaN(b[0]);
                int c = an || bn ? Boolean.compare(bn, an) : Double.compare(b[0], a[0]);
                return c != 0 ? c : Double.compare(a[2], b[2]);
            });
            for (int r = 0; r < rows.size(); r++) {
                assertThat(rows.get(r)[1]).isEqualTo(r + 1);
            }
        }
    }

    private static Object value(DataType type, SplittableRandom random, int distinct) {
        long v = random.nextLong(distinct) - distinct / 2;
        return switch (type.id()) {
            case BOOLEAN -> v % 2 == 0;
            case INT8 -> (byte) v;
            case INT16 -> (short) v;
            case INT32 -> (int) v;
            case INT64 -> random.nextInt(8) == 0 ? (random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE) : v * 1_000_003L;
            case INT128 -> random.nextInt(6) == 0 ? (random.nextBoolean() ? Int128.MAX : Int128.MAX.negate())
                    : java.math.BigInteger.valueOf(v).shiftLeft(random.nextInt(3) * 40);
            case FLOAT32 -> (float) special(random, v);
            case FLOAT64 -> special(random, v);
            case DATE -> LocalDate.of(2000, 1, 1).plusDays(v);
            case DATETIME -> LocalDateTime.of(2000, 1, 1, 0, 0).plusSeconds(v * 37);
            case DURATION -> java.time.Duration.ofMillis(v * 13);
            case CATEGORICAL -> "c" + Math.abs(v % 50);
            case DECIMAL -> BigDecimal.valueOf(v, type.scale() == 2 ? 2 : 3).multiply(type.precision() > 18
                    ? new BigDecimal("1e15") : BigDecimal.ONE);
            default -> null;
        };
    }

    private static double special(SplittableRandom random, long v) {
        return switch (random.nextInt(12)) {
            case 0 -> Double.NaN;
            case 1 -> -0.0;
            case 2 -> 0.0;
            case 3 -> Double.POSITIVE_INFINITY;
            case 4 -> Double.NEGATIVE_INFINITY;
            default -> v / 3.0;
        };
    }
}
