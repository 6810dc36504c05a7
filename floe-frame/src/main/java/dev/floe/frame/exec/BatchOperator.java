package dev.floe.frame.exec;

/**
 * A streaming step of a pipeline: turns one morsel into another, without state, so that any
 * worker may run it on any morsel. Projection and filtering are batch operators.
 */
public interface BatchOperator {
    Batch apply(Batch batch);
}
