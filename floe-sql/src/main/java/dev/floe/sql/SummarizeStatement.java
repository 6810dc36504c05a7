package dev.floe.sql;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.Series;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code SUMMARIZE table} and {@code SUMMARIZE query}, as DuckDB shows them: a row per column
 * with its name and SQL type, {@code min} and {@code max} (as text), how many distinct values it
 * holds, {@code avg} and {@code std} (the sample standard deviation) of numbers, the quartiles
 * {@code q25}, {@code q50}, {@code q75} of numbers, dates, timestamps and times (as text), the row count
 * and the share of nulls in percent ({@code DECIMAL(9, 2)}; NULL over no rows). Where DuckDB
 * estimates (its {@code approx_unique} and quartiles), Floe counts exactly: the distinct count,
 * and quartiles that are values of the column ({@code quantile_disc}). All columns are read in
 * one pass over the query's rows.
 */
final class SummarizeStatement {
    /** SUMMARIZE after white space and comments, then what it summarizes. */
    private static final Pattern SUMMARIZE = Pattern.compile(
            "(?is)(?:\\s|--[^\\n]*(?:\\n|$)|/\\*.*?\\*/)*SUMMARIZE\\s+(\\S.*)");
    private static final Pattern QUERY = Pattern.compile("(?is)(?:SELECT|FROM|WITH|VALUES)\\b.*|\\(.*");
    private static final String NAME = "(?:\"(?:[^\"]|\"\")*\"|[A-Za-z_][A-Za-z0-9_$]*)";
    /** A table's name (qualified or quoted) or a file path in quotes, and nothing after. */
    private static final Pattern TABLE = Pattern.compile("(?is)(?:TABLE\\s+)?(" + NAME + "(?:\\s*\\.\\s*" + NAME
            + ")*|'(?:[^']|'')*')\\s*;?\\s*");
    private static final String[] STATISTICS = {"min", "max", "approx_unique", "avg", "std", "q25", "q50", "q75"};

    private SummarizeStatement() {}

    /** Whether the statement is a SUMMARIZE (its first word). */
    static boolean matches(String statement) {
        return SUMMARIZE.matcher(statement).matches();
    }

