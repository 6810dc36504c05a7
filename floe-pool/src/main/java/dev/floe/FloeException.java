package dev.floe;

/**
 * The root of every error Floe raises on purpose: a task that failed, a pool used after it was
 * closed, a column that does not exist, a malformed input file.
 *
 * <p>Floe's exceptions are unchecked and their messages are written for the person reading
 * them: what happened, where, and what to do about it.
 */
public class FloeException extends RuntimeException {
    public FloeException(String message) {
        super(message);
    }

    public FloeException(String message, Throwable cause) {
        super(message, cause);
    }
}
