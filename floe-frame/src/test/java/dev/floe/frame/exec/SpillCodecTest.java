package dev.floe.frame.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataType;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.column.Vector;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Spilled batches come back as written, a codec keeps no large buffer between batches, and a
 * dictionary lineage's values are written once.
 */
class SpillCodecTest {
    @Test
    void temporalColumnsReadBackAsTheirTypes() {
        java.util.List<Object> times = java.util.Arrays.asList(java.time.LocalTime.of(9, 5, 1, 250_000_000), null,
                java.time.LocalTime.MAX.withNano(999_999_000));
        java.util.List<Object> spans = java.util.Arrays.asList(java.time.Duration.ofHours(-3), java.time.Duration.ZERO, null);
        Vector time = dev.floe.frame.Series.of("t", DataType.TIME, times).column().toVector();
        Vector span = dev.floe.frame.Series.of("d", DataType.DURATION, spans).column().toVector();
        SpillCodec codec = new SpillCodec();
        ByteBuffer bytes = codec.encode(new Batch(List.of(time, span), 3, 0));
        Batch back = new SpillCodec().decode(ByteBuffer.wrap(java.util.Arrays.copyOf(bytes.array(), bytes.limit())));
        assertThat(back.columns().get(0).type()).isEqualTo(DataType.TIME);
        assertThat(back.columns().get(1).type()).isEqualTo(DataType.DURATION);
        for (int i = 0; i < 3; i++) {
            assertThat(back.columns().get(0).get(i)).isEqualTo(times.get(i));
            assertThat(back.columns().get(1).get(i)).isEqualTo(spans.get(i));
        }
    }

    @Test
    void mapColumnsReadBackWithTheirKeysValuesAndNulls() {
        java.util.Map<Object, Object> first = new java.util.LinkedHashMap<>();
        first.put("b", new java.math.BigDecimal("1.50"));
        first.put("a", null);
        java.util.List<Object> maps = java.util.Arrays.asList(first, null, java.util.Map.of(),
                java.util.Map.of("z", new java.math.BigDecimal("-2.25")));
        DataType type = DataType.mapOf(DataType.CATEGORICAL, DataType.decimal(5, 2));
        Vector map = dev.floe.frame.Series.of("m", type, maps).column().toVector();
        SpillCodec codec = new SpillCodec();
        // a slice whose offsets start past zero, and one from the start
        ByteBuffer bytes = codec.encode(new Batch(List.of(map.slice(1, 3), map.slice(0, 3)), 3, 0));
        Batch back = new SpillCodec().decode(ByteBuffer.wrap(java.util.Arrays.copyOf(bytes.array(), bytes.limit())));
        assertThat(back.columns().get(1).type()).isSameAs(type);
        for (int i = 0; i < 3; i++) {
            assertThat(back.columns().get(0).get(i)).isEqualTo(maps.get(i + 1));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(back.columns().get(1).get(i)).isEqualTo(maps.get(i));
        }
    }

    @Test
    void nestedColumnsReadBackAtEveryDepth() {
        DataType point = DataType.structOf(List.of(new dev.floe.frame.Schema.Field("x", DataType.decimal(5, 2)),
                new dev.floe.frame.Schema.Field("tags", DataType.LIST_CATEGORICAL)));
        DataType type = DataType.listOf(DataType.mapOf(DataType.UTF8, DataType.listOf(point)));
        java.util.Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("x", new java.math.BigDecimal("1.25"));
        p.put("tags", List.of("a", "b"));
        java.util.Map<String, Object> none = new java.util.LinkedHashMap<>();
        none.put("x", null);
        none.put("tags", null);
        java.util.Map<Object, Object> entries = new java.util.LinkedHashMap<>();
        entries.put("k", java.util.Arrays.asList(p, null, none));
        entries.put("e", List.of());
        java.util.List<Object> rows = java.util.Arrays.asList(List.of(entries), null, java.util.Arrays.asList(null,
                java.util.Map.of()), List.of());
        Vector nested = dev.floe.frame.Series.of("n", type, rows).column().toVector();
        // a slice whose offsets start past zero, and one from the start
        ByteBuffer bytes = new SpillCodec().encode(new Batch(List.of(nested.slice(1, 3), nested.slice(0, 3)), 3, 0));
        Batch back = new SpillCodec().decode(ByteBuffer.wrap(java.util.Arrays.copyOf(bytes.array(), bytes.limit())));
        assertThat(back.columns().get(1).type()).isSameAs(type);
        for (int i = 0; i < 3; i++) {
            assertThat(back.columns().get(0).get(i)).isEqualTo(rows.get(i + 1));
            assertThat(back.columns().get(1).get(i)).isEqualTo(rows.get(i));
        }
    }

