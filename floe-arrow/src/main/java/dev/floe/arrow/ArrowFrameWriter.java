package dev.floe.arrow;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.io.BatchWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Writes an Arrow IPC file from a query's rows as they come ({@link BatchWriter}): each part
 * converted and written as record batches, in order. An IPC file holds one dictionary per
 * column, fixed before its first batch, so when there are categorical columns the parts are
 * held and written together at the end, over one dictionary per column.
 */
final class ArrowFrameWriter implements BatchWriter {
    private final Path path;
    private final Schema schema;
    private final ArrowOptions options;
    private final boolean holding;
    private final List<DataFrame> held = new ArrayList<>();
    private BufferAllocator allocator;
    private VectorSchemaRoot root;
    private FileChannel channel;
    private ArrowFileWriter writer;

    ArrowFrameWriter(Path path, Schema schema, ArrowOptions options) {
        this.path = path;
        this.schema = schema;
        this.options = options;
        this.holding = schema.fields().stream().anyMatch(f -> f.type() == DataType.CATEGORICAL);
        if (!holding) {
            open();
        }
    }

    private void open() {
        List<Field> fields = new ArrayList<>();
        for (Schema.Field field : schema) {
            fields.add(ArrowConversion.field(field.name(), field.type(), null));
        }
        String types = schema.fields().stream().map(f -> f.type().name()).collect(Collectors.joining(","));
        try {
            ArrowAccess.require();
            allocator = new RootAllocator();
            root = VectorSchemaRoot.create(new org.apache.arrow.vector.types.pojo.Schema(fields,
                    Map.of(ArrowConversion.TYPES_KEY, types)), allocator);
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            writer = new ArrowFileWriter(root, null, channel, Map.of(ArrowConversion.TYPES_KEY, types),
                    IpcOption.DEFAULT, options.compression() == CompressionUtil.CodecType.NO_COMPRESSION
                            ? NoCompressionCodec.Factory.INSTANCE : CommonsCompressionFactory.INSTANCE,
                    options.compression());
            writer.start();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int partRows() {
        return options.batchRows();
    }

    @Override
    public Object encode(DataFrame part) {
        return part;
    }

    @Override
    public void append(Object encoded) {
        DataFrame part = (DataFrame) encoded;
        if (holding) {
            held.add(part);
            return;
        }
        try {
            for (int c = 0; c < part.width(); c++) {
                ArrowConversion.fill(root.getVector(c), part.series().get(c).column().toVector());
            }
            root.setRowCount(part.height());
            writer.writeBatch();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void finish() {
        if (holding) {
            DataFrame all = held.isEmpty() ? DataFrame.empty(schema) : DataFrame.concat(held);
            ArrowConversion.write(all, path, options);
            return;
        }
        try {
            writer.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        } finally {
            close();
        }
    }

    @Override
    public void abort() {
        close();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // nothing more can be done
        }
    }

    private void close() {
        try {
            if (writer != null) {
                writer.close();
            }
            if (root != null) {
                root.close();
            }
            if (channel != null) {
                channel.close();
            }
            if (allocator != null) {
                allocator.close();
            }
        } catch (IOException | RuntimeException e) {
            // closing after a failure: the first failure is the one that matters
        }
        writer = null;
        root = null;
        channel = null;
        allocator = null;
    }
}
