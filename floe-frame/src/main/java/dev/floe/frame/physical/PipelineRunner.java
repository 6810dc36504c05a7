package dev.floe.frame.physical;

import dev.floe.frame.exec.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a {@link Pipeline} into a {@link Sink}, morsel by morsel, on the query's workers.
 *
 * <p>The branches' splits are numbered in order. Each worker claims the next split, reads its
 * batches and pushes each through the operators into its own local sink, then claims another,
 * until none is left; then the locals are combined and the operators' tails (rows that follow
 * the whole stream) pushed last. A batch reaching the sink gets as its {@code start} its place in
 * the stream: the split's number in the high 31 bits, the rows the split has given so far in the
 * low 32 bits. So places grow along the stream whatever the number of workers, and a sink that keeps
 * order (a frame, a file, first-appearance order of groups) sorts by them.
 *
 * <p>A sink that wants only the first rows stops the reading once the splits finished from the
 * first on hold them; an order-keeping writer bounds how far ahead of the oldest unfinished split
 * workers may run. Cancellation is looked at before every batch.
 */
public final class PipelineRunner {
    private PipelineRunner() {}

    /** The bits of a stream place that count a split's rows; the split's number takes the bits above. */
    static final int ROW_BITS = 32;

    /** A split and the branch it belongs to. */
    private record Claimable(int branch, Split split) {}

    public static <L extends Sink.Local, R> R run(Pipeline pipeline, Sink<L, R> sink, ExecutionContext context) {
        List<Pipeline.Branch> branches = pipeline.branches().size() == 1 ? pipeline.flattened() : pipeline.branches();
        List<StreamingOperator> common = pipeline.branches().size() == 1 ? List.of() : pipeline.operators();
        List<Claimable> splits = new ArrayList<>();
        for (int b = 0; b < branches.size(); b++) {
            for (Split split : branches.get(b).source().splits(context)) {
                splits.add(new Claimable(b, split));
            }
        }
        int count = splits.size();
        int rowBits = ROW_BITS;
        Tracker tracker = new Tracker(count, sink.rowsWanted(), sink.splitsAhead(), context.cancellation());
        Object combining = new Object();
        int workers = Math.max(1, Math.min(context.threads(), count));
        context.runTasks(workers, worker -> {
            L local = sink.newLocal();
            int index;
            while ((index = tracker.claim(sink)) >= 0) {
                Claimable claimed = splits.get(index);
                Pipeline.Branch branch = branches.get(claimed.branch());
                Placing placing = new Placing(local, (long) index << rowBits, rowBits, tracker, context);
                Consumer<Batch> chain = chain(branch.operators(), chain(common, placing));
                try (BatchReader reader = branch.source().open(claimed.split(), context)) {
                    context.progress().read(0, claimed.split().bytes());
                    Batch batch;
                    while (!tracker.stopped() && (batch = next(reader, context)) != null) {
                        context.progress().read(batch.rows(), 0);
                        chain.accept(batch);
                    }
                } catch (StopSplit stop) {
                    // enough rows are in: the rest of this split is not needed
                }
                local.endSplit(index);
                tracker.finished(index, placing.rows);
            }
            while (!context.cancellation().isCancelled() && sink.help()) {
                // no split left: the sink's pending work, before the workers that still read make more
            }
            synchronized (combining) {
                sink.combine(local);
            }
            return null;
        });
        context.checkCancelled();
        List<StreamingOperator> all = new ArrayList<>(branches.size() == 1 ? branches.get(0).operators() : List.of());
        all.addAll(common);
        if (all.stream().anyMatch(StreamingOperator::hasTail) && !tracker.stopped()) {
            L local = sink.newLocal();
            Placing placing = new Placing(local, (long) count << rowBits, rowBits, tracker, context);
            for (int k = 0; k < all.size(); k++) {
                if (all.get(k).hasTail()) {
                    all.get(k).finish(chain(all.subList(k + 1, all.size()), placing));
                }
            }
            local.endSplit(count);
            sink.combine(local);
        }
        return sink.finish();
    }

    private static Batch next(BatchReader reader, ExecutionContext context) {
        context.checkCancelled();
        return reader.next();
    }

