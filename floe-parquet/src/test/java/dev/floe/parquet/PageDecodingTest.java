package dev.floe.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Series;
import dev.floe.frame.column.Vector;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page decoder gives exactly what parquet-mr's value-by-value column reader gives, for files
 * Floe writes (optional columns, dictionaries falling back to plain) and files DuckDB writes
 * (data pages of format 1 and 2), and its RLE / bit-packing decoder reads what parquet-mr's
 * encoder writes at every bit width.
 */
class PageDecodingTest {
    @TempDir
    Path folder;

    @Test
    void theHybridDecoderReadsWhatParquetMrEncodesAtEveryWidth() throws Exception {
        Random random = new Random(11);
        for (int width = 0; width <= 32; width++) {
            for (int round = 0; round < 5; round++) {
                int count = 1 + random.nextInt(3000);
                int[] values = new int[count];
                long bound = width == 0 ? 1 : 1L << width;
                for (int i = 0; i < count; i++) {
                    // runs and noise, so both kinds of run appear
                    values[i] = i > 0 && random.nextInt(4) == 0 ? values[i - 1] : (int) (random.nextLong() & (bound - 1));
                    if (i > 0 && random.nextInt(50) == 0) {
                        int run = Math.min(count - i, 1 + random.nextInt(100));
                        for (int k = 0; k < run; k++) {
                            values[i + k] = values[i - 1];
                        }
                        i += run - 1;
                    }
                }
                RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(width, 64, 1 << 20,
                        new HeapByteBufferAllocator());
                for (int v : values) {
                    encoder.writeInt(v);
                }
                BytesInput encoded = encoder.toBytes();
                byte[] bytes = encoded.toByteArray();
                int[] decoded = new int[count];
                PageDecoding.hybrid(bytes, 0, bytes.length, width, decoded, count);
                assertThat(decoded).as("width %d, %d values", width, count).isEqualTo(values);
            }
        }
    }

    @Test
    void aDictionaryPageThatClaimsMoreValuesThanItsBytesHoldIsRefusedBeforeAnythingIsAllocated() {
        MessageType schema = org.apache.parquet.schema.MessageTypeParser.parseMessageType(
                "message m { optional int64 x; }");
        ParquetColumn column = ParquetColumn.of(schema, schema.getType(0), null);
        org.apache.parquet.column.page.PageReader pages = new org.apache.parquet.column.page.PageReader() {
            @Override
            public org.apache.parquet.column.page.DictionaryPage readDictionaryPage() {
                return new org.apache.parquet.column.page.DictionaryPage(BytesInput.from(new byte[16]),
                        Integer.MAX_VALUE, org.apache.parquet.column.Encoding.PLAIN);
            }

            @Override
            public long getTotalValueCount() {
                return 10;
            }

            @Override
            public org.apache.parquet.column.page.DataPage readPage() {
                throw new AssertionError("no data page is read after a bad dictionary");
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PageDecoding.decode(column, pages, 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a dictionary page of 16 bytes says it holds 2147483647 values");
    }

    @Test
    void filesFloeWritesDecodeAsTheColumnReaderDecodesThem() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        int rows = 20_000;
        List<Integer> ints = new ArrayList<>();
        List<Long> longs = new ArrayList<>();
        List<Double> doubles = new ArrayList<>();
        List<Float> floats = new ArrayList<>();
        List<String> lowCard = new ArrayList<>();
        List<String> highCard = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        List<Short> shorts = new ArrayList<>();
        List<Long> constant = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            boolean none = random.nextInt(7) == 0;
            ints.add(none ? null : random.nextInt(-1000, 1000));
            longs.add(random.nextInt(9) == 0 ? null : random.nextLong());
            doubles.add(random.nextInt(11) == 0 ? null : random.nextDouble() * 1e6);
            floats.add(none ? null : (float) random.nextDouble());
            lowCard.add(random.nextInt(5) == 0 ? null : "v" + random.nextInt(20));
            // many long distinct values: the dictionary outgrows its limit and the rest is plain
            highCard.add(random.nextInt(13) == 0 ? null : "x".repeat(random.nextInt(40)) + random.nextLong());
            days.add(none ? null : LocalDate.of(2000, 1, 1).plusDays(random.nextInt(10_000)));
            shorts.add(random.nextInt(3) == 0 ? null : (short) random.nextInt(-300, 300));
            constant.add(7L);
        }
        DataFrame frame = DataFrame.of(Series.of("i", DataType.INT32, ints), Series.of("l", DataType.INT64, longs),
                Series.of("d", DataType.FLOAT64, doubles), Series.of("f", DataType.FLOAT32, floats),
                Series.of("low", DataType.UTF8, lowCard), Series.of("cat", DataType.CATEGORICAL, lowCard),
                Series.of("high", DataType.UTF8, highCard), Series.of("highcat", DataType.CATEGORICAL, highCard),
                Series.of("day", DataType.DATE, days),
                Series.of("small", DataType.INT16, shorts), Series.of("constant", DataType.INT64, constant));
        Path file = folder.resolve("floe.parquet");
        Parquet.write(frame, file, ParquetOptions.defaults().withRowGroupRows(7_000));
        int decoded = compareDecoders(file);
        assertThat(decoded).isEqualTo(frame.width() * 3); // every column of every row group through the pages
        assertThat(Parquet.read(file.toString(), ParquetOptions.defaults())).isEqualTo(frame);
    }

    @Test
    void filesDuckDbWritesInBothPageFormatsDecodeAsTheColumnReaderDecodesThem() throws Exception {
        for (String version : List.of("V1", "V2")) {
            Path file = folder.resolve("duck-" + version + ".parquet");
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                    Statement statement = connection.createStatement()) {
                statement.execute("COPY (SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE i::INTEGER END AS i, "
                        + "i::BIGINT * 1000000007 AS big, i / 7 AS d, 's' || (i % 13) AS s, "
                        + "CASE WHEN i % 3 = 0 THEN NULL ELSE md5(i::VARCHAR) END AS h, "
                        + "DATE '2024-01-01' + (i % 400)::INTEGER AS day, 42 AS same "
                        + "FROM range(30000) t(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 10000, "
                        + "PARQUET_VERSION " + version + ")");
            }
            int decoded = compareDecoders(file);
            assertThat(decoded).as(version).isPositive();
        }
    }

