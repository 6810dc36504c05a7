package dev.floe.cli.demo;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.len;

import dev.floe.cli.Table;
import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Series;
import dev.floe.sql.SqlContext;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * {@code floe demo sql}: SQL over frames registered by name, answered by the same engine as the
 * DataFrame API: a small table whose answers can be checked by eye (a GROUP BY, a window frame and
 * ROLLUP, DISTINCT ON, an ordered string_agg and a sorted list, exact decimals, an as-of join, DuckDB's FROM first,
 * COLUMNS(...), macros and list comprehensions), then a bigger one where the SQL query and the
 * same query written with expressions give the same result.
 */
final class SqlTour extends Tour {
    private static final String[] CITIES = {"Oslo", "Rome", "Lima", "Kyiv", "Pune", "Quito"};
    private final int rows;

    SqlTour(PrintWriter out, boolean quick) {
        super(out, quick);
        this.rows = quick ? 20_000 : 2_000_000;
    }

    @Override
    boolean run() {
        title("Floe tour: SQL");
        SqlContext sql = new SqlContext();
        boolean agreed = trades(sql);
        agreed &= frames(sql);
        agreed &= largest(sql);
        agreed &= decimals(sql);
        agreed &= asof(sql);
        agreed &= fromText(sql);
        agreed &= friendly(sql);
        agreed &= json(sql);
        agreed &= lateral(sql);
        agreed &= readings(sql);
        return agreed;
    }

    /** Five trades, a GROUP BY whose answer is easy to check: ABC 3200.0, QQQ 3000.0, XYZ 1475.0. */
    static DataFrame tradeFrame() {
        return DataFrame.of(Series.of("sym", "ABC", "XYZ", "ABC", "XYZ", "QQQ"),
                Series.of("qty", 100L, 50L, 200L, 25L, 10L),
                Series.of("price", 10.0, 20.0, 11.0, 19.0, 300.0));
    }

    static final String TRADES_QUERY = """
            SELECT sym, sum(qty) AS qty, sum(qty * price) AS notional
            FROM trades
            GROUP BY sym
            ORDER BY notional DESC""";

    private boolean trades(SqlContext sql) {
        heading("A frame registered as a table");
        sql.register("trades", tradeFrame());
        note("sql.register(\"trades\", trades); sql.sql(...):");
        out.println(TRADES_QUERY.indent(2).stripTrailing());
        DataFrame result = sql.sql(TRADES_QUERY);
        out.println(result);
        boolean agrees = result.height() == 3
                && List.of("ABC", "QQQ", "XYZ").equals(result.column("sym").toList())
                && List.of(300L, 10L, 75L).equals(longs(result, "qty"))
                && List.of(3200.0, 3000.0, 1475.0).equals(doubles(result, "notional"));
        note(agrees ? "ABC 100 x 10.0 + 200 x 11.0 = 3200.0, QQQ 10 x 300.0 = 3000.0, XYZ 50 x 20.0 + 25 x 19.0 = 1475.0: "
                + "as it should be." : "THE SQL ANSWER IS WRONG.");
        return agrees;
    }

    static final String FRAMES_QUERY = """
            SELECT sym, qty,
                   sum(qty) OVER (PARTITION BY sym ORDER BY qty ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS last_two
            FROM trades
            ORDER BY sym, qty""";

    static final String ROLLUP_QUERY = """
            SELECT sym, sum(qty) AS qty, GROUPING(sym) AS total
            FROM trades
            GROUP BY ROLLUP (sym)
            ORDER BY total, sym""";

    /** A window frame and a ROLLUP over the same trades, each with an answer easy to check. */
    private boolean frames(SqlContext sql) {
        heading("Window frames and ROLLUP");
        out.println(FRAMES_QUERY.indent(2).stripTrailing());
        DataFrame framed = sql.sql(FRAMES_QUERY);
        out.println(framed);
        out.println(ROLLUP_QUERY.indent(2).stripTrailing());
        DataFrame rolled = sql.sql(ROLLUP_QUERY);
        out.println(rolled);
        boolean agrees = List.of(100L, 300L, 10L, 25L, 75L).equals(longs(framed, "last_two"))
                && List.of(300L, 10L, 75L, 385L).equals(longs(rolled, "qty"))
                && rolled.get(3, "sym") == null;
        note(agrees ? "Each trade's quantity plus the one before it in its symbol (ABC 100, 100 + 200 = 300); ROLLUP "
                + "adds the total over every symbol (385) in a row whose sym is null: as it should be."
                : "THE SQL ANSWER IS WRONG.");
        return agrees;
    }

