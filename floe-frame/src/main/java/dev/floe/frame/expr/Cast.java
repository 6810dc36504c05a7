package dev.floe.frame.expr;

import dev.floe.frame.DataType;
import java.util.Objects;

/**
 * {@code input} converted to {@code type}. A strict cast fails, naming the value and row, where a
 * value cannot be converted; a non-strict one gives null there.
 */
public record Cast(Expr input, DataType type, boolean strict) implements Expr {
    public Cast {
        Objects.requireNonNull(input, "input is null");
        Objects.requireNonNull(type, "type is null");
    }

    @Override
    public String outputName() {
        return input.outputName();
    }

    @Override
    public String toString() {
        return input + (strict ? ".strict_cast(" : ".cast(") + type + ")";
    }
}
