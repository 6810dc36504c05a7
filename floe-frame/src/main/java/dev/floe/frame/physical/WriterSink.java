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
 * A sink that writes a file in stream order as the rows come. The worker reading the oldest
 * unfinished split (the head) puts its batches straight into the write buffer; the others hold
 * theirs until their split is the head, and wait once they hold a part's worth, so a split that
 * gives many rows (a join's output) never piles up in memory. The buffer's rows are cut into
 * parts of the writer's size, which wait (one per worker at most) for a worker to encode them:
 * a worker behind the head takes one with each batch it holds and while it waits for the head,
 * a worker held back by the bound on splits ahead or with no split left takes them ({@link
 * #help}), and so does the head when more wait, so parts encode on every worker even when
 * reading the rows costs little (a frame in memory) or the head alone makes them (a merge of
 * sorted runs, read split by split).
 * An encoded part goes to the writer, which appends the parts in order. Workers run at most a
 * few splits ahead of the oldest unfinished one.
 */
final class WriterSink implements Sink<WriterSink.Local, Long> {
    private final BatchWriter writer;
    private final Schema schema;
    private final int partRows;
    private final int ahead;
    private final ExecutionContext context;
    // under this lock: splits that ended before the ones before them, the head, the rows not yet cut
    private final Object lock = new Object();
    private final Map<Integer, List<Batch>> waiting = new HashMap<>();
    private int nextSplit;
    private final List<Batch> buffer = new ArrayList<>();
    private long buffered;
    private long nextPart;
    // parts cut and not yet taken to be encoded, in order (under the lock)
    private final java.util.ArrayDeque<Part> unencoded = new java.util.ArrayDeque<>();
    // encoded parts waiting for the ones before them
    private final Map<Long, Object> encoded = new HashMap<>();
    private long nextAppend;
    // the workers writing (one local each): as many parts may wait to be encoded
    private final java.util.concurrent.atomic.AtomicInteger workers = new java.util.concurrent.atomic.AtomicInteger();

    WriterSink(BatchWriter writer, Schema schema, ExecutionContext context) {
        this.writer = writer;
        this.schema = schema;
        this.partRows = Math.max(1, writer.partRows());
        this.ahead = 2 * context.threads() + 2;
        this.context = context;
    }

    final class Local implements Sink.Local {
        private final List<Batch> held = new ArrayList<>();
        private long heldRows;

        @Override
        public void consume(Batch batch) {
            if (batch.rows() == 0) {
                return;
            }
            int split = (int) (batch.start() >>> PipelineRunner.ROW_BITS);
            List<Part> cut = new ArrayList<>();
            boolean done = false; // the batch is held: back once the part taken is encoded
            while (true) {
                Part work;
                synchronized (lock) {
                    if (split != nextSplit && heldRows >= partRows) {
                        // a part's worth held: wait for the head, encoding the head's parts meanwhile
                        work = unencoded.pollFirst();
                        if (work == null) {
                            awaitHead();
                            continue;
                        }
                    } else if (split != nextSplit) {
                        held.add(batch);
                        heldRows += batch.rows();
                        // held, behind the head: a part the head cut is encoded here meanwhile
                        work = unencoded.pollFirst();
                        if (work == null) {
                            return;
                        }
                        done = true;
                    } else {
                        held.add(batch);
                        append(held, cut);
                        held.clear();
                        heldRows = 0;
                        break;
                    }
                }
                encodeAndWrite(List.of(work));
                if (done) {
                    return;
                }
            }
            offer(cut);
        }

        @Override
        public void endSplit(int split) {
            List<Part> cut = new ArrayList<>();
            synchronized (lock) {
                waiting.put(split, new ArrayList<>(held));
                held.clear();
                heldRows = 0;
                List<Batch> ready;
                while ((ready = waiting.remove(nextSplit)) != null) {
                    nextSplit++;
                    append(ready, cut);
                }
                lock.notifyAll();
            }
            offer(cut);
        }
    }

    /**
     * Leaves parts just cut to be encoded by the other workers; encodes parts itself while more
     * than one per worker writing waits (so that cut rows never pile up). The head that encodes
     * holds up every worker held back behind it, so it leaves the others as much as they can take.
     */
    private void offer(List<Part> cut) {
        synchronized (lock) {
            unencoded.addAll(cut);
            if (!cut.isEmpty()) {
                lock.notifyAll();
            }
        }
        while (true) {
            Part work;
            synchronized (lock) {
                if (unencoded.size() <= workers.get()) {
                    return;
                }
                work = unencoded.pollFirst();
            }
            encodeAndWrite(List.of(work));
        }
    }

    /** Waits (holding the lock's monitor released) until the head moves on; the query's cancellation ends the wait. */
    private void awaitHead() {
        context.checkCancelled();
        try {
            lock.wait(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.cancellation().cancel("a writer was interrupted");
            context.checkCancelled();
        }
    }

    /** Puts batches (in order) into the buffer and cuts the full parts; under the lock. */
    private void append(List<Batch> batches, List<Part> cut) {
        for (Batch batch : batches) {
            buffer.add(batch);
            buffered += batch.rows();
        }
        while (buffered >= partRows) {
            cut.add(new Part(nextPart++, take(partRows)));
        }
    }

    private void encodeAndWrite(List<Part> cut) {
        for (Part part : cut) {
            write(part.number(), writer.encode(part.rows()));
        }
    }

    /** A part cut from the buffer: its number in the file and its rows. */
    private record Part(long number, DataFrame rows) {}

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
        workers.incrementAndGet();
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

    /** Encodes (and writes, in turn) a part the head cut, where one waits. */
    @Override
    public boolean help() {
        Part work;
        synchronized (lock) {
            work = unencoded.pollFirst();
        }
        if (work == null) {
            return false;
        }
        encodeAndWrite(List.of(work));
        return true;
    }

    /** Writes the last, shorter part; gives the rows written. */
    @Override
    public Long finish() {
        Part last;
        long rows;
        List<Part> left;
        synchronized (lock) {
            if (!waiting.isEmpty()) {
                throw new IllegalStateException("splits " + waiting.keySet() + " ended after a gap at " + nextSplit);
            }
            rows = nextPart * partRows + buffered;
            last = buffered > 0 ? new Part(nextPart++, take(buffered)) : null;
            left = new ArrayList<>(unencoded);
            unencoded.clear();
        }
        encodeAndWrite(left);
        if (last != null) {
            write(last.number(), writer.encode(last.rows()));
        }
        return rows;
    }
}
