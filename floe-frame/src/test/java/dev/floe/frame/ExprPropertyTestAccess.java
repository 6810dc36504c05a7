package dev.floe.frame;

import java.util.SplittableRandom;

/** The random frames of {@link ExprPropertyTest}, for tests in other packages. */
public final class ExprPropertyTestAccess {
    private ExprPropertyTestAccess() {}

    public static DataFrame randomFrame(SplittableRandom random, int rows) {
        DataFrame frame = ExprPropertyTest.randomFrame(random, rows);
        java.util.List<Object> q = new java.util.ArrayList<>();
        for (int i = 0; i < rows; i++) {
            q.add(random.nextInt(9) == 0 ? null : "text " + random.nextInt(1000));
        }
        return DataFrame.concatHorizontal(frame, DataFrame.of(Series.of("q", DataType.UTF8, q)));
    }
}
