package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.exec.Sorting;
import dev.floe.frame.plan.Sort;

/** A stable sort of the whole input: row indices merge-sorted on the workers, every column gathered once. */
final class SortOperator extends HoldingOperator {
    private final Sort sort;

    SortOperator(Sort sort) {
        super(sort.schema(), sort.toString());
        this.sort = sort;
    }

    @Override
    DataFrame apply(DataFrame input, ExecutionContext context) {
        return Sorting.sort(input, sort.keys(), context);
    }
}
