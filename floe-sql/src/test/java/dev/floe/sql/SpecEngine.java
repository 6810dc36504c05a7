package dev.floe.sql;

import dev.floe.frame.DataFrame;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What runs the spec corpus: Floe through a {@link SqlContext}, or DuckDB through JDBC, which
 * proves that the corpus says what SQL means. One engine per spec file, so each file starts with
 * no tables.
 */
interface SpecEngine extends AutoCloseable {
    /** The name {@code skipif} and {@code onlyif} lines use. */
    String name();

    /** Runs a statement; whatever it fails with propagates. */
    void execute(String sql) throws Exception;

    /** Runs a query; its rows, each value as the engine gives it. */
    List<List<Object>> query(String sql) throws Exception;

    /**
     * Whether {@code failure} is the error a {@code statement error} expects: a SQL error of this
     * engine (not a crash), with {@code text} in its message if this engine's messages are the
     * ones the corpus quotes. Null when it is; otherwise why not.
     */
    String checkError(Throwable failure, String text);

    @Override
    void close();

    /** Floe: SQL translated to plans and run by floe-frame. */
    final class Floe implements SpecEngine {
        private final SqlContext context = new SqlContext();

        @Override
        public String name() {
            return "floe";
        }

        @Override
        public void execute(String sql) {
            context.sql(sql);
        }

        @Override
        public List<List<Object>> query(String sql) {
            DataFrame frame = context.sql(sql);
            List<List<Object>> rows = new ArrayList<>(frame.height());
            for (int i = 0; i < frame.height(); i++) {
                rows.add(new ArrayList<>(frame.row(i).toList()));
            }
            return rows;
        }

        /** A SqlException for a query that cannot run; a FloeException for data that a query cannot take. */
        @Override
        public String checkError(Throwable failure, String text) {
            if (!(failure instanceof SqlException) && !(failure instanceof dev.floe.FloeException)) {
                return "expected a SqlException (or a FloeException for bad data), got " + failure;
            }
            if (text != null && !failure.getMessage().contains(text)) {
                return "the message does not contain \"" + text + "\"";
            }
            return null;
        }

        @Override
        public void close() {}
    }

    /** DuckDB, in memory: the reference. Its error messages are its own, so only the failure is checked. */
    final class DuckDb implements SpecEngine {
        private final Connection connection;

        DuckDb() {
            try {
                connection = DriverManager.getConnection("jdbc:duckdb:");
            } catch (SQLException e) {
                throw new IllegalStateException("DuckDB did not start", e);
            }
        }

        @Override
        public String name() {
            return "duckdb";
        }

        @Override
        public void execute(String sql) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        @Override
        public List<List<Object>> query(String sql) throws SQLException {
            try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
                int columns = result.getMetaData().getColumnCount();
                List<List<Object>> rows = new ArrayList<>();
                while (result.next()) {
                    List<Object> row = new ArrayList<>(columns);
                    for (int c = 1; c <= columns; c++) {
                        row.add(result.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }

        @Override
        public String checkError(Throwable failure, String text) {
            return failure instanceof SQLException ? null : "expected a SQLException, got " + failure;
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