    static final String LARGEST_QUERY = """
            SELECT DISTINCT ON (sym) sym, qty, price
            FROM trades
            ORDER BY sym, qty DESC""";

    static final String ORDERED_QUERY = """
            SELECT string_agg(sym || ' ' || qty, ', ' ORDER BY qty DESC) AS by_size,
                   count(DISTINCT sym) AS symbols,
                   list_sort(list(qty)) AS sizes,
                   list_filter(list_sort(list(qty)), q -> q >= 50) AS large,
                   histogram(sym) AS per_symbol
            FROM trades""";

    /** DISTINCT ON and ORDER BY inside an aggregate, as Postgres and DuckDB users write them. */
    private boolean largest(SqlContext sql) {
        heading("The largest trade per symbol: DISTINCT ON, and ordered aggregates");
        out.println(LARGEST_QUERY.indent(2).stripTrailing());
        DataFrame largest = sql.sql(LARGEST_QUERY);
        out.println(largest);
        out.println(ORDERED_QUERY.indent(2).stripTrailing());
        DataFrame ordered = sql.sql(ORDERED_QUERY);
        out.println(ordered);
        boolean agrees = List.of(200L, 10L, 50L).equals(longs(largest, "qty"))
                && "ABC 200, ABC 100, XYZ 50, XYZ 25, QQQ 10".equals(ordered.get(0, "by_size"))
                && Long.valueOf(3).equals(ordered.get(0, "symbols"))
                && List.of(10L, 25L, 50L, 100L, 200L).equals(ordered.get(0, "sizes"))
                && List.of(50L, 100L, 200L).equals(ordered.get(0, "large"))
                && List.of("ABC", "QQQ", "XYZ").equals(new java.util.ArrayList<>(
                        ((java.util.Map<?, ?>) ordered.get(0, "per_symbol")).keySet()))
                && java.util.Map.of("ABC", 2L, "QQQ", 1L, "XYZ", 2L).equals(ordered.get(0, "per_symbol"));
        note(agrees ? "The first row of each symbol, largest quantity first (ABC 200, QQQ 10, XYZ 50); the trades "
                + "joined largest first, three symbols, the sizes sorted, those of 50 or more (a lambda), and "
                + "how many trades each symbol has (a map, smallest key first): as it should be."
                : "THE SQL ANSWER IS WRONG.");
        return agrees;
    }

    /** DECIMAL(p, s): money computed exactly, next to the same sum in doubles. */
    static final String DECIMAL_QUERY = """
            SELECT 0.1 + 0.2 AS exact, typeof(0.1 + 0.2) AS type,
                   0.1 + 0.2 = 0.3 AS decimals_say,
                   CAST(0.1 AS DOUBLE) + CAST(0.2 AS DOUBLE) = CAST(0.3 AS DOUBLE) AS doubles_say,
                   sum(CAST(price AS DECIMAL(10, 2)) * qty) AS notional
            FROM trades""";

    static final String ASOF_QUERY = """
            SELECT f.sym, f.at, f.qty, q.at AS quoted_at, q.bid
            FROM fills f ASOF LEFT JOIN quotes q ON f.sym = q.sym AND f.at >= q.at
            ORDER BY f.at""";

