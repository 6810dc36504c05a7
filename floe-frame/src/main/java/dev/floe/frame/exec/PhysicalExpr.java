package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.column.Vector;

/**
 * An expression compiled against a schema: column names resolved to positions, literal and
 * operand types settled. {@link #evaluate} computes one vector of {@code batch.rows()} values.
 * Stateless and thread-safe, so one instance serves every worker.
 */
public interface PhysicalExpr {
    DataType type();

    Vector evaluate(Batch batch);

    /** Whether the value is the same for every row (a literal). */
    default boolean isConstant() {
        return false;
    }
}
