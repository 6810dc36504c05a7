package dev.floe.spark;

import dev.floe.FloeException;

/**
 * A plan that Spark cannot run as Floe would: a node, an expression, a type or an option with no
 * faithful translation to Spark's Dataset API. Raised when the plan is submitted, before Spark
 * runs anything, naming what was refused, so that no query ever runs differently on Spark.
 */
public class NotTranslatedException extends FloeException {
    private final String what;

    public NotTranslatedException(String what, String why) {
        super("the Spark engine does not run " + what + ": " + why
                + "; run this query on the local engine (lazyFrame.collect()) instead");
        this.what = what;
    }

    /** What was refused: a plan node, an expression, a type or an option, as printed in plans. */
    public String what() {
        return what;
    }
}