    /** {@code operators} in turn, then {@code end}. */
    static Consumer<Batch> chain(List<StreamingOperator> operators, Consumer<Batch> end) {
        Consumer<Batch> downstream = end;
        for (int k = operators.size() - 1; k >= 0; k--) {
            StreamingOperator operator = operators.get(k);
            Consumer<Batch> next = downstream;
            downstream = batch -> operator.push(batch, next);
        }
        return downstream;
    }

    /** Ends the reading of a split whose rows are no longer needed (a limit is met). */
    private static final class StopSplit extends RuntimeException {
        static final StopSplit INSTANCE = new StopSplit();

        private StopSplit() {
            super("enough rows", null, false, false);
        }
    }

    /**
     * Gives each batch of one split its place in the stream, then hands it to the local sink.
     * Looks at cancellation and at the limit before each batch, so an operator that makes many
     * batches of one (a cross join) stops as soon as a batch source would.
     */
    private static final class Placing implements Consumer<Batch> {
        private final Sink.Local local;
        private final long base;
        private final long capacity;
        private final Tracker tracker;
        private final ExecutionContext context;
        long rows;

        Placing(Sink.Local local, long base, int rowBits, Tracker tracker, ExecutionContext context) {
            this.local = local;
            this.base = base;
            this.capacity = 1L << rowBits;
            this.tracker = tracker;
            this.context = context;
        }

        @Override
        public void accept(Batch batch) {
            context.checkCancelled();
            if (tracker.stopped()) {
                throw StopSplit.INSTANCE;
            }
            if (rows + batch.rows() >= capacity) {
                throw new IllegalStateException("a split gave more than " + capacity + " rows");
            }
            local.consume(new Batch(batch.columns(), batch.rows(), base + rows));
            rows += batch.rows();
        }
    }

    /**
     * Hands out the splits in order and follows which have finished: for a sink that wants the
     * first rows only (stop once the splits finished from the first on hold them) and for one that
     * bounds how far ahead workers run.
     */
    private static final class Tracker {
        private final int count;
        private final long wanted;
        private final int ahead;
        private final Cancellation cancellation;
        private final AtomicInteger next = new AtomicInteger();
        private final boolean simple;
        private final boolean[] done;
        private final long[] rows;
        private int oldest;
        private long prefixRows;
        private volatile boolean stopped;

        Tracker(int count, long wanted, int ahead, Cancellation cancellation) {
            this.count = count;
            this.wanted = wanted;
            this.ahead = Math.max(1, ahead);
            this.cancellation = cancellation;
            this.simple = wanted < 0 && ahead == Integer.MAX_VALUE;
            this.done = simple ? null : new boolean[count];
            this.rows = simple ? null : new long[count];
            this.stopped = wanted == 0;
        }

        /**
         * The next split to read, or -1 when none is left (or enough rows are in). A worker held
         * back by the bound on splits ahead does {@code sink}'s pending work ({@link Sink#help})
         * while there is any, and waits only when there is none.
         */
        int claim(Sink<?, ?> sink) {
            if (simple) {
                int index = next.getAndIncrement();
                return index < count ? index : -1;
            }
            while (true) {
                synchronized (this) {
                    if (stopped || next.get() >= count || cancellation.isCancelled()) {
                        return -1;
                    }
                    if (next.get() < (long) oldest + ahead) {
                        return next.getAndIncrement();
                    }
                }
                if (sink.help()) {
                    continue;
                }
                synchronized (this) {
                    // looked at again under the lock, so that a split finished since is not waited
                    // for; briefly, as the sink's work may come meanwhile without a call here
                    if (!stopped && next.get() < count && next.get() >= (long) oldest + ahead) {
                        try {
                            wait(5);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            cancellation.cancel("a worker was interrupted");
                            return -1;
                        }
                    }
                }
            }
        }

        boolean stopped() {
            return stopped;
        }

        void finished(int index, long splitRows) {
            if (simple) {
                return;
            }
            synchronized (this) {
                done[index] = true;
                rows[index] = splitRows;
                while (oldest < count && done[oldest]) {
                    prefixRows += rows[oldest];
                    oldest++;
                }
                if (wanted >= 0 && prefixRows >= wanted) {
                    stopped = true;
                }
                notifyAll();
            }
        }
    }
}
