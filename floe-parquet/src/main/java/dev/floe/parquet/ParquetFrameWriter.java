package dev.floe.parquet;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Series;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.CategoricalVector;
import dev.floe.frame.column.Column;
import dev.floe.frame.column.ListVector;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.exec.Executor;
import dev.floe.frame.exec.Kernels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
 * Writes a frame as a Parquet file: every column optional; row groups encoded and compressed
 * on the engine's threads, each into memory, then appended to the file in order. The Floe
 * types are kept in the file's metadata ({@code floe:types}), so that categorical, duration and
 * null columns read back as they were.
 */
final class ParquetFrameWriter {
    static final String TYPES_KEY = "floe:types";

    private final ParquetOptions options;

    ParquetFrameWriter(ParquetOptions options) {
        this.options = options;
    }

    void write(DataFrame frame, Path path) {
        List<Type> fields = new ArrayList<>();
        for (Series series : frame.series()) {
            fields.add(ParquetColumn.forWriting(series.name(), series.type()));
        }
        MessageType schema = new MessageType("floe", fields);
        ParquetProperties properties = ParquetProperties.builder().build();
        List<Column> columns = frame.series().stream().map(Series::column).toList();
        int rows = frame.height();
        List<int[]> groups = new ArrayList<>();
        for (int start = 0; start < rows; start += options.rowGroupRows()) {
            groups.add(new int[] {start, Math.min(options.rowGroupRows(), rows - start)});
        }
        ExecutionConfig environment = ExecutionConfig.fromEnvironment();
        ExecutionConfig config = options.threads() > 0 ? environment.withThreads(options.threads()) : environment;
        try {
            Files.deleteIfExists(path);
            ParquetFileWriter file = new ParquetFileWriter(new LocalOutputFile(path), schema,
                    ParquetFileWriter.Mode.CREATE, Math.max(1, options.rowGroupRows()) * 64L, 0);
            file.start();
            int wave = Math.max(1, config.threads());
            for (int from = 0; from < groups.size(); from += wave) {
                List<int[]> some = groups.subList(from, Math.min(groups.size(), from + wave));
                List<ColumnChunkPageWriteStore> encoded = config.threads() == 1 || some.size() == 1
                        ? some.stream().map(g -> encode(schema, properties, columns, g[0], g[1])).toList()
                        : Executor.unwrapping(() -> Executor.pool(config).map(
                                g -> encode(schema, properties, columns, g[0], g[1]), some, 1));
                for (int g = 0; g < some.size(); g++) {
                    file.startBlock(some.get(g)[1]);
                    encoded.get(g).flushToFileWriter(file);
                    file.endBlock();
                }
            }
            String types = frame.series().stream().map(s -> s.type().name()).collect(Collectors.joining(","));
            file.end(Map.of(TYPES_KEY, types));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** One row group, encoded and compressed into memory. */
    private ColumnChunkPageWriteStore encode(MessageType schema, ParquetProperties properties, List<Column> columns,
            int start, int count) {
        ColumnChunkPageWriteStore pages = new ColumnChunkPageWriteStore(
                Codecs.INSTANCE.getCompressor(options.compression()), schema, properties.getAllocator(),
                properties.getColumnIndexTruncateLength(), properties.getPageWriteChecksumEnabled());
        ColumnWriteStore store = properties.newColumnWriteStore(schema, pages);
        int width = columns.size();
        ColumnWriter[] writers = new ColumnWriter[width];
        Vector[] slices = new Vector[width];
        Object[] arrays = new Object[width];
        for (int c = 0; c < width; c++) {
            writers[c] = store.getColumnWriter(schema.getColumns().get(c));
            slices[c] = columns.get(c).slice(start, count).toVector(); // in place within one chunk
            arrays[c] = switch (slices[c].type()) {
                case FLOAT32, FLOAT64 -> Kernels.doubles(slices[c]);
                case INT8, INT16, INT32, INT64, DATE, DATETIME, DURATION -> Kernels.longs(slices[c]);
                default -> null;
            };
        }
        for (int r = 0; r < count; r++) {
            for (int c = 0; c < width; c++) {
                Vector vector = slices[c];
                ColumnWriter writer = writers[c];
                if (vector.type().isList()) {
                    list(writer, (ListVector) vector, r);
                } else if (vector.isNull(r)) {
                    writer.writeNull(0, 0);
                } else {
                    value(writer, vector, arrays[c], r, 0, 1);
                }
            }
            store.endRecord();
        }
        store.flush();
        return pages;
    }

    private static void value(ColumnWriter writer, Vector vector, Object array, int r, int repetition,
            int definition) {
        switch (vector.type()) {
            case BOOLEAN -> writer.write(((ByteVector) vector).values()[((ByteVector) vector).offset() + r] != 0,
                    repetition, definition);
            case INT8, INT16, INT32, DATE -> writer.write((int) ((long[]) array)[r], repetition, definition);
            case INT64, DATETIME, DURATION -> writer.write(((long[]) array)[r], repetition, definition);
            case FLOAT32 -> writer.write((float) ((double[]) array)[r], repetition, definition);
            case FLOAT64 -> writer.write(((double[]) array)[r], repetition, definition);
            case UTF8 -> {
                Utf8Vector text = (Utf8Vector) vector;
                writer.write(Binary.fromConstantByteArray(text.data(), text.start(r), text.byteLength(r)), repetition,
                        definition);
            }
            case CATEGORICAL -> {
                CategoricalVector categorical = (CategoricalVector) vector;
                Utf8Vector values = categorical.dictionary().values();
                int code = categorical.codes()[categorical.offset() + r];
                writer.write(Binary.fromConstantByteArray(values.data(), values.start(code), values.byteLength(code)),
                        repetition, definition);
            }
            default -> throw new IllegalArgumentException("Parquet cannot hold " + vector.type());
        }
    }

    /** A list row: null list (definition 0), empty (1), null element (2), element (3). */
    private static void list(ColumnWriter writer, ListVector list, int r) {
        if (list.isNull(r)) {
            writer.writeNull(0, 0);
            return;
        }
        int size = list.size(r);
        if (size == 0) {
            writer.writeNull(0, 1);
            return;
        }
        Vector elements = list.elements().slice(list.start(r), size);
        Object array = switch (elements.type()) {
            case FLOAT32, FLOAT64 -> Kernels.doubles(elements);
            case INT8, INT16, INT32, INT64, DATE, DATETIME, DURATION -> Kernels.longs(elements);
            default -> null;
        };
        for (int k = 0; k < size; k++) {
            int repetition = k == 0 ? 0 : 1;
            if (elements.isNull(k)) {
                writer.writeNull(repetition, 2);
            } else if (elements.type() == DataType.NULL) {
                writer.writeNull(repetition, 2);
            } else {
                value(writer, elements, array, k, repetition, 3);
            }
        }
    }
}
