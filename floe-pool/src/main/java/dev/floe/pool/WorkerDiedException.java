package dev.floe.pool;

/**
 * The worker JVM running a task died before the task finished: it called {@code System.exit},
 * was killed, ran out of memory, or crashed. Names the task (the first of the chunk that was in
 * flight), how the worker ended, and whether the task is a poison task: one that killed more
 * workers than {@linkplain ProcessPool.Builder#retries(int) retries} allow. The pool replaced the
 * worker and went on.
 */
public class WorkerDiedException extends TaskFailedException {
    private final int exitCode;
    private final boolean poison;

    public WorkerDiedException(long taskIndex, String message, int exitCode, boolean poison) {
        super(taskIndex, message);
        this.exitCode = exitCode;
        this.poison = poison;
    }

    private WorkerDiedException(WorkerDiedException other) {
        super(other);
        this.exitCode = other.exitCode;
        this.poison = other.poison;
    }

    /** The worker's exit code; on Linux a process killed by signal {@code s} reports {@code 128 + s}. */
    public int exitCode() {
        return exitCode;
    }

    /** Whether the task killed a worker on every attempt it was given. */
    public boolean isPoison() {
        return poison;
    }

    @Override
    public WorkerDiedException rethrownHere() {
        return new WorkerDiedException(this);
    }
}
