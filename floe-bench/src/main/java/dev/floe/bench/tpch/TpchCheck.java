package dev.floe.bench.tpch;

import dev.floe.frame.DataFrame;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Floe's answer to a query checked against DuckDB's, in full: the same number of rows and
 * columns, rows in the same order, each value equal: whole numbers and decimals exactly, other numbers with a
 * fraction to a relative 1e-9 (sums of doubles added in another order differ in their last
 * bits), dates and text exactly.
 */
public final class TpchCheck {
    private TpchCheck() {}

    /** DuckDB's rows of {@code sql}, as JDBC gives them. */
    public static List<List<Object>> rows(Statement statement, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    row.add(result.getObject(c));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Null when {@code floe} holds DuckDB's rows; else the first difference. */
    public static String compare(DataFrame floe, List<List<Object>> duckdb) {
        if (floe.height() != duckdb.size()) {
            return "Floe gave " + floe.height() + " rows, DuckDB " + duckdb.size();
        }
        List<String> columns = floe.columns();
        for (int r = 0; r < duckdb.size(); r++) {
            List<Object> expected = duckdb.get(r);
            if (expected.size() != columns.size()) {
                return "Floe gave " + columns.size() + " columns, DuckDB " + expected.size();
            }
            for (int c = 0; c < columns.size(); c++) {
                Object mine = floe.get(r, columns.get(c));
                Object theirs = expected.get(c);
                if (!same(mine, theirs)) {
                    return "row " + r + ", column " + columns.get(c) + ": Floe " + mine + ", DuckDB " + theirs;
                }
            }
        }
        return null;
    }

    static boolean same(Object mine, Object theirs) {
        if (mine == null || theirs == null) {
            return mine == null && theirs == null;
        }
        if (mine instanceof BigDecimal a && theirs instanceof BigDecimal b) {
            return a.compareTo(b) == 0; // decimals exactly
        }
        if (mine instanceof Number a && theirs instanceof Number b) {
            if (integral(a) && integral(b)) {
                return decimal(a).compareTo(decimal(b)) == 0;
            }
            double x = a.doubleValue();
            double y = b.doubleValue();
            return x == y || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
        }
        if (theirs instanceof java.sql.Date date) {
            theirs = date.toLocalDate();
        }
        if (mine instanceof LocalDate || theirs instanceof LocalDate) {
            return mine.toString().equals(theirs.toString());
        }
        return mine.toString().equals(theirs.toString());
    }

    private static boolean integral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger;
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof BigInteger big ? new BigDecimal(big) : BigDecimal.valueOf(n.longValue());
    }
}
