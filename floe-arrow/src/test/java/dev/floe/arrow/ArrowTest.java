package dev.floe.arrow;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.Series;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrowTest {
    @TempDir
    Path folder;

    /** Columns of each Floe type; nulls in each; lists and maps with null and empty rows; structs with null fields. */
    private static DataFrame frame(SplittableRandom random, int rows) {
        List<List<Object>> columns = new ArrayList<>();
        DataType[] types = {DataType.BOOLEAN, DataType.INT8, DataType.INT16, DataType.INT32, DataType.INT64,
                DataType.FLOAT32, DataType.FLOAT64, DataType.UTF8, DataType.CATEGORICAL, DataType.DATE,
                DataType.DATETIME, DataType.DURATION, DataType.TIME, DataType.LIST_FLOAT64, DataType.decimal(12, 2),
                DataType.decimal(30, 5), DataType.listOf(DataType.decimal(4, 1)),
                DataType.mapOf(DataType.UTF8, DataType.FLOAT64), DataType.mapOf(DataType.INT32, DataType.DATE),
                DataType.structOf(List.of(new dev.floe.frame.Schema.Field("x", DataType.FLOAT64),
                        new dev.floe.frame.Schema.Field("label", DataType.UTF8),
                        new dev.floe.frame.Schema.Field("price", DataType.decimal(9, 2))))};
        for (DataType ignored : types) {
            columns.add(new ArrayList<>());
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < types.length; c++) {
                Object value = random.nextInt(7) == 0 ? null : switch (types[c].id()) {
                    case BOOLEAN -> random.nextBoolean();
                    case INT8 -> (byte) random.nextInt();
                    case INT16 -> (short) random.nextInt();
                    case INT32 -> random.nextInt();
                    case INT64 -> random.nextLong();
                    case FLOAT32 -> (float) random.nextDouble(-1e6, 1e6);
                    case FLOAT64 -> random.nextInt(20) == 0 ? Double.NaN : random.nextGaussian();
                    case UTF8 -> "t" + random.nextInt(1000) + (random.nextBoolean() ? "ü" : "");
                    case CATEGORICAL -> "c" + random.nextInt(9);
                    case DATE -> LocalDate.of(1990, 1, 1).plusDays(random.nextInt(20_000));
                    case DATETIME -> LocalDateTime.of(1990, 1, 1, 0, 0).plusNanos(random.nextLong(1L << 59) / 1000 * 1000);
                    case DURATION -> Duration.ofNanos(random.nextLong(-1L << 45, 1L << 45) / 1000 * 1000);
                    case TIME -> java.time.LocalTime.ofNanoOfDay(random.nextLong(86_400_000_000L) * 1000);
                    case DECIMAL -> new java.math.BigDecimal(new java.math.BigInteger(types[c].precision() * 3, new java.util.Random(
                            random.nextLong())).multiply(java.math.BigInteger.valueOf(random.nextBoolean() ? 1 : -1)),
                            types[c].scale());
                    case MAP -> {
                        Map<Object, Object> map = new java.util.LinkedHashMap<>();
                        for (int e = random.nextInt(4); e > 0; e--) {
                            Object key = types[c].keyType() == DataType.UTF8 ? "k" + random.nextInt(9) : random.nextInt(9);
                            map.put(key, random.nextInt(3) == 0 ? null : types[c].valueType() == DataType.DATE
                                    ? LocalDate.of(2000, 1, 1).plusDays(random.nextInt(9)) : random.nextGaussian());
                        }
                        yield map;
                    }
                    case STRUCT -> {
                        Map<String, Object> row = new java.util.LinkedHashMap<>();
                        row.put("x", random.nextInt(4) == 0 ? null : random.nextGaussian());
                        row.put("label", random.nextInt(4) == 0 ? null : "l" + random.nextInt(50));
                        row.put("price", random.nextInt(4) == 0 ? null : java.math.BigDecimal.valueOf(random.nextInt(-999_999_999, 1_000_000_000), 2));
                        yield row;
                    }
                    case LIST_DECIMAL -> random.nextBoolean() ? List.of()
                            : Arrays.asList(new java.math.BigDecimal("-999.9"), null, new java.math.BigDecimal("2.5"));
                    default -> random.nextBoolean() ? List.of() : Arrays.asList(random.nextDouble(), null, 2.5);
                };
                columns.get(c).add(value);
            }
        }
        List<Series> series = new ArrayList<>();
        for (int c = 0; c < types.length; c++) {
            series.add(Series.of(types[c].name().toLowerCase().replaceAll("[^a-z0-9_]", "_"), types[c], columns.get(c)));
        }
        series.add(Series.of("nothing", DataType.NULL, Arrays.asList(new Object[rows])));
        return DataFrame.of(series);
    }

    @Test
    void framesSurviveARoundTrip() {
        for (long seed = 1; seed <= 6; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            DataFrame frame = frame(random, seed == 6 ? 50_000 : random.nextInt(0, 400));
            Path path = folder.resolve("frame" + seed + ".arrow");
            CompressionUtil.CodecType codec = CompressionUtil.CodecType.values()[(int) (seed % 3)];
            Arrow.write(frame, path, ArrowOptions.defaults().withCompression(codec)
                    .withBatchRows(1 + random.nextInt(10_000)));
            DataFrame back = Floe.readArrow(path.toString());
            assertThat(back.schema()).as("seed %d, %s", seed, codec).isEqualTo(frame.schema());
            for (String column : frame.columns()) {
                assertThat(back.column(column).toList()).as("seed %d, column %s", seed, column)
                        .isEqualTo(frame.column(column).toList());
            }
        }
        DataFrame small = frame(new SplittableRandom(9), 100);
        Path path = folder.resolve("small.arrow");
        small.writeArrow(path);
        assertThat(Floe.scanArrow(path.toString()).filter(col("int32").gt(0)).select(col("utf8")).collect())
                .isEqualTo(small.filter(col("int32").gt(0)).select("utf8"));
        assertThat(Floe.scanArrow(path.toString()).head(7).collect()).isEqualTo(small.head(7));
    }

    @Test
    void readsWhatOtherArrowWritersWrite() throws Exception {
        Path path = folder.resolve("other.arrow");
        Field text = Field.nullable("text", ArrowType.LargeUtf8.INSTANCE);
        Field when = Field.nullable("when", new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC"));
        Field small = Field.nullable("small", new ArrowType.Int(16, false));
        Field struct = new Field("point", FieldType.nullable(ArrowType.Struct.INSTANCE),
                List.of(Field.nullable("x", new ArrowType.Int(32, true)), new Field("xs", FieldType.nullable(
                        ArrowType.List.INSTANCE), List.of(Field.nullable("item", new ArrowType.Int(32, true))))));
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(text, when, small)), allocator);
                FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                ArrowFileWriter writer = new ArrowFileWriter(root, null, channel, Map.of(), IpcOption.DEFAULT,
                        CommonsCompressionFactory.INSTANCE, CompressionUtil.CodecType.LZ4_FRAME)) {
            writer.start();
            LargeVarCharVector texts = (LargeVarCharVector) root.getVector("text");
            TimeStampMilliTZVector times = (TimeStampMilliTZVector) root.getVector("when");
            UInt2Vector smalls = (UInt2Vector) root.getVector("small");
            texts.allocateNew(3);
            times.allocateNew(3);
            smalls.allocateNew(3);
            texts.setSafe(0, "a".getBytes(StandardCharsets.UTF_8));
            texts.setNull(1);
            texts.setSafe(2, "ünï".getBytes(StandardCharsets.UTF_8));
            times.set(0, 1_000);
            times.set(1, -1);
            times.setNull(2);
            smalls.set(0, 65_535);
            smalls.set(1, 1);
            smalls.set(2, 2);
            root.setRowCount(3);
            writer.writeBatch();
            writer.end();
        }
        DataFrame df = Floe.readArrow(path.toString());
        assertThat(df.schema().fields().stream().map(f -> f.type()).toList())
                .containsExactly(DataType.UTF8, DataType.DATETIME, DataType.INT32);
        assertThat(df.column("text").toList()).containsExactly("a", null, "ünï");
        assertThat(df.column("when").toList()).containsExactly(LocalDateTime.of(1970, 1, 1, 0, 0, 1),
                LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000), null);
        assertThat(df.column("small").toList()).containsExactly(65_535, 1, 2);
        assertThat(struct.getName()).isEqualTo("point");
        Path structs = folder.resolve("struct.arrow");
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(struct)), allocator);
                FileChannel channel = FileChannel.open(structs, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
            writer.start();
            root.setRowCount(0);
            writer.writeBatch();
            writer.end();
        }
        // a struct holding a list reads as one
        DataFrame points = Floe.readArrow(structs.toString());
        assertThat(points.schema().type("point")).isEqualTo(DataType.structOf(List.of(
                new dev.floe.frame.Schema.Field("x", DataType.INT32), new dev.floe.frame.Schema.Field("xs",
                        DataType.LIST_INT32))));
        assertThat(points.height()).isZero();
    }

    @Test
    void nestedColumnsRoundTrip() {
        DataType person = DataType.structOf(List.of(new dev.floe.frame.Schema.Field("name", DataType.CATEGORICAL),
                new dev.floe.frame.Schema.Field("scores", DataType.LIST_FLOAT64)));
        Map<String, Object> ann = new java.util.LinkedHashMap<>();
        ann.put("name", "ann");
        ann.put("scores", List.of(1.5));
        Map<String, Object> nobody = new java.util.LinkedHashMap<>();
        nobody.put("name", null);
        nobody.put("scores", null);
        DataFrame df = DataFrame.of(
                Series.of("people", DataType.listOf(person), java.util.Arrays.asList(List.of(ann, nobody), List.of(), null)),
                Series.of("grid", java.util.Arrays.asList(List.of(List.of(1L, 2L), List.of()),
                        java.util.Arrays.asList(null, List.of(3L)), null)),
                Series.of("tags", DataType.mapOf(DataType.UTF8, DataType.listOf(DataType.CATEGORICAL)),
                        java.util.Arrays.asList(Map.of("k", List.of("x", "y")), Map.of(), null)));
        Path path = folder.resolve("nested.arrow");
        df.writeArrow(path);
        DataFrame back = Floe.readArrow(path.toString());
        assertThat(back.schema()).isEqualTo(df.schema());
        assertThat(back.toMaps()).isEqualTo(df.toMaps());
    }

    @Test
    void aMapHoldingAKeyTwiceOrANullKeyIsRefused() {
        // a map column without null rows (it has no validity) reads back
        DataFrame whole = DataFrame.of(Series.of("m", List.of(Map.of("a", 1L), Map.of())));
        Path fine = folder.resolve("fine.arrow");
        whole.writeArrow(fine);
        assertThat(Floe.readArrow(fine.toString()).toMaps()).isEqualTo(whole.toMaps());
        // vectors that break the map's rules (nothing in Floe makes one), written as they are
        dev.floe.frame.column.MapVector twice = new dev.floe.frame.column.MapVector(new int[] {0, 2},
                dev.floe.frame.column.Utf8Vector.of("a", "a"), dev.floe.frame.column.LongVector.of(1, 2), 0, 1, null);
        Path path = folder.resolve("twice.arrow");
        DataFrame.of(Series.of("m", dev.floe.frame.column.Column.of(twice))).writeArrow(path);
        assertThatThrownBy(() -> Floe.readArrow(path.toString())).hasMessageContaining("'m'")
                .hasMessageContaining("map 0 holds key a twice");
        dev.floe.frame.column.Utf8Vector.Builder keys = new dev.floe.frame.column.Utf8Vector.Builder(2, 2);
        keys.append("a".getBytes(StandardCharsets.UTF_8), 0, 1);
        keys.appendNull();
        dev.floe.frame.column.MapVector nullKey = new dev.floe.frame.column.MapVector(new int[] {0, 2}, keys.build(),
                dev.floe.frame.column.LongVector.of(1, 2), 0, 1, null);
        Path nulls = folder.resolve("null-key.arrow");
        DataFrame.of(Series.of("m", dev.floe.frame.column.Column.of(nullKey))).writeArrow(nulls);
        assertThatThrownBy(() -> Floe.readArrow(nulls.toString())).hasMessageContaining("a key of map 0 is null");
    }

    @Test
    void decimalsOfOtherWritersAreReadExactly() throws Exception {
        Path path = folder.resolve("decimals.arrow");
        Field money = Field.nullable("money", new ArrowType.Decimal(15, 2, 128));
        Field wide = Field.nullable("wide", new ArrowType.Decimal(30, 5, 256));
        Field huge = Field.nullable("huge", new ArrowType.Decimal(40, 0, 256));
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(money, wide, huge)), allocator);
                FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
            writer.start();
            org.apache.arrow.vector.DecimalVector monies = (org.apache.arrow.vector.DecimalVector) root.getVector("money");
            org.apache.arrow.vector.Decimal256Vector wides = (org.apache.arrow.vector.Decimal256Vector) root.getVector("wide");
            org.apache.arrow.vector.Decimal256Vector huges = (org.apache.arrow.vector.Decimal256Vector) root.getVector("huge");
            monies.allocateNew(2);
            wides.allocateNew(2);
            huges.allocateNew(2);
            monies.set(0, new java.math.BigDecimal("-1234567890123.45"));
            monies.setNull(1);
            wides.set(0, new java.math.BigDecimal("-123456789012345678901.50000"));
            wides.set(1, new java.math.BigDecimal("0.00001"));
            huges.set(0, new java.math.BigDecimal("1234567890123456789012345678901234567890"));
            huges.setNull(1);
            root.setRowCount(2);
            writer.writeBatch();
            writer.end();
        }
        DataFrame df = Floe.readArrow(path.toString());
        // up to 38 digits exact; more (no Floe decimal holds them) as f64
        assertThat(df.schema().fields().stream().map(f -> f.type()).toList())
                .containsExactly(DataType.decimal(15, 2), DataType.decimal(30, 5), DataType.FLOAT64);
        assertThat(df.column("money").toList()).containsExactly(new java.math.BigDecimal("-1234567890123.45"), null);
        assertThat(df.column("wide").toList()).containsExactly(new java.math.BigDecimal("-123456789012345678901.50000"),
                new java.math.BigDecimal("0.00001"));
        assertThat(df.get(0, "huge")).isEqualTo(1.2345678901234568E39);
        // a value with more digits than its type says is a corrupt file, not data
        Path corrupt = folder.resolve("too-many-digits.arrow");
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(Field.nullable("d",
                        new ArrowType.Decimal(3, 1, 128)))), allocator);
                FileChannel channel = FileChannel.open(corrupt, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
            writer.start();
            org.apache.arrow.vector.DecimalVector d = (org.apache.arrow.vector.DecimalVector) root.getVector("d");
            d.allocateNew(1);
            d.set(0, 123_456L); // 12345.6, past DECIMAL(3, 1)
            root.setRowCount(1);
            writer.writeBatch();
            writer.end();
        }
        assertThatThrownBy(() -> Floe.readArrow(corrupt.toString())).hasMessageContaining("too-many-digits.arrow")
                .hasMessageContaining("more digits than its decimal[3,1] holds");
    }
}
