package dev.floe.sql;

import static dev.floe.frame.expr.Exprs.lit;

import dev.floe.frame.expr.Expr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * The values of a statement's parameters ({@code ?} in order, or {@code $1}, {@code ?1} by
 * number, as DuckDB's prepared statements take them), each standing in the statement as a
 * literal of its Java value's type (a value, never SQL text: no quoting, nothing injected).
 * Before anything runs, the statement's parameters and the values given must match one for one.
 */
final class Parameters {
    static final Parameters NONE = new Parameters(List.of());

    private final List<Object> values;

    Parameters(List<Object> values) {
        this.values = Collections.unmodifiableList(new ArrayList<>(values)); // nulls allowed
    }

    /**
     * Checks that {@code statement} asks for exactly the values given: every parameter it names
     * has a value, and every value is asked for.
     */
    void check(Statement statement, String sql) {
        if (values.isEmpty()) {
            return; // nothing to match: a ? in the statement is refused where it is translated
        }
        TreeSet<Integer> asked = new TreeSet<>();
        if (!find(statement, asked)) {
            throw new SqlException("the values given cannot be matched to this statement's parameters: it has a "
                    + "construct the parameter search cannot walk (such as a list slice); write the values into "
                    + "the statement", sql, 1, 1);
        }
        int highest = asked.isEmpty() ? 0 : asked.last();
        if (highest > values.size()) {
            throw new SqlException("the statement asks for parameter " + highest + ", and " + values.size()
                    + (values.size() == 1 ? " value was" : " values were") + " given", sql, 1, 1);
        }
        for (int index = 1; index <= values.size(); index++) {
            if (!asked.contains(index)) {
                throw new SqlException(values.size() + (values.size() == 1 ? " value was" : " values were")
                        + " given, and the statement has no parameter " + index + " (? in order, or $" + index + ")",
                        sql, 1, 1);
            }
        }
    }

    /**
     * The numbers of the parameters {@code statement} names; false where JSqlParser's walk of the
     * statement fails on it. (A named parameter is refused where it is translated; {@code l[:b]}
     * is read as one, a slice's end.)
     */
    private static boolean find(Statement statement, TreeSet<Integer> asked) {
        try {
            walk(statement, asked);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void walk(Statement statement, TreeSet<Integer> asked) {
        new TablesNamesFinder<Void>() {
            @Override
            public <S> Void visit(JdbcParameter parameter, S context) {
                asked.add(parameter.getIndex());
                return null;
            }
        }.getTables(statement);
    }

    /** Parameter {@code parameter}'s value as a literal. */
    Expr value(JdbcParameter parameter) {
        int index = parameter.getIndex();
        if (index < 1 || index > values.size()) {
            throw new IllegalArgumentException("the statement asks for parameter " + index + ", and " + values.size()
                    + (values.size() == 1 ? " value was" : " values were") + " given");
        }
        Object value = values.get(index - 1);
        try {
            return lit(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("parameter " + parameter.getIndex() + " is a "
                    + value.getClass().getSimpleName() + ", which SQL has no type for (numbers, text, booleans, "
                    + "dates, times and durations are taken)", e);
        }
    }
}
