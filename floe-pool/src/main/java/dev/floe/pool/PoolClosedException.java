package dev.floe.pool;

import dev.floe.FloeException;

/** Work was submitted to a {@link Pool} that no longer accepts any: it was closed or terminated. */
public class PoolClosedException extends FloeException {
    public PoolClosedException(String message) {
        super(message);
    }
}
