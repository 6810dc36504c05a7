package dev.floe.spark;

import dev.floe.frame.DataFrame;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The in-memory frames an engine has shipped to Spark, each held in Spark's memory for as long
 * as the frame itself is reachable: a frame that several queries read (a table the benchmarks ask
 * ten questions of) crosses to Spark once, not once per query. A frame travels as Floe's columns
 * ({@link FrameSlices}); Spark's rows of it, for Spark's own operators, are made from those in the
 * executors, and held too. Frames are immutable, so what is held stays the frame's. A frame is
 * found by identity (frames that are equal but distinct are shipped each); what is held of frames
 * no longer reachable is released from Spark's memory at the next shipment, and all of it on
 * {@link #release()}.
 *
 * <p>Shipped data travels inside the partitions of their first Spark job's tasks, and an RDD
 * derived from them, a cache's too, keeps those partitions, so every later query's tasks would
 * carry the data again. On a local master the rows (and the slices' bytes) are therefore
 * checkpointed locally instead (kept in the block manager by the first query that reads them, the
 * lineage cut there), and later queries' tasks carry only block references; a local master has no
 * executor to lose, which is what a local checkpoint cannot recover from. On a cluster they are
 * cached, recomputable from the shipped bytes when an executor is lost.
 *
 * <p>Thread-safe.
 */
final class ShippedFrames {
    private record Shipped(WeakReference<DataFrame> frame, Dataset<Row> data) {}

    private record Sliced(WeakReference<DataFrame> frame, FrameSlices slices) {}

    private final SparkSession spark;
    private final List<Shipped> shipped = new ArrayList<>();
    private final List<Sliced> sliced = new ArrayList<>();

    ShippedFrames(SparkSession spark) {
        this.spark = spark;
    }

    /** The frame's rows as a Spark dataset, in the frame's order: the one shipped before, else shipped now. */
    synchronized Dataset<Row> of(DataFrame frame) {
        for (Iterator<Shipped> it = shipped.iterator(); it.hasNext(); ) {
            Shipped entry = it.next();
            DataFrame held = entry.frame().get();
            if (held == frame) {
                return entry.data();
            }
            if (held == null) {
                entry.data().unpersist(false);
                it.remove();
            }
        }
        // made in the executors from the frame's slices, and kept in memory, else local disk, by the first
        // query that reads them (no job runs here)
        var types = SparkTypes.of(frame.schema(), "an in-memory frame"); // before shipping: a type Spark lacks is refused
        FrameSlices slices = slicesOf(frame);
        Dataset<Row> rows = spark.createDataFrame(slices.slices().mapPartitions(new FrameSlices.ToRows(frame.schema()))
                .setName("Spark's rows of a frame of " + frame.height() + " rows"), types);
        Dataset<Row> data = spark.sparkContext().isLocal() ? rows.localCheckpoint(false) : rows.cache();
        shipped.add(new Shipped(new WeakReference<>(frame), data));
        return data;
    }

    /**
     * The frame as slices of Floe's own columns for Floe's engine in the executors
     * ({@link FrameSlices}): the ones shipped before, else shipped now. Held as the rows are, and
     * apart from them: a frame that only Floe's steps read never becomes Spark rows.
     */
    synchronized FrameSlices slicesOf(DataFrame frame) {
        for (Iterator<Sliced> it = sliced.iterator(); it.hasNext(); ) {
            Sliced entry = it.next();
            DataFrame held = entry.frame().get();
            if (held == frame) {
                return entry.slices();
            }
            if (held == null) {
                entry.slices().release();
                it.remove();
            }
        }
        FrameSlices slices = FrameSlices.ship(spark, frame);
        sliced.add(new Sliced(new WeakReference<>(frame), slices));
        return slices;
    }

    /** Ships the frame's slices and rows, if not yet shipped, and runs the jobs that make Spark hold them. */
    void hold(DataFrame frame) {
        of(frame).count();
        slicesOf(frame).hold();
    }

    /**
     * Releases every shipped frame's rows and slices from Spark's memory: a cache at once, a local
     * checkpoint when Spark's context cleaner finds its dataset unreachable.
     */
    synchronized void release() {
        for (Shipped entry : shipped) {
            entry.data().unpersist(false);
        }
        shipped.clear();
        for (Sliced entry : sliced) {
            entry.slices().release();
        }
        sliced.clear();
    }
}
