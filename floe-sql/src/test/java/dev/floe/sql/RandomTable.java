package dev.floe.sql;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Schema;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small random table for the differential tests: the same rows become a Floe frame and a
 * DuckDB table. Columns: {@code k} a join and group key (0..5), {@code i} an INTEGER, {@code b} a
 * BIGINT, {@code d} a DOUBLE in quarter steps (so sums are exact in any order), {@code s} a
 * short string over a small alphabet, {@code f} a BOOLEAN, {@code dt} a DATE. Any of them may be
 * NULL, and in about one table in eight one column is NULL on every row. About one table in
 * three is <em>extreme</em>: some of its integers are the edges of their types (2147483647,
 * -2147483648, 9223372036854775807, -9223372036854775808, values that overflow when doubled, and
 * 0, 1, -1 besides) and some doubles are NaN, infinities or -0.0.
 */
record RandomTable(String name, List<List<Object>> rows) {
    static final List<String> COLUMNS = List.of("k", "i", "b", "d", "s", "f", "dt");
    static final List<String> SQL_TYPES = List.of("INTEGER", "INTEGER", "BIGINT", "DOUBLE", "VARCHAR", "BOOLEAN", "DATE");
    static final Schema SCHEMA = Schema.of("k", DataType.INT32, "i", DataType.INT32, "b", DataType.INT64, "d",
            DataType.FLOAT64, "s", DataType.UTF8, "f", DataType.BOOLEAN, "dt", DataType.DATE);
    static final List<String> STRINGS = List.of("a", "b", "ab", "ba", "abc", "", "B", "b a");
    private static final LocalDate FIRST_DAY = LocalDate.of(2023, 12, 25);
    private static final List<Integer> INT_EDGES = List.of(Integer.MAX_VALUE, Integer.MIN_VALUE, -Integer.MAX_VALUE,
            1_500_000_000, -1_500_000_000, 65_536, 0, 1, -1);
    private static final List<Long> LONG_EDGES = List.of(Long.MAX_VALUE, Long.MIN_VALUE, -Long.MAX_VALUE,
            5_000_000_000_000_000_000L, -5_000_000_000_000_000_000L, 4_294_967_296L, 2_147_483_648L, 0L, -1L);
    private static final List<Double> DOUBLE_EDGES = List.of(Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, -0.0);

    /** A table of 0 to {@code maxRows} rows; a NULL in roughly {@code nullPercent} of the places. */
    static RandomTable generate(String name, Random random, int maxRows) {
        int height = random.nextInt(8) == 0 ? random.nextInt(3) : random.nextInt(maxRows + 1);
        int nullPercent = List.of(0, 5, 10, 25, 50).get(random.nextInt(5));
        int edgePercent = random.nextInt(3) == 0 ? 10 : 0;
        int allNull = random.nextInt(8) == 0 ? random.nextInt(COLUMNS.size()) : -1;
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < height; r++) {
            List<Object> row = new ArrayList<>();
            row.add(orNull(random, nullPercent, random.nextInt(6)));
            row.add(orNull(random, nullPercent, random.nextInt(100) < edgePercent
                    ? INT_EDGES.get(random.nextInt(INT_EDGES.size())) : random.nextInt(41) - 20));
            row.add(orNull(random, nullPercent / 2, random.nextInt(100) < edgePercent
                    ? LONG_EDGES.get(random.nextInt(LONG_EDGES.size())) : (long) (random.nextInt(2001) - 1000) * 1_000_003L));
            row.add(orNull(random, nullPercent, random.nextInt(100) < edgePercent
                    ? DOUBLE_EDGES.get(random.nextInt(DOUBLE_EDGES.size())) : (random.nextInt(81) - 40) / 4.0));
            row.add(orNull(random, nullPercent, STRINGS.get(random.nextInt(STRINGS.size()))));
            row.add(orNull(random, nullPercent, random.nextBoolean()));
            row.add(orNull(random, nullPercent, FIRST_DAY.plusDays(random.nextInt(20))));
            if (allNull >= 0) {
                row.set(allNull, null);
            }
            rows.add(row);
        }
        return new RandomTable(name, rows);
    }

    private static Object orNull(Random random, int nullPercent, Object value) {
        return random.nextInt(100) < nullPercent ? null : value;
    }

    /** Whether a double of the table is infinite. */
    boolean hasInfinity() {
        int d = COLUMNS.indexOf("d");
        return rows.stream().anyMatch(row -> row.get(d) instanceof Double value && value.isInfinite());
    }

    /** The table with its infinite doubles NULL. */
    RandomTable withoutInfinities() {
        int d = COLUMNS.indexOf("d");
        List<List<Object>> finite = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> copy = new ArrayList<>(row);
            if (copy.get(d) instanceof Double value && value.isInfinite()) {
                copy.set(d, null);
            }
            finite.add(copy);
        }
        return new RandomTable(name, finite);
    }

    DataFrame frame() {
        return DataFrame.ofRows(SCHEMA, rows);
    }

    /** The table as one SQL statement both engines run; the first row's values carry their types. */
    String createSql() {
        StringBuilder sql = new StringBuilder("CREATE OR REPLACE TABLE " + name + " AS SELECT * FROM (VALUES ");
        List<List<Object>> written = rows.isEmpty() ? List.of(emptyRow()) : rows;
        for (int r = 0; r < written.size(); r++) {
            sql.append(r == 0 ? "" : ", ").append('(');
            for (int c = 0; c < COLUMNS.size(); c++) {
                sql.append(c == 0 ? "" : ", ").append(literal(written.get(r).get(c), r == 0 ? SQL_TYPES.get(c) : null));
            }
            sql.append(')');
        }
        sql.append(") AS v(").append(String.join(", ", COLUMNS)).append(')');
        return rows.isEmpty() ? sql.append(" WHERE false").toString() : sql.toString();
    }

    private static List<Object> emptyRow() {
        List<Object> row = new ArrayList<>();
        COLUMNS.forEach(column -> row.add(null));
        return row;
    }

    static String literal(Object value, String type) {
        String text = switch (value) {
            case null -> "NULL";
            case String s -> "'" + s.replace("'", "''") + "'";
            case LocalDate date -> "DATE '" + date + "'";
            // NaN, the infinities and -0.0 as text: a literal -0.0 is a DECIMAL, which has no negative zero
            case Double d when !Double.isFinite(d) || d == 0 && 1 / d < 0 ->
                    "CAST('" + (d.isNaN() ? "nan" : d > 0 ? "inf" : d < 0 ? "-inf" : "-0.0") + "' AS DOUBLE)";
            case Double d -> d.toString();
            case Integer i when i == Integer.MIN_VALUE -> "(-2147483647 - 1)";
            case Long l when l == Long.MIN_VALUE -> "(-9223372036854775807 - 1)";
            default -> value.toString();
        };
        return type == null || value instanceof LocalDate ? text : "CAST(" + text + " AS " + type + ")";
    }

    /** This table without {@code count} rows from {@code start} on. */
    RandomTable withoutRows(int start, int count) {
        List<List<Object>> fewer = new ArrayList<>(rows.subList(0, start));
        fewer.addAll(rows.subList(Math.min(rows.size(), start + count), rows.size()));
        return new RandomTable(name, fewer);
    }
}
