package dev.floe.frame.physical;

import dev.floe.frame.Schema;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.FilterOperator;
import dev.floe.frame.exec.HashJoin;
import java.util.ArrayList;
import java.util.List;
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
 * <p>The key filters of several joins placed at one point of the probe side are one operator
 * ({@link #stacked}): each tests the rows the ones before it kept, and the rows left are copied
 * once (TPC-H's q5 picks lineitem's rows by the suppliers of one region and by the orders of one
 * year before copying any). A join's key filter is placed there even when nothing but its own
 * join is above it, if another join's filter is placed there: alone it would only test the keys
 * its join tests anyway.
 *
 * <p>Placed right below a filter whose test reads the selected rows where they are (comparisons
 * with constants or of two columns, {@link FilterOperator#testsSelectedRows}), it is given the
 * filter's test ({@link #then}) and makes it on the rows whose keys the build sides have before
 * copying them, so that the rows are copied once for all the tests rather than once for each (the
 * filter above then keeps every row it is given). A test of another kind is made after the copy,
 * by the filter, where it costs in step with the rows kept rather than with the batch.
 * Thread-safe.
 */
final class JoinKeyFilter implements StreamingOperator {
    /** Rows seen before the filter judges whether it drops enough to be worth its test. */
    static final long TRIAL_ROWS = 1 << 20;

    /** One join's key test: which of its keys, the probe side's column holding it, and the built keys once bound. */
    private static final class Keys {
        final HashJoin join;
        final int key;
        final int column;
        final String describe;
        /** The build side's keys; null while unbound (every row passes). */
        final HashJoin.Built built;
        final AtomicLong seen = new AtomicLong();
        final AtomicLong kept = new AtomicLong();
        volatile boolean stopped;

        Keys(HashJoin join, int key, int column, String describe, HashJoin.Built built) {
            this.join = join;
            this.key = key;
            this.column = column;
            this.describe = describe;
            this.built = built;
        }

        boolean testing() {
            return built != null && !stopped;
        }

        /** Counts the rows it tested and kept; stops testing once it has kept more than half of its trial. */
        void counted(long tested, long passed) {
            long total = seen.addAndGet(tested);
            long keptSoFar = kept.addAndGet(passed);
            if (total >= TRIAL_ROWS && keptSoFar * 2 > total) {
                stopped = true;
            }
        }
    }

    private final List<Keys> keys;
    private final Schema schema;
    /** The test of the filter right above, made on the rows the keys keep before they are copied; or null. */
    private final FilterOperator then;
    private final String describe;

    JoinKeyFilter(HashJoin join, int key, int column, Schema schema, String describe) {
        this(List.of(new Keys(join, key, column, describe, null)), schema, null, describe);
    }

    private JoinKeyFilter(List<Keys> keys, Schema schema, FilterOperator then, String describe) {
        this.keys = List.copyOf(keys);
        this.schema = schema;
        this.then = then;
        this.describe = describe;
    }

    /**
     * The filters placed at one point (of one schema, unbound), in order, as one operator that
     * copies the rows they all keep once, also making the test of {@code then} (the filter right
     * above; null: none) on them.
     */
    static JoinKeyFilter stacked(List<JoinKeyFilter> filters, FilterOperator then) {
        List<Keys> all = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (JoinKeyFilter filter : filters) {
            all.addAll(filter.keys);
            described.add(filter.describe);
        }
        String describe = String.join("; ", described) + (then == null ? "" : ", then the test of the FILTER above");
        return new JoinKeyFilter(all, filters.get(0).schema, then, describe);
    }

    /** The joins whose keys it tests. */
    List<HashJoin> joins() {
        List<HashJoin> joins = new ArrayList<>(keys.size());
        for (Keys test : keys) {
            joins.add(test.join);
        }
        return joins;
    }

    /**
     * This filter testing {@code built}'s keys for {@code join}, or not testing them (passing every
     * row they would test) when the test would cost too much.
     */
    JoinKeyFilter bind(HashJoin join, HashJoin.Built built) {
        List<Keys> bound = new ArrayList<>(keys.size());
        for (Keys test : keys) {
            bound.add(test.join == join && join.filtersProbeKey(built, test.key)
                    ? new Keys(join, test.key, test.column, test.describe, built) : test);
        }
        return new JoinKeyFilter(bound, schema, then, describe);
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public void push(Batch batch, Consumer<Batch> downstream) {
        int rows = batch.rows();
        int[] positions = null;
        int count = -1; // no test made yet: every row
        for (Keys test : keys) {
            if (!test.testing() || rows == 0) {
                continue;
            }
            if (positions == null) {
                positions = new int[rows];
                count = test.join.keysIn(test.built, test.key, batch.column(test.column), rows, batch.start(), positions);
                test.counted(rows, count);
            } else {
                int tested = count;
                count = test.join.keysAmong(test.built, test.key, batch.column(test.column), batch.start(), positions,
                        count);
                test.counted(tested, count);
            }
            if (count == 0) {
                break;
            }
        }
        if (count < 0) {
            downstream.accept(batch);
            return;
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
