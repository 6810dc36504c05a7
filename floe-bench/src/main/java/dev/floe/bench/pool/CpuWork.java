package dev.floe.bench.pool;

/** A CPU-bound task of a fixed size that the JIT compiler cannot shorten. */
final class CpuWork {
    private CpuWork() {}

    /** {@code steps} rounds of xorshift: about a nanosecond each, all of them needed for the result. */
    static long xorshift(long seed, long steps) {
        long x = seed | 1;
        for (long i = 0; i < steps; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }
}
