package dev.floe.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * The SQL spec corpus ({@code src/test/resources/spec/*.test}) run record by record: once against
 * Floe, and once against DuckDB, which shows that the expected results are what SQL gives. Each
 * file runs in a fresh engine; each record is a test named {@code file:line}.
 */
class SpecTest {
    private static final List<SpecEngine> OPEN = new ArrayList<>();

    @TestFactory
    Stream<DynamicNode> floeAnswersTheCorpus() {
        return corpus("floe", SpecEngine.Floe::new);
    }

    @TestFactory
    Stream<DynamicNode> duckdbAgreesWithTheCorpus() {
        return corpus("duckdb", SpecEngine.DuckDb::new);
    }

    @AfterAll
    static void closeEngines() {
        synchronized (OPEN) {
            OPEN.forEach(SpecEngine::close);
            OPEN.clear();
        }
    }

    private static Stream<DynamicNode> corpus(String name, Supplier<SpecEngine> engines) {
        return SpecFile.corpus().stream().map(file -> {
            EngineHolder holder = new EngineHolder(engines);
            Stream<DynamicNode> records = file.records().stream()
                    .filter(record -> record.runsOn(name))
                    .map(record -> DynamicTest.dynamicTest(record.where(), () -> run(holder.engine(), record)));
            return DynamicContainer.dynamicContainer(file.name(), records.onClose(holder::close));
        });
    }

    /** An engine started when a file's first record runs, and closed after its last. */
    private static final class EngineHolder {
        private final Supplier<SpecEngine> engines;
        private SpecEngine engine;

        EngineHolder(Supplier<SpecEngine> engines) {
            this.engines = engines;
        }

        SpecEngine engine() {
            if (engine == null) {
                engine = engines.get();
                synchronized (OPEN) {
                    OPEN.add(engine);
                }
            }
            return engine;
        }

        void close() {
            if (engine != null) {
                engine.close();
                synchronized (OPEN) {
                    OPEN.remove(engine);
                }
                engine = null;
            }
        }
    }

    static void run(SpecEngine engine, SpecFile.Record record) throws Exception {
        switch (record) {
            case SpecFile.Statement statement -> runStatement(engine, statement);
            case SpecFile.Query query -> runQuery(engine, query);
        }
    }

    private static void runStatement(SpecEngine engine, SpecFile.Statement statement) throws Exception {
        if (!statement.expectError()) {
            try {
                engine.execute(statement.sql());
            } catch (Exception | Error e) {
                throw new AssertionFailedError(header(engine, statement) + "failed: " + e, e);
            }
            return;
        }
        Throwable failure = null;
        try {
            engine.execute(statement.sql());
        } catch (Exception | Error e) {
            failure = e;
        }
        if (failure == null) {
            throw new AssertionFailedError(header(engine, statement) + "ran, but an error was expected"
                    + (statement.error() == null ? "" : " containing \"" + statement.error() + "\""));
        }
        String why = engine.checkError(failure, statement.error());
        if (why != null) {
            throw new AssertionFailedError(header(engine, statement) + why + "\nthe error: " + failure.getMessage(),
                    failure);
        }
    }

    private static void runQuery(SpecEngine engine, SpecFile.Query query) {
        List<List<Object>> rows;
        try {
            rows = engine.query(query.sql());
        } catch (Exception | Error e) {
            throw new AssertionFailedError(header(engine, query) + "failed: " + e, e);
        }
        String types = query.types();
        for (List<Object> row : rows) {
            if (row.size() != types.length()) {
                throw new AssertionFailedError(header(engine, query) + "gave " + row.size() + " columns, '" + types
                        + "' expects " + types.length());
            }
        }
        List<List<String>> actual = SpecValues.format(rows, types);
        List<List<String>> expected = query.expected();
        if (query.rowsort()) {
            actual = SpecValues.sorted(actual, types);
            expected = SpecValues.sorted(expected, types);
        }
        if (!SpecValues.matches(expected, actual, types)) {
            String want = SpecValues.text(expected);
            String got = SpecValues.text(actual);
            throw new AssertionFailedError(header(engine, query) + "expected (" + expected.size() + " rows"
                    + (query.rowsort() ? ", sorted" : "") + "):\n" + want + "actual (" + actual.size() + " rows):\n" + got,
                    want, got);
        }
    }

    private static String header(SpecEngine engine, SpecFile.Record record) {
        return record.where() + " on " + engine.name() + "\n" + record.sql() + "\n";
    }
}
