package dev.floe.frame.exec;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.Series;
import dev.floe.frame.column.Column;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Cut;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.Over;
import dev.floe.frame.plan.Aggregate;
import dev.floe.frame.plan.Scan;
import java.util.ArrayList;
import java.util.List;

/**
 * Window columns over a frame held whole: an aggregation per partition given back to each of
 * its rows ({@code over}), ordered windows ({@link WindowKernel}), and bins cut from the data.
 */
public final class Windows {
    private Windows() {}

    /** {@code input} and one column per window, named {@code names}. */
    public static DataFrame compute(DataFrame input, List<Expr> windows, List<String> names, Workers workers) {
        List<Series> columns = new ArrayList<>(input.series());
        for (int w = 0; w < windows.size(); w++) {
            Expr expr = windows.get(w);
            Vector values = switch (expr) {
                case Over over -> over(input, over, workers);
                case Cut cut -> {
                    Vector numbers = Evaluation.column(input, cut.input(), workers);
                    yield CutKernel.bin(numbers, CutKernel.edges(cut, numbers), !cut.quantiles().isEmpty(), cut.labels());
                }
                default -> throw new IllegalStateException("not a window: " + expr);
            };
            columns.add(Series.of(names.get(w), Column.of(values)));
        }
        return DataFrame.of(columns);
    }

    /**
     * An aggregation per partition, given back to each row: the groups aggregated (in order of
     * first appearance), every row's group found the same way, the group's value gathered.
     */
    private static Vector over(DataFrame input, Over over, Workers workers) {
        if (over.ordered()) {
            return WindowKernel.ordered(input, over, partitions(partitionKeys(input, over, workers), input.height()),
                    workers);
        }
        Expr value = over.expr().alias("__floe_over_value");
        if (over.partitionBy().isEmpty()) {
            // one group: the aggregation over all rows, given to each
            DataFrame one = aggregate(new Aggregate(new Scan(input), List.of(), List.of(value)), input, workers);
            return Kernels.gather(one.column(0).column().toVector(), new int[input.height()], input.height());
        }
        DataFrame keyFrame = partitionKeys(input, over, workers);
        DataFrame withKeys = DataFrame.concatHorizontal(keyFrame, input);
        List<Expr> keyColumns = keyFrame.columns().stream().<Expr>map(Col::new).toList();
        DataFrame groups = aggregate(new Aggregate(new Scan(withKeys), keyColumns, List.of(value)), withKeys, workers);
        int[] groupOfRow = partitions(keyFrame, input.height());
        Vector values = groups.column("__floe_over_value").column().toVector();
        return values.length() == 0 ? Kernels.nulls(values.type(), 0) : Kernels.gather(values, groupOfRow, groupOfRow.length);
    }

    /** Runs {@code aggregate} over the frame {@code input}, its morsels spread over the workers. */
    public static DataFrame aggregate(Aggregate aggregate, DataFrame input, Workers workers) {
        GroupedAggregation aggregation = new GroupedAggregation(aggregate, ValueBounds.of(input), workers.threads());
        int height = input.height();
        int size = Math.max(1, workers.morselRows());
        int morsels = Math.max(1, (height + size - 1) / size);
        int tasks = Math.min(workers.threads(), morsels);
        List<GroupedAggregation.State> states = workers.runTasks(tasks, t -> {
            GroupedAggregation.State state = aggregation.newState();
            for (int m = t; m < morsels; m += tasks) {
                int from = m * size;
                int rows = Math.min(size, height - from);
                List<Vector> columns = new ArrayList<>(input.width());
                for (Series series : input.series()) {
                    columns.add(series.column().slice(from, rows).toVector());
                }
                aggregation.add(state, new Batch(columns, rows, from));
            }
            return state;
        });
        return aggregation.finish(states, workers);
    }

    /** {@code over}'s partition keys computed over {@code input}; null without keys. */
    private static DataFrame partitionKeys(DataFrame input, Over over, Workers workers) {
        if (over.partitionBy().isEmpty()) {
            return null;
        }
        List<Vector> keys = Evaluation.columns(input, over.partitionBy(), workers);
        List<Series> columns = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            Vector key = keys.get(k);
            // a list, map or struct partitions by its sort key: equal values, equal keys
            columns.add(Series.of("__floe_over_key_" + k, Column.of(key.type().isNested() ? SortKeys.encode(key) : key)));
        }
        return DataFrame.of(columns);
    }

    /** Each row's partition number, numbered in order of first appearance (all 0 without keys). */
    private static int[] partitions(DataFrame keyFrame, int rows) {
        int[] partition = new int[rows];
        if (keyFrame == null) {
            return partition;
        }
        List<Vector> keyVectors = new ArrayList<>();
        for (Series series : keyFrame.series()) {
            keyVectors.add(series.column().toVector());
        }
        GroupTable table = new GroupTable(keyFrame.schema().fields().stream().map(Schema.Field::type).toList());
        table.assign(keyVectors, rows, 0, partition);
        return partition;
    }
}
