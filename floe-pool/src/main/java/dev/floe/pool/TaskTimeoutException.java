package dev.floe.pool;

import java.time.Duration;

/**
 * A task ran longer than the pool's {@linkplain ProcessPool.Builder#timeout(Duration) time-out}:
 * the worker JVM running it was killed and replaced, and the other tasks went on.
 */
public class TaskTimeoutException extends TaskFailedException {
    private final Duration timeout;

    public TaskTimeoutException(long taskIndex, String message, Duration timeout) {
        super(taskIndex, message);
        this.timeout = timeout;
    }

    private TaskTimeoutException(TaskTimeoutException other) {
        super(other);
        this.timeout = other.timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public TaskTimeoutException rethrownHere() {
        return new TaskTimeoutException(this);
    }
}
