package dev.floe.frame;

import static dev.floe.frame.expr.Exprs.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.FloeException;
import dev.floe.pool.FloeProcess;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A query that runs out of heap fails with a {@link FloeException} that says so, how much heap
 * the JVM has, what filled it (a large result: write it with a sink) and how to give it more, and
 * the session goes on working. Run in a JVM of its own
 * with a small heap, so running out is quick and certain.
 */
@org.junit.jupiter.api.Tag("own-configuration")
class OutOfMemoryTest {
    @Test
    void aQueryOutOfHeapFailsWithAnErrorThatSaysWhatToDoAndTheSessionGoesOn() throws Exception {
        FloeProcess child = FloeProcess.start(OutOfMemoryTest::inSmallHeap, List.of("-Xmx96m"));
        assertThat(child.join(Duration.ofMinutes(2))).as("the child ends").isTrue();
        assertThat(child.exitCode()).as("exit code of the child (its output says what failed)").hasValue(0);
    }

    /** The checks, in the child: exits 0 when all hold, 3 when one does not. */
    static void inSmallHeap() {
        DataFrame rows = DataFrame.of(Series.of("a", LongStream.range(0, 2_000_000).toArray()));
        DataFrame few = DataFrame.of(Series.of("b", LongStream.range(0, 100_000).toArray()));
        try (Session session = Session.create().threads(2)) {
            try {
                // 2e11 pairs to hold before the sort: the heap runs out long before
                session.collect(rows.lazy().crossJoin(few.lazy()).sort("b"));
                System.err.println("the query did not run out of memory");
                System.exit(3);
            } catch (FloeException e) {
                String message = e.getMessage();
                if (!(message.contains("ran out of memory") && message.contains("maximum heap is 96 MB")
                        && message.contains("-Xmx") && e.getCause() instanceof OutOfMemoryError)) {
                    e.printStackTrace();
                    System.exit(3);
                }
            }
            DataFrame hundred = DataFrame.of(Series.of("c", LongStream.range(0, 100).toArray()));
            try {
                // 2e8 pairs of 24 bytes collected as the result: the result is what fills the heap
                session.collect(rows.lazy().crossJoin(hundred.lazy()).withColumn(col("a").add(col("c")).alias("d")));
                System.err.println("the large result did not run out of memory");
                System.exit(3);
            } catch (FloeException e) {
                String message = e.getMessage();
                if (!(message.contains("ran out of memory") && message.contains("rows (")
                        && message.contains("into a frame") && message.contains("the collected rows are the most it held")
                        && message.contains("sinkParquet") && e.getCause() instanceof OutOfMemoryError)) {
                    e.printStackTrace();
                    System.exit(3);
                }
            }
            DataFrame after = session.collect(few.lazy().select(col("b").sum()));
            if (!after.get(0, "b").equals(4_999_950_000L)) {
                System.err.println("the session gave a wrong answer after the failure: " + after);
                System.exit(3);
            }
        }
        System.exit(0);
    }
}
