package dev.floe.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Series;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pages encoded straight from Floe's vectors: what readers get back, the statistics, the encodings chosen. */
class PageEncoderTest {
    @TempDir
    Path folder;

    /**
     * Every type a flat column can have (no lists: a row group with a list column is written
     * through parquet-java's column writers), plus unique text (plain pages), integers spread
     * too wide for an array (a hashed dictionary) and a categorical whose dictionary is far larger
     * than the rows that use it.
     */
    static DataFrame flat(SplittableRandom random, int rows) {
        DataFrame frame = ParquetTest.everyType(random, rows).drop("list", "words");
        List<Object> unique = new ArrayList<>();
        List<Object> spread = new ArrayList<>();
        List<Object> few = new ArrayList<>();
        List<Object> manyCategories = new ArrayList<>();
        // distinct texts (written plain) whose first eight bytes tie, or that end sooner, or hold
        // zero bytes and bytes past 0x7F, which the statistics order by their whole bytes
        List<Object> prefixed = new ArrayList<>();
        String[] heads = {"", "a", "a\u0000", "abcdefgh", "abcdefg\u0000", "abcdefg", "abcdefgé", "é", "\u0000"};
        for (int r = 0; r < rows; r++) {
            String head = heads[random.nextInt(heads.length)];
            prefixed.add(random.nextInt(11) == 0 ? null : head + (r % 3 == 0 ? "" : "\u0000") + r);
            unique.add(random.nextInt(9) == 0 ? null : "u" + random.nextLong() + "é".repeat(random.nextInt(3)));
            spread.add(random.nextInt(7) == 0 ? null : (random.nextInt(40) - 20) * 1_000_000_007L);
            few.add(random.nextInt(3) == 0 ? null : random.nextInt(3) * 0.5);
        }
        for (int r = 0; r < 70_000; r++) {
            manyCategories.add("c" + r);
        }
        for (int r = 0; r < rows; r++) {
            manyCategories.add(random.nextInt(8) == 0 ? null : "c" + random.nextInt(50));
        }
        List<Series> columns = new ArrayList<>(frame.series());
        columns.add(Series.of("ids", DataType.UTF8, unique));
        columns.add(Series.of("prefixed", DataType.UTF8, prefixed));
        columns.add(Series.of("spread", DataType.INT64, spread));
        columns.add(Series.of("few", DataType.FLOAT64, few));
        // a slice shares the whole dictionary: 70,000 entries, of which these rows use 50
        columns.add(Series.of("wide_cat", Series.of("x", DataType.CATEGORICAL, manyCategories).column()
                .slice(70_000, rows)));
        return DataFrame.of(columns);
    }

    @Test
    void everyFlatTypeSurvivesARoundTrip() {
        for (long seed = 1; seed <= 10; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int rows = seed % 3 == 0 ? random.nextInt(20_000, 70_000) : random.nextInt(1, 400);
            DataFrame frame = flat(random, rows);
            ParquetOptions options = ParquetOptions.defaults().withRowGroupRows(1 + random.nextInt(rows + 30_000))
                    .withThreads(1 + (int) (seed % 3))
                    .withCompression(List.of(CompressionCodecName.SNAPPY, CompressionCodecName.ZSTD,
                            CompressionCodecName.GZIP, CompressionCodecName.UNCOMPRESSED).get((int) (seed % 4)));
            Path path = folder.resolve("flat" + seed + ".parquet");
            Parquet.write(frame, path, options);
            DataFrame back = Parquet.read(path.toString(), options);
            assertThat(back.schema()).as("seed %d", seed).isEqualTo(frame.schema());
            for (String column : frame.columns()) {
                assertThat(back.column(column).toList()).as("seed %d, column %s", seed, column)
                        .isEqualTo(frame.column(column).toList());
            }
        }
    }

