package dev.floe.parquet;

import dev.floe.FloeException;
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
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet files as a scan's source. The footers are read when the source is made (schema,
 * row groups, statistics); the data when it is read: one task per row group on the engine's
 * threads, decoding only the projected (and filtered-on) columns, skipping row groups whose
 * min/max statistics show the filter cannot hold, and filtering rows as they are decoded.
 *
 * <p>Corrupt files are refused with a {@link FloeException} naming the file, and the row group
 * and column where known: pages are checked against their CRC checksums where the file has them
 * (Floe writes them), and the sizes and counts the footer declares against the file's size and
 * the heap before anything is allocated for them.
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

    /** What the footers and dictionary pages say of the columns' values, for packing group-by keys. */
    private final FooterBounds bounds;

    /** {@link #statistics()}, once asked for. */
    private volatile dev.floe.frame.io.TableStatistics footerStatistics;

    public ParquetSource(List<Path> files, ParquetOptions options) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no Parquet files to read");
        }
        this.files = List.copyOf(files);
        this.options = options;
        for (Path file : files) {
            try (ParquetFileReader reader = open(file)) {
                ParquetMetadata footer = reader.getFooter();
                checkSizes(file, footer, java.nio.file.Files.size(file));
                footers.add(footer);
            } catch (FloeException e) {
                throw e;
            } catch (java.nio.file.NoSuchFileException e) {
                throw new UncheckedIOException("cannot read " + file + ": no such file", e);
            } catch (IOException | RuntimeException | StackOverflowError e) {
                throw corrupt(file, "", e);
            }
        }
        try {
            this.schema = resolveSchema(files, options);
        } catch (FloeException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw corrupt(files.get(0), "", e);
        }
        this.bounds = new FooterBounds(this.files, footers, columns, this::openKnown);
    }

    private Schema resolveSchema(List<Path> files, ParquetOptions options) {
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
        Schema schema = Schema.of(fields);
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
        return schema;
    }

    /** An error reading a corrupt (or not Parquet) file: what was found, naming the file and where in it. */
    private static FloeException corrupt(Path file, String where, Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof StackOverflowError) {
            message = "its metadata is nested too deeply";
        }
        return new FloeException("cannot read Parquet file " + file + where + ": it is corrupt or not Parquet ("
                + message + ")", cause);
    }

    /**
     * The footer's row groups lie inside the file: each column chunk's bytes between the magic
     * number and the footer, counts not negative. (Readers allocate what these declare.)
     */
    private static void checkSizes(Path file, ParquetMetadata footer, long length) {
        List<BlockMetaData> blocks = footer.getBlocks();
        for (int b = 0; b < blocks.size(); b++) {
            BlockMetaData block = blocks.get(b);
            if (block.getRowCount() < 0 || block.getRowCount() > Integer.MAX_VALUE) {
                throw new FloeException("cannot read Parquet file " + file + ", row group " + b + ": it declares "
                        + block.getRowCount() + " rows (the file is corrupt, or its row groups are larger than "
                        + "Floe reads: at most 2^31 - 1 rows each)");
            }
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                long start = chunk.getStartingPos();
                long size = chunk.getTotalSize();
                if (start < 4 || size < 0 || start + size > length - 8 || chunk.getValueCount() < 0) {
                    throw new FloeException("cannot read Parquet file " + file + ", row group " + b + ", column '"
                            + chunk.getPath().toDotString() + "': its " + size + " bytes at " + start
                            + " are not within the file's " + length + " bytes (the file is corrupt or cut short)");
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
        List<String> split = DataType.splitNames(types);
        return split.size() == fields ? split.toArray(String[]::new) : null;
    }

    private static ParquetReadOptions readOptions() {
        return ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(Codecs.INSTANCE)
                .usePageChecksumVerification(true).build();
    }

    /** The file as Parquet's input, printed as its path (Parquet's messages name it so). */
    private static LocalInputFile input(Path file) {
        return new LocalInputFile(file) {
            @Override
            public String toString() {
                return file.toString();
            }
        };
    }

    /** A reader of {@code file} with the options every read here uses. */
    static ParquetFileReader open(Path file) throws IOException {
        return ParquetFileReader.open(input(file), readOptions());
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
        TextDictionaries text = new TextDictionaries(wanted.size());
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
                List<Vector> vectors = readGroup(group, wanted, text);
                Batch batch = scan.output(vectors, (int) group.rows(), group.firstRow());
                return BatchReader.of(morsels(batch, context.morselRows()));
            }

            @Override
            public dev.floe.frame.exec.ValueBounds valueBounds() {
                return bounds;
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

    /**
     * The row count, and per column the null share and the range of numbers and dates, from the
     * footers' row-group statistics (read when the source was made, so nothing is read here);
     * integer columns' distinct count is bounded by their range. A column whose statistics any row
     * group lacks has no range.
     */
    @Override
    public dev.floe.frame.io.TableStatistics statistics() {
        dev.floe.frame.io.TableStatistics known = footerStatistics;
        if (known == null) {
            known = footerStatistics(); // the same each time: worked out once (a race only does it twice)
            footerStatistics = known;
        }
        return known;
    }

    private dev.floe.frame.io.TableStatistics footerStatistics() {
        long rows = 0;
        Map<String, double[]> ranges = new HashMap<>(); // min, max, nulls; null: unknown
        java.util.Set<String> unknown = new java.util.HashSet<>();
        for (ParquetMetadata footer : footers) {
            for (BlockMetaData block : footer.getBlocks()) {
                rows += block.getRowCount();
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    if (!flat(chunk)) {
                        continue;
                    }
                    String name = chunk.getPath().toDotString();
                    Statistics<?> stats = chunk.getStatistics();
                    double[] range = ranges.computeIfAbsent(name,
                            n -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0});
                    if (stats == null || stats.isEmpty() || !stats.isNumNullsSet()) {
                        unknown.add(name);
                        continue;
                    }
                    range[2] += stats.getNumNulls();
                    if (stats.hasNonNullValue()) {
                        double min = numeric(stats.genericGetMin(), chunk.getPrimitiveType());
                        double max = numeric(stats.genericGetMax(), chunk.getPrimitiveType());
                        if (Double.isNaN(min) || Double.isNaN(max)) {
                            unknown.add(name);
                        } else {
                            range[0] = Math.min(range[0], min);
                            range[1] = Math.max(range[1], max);
                        }
                    }
                }
            }
        }
        Map<String, dev.floe.frame.io.ColumnStatistics> columns = new HashMap<>();
        for (Schema.Field field : schema) {
            double[] range = ranges.get(field.name());
            if (range == null || unknown.contains(field.name()) || rows == 0) {
                continue;
            }
            double nonNull = rows - range[2];
            boolean hasRange = range[0] <= range[1];
            double distinct = Double.NaN;
            if (field.type().isInteger() || field.type() == DataType.DATE) {
                distinct = hasRange ? Math.max(1, Math.min(nonNull, range[1] - range[0] + 1)) : 0;
            }
            columns.put(field.name(), new dev.floe.frame.io.ColumnStatistics(distinct, range[2] / rows,
                    hasRange ? range[0] : Double.NaN, hasRange ? range[1] : Double.NaN));
        }
        return new dev.floe.frame.io.TableStatistics(rows, columns);
    }

    /** A statistics value as a number on the column's own scale, or NaN where it is not one. */
    private static double numeric(Object value, PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        boolean plain = logical == null || logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned();
        if (!plain) {
            return Double.NaN;
        }
        return switch (value) {
            case Integer i -> i;
            case Long l -> l;
            case Float f -> f.isNaN() ? Double.NaN : f;
            case Double d -> d;
            default -> Double.NaN;
        };
    }

    private Map<String, Statistics<?>> statistics(BlockMetaData block) {
        Map<String, Statistics<?>> byColumn = new HashMap<>();
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (flat(chunk)) {
                byColumn.put(chunk.getPath().toDotString(), chunk.getStatistics());
            }
        }
        return byColumn;
    }

    /**
     * Whether a chunk's statistics are its column's: a top-level field that does not repeat (a bare
     * repeated field is a list, its statistics its elements', its nulls counting its empty lists).
     */
    private static boolean flat(ColumnChunkMetaData chunk) {
        return chunk.getPath().size() == 1 && chunk.getPrimitiveType().getRepetition() != org.apache.parquet.schema.Type.Repetition.REPEATED;
    }

    /** The chunk of {@code column} in a row group, or null when the row group has none. */
    static ColumnChunkMetaData chunk(BlockMetaData block, ParquetColumn column) {
        String[] path = column.descriptor().getPath();
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (java.util.Arrays.equals(chunk.getPath().toArray(), path)) {
                return chunk;
            }
        }
        return null;
    }

    /**
     * The dictionary builders that a scan's categorical columns decode into: one per column and
     * thread, so each worker decodes its row groups without locking into a lineage of its own
     * ({@link dev.floe.frame.column.Dictionary#covers}), and what it feeds (a group-by, a join,
     * a collected frame) finds its chunks' codes in one code space instead of translating each
     * row group's dictionary. A builder that has grown past {@value #LINEAGE_VALUES} values is
     * replaced by a fresh one, so a column of nearly unique text does not keep all its values in
     * memory for the whole scan.
     */
    static final class TextDictionaries {
        static final int LINEAGE_VALUES = 1 << 21;

        private final int columns;
        private final java.util.concurrent.ConcurrentHashMap<Thread, dev.floe.frame.column.Dictionary.Builder[]> byThread =
                new java.util.concurrent.ConcurrentHashMap<>();

        TextDictionaries(int columns) {
            this.columns = columns;
        }

        /** The calling thread's builder for column {@code c} (of the scan's decoded columns). */
        dev.floe.frame.column.Dictionary.Builder builder(int c) {
            dev.floe.frame.column.Dictionary.Builder[] builders = byThread.computeIfAbsent(Thread.currentThread(),
                    t -> new dev.floe.frame.column.Dictionary.Builder[columns]);
            if (builders[c] == null || builders[c].size() > LINEAGE_VALUES) {
                builders[c] = new dev.floe.frame.column.Dictionary.Builder();
            }
            return builders[c];
        }
    }

    private List<Vector> readGroup(Group group, List<ParquetColumn> wanted, TextDictionaries text) {
        Path file = files.get(group.file());
        String where = ", row group " + group.index();
        checkHeap(file, where, group.rows(), wanted.size());
        ParquetColumn current = null;
        try (ParquetFileReader reader = openKnown(group.file())) {
            MessageType full = footers.get(group.file()).getFileMetaData().getSchema();
            MessageType requested = new MessageType(full.getName(), wanted.stream().map(ParquetColumn::field).toList());
            reader.setRequestedSchema(requested);
            PageReadStore pages = reader.readRowGroup(group.index());
            if (pages == null || pages.getRowCount() != group.rows()) {
                throw new FloeException("cannot read Parquet file " + file + where + ": it is corrupt (its pages hold "
                        + (pages == null ? "no" : pages.getRowCount()) + " rows, its footer says " + group.rows() + ")");
            }
            int rows = Math.toIntExact(pages.getRowCount());
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, noRecords(requested), requested,
                    footers.get(group.file()).getFileMetaData().getCreatedBy());
            List<Vector> vectors = new ArrayList<>();
            BlockMetaData block = footers.get(group.file()).getBlocks().get(group.index());
            for (int c = 0; c < wanted.size(); c++) {
                ParquetColumn column = wanted.get(c);
                current = column;
                if (column.node() == null && PageDecoding.reads(column, chunk(block, column))) {
                    vectors.add(PageDecoding.decode(column, pages.getPageReader(column.descriptor()), rows,
                            column.type() == DataType.CATEGORICAL ? text.builder(c) : null));
                } else if (column.node() != null) {
                    vectors.add(NestedColumns.read(column, store, full, rows, file.toString()));
                } else {
                    vectors.add(ColumnDecoding.decode(column, store.getColumnReader(column.descriptor()), rows,
                            file.toString()));
                }
            }
            return vectors;
        } catch (FloeException e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            String column = current != null ? ", column '" + current.name() + "'"
                    : wanted.size() == 1 ? ", column '" + wanted.get(0).name() + "'" : failingColumn(group, wanted);
            String message = e.getMessage() != null && e.getMessage().contains("CRC checksum")
                    ? ", a page fails its checksum" : "";
            throw corrupt(file, where + column + message, e);
        }
    }

    /**
     * Which column's pages could not be read, found (once a row group has failed) by reading the
     * columns' pages one at a time; nothing when each reads alone.
     */
    private String failingColumn(Group group, List<ParquetColumn> wanted) {
        MessageType full = footers.get(group.file()).getFileMetaData().getSchema();
        for (ParquetColumn column : wanted) {
            try (ParquetFileReader reader = openKnown(group.file())) {
                reader.setRequestedSchema(new MessageType(full.getName(), List.of(column.field())));
                reader.readRowGroup(group.index());
            } catch (IOException | RuntimeException | StackOverflowError e) {
                return ", column '" + column.name() + "'";
            }
        }
        return "";
    }

    /** Refuses a row group whose declared rows could not be decoded in the heap, before allocating for them. */
    private static void checkHeap(Path file, String where, long rows, int columns) {
        long needed = rows * 9 * Math.max(1, columns); // at least a value and a validity bit per row and column
        long heap = Runtime.getRuntime().maxMemory();
        if (rows < 0 || needed < 0 || needed > heap) {
            throw new FloeException("cannot read Parquet file " + file + where + ": it declares " + rows
                    + " rows, which need at least " + needed / (1 << 20) + " MiB to decode, more than the heap's "
                    + heap / (1 << 20) + " MiB (the file is corrupt, or give the JVM more memory: -Xmx)");
        }
    }
}
