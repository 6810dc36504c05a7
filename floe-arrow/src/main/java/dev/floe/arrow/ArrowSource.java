package dev.floe.arrow;

import dev.floe.frame.DataType;
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
 */
public final class ArrowSource implements FileSource {
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
        try (BufferAllocator allocator = new RootAllocator();
                FileChannel channel = FileChannel.open(files.get(0), StandardOpenOption.READ);
                ArrowFileReader reader = new ArrowFileReader(channel, allocator, CommonsCompressionFactory.INSTANCE)) {
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
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + files.get(0) + ": " + e.getMessage(), e);
        }
        this.schema = Schema.of(columns);
    }

    private static String[] hints(String types, int count) {
        if (types == null) {
            return null;
        }
        String[] split = types.split(",");
        return split.length == count ? split : null;
    }

    /** Whether the recorded Floe type may replace the one read from Arrow's (same storage). */
    private static boolean compatible(DataType read, DataType recorded) {
        return read == recorded || read.isList() && recorded.isList() && compatible(read.elementType(),
                recorded.elementType());
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
                    try (BufferAllocator allocator = new RootAllocator();
                            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                            ArrowFileReader reader = new ArrowFileReader(channel, allocator,
                                    CommonsCompressionFactory.INSTANCE)) {
                        checkSameColumns(file, reader.getVectorSchemaRoot());
                        List<ArrowBlock> records = reader.getRecordBlocks();
                        for (int b = 0; b < records.size(); b++) {
                            blocks.add(new Block(f, b, records.get(b).getBodyLength() + records.get(b).getMetadataLength()));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
                    }
                }
                return blocks;
            }

            @Override
            public BatchReader open(Split split, ExecutionContext context) {
                Block block = (Block) split;
                Path file = files.get(block.file());
                try (BufferAllocator allocator = new RootAllocator();
                        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                        ArrowFileReader reader = new ArrowFileReader(channel, allocator,
                                CommonsCompressionFactory.INSTANCE)) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    reader.loadRecordBatch(reader.getRecordBlocks().get(block.index()));
                    List<Vector> vectors = new ArrayList<>();
                    for (String name : decoded) {
                        FieldVector vector = root.getVector(name);
                        var encoding = vector.getField().getDictionary();
                        FieldVector dictionary = encoding == null ? null
                                : reader.getDictionaryVectors().get(encoding.getId()).getVector();
                        vectors.add(ArrowConversion.toFloe(vector, schema.type(name), dictionary));
                    }
                    return BatchReader.of(List.of(scan.output(vectors, root.getRowCount(), 0)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
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
