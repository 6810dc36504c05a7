package dev.floe.frame.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code when(c1).then(v1).when(c2).then(v2).otherwise(v3)}: for each row, the value of the first
 * branch whose condition is true; {@code otherwise} (null if not given) when none is. A null
 * condition counts as false.
 */
public record When(List<Branch> branches, Expr otherwise) implements Expr {
    /** One {@code when(condition).then(value)}. */
    public record Branch(Expr condition, Expr value) implements java.io.Serializable {
        public Branch {
            Objects.requireNonNull(condition, "condition is null");
            Objects.requireNonNull(value, "value is null");
        }
    }

    public When {
        branches = List.copyOf(branches);
        if (branches.isEmpty()) {
            throw new IllegalArgumentException("a when expression needs at least one branch");
        }
        Objects.requireNonNull(otherwise, "otherwise is null");
    }

    /** Another condition, tried when the ones before are not true. */
    public Pending when(Object condition) {
        return new Pending(this, Exprs.wrap(condition));
    }

    /** The value when no condition is true. */
    public When otherwise(Object value) {
        return new When(branches, Exprs.wrap(value));
    }

    /** The name of the first branch's value, as Polars names it. */
    @Override
    public String outputName() {
        return branches.get(0).value().outputName();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Branch branch : branches) {
            text.append(text.isEmpty() ? "" : ".").append("when(").append(branch.condition()).append(").then(")
                    .append(branch.value()).append(')');
        }
        return text.append(".otherwise(").append(otherwise).append(')').toString();
    }

    /** A condition waiting for its {@code then}. */
    public record Pending(When before, Expr condition) {
        public When then(Object value) {
            Branch branch = new Branch(condition, Exprs.wrap(value));
            if (before == null) {
                return new When(List.of(branch), Lit.of(null));
            }
            List<Branch> all = new ArrayList<>(before.branches());
            all.add(branch);
            return new When(all, before.otherwise());
        }
    }
}
