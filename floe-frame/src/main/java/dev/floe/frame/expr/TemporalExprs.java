package dev.floe.frame.expr;

import java.util.List;

/** The date parts of a {@code date} or {@code datetime} expression: {@code col("when").dt().year()}. */
public final class TemporalExprs {
    private final Expr input;

    TemporalExprs(Expr input) {
        this.input = input;
    }

    public Expr year() {
        return new Call(ScalarFunction.YEAR, input, List.of());
    }

    /** 1 to 12. */
    public Expr month() {
        return new Call(ScalarFunction.MONTH, input, List.of());
    }

    /** The day of the month, 1 to 31. */
    public Expr day() {
        return new Call(ScalarFunction.DAY, input, List.of());
    }

    /** 0 to 23 ({@code datetime} only). */
    public Expr hour() {
        return new Call(ScalarFunction.HOUR, input, List.of());
    }
}
