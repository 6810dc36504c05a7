package dev.floe.frame.expr;

import java.util.Objects;

/** {@code input} under another column name. */
public record Alias(Expr input, String name) implements Expr {
    public Alias {
        Objects.requireNonNull(input, "input is null");
        Objects.requireNonNull(name, "name is null");
    }

    @Override
    public String outputName() {
        return name;
    }

    @Override
    public String toString() {
        return input + ".alias(\"" + name + "\")";
    }
}
