package dev.floe.frame.exec;

import dev.floe.FloeException;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import dev.floe.frame.column.Vector;
import dev.floe.frame.column.Vectors;
import dev.floe.frame.expr.PerValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link PerValue} call compiled: the rows of a batch grouped by their tuple of settings, each
 * group's rows gathered and computed by the expression its settings make (compiled once per tuple
 * and kept, up to {@link #KEPT} tuples), the results put back in row order. A batch with one
 * tuple is computed whole, without gathering. A null setting is one more value.
 */
final class PerValueExpr implements PhysicalExpr {
    /** The most compiled expressions kept; past it they are made again (text patterns of every row). */
    static final int KEPT = 1024;

    private final PerValue binding;
    private final List<PhysicalExpr> inputs;
    private final Schema schema;
    private final boolean[] setting;
    private final String text;
    private final Map<List<Object>, PhysicalExpr> compiled = new HashMap<>();

    PerValueExpr(PerValue binding, List<PhysicalExpr> inputs, String text) {
        this.binding = binding;
        this.inputs = List.copyOf(inputs);
        this.text = text;
        this.setting = new boolean[inputs.size()];
        for (int position : binding.settings()) {
            setting[position] = true;
        }
        List<Schema.Field> fields = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (!setting[i]) {
                fields.add(new Schema.Field(PerValue.input(i), inputs.get(i).type()));
            }
        }
        this.schema = Schema.of(fields);
    }

    @Override
    public DataType type() {
        return binding.type();
    }

    @Override
    public Vector evaluate(Batch batch) {
        int rows = batch.rows();
        Vector[] values = new Vector[inputs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = inputs.get(i).evaluate(batch);
        }
        int[] settings = binding.settings();
        // each row's tuple of settings, as its number among the batch's distinct tuples
        Map<List<Object>, Integer> numbers = new LinkedHashMap<>();
        int[] tuple = new int[rows];
        for (int r = 0; r < rows; r++) {
            Object[] key = new Object[settings.length];
            for (int k = 0; k < settings.length; k++) {
                Vector v = values[settings[k]];
                key[k] = v.isNull(r) ? null : v.get(r);
            }
            Integer number = numbers.putIfAbsent(Arrays.asList(key), numbers.size());
            tuple[r] = number == null ? numbers.size() - 1 : number;
        }
        List<Vector> others = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (!setting[i]) {
                others.add(values[i]);
            }
        }
        List<List<Object>> tuples = new ArrayList<>(numbers.keySet());
        if (tuples.size() <= 1) {
            return rows == 0 ? Kernels.nulls(type(), 0) : computed(tuples.get(0), new Batch(others, rows, batch.start()));
        }
        // the rows of each tuple, in order
        int[] starts = new int[tuples.size() + 1];
        for (int r = 0; r < rows; r++) {
            starts[tuple[r] + 1]++;
        }
        for (int t = 1; t <= tuples.size(); t++) {
            starts[t] += starts[t - 1];
        }
        int[] order = new int[rows];
        int[] next = Arrays.copyOf(starts, starts.length);
        for (int r = 0; r < rows; r++) {
            order[next[tuple[r]]++] = r;
        }
        List<Vector> parts = new ArrayList<>(tuples.size());
        for (int t = 0; t < tuples.size(); t++) {
            int count = starts[t + 1] - starts[t];
            int[] positions = Arrays.copyOfRange(order, starts[t], starts[t + 1]);
            List<Vector> gathered = new ArrayList<>(others.size());
            for (Vector other : others) {
                gathered.add(Kernels.gather(other, positions, count));
            }
            parts.add(computed(tuples.get(t), new Batch(gathered, count, batch.start())));
        }
        // where each row's value lies among the parts put end to end
        int[] place = new int[rows];
        for (int i = 0; i < rows; i++) {
            place[order[i]] = i;
        }
        return Kernels.gather(Vectors.concat(type(), parts), place, rows);
    }

    private Vector computed(List<Object> settings, Batch batch) {
        PhysicalExpr expr;
        synchronized (compiled) {
            expr = compiled.get(settings);
        }
        if (expr == null) {
            dev.floe.frame.expr.Expr bound = binding.bind(settings);
            expr = ExprCompiler.compile(bound, schema);
            if (expr.type() == DataType.NULL && type() != DataType.NULL) { // a null setting's null
                expr = ExprCompiler.compile(bound.cast(type()), schema);
            }
            if (expr.type() != type()) {
                throw new FloeException(text + " gives " + expr.type() + " for the settings " + settings + " where it "
                        + "gives " + type() + " for others; give them as constants");
            }
            synchronized (compiled) {
                if (compiled.size() >= KEPT) {
                    compiled.clear();
                }
                compiled.put(settings, expr);
            }
        }
        Vector out = expr.evaluate(batch);
        return out.length() == batch.rows() ? out : Kernels.gather(out, new int[batch.rows()], batch.rows());
    }
}