    /** Each fill with the last quote of its symbol at or before it: an as-of join (pandas' merge_asof). */
    private boolean asof(SqlContext sql) {
        heading("The last quote before each fill: ASOF JOIN");
        sql.register("fills", DataFrame.of(Series.of("sym", "ABC", "XYZ", "ABC", "XYZ"), Series.of("at", 3L, 4L, 7L, 9L),
                Series.of("qty", 100L, 50L, 200L, 25L)));
        sql.register("quotes", DataFrame.of(Series.of("sym", "ABC", "ABC", "XYZ", "ABC", "XYZ"),
                Series.of("at", 1L, 3L, 5L, 6L, 8L), Series.of("bid", 9.5, 9.9, 19.0, 10.5, 18.5)));
        out.println(ASOF_QUERY.indent(2).stripTrailing());
        DataFrame joined = sql.sql(ASOF_QUERY);
        out.println(joined);
        boolean agrees = java.util.Arrays.asList(3L, null, 6L, 8L).equals(joined.column("quoted_at").toList())
                && java.util.Arrays.asList(9.9, null, 10.5, 18.5).equals(joined.column("bid").toList());
        note(agrees ? "ABC at 3 takes the quote at 3 (at or before), XYZ at 4 has none yet (null: a LEFT as-of join "
                + "keeps it), ABC at 7 the one at 6, XYZ at 9 the one at 8: as it should be."
                : "THE SQL ANSWER IS WRONG.");
        return agrees;
    }

    static final String TEXT_QUERY = """
            SELECT CAST('[1, 2, NULL]' AS INTEGER[]) AS list,
                   CAST('1 day 01:30:00' AS INTERVAL) AS span,
                   TIME '23:00' + INTERVAL 2 HOUR AS clock,
                   quantile_cont(qty, [0.25, 0.5, 0.75]) AS quartiles
            FROM trades""";

    /** Lists, intervals and times read from their text, and a list of quantiles. */
    private boolean fromText(SqlContext sql) {
        heading("Lists, intervals and times of day from text; quartiles in one call");
        out.println(TEXT_QUERY.indent(2).stripTrailing());
        DataFrame read = sql.sql(TEXT_QUERY);
        out.println(read);
        boolean agrees = java.util.Arrays.asList(1, 2, null).equals(read.get(0, "list"))
                && java.time.Duration.ofMinutes(25 * 60 + 30).equals(read.get(0, "span"))
                && java.time.LocalTime.of(1, 0).equals(read.get(0, "clock"))
                && List.of(25.0, 50.0, 100.0).equals(read.get(0, "quartiles"));
        note(agrees ? "The text [1, 2, NULL] read as a list, '1 day 01:30:00' as an interval, 23:00 plus two hours "
                + "round past midnight to 01:00, and the quartiles of the five quantities (10, 25, 50, 100, 200): as "
                + "it should be."
                : "THE SQL ANSWER IS WRONG.");
        return agrees;
    }

    static final String FRIENDLY_QUERY = """
            CREATE MACRO notional(q, p) AS q * p;
            FROM trades
            SELECT sym, max(COLUMNS(['qty', 'price'])), sum(notional(qty, price)) AS notional,
                   [q // 10 FOR q IN list(qty ORDER BY qty) IF q >= 25] AS tens
            GROUP BY sym ORDER BY sym""";

    /** DuckDB's friendlier SQL: FROM first, COLUMNS(...), a macro and a list comprehension. */
    private boolean friendly(SqlContext sql) {
        heading("DuckDB's friendlier SQL: FROM first, COLUMNS(...), a macro, a list comprehension");
        out.println(FRIENDLY_QUERY.indent(2).stripTrailing());
        DataFrame friendly = sql.sql(FRIENDLY_QUERY);
        out.println(friendly);
        boolean agrees = List.of("sym", "qty", "price", "notional", "tens").equals(friendly.columns())
                && List.of(200L, 10L, 50L).equals(longs(friendly, "qty"))
                && java.util.Arrays.asList(11.0, 300.0, 20.0).equals(friendly.column("price").toList())
                && java.util.Arrays.asList(3200.0, 3000.0, 1475.0).equals(friendly.column("notional").toList())
                && List.of(List.of(10L, 20L), List.of(), List.of(2L, 5L)).equals(friendly.column("tens").toList());
        note(agrees ? "Each symbol's largest quantity and price (one max per column COLUMNS names, each named after "
                + "its column), its notional through a macro (ABC 3200, QQQ 3000, XYZ 1475), and its quantities of 25 "
                + "or more in tens: as it should be."
                : "THE SQL ANSWER IS WRONG.");
        return agrees;
    }

