package dev.floe.frame.column;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataType;
import dev.floe.frame.SchemaException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class ColumnTest {
    /** A random value of each type, or null about one time in six. */
    static final Map<DataType, IntFunction<Object>> VALUES = new LinkedHashMap<>();

    static {
        VALUES.put(DataType.BOOLEAN, i -> i % 3 == 0);
        VALUES.put(DataType.INT8, i -> (byte) (i * 7));
        VALUES.put(DataType.INT16, i -> (short) (i * 311));
        VALUES.put(DataType.INT32, i -> i * 100_003);
        VALUES.put(DataType.INT64, i -> i * 10_000_000_019L);
        VALUES.put(DataType.INT128, i -> java.math.BigInteger.valueOf(i * 10_000_000_019L).shiftLeft(i % 70)
                .multiply(java.math.BigInteger.valueOf(i % 3 - 1)));
        VALUES.put(DataType.FLOAT32, i -> i / 7f);
        VALUES.put(DataType.FLOAT64, i -> i / 7.0);
        VALUES.put(DataType.UTF8, i -> "s" + i + "ü".repeat(i % 4));
        VALUES.put(DataType.CATEGORICAL, i -> "k" + (i % 5));
        VALUES.put(DataType.DATE, i -> LocalDate.of(2000, 1, 1).plusDays(i * 13L));
        VALUES.put(DataType.DATETIME, i -> LocalDateTime.of(2000, 1, 1, 0, 0).plusSeconds(i * 977L).plusNanos(i * 1000L));
        VALUES.put(DataType.DURATION, i -> Duration.ofMillis(i * 1234L));
        VALUES.put(DataType.TIME, i -> java.time.LocalTime.ofNanoOfDay(i * 86_399_999L % 86_400_000_000L * 1000));
        VALUES.put(DataType.NULL, i -> null);
        for (DataType type : DataType.values()) {
            if (type.isList()) {
                IntFunction<Object> element = VALUES.get(type.elementType());
                // 0 to 3 elements, each null one time in five
                VALUES.put(type, i -> {
                    List<Object> list = new ArrayList<>();
                    for (int e = 0; e < i % 4; e++) {
                        list.add((i + e) % 5 == 0 ? null : element.apply(i * 3 + e));
                    }
                    return list;
                });
            }
        }
    }

    static List<Object> randomValues(DataType type, int n, SplittableRandom random) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(random.nextInt(6) == 0 ? null : VALUES.get(type).apply(random.nextInt(1000)));
        }
        return values;
    }

    @Test
    void everyTypeRoundTripsThroughChunksSlicesAndConcatenation() {
        SplittableRandom random = new SplittableRandom(2024);
        for (DataType type : DataType.values()) {
            for (int trial = 0; trial < 20; trial++) {
                List<Object> values = randomValues(type, random.nextInt(300), random);
                Column whole = build(type, values);
                assertThat(whole.toList()).as("%s, seed trial %d", type, trial).isEqualTo(values);
                // cut into random chunks (categorical chunks must share a dictionary, so they are slices)
                List<Vector> chunks = new ArrayList<>();
                int at = 0;
                while (at < values.size()) {
                    int size = Math.min(values.size() - at, random.nextInt(40));
                    chunks.add(whole.toVector().slice(at, size));
                    at += size;
                }
                Column chunked = Column.of(type, chunks.isEmpty() ? List.of(whole.toVector()) : chunks);
                assertThat(chunked.toList()).isEqualTo(values);
                assertThat(chunked.nullCount()).isEqualTo((int) values.stream().filter(v -> v == null).count());
                for (int row = 0; row < values.size(); row++) {
                    assertThat(chunked.get(row)).isEqualTo(values.get(row));
                    assertThat(chunked.isNull(row)).isEqualTo(values.get(row) == null);
                }
                assertThat(chunked.toVector().length()).isEqualTo(values.size());
                assertThat(Column.of(chunked.toVector()).toList()).isEqualTo(values);
                if (!values.isEmpty()) {
                    int from = random.nextInt(values.size());
                    int count = random.nextInt(values.size() - from + 1);
                    assertThat(chunked.slice(from, count).toList()).isEqualTo(values.subList(from, from + count));
                }
            }
        }
    }

    @Test
    void concatenatesChunksWithAndWithoutNullsAtAnyBoundary() {
        // chunks with no nulls (no validity) between chunks with some, of lengths that end
        // anywhere in a word of validity bits, for a layout of each kind
        SplittableRandom random = new SplittableRandom(77);
        for (DataType type : List.of(DataType.INT64, DataType.UTF8, DataType.BOOLEAN, DataType.LIST_INT32)) {
            for (int trial = 0; trial < 40; trial++) {
                List<Vector> chunks = new ArrayList<>();
                List<Object> expected = new ArrayList<>();
                int count = 1 + random.nextInt(6);
                for (int c = 0; c < count; c++) {
                    int size = random.nextInt(150);
                    boolean withNulls = random.nextBoolean();
                    List<Object> values = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        values.add(withNulls && random.nextInt(4) == 0 ? null : VALUES.get(type).apply(random.nextInt(1000)));
                    }
                    Vector chunk = build(type, values).toVector();
                    assertThat(chunk.validity() == null).isEqualTo(!values.contains(null));
                    chunks.add(chunk);
                    expected.addAll(values);
                }
                Vector all = Vectors.concat(type, chunks);
                assertThat(Column.of(all).toList()).as("%s, trial %d", type, trial).isEqualTo(expected);
                assertThat(Column.of(all).nullCount()).isEqualTo((int) expected.stream().filter(v -> v == null).count());
            }
        }
    }

    @Test
    void vectorsOfNullsAreWhatAppendingNullsGives() {
        for (DataType type : DataType.values()) {
            for (int rows : new int[] {0, 1, 63, 64, 65, 200}) {
                Vector nulls = Vectors.nulls(type, rows);
                ColumnBuilder builder = ColumnBuilder.of(type, rows);
                for (int i = 0; i < rows; i++) {
                    builder.appendNull();
                }
                Column expected = builder.build();
                assertThat(nulls.type()).isEqualTo(type);
                assertThat(nulls.length()).isEqualTo(rows);
                assertThat(Column.of(nulls).toList()).as("%s, %d rows", type, rows).isEqualTo(expected.toList());
                assertThat(Column.of(nulls).nullCount()).isEqualTo(rows);
                // and they concatenate with values of their type
                List<Object> values = randomValues(type, 5, new SplittableRandom(rows));
                List<Object> both = new ArrayList<>(values);
                for (int i = 0; i < rows; i++) {
                    both.add(null);
                }
                List<Vector> chunks = List.of(build(type, values).toVector(), nulls);
                // categorical chunks go over one dictionary first, as a column's do
                Vector joined = Vectors.concat(type, type == DataType.CATEGORICAL ? Vectors.shareDictionary(chunks) : chunks);
                assertThat(Column.of(joined).toList()).as("%s then %d nulls", type, rows).isEqualTo(both);
            }
        }
    }

    static Column build(DataType type, List<Object> values) {
        ColumnBuilder builder = ColumnBuilder.of(type, values.size());
        values.forEach(builder::append);
        return builder.build();
    }

    @Test
    void findsTheChunkOfARowPastEmptyChunks() {
        LongVector a = LongVector.of(1, 2);
        LongVector empty = LongVector.of();
        LongVector b = LongVector.of(3);
        Column column = Column.of(DataType.INT64, List.of(a, empty, b));
        assertThat(column.chunkCount()).isEqualTo(2);
        assertThat(column.get(2)).isEqualTo(3L);
        assertThat(column.chunkOf(1)).isZero();
        assertThat(column.chunkOf(2)).isEqualTo(1);
        assertThatThrownBy(() -> column.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void chunksMustAgree() {
        assertThatThrownBy(() -> Column.of(DataType.INT64, List.of(LongVector.of(1), IntVector.of(2))))
                .isInstanceOf(SchemaException.class).hasMessageContaining("cannot hold a chunk of type i32");
        assertThatThrownBy(() -> Column.of(DataType.CATEGORICAL,
                List.of(CategoricalVector.of("a"), CategoricalVector.of("a"))))
                .isInstanceOf(SchemaException.class).hasMessageContaining("share one dictionary");
    }

    @Test
    void slicesShareMemory() {
        Column column = Column.of(LongVector.of(new long[10_000]));
        Column slice = column.slice(100, 10);
        assertThat(slice.length()).isEqualTo(10);
        assertThat(slice.retainedSizeInBytes()).isEqualTo(column.retainedSizeInBytes());
        assertThat(slice.sizeInBytes()).isEqualTo(80);
        assertThat(Column.empty(DataType.UTF8).length()).isZero();
    }

    @Test
    void chunksSharingADictionaryHoldItOnceInTheColumnsRetainedSize() {
        Dictionary.Builder builder = new Dictionary.Builder();
        for (int v = 0; v < 1_000; v++) {
            builder.codeOf("a value of some length #" + v);
        }
        Dictionary dictionary = builder.build();
        List<CategoricalVector> chunks = new ArrayList<>();
        for (int c = 0; c < 50; c++) {
            int[] codes = new int[1_000];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = (i * 7 + c) % 1_000;
            }
            chunks.add(new CategoricalVector(codes, 0, codes.length, null, dictionary));
        }
        long held = dictionary.retainedSizeInBytes();
        assertThat(held).isGreaterThan(24_000);
        long one = chunks.get(0).retainedSizeInBytes();
        assertThat(one).isEqualTo(24 + 4_000 + held);
        Column column = Column.of(DataType.CATEGORICAL, chunks);
        assertThat(column.retainedSizeInBytes()).isEqualTo(50 * (24 + 4_000) + held);
    }
}
