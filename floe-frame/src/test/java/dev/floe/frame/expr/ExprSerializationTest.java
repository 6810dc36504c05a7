package dev.floe.frame.expr;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataType;
import dev.floe.frame.expr.WindowFrame.Bound;
import dev.floe.frame.plan.SortKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expressions travel to other JVMs (Spark's executors compute them): every kind serializes, and
 * comes back equal.
 */
class ExprSerializationTest {
    private static Object roundTrip(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Test
    void everyKindOfExpressionComesBackEqual() throws Exception {
        List<Expr> exprs = List.of(
                col("x").add(1).mul(lit(2.5)).alias("a"),
                lit(new BigInteger("123456789012345678901234567890")), lit(LocalDate.of(2020, 2, 29)),
                lit(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 123_000)), lit(Duration.ofMinutes(90)), lit(null),
                col("x").neg().not().isNull(), col("x").cast(DataType.INT128), col("s").tryCast(DataType.DATE),
                Exprs.when(col("x").gt(0)).then(lit("pos")).otherwise(lit("neg")), col("x").fillNull(0),
                col("x").sum(), col("x").quantile(0.3, "linear"), col("s").str().regexMatches("a+", true),
                col("s").str().padStart(4, "*"), col("x").gcd(col("y")), col("x").cut(new double[] {0, 1, 2}, "a", "b"),
                col("x").qcut(4), Exprs.cols("x", "y"), Exprs.listOf(col("x"), lit(1)).lst().sort(),
                col("x").sum().over("g").orderBy(SortKey.desc("t").nullsLast())
                        .frame(WindowFrame.groups(Bound.preceding(1), Bound.following(2))
                                .excluding(WindowFrame.Exclude.TIES)),
                col("x").sum().over(col("y").mod(3)).orderBy("t")
                        .frame(WindowFrame.range(Bound.preceding(2.5), Bound.unboundedFollowing())),
                col("x").lag(2, lit(0)).ignoreNulls().over("g").orderBy("t"),
                col("x").first().ignoreNulls().over("g").orderBy("t")
                        .frame(WindowFrame.rows(Bound.unboundedPreceding(), Bound.currentRow())));
        for (Expr expr : exprs) {
            assertThat(roundTrip(expr)).as(expr.toString()).isEqualTo(expr);
        }
    }
}
