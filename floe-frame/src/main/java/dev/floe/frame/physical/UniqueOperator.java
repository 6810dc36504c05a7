package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.exec.Sorting;
import dev.floe.frame.plan.Unique;

/** The first (or last) row of each distinct key, in input order. */
final class UniqueOperator extends HoldingOperator {
    private final Unique unique;

    UniqueOperator(Unique unique) {
        super(unique.schema(), unique.toString());
        this.unique = unique;
    }

    @Override
    DataFrame apply(DataFrame input, ExecutionContext context) {
        return Sorting.unique(input, unique.keys(), unique.keepLast());
    }
}
