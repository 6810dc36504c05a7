package dev.floe.spark;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.Series;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.io.FileFormat;
import dev.floe.frame.io.PartitionedSource;
import dev.floe.frame.io.ScanDescriptor;
import dev.floe.frame.plan.FileScan;
import java.util.ArrayList;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * A file scan Spark's readers cannot read as Floe does (CSV options they lack, ISO-8601 duration
 * columns, Arrow and JSON files, hive-partitioned datasets) read by Floe's own readers in the
 * executors: a file per task, in the files' order, so that the rows come in Floe's order; the
 * scan's columns, predicate and limit applied by Floe as it reads. A hive-partitioned dataset is
 * read by one task (its partition keys' types come from all its paths). The executors read the
 * files from the same paths, as from a shared file system; Floe's errors name the file, line and
 * column, as on the local engine.
 */
final class ReadByFloe {
    private ReadByFloe() {}

    static Dataset<Row> of(SparkSession spark, FileScan scan, ScanDescriptor descriptor) {
        var type = SparkTypes.of(scan.schema(), "the scan " + scan);
        boolean hive = descriptor.options().containsKey(PartitionedSource.ROOT_OPTION);
        List<ScanDescriptor> parts = new ArrayList<>();
        if (hive || descriptor.files().isEmpty()) {
            parts.add(descriptor);
        } else {
            for (String file : descriptor.files()) {
                parts.add(descriptor.withFiles(List.of(file), descriptor.schema()));
            }
        }
        // a partition (a task) per part, in order
        return spark.range(0, parts.size(), 1, parts.size()).mapPartitions(new Read(parts, scan.projection(),
                scan.limit(), scan.predicate(), scan.schema()), Encoders.row(type));
    }

    /** In the executor: one part's rows, as Floe reads them. */
    static final class Read extends AbstractFunction1<scala.collection.Iterator<Long>, scala.collection.Iterator<Row>>
            implements Serializable {
        private final ArrayList<ScanDescriptor> parts;
        private final ArrayList<String> projection;
        private final long limit;
        private final Expr predicate;
        private final Schema schema;

        Read(List<ScanDescriptor> parts, List<String> projection, long limit, Expr predicate, Schema schema) {
            this.parts = new ArrayList<>(parts);
            this.projection = projection == null ? null : new ArrayList<>(projection);
            this.limit = limit;
            this.predicate = predicate;
            this.schema = schema;
        }

        @Override
        public String toString() {
            return "Floe reads " + schema.names();
        }

        @Override
        public scala.collection.Iterator<Row> apply(scala.collection.Iterator<Long> ids) {
            List<Row> rows = new ArrayList<>();
            while (ids.hasNext()) {
                rows.addAll(read(parts.get(Math.toIntExact(ids.next()))));
            }
            return CollectionConverters.asScala(rows.iterator());
        }

        private List<Row> read(ScanDescriptor part) {
            FileScan scan = new FileScan(FileFormat.named(part.format()).open(part), projection, limit, predicate);
            DataFrame frame = ComputedByFloe.inTask(scan);
            List<Series> columns = new ArrayList<>();
            for (String name : schema.names()) {
                columns.add(frame.column(name));
            }
            List<Row> rows = new ArrayList<>(frame.height());
            for (int r = 0; r < frame.height(); r++) {
                Object[] values = new Object[columns.size()];
                for (int c = 0; c < values.length; c++) {
                    Series column = columns.get(c);
                    values[c] = FrameRows.toSpark(column, r, schema.field(c).type());
                }
                rows.add(RowFactory.create(values));
            }
            return rows;
        }
    }
}
