package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.exec.Sorting;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.plan.Unique;
import java.util.List;

/**
 * The first (or last) row of each distinct key, in input order; key partition by key partition
 * once the input does not fit the query's memory ({@link HoldingOperator}).
 */
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

    @Override
    List<Expr> partitionKeys() {
        return unique.keys().stream().<Expr>map(Col::new).toList();
    }
}
