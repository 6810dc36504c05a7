package dev.floe.frame.expr;

import dev.floe.frame.DataType;
import java.io.Serializable;

/**
 * An expression over a frame's columns: what {@code select}, {@code withColumns} and
 * {@code filter} compute, one value per row. Expressions are small immutable values (records),
 * printable, comparable and rewritable by the optimizer; building one computes nothing.
 *
 * <pre>{@code
 * import static dev.floe.frame.expr.Exprs.*;
 * Expr big = col("v1").gt(2).and(col("id1").isNotNull());
 * Expr ratio = col("v1").div(col("v2")).alias("ratio");
 * Expr bucket = when(col("x").lt(0)).then(lit("neg")).otherwise(lit("non-neg"));
 * }</pre>
 *
 * <p>Operands that are not expressions become literals: {@code col("a").add(1)} is
 * {@code col("a").add(lit(1))}. Nulls propagate: an operation with a null operand gives null,
 * except {@code and}/{@code or} (three-valued: {@code false & null} is {@code false}) and the
 * null tests. Integer arithmetic wraps on overflow, as in Java; integer {@code floorDiv} and
 * {@code mod} by zero give null.
 */
public sealed interface Expr extends Serializable permits Col, Lit, Binary, Unary, Alias, Cast, When, FillNull {

    /** The name of the column this expression makes, when not aliased. */
    String outputName();

    // ---- arithmetic -------------------------------------------------------------------------

    default Expr add(Object other) {
        return new Binary(BinaryOperator.ADD, this, Exprs.wrap(other));
    }

    default Expr sub(Object other) {
        return new Binary(BinaryOperator.SUB, this, Exprs.wrap(other));
    }

    default Expr mul(Object other) {
        return new Binary(BinaryOperator.MUL, this, Exprs.wrap(other));
    }

    /** True division: always a float. */
    default Expr div(Object other) {
        return new Binary(BinaryOperator.DIV, this, Exprs.wrap(other));
    }

    /** Division rounded toward negative infinity (Python's {@code //}). */
    default Expr floorDiv(Object other) {
        return new Binary(BinaryOperator.FLOOR_DIV, this, Exprs.wrap(other));
    }

    /** Remainder with the divisor's sign (Python's {@code %}). */
    default Expr mod(Object other) {
        return new Binary(BinaryOperator.MOD, this, Exprs.wrap(other));
    }

    /** Power: a float, unless both sides are integers and the exponent is a non-negative literal. */
    default Expr pow(Object other) {
        return new Binary(BinaryOperator.POW, this, Exprs.wrap(other));
    }

    default Expr neg() {
        return new Unary(UnaryOperator.NEG, this);
    }

    default Expr abs() {
        return new Unary(UnaryOperator.ABS, this);
    }

    // ---- comparisons and logic --------------------------------------------------------------

    default Expr eq(Object other) {
        return new Binary(BinaryOperator.EQ, this, Exprs.wrap(other));
    }

    default Expr ne(Object other) {
        return new Binary(BinaryOperator.NE, this, Exprs.wrap(other));
    }

    default Expr lt(Object other) {
        return new Binary(BinaryOperator.LT, this, Exprs.wrap(other));
    }

    default Expr le(Object other) {
        return new Binary(BinaryOperator.LE, this, Exprs.wrap(other));
    }

    default Expr gt(Object other) {
        return new Binary(BinaryOperator.GT, this, Exprs.wrap(other));
    }

    default Expr ge(Object other) {
        return new Binary(BinaryOperator.GE, this, Exprs.wrap(other));
    }

    /** Logical and, three-valued: {@code false & null} is {@code false}, {@code true & null} null. */
    default Expr and(Object other) {
        return new Binary(BinaryOperator.AND, this, Exprs.wrap(other));
    }

    /** Logical or, three-valued: {@code true | null} is {@code true}, {@code false | null} null. */
    default Expr or(Object other) {
        return new Binary(BinaryOperator.OR, this, Exprs.wrap(other));
    }

    default Expr not() {
        return new Unary(UnaryOperator.NOT, this);
    }

    // ---- nulls, names, types ----------------------------------------------------------------

    default Expr isNull() {
        return new Unary(UnaryOperator.IS_NULL, this);
    }

    default Expr isNotNull() {
        return new Unary(UnaryOperator.IS_NOT_NULL, this);
    }

    /** This value, or {@code fill} where it is null. */
    default Expr fillNull(Object fill) {
        return new FillNull(this, Exprs.wrap(fill));
    }

    /** The same values under the column name {@code name}. */
    default Expr alias(String name) {
        return new Alias(this, name);
    }

    /**
     * The values converted to {@code type}: numbers to numbers (floats to integers truncate
     * toward zero), anything to {@code str}, {@code str} to numbers, booleans and dates,
     * {@code str} and {@code cat} both ways, {@code date} and {@code datetime} both ways. Strict:
     * a value that cannot be converted (out of range, not a number) fails the query, naming it.
     */
    default Expr cast(DataType type) {
        return new Cast(this, type, true);
    }

    /** {@link #cast(DataType)}, but a value that cannot be converted becomes null. */
    default Expr tryCast(DataType type) {
        return new Cast(this, type, false);
    }
}
