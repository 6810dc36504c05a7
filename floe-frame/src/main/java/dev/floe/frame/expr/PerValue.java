package dev.floe.frame.expr;

import dev.floe.frame.DataType;
import java.util.List;

/**
 * How a function whose settings (a pattern, a width, a unit, which its own kernel takes as
 * constants) come from the data is computed: for each distinct tuple of settings among the rows,
 * the expression those settings make, over the rows that have them. SQL's {@code s LIKE p} and
 * {@code lpad(s, n, c)} with columns {@code p} and {@code n} are such calls. A null setting is
 * one more value ({@link #bind} says what it gives; in SQL nearly always null).
 *
 * <p>The call is a {@link MultiCall} of {@link ScalarFunction#PER_VALUE} whose inputs are all the
 * function's arguments and whose one parameter is this.
 */
public interface PerValue {
    /** The positions, among the call's inputs, of the settings. */
    int[] settings();

    /**
     * The expression for one tuple of settings (in the order of {@link #settings}, null for a null),
     * reading the other inputs as the columns {@link #input(int)} names. It must have the type
     * {@link #type} gives.
     */
    Expr bind(List<Object> settings);

    /** The type of the call's values. */
    DataType type();

    /** The name {@link #bind}'s expression reads the {@code i}-th input by. */
    static String input(int i) {
        return "__floe_input_" + i;
    }

    /** A call of {@code binding} over {@code inputs}. */
    static Expr call(List<Expr> inputs, PerValue binding) {
        return new MultiCall(ScalarFunction.PER_VALUE, inputs, List.of(binding));
    }
}
