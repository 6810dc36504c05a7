package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.exec.Sorting;
import dev.floe.frame.plan.TopK;

/** The first k rows in sort order, without sorting the rest: each morsel's best k, then the best of those. */
final class TopKOperator extends HoldingOperator {
    private final TopK top;

    TopKOperator(TopK top) {
        super(top.schema(), top.toString());
        this.top = top;
    }

    @Override
    DataFrame apply(DataFrame input, ExecutionContext context) {
        return Sorting.topK(input, top.keys(), top.k(), context);
    }
}
