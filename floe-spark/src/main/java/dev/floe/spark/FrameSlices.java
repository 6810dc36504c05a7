package dev.floe.spark;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.Series;
import dev.floe.frame.column.Column;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.SpillCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.KnownSizeEstimation;

/**
 * An in-memory frame shipped to Spark as Floe's own columns, for Floe's engine in the executors:
 * the frame cut into row slices (at least one per core, each well under the largest message
 * Spark sends, as the rows are cut in {@link FrameRows}), each slice's columns turned into bytes
 * by the codec Floe spills with ({@link SpillCodec}: the arrays in bulk, a categorical column's
 * dictionary once per slice), and read back in the executors into a frame of Floe's vectors that
 * stays in Spark's memory, so that later queries find the columns ready.
 *
 * <p>The bytes are held as {@link ShippedFrames} holds rows: checkpointed locally on a local
 * master (later tasks carry block references, not the bytes), cached on a cluster (read back
 * from the shipped bytes when an executor is lost). The frames read from them are kept in
 * executor memory only, made again from the bytes when Spark lets them go.
 */
final class FrameSlices {
    /** A slice as an executor holds it: its first row's place in the frame, and its rows. */
    record Slice(long start, DataFrame frame, long bytes) implements KnownSizeEstimation {
        /** What Spark's memory accounting counts for the slice: about its encoded size, which the arrays are. */
        @Override
        public long estimatedSize() {
            return bytes + 4096;
        }
    }

    private final Schema schema;
    private final JavaRDD<byte[]> bytes;
    private final JavaRDD<Slice> slices;

    private FrameSlices(Schema schema, JavaRDD<byte[]> bytes, JavaRDD<Slice> slices) {
        this.schema = schema;
        this.bytes = bytes;
        this.slices = slices;
    }

    /** The frame's columns as the shipped frame holds them. */
    Schema schema() {
        return schema;
    }

    /** The slices, a Spark partition each, in the frame's order. */
    JavaRDD<Slice> slices() {
        return slices;
    }

    /** Ships {@code frame} (no Spark job runs here: the first query that reads the slices keeps them). */
    static FrameSlices ship(SparkSession spark, DataFrame frame) {
        Schema schema = frame.schema();
        int height = frame.height();
        long rowBytes = 0;
        for (Series column : frame.series()) {
            rowBytes += column.type().isList() ? 64 : column.type() == dev.floe.frame.DataType.UTF8 ? 32 : 16;
        }
        int count = FrameRows.slices(rowBytes * height, height, spark.sparkContext().defaultParallelism(),
                FrameRows.maxMessageBytes(spark));
        List<byte[]> encoded = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            int from = (int) ((long) height * s / count);
            int to = (int) ((long) height * (s + 1) / count);
            encoded.add(encode(frame, from, to));
        }
        JavaRDD<byte[]> bytes = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(encoded, count);
        if (spark.sparkContext().isLocal()) {
            bytes.rdd().localCheckpoint(); // marks the RDD itself
        } else {
            bytes = bytes.persist(StorageLevel.MEMORY_AND_DISK());
        }
        JavaRDD<Slice> slices = bytes.map(new Decode(schema)).persist(StorageLevel.MEMORY_ONLY())
                .setName("Floe's columns of a frame of " + height + " rows in " + count + " slices");
        return new FrameSlices(schema, bytes, slices);
    }

    /** Rows {@code from} to {@code to} of the frame as bytes, with the place of the first. */
    static byte[] encode(DataFrame frame, int from, int to) {
        List<Vector> columns = new ArrayList<>();
        for (Series series : frame.series()) {
            columns.add(series.column().slice(from, to - from).toVector());
        }
        ByteBuffer buffer = new SpillCodec().encode(new Batch(columns, to - from, from));
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    /** The frame of {@code schema}'s columns encoded in {@code bytes}. */
    static Slice decode(Schema schema, byte[] bytes) {
        Batch batch = new SpillCodec().decode(ByteBuffer.wrap(bytes));
        List<Series> columns = new ArrayList<>(schema.size());
        for (int c = 0; c < schema.size(); c++) {
            Schema.Field field = schema.field(c);
            columns.add(Series.of(field.name(), Column.of(field.type(), List.of(batch.column(c)))));
        }
        return new Slice(batch.start(), DataFrame.of(columns), bytes.length);
    }

    /** Lets go of the slices and their bytes in Spark's memory. */
    void release() {
        slices.unpersist(false);
        if (!bytes.context().isLocal()) {
            bytes.unpersist(false);
        }
    }

    /** In the executor: a slice's bytes read back into Floe's columns. */
    private record Decode(Schema schema) implements Function<byte[], Slice> {
        @Override
        public Slice call(byte[] bytes) {
            return decode(schema, bytes);
        }
    }
}
