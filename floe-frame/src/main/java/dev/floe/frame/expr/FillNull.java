package dev.floe.frame.expr;

import java.util.Objects;

/** {@code input}, with {@code fill} where it is null. */
public record FillNull(Expr input, Expr fill) implements Expr {
    public FillNull {
        Objects.requireNonNull(input, "input is null");
        Objects.requireNonNull(fill, "fill is null");
    }

    @Override
    public String outputName() {
        return input.outputName();
    }

    @Override
    public String toString() {
        return input + ".fill_null(" + fill + ")";
    }
}
