package dev.floe.pool;

import dev.floe.FloeException;

/**
 * A task run by a {@link Pool} threw. Names the task's index (its position in the input of
 * {@code map}, {@code starmap} or {@code imap}; {@code 0} for {@code apply}) and carries the
 * exception the task threw as its {@linkplain #getCause() cause}, with its stack trace intact.
 *
 * <p>The exception a caller catches is created on the caller's thread, so its own stack trace
 * shows where the caller waited; the cause shows where the task failed.
 */
public class TaskFailedException extends FloeException {
    private final long taskIndex;

    public TaskFailedException(long taskIndex, String inputDescription, Throwable cause) {
        super(message(taskIndex, inputDescription, cause), cause);
        this.taskIndex = taskIndex;
    }

    /** A failure whose message says it all, without a cause: for subclasses such as {@link WorkerDiedException}. */
    protected TaskFailedException(long taskIndex, String message) {
        super(message);
        this.taskIndex = taskIndex;
    }

    /** A copy of {@code other} whose stack trace is the current thread's. */
    protected TaskFailedException(TaskFailedException other) {
        super(other.getMessage(), other.getCause());
        this.taskIndex = other.taskIndex;
    }

    /** The failing task's position in the input, counting from 0. */
    public long taskIndex() {
        return taskIndex;
    }

    /**
     * Returns a copy of this exception created on the calling thread, so that the stack trace
     * shows where the caller waited for the result. Subclasses override it to keep their type.
     */
    public TaskFailedException rethrownHere() {
        return new TaskFailedException(this);
    }

    private static String message(long taskIndex, String inputDescription, Throwable cause) {
        StringBuilder text = new StringBuilder("task ").append(taskIndex);
        if (inputDescription != null) {
            text.append(" (input ").append(inputDescription).append(')');
        }
        text.append(" failed: ");
        try {
            text.append(cause);
        } catch (RuntimeException e) { // a cause whose getMessage() throws still gets reported
            text.append(cause.getClass().getName()).append(" (its message could not be read: ").append(e).append(')');
        }
        return text.toString();
    }
}
