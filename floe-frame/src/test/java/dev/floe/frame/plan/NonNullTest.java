package dev.floe.frame.plan;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The columns {@link NonNull} says hold no null: what each step tells, and, over random plans on
 * data with nulls, that no column it names ever holds one.
 */
class NonNullTest {
    private static DataFrame frame(String prefix, int rows, SplittableRandom random, boolean nulls) {
        Long[] a = new Long[rows];
        Long[] b = new Long[rows];
        long[] c = new long[rows];
        for (int i = 0; i < rows; i++) {
            a[i] = nulls && random.nextInt(4) == 0 ? null : (long) random.nextInt(6);
            b[i] = nulls && random.nextInt(3) == 0 ? null : (long) random.nextInt(6);
            c[i] = random.nextInt(6);
        }
        return DataFrame.of(Series.of(prefix + "a", Arrays.asList(a)), Series.of(prefix + "b", Arrays.asList(b)),
                Series.of(prefix + "c", c));
    }

    @Test
    void whatEachStepTells() {
        SplittableRandom random = new SplittableRandom(3);
        LazyFrame x = frame("x", 50, random, true).lazy();
        LazyFrame y = frame("y", 50, random, true).lazy();
        assertThat(NonNull.columns(x.plan())).containsExactly("xc");
        assertThat(NonNull.columns(x.filter(col("xa").gt(1).and(col("xb").lt(col("xc")))).plan()))
                .containsExactlyInAnyOrder("xa", "xb", "xc");
        assertThat(NonNull.columns(x.filter(col("xa").gt(1).or(col("xb").gt(1))).plan())).containsExactly("xc");
        assertThat(NonNull.columns(x.filter(col("xa").gt(1).not()).plan())).containsExactlyInAnyOrder("xa", "xc");
        assertThat(NonNull.columns(x.filter(col("xa").gt(1).and(col("xb").gt(1)).not()).plan())).containsExactly("xc");
        assertThat(NonNull.columns(x.filter(col("xb").isNotNull()).plan())).containsExactlyInAnyOrder("xb", "xc");
        assertThat(NonNull.columns(x.select(col("xc").alias("k"), col("xc").add(1).alias("k1")).plan()))
                .containsExactly("k");
        assertThat(NonNull.columns(x.withColumns(col("xa").alias("xc")).plan())).isEmpty();
        assertThat(NonNull.columns(x.join(y, List.of("xa"), List.of("ya"), JoinType.INNER, "_r").plan()))
                .containsExactlyInAnyOrder("xa", "xc", "yc");
        assertThat(NonNull.columns(x.join(y, List.of("xa"), List.of("ya"), JoinType.SEMI, "_r").plan()))
                .containsExactlyInAnyOrder("xa", "xc");
        assertThat(NonNull.columns(x.join(y, List.of("xa"), List.of("ya"), JoinType.LEFT, "_r").plan()))
                .containsExactly("xc");
        assertThat(NonNull.columns(x.join(y, List.of("xa"), List.of("ya"), JoinType.RIGHT, "_r").plan())).isEmpty();
        assertThat(NonNull.columns(x.groupBy("xc", "xa").agg(col("xb").sum()).plan())).containsExactly("xc");
    }

    /** Random steps over frames with nulls: every column named holds no null in the answer. */
    @Test
    void noColumnItNamesHoldsANull() {
        SplittableRandom random = new SplittableRandom(29);
        int named = 0;
        for (int round = 0; round < 300; round++) {
            LazyFrame query = frame("x", 1 + random.nextInt(80), random, true).lazy();
            List<String> names = new ArrayList<>(List.of("xa", "xb", "xc"));
            for (int step = 0; step < 4; step++) {
                String one = names.get(random.nextInt(names.size()));
                String other = names.get(random.nextInt(names.size()));
                switch (random.nextInt(6)) {
                    case 0 -> query = query.filter(col(one).gt(random.nextInt(4)));
                    case 1 -> query = query.filter(col(one).le(col(other)).or(col(other).eq(2)));
                    case 2 -> query = query.withColumns(col(one).add(col(other)).alias(one));
                    case 3 -> query = query.withColumns(col(other).alias(one));
                    case 4 -> {
                        String prefix = "j" + step;
                        JoinType how = JoinType.values()[random.nextInt(JoinType.values().length)];
                        if (how == JoinType.CROSS) {
                            how = JoinType.INNER;
                        }
                        LazyFrame right = frame(prefix, random.nextInt(30), random, random.nextBoolean()).lazy();
                        query = query.join(right, List.of(one), List.of(prefix + "a"), how, "_r");
                        if (how != JoinType.SEMI && how != JoinType.ANTI) {
                            names.add(prefix + "b");
                            names.add(prefix + "c");
                        }
                    }
                    default -> query = query.filter(col(one).isNotNull().and(col(other).ne(1)));
                }
            }
            Set<String> claimed = NonNull.columns(query.plan());
            DataFrame answer = query.collect();
            for (String name : claimed) {
                assertThat(answer.column(name).nullCount()).as("round %d, %s in\n%s", round, name, query.explain(false))
                        .isZero();
            }
            named += claimed.size();
        }
        assertThat(named).as("columns named over all rounds").isGreaterThan(300);
    }
}
