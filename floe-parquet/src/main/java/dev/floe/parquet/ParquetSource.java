package dev.floe.parquet;

import dev.floe.frame.ColumnNotFoundException;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.SchemaException;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.physical.BatchReader;
import dev.floe.frame.physical.ExecutionContext;
import dev.floe.frame.physical.Source;
import dev.floe.frame.physical.Split;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.io.FileSource;
import dev.floe.frame.io.ScanColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Parquet files as a scan's source. The footers are read when the source is made (schema,
 * row groups, statistics); the data when it is read: one task per row group on the engine's
 * threads, decoding only the projected (and filtered-on) columns, skipping row groups whose
 * min/max statistics show the filter cannot hold, and filtering rows as they are decoded.
 */
public final class ParquetSource implements FileSource {
    /**
     * A converter tree shaped like {@code type} that takes nothing: the column readers want one,
     * but records are not assembled (columns are read directly).
     */
    private static GroupConverter noRecords(org.apache.parquet.schema.GroupType type) {
        Converter[] children = new Converter[type.getFieldCount()];
        for (int i = 0; i < children.length; i++) {
            Type field = type.getType(i);
            children[i] = field.isPrimitive() ? new PrimitiveConverter() { } : noRecords(field.asGroupType());
        }
        return new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return children[fieldIndex];
            }

            @Override
            public void start() {
                // nothing assembled
            }

