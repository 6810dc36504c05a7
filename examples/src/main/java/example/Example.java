package example;

import static dev.floe.frame.expr.Exprs.col;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Floe;

/** The README's program: a file in, a grouped summary out. */
public class Example {
    public static void main(String[] args) {
        DataFrame sales = Floe.readCsv(args[0]);
        DataFrame byRegion = sales.lazy()
                .filter(col("units").gt(0))
                .groupBy("region")
                .agg(col("units").sum().alias("units"), col("price").mean().alias("mean_price"))
                .sort(col("units").desc())
                .collect();
        System.out.println(byRegion);
    }
}
