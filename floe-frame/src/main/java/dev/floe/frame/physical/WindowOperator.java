package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.exec.Windows;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.Over;
import dev.floe.frame.plan.Window;
import java.util.List;

/**
 * Window columns ({@code over}, bins cut from the data), each computed over the whole input; when
 * every window is partitioned by the same keys, partition by partition once the input does not
 * fit the query's memory ({@link HoldingOperator}).
 */
final class WindowOperator extends HoldingOperator {
    private final Window window;

    WindowOperator(Window window) {
        super(window.schema(), window.toString());
        this.window = window;
    }

    @Override
    DataFrame apply(DataFrame input, ExecutionContext context) {
        return Windows.compute(input, window.windows(), window.names(), context);
    }

    /** The partition keys every window shares, or null (a window over all rows, bins, different keys). */
    @Override
    List<Expr> partitionKeys() {
        List<Expr> keys = null;
        for (Expr expr : window.windows()) {
            if (!(expr instanceof Over over) || over.partitionBy().isEmpty()) {
                return null;
            }
            if (keys == null) {
                keys = over.partitionBy();
            } else if (!keys.equals(over.partitionBy())) {
                return null;
            }
        }
        if (keys == null) {
            return null;
        }
        // a list, map or struct is hashed by its sort key
        List<Expr> hashed = new java.util.ArrayList<>(keys.size());
        for (Expr key : keys) {
            hashed.add(dev.floe.frame.expr.ExprTyper.typeOf(key, window.input().schema()).isNested()
                    ? new dev.floe.frame.expr.Call(dev.floe.frame.expr.ScalarFunction.SORT_KEY, key, List.of()) : key);
        }
        return hashed;
    }
}
