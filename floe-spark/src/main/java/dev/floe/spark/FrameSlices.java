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
 * the frame cut into row slices (at least one per core, each under a quarter of the largest
 * message Spark sends, which a task carrying it must stay under), each slice's columns turned into
 * bytes by the codec Floe spills with ({@link SpillCodec}: the arrays in bulk, a categorical
 * column's dictionary once per slice), and read back in the executors into a frame of Floe's
 * vectors that stays in Spark's memory, so that later queries find the columns ready. Spark's own
 * rows of the frame are made from those in the executors ({@link ToRows}).
 *
 * <p>The bytes are held as {@link ShippedFrames} holds rows: checkpointed locally on a local
 * master (later tasks carry block references, not the bytes), cached on a cluster (read back
 * from the shipped bytes when an executor is lost). The frames read from them are kept in
 * executor memory only, made again from the bytes when Spark lets them go.
 */
final class FrameSlices {
    /**
     * A slice as an executor holds it: its first row's place in the frame, and its rows. An
     * executor whose task needs a slice another executor holds fetches it from there: it travels
     * as its bytes ({@link Encoded}).
     */
    record Slice(long start, DataFrame frame, long bytes) implements KnownSizeEstimation, java.io.Serializable {
        /** What Spark's memory accounting counts for the slice: about its encoded size, which the arrays are. */
        @Override
        public long estimatedSize() {
            return bytes + 4096;
        }

        @java.io.Serial
        private Object writeReplace() {
            List<Vector> columns = new ArrayList<>();
            for (Series series : frame.series()) {
                columns.add(series.column().toVector());
            }
            ByteBuffer buffer = new SpillCodec().encode(new Batch(columns, frame.height(), start));
            byte[] piece = new byte[4 + buffer.remaining()];
            ByteBuffer.wrap(piece).putInt(buffer.remaining()).put(buffer);
            return new Encoded(frame.schema(), piece);
        }
    }

    /** A slice as it travels between executors: its columns' bytes, read back on arrival. */
    private record Encoded(Schema schema, byte[] bytes) implements java.io.Serializable {
        @java.io.Serial
        private Object readResolve() {
            return decode(schema, bytes);
        }
    }

    private final Schema schema;
    private final JavaRDD<byte[]> bytes;
    private final String name;
    /** The frames read from the bytes, kept in executor memory. */
    private JavaRDD<Slice> slices;
    /** Whether {@link #slices} were derived from the bytes' local checkpoint, not from the shipped bytes. */
    private boolean fromCheckpoint;

    private FrameSlices(Schema schema, JavaRDD<byte[]> bytes, String name) {
        this.schema = schema;
        this.bytes = bytes;
        this.name = name;
        this.slices = read();
    }

    private JavaRDD<Slice> read() {
        return bytes.map(new Decode(schema)).persist(StorageLevel.MEMORY_ONLY()).setName(name);
    }

    /**
     * The slices, a Spark partition each, in the frame's order. An RDD keeps the partitions it
     * took from its parent when first asked, and before the bytes' local checkpoint those carry
     * the bytes themselves: once the checkpoint is there, the frames are read again from it (once),
     * so that later tasks carry only block references.
     */
    synchronized JavaRDD<Slice> slices() {
        if (!fromCheckpoint && bytes.rdd().isCheckpointed()) {
            slices.unpersist(false);
            slices = read();
            fromCheckpoint = true;
        }
        return slices;
    }

    /**
     * Whether a task over the slices carries no bytes of them ({@link #slices()} derived from the
     * local checkpoint): only then may one task take several slices, as its message would
     * otherwise carry them all.
     */
    synchronized boolean light() {
        slices();
        return fromCheckpoint;
    }

    /**
     * Runs the jobs that make Spark hold the slices: the first keeps the bytes (their local
     * checkpoint), the next reads the frames from there and keeps them, so that the next query
     * finds them ready.
     */
    void hold() {
        slices().count();
        if (bytes.context().isLocal()) {
            slices().count(); // read from the checkpoint now there (kept already if it was before)
        }
    }

    /** The rows encoded at a time: a slice is a run of such pieces. */
    static final int PIECE_ROWS = 1 << 16;

    /**
     * Ships {@code frame} (no Spark job runs here: the first query that reads the slices keeps
     * them). A slice ends before the piece that would take it past a quarter of Spark's largest
     * message, or once it holds its share of the rows for one slice per core.
     */
    static FrameSlices ship(SparkSession spark, DataFrame frame) {
        List<byte[]> encoded = cut(frame, Math.max(1, FrameRows.maxMessageBytes(spark) / 4),
                spark.sparkContext().defaultParallelism());
        JavaRDD<byte[]> bytes = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(encoded,
                encoded.size());
        if (spark.sparkContext().isLocal()) {
            bytes.rdd().localCheckpoint(); // marks the RDD itself
        } else {
            bytes = bytes.persist(StorageLevel.MEMORY_AND_DISK());
        }
        return new FrameSlices(frame.schema(), bytes, "Floe's columns of a frame of " + frame.height() + " rows in "
                + encoded.size() + " slices");
    }

    /**
     * The frame's slices as bytes, in order: each at most {@code limit} bytes (but for a piece of
     * one row that is larger), and at most its share of the rows for one slice per core of
     * {@code parallelism}; one slice, of no rows, for a frame of none.
     */
    static List<byte[]> cut(DataFrame frame, long limit, int parallelism) {
        int height = frame.height();
        long share = Math.max(1, (height + (long) Math.max(1, parallelism) - 1) / Math.max(1, parallelism));
        List<byte[]> encoded = new ArrayList<>();
        java.io.ByteArrayOutputStream slice = new java.io.ByteArrayOutputStream();
        SpillCodec codec = new SpillCodec();
        int sliceRows = 0;
        int pieceRows = PIECE_ROWS;
        int from = 0;
        do {
            int rows = (int) Math.min(Math.min(pieceRows, height - from), share - sliceRows);
            byte[] piece = encode(codec, frame, from, rows);
            if (sliceRows > 0 && slice.size() + piece.length > limit) {
                encoded.add(slice.toByteArray()); // the slice so far; the piece starts the next, encoded again
                slice.reset();
                sliceRows = 0;
                codec = new SpillCodec(); // each slice carries its own dictionaries
                continue;
            }
            if (piece.length > limit && rows > 1) {
                pieceRows = Math.max(1, rows / 2); // rows too wide for a piece this long
                codec = new SpillCodec(); // it took the piece's dictionaries as written
                continue;
            }
            slice.writeBytes(piece);
            sliceRows += rows;
            from += rows;
            if (sliceRows >= share || from >= height) {
                encoded.add(slice.toByteArray());
                slice.reset();
                sliceRows = 0;
                codec = new SpillCodec();
            }
        } while (from < height);
        return encoded;
    }

    /**
     * Rows {@code from} to {@code from + rows} of the frame as a piece of a slice: its length, then
     * its columns as {@code codec} writes them (a categorical column's dictionary only in the
     * slice's first piece).
     */
    static byte[] encode(SpillCodec codec, DataFrame frame, int from, int rows) {
        List<Vector> columns = new ArrayList<>();
        for (Series series : frame.series()) {
            columns.add(series.column().slice(from, rows).toVector());
        }
        ByteBuffer buffer = codec.encode(new Batch(columns, rows, from));
        byte[] out = new byte[4 + buffer.remaining()];
        ByteBuffer.wrap(out).putInt(buffer.remaining()).put(buffer);
        return out;
    }

    /** The frame of {@code schema}'s columns encoded in {@code bytes}: a chunk per piece. */
    static Slice decode(Schema schema, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        SpillCodec codec = new SpillCodec();
        List<List<Vector>> chunks = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            chunks.add(new ArrayList<>());
        }
        long start = -1;
        while (in.hasRemaining()) {
            int length = in.getInt();
            Batch batch = codec.decode(in.slice(in.position(), length));
            in.position(in.position() + length);
            start = start < 0 ? batch.start() : start;
            for (int c = 0; c < schema.size(); c++) {
                chunks.get(c).add(batch.column(c));
            }
        }
        List<Series> columns = new ArrayList<>(schema.size());
        for (int c = 0; c < schema.size(); c++) {
            Schema.Field field = schema.field(c);
            columns.add(Series.of(field.name(), Column.of(field.type(), chunks.get(c))));
        }
        return new Slice(Math.max(0, start), DataFrame.of(columns), bytes.length);
    }

    /** Lets go of the slices and their bytes in Spark's memory. */
    synchronized void release() {
        slices.unpersist(false);
        if (!bytes.context().isLocal()) {
            bytes.unpersist(false);
        }
    }

    /** In the executor: the rows of each slice as Spark rows, in order. */
    record ToRows(Schema schema) implements org.apache.spark.api.java.function.FlatMapFunction<java.util.Iterator<Slice>,
            org.apache.spark.sql.Row> {
        @Override
        public java.util.Iterator<org.apache.spark.sql.Row> call(java.util.Iterator<Slice> slices) {
            // a row at a time, as Spark asks: a slice's rows are never all held as objects
            return new java.util.Iterator<>() {
                private List<Series> columns = List.of();
                private int height;
                private int row;

                @Override
                public boolean hasNext() {
                    while (row >= height && slices.hasNext()) {
                        DataFrame frame = slices.next().frame();
                        columns = frame.series();
                        height = frame.height();
                        row = 0;
                    }
                    return row < height;
                }

                @Override
                public org.apache.spark.sql.Row next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    return org.apache.spark.sql.RowFactory.create(FrameRows.toSpark(columns, row++, schema));
                }
            };
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
