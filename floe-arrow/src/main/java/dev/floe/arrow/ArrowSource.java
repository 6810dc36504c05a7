package dev.floe.arrow;

import dev.floe.FloeException;
import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.Schema;
import dev.floe.frame.SchemaException;
import dev.floe.frame.column.Vector;
import dev.floe.frame.physical.BatchReader;
import dev.floe.frame.physical.ExecutionContext;
import dev.floe.frame.physical.Source;
import dev.floe.frame.physical.Split;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.io.FileSource;
import dev.floe.frame.io.ScanColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Arrow IPC files as a scan's source: the schema is read when the source is made; the data
 * record batch by record batch, converting only the projected (and filtered-on) columns, and
 * filtering as it goes. Buffers compressed with LZ4 or Zstandard are read too.
 *
 * <p>Corrupt files are refused with a {@link FloeException} naming the file and the record batch
 * (and the column, where known): each block must lie inside the file, offsets and lengths are
 * checked against their buffers and the row count before a vector is handed out (see
 * {@link ArrowConversion#toFloe}), and Arrow's allocator for a file is bounded (at most
 * {@value #MEMORY_PER_FILE_BYTE} times the file's size and the session's memory limit, but at
 * least 64 MiB), so a small file cannot make Arrow allocate gigabytes of native memory.
 */
public final class ArrowSource implements FileSource {
    /** Arrow memory a file may use per byte of it (decompressed buffers grow). */
    static final int MEMORY_PER_FILE_BYTE = 64;
    private static final long MIN_MEMORY = 64L << 20;

    private final List<Path> files;
    private final List<Field> fields = new ArrayList<>();
    private final Schema schema;

    public ArrowSource(List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no Arrow files to read");
        }
        ArrowAccess.require();
        this.files = List.copyOf(files);
        List<Schema.Field> columns = new ArrayList<>();
        Path first = files.get(0);
        try (BufferAllocator allocator = allocator(first, Floe.session().memoryLimitBytes());
                FileChannel channel = FileChannel.open(first, StandardOpenOption.READ);
                ArrowFileReader reader = new ArrowFileReader(channel, allocator, CommonsCompressionFactory.INSTANCE)) {
            checkBlocks(first, reader, channel.size());
            org.apache.arrow.vector.types.pojo.Schema arrow = reader.getVectorSchemaRoot().getSchema();
            String[] hints = hints(reader.getMetaData().get(ArrowConversion.TYPES_KEY), arrow.getFields().size());
            for (int f = 0; f < arrow.getFields().size(); f++) {
                Field field = arrow.getFields().get(f);
                DataType type = ArrowConversion.typeOf(field, files.get(0).toString());
                if (field.getDictionary() != null) {
                    ArrowType values = reader.getDictionaryVectors().get(field.getDictionary().getId()).getVector()
                            .getField().getType();
                    if (!(values instanceof ArrowType.Utf8) && !(values instanceof ArrowType.LargeUtf8)) {
                        throw new SchemaException(files.get(0) + ": Floe cannot read column '" + field.getName()
                                + "' (a dictionary of " + values + "; only dictionaries of text are read)");
                    }
                }
                if (hints != null && compatible(type, DataType.valueOf(hints[f]))) {
                    type = DataType.valueOf(hints[f]);
                }
                fields.add(field);
                columns.add(new Schema.Field(field.getName(), type));
            }
        } catch (FloeException e) {
            throw e;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UncheckedIOException("cannot read " + first + ": no such file", e);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw corrupt(first, "", e);
        }
        this.schema = Schema.of(columns);
    }

    /** Arrow's memory for reading {@code file}: bounded by its size and the memory limit, at least 64 MiB. */
    private static BufferAllocator allocator(Path file, long memoryLimit) throws IOException {
        long size = java.nio.file.Files.size(file);
        long bound = size > Long.MAX_VALUE / MEMORY_PER_FILE_BYTE ? Long.MAX_VALUE : size * MEMORY_PER_FILE_BYTE;
        // at least 64 MiB whatever the limit: a session's limit bounds its operators' state, and a
        // record batch must be readable under any of them
        return new RootAllocator(Math.max(MIN_MEMORY, Math.min(memoryLimit, bound)));
    }

    /** The record and dictionary blocks lie inside the file (the reader allocates what they declare). */
    private static void checkBlocks(Path file, ArrowFileReader reader, long size) throws IOException {
        List<ArrowBlock> records = reader.getRecordBlocks();
        for (int b = 0; b < records.size(); b++) {
            checkBlock(file, ", record batch " + b, records.get(b), size);
        }
        List<ArrowBlock> dictionaries = reader.getDictionaryBlocks();
        for (int b = 0; b < dictionaries.size(); b++) {
            checkBlock(file, ", dictionary batch " + b, dictionaries.get(b), size);
        }
    }

    private static void checkBlock(Path file, String where, ArrowBlock block, long size) {
        long offset = block.getOffset();
        long metadata = block.getMetadataLength();
        long body = block.getBodyLength();
        if (offset < 8 || metadata < 0 || body < 0 || metadata > size || body > size
                || offset + metadata + body > size) {
            throw new FloeException("cannot read Arrow file " + file + where + ": its " + metadata + " + " + body
                    + " bytes at " + offset + " are not within the file's " + size + " bytes (the file is corrupt "
                    + "or cut short)");
        }
    }

    /** An error reading a corrupt (or not Arrow IPC) file, naming the file and where in it. */
    static FloeException corrupt(Path file, String where, Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof StackOverflowError) {
            message = "its metadata is nested too deeply";
        } else if (cause instanceof org.apache.arrow.memory.OutOfMemoryException) {
            message = "it asks for more memory than a file of its size may use (" + message + ")";
        }
        return new FloeException("cannot read Arrow file " + file + where + ": it is corrupt or not Arrow IPC ("
                + message + ")", cause);
    }

    private static String[] hints(String types, int count) {
        if (types == null) {
            return null;
        }
        List<String> split = DataType.splitNames(types);
        return split.size() == count ? split.toArray(String[]::new) : null;
    }

    /** Whether the recorded Floe type may replace the one read from Arrow's (same storage, or text for a categorical). */
    private static boolean compatible(DataType read, DataType recorded) {
        if (read.isStruct() && recorded.isStruct() && read.fields().size() == recorded.fields().size()) {
            for (int f = 0; f < read.fields().size(); f++) {
                if (!read.fields().get(f).name().equals(recorded.fields().get(f).name())
                        || !compatible(read.fields().get(f).type(), recorded.fields().get(f).type())) {
                    return false;
                }
            }
            return true;
        }
        // text recorded as categorical: one inside a list, map or struct, written as text
        return read == recorded || read == DataType.UTF8 && recorded == DataType.CATEGORICAL || read.isList() && recorded.isList() && compatible(read.elementType(),
                recorded.elementType()) || read.isMap() && recorded.isMap() && compatible(read.keyType(),
                recorded.keyType()) && compatible(read.valueType(), recorded.valueType());
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public String describe() {
        return "ARROW " + (files.size() == 1 ? files.get(0).toString() : files.size() + " files (" + files.get(0)
                + ", ...)");
    }

    @Override
    public dev.floe.frame.io.ScanDescriptor descriptor() {
        return new dev.floe.frame.io.ScanDescriptor("arrow", files.stream().map(Path::toString).toList(),
                java.util.Map.of(), schema);
    }

    /** One record batch of one file; its bytes in the file. */
    record Block(int file, int index, long bytes) implements Split {
        @Override
        public long rows() {
            return -1;
        }
    }

    @Override
    public Source scan(List<String> projection, Expr predicate, long limit) {
        ScanColumns scan = ScanColumns.of(projection, predicate, schema);
        List<String> decoded = scan.decoded().names();
        ArrowSource source = this;
        return new Source() {
            @Override
            public Schema schema() {
                return scan.output();
            }

            @Override
            public List<Block> splits(ExecutionContext context) {
                List<Block> blocks = new ArrayList<>();
                for (int f = 0; f < files.size(); f++) {
                    Path file = files.get(f);
                    try (BufferAllocator allocator = allocator(file, context.memory().limit());
                            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                            ArrowFileReader reader = new ArrowFileReader(channel, allocator,
                                    CommonsCompressionFactory.INSTANCE)) {
                        checkBlocks(file, reader, channel.size());
                        checkSameColumns(file, reader.getVectorSchemaRoot());
                        List<ArrowBlock> records = reader.getRecordBlocks();
                        for (int b = 0; b < records.size(); b++) {
                            blocks.add(new Block(f, b, records.get(b).getBodyLength() + records.get(b).getMetadataLength()));
                        }
                    } catch (FloeException e) {
                        throw e;
                    } catch (IOException | RuntimeException | StackOverflowError e) {
                        throw corrupt(file, "", e);
                    }
                }
                return blocks;
            }

            @Override
            public BatchReader open(Split split, ExecutionContext context) {
                Block block = (Block) split;
                Path file = files.get(block.file());
                String where = ", record batch " + block.index();
                String column = "";
                try (BufferAllocator allocator = allocator(file, context.memory().limit());
                        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                        ArrowFileReader reader = new ArrowFileReader(channel, allocator,
                                CommonsCompressionFactory.INSTANCE)) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    ArrowBlock record = reader.getRecordBlocks().get(block.index());
                    checkBlock(file, where, record, channel.size());
                    reader.loadRecordBatch(record);
                    int rows = root.getRowCount();
                    long heap = Runtime.getRuntime().maxMemory();
                    if (rows < 0 || (long) rows * 9 * Math.max(1, decoded.size()) > heap) {
                        throw new FloeException("cannot read Arrow file " + file + where + ": it declares " + rows
                                + " rows, more than the heap could hold (the file is corrupt, or give the JVM more "
                                + "memory: -Xmx)");
                    }
                    List<Vector> vectors = new ArrayList<>();
                    for (String name : decoded) {
                        column = ", column '" + name + "'";
                        FieldVector vector = root.getVector(name);
                        var encoding = vector.getField().getDictionary();
                        FieldVector dictionary = null;
                        if (encoding != null) {
                            var entry = reader.getDictionaryVectors().get(encoding.getId());
                            if (entry == null) {
                                throw new ArrowConversion.Invalid("its dictionary " + encoding.getId() + " is missing");
                            }
                            dictionary = entry.getVector();
                        }
                        vectors.add(ArrowConversion.toFloe(vector, schema.type(name), dictionary, rows));
                    }
                    return BatchReader.of(List.of(scan.output(vectors, rows, 0)));
                } catch (FloeException e) {
                    throw e;
                } catch (IOException | RuntimeException | StackOverflowError e) {
                    throw corrupt(file, where + column, e);
                }
            }

            @Override
            public String describe() {
                return source.describe() + " " + scan.projection() + (predicate != null ? "; filter " + predicate : "")
                        + (limit >= 0 ? "; first " + limit + " rows" : "");
            }
        };
    }

    private void checkSameColumns(Path file, VectorSchemaRoot root) {
        List<Field> theirs = root.getSchema().getFields();
        if (theirs.size() != fields.size()) {
            throw new SchemaException(file + " has " + theirs.size() + " columns, " + files.get(0) + " has "
                    + fields.size() + "; files read together must have the same columns");
        }
        for (int f = 0; f < fields.size(); f++) {
            if (!theirs.get(f).getName().equals(fields.get(f).getName())
                    || !theirs.get(f).getType().equals(fields.get(f).getType())) {
                throw new SchemaException(file + ": column " + f + " is " + theirs.get(f) + ", while " + files.get(0)
                        + " has " + fields.get(f) + "; files read together must have the same columns");
            }
        }
    }
}
