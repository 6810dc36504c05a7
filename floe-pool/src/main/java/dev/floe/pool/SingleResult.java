package dev.floe.pool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/** The result of {@code applyAsync}: a one-task job's result list, seen as its only value. */
final class SingleResult<R> implements AsyncResult<R> {
    private final PendingResult<List<Object>> results;

    SingleResult(PendingResult<List<Object>> results) {
        this.results = results;
    }

    @Override
    public R get() {
        return first(results.get());
    }

    @Override
    public R get(Duration timeout) throws TimeoutException {
        return first(results.get(timeout));
    }

    @Override
    public void await() {
        results.await();
    }

    @Override
    public boolean await(Duration timeout) {
        return results.await(timeout);
    }

    @Override
    public boolean ready() {
        return results.ready();
    }

    @Override
    public boolean successful() {
        return results.successful();
    }

    @Override
    public CompletableFuture<R> toCompletableFuture() {
        return results.toCompletableFuture().thenApply(SingleResult::first);
    }

    @Override
    public String toString() {
        return results.toString();
    }

    @SuppressWarnings("unchecked")
    private static <R> R first(List<Object> values) {
        return (R) values.get(0);
    }
}
