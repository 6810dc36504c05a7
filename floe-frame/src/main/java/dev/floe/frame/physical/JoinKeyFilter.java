package dev.floe.frame.physical;

import dev.floe.frame.Schema;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.FilterOperator;
import dev.floe.frame.exec.HashJoin;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A join's keys as a filter on its probe side, below the filters and projections between the
 * probe side's source and the join: rows whose key the build side lacks, which the join would drop,
 * are dropped before those steps read them (TPC-H's q19 tests text columns of six million
 * lineitem rows for the 485 parts its join keeps; with this, of some fourteen thousand).
 *
 * <p>The planner places it unbound, passing every batch on; when the join's build side has been
 * hashed, {@link HashJoinRun} binds it to the built keys in the probe side's pipeline ({@link
 * #bind}), if the join {@linkplain HashJoin#filtersProbeKeys can test a key cheaply}. A bound filter
 * that keeps more than half of its first 2^20 rows stops testing: the rows it keeps are copied,
 * which then costs about what it saves the steps above, and the join tests every key anyway.
 *
 * <p>Placed right below a filter whose test reads the selected rows where they are (comparisons
 * with constants or of two columns, {@link FilterOperator#testsSelectedRows}), it is given the
 * filter's test ({@link #then}) and makes it on the rows whose key the build side has before
 * copying them, so that the rows are copied once for both tests rather than once for each (the
 * filter above then keeps every row it is given). A test of another kind is made after the copy,
 * by the filter, where it costs in step with the rows kept rather than with the batch.
 * Thread-safe.
 */
final class JoinKeyFilter implements StreamingOperator {
    /** Rows seen before the filter judges whether it drops enough to be worth its test. */
    static final long TRIAL_ROWS = 1 << 20;

    private final HashJoin join;
    private final int column;
    private final Schema schema;
    private final String describe;
    /** The build side's keys; null while unbound (every batch passes). */
    private final HashJoin.Built built;
    /** The test of the filter right above, made on the rows the keys keep before they are copied; or null. */
    private final FilterOperator then;
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong kept = new AtomicLong();
    private volatile boolean stopped;

    JoinKeyFilter(HashJoin join, int column, Schema schema, String describe) {
        this(join, column, schema, describe, null, null);
    }

    private JoinKeyFilter(HashJoin join, int column, Schema schema, String describe, HashJoin.Built built,
            FilterOperator then) {
        this.join = join;
        this.column = column;
        this.schema = schema;
        this.describe = describe;
        this.built = built;
        this.then = then;
    }

    /** This filter (unbound), also testing {@code filter}, the filter right above it, on the rows it keeps. */
    JoinKeyFilter then(FilterOperator filter) {
        return new JoinKeyFilter(join, column, schema, describe + ", then the test of the FILTER above", built, filter);
    }

    /** The join whose keys it tests. */
    HashJoin join() {
        return join;
    }

    /** This filter testing {@code built}'s keys, or this one (passing every batch) when the test would cost too much. */
    JoinKeyFilter bind(HashJoin.Built built) {
        return join.filtersProbeKeys(built) ? new JoinKeyFilter(join, column, schema, describe, built, then) : this;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public void push(Batch batch, Consumer<Batch> downstream) {
        int rows = batch.rows();
        if (built == null || stopped || rows == 0) {
            downstream.accept(batch);
            return;
        }
        int[] positions = new int[rows];
        int count = join.keysIn(built, batch.column(column), rows, batch.start(), positions);
        long total = seen.addAndGet(rows);
        long passed = kept.addAndGet(count);
        if (total >= TRIAL_ROWS && passed * 2 > total) {
            stopped = true;
        }
        if (then != null && count > 0 && count < rows) {
            count = then.select(batch, positions, count);
        }
        if (count == rows) {
            downstream.accept(batch);
            return;
        }
        downstream.accept(batch.gather(positions, count, batch.start()));
    }

    @Override
    public String describe() {
        return describe;
    }
}
