package dev.floe.pool;

import dev.floe.FloeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The {@link AsyncResult} every backend hands out: settled once, by {@link #succeed} or
 * {@link #fail}; the matching callback runs first, on the settling thread, then waiters wake.
 */
final class PendingResult<T> implements AsyncResult<T> {
    private final String operation;
    private final Consumer<? super T> callback;
    private final Consumer<? super Throwable> errorCallback;
    private final Runnable helpOnWorker;
    private final PoolCore core;
    private final CompletableFuture<T> future = new CompletableFuture<>();
    private final AtomicBoolean settled = new AtomicBoolean();

    // Lets a callback call get() on its own result without waiting for itself.
    private volatile Thread callbackThread;
    private T callbackValue;
    private RuntimeException callbackFailure;

    /**
     * @param helpOnWorker runs the pending work on the calling thread; called instead of waiting
     *     idle when the waiter is one of {@code core}'s own workers, so nested use cannot deadlock
     */
    PendingResult(String operation, PoolCore core, Runnable helpOnWorker,
            Consumer<? super T> callback, Consumer<? super Throwable> errorCallback) {
        this.operation = operation;
        this.core = core;
        this.helpOnWorker = helpOnWorker;
        this.callback = callback;
        this.errorCallback = errorCallback;
    }

    boolean succeed(T value) {
        if (!settled.compareAndSet(false, true)) {
            return false;
        }
        if (callback != null) {
            callbackValue = value;
            callbackThread = Thread.currentThread();
            try {
                callback.accept(value);
            } catch (Throwable e) {
                report("callback", e);
            } finally {
                callbackThread = null;
            }
        }
        future.complete(value);
        return true;
    }

    boolean fail(RuntimeException failure) {
        if (!settled.compareAndSet(false, true)) {
            return false;
        }
        if (errorCallback != null) {
            callbackFailure = failure;
            callbackThread = Thread.currentThread();
            try {
                errorCallback.accept(failure);
            } catch (Throwable e) {
                report("error callback", e);
            } finally {
                callbackThread = null;
            }
        }
        future.completeExceptionally(failure);
        return true;
    }

    @Override
    public T get() {
        if (callbackThread == Thread.currentThread()) {
            return inOwnCallback();
        }
        helpIfWorker();
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw Failures.rethrownHere(e.getCause());
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    @Override
    public T get(Duration timeout) throws TimeoutException {
        Checks.notNull(timeout, "timeout");
        if (callbackThread == Thread.currentThread()) {
            return inOwnCallback();
        }
        // no helping here: running the pending work on this thread could outlast the time-out
        try {
            return future.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw Failures.rethrownHere(e.getCause());
        } catch (InterruptedException e) {
            throw interrupted(e);
        } catch (TimeoutException e) {
            TimeoutException timedOut = new TimeoutException(
                    operation + " was not ready after " + Durations.format(timeout)
                            + "; it goes on running, call get() again to wait longer");
            timedOut.initCause(e);
            throw timedOut;
        }
    }

    @Override
    public void await() {
        if (callbackThread == Thread.currentThread()) {
            return;
        }
        helpIfWorker();
        try {
            future.handle((value, failure) -> null).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreachable: handle() never fails", e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    @Override
    public boolean await(Duration timeout) {
        Checks.notNull(timeout, "timeout");
        if (callbackThread == Thread.currentThread()) {
            return true;
        }
        try {
            future.handle((value, failure) -> null).get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreachable: handle() never fails", e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    @Override
    public boolean ready() {
        return future.isDone();
    }

    @Override
    public boolean successful() {
        if (!future.isDone()) {
            throw new IllegalStateException(operation + " is not ready yet; call await() or ready() first");
        }
        return !future.isCompletedExceptionally();
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        return future.copy();
    }

    @Override
    public String toString() {
        String state = !future.isDone() ? "pending"
                : future.isCompletedExceptionally() ? "failed" : "succeeded";
        return "AsyncResult[" + operation + ", " + state + "]";
    }

    private T inOwnCallback() {
        if (callbackFailure != null) {
            throw Failures.rethrownHere(callbackFailure);
        }
        return callbackValue;
    }

    private void helpIfWorker() {
        if (helpOnWorker != null && !future.isDone() && PoolCore.current() == core) {
            helpOnWorker.run();
        }
    }

    private PoolInterruptedException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new PoolInterruptedException("interrupted while waiting for " + operation
                + "; the work goes on running", e);
    }

    private void report(String which, Throwable e) {
        Thread thread = Thread.currentThread();
        FloeException wrapped = new FloeException("the " + which + " of " + operation + " threw: " + e, e);
        thread.getUncaughtExceptionHandler().uncaughtException(thread, wrapped);
    }
}
