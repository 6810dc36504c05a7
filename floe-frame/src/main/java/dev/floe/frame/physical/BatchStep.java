package dev.floe.frame.physical;

import dev.floe.frame.Schema;
import dev.floe.frame.exec.Batch;
import dev.floe.frame.exec.BatchOperator;
import java.util.function.Consumer;

/**
 * A streaming operator that turns each batch into one other batch with a stateless kernel step:
 * projection ({@code select}, {@code withColumns}), filter, explode. Thread-safe.
 */
record BatchStep(BatchOperator step, Schema schema, String describe) implements StreamingOperator {
    @Override
    public void push(Batch batch, Consumer<Batch> downstream) {
        downstream.accept(step.apply(batch));
    }
}
