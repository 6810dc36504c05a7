package dev.floe.frame.expr;

/** The operators of {@link Unary} expressions. */
public enum UnaryOperator {
    NEG("neg"),
    NOT("not"),
    ABS("abs"),
    IS_NULL("is_null"),
    IS_NOT_NULL("is_not_null");

    private final String name;

    UnaryOperator(String name) {
        this.name = name;
    }

    /** The name printed in plans: {@code col("a").is_null()}. */
    public String displayName() {
        return name;
    }
}
