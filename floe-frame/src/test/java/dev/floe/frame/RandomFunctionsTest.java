package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.exec.ExecutionConfig;
import dev.floe.frame.expr.Exprs;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** random() and uuid(): values in range, different per row and per call, the same again for one seed on one thread. */
class RandomFunctionsTest {
    private static final DataFrame ROWS = DataFrame.of(Series.of("i", DataType.INT64,
            java.util.stream.LongStream.range(0, 100_000).boxed().map(Object.class::cast).toList()));

    @Test
    void randomDrawsUniformValuesThatNoFoldingMakesOne() {
        ExecutionConfig one = new ExecutionConfig(1, 4_096);
        DataFrame out = ROWS.lazy().select(Exprs.random(7).alias("r"), Exprs.random(8).alias("s"),
                lit(1.0).add(Exprs.random(9)).alias("shifted")).collect(new ExecutionConfig(2, 4_096));
        double sum = 0;
        Set<Double> distinct = new HashSet<>();
        for (int i = 0; i < out.height(); i++) {
            double r = (Double) out.get(i, "r");
            assertThat(r).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
            assertThat((Double) out.get(i, "shifted")).isGreaterThanOrEqualTo(1.0).isLessThan(2.0);
            sum += r;
            distinct.add(r);
        }
        assertThat(sum / out.height()).isBetween(0.49, 0.51);
        assertThat(distinct.size()).isGreaterThan(99_990); // per row, not one value folded for all
        assertThat(out.column("r").toList()).isNotEqualTo(out.column("s").toList());
        // one seed, one thread, one morsel size: the same values again, in a filter too
        List<Object> first = ROWS.lazy().select(Exprs.random(42).alias("r")).collect(one).column("r").toList();
        List<Object> again = ROWS.lazy().select(Exprs.random(42).alias("r")).collect(one).column("r").toList();
        assertThat(again).isEqualTo(first);
        long kept = ROWS.lazy().filter(Exprs.random(3).lt(0.25)).collect(one).height();
        assertThat(kept).isEqualTo(ROWS.lazy().filter(Exprs.random(3).lt(0.25)).collect(one).height());
        assertThat(kept).isBetween(24_000L, 26_000L);
        assertThat(ROWS.lazy().select(Exprs.random()).collect().columns()).containsExactly("random");
    }

    @Test
    void uuidsAreVersionFourTextAndDistinct() {
        DataFrame out = ROWS.lazy().select(Exprs.uuid().alias("u"), col("i")).collect();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < out.height(); i++) {
            String u = (String) out.get(i, "u");
            assertThat(u).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(java.util.UUID.fromString(u).version()).isEqualTo(4);
            assertThat(java.util.UUID.fromString(u).variant()).isEqualTo(2);
            seen.add(u);
        }
        assertThat(seen).hasSize(out.height());
    }
}
