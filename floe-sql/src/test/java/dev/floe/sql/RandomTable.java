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
 * DuckDB table. Columns: {@code k} a join and group key (0..5, some NULL), {@code i} an INTEGER
 * (some NULL), {@code b} a BIGINT (never NULL), {@code d} a DOUBLE in quarter steps (some NULL,
 * never NaN), {@code s} a short string over a small alphabet (some NULL), {@code f} a BOOLEAN
 * (some NULL), {@code dt} a DATE (some NULL).
 */
record RandomTable(String name, List<List<Object>> rows) {
    static final List<String> COLUMNS = List.of("k", "i", "b", "d", "s", "f", "dt");
    static final List<String> SQL_TYPES = List.of("INTEGER", "INTEGER", "BIGINT", "DOUBLE", "VARCHAR", "BOOLEAN", "DATE");
    static final Schema SCHEMA = Schema.of("k", DataType.INT32, "i", DataType.INT32, "b", DataType.INT64, "d",
            DataType.FLOAT64, "s", DataType.UTF8, "f", DataType.BOOLEAN, "dt", DataType.DATE);
    static final List<String> STRINGS = List.of("a", "b", "ab", "ba", "abc", "", "B", "b a");
    private static final LocalDate FIRST_DAY = LocalDate.of(2023, 12, 25);

    /** A table of 0 to {@code maxRows} rows; a NULL in roughly {@code nullPercent} of the nullable places. */
    static RandomTable generate(String name, Random random, int maxRows) {
        int height = random.nextInt(8) == 0 ? random.nextInt(3) : random.nextInt(maxRows + 1);
        int nullPercent = List.of(0, 10, 25, 50).get(random.nextInt(4));
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < height; r++) {
            List<Object> row = new ArrayList<>();
            row.add(orNull(random, nullPercent, random.nextInt(6)));
            row.add(orNull(random, nullPercent, random.nextInt(41) - 20));
            row.add((long) (random.nextInt(2001) - 1000) * 1_000_003L);
            row.add(orNull(random, nullPercent, (random.nextInt(81) - 40) / 4.0));
            row.add(orNull(random, nullPercent, STRINGS.get(random.nextInt(STRINGS.size()))));
            row.add(orNull(random, nullPercent, random.nextBoolean()));
            row.add(orNull(random, nullPercent, FIRST_DAY.plusDays(random.nextInt(20))));
            rows.add(row);
        }
        return new RandomTable(name, rows);
    }

    private static Object orNull(Random random, int nullPercent, Object value) {
        return random.nextInt(100) < nullPercent ? null : value;
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
            case Double d -> d.toString();
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
