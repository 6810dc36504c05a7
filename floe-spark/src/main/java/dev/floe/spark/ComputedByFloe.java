package dev.floe.spark;

import dev.floe.FloeException;
import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.OutOfRangeException;
import dev.floe.frame.Schema;
import dev.floe.frame.Series;
import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTrees;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * Row-wise expressions that Spark has no faithful translation for (Floe's regular expressions,
 * case folding without a locale, grapheme clusters, float floor division, casts to text, ...),
 * computed by Floe's own kernels in the executors. Each partition's rows go to Floe in batches,
 * the expressions' values come back as columns of their own after the rows' columns, and the
 * rest of the translation reads them there as it reads any column. Only row-wise expressions are
 * taken (no aggregation, no window, no bins from the data), so a batch's values are the values
 * Floe gives over the whole column; the rows keep their order within each partition.
 *
 * <p>One registry serves one translator (its schema and its columns), and is laid {@link #over}
 * the dataset that translator's columns are read from.
 */
final class ComputedByFloe {
    /** Rows a batch holds: enough that Floe's planning per batch is a small part of its cost. */
    static final int BATCH_ROWS = 8192;
    /** How Floe computes in an executor's task: on the task's thread (an executor runs a task per core). */
    static final ExecutionConfig IN_A_TASK = new ExecutionConfig(1, ExecutionConfig.DEFAULT_MORSEL_ROWS);

    /**
     * Runs {@code plan} inside a Spark task: on Floe's own engine, on the task's thread. Never on the
     * session's engine, which is Spark itself where the task runs in the driver's JVM (local mode,
     * {@code floe sql --engine spark}): a task would start a Spark job of its own there.
     */
    static DataFrame inTask(dev.floe.frame.plan.PlanNode plan) {
        return dev.floe.frame.Floe.session().collect(plan, IN_A_TASK, dev.floe.frame.physical.LocalEngine.INSTANCE);
    }

    private final String prefix;
    private final boolean windows;
    private final Schema schema;
    private final Function<String, Column> columns;
    private final List<Expr> exprs = new ArrayList<>();
    private final List<DataType> types = new ArrayList<>();

    /**
     * @param prefix the computed columns' names begin with it, unlike any column of the datasets
     *     it is laid over
     * @param schema the columns the expressions are typed against
     * @param columns a Floe column's Spark column in the dataset it is laid over
     */
    ComputedByFloe(String prefix, Schema schema, Function<String, Column> columns) {
        this(prefix, false, schema, columns);
    }

    private ComputedByFloe(String prefix, boolean windows, Schema schema, Function<String, Column> columns) {
        this.prefix = prefix;
        this.windows = windows;
        this.schema = schema;
        this.columns = columns;
    }

    /**
     * A registry of window expressions (over partitions, or bins cut from the data), laid {@link
     * #overPartitions} the dataset: each needs every row of its partition at once.
     */
    static ComputedByFloe windows(String prefix, Schema schema) {
        return new ComputedByFloe(prefix, true, schema, ExprTranslator::column);
    }

    /**
     * Whether Floe can compute {@code expr} here: row-wise, and every type it reads and gives one
     * that Spark holds.
     */
    boolean takes(Expr expr, DataType type) {
        if (ExprTrees.containsAgg(expr) || !windows && ExprTrees.containsWindow(expr) || !holds(type)
                || sortKeys(expr) || settingsPerRow(expr)) {
            return false;
        }
        for (String name : ExprTrees.columns(expr)) {
            if (!schema.contains(name) || !holds(schema.type(name))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code expr} holds a function whose settings come per row ({@code ScalarFunction.PER_VALUE}):
     * SQL makes their expressions by translating the call again for each setting, which cannot travel to
     * an executor; or a sequence's values, which its context holds.
     */
    private static boolean settingsPerRow(Expr expr) {
        if (expr instanceof dev.floe.frame.expr.MultiCall call
                && (call.function() == dev.floe.frame.expr.ScalarFunction.PER_VALUE
                        || call.function() == dev.floe.frame.expr.ScalarFunction.NEXTVAL
                        || call.function() == dev.floe.frame.expr.ScalarFunction.CURRVAL)
                && !(call.parameters().get(0) instanceof java.io.Serializable)) {
            return true;
        }
        for (Expr child : ExprTrees.children(expr)) {
            if (settingsPerRow(child)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code expr} holds a sort key ({@code ScalarFunction.SORT_KEY}): its bytes are no UTF-8
     * text, which Spark's strings would not carry unchanged, so a sort or grouping by a list, map or
     * struct is not translated.
     */
    private static boolean sortKeys(Expr expr) {
        if (expr instanceof dev.floe.frame.expr.Call call && call.function() == dev.floe.frame.expr.ScalarFunction.SORT_KEY) {
            return true;
        }
        for (Expr child : ExprTrees.children(expr)) {
            if (sortKeys(child)) {
                return true;
            }
        }
        return false;
    }

    private static boolean holds(DataType type) {
        try {
            SparkTypes.of(type, "");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Computes {@code expr}, of {@code type}, in Floe: the Spark column its values will be in. */
    Column add(Expr expr, DataType type) {
        exprs.add(expr);
        types.add(type);
        return ExprTranslator.column(name(exprs.size() - 1));
    }

    private String name(int index) {
        return prefix + index;
    }

    /** How many expressions are computed. */
    int size() {
        return exprs.size();
    }

    /** Forgets the expressions added after the first {@code size} (an outer one takes them in). */
    void truncate(int size) {
        exprs.subList(size, exprs.size()).clear();
        types.subList(size, types.size()).clear();
    }

    /**
     * {@code data} with the computed columns after its own, its rows in the same order; {@code
     * data} itself when nothing is computed.
     */
    Dataset<Row> over(Dataset<Row> data) {
        if (windows) {
            throw new IllegalStateException("window expressions are computed over whole partitions");
        }
        return over(data, BATCH_ROWS);
    }

    /**
     * {@code data} with the window expressions' columns after its own: its rows spread over Spark's
     * partitions by {@code keys} (each window partition within one Spark partition; all rows in
     * one where there are no keys), sorted within each by {@code order} (their places in Floe's
     * order) where it is given, and each Spark partition computed by Floe at once.
     */
    Dataset<Row> overPartitions(Dataset<Row> data, Column[] keys, Column order) {
        if (!windows) {
            throw new IllegalStateException("row-wise expressions are computed in batches");
        }
        if (exprs.isEmpty()) {
            return data;
        }
        Dataset<Row> spread = keys.length == 0 ? data.repartition(1) : data.repartition(keys);
        return over(order == null ? spread : spread.sortWithinPartitions(order), Integer.MAX_VALUE);
    }

    private Dataset<Row> over(Dataset<Row> data, int batchRows) {
        if (exprs.isEmpty()) {
            return data;
        }
        List<String> read = new ArrayList<>();
        for (Expr expr : exprs) {
            for (String name : ExprTrees.columns(expr)) {
                if (!read.contains(name)) {
                    read.add(name);
                }
            }
        }
        List<Schema.Field> fields = new ArrayList<>();
        List<Column> staged = new ArrayList<>();
        for (String name : data.columns()) {
            staged.add(ExprTranslator.column(name));
        }
        for (int r = 0; r < read.size(); r++) {
            fields.add(new Schema.Field(read.get(r), schema.type(read.get(r))));
            staged.add(columns.apply(read.get(r)).as(prefix + "in" + r));
        }
        StructType out = data.schema();
        for (int e = 0; e < exprs.size(); e++) {
            out = out.add(DataTypes.createStructField(name(e), SparkTypes.of(types.get(e), exprs.get(e).toString()), true));
        }
        Step step = new Step(data.columns().length, Schema.of(fields), new ArrayList<>(exprs), new ArrayList<>(types),
                batchRows);
        return data.select(staged.toArray(Column[]::new)).mapPartitions(step, Encoders.row(out));
    }

    /** Floe's error raised in an executor, of the same kind, its message followed by where it arose. */
    static FloeException saying(FloeException error, String where) {
        return error instanceof OutOfRangeException ? new OutOfRangeException(error.getMessage() + where)
                : new FloeException(error.getMessage() + where, error);
    }

    /** The number of the Spark partition the executor's task computes. */
    static String partition() {
        org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
        return task == null ? "?" : String.valueOf(task.partitionId());
    }

    /**
     * In the executor: a partition's rows in batches, each batch's read columns a Floe frame, the
     * expressions computed over it on one thread (the executor runs a task per core), and each
     * row given back with its values after its own.
     */
    static final class Step extends AbstractFunction1<scala.collection.Iterator<Row>, scala.collection.Iterator<Row>>
            implements Serializable {
        private final int batchRows;
        private final int width;
        private final Schema read;
        private final ArrayList<Expr> exprs;
        private final ArrayList<DataType> types;

        /**
         * @param width how many of a row's columns are its own (the read columns follow them)
         * @param read the columns the expressions read, as Floe types them
         * @param batchRows the most rows Floe computes at once (a partition's all, for windows)
         */
        Step(int width, Schema read, ArrayList<Expr> exprs, ArrayList<DataType> types, int batchRows) {
            this.batchRows = batchRows;
            this.width = width;
            this.read = read;
            this.exprs = exprs;
            this.types = types;
        }

        /** What {@code explain} shows of the step. */
        @Override
        public String toString() {
            return "Floe computes " + exprs;
        }

        @Override
        public scala.collection.Iterator<Row> apply(scala.collection.Iterator<Row> rows) {
            return CollectionConverters.asScala(call(CollectionConverters.asJava(rows)));
        }

        private Iterator<Row> call(Iterator<Row> rows) {
            return new Iterator<>() {
                private Iterator<Row> batch = Collections.emptyIterator();
                private long start; // the partition's row where the next batch starts

                @Override
                public boolean hasNext() {
                    while (!batch.hasNext() && rows.hasNext()) {
                        List<Row> in = new ArrayList<>(Math.min(batchRows, BATCH_ROWS));
                        while (in.size() < batchRows && rows.hasNext()) {
                            in.add(rows.next());
                        }
                        batch = computeOrSay(in, start).iterator();
                        start += in.size();
                    }
                    return batch.hasNext();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return batch.next();
                }
            };
        }

        /**
         * {@link #compute}, an error Floe raises saying where its rows are: Floe counts them from
         * the batch's first, row {@code start} of Spark's partition.
         */
        private List<Row> computeOrSay(List<Row> in, long start) {
            try {
                return compute(in);
            } catch (FloeException e) {
                throw saying(e, " (rows counted from row " + start + " of Spark's partition " + partition() + ")");
            }
        }

        /** The rows with their computed values after their own columns. */
        List<Row> compute(List<Row> in) {
            // a frame with no column has no rows: a batch that reads none has a column of its rows
            Schema frameSchema = read.size() > 0 ? read : Schema.of("__floe_row", DataType.BOOLEAN);
            List<List<Object>> values = new ArrayList<>(in.size());
            for (Row row : in) {
                Object[] value = new Object[frameSchema.size()];
                if (read.size() == 0) {
                    value[0] = true;
                }
                for (int c = 0; c < read.size(); c++) {
                    value[c] = FrameRows.toFloe(row.get(width + c), read.field(c).type());
                }
                values.add(Arrays.asList(value));
            }
            List<Expr> named = new ArrayList<>();
            for (int e = 0; e < exprs.size(); e++) {
                named.add(exprs.get(e).alias("__floe_out" + e));
            }
            DataFrame computed = inTask(DataFrame.ofRows(frameSchema, values).lazy().withColumns(named).plan());
            if (computed.height() != in.size()) {
                throw new IllegalStateException("Floe computed " + computed.height() + " rows from " + in.size());
            }
            List<Series> out = new ArrayList<>();
            for (int e = 0; e < exprs.size(); e++) {
                out.add(computed.column("__floe_out" + e));
            }
            List<Row> rows = new ArrayList<>(in.size());
            for (int r = 0; r < in.size(); r++) {
                Row row = in.get(r);
                Object[] value = new Object[width + out.size()];
                for (int c = 0; c < width; c++) {
                    value[c] = row.get(c);
                }
                for (int e = 0; e < out.size(); e++) {
                    Series column = out.get(e);
                    value[width + e] = FrameRows.toSpark(column, r, types.get(e));
                }
                rows.add(RowFactory.create(value));
            }
            return rows;
        }
    }
}
