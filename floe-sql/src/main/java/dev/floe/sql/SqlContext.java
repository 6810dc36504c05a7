package dev.floe.sql;

import dev.floe.frame.DataFrame;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.exec.ExecutionConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where SQL runs: frames and lazy frames registered by name, and file paths usable as table
 * names ({@code FROM 'data/x.csv'}, {@code FROM 'x.parquet'}, {@code FROM read_csv('x.csv',
 * delim => ';')}). Queries become {@link LazyFrame} plans, so they share the optimizer and
 * engine with the DataFrame API.
 *
 * <pre>{@code
 * SqlContext sql = new SqlContext().register("trades", trades);
 * DataFrame top = sql.sql("SELECT sym, sum(qty) AS qty FROM trades GROUP BY sym ORDER BY qty DESC LIMIT 5");
 * LazyFrame plan = sql.plan("SELECT * FROM 'data/G1.csv' WHERE v1 > 3");
 * }</pre>
 *
 * Besides queries, {@link #sql} runs {@code CREATE [OR REPLACE] TABLE name AS query} (the result
 * is computed and kept) or {@code CREATE TABLE name (column type, ...)}, {@code INSERT},
 * {@code UPDATE}, {@code DELETE} and {@code ALTER TABLE} on tables (registered frames and tables
 * SQL made; each statement makes the table's new rows and registers them, so a frame registered
 * before is not changed), {@code CREATE [OR REPLACE] VIEW name [(columns)] AS query} (the plan is
 * kept), {@code DROP TABLE|VIEW [IF EXISTS] name}, {@code DESCRIBE}, {@code SHOW TABLES}, and
 * {@code COPY (query) TO 'file' [(FORMAT parquet)]} (the rows written to the file as they come;
 * the result is their count) and {@code COPY table FROM 'file'}. {@link #withFileAccess}
 * limits the files SQL may read and write (none, or some directories), for programs that run SQL
 * written by others. A context is safe to query from several threads; registering is synchronized.
 */
public final class SqlContext {
    private final Map<String, LazyFrame> tables = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /** The rows of the tables (registered frames and tables SQL made), which INSERT, UPDATE and DELETE change; views have none. */
    private final Map<String, DataFrame> rows = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /** What CREATE TABLE said of its tables' columns (defaults, NOT NULL, keys, checks), by table name. */
    private final Map<String, TableRules> rules = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /** The macros {@code CREATE MACRO} made, by lower-case name. */
    private final Map<String, MacroStatement.Macro> macros = new TreeMap<>();
    /** The sequences CREATE SEQUENCE made, by name (in any case). */
    private final Map<String, SqlSequence> sequences = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /** The statements PREPARE kept, by name (as DuckDB, names in any case are one). */
    private final Map<String, String> prepared = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private volatile ExecutionConfig config = dev.floe.frame.Floe.session().config();
    private volatile FileAccess fileAccess = FileAccess.unrestricted();
    /** Where each {@code random()} and {@code uuid()} of a query takes its seed; {@code setseed(x)} sets it. */
    private java.util.SplittableRandom seeds = new java.util.SplittableRandom();

    /** The seed of the next {@code random()} or {@code uuid()} a query names. */
    synchronized long nextSeed() {
        return seeds.nextLong();
    }

    /** {@code setseed(x)}: the queries after it draw the same values each time (on one thread), as DuckDB's. */
    synchronized void setSeed(double x) {
        seeds = new java.util.SplittableRandom(Double.doubleToLongBits(x));
    }

    /** Registers {@code frame} as table {@code name} (names are case-insensitive, as in SQL); replaces any before. */
    public synchronized SqlContext register(String name, DataFrame frame) {
        register(name, Objects.requireNonNull(frame, "frame is null").lazy());
        rows.put(name, frame);
        return this;
    }

    /** The name table {@code name} is registered under, in its own case; {@code name} if there is none. */
    synchronized String tableName(String name) {
        for (String key : tables.keySet()) {
            if (key.equalsIgnoreCase(name)) {
                return key;
            }
        }
        return name;
    }

    /** Registers a lazy frame as a view: each query that names it runs its plan. */
    public synchronized SqlContext register(String name, LazyFrame frame) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(frame, "frame is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a table name cannot be blank");
        }
        tables.remove(name); // a new name's case replaces the old one's
        tables.put(name, frame);
        rows.remove(name);
        rules.remove(name); // another frame under the name: CREATE TABLE's rules were the old table's
        return this;
    }

    /** Table {@code name}'s rows after a statement changed them; its rules stay. */
    synchronized void replaceRows(String name, DataFrame frame) {
        TableRules kept = rules.get(name);
        register(name, frame);
        if (kept != null) {
            rules.put(name, kept);
        }
    }

    /** Keeps what CREATE TABLE said of table {@code name}'s columns (none: forgets it). */
    synchronized void setRules(String name, TableRules tableRules) {
        if (tableRules == null || tableRules.isEmpty()) {
            rules.remove(name);
        } else {
            rules.put(name, tableRules);
        }
    }

    /** What CREATE TABLE said of table {@code name}'s columns; {@link TableRules#NONE} for none. */
    synchronized TableRules rules(String name) {
        return rules.getOrDefault(name, TableRules.NONE);
    }

    /**
     * The tables and their rows as they were at BEGIN; null outside a transaction. A transaction
     * belongs to the context, not to a thread: a ROLLBACK also undoes what other threads changed
     * in the context since BEGIN, and their errors abort it. Run transactions on a context that
     * one thread uses.
     */
    private Map<String, LazyFrame> savedTables;
    private Map<String, DataFrame> savedRows;
    private Map<String, MacroStatement.Macro> savedMacros;
    private Map<String, TableRules> savedRules;
    /** Whether a statement failed inside the open transaction, which then takes only ROLLBACK. */
    private boolean aborted;

    /** Refuses {@code statement} when the open transaction is aborted, unless it rolls it back. */
    private synchronized void checkNotAborted(String statement) {
        if (aborted && !TransactionStatement.isRollback(statement)) {
            throw new SqlException("the transaction was aborted by an earlier error: ROLLBACK it first", statement, 1,
                    1);
        }
    }

    /** A statement failed: inside a transaction, it is aborted. */
    private synchronized void failed() {
        aborted = savedTables != null;
    }

    /** Runs one statement of a script, minding the transaction. */
    private DataFrame guardedStatement(String statement, java.util.function.Supplier<DataFrame> run) {
        checkNotAborted(statement);
        try {
            return run.get();
        } catch (RuntimeException | Error e) {
            failed();
            throw e;
        }
    }

    /** {@code BEGIN}: the tables as they are now, kept for a rollback. */
    synchronized void begin(String statement) {
        if (savedTables != null) {
            throw new SqlException("a transaction is already open: COMMIT or ROLLBACK it before BEGIN", statement, 1, 1);
        }
        savedTables = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        savedTables.putAll(tables);
        savedRows = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        savedRows.putAll(rows);
        savedMacros = new TreeMap<>(macros);
        savedRules = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        savedRules.putAll(rules);
        aborted = false;
    }

    /** {@code COMMIT}: the changes since BEGIN stay. */
    synchronized void commit(String statement) {
        if (savedTables == null) {
            throw new SqlException("cannot COMMIT: no transaction is open (BEGIN starts one)", statement, 1, 1);
        }
        savedTables = null;
        savedRows = null;
        savedMacros = null;
        savedRules = null;
    }

    /** {@code ROLLBACK}: the tables as they were at BEGIN. */
    synchronized void rollback(String statement) {
        if (savedTables == null) {
            throw new SqlException("cannot ROLLBACK: no transaction is open (BEGIN starts one)", statement, 1, 1);
        }
        tables.clear();
        tables.putAll(savedTables);
        rows.clear();
        rows.putAll(savedRows);
        macros.clear();
        macros.putAll(savedMacros);
        rules.clear();
        rules.putAll(savedRules);
        savedTables = null;
        savedRows = null;
        savedMacros = null;
        savedRules = null;
        aborted = false;
    }

    /** Keeps {@code macro}; false where one of its name exists and {@code replace} is not asked. */
    synchronized boolean putMacro(MacroStatement.Macro macro, boolean replace) {
        String key = macro.name().toLowerCase(java.util.Locale.ROOT);
        if (!replace && macros.containsKey(key)) {
            return false;
        }
        macros.put(key, macro);
        return true;
    }

    /** Removes macro {@code name}; whether there was one. */
    synchronized boolean dropMacro(String name) {
        return macros.remove(name.toLowerCase(java.util.Locale.ROOT)) != null;
    }

    /** Adds sequence {@code name} (in place of one of that name where {@code replace}); false where one exists. */
    synchronized boolean createSequence(String name, SqlSequence sequence, boolean replace) {
        if (!replace && sequences.containsKey(name)) {
            return false;
        }
        sequences.put(name, sequence);
        return true;
    }

    /** The sequence {@code name}, or null. */
    synchronized SqlSequence sequence(String name) {
        return sequences.get(name);
    }

    /** Removes sequence {@code name}; whether there was one. */
    synchronized boolean dropSequence(String name) {
        return sequences.remove(name) != null;
    }

    /** A table whose column default draws from sequence {@code name} ({@code nextval('name')}); null where none does. */
    synchronized String tableUsingSequence(String name) {
        java.util.regex.Pattern uses = java.util.regex.Pattern.compile("(?i)\\b(nextval|currval)\\s*\\(\\s*'"
                + java.util.regex.Pattern.quote(name) + "'\\s*\\)");
        for (Map.Entry<String, TableRules> table : rules.entrySet()) {
            if (table.getValue().defaults().values().stream().anyMatch(d -> uses.matcher(d).find())) {
                return table.getKey();
            }
        }
        return null;
    }

    /** Keeps {@code statement} as the prepared statement {@code name}, in place of any before. */
    synchronized void prepare(String name, String statement) {
        prepared.put(name, statement);
    }

    /** The prepared statement {@code name}, or null. */
    synchronized String prepared(String name) {
        return prepared.get(name);
    }

    /** Forgets the prepared statement {@code name}; whether there was one. */
    synchronized boolean deallocate(String name) {
        return prepared.remove(name) != null;
    }

    /** The macros by lower-case name, as they are now. */
    synchronized Map<String, MacroStatement.Macro> macros() {
        return Map.copyOf(macros);
    }

    /** Removes table {@code name}; whether there was one. */
    public synchronized boolean drop(String name) {
        rows.remove(name);
        rules.remove(name);
        return tables.remove(name) != null;
    }

    /** The rows of table {@code name}: a registered frame or a table SQL made; null for a view or no table. */
    synchronized DataFrame rows(String name) {
        return rows.get(name);
    }

    /** The registered table names, in order. */
    public synchronized List<String> tables() {
        return new ArrayList<>(tables.keySet());
    }

    /** The registered table {@code name}, or null. */
    public synchronized LazyFrame table(String name) {
        return tables.get(name);
    }

    /** The schema of registered table {@code name}. */
    public Schema schema(String name) {
        LazyFrame table = table(name);
        if (table == null) {
            throw new SqlException("unknown table \"" + name + "\"; tables are: " + describeTables(), null, 0, 0);
        }
        return table.schema();
    }

    /** The threads and morsel size that queries run with (the default session's when the context is made). */
    public ExecutionConfig config() {
        return config;
    }

    public SqlContext withConfig(ExecutionConfig config) {
        this.config = Objects.requireNonNull(config, "config is null");
        return this;
    }

    /** Which files the SQL may read ({@link FileAccess#unrestricted()} by default). */
    public FileAccess fileAccess() {
        return fileAccess;
    }

    /**
     * Limits the files the SQL may name: {@link FileAccess#disabled()} for none,
     * {@link FileAccess#allowedDirectories} for some. A statement that names another file fails
     * with a {@link SqlException} naming the path and this setting. Views made before keep the
     * files they named.
     */
    public SqlContext withFileAccess(FileAccess access) {
        this.fileAccess = Objects.requireNonNull(access, "access is null");
        return this;
    }

    /** The plan of one query ({@code SELECT}, {@code WITH}, {@code VALUES}, set operations), not yet run. */
    public LazyFrame plan(String query) {
        return DeepStack.call(query, () -> new Translator(this, query).plan());
    }

    /**
     * {@link #plan(String)} with the values of the query's parameters: {@code ?} takes them in
     * order, {@code $1} (or {@code ?1}) by number. Each value stands as a literal of its type (a
     * {@code Long} or {@code Integer} as an integer, a {@code String} as text, a {@code LocalDate}
     * as a date, null as NULL), never as SQL text, so nothing in it is read as SQL. The query must
     * ask for every value given, and be given every value it asks for.
     */
    public LazyFrame plan(String query, Object... parameters) {
        Parameters values = new Parameters(java.util.Arrays.asList(parameters));
        return DeepStack.call(query, () -> new Translator(this, query, values).plan());
    }

    /**
     * {@code frame} with its lists, maps and structs as text, as SQL writes them to CSV
     * ({@code COPY ... TO 'x.csv'}, the {@code floe} command's csv and tsv output): each value's
     * cast to VARCHAR, as DuckDB writes them ({@code [1, 2]}, {@code {k=[1]}}, {@code {'x': 1}}).
     * The same frame where it has none.
     */
    public static LazyFrame nestedAsText(LazyFrame frame) {
        List<dev.floe.frame.expr.Expr> casts = new java.util.ArrayList<>();
        for (dev.floe.frame.Schema.Field field : frame.schema()) {
            if (field.type().isNested()) {
                casts.add(dev.floe.frame.expr.Exprs.col(field.name()).cast(dev.floe.frame.DataType.UTF8)
                        .alias(field.name()));
            }
        }
        return casts.isEmpty() ? frame : frame.withColumns(casts);
    }

    /**
     * Loads and initializes what the first statement of a process needs (the parser, the planner,
     * the engine and the memory pool's measure of the heap) by running a trivial query in a context
     * of its own, and returns when it is done. A program that starts, runs a statement and exits
     * (the {@code floe} command) calls it on a spare thread as it starts, so that this work, about
     * a tenth of a second of class loading, overlaps its own start instead of delaying the
     * statement. It never fails: where the trivial query cannot run, the real one says why.
     */
    public static void preload() {
        try {
            new SqlContext().sql("SELECT 1");
        } catch (RuntimeException | Error ignored) {
            // the statement that follows meets the same cause and reports it; this thread says nothing
        }
    }

    /**
     * Runs the statements of {@code script} (separated by {@code ;}) in order; the result of the
     * last. Statements that make or drop tables give an empty frame.
     */
    public DataFrame sql(String script) {
        List<String> statements = Scripts.split(script);
        if (statements.isEmpty()) {
            throw new SqlException("no statement to run", script, 0, 0);
        }
        DataFrame result = null;
        for (String statement : statements) {
            result = guardedStatement(statement, () -> DeepStack.call(statement, () -> CopyStatement.matches(statement)
                    ? CopyStatement.run(this, statement)
                    : SetStatement.matches(statement) ? SetStatement.run(this, statement)
                    : PreparedStatements.matches(statement) ? PreparedStatements.run(this, statement)
                    : MacroStatement.matches(statement) ? MacroStatement.run(this, statement)
                    : SummarizeStatement.matches(statement) ? SummarizeStatement.run(this, statement)
                    : TableStatements.insertBy(statement) ? TableStatements.insertBy(this, statement)
                    : TableStatements.describedQuery(statement) >= 0
                            ? TableStatements.describeQuery(this, statement, TableStatements.describedQuery(statement))
                    : TransactionStatement.matches(statement) ? TransactionStatement.run(this, statement)
                    : new Translator(this, statement).run()));
        }
        return result;
    }

    /**
     * Runs one statement with the values of its parameters ({@code ?} in order, {@code $1} by
     * number), as {@link #plan(String, Object...)} takes them: {@code sql("SELECT * FROM t WHERE
     * id = ? AND name = ?", 7, "ann")}. A script of several statements takes no parameters.
     */
    public DataFrame sql(String statement, Object... parameters) {
        List<String> statements = Scripts.split(statement);
        if (statements.size() != 1) {
            throw new SqlException("parameters go with one statement, and this has " + statements.size(), statement, 0,
                    0);
        }
        Parameters values = new Parameters(java.util.Arrays.asList(parameters));
        String only = statements.get(0);
        return guardedStatement(only, () -> DeepStack.call(only, () -> new Translator(this, only, values).run()));
    }

    /** Runs {@code query} and tells how it ran, as {@link LazyFrame#explainAnalyze()} prints it. */
    public String explainAnalyze(String query) {
        return plan(query).explainAnalyze();
    }

    /** The optimized plan of {@code query}, as {@link LazyFrame#explain()} prints it. */
    public String explain(String query) {
        return DeepStack.call(query, () -> new Translator(this, query).plan().explain());
    }

    synchronized String describeTables() {
        return tables.isEmpty() ? "(none registered; a file path in quotes also works)" : String.join(", ", tables.keySet());
    }
}