    static DataFrame run(SqlContext context, String statement) {
        Matcher matcher = SUMMARIZE.matcher(statement);
        if (!matcher.matches()) {
            throw new SqlException("expected SUMMARIZE table or SUMMARIZE query", statement, 1, 1);
        }
        int at = matcher.start(1);
        String rest = matcher.group(1);
        String query = rest;
        int shift = 0;
        if (!QUERY.matcher(rest).matches()) {
            Matcher table = TABLE.matcher(rest);
            if (!table.matches()) {
                throw new SqlException("SUMMARIZE takes a table's name, a file path in quotes or a query (SELECT, FROM, "
                        + "WITH, VALUES), and nothing after it", statement, 1, 1 + at);
            }
            query = "SELECT * FROM " + table.group(1);
            shift = "SELECT * FROM ".length() - table.start(1);
        }
        LazyFrame frame;
        try {
            frame = new Translator(context, query).plan();
        } catch (SqlException e) {
            throw e.placedIn(statement, at - shift);
        }
        Schema schema = frame.schema();
        // the columns under names of their place: a query's names may be any text
        List<dev.floe.frame.expr.Expr> placed = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            placed.add(dev.floe.frame.expr.Exprs.col(schema.field(c).name()).alias("c" + c));
        }
        SqlContext scratch = new SqlContext().withConfig(context.config()).withFileAccess(context.fileAccess());
        scratch.register("summarized", frame.select(placed));
        StringBuilder select = new StringBuilder("SELECT count(*) AS \"rows\"");
        for (int c = 0; c < schema.size(); c++) {
            String column = "c" + c;
            DataType type = schema.field(c).type();
            String text = "CAST(%s AS VARCHAR)";
            select.append(", count(").append(column).append(") AS c").append(c).append("_count");
            select.append(", ").append(text.formatted("min(" + column + ")")).append(" AS c").append(c).append("_min");
            select.append(", ").append(text.formatted("max(" + column + ")")).append(" AS c").append(c).append("_max");
            select.append(", count(DISTINCT ").append(column).append(") AS c").append(c).append("_approx_unique");
            boolean numeric = type.isNumeric() || type.isDecimal();
            if (numeric) {
                select.append(", ").append(text.formatted("avg(" + column + ")")).append(" AS c").append(c).append("_avg");
                select.append(", ").append(text.formatted("stddev_samp(" + column + ")")).append(" AS c").append(c)
                        .append("_std");
            }
            if (type == DataType.DATE || type == DataType.DATETIME || type == DataType.TIME) {
                // as DuckDB: the mean instant (a TIMESTAMP for dates), or time of day, to the nearest microsecond
                String micros = type == DataType.TIME ? "epoch_us(TIMESTAMP '1970-01-01' + (" + column
                        + " - TIME '00:00:00'))" : "epoch_us(CAST(" + column + " AS TIMESTAMP))";
                String mean = "TIMESTAMP '1970-01-01' + to_microseconds(CAST(round(avg(" + micros + ")) AS BIGINT))";
                select.append(", ").append(text.formatted(type == DataType.TIME ? "CAST(" + mean + " AS TIME)" : mean))
                        .append(" AS c").append(c).append("_avg");
            }
            if (numeric || type == DataType.DATE || type == DataType.DATETIME || type == DataType.TIME) {
                for (int q = 25; q <= 75; q += 25) {
                    select.append(", ").append(text.formatted("quantile_disc(" + column + ", 0." + q + ")"))
                            .append(" AS c").append(c).append("_q").append(q);
                }
            }
        }
        DataFrame found;
        try {
            found = scratch.sql(select.append(" FROM summarized").toString());
        } catch (SqlException e) {
            throw new SqlException("SUMMARIZE cannot compute its statistics: " + e.reason(), statement, 1, 1 + at);
        }
        return table(schema, found);
    }

    /** The one row of statistics turned into a row per column. */
    private static DataFrame table(Schema schema, DataFrame found) {
        int columns = schema.size();
        String[] names = new String[columns];
        String[] types = new String[columns];
        String[][] statistics = new String[STATISTICS.length][columns];
        long[] uniques = new long[columns];
        long[] counts = new long[columns];
        BigDecimal[] nulls = new BigDecimal[columns];
        long rows = found.getLong(0, "rows");
        List<String> present = found.schema().names();
        for (int c = 0; c < columns; c++) {
            names[c] = schema.field(c).name();
            types[c] = Translator.sqlTypeName(schema.field(c).type());
            for (int s = 0; s < STATISTICS.length; s++) {
                String name = "c" + c + "_" + STATISTICS[s];
                if (s == 2) {
                    uniques[c] = found.getLong(0, name);
                } else if (present.contains(name)) {
                    statistics[s][c] = (String) found.get(0, name);
                }
            }
            counts[c] = rows;
            long values = found.getLong(0, "c" + c + "_count");
            // as DuckDB computes it: (1 - values / rows) * 100 in doubles, then rounded to two places
            nulls[c] = rows == 0 ? null : new BigDecimal((1 - (double) values / rows) * 100).setScale(2,
                    java.math.RoundingMode.HALF_UP);
        }
        List<Series> out = new ArrayList<>();
        out.add(Series.of("column_name", names));
        out.add(Series.of("column_type", types));
        for (int s = 0; s < STATISTICS.length; s++) {
            out.add(s == 2 ? Series.of(STATISTICS[s], uniques) : Series.of(STATISTICS[s], statistics[s]));
        }
        out.add(Series.of("count", counts));
        out.add(Series.of("null_percentage", DataType.decimal(9, 2), java.util.Arrays.asList(nulls)));
        return DataFrame.of(out.toArray(Series[]::new));
    }
}
