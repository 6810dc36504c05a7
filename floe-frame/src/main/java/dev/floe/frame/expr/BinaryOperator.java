package dev.floe.frame.expr;

/** The operators of {@link Binary} expressions. */
public enum BinaryOperator {
    ADD("+"),
    SUB("-"),
    MUL("*"),
    /** True division: the result is a float, as in Python 3 and Polars. */
    DIV("/"),
    /** Division rounded down (toward negative infinity), as Python's {@code //}. */
    FLOOR_DIV("//"),
    /** The remainder of {@link #FLOOR_DIV}: it takes the divisor's sign, as Python's {@code %}. */
    MOD("%"),
    /**
     * The remainder of division rounded toward zero: it takes the dividend's sign, as SQL's and
     * Java's {@code %} ({@code fmod} for floats).
     */
    REM("rem"),
    POW("**"),
    EQ("=="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    AND("&"),
    OR("|"),
    /** Text joined end to end; null if either side is null. */
    CONCAT("||");

    private final String symbol;

    BinaryOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean isArithmetic() {
        return ordinal() <= POW.ordinal();
    }

    public boolean isComparison() {
        return ordinal() >= EQ.ordinal() && ordinal() <= GE.ordinal();
    }

    /** The comparison that holds with the two sides swapped ({@code a < b} is {@code b > a}); others as they are. */
    public BinaryOperator flipped() {
        return switch (this) {
            case LT -> GT;
            case LE -> GE;
            case GT -> LT;
            case GE -> LE;
            default -> this;
        };
    }

    public boolean isLogical() {
        return this == AND || this == OR;
    }
}
