package dev.floe.parquet;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Series;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Column;
import dev.floe.frame.column.ListVector;
import dev.floe.frame.column.MapVector;
import dev.floe.frame.column.StructVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Vector;
import dev.floe.frame.Schema;
import dev.floe.frame.io.BatchWriter;
import dev.floe.frame.exec.Kernels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Writes a Parquet file from a query's rows as they come ({@link BatchWriter}): every column
 * optional; each row group encoded and compressed into memory on a worker, then appended to the
 * file in order. The Floe types are kept in the file's metadata ({@code floe:types}), so that
 * categorical, duration and null columns read back as they were.
 */
final class ParquetFrameWriter implements BatchWriter {
    static final String TYPES_KEY = "floe:types";

    private final ParquetOptions options;
    private final Path path;
    private final Schema frameSchema;
    private final MessageType schema;
    private final ParquetProperties properties = ParquetProperties.builder().build();
    private final ParquetFileWriter file;

    ParquetFrameWriter(Path path, Schema frameSchema, ParquetOptions options) {
        this.options = options;
        this.path = path;
        this.frameSchema = frameSchema;
        List<Type> fields = new ArrayList<>();
        for (Schema.Field field : frameSchema) {
            fields.add(ParquetColumn.forWriting(field.name(), field.type()));
        }
        this.schema = new MessageType("floe", fields);
        try {
            Files.deleteIfExists(path);
            file = new ParquetFileWriter(new LocalOutputFile(path), schema, ParquetFileWriter.Mode.CREATE,
                    Math.max(1, options.rowGroupRows()) * 64L, 0);
            file.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int partRows() {
        return options.rowGroupRows();
    }

    /** A row group encoded in memory, and its rows. */
    private record Encoded(ColumnChunkPageWriteStore pages, int rows) {}

    @Override
    public Object encode(DataFrame part) {
        List<Column> columns = part.series().stream().map(Series::column).toList();
        return new Encoded(encode(schema, properties, columns, 0, part.height()), part.height());
    }

    @Override
    public void append(Object encoded) {
        Encoded group = (Encoded) encoded;
        try {
            file.startBlock(group.rows());
            group.pages().flushToFileWriter(file);
            file.endBlock();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void finish() {
        String types = frameSchema.fields().stream().map(f -> f.type().name()).collect(Collectors.joining(","));
        try {
            file.end(Map.of(TYPES_KEY, types));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void abort() {
        try {
            file.abort();
        } catch (RuntimeException e) {
            // the file is deleted next
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // nothing more can be done
        }
    }

    /**
     * One row group, encoded and compressed into memory: each column's pages straight from its
     * vector ({@link PageEncoder}), or, where a column holds lists or decimals of more than 18
     * digits, value by value through parquet-java's column writers, which also write the lists'
     * repetition levels and the decimals' fixed-length bytes.
     */
    private ColumnChunkPageWriteStore encode(MessageType schema, ParquetProperties properties, List<Column> columns,
            int start, int count) {
        ColumnChunkPageWriteStore pages = new ColumnChunkPageWriteStore(
                Codecs.INSTANCE.getCompressor(options.compression()), schema, properties.getAllocator(),
                properties.getColumnIndexTruncateLength(), properties.getPageWriteChecksumEnabled());
        if (count > 0 && columns.stream().noneMatch(column -> column.type().isNested() || column.type().isWide())) {
            PageEncoder encoder = new PageEncoder();
            for (int c = 0; c < columns.size(); c++) {
                ColumnDescriptor descriptor = schema.getColumns().get(c);
                try {
                    encoder.write(pages.getPageWriter(descriptor), descriptor.getPrimitiveType(),
                            columns.get(c).slice(start, count).toVector());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
                }
            }
            return pages;
        }
        ColumnWriteStore store = properties.newColumnWriteStore(schema, pages);
        int width = columns.size();
        ColumnWriter[] leaves = new ColumnWriter[schema.getColumns().size()];
        for (int l = 0; l < leaves.length; l++) {
            leaves[l] = store.getColumnWriter(schema.getColumns().get(l));
        }
        int[] firstLeaf = new int[width];
        Vector[] slices = new Vector[width];
        Object[] arrays = new Object[width];
        int leaf = 0;
        for (int c = 0; c < width; c++) {
            firstLeaf[c] = leaf;
            leaf += NestedColumns.leafCount(columns.get(c).type());
            slices[c] = columns.get(c).slice(start, count).toVector(); // in place within one chunk
            arrays[c] = array(slices[c]);
        }
        NestedColumns.Writer nested = new NestedColumns.Writer(ParquetFrameWriter::value);
        for (int r = 0; r < count; r++) {
            for (int c = 0; c < width; c++) {
                Vector vector = slices[c];
                if (vector.type().isNested()) {
                    nested.write(leaves, firstLeaf[c], vector, r, 0, 0, 0);
                } else if (vector.isNull(r)) {
                    leaves[firstLeaf[c]].writeNull(0, 0);
                } else {
                    value(leaves[firstLeaf[c]], vector, arrays[c], r, 0, 1);
                }
            }
            store.endRecord();
        }
        store.flush();
        return pages;
    }

    private static void value(ColumnWriter writer, Vector vector, Object array, int r, int repetition,
            int definition) {
        switch (vector.type().id()) {
            case BOOLEAN -> writer.write(((ByteVector) vector).values()[((ByteVector) vector).offset() + r] != 0,
                    repetition, definition);
            case INT8, INT16, INT32, DATE -> writer.write((int) ((long[]) array)[r], repetition, definition);
            case DECIMAL -> {
                if (vector instanceof dev.floe.frame.column.Int128Vector wide) {
                    writer.write(Binary.fromConstantByteArray(fixedBytes(wide.getHigh(r), wide.getLow(r),
                            ParquetColumn.decimalBytes(vector.type().precision()))), repetition, definition);
                } else {
                    writer.write(((long[]) array)[r], repetition, definition);
                }
            }
            case INT64, DATETIME, DURATION, TIME -> writer.write(((long[]) array)[r], repetition, definition);
            case FLOAT32 -> writer.write((float) ((double[]) array)[r], repetition, definition);
            case FLOAT64 -> writer.write(((double[]) array)[r], repetition, definition);
            // "reused" tells parquet-java to copy a value it keeps (dictionary entries, page and
            // column statistics): kept as it is, each would hold the whole column's bytes for as
            // long as the file is open
            case UTF8 -> {
                Utf8Vector text = (Utf8Vector) vector;
                writer.write(Binary.fromReusedByteArray(text.data(), text.start(r), text.byteLength(r)), repetition,
                        definition);
            }
            case CATEGORICAL -> {
                CategoricalVector categorical = (CategoricalVector) vector;
                Utf8Vector values = categorical.dictionary().values();
                int code = categorical.codes()[categorical.offset() + r];
                writer.write(Binary.fromReusedByteArray(values.data(), values.start(code), values.byteLength(code)),
                        repetition, definition);
            }
            default -> throw new IllegalArgumentException("Parquet cannot hold " + vector.type());
        }
    }

    /** A 128-bit whole number as the last {@code length} bytes of its big-endian two's complement. */
    private static byte[] fixedBytes(long high, long low, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            int bit = 8 * (length - 1 - i); // of the byte at i, from the value's lowest
            out[i] = (byte) (bit >= 64 ? high >> (bit - 64) : low >>> bit);
        }
        return out;
    }

    /** The values of {@code vector} in the array {@link #value} reads them from (none for some types). */
    static Object array(Vector vector) {
        return switch (vector.type().id()) {
            case FLOAT32, FLOAT64 -> Kernels.doubles(vector);
            case INT8, INT16, INT32, INT64, DATE, DATETIME, DURATION, TIME -> Kernels.longs(vector);
            case DECIMAL -> vector.type().isLongDecimal() ? Kernels.longs(vector) : null; // wide: by words
            default -> null;
        };
    }
}
