package dev.floe.pool;

/** Turns a failure recorded on a worker into the exception a waiting caller throws. */
final class Failures {
    private Failures() {}

    /**
     * The failure as an exception created on the calling thread, so that its stack trace shows
     * where the caller waited; the original stays reachable as the cause.
     */
    static RuntimeException rethrownHere(Throwable failure) {
        return switch (failure) {
            case TaskFailedException e -> e.rethrownHere();
            case PoolTerminatedException e -> new PoolTerminatedException(e);
            case RuntimeException e -> e;
            case Error e -> throw e;
            default -> new IllegalStateException("unexpected failure: " + failure, failure);
        };
    }
}
