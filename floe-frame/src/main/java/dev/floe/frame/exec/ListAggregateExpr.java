package dev.floe.frame.exec;

import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.column.ListVector;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.agg.Accumulator;
import dev.floe.frame.exec.agg.Accumulators;
import dev.floe.frame.expr.Agg;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTrees;
import dev.floe.frame.expr.ExprTyper;
import dev.floe.frame.expr.ListLambda;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@link ListLambda} of kind {@code AGGREGATE} computed a batch at a time: every list of the
 * batch is a group, its elements the group's rows. Each aggregation in the body runs once over
 * all the batch's elements (with the group-by's accumulators, so a list's {@code sum} is the
 * {@code sum} of a group of those values), then the body's expression of their results runs over
 * the lists; a null list gives null.
 */
record ListAggregateExpr(PhysicalExpr list, List<PhysicalExpr> captures, List<PhysicalExpr> inputs, int[][] slots,
        List<Supplier<Accumulator>> accumulators, PhysicalExpr result, DataType type) implements PhysicalExpr {

    /** The name an aggregation's result goes by in the body's expression over the lists. */
    private static final String RESULT = "\u0000aggregation ";

    static ListAggregateExpr of(ListLambda lambda, Schema schema, Schema own, DataType type) {
        Map<Agg, Integer> found = new LinkedHashMap<>();
        GroupedAggregation.collectAggs(lambda.body(), found);
        List<Agg> aggs = List.copyOf(found.keySet());
        Map<Expr, Integer> inputSlots = new LinkedHashMap<>();
        List<PhysicalExpr> inputs = new ArrayList<>();
        int[][] slots = new int[aggs.size()][];
        List<Supplier<Accumulator>> accumulators = new ArrayList<>();
        List<Schema.Field> lists = new ArrayList<>();
        for (int a = 0; a < aggs.size(); a++) {
            Agg agg = aggs.get(a);
            slots[a] = new int[agg.inputs().size()];
            for (int i = 0; i < agg.inputs().size(); i++) {
                Expr in = i == 0 ? GroupedAggregation.accumulated(agg, own) : agg.inputs().get(i);
                Integer slot = inputSlots.get(in);
                if (slot == null) {
                    slot = inputs.size();
                    inputSlots.put(in, slot);
                    inputs.add(ExprCompiler.compile(in, own));
                }
                slots[a][i] = slot;
            }
            DataType inputType = agg.inputs().isEmpty() ? DataType.NULL
                    : ExprTyper.typeOf(GroupedAggregation.accumulated(agg, own), own);
            DataType resultType = ExprTyper.typeOf(agg, own);
            accumulators.add(Accumulators.of(agg, inputType, resultType));
            lists.add(new Schema.Field(RESULT + a, resultType));
        }
        for (int i = 0; i < lambda.captures().size(); i++) {
            lists.add(new Schema.Field(lambda.captureNames().get(i), ExprTyper.typeOf(lambda.captures().get(i), schema)));
        }
        Expr overLists = ExprTrees.rewrite(lambda.body(), e -> e instanceof Agg agg ? new Col(RESULT + found.get(agg)) : e);
        List<PhysicalExpr> captures = new ArrayList<>();
        for (Expr capture : lambda.captures()) {
            captures.add(ExprCompiler.compile(capture, schema));
        }
        return new ListAggregateExpr(ExprCompiler.compile(lambda.input(), schema), captures, inputs, slots, accumulators,
                ExprCompiler.compile(overLists, Schema.of(lists)), type);
    }

    @Override
    public Vector evaluate(Batch batch) {
        ListVector lists = (ListVector) list.evaluate(batch);
        int rows = lists.length();
        List<Vector> captured = new ArrayList<>(captures.size());
        for (PhysicalExpr capture : captures) {
            captured.add(capture.evaluate(batch));
        }
        int[] offsets = new int[rows + 1];
        int[] positions = ListKernel.positions(lists, offsets);
        int total = positions.length;
        int[] owners = ListKernel.owners(offsets, rows);
        List<Vector> elementColumns = new ArrayList<>(captured.size() + 1);
        elementColumns.add(take(lists.elements(), positions, total));
        for (Vector capture : captured) {
            elementColumns.add(take(capture, owners, total));
        }
        Batch elements = new Batch(elementColumns, total, batch.start());
        List<Vector> values = new ArrayList<>(inputs.size());
        for (PhysicalExpr input : inputs) {
            values.add(input.evaluate(elements));
        }
        int[] order = new int[rows];
        for (int r = 0; r < rows; r++) {
            order[r] = r;
        }
        List<Vector> perList = new ArrayList<>(accumulators.size() + captured.size());
        for (int a = 0; a < accumulators.size(); a++) {
            List<Vector> in = new ArrayList<>(slots[a].length);
            for (int slot : slots[a]) {
                in.add(values.get(slot));
            }
            Accumulator accumulator = accumulators.get(a).get();
            accumulator.add(owners, total, rows, in, batch.start());
            perList.add(accumulator.finish(order));
        }
        perList.addAll(captured);
        Vector out = result.evaluate(new Batch(perList, rows, batch.start()));
        return Kernels.withValidity(out, Kernels.and(out.validity(), lists.validity(), rows));
    }

    private static Vector take(Vector vector, int[] positions, int count) {
        return count == 0 ? vector.slice(0, 0) : Kernels.gather(vector, positions, count);
    }
}
