package example;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Floe;
import java.nio.file.Path;

/** The other formats and SQL, from a plain program: Parquet, JSON lines, and a query over both. */
public class Formats {
    public static void main(String[] args) {
        DataFrame sales = Floe.readCsv(args[0]);
        Path folder = Path.of(args[1]);
        sales.writeParquet(folder.resolve("sales.parquet"));
        sales.writeNdjson(folder.resolve("sales.ndjson"));
        DataFrame fromParquet = Floe.readParquet(folder.resolve("sales.parquet").toString());
        DataFrame fromJson = Floe.readNdjson(folder.resolve("sales.ndjson").toString());
        System.out.println("parquet same: " + fromParquet.equals(sales) + ", json same: " + fromJson.equals(sales));
        System.out.println(Floe.sql("SELECT count(*) AS n FROM '" + folder.resolve("sales.parquet") + "'"));
    }
}
