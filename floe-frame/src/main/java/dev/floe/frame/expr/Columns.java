package dev.floe.frame.expr;

import java.util.List;

/**
 * Several columns at once: {@code cols("a", "b")}, or {@code all()} (every column). An expression
 * built on it ({@code cols("v1", "v2").sum()}) stands for the same expression on each column, and
 * expands into one column per name where a step takes a list of expressions.
 *
 * @param names the columns, or empty for every column (then {@code except} are left out)
 */
public record Columns(List<String> names, List<String> except) implements Expr {
    public Columns {
        names = List.copyOf(names);
        except = List.copyOf(except);
    }

    /** The same selection without {@code columns}: {@code all().exclude("id")}. */
    public Columns exclude(String... columns) {
        List<String> more = new java.util.ArrayList<>(except);
        more.addAll(List.of(columns));
        return new Columns(names, more);
    }

    @Override
    public String outputName() {
        return names.size() == 1 ? names.get(0) : "*";
    }

    @Override
    public String toString() {
        String base = names.isEmpty() ? "all()" : "cols(" + String.join(", ", names) + ")";
        return except.isEmpty() ? base : base + ".exclude(" + String.join(", ", except) + ")";
    }
}
