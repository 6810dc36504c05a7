package dev.floe.pool;

/** The pool contract on worker JVMs. */
class ProcessPoolContractTest extends PoolContractTest {
    @Override
    Pool newPool(int workers) {
        return ProcessPool.builder().workers(workers).build();
    }

    @Override
    boolean tasksShareTheHeap() {
        return false;
    }
}
