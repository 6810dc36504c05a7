package dev.floe.frame.physical;

import dev.floe.frame.Schema;
import dev.floe.frame.exec.Batch;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * What a query's physical operators did as it ran, for {@code explainAnalyze}: the rows each
 * node gave, and how long each pipeline breaker and join build took (its inputs' pipelines
 * included). Counted by a pass-through step after each node; thread-safe.
 */
final class Profile {
    private final Map<PhysicalNode, LongAdder> rows = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Map<PhysicalNode, Long> nanos = Collections.synchronizedMap(new IdentityHashMap<>());

    /** A step that counts the rows {@code node} gives and passes them on. */
    StreamingOperator counter(PhysicalNode node, Schema schema) {
        LongAdder count = rows.computeIfAbsent(node, n -> new LongAdder());
        return new StreamingOperator() {
            @Override
            public Schema schema() {
                return schema;
            }

            @Override
            public void push(Batch batch, Consumer<Batch> downstream) {
                count.add(batch.rows());
                downstream.accept(batch);
            }

            @Override
            public String describe() {
                return "count rows of " + node.describe();
            }
        };
    }

    void timed(PhysicalNode node, long elapsedNanos) {
        nanos.merge(node, elapsedNanos, Long::sum);
    }

    /** The rows {@code node} gave, or -1 if it did not run. */
    long rows(PhysicalNode node) {
        LongAdder count = rows.get(node);
        return count == null ? -1 : count.sum();
    }

    /** The nanoseconds {@code node} took to run its inputs and hold its result, or -1 if not timed. */
    long nanos(PhysicalNode node) {
        Long time = nanos.get(node);
        return time == null ? -1 : time;
    }
}
