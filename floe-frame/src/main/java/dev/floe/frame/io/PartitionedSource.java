package dev.floe.frame.io;

import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.SchemaException;
import dev.floe.frame.column.ByteVector;
import dev.floe.frame.column.NullVector;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.ExprCompiler;
import dev.floe.frame.exec.FilterOperator;
import dev.floe.frame.exec.Kernels;
import dev.floe.frame.exec.PhysicalExpr;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTrees;
import dev.floe.frame.physical.BatchReader;
import dev.floe.frame.physical.ExecutionContext;
import dev.floe.frame.physical.Source;
import dev.floe.frame.physical.Split;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A hive-partitioned dataset: files in {@code key=value} directories ({@code data/year=2024/
 * month=01/part-0.parquet}), read as one table whose columns are the files' columns followed by
 * one column per partition key, holding the value of each file's directories. A key's values are
 * integers ({@code i64}) or dates when they all read as such, else text; the directory name
 * {@code __HIVE_DEFAULT_PARTITION__} is null.
 *
 * <p>A scan reads only the partitions its filter can hold for: the parts of the filter over
 * partition keys alone are checked against each partition's values before any file is opened.
 * The parts over the files' columns alone go down to the files' scans; parts that mix both are
 * applied once the partition values are attached. Immutable and thread-safe.
 */
public final class PartitionedSource implements FileSource {
    private static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    /** The option of a {@link ScanDescriptor} that names the directory the partitions are under. */
    public static final String ROOT_OPTION = "hive_root";

    /** The files of one partition (one set of key values), and their source. */
    private record Partition(Object[] values, List<Path> files, FileSource source) {}

    private final List<String> keys;
    private final List<DataType> keyTypes;
    private final List<Partition> partitions;
    private final Schema data;
    private final Schema schema;
    private final String describe;
    private final Path root;

    private PartitionedSource(Path root, List<String> keys, List<DataType> keyTypes, List<Partition> partitions,
            String describe) {
        this.root = root;
        this.keys = keys;
        this.keyTypes = keyTypes;
        this.partitions = partitions;
        this.data = partitions.get(0).source().schema();
        List<Schema.Field> fields = new ArrayList<>(data.fields());
        for (int k = 0; k < keys.size(); k++) {
            if (data.contains(keys.get(k))) {
                throw new SchemaException("'" + keys.get(k) + "' is both a column of the files and a partition key "
                        + "of their directories; rename one");
            }
            fields.add(new Schema.Field(keys.get(k), keyTypes.get(k)));
        }
        this.schema = Schema.of(fields);
        for (Partition partition : partitions) {
            if (!partition.source().schema().equals(data)) {
                throw new SchemaException(partition.files().get(0) + " has columns " + partition.source().schema()
                        + ", while " + partitions.get(0).files().get(0) + " has " + data
                        + "; files read together must have the same columns");
            }
        }
        this.describe = describe;
    }