    /** Each column of each row group decoded both ways, compared; how many went through the pages. */
    private static int compareDecoders(Path file) throws Exception {
        ParquetSource source = new ParquetSource(List.of(file), ParquetOptions.defaults());
        int decoded = 0;
        try (ParquetFileReader reader = ParquetSource.open(file)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            List<BlockMetaData> blocks = reader.getFooter().getBlocks();
            for (int b = 0; b < blocks.size(); b++) {
                for (int f = 0; f < schema.getFieldCount(); f++) {
                    ParquetColumn column = ParquetColumn.of(schema, schema.getType(f),
                            source.schema().type(schema.getType(f).getName()));
                    ColumnChunkMetaData chunk = blocks.get(b).getColumns().get(f);
                    if (!PageDecoding.reads(column, chunk)) {
                        continue;
                    }
                    MessageType one = new MessageType(schema.getName(), List.of(column.field()));
                    int rows = Math.toIntExact(blocks.get(b).getRowCount());
                    Vector fast;
                    Vector slow;
                    try (ParquetFileReader a = ParquetSource.open(file)) {
                        a.setRequestedSchema(one);
                        PageReadStore pages = a.readRowGroup(b);
                        fast = PageDecoding.decode(column, pages.getPageReader(column.descriptor()), rows);
                    }
                    try (ParquetFileReader a = ParquetSource.open(file)) {
                        a.setRequestedSchema(one);
                        PageReadStore pages = a.readRowGroup(b);
                        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, noRecords(one), one, "test");
                        slow = ColumnDecoding.decode(column, store.getColumnReader(column.descriptor()), rows,
                                file.toString());
                    }
                    assertThat(fast.type()).isEqualTo(slow.type());
                    assertThat(fast.length()).isEqualTo(rows);
                    for (int r = 0; r < rows; r++) {
                        assertThat(fast.get(r)).as("%s, row group %d, column %s, row %d", file.getFileName(), b,
                                column.name(), r).isEqualTo(slow.get(r));
                    }
                    decoded++;
                }
            }
        }
        return decoded;
    }

    private static GroupConverter noRecords(org.apache.parquet.schema.GroupType type) {
        Converter[] children = new Converter[type.getFieldCount()];
        for (int i = 0; i < children.length; i++) {
            children[i] = new PrimitiveConverter() { };
        }
        return new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return children[fieldIndex];
            }

            @Override
            public void start() {}

            @Override
            public void end() {}
        };
    }
}
