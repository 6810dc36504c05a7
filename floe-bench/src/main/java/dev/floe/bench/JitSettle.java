package dev.floe.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Waits until the JIT compiler has been idle a while, before a peer engine's timed run in this
 * JVM. A Floe run leaves methods queued for compilation, and the compiler threads would run on
 * while DuckDB's run is timed, taking cores from it (on two cores, a fifth of DuckDB's TPC-H
 * time): DuckDB's figures are measured on an otherwise idle machine, and the compilation that
 * finishes after Floe's answer is not counted for either engine.
 */
public final class JitSettle {
    /** Idle this long (no compilation finished) counts as settled. */
    private static final long QUIET_MILLIS = 100;
    /** Never wait longer than this. */
    private static final long MAX_MILLIS = 3_000;
    private static final long STEP_MILLIS = 20;

    private JitSettle() {}

    /** Returns once no compilation has finished for {@link #QUIET_MILLIS}, or after {@link #MAX_MILLIS}. */
    public static void await() {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long deadline = System.nanoTime() + MAX_MILLIS * 1_000_000;
        long last = compiler.getTotalCompilationTime();
        long quiet = 0;
        while (quiet < QUIET_MILLIS && System.nanoTime() < deadline) {
            try {
                Thread.sleep(STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = compiler.getTotalCompilationTime();
            quiet = now == last ? quiet + STEP_MILLIS : 0;
            last = now;
        }
    }
}
