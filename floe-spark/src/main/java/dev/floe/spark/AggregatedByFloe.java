package dev.floe.spark;

import dev.floe.FloeException;
import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.Series;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTrees;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.plan.Aggregate;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * A group-by that Spark has no faithful form for (an aggregation it lacks, an aggregation's
 * setting, a function of an aggregation's result) computed by Floe's own engine in the
 * executors: Spark spreads the rows over its partitions by the keys, so that each group lies
 * within one Spark partition (all rows in one where there are no keys), sorts each by the rows'
 * places in Floe's order where they are known, and Floe groups each Spark partition at once. A
 * group's place in Floe's order, where asked for, is its first row's.
 */
final class AggregatedByFloe {
    private static final String INDEX = "__floe_index";
    private static final String FIRST = "__floe_first";
    /** False on the row added so that a group-by without keys sees a partition, even over no rows. */
    private static final String REAL = "__floe_real";

    private AggregatedByFloe() {}

    /** Whether Spark can hold every column the group-by reads and gives. */
    static boolean takes(Aggregate aggregate) {
        try {
            SparkTypes.of(aggregate.schema(), "");
            for (String name : read(aggregate)) {
                SparkTypes.of(aggregate.input().schema().type(name), "");
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The input columns the keys and aggregations read, in order. */
    private static List<String> read(Aggregate aggregate) {
        List<String> names = new ArrayList<>();
        List<Expr> all = new ArrayList<>(aggregate.keys());
        all.addAll(aggregate.aggs());
        for (Expr expr : all) {
            for (String name : ExprTrees.columns(expr)) {
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /**
     * The groups of {@code data} (the input's columns, and its rows' places in {@code row} where
     * that is not null): the aggregate's columns, then each group's place in {@code row} with
     * {@code placed}.
     *
     * @param spread Spark columns whose equal values every row of a group shares
     */
    static Dataset<Row> of(Aggregate aggregate, Dataset<Row> data, Column[] spread, String row, boolean placed) {
        Schema inputSchema = aggregate.input().schema();
        List<String> read = read(aggregate);
        boolean flagged = spread.length == 0;
        Dataset<Row> spreadRows;
        if (flagged) {
            // one partition, never empty (Spark drops steps over no rows, but no keys give one group even then)
            // the extra row's nulls in every column (its schema says each may be null; the union's does too)
            StructType withFlag = new StructType();
            for (StructField field : data.schema().fields()) {
                withFlag = withFlag.add(new StructField(field.name(), field.dataType(), true, field.metadata()));
            }
            withFlag = withFlag.add(REAL, DataTypes.BooleanType, false);
            Object[] nothing = new Object[withFlag.size()];
            nothing[nothing.length - 1] = false;
            Dataset<Row> extra = data.sparkSession().createDataFrame(List.of(RowFactory.create(nothing)), withFlag);
            spreadRows = data.withColumn(REAL, org.apache.spark.sql.functions.lit(true)).union(extra).repartition(1);
        } else {
            spreadRows = data.repartition(spread);
        }
        if (row != null) {
            spreadRows = spreadRows.sortWithinPartitions(ExprTranslator.column(row).asc());
        }
        List<Column> staged = new ArrayList<>();
        List<Schema.Field> fields = new ArrayList<>();
        for (String name : read) {
            staged.add(ExprTranslator.column(name));
            fields.add(new Schema.Field(name, inputSchema.type(name)));
        }
        StructType out = SparkTypes.of(aggregate.schema(), "the group-by " + aggregate);
        if (placed) {
            staged.add(ExprTranslator.column(row));
            out = out.add(DataTypes.createStructField(row, data.schema().apply(row).dataType(), true));
        }
        if (flagged) {
            staged.add(ExprTranslator.column(REAL));
        }
        Step step = new Step(Schema.of(fields), new ArrayList<>(aggregate.keys()), new ArrayList<>(aggregate.aggs()),
                aggregate.schema(), placed, flagged);
        return spreadRows.select(staged.toArray(Column[]::new)).mapPartitions(step, Encoders.row(out));
    }

    /** In the executor: a Spark partition's rows grouped by Floe on one thread. */
    static final class Step extends AbstractFunction1<scala.collection.Iterator<Row>, scala.collection.Iterator<Row>>
            implements Serializable {
        private final Schema read;
        private final ArrayList<Expr> keys;
        private final ArrayList<Expr> aggs;
        private final Schema output;
        private final boolean placed;
        private final boolean flagged;

        /**
         * @param read the columns the group-by reads, as Floe types them (a row's first values)
         * @param output the group-by's columns
         * @param placed whether a row's value after the read ones is its place, and a group's first row's is wanted
         * @param flagged whether a row's last value says whether it is one of the input's
         */
        Step(Schema read, ArrayList<Expr> keys, ArrayList<Expr> aggs, Schema output, boolean placed, boolean flagged) {
            this.flagged = flagged;
            this.read = read;
            this.keys = keys;
            this.aggs = aggs;
            this.output = output;
            this.placed = placed;
        }

        /** What {@code explain} shows of the step. */
        @Override
        public String toString() {
            return "Floe groups by " + keys + " computing " + aggs;
        }

        @Override
        public scala.collection.Iterator<Row> apply(scala.collection.Iterator<Row> rows) {
            List<Row> in = new ArrayList<>();
            while (rows.hasNext()) {
                Row next = rows.next();
                if (!flagged || next.getBoolean(next.length() - 1)) {
                    in.add(next);
                }
            }
            try {
                return CollectionConverters.asScala(group(in).iterator());
            } catch (FloeException e) {
                throw ComputedByFloe.saying(e, " (in the groups of Spark's partition " + ComputedByFloe.partition() + ")");
            }
        }

        private List<Row> group(List<Row> in) {
            // each row's position, so that a group's first row (and its place) can be found again
            List<Schema.Field> fields = new ArrayList<>(read.fields());
            fields.add(new Schema.Field(INDEX, DataType.INT64));
            List<List<Object>> values = new ArrayList<>(in.size());
            for (int r = 0; r < in.size(); r++) {
                Object[] value = new Object[fields.size()];
                for (int c = 0; c < read.size(); c++) {
                    value[c] = FrameRows.toFloe(in.get(r).get(c), read.field(c).type());
                }
                value[read.size()] = (long) r;
                values.add(Arrays.asList(value));
            }
            List<Expr> computed = new ArrayList<>(aggs);
            if (placed) {
                computed.add(Exprs.col(INDEX).min().alias(FIRST));
            }
            LazyFrame frame = LazyFrame.of(DataFrame.ofRows(Schema.of(fields), values));
            DataFrame groups = ComputedByFloe.inTask(new Aggregate(frame.plan(), keys, computed));
            List<Series> columns = new ArrayList<>();
            for (String name : output.names()) {
                columns.add(groups.column(name));
            }
            Series first = placed ? groups.column(FIRST) : null;
            List<Row> out = new ArrayList<>(groups.height());
            for (int g = 0; g < groups.height(); g++) {
                Object[] value = new Object[columns.size() + (placed ? 1 : 0)];
                for (int c = 0; c < columns.size(); c++) {
                    Series column = columns.get(c);
                    value[c] = FrameRows.toSpark(column, g, output.field(c).type());
                }
                if (placed) {
                    value[columns.size()] = in.get((int) ((Number) first.get(g)).longValue()).get(read.size());
                }
                out.add(RowFactory.create(value));
            }
            return out;
        }
    }
}
