package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.len;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * An expression whose output name is an existing column's replaces that column, in place and
 * under its own name, whatever kind of expression it is: row-wise, a window, bins cut from the
 * data, an aggregation given to every row. Checked against the same expression computed under
 * a new name next to the original columns.
 */
class ReplaceColumnTest {
    private static final List<ExecutionConfig> CONFIGS = List.of(new ExecutionConfig(1, 7), new ExecutionConfig(3, 5),
            new ExecutionConfig(2, 65_536));

    /** Expressions that keep the name of the column they are built on. */
    private static final List<Function<String, Expr>> KINDS = List.of(
            name -> col(name).add(1),
            name -> col(name).sum().over("k"),
            name -> col(name).max().over("k", "t"),
            name -> col(name).cut(3),
            name -> col(name).qcut(2),
            name -> col(name).sub(col(name).mean()),
            name -> col(name).cast(DataType.FLOAT64).sub(col(name).mean().over("k")),
            name -> col(name).cut(4).cast(DataType.UTF8).str().len(),
            name -> col(name).mul(len().over("k")));

    @Test
    void withColumnsReplacesTheColumnOfTheSameName() {
        for (long seed = 1; seed <= 12; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            DataFrame frame = ExprPropertyTest.randomFrame(random, random.nextInt(0, 50));
            for (String column : List.of("a", "c")) {
                for (int kind = 0; kind < KINDS.size(); kind++) {
                    Expr expr = KINDS.get(kind).apply(column);
                    assertThat(expr.outputName()).as("kind %d keeps the name", kind).isEqualTo(column);
                    for (ExecutionConfig config : CONFIGS) {
                        String what = "seed " + seed + ", kind " + kind + ", " + expr + ", " + config;
                        DataFrame expected = frame.lazy().withColumns(expr.alias("__expected")).collect(config);
                        DataFrame replaced = frame.lazy().withColumns(expr).collect(config);
                        assertThat(replaced.columns()).as(what).containsExactlyElementsOf(frame.columns());
                        assertThat(replaced.schema().type(column)).as(what)
                                .isEqualTo(expected.schema().type("__expected"));
                        assertThat(values(replaced, column)).as(what).isEqualTo(values(expected, "__expected"));
                        for (String other : frame.columns()) {
                            if (!other.equals(column)) {
                                assertThat(values(replaced, other)).as(what).isEqualTo(values(frame, other));
                            }
                        }
                        DataFrame selected = frame.lazy().select(col("k"), expr).collect(config);
                        assertThat(selected.columns()).as(what).containsExactly("k", column);
                        assertThat(values(selected, column)).as(what).isEqualTo(values(expected, "__expected"));
                    }
                }
            }
        }
    }

    @Test
    void binningColumnsInPlaceThenGroupingByThemGroupsByTheBins() {
        // the lectures' example: three columns binned in place, every column's mean per bin
        SplittableRandom random = new SplittableRandom(7);
        int rows = 3_000;
        List<Series> columns = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            double[] values = new double[rows];
            for (int r = 0; r < rows; r++) {
                values[r] = random.nextDouble();
            }
            columns.add(Series.of(Integer.toString(c), values));
        }
        DataFrame frame = DataFrame.of(columns);
        DataFrame binned = frame.lazy().withColumns(col("0").cut(20), col("1").cut(20), col("2").cut(20))
                .collect(new ExecutionConfig(3, 256));
        assertThat(binned.columns()).containsExactly("0", "1", "2", "3", "4");
        assertThat(binned.schema().type("0")).isEqualTo(DataType.CATEGORICAL);
        DataFrame means = binned.lazy().groupBy("0", "1", "2").mean().collect();
        long distinctBins = frame.lazy().select(col("0").cut(20).alias("x"), col("1").cut(20).alias("y"),
                col("2").cut(20).alias("z")).unique().collect().height();
        assertThat(means.height()).isEqualTo(distinctBins).isLessThanOrEqualTo(8_000);
        assertThat(means.columns()).containsExactly("0", "1", "2", "3", "4");
    }

    private static List<Object> values(DataFrame frame, String column) {
        List<Object> values = new ArrayList<>();
        for (int row = 0; row < frame.height(); row++) {
            Object value = frame.get(row, column);
            values.add(value instanceof Double d && d.isNaN() ? "NaN" : value);
        }
        return values;
    }
}
