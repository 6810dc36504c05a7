package dev.floe.pool;

import dev.floe.FloeException;

/**
 * The result was still pending when its {@link Pool} was {@linkplain Pool#terminate()
 * terminated}: the task was interrupted or never started, and no value will come.
 */
public class PoolTerminatedException extends FloeException {
    public PoolTerminatedException(String message) {
        super(message);
    }

    PoolTerminatedException(PoolTerminatedException other) {
        super(other.getMessage());
    }
}
