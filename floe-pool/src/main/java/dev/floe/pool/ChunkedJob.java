package dev.floe.pool;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One call of {@code apply}, {@code map}, {@code starmap} or {@code imap}: the inputs, split into
 * chunks that workers claim in order, and the results.
 *
 * <p>Protocol: the pool starts some runners ({@link #runChunks()} on worker threads); each claims
 * the next chunk until none is left or the job is cancelled. A {@link Mode#COLLECT} job settles
 * its {@link PendingResult} when the last chunk is done, or at the first failure (fail fast: the
 * chunks not yet claimed are never run and the running ones are interrupted). A stream job posts
 * each finished chunk to a queue its consumer reads; an ordered stream's failure cancels only the
 * chunks after it, so the results before it still arrive.
 */
final class ChunkedJob {
    enum Mode { COLLECT, ORDERED_STREAM, UNORDERED_STREAM }

    private static final int TERMINATED = -1;

    private final PoolCore core;
    private final String operation;
    private final Mode mode;
    private final Pool.Fn<Object, Object> fn;
    private final List<?> inputs;  // random access; a copy unless the caller waits for the job
    private final Object[] results;
    private final int chunksize;
    private final int chunkCount;
    private final boolean describeInputs;
    private final Progress.Tracker tracker;
    private final boolean tracking;
    private final PendingResult<List<Object>> result;
    private final BlockingQueue<Integer> finishedChunks;
    private final RemoteChunks remote; // null: the chunks run on the worker threads themselves

    private final AtomicInteger nextChunk = new AtomicInteger();
    private final AtomicInteger remainingChunks;
    private final Set<Runner> runners = ConcurrentHashMap.newKeySet();
    private final Map<Integer, TaskFailedException> chunkFailures = new ConcurrentHashMap<>();
    private final AtomicBoolean trackerClosed = new AtomicBoolean();
    /** Chunks at or after this index are not run (and interrupted if running). */
    private volatile int cancelFrom = Integer.MAX_VALUE;
    private volatile RuntimeException terminalFailure;

    @SuppressWarnings("unchecked")
    ChunkedJob(PoolCore core, String operation, Mode mode, Pool.Fn<?, ?> fn, List<?> inputs, int chunksize,
            boolean describeInputs, Progress.Tracker tracker, RemoteChunks remote,
            Consumer<? super List<Object>> callback, Consumer<? super Throwable> errorCallback) {
        this.core = core;
        this.operation = operation;
        this.mode = mode;
        this.fn = (Pool.Fn<Object, Object>) fn;
        this.inputs = inputs;
        this.results = new Object[inputs.size()];
        this.chunksize = chunksize;
        this.chunkCount = inputs.isEmpty() ? 0 : (int) ((inputs.size() + (long) chunksize - 1) / chunksize);
        this.remainingChunks = new AtomicInteger(chunkCount);
        this.describeInputs = describeInputs;
        this.tracker = tracker;
        this.tracking = tracker != Progress.NoTracker.INSTANCE;
        this.remote = remote;
        if (mode == Mode.COLLECT) {
            this.result = new PendingResult<>(operation, core, this::help, callback, errorCallback);
            this.finishedChunks = null;
        } else {
            this.result = null;
            this.finishedChunks = new LinkedBlockingQueue<>();
        }
    }

    String operation() {
        return operation;
    }

    int chunkCount() {
        return chunkCount;
    }

    PendingResult<List<Object>> result() {
        return result;
    }

    /** Settles a job that has no work at once (empty input); returns whether it did. */
    boolean finishIfEmpty() {
        if (chunkCount != 0) {
            return false;
        }
        closeTracker();
        if (result != null) {
            result.succeed(List.of());
        }
        return true;
    }

    /** The job could not be started: release what it holds. */
    void abandon() {
        closeTracker();
    }

    // ---- workers ---------------------------------------------------------------------------

    /** A runner: claims and runs chunks until none is left. Called on a worker thread. */
    void runChunks() {
        Runner runner = new Runner(Thread.currentThread());
        runners.add(runner);
        try {
            int chunk;
            while ((chunk = claim()) >= 0) {
                runChunk(chunk, runner);
            }
        } finally {
            runner.exit();
            runners.remove(runner);
        }
    }

    /** Runs this job's unclaimed chunks on the calling worker, which would otherwise wait idle. */
    private void help() {
        runChunks();
    }

    private int claim() {
        if (nextChunk.get() >= Math.min(chunkCount, cancelFrom)) {
            return -1;
        }
        int chunk = nextChunk.getAndIncrement();
        return chunk < chunkCount && chunk < cancelFrom ? chunk : -1;
    }

    private void runChunk(int chunk, Runner runner) {
        if (remote != null) {
            runRemotely(chunk);
            return;
        }
        runner.chunk = chunk;
        int start = chunk * chunksize;
        int end = (int) Math.min((long) start + chunksize, results.length);
        int index = start;
        Throwable thrown = null;
        // Locals, so the compiler need not reload the fields after each read of cancelFrom.
        Object[] out = results;
        List<?> in = inputs;
        Pool.Fn<Object, Object> task = fn;
        try {
            for (; index < end; index++) {
                if (chunk >= cancelFrom) {
                    return;
                }
                out[index] = task.apply(in.get(index));
                if (tracking) {
                    tracker.advance(1);
                }
            }
        } catch (Throwable failure) {
            thrown = failure;
        } finally {
            // no longer interruptible by cancellation: what follows runs callbacks
            runner.chunk = Runner.IDLE;
        }
        if (thrown == null) {
            chunkDone(chunk);
        } else if (chunk < cancelFrom) {
            failed(chunk, index, thrown);
        }
    }

    /** Sends the chunk to a worker JVM; the task cannot be interrupted there, only its result dropped. */
    private void runRemotely(int chunk) {
        RemoteChunks.Outcome outcome;
        try {
            outcome = remote.run(chunk, () -> chunk >= cancelFrom);
        } catch (InterruptedException | RuntimeException e) {
            if (chunk < cancelFrom) {
                failed(chunk, new TaskFailedException((long) chunk * chunksize,
                        describeInputs ? Describe.value(inputs.get(chunk * chunksize)) : null, e));
            }
            return;
        }
        switch (outcome) {
            case RemoteChunks.Outcome.Done done -> {
                System.arraycopy(done.values(), 0, results, chunk * chunksize, done.values().length);
                if (tracking) {
                    tracker.advance(done.values().length);
                }
                chunkDone(chunk);
            }
            case RemoteChunks.Outcome.Failed failed -> {
                System.arraycopy(failed.before(), 0, results, chunk * chunksize, failed.before().length);
                if (chunk < cancelFrom) {
                    failed(chunk, failed.failure());
                }
            }
            case RemoteChunks.Outcome.Cancelled cancelled -> { }
        }
    }

    private void chunkDone(int chunk) {
        boolean last = remainingChunks.decrementAndGet() == 0;
        if (mode == Mode.COLLECT) {
            if (last) {
                closeTracker(); // first, so that the bar is finished when map returns
                core.settled(this);
                result.succeed(Collections.unmodifiableList(Arrays.asList(results)));
            }
        } else {
            if (last) {
                closeTracker();
                core.settled(this);
            }
            finishedChunks.add(chunk);
        }
    }

    private void failed(int chunk, int index, Throwable thrown) {
        failed(chunk, new TaskFailedException(index, describeInputs ? Describe.value(inputs.get(index)) : null, thrown));
    }

    private void failed(int chunk, TaskFailedException failure) {
        switch (mode) {
            case COLLECT -> {
                cancelFrom(0);
                closeTracker();
                core.settled(this);
                result.fail(failure);
            }
            case ORDERED_STREAM -> {
                chunkFailures.put(chunk, failure);
                cancelFrom(chunk + 1);
                finishedChunks.add(chunk);
            }
            case UNORDERED_STREAM -> {
                chunkFailures.put(chunk, failure);
                cancelFrom(0);
                closeTracker();
                finishedChunks.add(chunk);
            }
        }
    }

    /** Stops chunks at or after {@code chunk}: those not started never start, running ones are interrupted. */
    private void cancelFrom(int chunk) {
        int current;
        while (chunk < (current = cancelFrom)) {
            synchronized (this) {
                if (cancelFrom == current) {
                    cancelFrom = chunk;
                    break;
                }
            }
        }
        Thread self = Thread.currentThread();
        for (Runner runner : runners) {
            if (runner.thread != self && runner.chunk >= chunk) {
                runner.interrupt();
            }
        }
    }

    void terminate(PoolTerminatedException failure) {
        terminalFailure = failure;
        cancelFrom(0);
        closeTracker();
        if (result != null) {
            result.fail(failure);
        } else {
            finishedChunks.add(TERMINATED);
        }
    }

    /** Closes the progress tracker once; a tracker that throws must not keep the job from settling. */
    private void closeTracker() {
        if (trackerClosed.compareAndSet(false, true)) {
            try {
                tracker.close();
            } catch (RuntimeException e) {
                Thread thread = Thread.currentThread();
                thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
            }
        }
    }

    // ---- consumers of imap / imapUnordered --------------------------------------------------

    /** The results as a lazy stream; closing it cancels the chunks not yet done. */
    <R> Stream<R> stream() {
        ResultIterator<R> iterator = new ResultIterator<>();
        Spliterator<R> spliterator = Spliterators.spliteratorUnknownSize(iterator,
                mode == Mode.ORDERED_STREAM ? Spliterator.ORDERED : 0);
        return StreamSupport.stream(spliterator, false).onClose(iterator::close);
    }

    private final class ResultIterator<R> implements Iterator<R> {
        private final boolean[] finished = new boolean[chunkCount];
        private int position;          // ordered: index of the next result
        private int chunkEnd;          // unordered: end of the chunk being yielded
        private int chunksYielded;     // unordered: chunks handed out so far
        private boolean over;

        @Override
        public boolean hasNext() {
            if (over) {
                return false;
            }
            boolean more = mode == Mode.ORDERED_STREAM ? nextOrdered() : nextUnordered();
            if (!more) {
                close();
            }
            return more;
        }

        @Override
        @SuppressWarnings("unchecked")
        public R next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more results of " + operation);
            }
            return (R) results[position++];
        }

        private boolean nextOrdered() {
            if (position >= results.length) {
                return false;
            }
            int chunk = position / chunksize;
            while (!finished[chunk]) {
                take();
            }
            TaskFailedException failure = chunkFailures.get(chunk);
            if (failure != null && position >= failure.taskIndex()) {
                close();
                throw failure.rethrownHere();
            }
            return true;
        }

        private boolean nextUnordered() {
            if (position < chunkEnd) {
                return true;
            }
            while (chunksYielded < chunkCount) {
                int chunk = take();
                chunksYielded++;
                TaskFailedException failure = chunkFailures.get(chunk);
                if (failure != null) {
                    close();
                    throw failure.rethrownHere();
                }
                position = chunk * chunksize;
                chunkEnd = (int) Math.min((long) position + chunksize, results.length);
                return true;
            }
            return false;
        }

        /** Waits for the next finished chunk (running this job's work if on one of the pool's workers). */
        private int take() {
            Integer chunk = finishedChunks.poll();
            if (chunk == null) {
                if (PoolCore.current() == core) {
                    help();
                }
                try {
                    chunk = finishedChunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PoolInterruptedException("interrupted while waiting for results of " + operation, e);
                }
            }
            if (chunk == TERMINATED) {
                finishedChunks.add(TERMINATED); // every later wait must see it too
                over = true;
                throw Failures.rethrownHere(terminalFailure);
            }
            finished[chunk] = true;
            return chunk;
        }

        void close() {
            if (!over) {
                over = true;
                if (remainingChunks.get() > 0) {
                    cancelFrom(0);
                }
                closeTracker();
                core.settled(ChunkedJob.this);
            }
        }
    }

    /** A thread running this job's chunks, so that cancellation can interrupt it safely. */
    private static final class Runner {
        static final int IDLE = -1;

        final Thread thread;
        volatile int chunk = IDLE;
        private boolean active = true;
        private boolean interrupted;

        Runner(Thread thread) {
            this.thread = thread;
        }

        synchronized void interrupt() {
            if (active) {
                interrupted = true;
                thread.interrupt();
            }
        }

        /** Leaves the job; clears an interrupt this job sent, so it cannot leak into later work. */
        void exit() {
            boolean clear;
            synchronized (this) {
                active = false;
                clear = interrupted;
            }
            if (clear) {
                Thread.interrupted();
            }
        }
    }
}