    static final String JSON_QUERY = """
            SELECT doc ->> 'sym' AS sym, json_array_length(doc, '$.fills') AS fills,
                   CAST(doc -> '$.fills[#-1]' ->> 'qty' AS INTEGER) AS last_qty,
                   unnest(json_keys(doc)) AS key, unnest(['first', 'second']) AS nth
            FROM (VALUES ('{"sym": "ABC", "fills": [{"qty": 100}, {"qty": 200}]}'),
                         ('{"sym": "XYZ", "fills": [{"qty": 50}], "note": "late"}')) AS orders(doc)
            ORDER BY sym, nth""";

    /** JSON read with DuckDB's operators and functions, and two unnests side by side. */
    private boolean json(SqlContext sql) {
        heading("JSON text: ->, ->> and json_* functions; two unnests side by side");
        out.println(JSON_QUERY.indent(2).stripTrailing());
        DataFrame json = sql.sql(JSON_QUERY);
        out.println(json);
        boolean agrees = List.of("ABC", "ABC", "XYZ", "XYZ", "XYZ").equals(json.column("sym").toList())
                && List.of(2L, 2L, 1L, 1L, 1L).equals(longs(json, "fills"))
                && List.of(200L, 200L, 50L, 50L, 50L).equals(longs(json, "last_qty"))
                && java.util.Arrays.asList("sym", "fills", "sym", "fills", "note").equals(json.column("key").toList())
                && java.util.Arrays.asList("first", "second", "first", "second", null).equals(json.column("nth").toList());
        note(agrees ? "Each order's symbol, how many fills it has and the last fill's quantity, read from its JSON text; "
                + "its keys and the list ['first', 'second'] unnested together, the shorter padded with NULL, as DuckDB "
                + "does: as it should be."
                : "THE SQL ANSWER IS WRONG.");
        return agrees;
    }

    static final String LATERAL_QUERY = """
            SELECT s.sym, l.top_qty, l.price_of_top, l.trades
            FROM (SELECT DISTINCT sym FROM trades) s,
                 LATERAL (SELECT max(qty, 2) AS top_qty, arg_max(price, qty, 1) AS price_of_top,
                                 count(*) AS trades
                          FROM trades t WHERE t.sym = s.sym) l
            ORDER BY s.sym""";

    /** A LATERAL subquery per symbol, with top-n aggregates. */
    private boolean lateral(SqlContext sql) {
        heading("A LATERAL subquery per row; top-n aggregates max(x, n) and arg_max(x, key, n)");
        out.println(LATERAL_QUERY.indent(2).stripTrailing());
        DataFrame each = sql.sql(LATERAL_QUERY);
        out.println(each);
        boolean agrees = List.of("ABC", "QQQ", "XYZ").equals(each.column("sym").toList())
                && List.of(List.of(200L, 100L), List.of(10L), List.of(50L, 25L)).equals(each.column("top_qty").toList())
                && List.of(List.of(11.0), List.of(300.0), List.of(20.0)).equals(each.column("price_of_top").toList())
                && List.of(2L, 1L, 2L).equals(longs(each, "trades"));
        note(agrees ? "For each symbol, the subquery reads its row (t.sym = s.sym): its two largest quantities, "
                + "the price of the largest, and its count of trades: as it should be."
                : "THE SQL ANSWER IS WRONG.");
        return agrees;
    }

