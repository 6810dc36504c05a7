package dev.floe.spark;

import dev.floe.FloeException;
import dev.floe.pool.ChunkBackend;
import dev.floe.pool.Pool;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * A pool's chunks as Spark tasks: each chunk is one partition, run by one task on an executor,
 * its tasks in order until one throws; what they return and what the failing one threw come back
 * as values, each chunk's as soon as its task ends. Chunks asked for at about the same time (the
 * pool's dispatchers) go to Spark together as one job of several tasks, as a Spark job costs
 * milliseconds to schedule; each job has a job group of its own, so when every chunk waiting on
 * it is abandoned (the pool terminated) the job is cancelled and Spark interrupts its tasks.
 */
final class SparkChunks implements ChunkBackend {
    private static final AtomicLong JOB_NUMBERS = new AtomicLong();
    /** How long a chunk waits for others to go with it: well under what a Spark job costs. */
    private static final long LINGER_NANOS = 1_000_000;

    private final SparkEngine engine;
    private final ConcurrentLinkedQueue<Request> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean submitting = new AtomicBoolean();

    SparkChunks(SparkEngine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return "spark";
    }

    /** A chunk as it travels to an executor. */
    record Chunk(Pool.Fn<Object, Object> fn, ArrayList<Object> items) implements Serializable {}

    /** What a chunk's tasks gave: their values in order, and the failure that stopped them. */
    record Outcome(ArrayList<Object> values, Throwable failure) implements Serializable {}

    /** A chunk waiting for its outcome, and the Spark job it went in. */
    private static final class Request {
        final Chunk chunk;
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        volatile Batch batch;
        volatile boolean abandoned;

        Request(Chunk chunk) {
            this.chunk = chunk;
        }
    }

    /** The requests that went to Spark as one job. */
    private record Batch(List<Request> requests, SimpleFutureAction<BoxedUnit> job) {
        /** Cancels the job once no request waits on it any more. */
        void abandonedOne() {
            for (Request request : requests) {
                if (!request.abandoned && !request.outcome.isDone()) {
                    return;
                }
            }
            job.cancel();
        }
    }

    @Override
    public Result run(Pool.Fn<Object, Object> fn, List<Object> items) throws InterruptedException {
        Request request = new Request(new Chunk(fn, new ArrayList<>(items)));
        waiting.add(request);
        submitWaiting();
        try {
            Outcome outcome = request.outcome.get();
            return new Result(outcome.values(), outcome.failure());
        } catch (InterruptedException e) {
            request.abandoned = true;
            Batch batch = request.batch;
            if (batch != null) {
                batch.abandonedOne();
            }
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new FloeException("Spark could not run a chunk of the pool's tasks: " + cause.getMessage(), cause);
        }
    }

    /**
     * Sends every waiting chunk to Spark as one job; one caller at a time does it, and looks again
     * after, so that a chunk added meanwhile is not left behind.
     */
    private void submitWaiting() {
        while (!waiting.isEmpty() && submitting.compareAndSet(false, true)) {
            try {
                // the other dispatchers' chunks of the job that just ended are on their way: wait for them a moment
                java.util.concurrent.locks.LockSupport.parkNanos(LINGER_NANOS);
                List<Request> requests = new ArrayList<>();
                for (Request next; (next = waiting.poll()) != null; ) {
                    requests.add(next);
                }
                if (!requests.isEmpty()) {
                    submit(requests);
                }
            } finally {
                submitting.set(false);
            }
        }
    }

    private void submit(List<Request> requests) {
        SparkContext sparkContext = engine.session().sparkContext();
        List<Chunk> chunks = requests.stream().map(request -> request.chunk).toList();
        List<Object> partitions = new ArrayList<>();
        for (int p = 0; p < chunks.size(); p++) {
            partitions.add(p);
        }
        sparkContext.setJobGroup("floe-pool-job-" + JOB_NUMBERS.incrementAndGet(), "chunks of a Floe pool", true);
        SimpleFutureAction<BoxedUnit> job;
        try {
            job = sparkContext.submitJob(JavaSparkContext.fromSparkContext(sparkContext).parallelize(chunks, chunks.size()).rdd(),
                    new RunChunk(), scala.jdk.javaapi.CollectionConverters.asScala(partitions).toList(),
                    new Deliver(requests), new Done());
        } catch (RuntimeException e) {
            requests.forEach(request -> request.outcome.completeExceptionally(e));
            return;
        } finally {
            sparkContext.clearJobGroup();
        }
        Batch batch = new Batch(requests, job);
        requests.forEach(request -> request.batch = batch);
        if (requests.stream().allMatch(request -> request.abandoned)) {
            job.cancel();
        }
        // a job Spark gives up on (a result that cannot be serialized, executors lost too often) fails its chunks
        Thread.ofVirtual().name("floe-pool-spark-job").start(() -> {
            try {
                job.get();
            } catch (Exception e) {
                requests.forEach(request -> request.outcome.completeExceptionally(e));
            }
        });
    }

    /** In the executor: the chunk's tasks in order, stopping at the first that throws. */
    static final class RunChunk extends AbstractFunction1<scala.collection.Iterator<Chunk>, Outcome>
            implements Serializable {
        @Override
        public Outcome apply(scala.collection.Iterator<Chunk> partition) {
            Chunk chunk = partition.next();
            ArrayList<Object> values = new ArrayList<>(chunk.items().size());
            for (Object item : chunk.items()) {
                try {
                    values.add(chunk.fn().apply(item));
                } catch (Throwable e) {
                    return new Outcome(values, e);
                }
            }
            return new Outcome(values, null);
        }
    }

    /** On the driver, as each task ends: its chunk's outcome to the waiting dispatcher. */
    private static final class Deliver extends AbstractFunction2<Object, Outcome, BoxedUnit> {
        private final List<Request> requests;

        Deliver(List<Request> requests) {
            this.requests = requests;
        }

        @Override
        public BoxedUnit apply(Object partition, Outcome outcome) {
            requests.get((Integer) partition).outcome.complete(outcome);
            return BoxedUnit.UNIT;
        }
    }

    private static final class Done extends AbstractFunction0<BoxedUnit> {
        @Override
        public BoxedUnit apply() {
            return BoxedUnit.UNIT;
        }
    }
}
