package dev.floe.sql;

import dev.floe.FloeException;
import dev.floe.frame.expr.ValueSequence;

/**
 * A sequence SQL made ({@code CREATE SEQUENCE name [START [WITH] n] [INCREMENT [BY] n] [MINVALUE n]
 * [MAXVALUE n] [CYCLE]}), as DuckDB's: from its start by its increment, within its bounds; past a
 * bound it starts again at the other one where it cycles, else {@code nextval} fails. Ascending
 * by default from 1 to the largest BIGINT; a negative increment descends from -1.
 */
final class SqlSequence implements ValueSequence {
    private final String name;
    private final long increment;
    private final long min;
    private final long max;
    private final boolean cycle;
    private long following;
    private boolean spent;
    private boolean taken;
    private long last;

    SqlSequence(String name, long start, long increment, long min, long max, boolean cycle) {
        this.name = name;
        this.increment = increment;
        this.min = min;
        this.max = max;
        this.cycle = cycle;
        this.following = start;
    }

    @Override
    public synchronized long[] next(int count) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            if (spent) {
                if (!cycle) {
                    throw new FloeException("nextval: reached the " + (increment > 0 ? "largest" : "smallest")
                            + " value of sequence \"" + name + "\" (" + (increment > 0 ? max : min) + ")");
                }
                following = increment > 0 ? min : max;
                spent = false;
            }
            out[i] = following;
            last = following;
            taken = true;
            long after = following + increment;
            boolean overflow = ((following ^ after) & (increment ^ after)) < 0;
            if (overflow || after > max || after < min) {
                spent = true;
            } else {
                following = after;
            }
        }
        return out;
    }

    @Override
    public synchronized long current() {
        if (!taken) {
            throw new FloeException("currval: sequence \"" + name + "\" has given no value yet (call nextval first)");
        }
        return last;
    }

    /** The sequence {@code create} describes; {@code fail} makes its errors. */
    static SqlSequence of(String name, java.util.List<net.sf.jsqlparser.schema.Sequence.Parameter> parameters,
            java.util.function.Function<String, SqlException> fail) {
        Long start = null;
        long increment = 1;
        Long min = null;
        Long max = null;
        boolean cycle = false;
        for (net.sf.jsqlparser.schema.Sequence.Parameter parameter : parameters == null
                ? java.util.List.<net.sf.jsqlparser.schema.Sequence.Parameter>of() : parameters) {
            switch (parameter.getOption()) {
                case START, START_WITH -> start = parameter.getValue();
                case INCREMENT, INCREMENT_BY -> increment = parameter.getValue();
                case MINVALUE -> min = parameter.getValue();
                case MAXVALUE -> max = parameter.getValue();
                case NOMINVALUE, NO_MINVALUE -> min = null;
                case NOMAXVALUE, NO_MAXVALUE -> max = null;
                case CYCLE -> cycle = true;
                case NOCYCLE, NO_CYCLE -> cycle = false;
                default -> throw fail.apply("the sequence option " + parameter + " is not supported; START, INCREMENT, "
                        + "MINVALUE, MAXVALUE and CYCLE are");
            }
        }
        if (increment == 0) {
            throw fail.apply("a sequence's increment must not be 0");
        }
        long low = min != null ? min : increment > 0 ? 1 : Long.MIN_VALUE;
        long high = max != null ? max : increment > 0 ? Long.MAX_VALUE : -1;
        if (low >= high) {
            throw fail.apply("a sequence's MINVALUE (" + low + ") must be below its MAXVALUE (" + high + ")");
        }
        long first = start != null ? start : increment > 0 ? low : high;
        if (first < low || first > high) {
            throw fail.apply("a sequence's START (" + first + ") must lie from its MINVALUE (" + low + ") to its MAXVALUE ("
                    + high + ")");
        }
        return new SqlSequence(name, first, increment, low, high, cycle);
    }
}
