package dev.floe.frame.expr;

/**
 * A sequence of whole numbers that calls draw from as queries run (SQL's {@code CREATE SEQUENCE}):
 * {@link ScalarFunction#NEXTVAL} takes the next values, one per row, and {@link
 * ScalarFunction#CURRVAL} the last one taken. Shared by every query that names it, so it is
 * thread-safe; its values are unique, in the order batches of rows reach it.
 */
public interface ValueSequence {
    /** The next {@code count} values, in order; fails where the sequence is spent (past its bound, no cycle). */
    long[] next(int count);

    /** The value the last {@link #next} gave; fails where none has been taken. */
    long current();
}
