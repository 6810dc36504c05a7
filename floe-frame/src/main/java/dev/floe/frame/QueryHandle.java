package dev.floe.frame;

import dev.floe.frame.physical.Cancellation;
import dev.floe.frame.physical.ProgressCounter;
import dev.floe.frame.physical.QueryCancelledException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A query running in the background ({@link LazyFrame#collectAsync()}): its result when it is
 * done, how far it has got, and a way to stop it. {@link #cancel} makes the query stop within a
 * fraction of a second: its workers stop at their next batch, nothing it was writing is left
 * behind, and {@link #get} throws {@link QueryCancelledException}. Thread-safe.
 *
 * <pre>{@code
 * QueryHandle<DataFrame> running = Floe.scanCsv("big.csv").groupBy("k").agg(col("x").sum()).collectAsync();
 * ...
 * running.cancel();
 * }</pre>
 *
 * @param <T> the result: a frame, or the rows a sink wrote
 */
public final class QueryHandle<T> {
    private final CompletableFuture<T> result;
    private final Cancellation cancellation;
    private final ProgressCounter progress;

    QueryHandle(CompletableFuture<T> result, Cancellation cancellation, ProgressCounter progress) {
        this.result = result;
        this.cancellation = cancellation;
        this.progress = progress;
    }

    /**
     * Waits for the result. A failure of the query is thrown as it was raised; an interrupt of
     * the waiting thread cancels the query.
     */
    public T get() {
        try {
            return result.get();
        } catch (InterruptedException e) {
            cancellation.cancel("the thread waiting for it was interrupted");
            Thread.currentThread().interrupt();
            throw new QueryCancelledException("the thread waiting for it was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                runtime.addSuppressed(new RuntimeException("rethrown in the thread that waited for the query"));
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new dev.floe.FloeException(String.valueOf(cause), cause);
        }
    }

    /** Asks the query to stop; it is done soon after, with {@link QueryCancelledException}. */
    public void cancel() {
        cancellation.cancel("cancelled by its handle");
    }

    public boolean isDone() {
        return result.isDone();
    }

    /** Waits until the query has ended, however it ended. */
    public void await() {
        try {
            result.handle((value, error) -> null).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // handled above: handle() never fails
        }
    }

    /** Rows the query's scans have given so far. */
    public long rowsRead() {
        return progress.rows();
    }

    /** Bytes the query has written to spill files so far (0 while it fits the memory limit). */
    public long spilledBytes() {
        return progress.spilledBytes();
    }

    /**
     * Spilled partitions the query has split into smaller ones so far, because one alone did not
     * fit the memory limit (0 while every spilled partition fits).
     */
    public long repartitions() {
        return progress.repartitions();
    }

    /** Bytes of files the query's scans have read so far. */
    public long bytesRead() {
        return progress.bytes();
    }
}
