package dev.floe.frame.exec;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.Series;
import dev.floe.frame.column.Column;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.agg.Accumulator;
import dev.floe.frame.exec.agg.Accumulators;
import dev.floe.frame.expr.Agg;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTrees;
import dev.floe.frame.expr.ExprTyper;
import dev.floe.frame.plan.Aggregate;
import dev.floe.pool.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Runs an {@link Aggregate}: each worker takes every T-th morsel of the input pipeline, computes
 * the keys and the aggregations' inputs, and pre-aggregates into a table and accumulators of its
 * own; the workers' states are then merged, the groups put in order of first appearance, and the
 * expressions around the aggregations ({@code max - min}, {@code corr ** 2}) evaluated on the
 * aggregated columns.
 */
final class AggregateRunner {
    private static final String TEMPORARY = "__floe_agg_";

    private final Aggregate aggregate;
    private final Schema input;
    private final List<Agg> aggs;
    private final List<PhysicalExpr> keyExprs = new ArrayList<>();
    private final List<List<PhysicalExpr>> aggInputs = new ArrayList<>();
    private final List<Supplier<Accumulator>> accumulators = new ArrayList<>();
    private final List<DataType> keyTypes = new ArrayList<>();

    AggregateRunner(Aggregate aggregate) {
        this.aggregate = aggregate;
        this.input = aggregate.input().schema();
        Map<Agg, Integer> distinct = new LinkedHashMap<>();
        for (Expr expr : aggregate.aggs()) {
            collectAggs(expr, distinct);
        }
        this.aggs = List.copyOf(distinct.keySet());
        for (Expr key : aggregate.keys()) {
            keyExprs.add(ExprCompiler.compile(key, input));
            keyTypes.add(ExprTyper.typeOf(key, input));
        }
        for (Agg agg : aggs) {
            List<PhysicalExpr> inputs = new ArrayList<>();
            for (Expr in : agg.inputs()) {
                inputs.add(ExprCompiler.compile(in, input));
            }
            aggInputs.add(inputs);
            DataType inputType = agg.inputs().isEmpty() ? DataType.NULL : ExprTyper.typeOf(agg.input(), input);
            accumulators.add(Accumulators.of(agg, inputType, ExprTyper.typeOf(agg, input)));
        }
    }

    private static void collectAggs(Expr expr, Map<Agg, Integer> found) {
        if (expr instanceof Agg agg) {
            found.putIfAbsent(agg, found.size());
            return;
        }
        for (Expr child : ExprTrees.children(expr)) {
            collectAggs(child, found);
        }
    }

    /** One worker's tables. */
    private record Partial(GroupTable table, List<Accumulator> accumulators) {}

    DataFrame run(DataFrame source, List<BatchOperator> operators, ExecutionConfig config, Pool pool) {
        List<int[]> ranges = Executor.morsels(source.height(), config.morselRows());
        int workers = Math.max(1, Math.min(config.threads(), ranges.size()));
        List<Partial> partials;
        if (workers == 1 || pool == null) {
            partials = List.of(aggregateMorsels(source, operators, ranges, 0, 1));
        } else {
            List<Integer> tasks = IntStream.range(0, workers).boxed().toList();
            partials = Executor.unwrapping(() -> pool.map(t -> aggregateMorsels(source, operators, ranges, t, workers),
                    tasks, 1));
        }
        Partial result = partials.get(0);
        for (int p = 1; p < partials.size(); p++) {
            Partial other = partials.get(p);
            int[] mapping = result.table().merge(other.table());
            for (int a = 0; a < aggs.size(); a++) {
                result.accumulators().get(a).merge(other.accumulators().get(a), mapping, result.table().groups());
            }
        }
        return finish(result);
    }

    private Partial aggregateMorsels(DataFrame source, List<BatchOperator> operators, List<int[]> ranges, int first,
            int step) {
        GroupTable table = new GroupTable(keyTypes);
        List<Accumulator> states = new ArrayList<>();
        for (Supplier<Accumulator> supplier : accumulators) {
            states.add(supplier.get());
        }
        int[] groups = new int[0];
        for (int m = first; m < ranges.size(); m += step) {
            Batch batch = Executor.process(source, ranges.get(m), operators);
            int rows = batch.rows();
            if (groups.length < rows) {
                groups = new int[rows];
            }
            List<Vector> keys = new ArrayList<>(keyExprs.size());
            for (PhysicalExpr key : keyExprs) {
                keys.add(key.evaluate(batch));
            }
            table.assign(keys, rows, batch.start(), groups);
            for (int a = 0; a < aggs.size(); a++) {
                List<Vector> inputs = new ArrayList<>();
                for (PhysicalExpr in : aggInputs.get(a)) {
                    inputs.add(in.evaluate(batch));
                }
                states.get(a).add(groups, rows, table.groups(), inputs, batch.start());
            }
        }
        return new Partial(table, states);
    }

    /** The groups in order of first appearance, keys first, then the aggregation expressions. */
    private DataFrame finish(Partial result) {
        int[] order = result.table().orderOfFirstAppearance();
        List<Vector> columns = new ArrayList<>();
        List<Schema.Field> fields = new ArrayList<>();
        for (int k = 0; k < keyTypes.size(); k++) {
            columns.add(result.table().keyVector(k, order));
            fields.add(new Schema.Field(aggregate.keys().get(k).outputName(), keyTypes.get(k)));
        }
        Map<Agg, String> names = new LinkedHashMap<>();
        for (int a = 0; a < aggs.size(); a++) {
            Vector values = result.accumulators().get(a).finish(order);
            String name = TEMPORARY + a;
            names.put(aggs.get(a), name);
            columns.add(values);
            fields.add(new Schema.Field(name, values.type()));
        }
        Schema aggregated = Schema.of(fields);
        Batch batch = new Batch(columns, order.length, 0);
        Schema output = aggregate.schema();
        List<Series> series = new ArrayList<>();
        for (int k = 0; k < keyTypes.size(); k++) {
            series.add(Series.of(output.field(k).name(), Column.of(columns.get(k))));
        }
        for (int e = 0; e < aggregate.aggs().size(); e++) {
            Expr rewritten = ExprTrees.rewrite(aggregate.aggs().get(e),
                    node -> node instanceof Agg agg ? new Col(names.get(agg)) : node);
            Vector values = ExprCompiler.compile(rewritten, aggregated).evaluate(batch);
            Schema.Field field = output.field(keyTypes.size() + e);
            if (values.type() != field.type()) {
                values = CastKernel.cast(values, field.type(), true, 0, aggregate.aggs().get(e).toString());
            }
            series.add(Series.of(field.name(), Column.of(values)));
        }
        return DataFrame.of(series);
    }
}