            @Override
            public void end() {
                // nothing assembled
            }
        };
    }

    private final List<Path> files;
    private final ParquetOptions options;
    private final List<ParquetMetadata> footers = new ArrayList<>();
    private final List<ParquetColumn> columns = new ArrayList<>();
    private final Schema schema;

    public ParquetSource(List<Path> files, ParquetOptions options) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no Parquet files to read");
        }
        this.files = List.copyOf(files);
        this.options = options;
        for (Path file : files) {
            try (ParquetFileReader reader = open(file)) {
                footers.add(reader.getFooter());
            } catch (IOException e) {
                String message = String.valueOf(e.getMessage());
                // the library's message names the file already ("x is not a Parquet file ...")
                throw new UncheckedIOException(message.startsWith(file.toString()) ? message
                        : "cannot read " + file + ": " + message, e);
            } catch (RuntimeException e) {
                // the library's checks of a footer ("is not a Parquet file (length is too low: 4)")
                String message = String.valueOf(e.getMessage());
                throw new dev.floe.FloeException(message.startsWith(file.toString()) ? message
                        : "cannot read " + file + ": " + message, e);
            }
        }
        MessageType first = footers.get(0).getFileMetaData().getSchema();
        String[] hints = hints(footers.get(0), first.getFieldCount());
        List<String> unsupported = new ArrayList<>();
        List<Schema.Field> fields = new ArrayList<>();
        for (int f = 0; f < first.getFieldCount(); f++) {
            Type field = first.getType(f);
            if (options.columns() != null && !options.columns().contains(field.getName())) {
                continue;
            }
            try {
                DataType hint = hints == null ? null : DataType.valueOf(hints[f]);
                ParquetColumn column = ParquetColumn.of(first, field, hint);
                columns.add(column);
                fields.add(new Schema.Field(column.name(), column.type()));
            } catch (ParquetColumn.Unsupported e) {
                unsupported.add("'" + field.getName() + "' (" + e.getMessage() + ")");
            }
        }
        if (!unsupported.isEmpty()) {
            throw new SchemaException(files.get(0) + ": Floe cannot read column " + String.join(", ", unsupported)
                    + "; read the others with ParquetOptions.withColumns(...)");
        }
        if (options.columns() != null) {
            List<String> names = first.getFields().stream().map(Type::getName).toList();
            for (String wanted : options.columns()) {
                if (!names.contains(wanted)) {
                    throw new ColumnNotFoundException(wanted, names);
                }
            }
        }
        this.schema = Schema.of(fields);
        for (int i = 1; i < files.size(); i++) {
            MessageType other = footers.get(i).getFileMetaData().getSchema();
            for (ParquetColumn column : columns) {
                if (!other.containsField(column.name()) || !other.getType(column.name()).equals(column.field())) {
                    throw new SchemaException(files.get(i) + ": column '" + column.name() + "' is "
                            + (other.containsField(column.name()) ? other.getType(column.name()) : "missing")
                            + ", while " + files.get(0) + " has " + column.field() + "; files read together must "
                            + "have the same columns");
                }
            }
        }
    }

    /** The Floe types a Floe writer recorded, or null. */
    private static String[] hints(ParquetMetadata footer, int fields) {
        String types = footer.getFileMetaData().getKeyValueMetaData().get(ParquetFrameWriter.TYPES_KEY);
        if (types == null) {
            return null;
        }
        String[] split = types.split(",");
        return split.length == fields ? split : null;
    }

    private static ParquetReadOptions readOptions() {
        return ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(Codecs.INSTANCE).build();
    }

    private static ParquetFileReader open(Path file) throws IOException {
        return ParquetFileReader.open(input(file), readOptions());
    }

    /** The file as Parquet's library reads it, named by its path in the library's messages. */
    private static LocalInputFile input(Path file) {
        return new LocalInputFile(file) {
            @Override
            public String toString() {
                return file.toString();
            }
        };
    }

    /** A reader of file {@code index} given the footer read when the source was made, so it is not read again. */
    private ParquetFileReader openKnown(int index) throws IOException {
        LocalInputFile input = input(files.get(index));
        org.apache.parquet.io.SeekableInputStream stream = input.newStream();
        try {
            return ParquetFileReader.open(input, footers.get(index), readOptions(), stream); // closes the stream
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public String describe() {
        return "PARQUET " + (files.size() == 1 ? files.get(0).toString() : files.size() + " files (" + files.get(0)
                + ", ...)");
    }

    @Override
    public dev.floe.frame.io.ScanDescriptor descriptor() {
        Map<String, String> read = options.columns() == null ? Map.of()
                : Map.of("columns", String.join(",", options.columns()));
        return new dev.floe.frame.io.ScanDescriptor("parquet", files.stream().map(Path::toString).toList(), read,
                schema);
    }

    /** A row group to read: file, index, rows, its first row among all the files' rows, its compressed bytes. */
    record Group(int file, int index, long rows, long firstRow, long bytes) implements Split {}

    @Override
    public Source scan(List<String> projection, Expr predicate, long limit) {
        ScanColumns scan = ScanColumns.of(projection, predicate, schema);
        List<ParquetColumn> wanted = new ArrayList<>();
        for (String name : scan.decoded().names()) {
            wanted.add(columns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow());
        }
        ParquetSource source = this;
        return new Source() {
            @Override
            public Schema schema() {
                return scan.output();
            }

            @Override
            public List<Group> splits(ExecutionContext context) {
                return groups(predicate, limit);
            }

            @Override
            public BatchReader open(Split split, ExecutionContext context) {
                Group group = (Group) split;
                List<Vector> vectors = readGroup(group, wanted);
                Batch batch = scan.output(vectors, (int) group.rows(), group.firstRow());
                return BatchReader.of(morsels(batch, context.morselRows()));
            }

            @Override
            public String describe() {
                return source.describe() + " " + scan.projection() + (predicate != null ? "; filter " + predicate : "")
                        + (limit >= 0 ? "; first " + limit + " rows" : "");
            }
        };
    }

    /** A row group's batch cut into morsels (views of its vectors). */
    private static List<Batch> morsels(Batch batch, int size) {
        if (batch.rows() <= size) {
            return List.of(batch);
        }
        List<Batch> out = new ArrayList<>();
        for (int from = 0; from < batch.rows(); from += size) {
            int count = Math.min(size, batch.rows() - from);
            List<Vector> columns = new ArrayList<>(batch.columns().size());
            for (Vector column : batch.columns()) {
                columns.add(column.slice(from, count));
            }
            out.add(new Batch(columns, count, batch.start() + from));
        }
        return out;
    }

    /**
     * The row groups a read takes: those whose statistics do not rule the predicate out, and,
     * without a predicate, only as many as the limit needs.
     */
    List<Group> groups(Expr predicate, long limit) {
        List<Group> groups = new ArrayList<>();
        long rowsSoFar = 0;
        long firstRow = 0;
        for (int f = 0; f < files.size(); f++) {
            List<BlockMetaData> blocks = footers.get(f).getBlocks();
            for (int b = 0; b < blocks.size(); b++) {
                if (limit >= 0 && predicate == null && rowsSoFar >= limit) {
                    return groups;
                }
                BlockMetaData block = blocks.get(b);
                long rows = block.getRowCount();
                if (predicate == null || Statistic.mayMatch(predicate, statistics(block), rows)) {
                    groups.add(new Group(f, b, rows, firstRow, block.getCompressedSize()));
                    rowsSoFar += rows;
                }
                firstRow += rows;
            }
        }
        return groups;
    }

    private Map<String, Statistics<?>> statistics(BlockMetaData block) {
        Map<String, Statistics<?>> byColumn = new HashMap<>();
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (chunk.getPath().size() == 1) {
                byColumn.put(chunk.getPath().toDotString(), chunk.getStatistics());
            }
        }
        return byColumn;
    }

    private List<Vector> readGroup(Group group, List<ParquetColumn> wanted) {
        Path file = files.get(group.file());
        try (ParquetFileReader reader = openKnown(group.file())) {
            MessageType full = footers.get(group.file()).getFileMetaData().getSchema();
            MessageType requested = new MessageType(full.getName(), wanted.stream().map(ParquetColumn::field).toList());
            reader.setRequestedSchema(requested);
            PageReadStore pages = reader.readRowGroup(group.index());
            int rows = Math.toIntExact(pages.getRowCount());
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, noRecords(requested), requested,
                    footers.get(group.file()).getFileMetaData().getCreatedBy());
            List<Vector> vectors = new ArrayList<>();
            for (ParquetColumn column : wanted) {
                vectors.add(ColumnDecoding.decode(column, store.getColumnReader(column.descriptor()), rows,
                        file.toString()));
            }
            return vectors;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
