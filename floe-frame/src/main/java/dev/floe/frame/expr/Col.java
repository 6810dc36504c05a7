package dev.floe.frame.expr;

import java.util.Objects;

/** The column {@code name}: {@code col("a")}. */
public record Col(String name) implements Expr {
    public Col {
        Objects.requireNonNull(name, "name is null");
    }

    @Override
    public String outputName() {
        return name;
    }

    @Override
    public String toString() {
        return "col(\"" + name + "\")";
    }
}
