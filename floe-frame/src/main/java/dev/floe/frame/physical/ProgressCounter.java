package dev.floe.frame.physical;

import java.util.concurrent.atomic.LongAdder;

/** A {@link QueryProgress} that counts: rows and bytes read so far, for a progress bar. Thread-safe. */
public final class ProgressCounter implements QueryProgress {
    private final LongAdder rows = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder spilled = new LongAdder();
    private final LongAdder repartitioned = new LongAdder();

    @Override
    public void read(long rows, long bytes) {
        if (rows != 0) {
            this.rows.add(rows);
        }
        if (bytes != 0) {
            this.bytes.add(bytes);
        }
    }

    @Override
    public void spilled(long bytes) {
        spilled.add(bytes);
    }

    @Override
    public void repartitioned() {
        repartitioned.increment();
    }

    /** Spilled partitions the query's operators have split again because they did not fit the memory limit. */
    public long repartitions() {
        return repartitioned.sum();
    }

    /** Bytes the query's operators have written to spill files so far. */
    public long spilledBytes() {
        return spilled.sum();
    }

    /** Rows the query's scans have given so far. */
    public long rows() {
        return rows.sum();
    }

    /** Bytes of files the query's scans have read so far. */
    public long bytes() {
        return bytes.sum();
    }
}
