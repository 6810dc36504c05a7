package dev.floe.pool;

import dev.floe.FloeException;

/**
 * Stands for an exception a task threw in a worker JVM that could not itself be sent back (it
 * was not serializable): same class name, message and stack trace, as text and frames.
 */
public class RemoteTaskException extends FloeException {
    private final String originalClass;

    public RemoteTaskException(String originalClass, String message, StackTraceElement[] stackTrace) {
        super(originalClass + (message == null ? "" : ": " + message));
        this.originalClass = originalClass;
        setStackTrace(stackTrace);
    }

    /** The class name of the exception the task threw. */
    public String originalClass() {
        return originalClass;
    }
}
