package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.column.Vector;
import dev.floe.frame.io.BatchWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sink that writes a file in stream order as the rows come. Each worker holds the batches of
 * the split it is reading; when the split ends they go to a reorder buffer, which takes the
 * splits in order and cuts their rows into parts of the writer's size. Whoever cuts a part
 * encodes it (so parts encode in parallel), then hands it to the writer, which appends the
 * encoded parts in order. Workers run at most a few splits ahead of the oldest unfinished one,
 * so what waits in memory stays bounded.
 */
final class WriterSink implements Sink<WriterSink.Local, Long> {
    private final BatchWriter writer;
    private final Schema schema;
    private final int partRows;
    private final int ahead;
    // splits waiting for the ones before them, and the rows not yet cut into a part
    private final Map<Integer, List<Batch>> waiting = new HashMap<>();
    private int nextSplit;
    private final List<Batch> buffer = new ArrayList<>();
    private long buffered;
    private long nextPart;
    // encoded parts waiting for the ones before them
    private final Map<Long, Object> encoded = new HashMap<>();
    private long nextAppend;
    private long rows;

    WriterSink(BatchWriter writer, Schema schema, int threads) {
        this.writer = writer;
        this.schema = schema;
        this.partRows = Math.max(1, writer.partRows());
        this.ahead = 2 * threads + 2;
    }

    final class Local implements Sink.Local {
        private final List<Batch> batches = new ArrayList<>();

        @Override
        public void consume(Batch batch) {
            if (batch.rows() > 0) {
                batches.add(batch);
            }
        }

        @Override
        public void endSplit(int split) {
            List<Batch> done = new ArrayList<>(batches);
            batches.clear();
            arrived(split, done);
        }
    }

    /** A part cut from the buffer: its number in the file and its rows. */
    private record Part(long number, DataFrame rows) {}

    /** A split's batches arrive: the splits now in order go to the buffer, full parts are cut, encoded and written. */
    private void arrived(int split, List<Batch> batches) {
        List<Part> cut = new ArrayList<>();
        synchronized (waiting) {
            waiting.put(split, batches);
            List<Batch> ready;
            while ((ready = waiting.remove(nextSplit)) != null) {
                nextSplit++;
                for (Batch batch : ready) {
                    buffer.add(batch);
                    buffered += batch.rows();
                }
                while (buffered >= partRows) {
                    cut.add(new Part(nextPart++, take(partRows)));
                }
            }
        }
        for (Part part : cut) {
            write(part.number(), writer.encode(part.rows()));
        }
    }

    /** The first {@code count} buffered rows as a frame, taken out of the buffer. */
    private DataFrame take(long count) {
        List<Batch> taken = new ArrayList<>();
        long left = count;
        while (left > 0) {
            Batch first = buffer.get(0);
            if (first.rows() <= left) {
                taken.add(buffer.remove(0));
                left -= first.rows();
            } else {
                int n = (int) left;
                taken.add(slice(first, 0, n));
                buffer.set(0, slice(first, n, first.rows() - n));
                left = 0;
            }
        }
        buffered -= count;
        return CollectSink.assemble(taken, schema);
    }

    private static Batch slice(Batch batch, int from, int count) {
        List<Vector> columns = new ArrayList<>(batch.columns().size());
        for (Vector column : batch.columns()) {
            columns.add(column.slice(from, count));
        }
        return new Batch(columns, count, batch.start() + from);
    }

    /** Hands an encoded part to the writer once every part before it is written. */
    private void write(long number, Object part) {
        synchronized (encoded) {
            encoded.put(number, part);
            Object next;
            while ((next = encoded.remove(nextAppend)) != null) {
                writer.append(next);
                nextAppend++;
            }
        }
    }

    @Override
    public Local newLocal() {
        return new Local();
    }

    @Override
    public void combine(Local local) {
        // every split was handed over when it ended
    }

    @Override
    public int splitsAhead() {
        return ahead;
    }

    /** Writes the last, shorter part; gives the rows written. */
    @Override
    public Long finish() {
        Part last;
        synchronized (waiting) {
            if (!waiting.isEmpty()) {
                throw new IllegalStateException("splits " + waiting.keySet() + " ended after a gap at " + nextSplit);
            }
            rows = nextPart * partRows + buffered;
            last = buffered > 0 ? new Part(nextPart++, take(buffered)) : null;
        }
        if (last != null) {
            write(last.number(), writer.encode(last.rows()));
        }
        return rows;
    }
}