    @Test
    void growingDictionariesOfOneLineageWriteOnlyTheirNewValuesAndReadBackAsOneLineage() {
        dev.floe.frame.column.Dictionary.Builder builder = new dev.floe.frame.column.Dictionary.Builder();
        SpillCodec writer = new SpillCodec();
        SpillCodec reader = new SpillCodec();
        java.util.List<Integer> sizes = new java.util.ArrayList<>();
        dev.floe.frame.column.Dictionary previous = null;
        for (int part = 0; part < 5; part++) {
            // each part adds 1,000 values and uses codes of earlier parts too
            int[] codes = new int[2_000];
            for (int i = 0; i < 1_000; i++) {
                codes[i] = builder.codeOf("value-" + part + "-" + i);
                codes[1_000 + i] = part == 0 ? codes[i] : (i * 7) % (part * 1_000);
            }
            dev.floe.frame.column.Dictionary dictionary = builder.build();
            ByteBuffer bytes = writer.encode(new Batch(List.of(
                    new dev.floe.frame.column.CategoricalVector(codes, 0, codes.length, null, dictionary)), codes.length, 0));
            sizes.add(bytes.limit());
            Batch back = reader.decode(ByteBuffer.wrap(java.util.Arrays.copyOf(bytes.array(), bytes.limit())));
            dev.floe.frame.column.CategoricalVector read = (dev.floe.frame.column.CategoricalVector) back.columns().get(0);
            for (int i = 0; i < codes.length; i++) {
                assertThat(read.getString(i)).isEqualTo(dictionary.value(codes[i]));
            }
            if (previous != null) {
                assertThat(read.dictionary().covers(previous)).as("one lineage read back").isTrue();
            }
            previous = read.dictionary();
        }
        // every part writes its 2,000 codes and its 1,000 new values, never the values written before
        assertThat(java.util.Collections.max(sizes) - java.util.Collections.min(sizes)).isLessThan(2_000);
        // a batch over an earlier dictionary of the lineage writes no values
        ByteBuffer again = writer.encode(new Batch(List.of(new dev.floe.frame.column.CategoricalVector(new int[] {3, 1},
                0, 2, null, builder.build())), 2, 0));
        assertThat(again.limit()).isLessThan(100);
        Batch back = reader.decode(again);
        assertThat(((dev.floe.frame.column.CategoricalVector) back.columns().get(0)).getString(0)).isEqualTo("value-0-3");
    }

    @Test
    void aLargeBatchDoesNotLeaveItsBufferBehindAndBatchesRoundTrip() {
        SpillCodec codec = new SpillCodec();
        Vector large = new LongVector(DataType.INT64, LongStream.range(0, 300_000).toArray(), null);
        ByteBuffer first = codec.encode(new Batch(List.of(large), 300_000, 7));
        assertThat(first.capacity()).isGreaterThan(SpillCodec.KEPT_BUFFER);
        Batch back = new SpillCodec().decode(ByteBuffer.wrap(java.util.Arrays.copyOf(first.array(), first.limit())));
        assertThat(back.start()).isEqualTo(7);
        assertThat(back.rows()).isEqualTo(300_000);
        assertThat(((LongVector) back.columns().get(0)).getLong(299_999)).isEqualTo(299_999);

        Vector small = new LongVector(DataType.INT64, new long[] {5, -3}, null);
        ByteBuffer second = codec.encode(new Batch(List.of(small), 2, 9));
        assertThat(second.capacity()).isLessThanOrEqualTo(SpillCodec.KEPT_BUFFER);
        Batch smallBack = new SpillCodec().decode(second);
        assertThat(((LongVector) smallBack.columns().get(0)).getLong(1)).isEqualTo(-3);
    }
}
