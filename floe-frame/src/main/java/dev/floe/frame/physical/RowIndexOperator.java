package dev.floe.frame.physical;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Series;
import dev.floe.frame.column.Column;
import dev.floe.frame.column.LongVector;
import dev.floe.frame.plan.WithRowIndex;
import java.util.ArrayList;
import java.util.List;

/** A first column numbering the input's rows, in stream order. */
final class RowIndexOperator extends HoldingOperator {
    private final WithRowIndex index;

    RowIndexOperator(WithRowIndex index) {
        super(index.schema(), index.toString());
        this.index = index;
    }

    @Override
    DataFrame apply(DataFrame input, ExecutionContext context) {
        long[] numbers = new long[input.height()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = index.offset() + i;
        }
        List<Series> columns = new ArrayList<>();
        columns.add(Series.of(index.name(), Column.of(new LongVector(DataType.INT64, numbers, null))));
        columns.addAll(input.series());
        return DataFrame.of(columns);
    }
}
