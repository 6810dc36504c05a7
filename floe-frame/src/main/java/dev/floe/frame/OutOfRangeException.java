package dev.floe.frame;

import dev.floe.FloeException;

/**
 * A value that its type cannot hold: integer arithmetic that overflows, a cast to a type too
 * small for the value, a sum beyond its integer type. Floe never wraps around; the query fails
 * with this error, naming the values, the row and the expression (DuckDB's "Out of Range Error").
 */
public class OutOfRangeException extends FloeException {
    public OutOfRangeException(String message) {
        super(message);
    }
}
