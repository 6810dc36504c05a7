package dev.floe.pool;

import dev.floe.FloeException;

/**
 * The thread waiting for a pool's results was interrupted. The thread's interrupt status is set
 * again before this is thrown, so code further up still sees the interruption. The tasks
 * themselves go on running; {@link Pool#terminate()} stops them.
 */
public class PoolInterruptedException extends FloeException {
    public PoolInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