    /**
     * The files of {@code dataset} as one source: partitioned when they sit in {@code key=value}
     * directories, else the format's source over them all.
     *
     * @param open the format's source over some files
     */
    public static FileSource of(Dataset dataset, Function<List<Path>, FileSource> open) {
        List<List<String[]>> pairs = dataset.partitions();
        if (pairs.stream().allMatch(List::isEmpty)) {
            return open.apply(dataset.files());
        }
        List<String> keys = new ArrayList<>();
        for (String[] pair : pairs.get(0)) {
            keys.add(pair[0]);
        }
        Map<List<String>, List<Path>> byValues = new LinkedHashMap<>();
        for (int f = 0; f < dataset.files().size(); f++) {
            List<String> names = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (String[] pair : pairs.get(f)) {
                names.add(pair[0]);
                values.add(pair[1]);
            }
            if (!names.equals(keys)) {
                throw new SchemaException(dataset.files().get(f) + " is in partition directories " + names + ", while "
                        + dataset.files().get(0) + " is in " + keys + "; every file needs the same partition keys, "
                        + "in the same order");
            }
            byValues.computeIfAbsent(values, v -> new ArrayList<>()).add(dataset.files().get(f));
        }
        List<DataType> types = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            List<String> column = new ArrayList<>();
            for (List<String> values : byValues.keySet()) {
                column.add(values.get(k));
            }
            types.add(typeOf(column));
        }
        List<Partition> partitions = new ArrayList<>();
        for (var entry : byValues.entrySet()) {
            Object[] values = new Object[keys.size()];
            for (int k = 0; k < keys.size(); k++) {
                values[k] = value(entry.getKey().get(k), types.get(k));
            }
            partitions.add(new Partition(values, entry.getValue(), open.apply(entry.getValue())));
        }
        String format = partitions.get(0).source().describe().split(" ", 2)[0];
        return new PartitionedSource(dataset.root(), keys, types, partitions, format + " " + dataset.root() + " (" + dataset.files().size()
                + " files in " + partitions.size() + " partitions of " + String.join(", ", keys) + ")");
    }

    /** The type of a partition key's values: i64 or date when every value reads so, else text. */
    private static DataType typeOf(List<String> values) {
        boolean whole = true;
        boolean date = true;
        for (String value : values) {
            if (value.equals(DEFAULT_PARTITION)) {
                continue;
            }
            whole &= value.matches("[+-]?\\d{1,18}");
            try {
                LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                date = false;
            }
        }
        return whole ? DataType.INT64 : date ? DataType.DATE : DataType.UTF8;
    }

    private static Object value(String text, DataType type) {
        if (text.equals(DEFAULT_PARTITION)) {
            return null;
        }
        return switch (type.id()) {
            case INT64 -> Long.parseLong(text);
            case DATE -> LocalDate.parse(text);
            default -> text;
        };
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public String describe() {
        return describe;
    }

    @Override
    public ScanDescriptor descriptor() {
        ScanDescriptor inner = partitions.get(0).source().descriptor();
        List<String> files = new ArrayList<>();
        for (Partition partition : partitions) {
            for (Path file : partition.files()) {
                files.add(file.toString());
            }
        }
        Map<String, String> options = new LinkedHashMap<>(inner.options());
        options.put(ROOT_OPTION, root.toString());
        return new ScanDescriptor(inner.format(), files, options, schema);
    }

    /** A split of one partition's source. */
    private record Part(int partition, Split inner) implements Split {
        @Override
        public long rows() {
            return inner.rows();
        }

        @Override
        public long bytes() {
            return inner.bytes();
        }
    }

    @Override
    public Source scan(List<String> projection, Expr predicate, long limit) {
        Set<String> keySet = new HashSet<>(keys);
        List<Expr> onKeys = new ArrayList<>();
        List<Expr> onData = new ArrayList<>();
        List<Expr> mixed = new ArrayList<>();
        for (Expr conjunct : predicate == null ? List.<Expr>of() : ExprTrees.conjuncts(predicate)) {
            List<String> columns = ExprTrees.columns(conjunct);
            boolean anyKey = columns.stream().anyMatch(keySet::contains);
            boolean anyData = columns.stream().anyMatch(c -> !keySet.contains(c));
            (anyKey && anyData ? mixed : anyKey ? onKeys : onData).add(conjunct);
        }
        // the files' columns to read: those asked for, then those the mixed filter needs
        List<String> inner = new ArrayList<>();
        for (String column : projection) {
            if (!keySet.contains(column)) {
                inner.add(column);
            }
        }
        for (Expr conjunct : mixed) {
            for (String column : ExprTrees.columns(conjunct)) {
                if (!keySet.contains(column) && !inner.contains(column)) {
                    inner.add(column);
                }
            }
        }
        Expr dataFilter = onData.isEmpty() ? null : ExprTrees.and(onData);
        long innerLimit = mixed.isEmpty() ? limit : -1;
        // the combined batch: the files' columns read, then every key
        List<Schema.Field> fields = new ArrayList<>();
        for (String column : inner) {
            fields.add(new Schema.Field(column, data.type(column)));
        }
        for (int k = 0; k < keys.size(); k++) {
            fields.add(new Schema.Field(keys.get(k), keyTypes.get(k)));
        }
        Schema combined = Schema.of(fields);
        FilterOperator after = mixed.isEmpty() ? null
                : new FilterOperator(ExprCompiler.compile(ExprTrees.and(mixed), combined));
        int[] output = projection.stream().mapToInt(combined::indexOf).toArray();
        Schema outputSchema = Schema.of(projection.stream().map(c -> new Schema.Field(c, schema.type(c))).toList());
        List<Source> sources = new ArrayList<>();
        List<Partition> kept = new ArrayList<>();
        for (Partition partition : partitions) {
            if (onKeys.isEmpty() || holds(ExprTrees.and(onKeys), partition.values())) {
                kept.add(partition);
                sources.add(partition.source().scan(inner, dataFilter, innerLimit));
            }
        }
        String what = describe + " " + projection + (predicate != null ? "; filter " + predicate : "")
                + (kept.size() < partitions.size() ? "; " + kept.size() + " of " + partitions.size() + " partitions"
                        : "");
        return new Source() {
            @Override
            public Schema schema() {
                return outputSchema;
            }

            @Override
            public List<Part> splits(ExecutionContext context) {
                List<Part> parts = new ArrayList<>();
                for (int p = 0; p < sources.size(); p++) {
                    for (Split split : sources.get(p).splits(context)) {
                        parts.add(new Part(p, split));
                    }
                }
                return parts;
            }

            @Override
            public BatchReader open(Split split, ExecutionContext context) {
                Part part = (Part) split;
                BatchReader reader = sources.get(part.partition()).open(part.inner(), context);
                Object[] values = kept.get(part.partition()).values();
                return new BatchReader() {
                    @Override
                    public Batch next() {
                        Batch batch = reader.next();
                        if (batch == null) {
                            return null;
                        }
                        List<Vector> columns = new ArrayList<>(batch.columns());
                        for (int k = 0; k < keys.size(); k++) {
                            columns.add(Kernels.broadcast(keyTypes.get(k), values[k], batch.rows()));
                        }
                        Batch whole = new Batch(columns, batch.rows(), batch.start());
                        if (after != null) {
                            whole = after.apply(whole);
                        }
                        List<Vector> out = new ArrayList<>(output.length);
                        for (int column : output) {
                            out.add(whole.column(column));
                        }
                        return new Batch(out, whole.rows(), whole.start());
                    }

                    @Override
                    public void close() {
                        reader.close();
                    }
                };
            }

            @Override
            public String describe() {
                return what;
            }
        };
    }

    /** Whether a filter over the partition keys holds for one partition's values. */
    private boolean holds(Expr filter, Object[] values) {
        List<Schema.Field> fields = new ArrayList<>();
        List<Vector> columns = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            fields.add(new Schema.Field(keys.get(k), keyTypes.get(k)));
            columns.add(Kernels.broadcast(keyTypes.get(k), values[k], 1));
        }
        PhysicalExpr compiled = ExprCompiler.compile(filter, Schema.of(fields));
        Vector truth = compiled.evaluate(new Batch(columns, 1, 0));
        return !(truth instanceof NullVector) && !truth.isNull(0) && ((ByteVector) truth).values()[
                ((ByteVector) truth).offset()] != 0;
    }
}