    @Test
    void duckDbReadsThePages() throws Exception {
        DataFrame frame = flat(new SplittableRandom(7), 45_000);
        Path path = folder.resolve("duck.parquet");
        Parquet.write(frame, path, ParquetOptions.defaults().withRowGroupRows(30_000));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            for (String column : List.of("b", "i8", "i16", "i32", "i64", "s", "cat", "date", "ids", "spread", "few",
                    "wide_cat")) {
                List<Object> values = frame.column(column).toList();
                try (ResultSet result = statement.executeQuery("SELECT count(" + column + "), count(DISTINCT " + column
                        + "), string_agg(CAST(" + column + " AS VARCHAR), '|' ORDER BY file_row_number) "
                        + "FROM read_parquet('" + path + "', file_row_number = true)")) {
                    result.next();
                    assertThat(result.getLong(1)).as(column).isEqualTo(values.stream().filter(Objects::nonNull).count());
                    assertThat(result.getLong(2)).as(column)
                            .isEqualTo(values.stream().filter(Objects::nonNull).distinct().count());
                    if (!column.equals("date") && !column.equals("few")) {
                        // every value, in the rows' order
                        String expected = String.join("|", values.stream().filter(Objects::nonNull)
                                .map(Object::toString).toList());
                        assertThat(result.getString(3)).as(column).isEqualTo(expected);
                    }
                }
            }
            try (ResultSet result = statement.executeQuery("SELECT sum(f64) FILTER (WHERE isfinite(f64)), "
                    + "count(*) FILTER (WHERE isnan(f32)), sum(few) FROM '" + path + "'")) {
                result.next();
                double finite = 0;
                double few = 0;
                long nans = 0;
                for (int r = 0; r < frame.height(); r++) {
                    if (frame.column("f64").get(r) instanceof Double d && Double.isFinite(d)) {
                        finite += d;
                    }
                    if (frame.column("f32").get(r) instanceof Number f && Double.isNaN(f.doubleValue())) {
                        nans++;
                    }
                    if (frame.column("few").get(r) instanceof Double d) {
                        few += d;
                    }
                }
                assertThat(result.getDouble(1)).isCloseTo(finite, org.assertj.core.data.Offset.offset(1e-3));
                assertThat(result.getLong(2)).isEqualTo(nans);
                assertThat(result.getDouble(3)).isEqualTo(few);
            }
        }
    }

    /**
     * A row group's statistics in the footer are those parquet-java's own column writer records
     * for the same values (the frame written again with a list column beside, which sends it
     * through parquet-java's writers), and each page's minimum, maximum and nulls in the column
     * index are those of its rows.
     */
    @Test
    void statisticsAreThoseParquetJavasColumnWriterRecords() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        DataFrame frame = flat(random, 50_000);
        List<Object> signed = new ArrayList<>();
        for (int r = 0; r < frame.height(); r++) {
            signed.add(switch (random.nextInt(6)) {
                case 0 -> -0.0;
                case 1 -> 0.0;
                case 2 -> Double.NaN;
                case 3 -> null;
                default -> random.nextDouble() - 0.5;
            });
        }
        frame = DataFrame.of(concat(frame.series(), Series.of("signed", DataType.FLOAT64, signed)));
        DataFrame withList = DataFrame.of(concat(frame.series(), Series.of("list", DataType.LIST_INT64,
                Arrays.asList(new Object[frame.height()]))));
        Path ours = folder.resolve("ours.parquet");
        Path theirs = folder.resolve("theirs.parquet");
        ParquetOptions options = ParquetOptions.defaults().withRowGroupRows(30_000);
        Parquet.write(frame, ours, options);
        Parquet.write(withList, theirs, options);
        try (ParquetFileReader mine = ParquetSource.open(ours); ParquetFileReader reference = ParquetSource.open(theirs)) {
            List<BlockMetaData> blocks = mine.getFooter().getBlocks();
            assertThat(blocks).hasSize(2);
            long firstRow = 0;
            for (int b = 0; b < blocks.size(); b++) {
                for (int c = 0; c < frame.width(); c++) {
                    ColumnChunkMetaData chunk = blocks.get(b).getColumns().get(c);
                    ColumnChunkMetaData expected = reference.getFooter().getBlocks().get(b).getColumns().get(c);
                    assertThat(chunk.getPath()).isEqualTo(expected.getPath());
                    assertThat(chunk.getStatistics()).as("%s, row group %d", chunk.getPath(), b)
                            .isEqualTo(expected.getStatistics());
                    pages(mine.readColumnIndex(chunk), frame.series().get(c), chunk.getPrimitiveType(), firstRow,
                            blocks.get(b).getRowCount());
                    ColumnIndex theirIndex = reference.readColumnIndex(expected);
                    assertThat(mine.readColumnIndex(chunk) == null).as("%s: a column index", chunk.getPath())
                            .isEqualTo(theirIndex == null);
                }
                firstRow += blocks.get(b).getRowCount();
            }
        }
    }

    /** Each page of the column index against the statistics of its rows (pages of {@value PageEncoder#PAGE_ROWS} rows). */
    private static void pages(ColumnIndex index, Series series, PrimitiveType type, long firstRow, long rows) {
        int pages = (int) ((rows + PageEncoder.PAGE_ROWS - 1) / PageEncoder.PAGE_ROWS);
        if (series.name().equals("ids") || index == null) {
            return; // text pages also end at a size; parquet-java keeps no column index where a NaN is a bound
        }
        dev.floe.frame.column.Vector vector = series.column().toVector();
        assertThat(index.getNullCounts()).as(series.name()).hasSize(pages);
        for (int p = 0; p < pages; p++) {
            Statistics<?> expected = Statistics.createStats(type);
            int from = (int) firstRow + p * PageEncoder.PAGE_ROWS;
            int to = (int) Math.min(firstRow + rows, from + PageEncoder.PAGE_ROWS);
            for (int r = from; r < to; r++) {
                Object value = series.get(r);
                if (value == null) {
                    expected.incrementNumNulls();
                } else {
                    update(expected, type, vector.slice(r, 1));
                }
            }
            assertThat(index.getNullCounts().get(p)).as("%s page %d", series.name(), p).isEqualTo(expected.getNumNulls());
            assertThat(index.getNullPages().get(p)).isEqualTo(!expected.hasNonNullValue());
            if (expected.hasNonNullValue()) {
                assertThat(bytes(index.getMinValues().get(p))).as("%s page %d min", series.name(), p)
                        .isEqualTo(zero(type, expected.getMinBytes(), -0.0));
                assertThat(bytes(index.getMaxValues().get(p))).as("%s page %d max", series.name(), p)
                        .isEqualTo(zero(type, expected.getMaxBytes(), 0.0));
            }
        }
    }

    /** One value into parquet-java's statistics, as its column writer gives it. */
    private static void update(Statistics<?> statistics, PrimitiveType type, dev.floe.frame.column.Vector one) {
        Object value = one.get(0);
        switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> statistics.updateStats((Boolean) value);
            case INT32 -> statistics.updateStats(value instanceof java.time.LocalDate day ? (int) day.toEpochDay()
                    : ((Number) value).intValue());
            case INT64 -> statistics.updateStats(switch (value) {
                case java.time.LocalDateTime time -> dev.floe.frame.exec.Kernels.longs(one)[0];
                case java.time.Duration span -> dev.floe.frame.exec.Kernels.longs(one)[0];
                case java.time.LocalTime clock -> dev.floe.frame.exec.Kernels.longs(one)[0];
                default -> ((Number) value).longValue();
            });
            case FLOAT -> statistics.updateStats(((Number) value).floatValue());
            case DOUBLE -> statistics.updateStats(((Number) value).doubleValue());
            case BINARY -> statistics.updateStats(org.apache.parquet.io.api.Binary.fromString((String) value));
            default -> throw new AssertionError(type);
        }
    }

    /**
     * A float bound as the column index holds it: a zero minimum is written as -0.0 and a zero
     * maximum as +0.0, as the format asks, whichever zero the page's statistics hold.
     */
    private static byte[] zero(PrimitiveType type, byte[] bound, double signedZero) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bound).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.DOUBLE && buffer.getDouble(0) == 0.0) {
            return java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(signedZero).array();
        }
        if (type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FLOAT && buffer.getFloat(0) == 0.0f) {
            return java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat((float) signedZero)
                    .array();
        }
        return bound;
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static List<Series> concat(List<Series> columns, Series more) {
        List<Series> all = new ArrayList<>(columns);
        all.add(more);
        return all;
    }

    /** A dictionary where it makes the column smaller, plain values where it does not. */
    @Test
    void aColumnTakesADictionaryOnlyWhereItPays() throws Exception {
        DataFrame frame = flat(new SplittableRandom(5), 40_000);
        Path path = folder.resolve("encodings.parquet");
        Parquet.write(frame, path, ParquetOptions.defaults().withRowGroupRows(40_000));
        Map<String, ColumnChunkMetaData> chunks = new HashMap<>();
        try (ParquetFileReader reader = ParquetSource.open(path)) {
            for (ColumnChunkMetaData chunk : reader.getFooter().getBlocks().get(0).getColumns()) {
                chunks.put(chunk.getPath().toDotString(), chunk);
            }
        }
        for (String dictionary : List.of("cat", "s", "i8", "few", "spread", "wide_cat")) {
            assertThat(chunks.get(dictionary).getEncodings()).as(dictionary).contains(Encoding.PLAIN_DICTIONARY);
            assertThat(chunks.get(dictionary).hasDictionaryPage()).as(dictionary).isTrue();
        }
        for (String plain : List.of("ids", "prefixed", "i64", "f64", "b", "time")) {
            assertThat(chunks.get(plain).getEncodings()).as(plain).doesNotContain(Encoding.PLAIN_DICTIONARY);
            assertThat(chunks.get(plain).hasDictionaryPage()).as(plain).isFalse();
        }
        // the categorical's dictionary page holds the 40,000 entries its rows use, not all 110,000
        ColumnChunkMetaData wide = chunks.get("wide_cat");
        assertThat(wide.getTotalUncompressedSize()).isLessThan(40_000L * 12 + 100_000);
    }

    /** Dictionary indices and definition levels in RLE/bit-packed runs decode with parquet-java's own decoder. */
    @Test
    void hybridRunsDecodeWithParquetJavasDecoder() throws Exception {
        SplittableRandom random = new SplittableRandom(17);
        for (int trial = 0; trial < 400; trial++) {
            int bitWidth = 1 + random.nextInt(24);
            int count = 1 + random.nextInt(trial < 200 ? 40 : 3_000);
            int[] values = new int[count];
            int r = 0;
            while (r < count) {
                // runs of every length around eight, and stretches of values that change
                int run = random.nextBoolean() ? 1 + random.nextInt(20) : 1;
                int value = random.nextInt(1 << Math.min(bitWidth, 30)) & ((1 << bitWidth) - 1);
                for (int k = 0; k < run && r < count; k++) {
                    values[r++] = value;
                }
            }
            byte[] encoded = new PageEncoder().runs(values, count, bitWidth);
            RunLengthBitPackingHybridDecoder decoder = new RunLengthBitPackingHybridDecoder(bitWidth,
                    new ByteArrayInputStream(encoded));
            int[] decoded = new int[count];
            for (int k = 0; k < count; k++) {
                decoded[k] = decoder.readInt();
            }
            assertThat(decoded).as("width %d, %d values", bitWidth, count).isEqualTo(values);
        }
    }
}
