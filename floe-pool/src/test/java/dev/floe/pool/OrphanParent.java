package dev.floe.pool;

import java.util.List;

/**
 * A JVM that starts a process pool, prints its workers' socket directory and process ids and then
 * waits to be killed: the test kills it with SIGKILL and checks that the workers exit too, and
 * remove the directory.
 */
public final class OrphanParent {
    private OrphanParent() {}

    public static void main(String[] args) throws Exception {
        Pool pool = Pool.processes(2);
        pool.map(i -> i, List.of(1, 2, 3, 4), 1); // both workers up
        System.out.println("channel " + ((ExecutorPool) pool).workerChannel().directory());
        System.out.println("pids " + ((ExecutorPool) pool).workerPids());
        System.out.flush();
        Thread.sleep(600_000);
    }
}