    private boolean decimals(SqlContext sql) {
        heading("Exact decimals: DECIMAL(p, s)");
        out.println(DECIMAL_QUERY.indent(2).stripTrailing());
        DataFrame exact = sql.sql(DECIMAL_QUERY);
        out.println(exact);
        boolean agrees = new java.math.BigDecimal("0.3").equals(exact.get(0, "exact"))
                && "DECIMAL(3,1)".equals(exact.get(0, "type"))
                && Boolean.TRUE.equals(exact.get(0, "decimals_say")) && Boolean.FALSE.equals(exact.get(0, "doubles_say"))
                && new java.math.BigDecimal("7675.00").equals(exact.get(0, "notional"));
        note(agrees ? "a number written with a point is the DECIMAL of its digits, as in SQL: 0.1 + 0.2 is 0.3 "
                + "exactly, and not in doubles (0.30000000000000004); the notional sum is "
                + "a DECIMAL(38, 2), 7675.00 exactly: as it should be." : "THE SQL ANSWER IS WRONG.");
        return agrees;
    }

    private boolean readings(SqlContext sql) {
        heading(String.format("%,d readings: the same question in SQL and with expressions", rows));
        DataFrame readings = readingFrame(rows);
        sql.register("readings", readings);
        String query = """
                SELECT city, count(*) AS n, avg(temp) AS mean_temp, max(temp) AS hottest
                FROM readings
                WHERE temp > 0
                GROUP BY city
                ORDER BY city""";
        out.println(query.indent(2).stripTrailing());
        DataFrame[] bySql = new DataFrame[1];
        DataFrame[] byApi = new DataFrame[1];
        double sqlTime = time(() -> bySql[0] = sql.sql(query), 1);
        double apiTime = time(() -> byApi[0] = readings.lazy().filter(col("temp").gt(0)).groupBy("city")
                .agg(len().alias("n"), col("temp").mean().alias("mean_temp"), col("temp").max().alias("hottest"))
                .sort("city").collect(), 1);
        out.println(bySql[0]);
        Table table = new Table("written as", "time");
        table.row("SQL: sql.sql(query)", seconds(sqlTime));
        table.row("expressions: filter(...).groupBy(\"city\").agg(...).sort(\"city\")", seconds(apiTime));
        out.print(table);
        note("The plan SQL runs, as sql.explain(query) prints it (or, in SQL, EXPLAIN followed by the query):");
        out.print(sql.explain(query).indent(2));
        boolean agrees = sameValues(bySql[0], byApi[0]);
        note(agrees ? "SQL and the DataFrame API agree, value for value." : "SQL AND THE DATAFRAME API DISAGREE.");
        return agrees;
    }

    /** Temperatures of a few cities, some missing. */
    static DataFrame readingFrame(int rows) {
        SplittableRandom random = new SplittableRandom(11);
        List<Object> city = new ArrayList<>(rows);
        List<Object> temp = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            city.add(CITIES[random.nextInt(CITIES.length)]);
            temp.add(random.nextInt(25) == 0 ? null : Math.round(random.nextGaussian() * 80) / 10.0 + 9);
        }
        return DataFrame.of(Series.of("city", DataType.UTF8, city), Series.of("temp", DataType.FLOAT64, temp));
    }

    private static List<Long> longs(DataFrame frame, String column) {
        List<Long> values = new ArrayList<>();
        for (Object value : frame.column(column).toList()) {
            values.add(value == null ? null : ((Number) value).longValue());
        }
        return values;
    }

    private static List<Double> doubles(DataFrame frame, String column) {
        List<Double> values = new ArrayList<>();
        for (Object value : frame.column(column).toList()) {
            values.add(value == null ? null : ((Number) value).doubleValue());
        }
        return values;
    }

    /** The same names and values; numbers compared as numbers (a count's integer width may differ), floats within 1e-9. */
    static boolean sameValues(DataFrame a, DataFrame b) {
        if (!a.columns().equals(b.columns()) || a.height() != b.height()) {
            return false;
        }
        for (String name : a.columns()) {
            for (int row = 0; row < a.height(); row++) {
                Object x = a.get(row, name);
                Object y = b.get(row, name);
                boolean same = x instanceof Number nx && y instanceof Number ny
                        ? Math.abs(nx.doubleValue() - ny.doubleValue()) <= 1e-9 * Math.max(1, Math.abs(nx.doubleValue()))
                        : Objects.equals(x, y);
                if (!same) {
                    return false;
                }
            }
        }
        return true;
    }
}
