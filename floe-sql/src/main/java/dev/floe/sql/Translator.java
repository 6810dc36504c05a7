package dev.floe.sql;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;

import dev.floe.frame.ColumnNotFoundException;
import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.SchemaException;
import dev.floe.frame.Types;
import dev.floe.frame.expr.BinaryOperator;
import dev.floe.frame.expr.Call;
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTyper;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.expr.Lit;
import dev.floe.frame.expr.ScalarFunction;
import dev.floe.frame.expr.When;
import dev.floe.frame.plan.SortKey;
import dev.floe.sql.Relation.Field;
import dev.floe.sql.SubqueryPlanner.NeedOuter;
import dev.floe.sql.SubqueryPlanner.Planned;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.IntegerDivision;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.ASTNodeAccessImpl;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.ExceptOp;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.IntersectOp;
import net.sf.jsqlparser.statement.select.MinusOp;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperation;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.UnionOp;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * One statement's SQL text turned into a {@link LazyFrame} plan: the text is parsed with
 * JSqlParser, and the tree is walked with pattern-matching switches that reject, by name and
 * place, every construct not translated here. Column names are resolved against the relations
 * in scope (FROM items, joins, the groups of an aggregation); the plan does the work.
 */
final class Translator {
    static final Set<String> RESERVED_ALIASES = Set.of("ANTI", "SEMI", "ASOF", "POSITIONAL", "ORDER", "GROUP",
            "WHERE", "LIMIT", "HAVING", "QUALIFY", "OFFSET", "WINDOW", "UNION", "EXCEPT", "INTERSECT");
    private static final Set<String> WINDOW_ONLY = Set.of("row_number", "rank", "dense_rank", "lag", "lead", "ntile",
            "percent_rank", "cume_dist", "first_value", "last_value", "nth_value");

    /**
     * How deeply expressions, parentheses and subqueries may nest. Deeper statements are refused
     * by name; flat chains ({@code a AND b AND ...}, {@code x + y + ...}) are not nesting and may
     * be as long as wanted.
     */
    static final int MAX_DEPTH = 500;

    private final SqlContext context;
    private final String sql;
    /**
     * The statement's one instant: every CURRENT_TIMESTAMP, NOW() and CURRENT_DATE in it reads this, so
     * they agree with each other (and so does a condition the optimizer copies, such as one carried
     * across join keys), as in DuckDB.
     */
    private final LocalDateTime now;
    private int depth;
    final Map<Object, DataFrame> eager = new java.util.IdentityHashMap<>();
    /** The named windows ({@code WINDOW w AS (...)}) of the SELECT being translated. */
    private Map<String, net.sf.jsqlparser.expression.WindowDefinition> namedWindows = Map.of();
    /** The statements that make and change tables. */
    private final TableStatements tables = new TableStatements(this);
    /** The window functions' translation. */
    private final WindowFunctions windows = new WindowFunctions(this);
    /** The FROM clause's translation: tables, table functions, joins and their order. */
    private final FromPlanner fromPlanner = new FromPlanner(this);
    /** Subqueries' translation: computed once, or unnested into joins. */
    private final SubqueryPlanner subqueryPlanner = new SubqueryPlanner(this);
    private int names;

    /** The values of the statement's parameters ({@code ?}, {@code $1}). */
    private final Parameters parameters;

    Translator(SqlContext context, String sql) {
        this(context, sql, Parameters.NONE);
    }

    Translator(SqlContext context, String sql, Parameters parameters) {
        this.context = context;
        this.sql = integerDivisions(sql);
        this.now = LocalDateTime.now();
        this.parameters = parameters;
    }

    // ---- statements ---------------------------------------------------------------------------

    /**
     * {@code EXPLAIN query}: the optimized plan, one row per line in a column {@code explain};
     * {@code EXPLAIN ANALYZE query} runs it and gives each step's actual rows and time. Other
     * options are refused by name.
     */
    private DataFrame explain(net.sf.jsqlparser.statement.ExplainStatement explain) {
        if (!(explain.getStatement() instanceof Select select)) {
            throw new SqlException("EXPLAIN takes a query (SELECT, WITH, VALUES), not "
                    + (explain.getStatement() == null ? "nothing" : kind(explain.getStatement())), sql, 1, 1);
        }
        boolean analyze = false;
        if (explain.getOptions() != null) {
            for (var option : explain.getOptions().keySet()) {
                if (option != net.sf.jsqlparser.statement.ExplainStatement.OptionType.ANALYZE) {
                    throw new SqlException("EXPLAIN " + option + " is not supported; EXPLAIN or EXPLAIN ANALYZE", sql, 1,
                            1);
                }
                analyze = true;
            }
        }
        LazyFrame frame = guarded(() -> query(select, new Env()).frame(), select);
        String text = analyze ? frame.explainAnalyze() : frame.explain();
        return DataFrame.of(dev.floe.frame.Series.of("explain", text.lines().toArray(String[]::new)));
    }

    LazyFrame plan() {
        Statement statement = parse();
        if (statement instanceof Select select) {
            return guarded(() -> query(select, new Env()).frame(), select);
        }
        throw new SqlException("only a query (SELECT, WITH, VALUES) has a plan, not " + kind(statement), sql, 1, 1);
    }

    DataFrame run() {
        Statement statement = parse();
        return switch (statement) {
            case Select select -> guarded(() -> query(select, new Env()).frame(), select).collect(context.config());
            case CreateTable create -> {
                String name = create.getTable().getUnquotedName();
                if (create.getSelect() == null) {
                    DataFrame columns = tables.createTable(create);
                    if (context.table(name) != null && !create.isOrReplace()) {
                        if (create.isIfNotExists()) {
                            yield empty();
                        }
                        throw error("table \"" + name + "\" already exists; use CREATE OR REPLACE TABLE",
                                create.getTable());
                    }
                    context.register(name, columns);
                    yield empty();
                }
                if (context.table(name) != null && !create.isOrReplace()) {
                    if (create.isIfNotExists()) {
                        yield empty();
                    }
                    throw error("table \"" + name + "\" already exists; use CREATE OR REPLACE TABLE", create.getTable());
                }
                Select body = create.getSelect();
                DataFrame frame = guarded(() -> query(body, new Env()).frame(), body).collect(context.config());
                context.register(name, frame);
                yield empty();
            }
            case CreateView create -> {
                String name = create.getView().getUnquotedName();
                if (context.table(name) != null && !create.isOrReplace()) {
                    throw error("table \"" + name + "\" already exists; use CREATE OR REPLACE VIEW", create.getView());
                }
                Select body = create.getSelect();
                Relation view = guarded(() -> query(body, new Env()), body);
                if (create.getColumnNames() != null && !create.getColumnNames().isEmpty()) {
                    // CREATE VIEW v (a, b) AS ...: the query's columns renamed in order
                    List<String> columns = create.getColumnNames().stream().map(c -> unquote(c.getColumnName())).toList();
                    List<String> names = view.frame().schema().names();
                    if (columns.size() > names.size()) {
                        throw error(columns.size() + " column names given for a view of " + names.size() + " columns",
                                create.getView());
                    }
                    Map<String, String> renames = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        renames.put(names.get(i), columns.get(i));
                    }
                    if (new HashSet<>(renames.values()).size() < renames.size()) {
                        throw error("the view's column names repeat: " + columns, create.getView());
                    }
                    LazyFrame frame = view.frame();
                    view = Relation.of(guarded(() -> frame.rename(renames), create), null);
                }
                context.register(name, view.frame());
                yield empty();
            }
            case Drop drop -> {
                String type = drop.getType() == null ? "" : drop.getType().toUpperCase(Locale.ROOT);
                if (!type.equals("TABLE") && !type.equals("VIEW")) {
                    throw new SqlException("DROP " + type + " is not supported; DROP TABLE or DROP VIEW", sql, 1, 1);
                }
                String name = drop.getName().getUnquotedName();
                if (!context.drop(name) && !drop.isIfExists()) {
                    throw error("unknown table \"" + name + "\"; tables are: " + context.describeTables(), drop.getName());
                }
                yield empty();
            }
            case net.sf.jsqlparser.statement.insert.Insert insert -> tables.insert(insert);
            case net.sf.jsqlparser.statement.update.Update update -> tables.update(update);
            case net.sf.jsqlparser.statement.delete.Delete delete -> tables.delete(delete);
            case net.sf.jsqlparser.statement.alter.Alter alter -> tables.alter(alter);
            case net.sf.jsqlparser.statement.DescribeStatement describe -> tables.describe(describe);
            case net.sf.jsqlparser.statement.ExplainStatement explain -> explain(explain);
            case net.sf.jsqlparser.statement.show.ShowTablesStatement show -> {
                if (!show.toString().strip().equalsIgnoreCase("SHOW TABLES")) {
                    throw new SqlException("only SHOW TABLES is supported, not " + show, sql, 1, 1);
                }
                yield DataFrame.of(dev.floe.frame.Series.of("name", context.tables().toArray(String[]::new)));
            }
            default -> throw new SqlException(kind(statement) + " statements are not supported; Floe runs queries, "
                    + "CREATE TABLE|VIEW, DROP TABLE|VIEW, INSERT, UPDATE, DELETE, ALTER TABLE, DESCRIBE, SHOW TABLES, "
                    + "EXPLAIN, COPY, SET and BEGIN|COMMIT|ROLLBACK", sql, 1, 1);
        };
    }

    /** The SQL name of a type, as DuckDB writes it. */
    static String sqlTypeName(DataType type) {
        return switch (type.id()) {
            case BOOLEAN -> "BOOLEAN";
            case INT8 -> "TINYINT";
            case INT16 -> "SMALLINT";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case INT128 -> "HUGEINT";
            case DECIMAL -> "DECIMAL(" + type.precision() + "," + type.scale() + ")";
            case FLOAT32 -> "FLOAT";
            case FLOAT64 -> "DOUBLE";
            case UTF8, CATEGORICAL -> "VARCHAR";
            case DATE -> "DATE";
            case DATETIME -> "TIMESTAMP";
            case DURATION -> "INTERVAL";
            case NULL -> "\"NULL\"";
            default -> type.toString().toUpperCase(Locale.ROOT);
        };
    }

    static DataFrame empty() {
        return DataFrame.empty(Schema.of(List.of()));
    }

    private static String kind(Statement statement) {
        String name = statement.getClass().getSimpleName();
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }

    /** Runs {@code build}, giving errors the engine finds while building the plan a place in the query. */
    <T> T guarded(java.util.function.Supplier<T> build, Object node) {
        try {
            return build.get();
        } catch (SqlException e) {
            throw e;
        } catch (SchemaException | IllegalArgumentException | UnsupportedOperationException e) {
            int[] at = position(node);
            throw new SqlException(e.getMessage(), sql, at[0], at[1], e);
        }
    }

    // ---- parsing ------------------------------------------------------------------------------

    private Statement parse() {
        rejectDeepParentheses();
        Statement statement;
        try {
            // on this (deep-stack) thread: the parser recurses once per level of nesting
            statement = CCJSqlParserUtil.parse(sql, CALLER_RUNS, null);
        } catch (JSQLParserException e) {
            throw syntaxError(e);
        }
        if (statement == null) {
            throw new SqlException("no statement to run", sql, 0, 0);
        }
        parameters.check(statement, sql);
        return statement;
    }

    private SqlException syntaxError(JSQLParserException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StackOverflowError) {
                return new SqlException("the statement is nested too deeply to read; Floe reads " + MAX_DEPTH
                        + " levels", sql, 0, 0, e);
            }
        }
        Throwable cause = e;
        while (cause != null && !(cause instanceof ParseException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ParseException parse && parse.currentToken != null && parse.currentToken.next != null) {
            Token token = parse.currentToken.next;
            String found = token.kind == 0 ? "the end of the query" : "\"" + token.image + "\"";
            if (":".equals(parse.currentToken.image) || ":".equals(token.image) && "[".equals(parse.currentToken.image)) {
                found += " in a list slice (JSqlParser 5.4 cannot read the slices l[a:] and l[:-b] after a column "
                        + "name; write (l)[a:], (l)[:-b] or list_slice(l, a, b))";
            }
            return new SqlException("syntax error: unexpected " + found, sql, Math.max(1, token.beginLine),
                    Math.max(1, token.beginColumn), e);
        }
        String message = e.getMessage() == null ? "cannot parse the query" : e.getMessage().lines().findFirst().orElse("");
        return new SqlException("syntax error: " + message, sql, 0, 0, e);
    }

    /**
     * Refuses, before parsing, parentheses nested deeper than {@link #MAX_DEPTH}: the parser's
     * time grows steeply with their depth, and no such statement would be translated anyway.
     */
    private void rejectDeepParentheses() {
        int depth = 0;
        int line = 1;
        int column = 1;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                if (end < 0) {
                    return;
                }
                column += end - i;
                i = end - 1;
                continue;
            } else if (c == '(') {
                if (++depth > MAX_DEPTH) {
                    throw new SqlException("parentheses are nested more than " + MAX_DEPTH + " deep here; Floe reads "
                            + "statements nested up to " + MAX_DEPTH + " levels", sql, line, column);
                }
            } else if (c == ')') {
                depth--;
            }
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
    }

    /** Runs the parser's work where it is asked for: on the statement's own (deep-stack) thread. */
    private static final java.util.concurrent.ExecutorService CALLER_RUNS =
            new java.util.concurrent.AbstractExecutorService() {
                @Override
                public void execute(Runnable command) {
                    command.run();
                }

                @Override
                public void shutdown() {}

                @Override
                public List<Runnable> shutdownNow() {
                    return List.of();
                }

                @Override
                public boolean isShutdown() {
                    return false;
                }

                @Override
                public boolean isTerminated() {
                    return false;
                }

                @Override
                public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit) {
                    return false;
                }
            };

    /**
     * The statement with each {@code //} (DuckDB's integer division) outside quotes and comments
     * written as {@code DIV}, the operator JSqlParser reads: it takes {@code //} for the start of a
     * comment and would drop the rest of the line silently. Messages quote the statement as
     * rewritten, so that their columns point at what was read.
     */
    static String integerDivisions(String sql) {
        if (!sql.contains("//")) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length() + 8);
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            char next = i + 1 < sql.length() ? sql.charAt(i + 1) : 0;
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '-' && next == '-' || c == '/' && next == '*') {
                // a comment, kept as it is: to the end of the line, or to its */
                int end = c == '-' ? sql.indexOf('\n', i) : sql.indexOf("*/", i + 2);
                end = end < 0 ? sql.length() : c == '-' ? end : end + 2;
                out.append(sql, i, end);
                i = end - 1;
                continue;
            } else if (c == '/' && next == '/') {
                out.append(" DIV ");
                i++;
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    // ---- queries ------------------------------------------------------------------------------

    /**
     * What a query's names can reach besides its own FROM: the common table expressions in scope,
     * by name; for a subquery in an expression, the scope of the query it is in ({@code outer}),
     * whose columns it may read; and for a correlated subquery's own query block, the outer
     * values it reads ({@code correlation}), joined into its FROM.
     */
    static final class Env {
        final Map<String, Relation> ctes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final Scope outer;
        final Correlation correlation;

        Env() {
            this(null, null);
        }

        private Env(Scope outer, Correlation correlation) {
            this.outer = outer;
            this.correlation = correlation;
        }

        Env with(String name, Relation relation) {
            Env next = new Env(outer, correlation);
            next.ctes.putAll(ctes);
            next.ctes.put(name, relation);
            return next;
        }

        /** For a subquery of {@code scope}: its names, and the outer values {@code correlation} (null if none) gives. */
        Env nested(Scope scope, Correlation correlation) {
            Env next = new Env(scope, correlation);
            next.ctes.putAll(ctes);
            return next;
        }

        /** For a query inside this one's FROM or WITH, which does not see the outer values joined into this one. */
        Env derived() {
            if (correlation == null) {
                return this;
            }
            Env next = new Env(outer, null);
            next.ctes.putAll(ctes);
            return next;
        }

        /** The same names without the enclosing queries' (to try a translation that must not reach them). */
        Env local() {
            if (outer == null && correlation == null) {
                return this;
            }
            Env next = new Env(null, null);
            next.ctes.putAll(ctes);
            return next;
        }
    }

    Relation query(Select select, Env outer) {
        for (String unsupported : unsupportedQueryClauses(select)) {
            throw error(unsupported + " is not supported", select);
        }
        Env env = outer;
        if (select.getWithItemsList() != null) {
            Set<String> named = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            for (WithItem<?> item : select.getWithItemsList()) {
                if (!named.add(item.getUnquotedAliasName())) {
                    throw error("the WITH clause names \"" + item.getUnquotedAliasName() + "\" twice", item.getAlias());
                }
                if (!(item.getParenthesedStatement() instanceof ParenthesedSelect body0)) {
                    // WITH x AS (INSERT ...), (UPDATE ...), (DELETE ...): data-modifying WITH items
                    throw error("a WITH item must be a query; \"" + item.getUnquotedAliasName() + "\" is "
                            + (item.getParenthesedStatement() == null ? "empty"
                                    : "a data-modifying statement, which WITH does not support"), item.getAlias());
                }
                String name = item.getUnquotedAliasName();
                List<String> columns = new ArrayList<>();
                if (item.getWithItemList() != null) {
                    for (SelectItem<?> column : item.getWithItemList()) {
                        columns.add(unquote(column.toString()));
                    }
                }
                Relation body;
                if (item.isRecursive() && body0.getSelect() instanceof SetOperationList set
                        && readsTable(set, name)) {
                    body = recursive(name, set, columns, env, item);
                } else {
                    body = query(body0.getSelect(), env.derived());
                    if (!columns.isEmpty()) {
                        body = fromPlanner.renamed(body, columns, item.getAlias());
                    }
                }
                env = env.with(name, body.requalified(name));
            }
        }
        return switch (select) {
            case PlainSelect plain -> plainSelect(plain, env);
            case SetOperationList set -> finish(setOperation(set, env), set.getOrderByElements(), set, env);
            case ParenthesedSelect parenthesed -> finish(query(parenthesed.getSelect(), env),
                    parenthesed.getOrderByElements(), parenthesed, env);
            case Values values -> fromPlanner.values(values);
            default -> throw error(select.getClass().getSimpleName() + " queries are not supported", select);
        };
    }

    /** The most rounds a recursive query may take before it is taken for one that never ends. */
    private static final int MAX_RECURSION = 100_000;

    /** Whether {@code select} reads a table named {@code name} (a recursive WITH item's own name). */
    private boolean readsTable(Select select, String name) {
        Set<String> tables;
        try {
            tables = new net.sf.jsqlparser.util.TablesNamesFinder<Void>().getTables((net.sf.jsqlparser.statement.Statement) select);
        } catch (RuntimeException unreadable) {
            throw error("cannot tell which tables this part of WITH RECURSIVE " + name + " reads: "
                    + unreadable.getMessage(), select);
        }
        for (String table : tables) {
            if (unquote(table).equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code WITH RECURSIVE name AS (anchor UNION [ALL] step)}, worked out now, round by round: the
     * anchor's rows, then the step over the rows the last round added, until a round adds none.
     * With UNION (not ALL) a round adds only rows not seen before, so cycles end. Each round is
     * translated afresh over the last round's rows (a subquery in the step is computed per round).
     */
    private Relation recursive(String name, SetOperationList body, List<String> columns, Env env, WithItem<?> item) {
        List<Select> selects = body.getSelects();
        List<net.sf.jsqlparser.statement.select.SetOperation> operations = body.getOperations();
        int firstStep = 0;
        while (firstStep < selects.size() && !readsTable(selects.get(firstStep), name)) {
            firstStep++;
        }
        if (firstStep == 0) {
            throw error("WITH RECURSIVE " + name + " needs a first part that does not read " + name
                    + " (the anchor), then UNION [ALL] and the part that does", item.getAlias());
        }
        Boolean all = null;
        for (int i = firstStep - 1; i < operations.size(); i++) {
            if (!(operations.get(i) instanceof UnionOp union)) {
                throw error("WITH RECURSIVE " + name + " joins its recursive part with UNION or UNION ALL, not "
                        + operations.get(i), item.getAlias());
            }
            if (all != null && all != union.isAll()) {
                throw error("WITH RECURSIVE " + name + " mixes UNION and UNION ALL between its recursive parts",
                        item.getAlias());
            }
            all = union.isAll();
        }
        Select anchorSelect = firstStep == 1 ? selects.get(0)
                : new SetOperationList().withSelects(new ArrayList<>(selects.subList(0, firstStep)))
                        .withOperations(new ArrayList<>(operations.subList(0, firstStep - 1)));
        Relation anchor = query(anchorSelect, env.derived());
        if (!columns.isEmpty()) {
            anchor = fromPlanner.renamed(anchor, columns, item.getAlias());
        }
        List<Field> visible = anchor.fields().stream().filter(f -> !f.hidden()).toList();
        List<String> names = visible.stream().map(Field::name).toList();
        if (new java.util.HashSet<>(names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList()).size() != names.size()) {
            throw error("WITH RECURSIVE " + name + " needs distinct column names, not " + names
                    + "; name them as " + name + "(a, b, ...)", item.getAlias());
        }
        List<Expr> shaped = new ArrayList<>();
        for (Field field : visible) {
            shaped.add(col(field.column()).alias(field.name()));
        }
        DataFrame rows = anchor.frame().select(shaped).collect(context.config());
        Schema schema = rows.schema();
        if (!all) {
            rows = rows.unique();
        }
        DataFrame last = rows;
        List<DataFrame> found = new ArrayList<>(List.of(rows));
        int seen = rows.height();
        for (int round = 1; last.height() > 0; round++) {
            if (round > MAX_RECURSION) {
                throw error("WITH RECURSIVE " + name + " did not end after " + MAX_RECURSION + " rounds ("
                        + seen + " rows); a step that adds rows forever needs a condition that stops it", item.getAlias());
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new dev.floe.frame.physical.QueryCancelledException("interrupted while WITH RECURSIVE "
                        + name + " ran (round " + round + ")");
            }
            Env withLast = env.with(name, Relation.of(last.lazy(), name));
            Set<Object> cached = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            cached.addAll(eager.keySet());
            List<DataFrame> added = new ArrayList<>();
            for (int s = firstStep; s < selects.size(); s++) {
                Relation step = query(selects.get(s), withLast.derived());
                List<Field> stepFields = step.fields().stream().filter(f -> !f.hidden()).toList();
                if (stepFields.size() != names.size()) {
                    throw error("the recursive part of WITH RECURSIVE " + name + " gives " + stepFields.size()
                            + " columns, its anchor " + names.size(), selects.get(s));
                }
                List<Expr> cast = new ArrayList<>();
                for (int c = 0; c < names.size(); c++) {
                    DataType type = schema.type(names.get(c));
                    Expr value = col(stepFields.get(c).column());
                    DataType stepType = ExprTyper.typeOf(value, step.frame().schema());
                    boolean text = (type == DataType.UTF8 || type == DataType.CATEGORICAL)
                            && (stepType == DataType.UTF8 || stepType == DataType.CATEGORICAL);
                    // integers narrowed with an overflow check (exact or an error); never a float made narrower
                    boolean numbers = type.isNumeric() && stepType.isNumeric() && (type.isFloat() || !stepType.isFloat())
                            && !(type == DataType.FLOAT32 && stepType == DataType.FLOAT64);
                    if (stepType != type && stepType != DataType.NULL && !text && !numbers) {
                        throw error("the recursive part of WITH RECURSIVE " + name + " gives " + stepType + " for "
                                + names.get(c) + ", where its anchor gives " + type + "; CAST the anchor's "
                                + names.get(c) + " to the wider type", selects.get(s));
                    }
                    // integers narrowed with an overflow check, never a float truncated to an integer
                    cast.add((stepType == type ? value : value.cast(type)).alias(names.get(c)));
                }
                added.add(step.frame().select(cast).collect(context.config()));
            }
            eager.keySet().removeIf(key -> !cached.contains(key)); // a round's subqueries are that round's
            DataFrame next = added.size() == 1 ? added.get(0) : DataFrame.concat(added);
            if (!all && next.height() > 0) {
                DataFrame seenRows = DataFrame.concat(found);
                DataFrame union = DataFrame.concat(seenRows, next).unique(); // first occurrences: the seen rows, then the new
                next = union.slice(seenRows.height(), union.height() - seenRows.height());
            }
            if (next.height() > 0) {
                found.add(next);
                seen += next.height();
            }
            last = next;
        }
        DataFrame result = found.size() == 1 ? found.get(0) : DataFrame.concat(found);
        return Relation.of(result.lazy(), name);
    }

    private Relation plainSelect(PlainSelect select, Env env) {
        Map<String, net.sf.jsqlparser.expression.WindowDefinition> outer = namedWindows;
        Map<String, net.sf.jsqlparser.expression.WindowDefinition> named = new java.util.HashMap<>();
        if (select.getWindowDefinitions() != null) {
            for (net.sf.jsqlparser.expression.WindowDefinition definition : select.getWindowDefinitions()) {
                String name = definition.getWindowName().toLowerCase(Locale.ROOT);
                if (named.put(name, definition) != null) {
                    throw error("the window " + definition.getWindowName() + " is defined twice", select);
                }
            }
        }
        namedWindows = named; // a query's windows are its own: a subquery does not see its outer query's
        try {
            return plainSelectBody(select, env);
        } finally {
            namedWindows = outer;
        }
    }

    private Relation plainSelectBody(PlainSelect select, Env env) {
        for (String unsupported : unsupportedClauses(select)) {
            throw error(unsupported + " is not supported", select);
        }
        Correlation correlation = env.correlation;
        List<Expression> where = FromPlanner.factored(conjuncts(select.getWhere()));
        Relation from = fromPlanner.fromClause(select, env, where);
        List<Expression> plain = new ArrayList<>();
        List<Expression> nested = new ArrayList<>();
        for (Expression conjunct : where) {
            (containsSubquery(conjunct) ? nested : plain).add(conjunct);
        }
        if (!plain.isEmpty()) {
            Scope scope = new Scope(from, env, null);
            List<Expr> conditions = new ArrayList<>();
            for (Expression conjunct : plain) {
                conditions.add(typed(expr(conjunct, scope), from.frame().schema(), conjunct, "WHERE"));
            }
            Expr filter = joined(conditions, Expr::and);
            LazyFrame unfiltered = from.frame();
            from = from.withFrame(guarded(() -> unfiltered.filter(filter), select.getWhere()));
        }
        // conditions with subqueries last: a correlated one reads the values the others leave (all from the same
        // rows, so that one subquery's outer values are not computed from another's join)
        Relation filtered = from;
        for (Expression conjunct : nested) {
            Relation next = subqueryPlanner.whereSubquery(from, filtered, conjunct, env);
            if (from == filtered && next.frame().plan() instanceof dev.floe.frame.plan.Filter filter
                    && filter.input() == from.frame().plan()) {
                filtered = next; // an uncorrelated subquery's condition filters as a plain one does
            }
            from = next;
        }

        List<SelectItem<?>> items = select.getSelectItems();
        int unnestAt = unnestItem(items);
        if (unnestAt >= 0) {
            // unnest(l) as a select item: the rows repeated once per element of l (none for a null or empty l)
            if (select.getGroupBy() != null || select.getHaving() != null || correlation != null
                    || items.stream().anyMatch(item -> containsAggregate(item.getExpression()))) {
                throw error("unnest(...) with GROUP BY, aggregates or in a correlated subquery is not supported; "
                        + "unnest in a subquery of FROM first", items.get(unnestAt));
            }
            // SQL computes windows before unnest repeats the rows; here they would count the repeated rows
            if (select.getQualify() != null || select.getWindowDefinitions() != null
                    || items.stream().anyMatch(item -> containsWindow(item.getExpression()))) {
                throw error("unnest(...) next to window functions is not supported; unnest in a subquery of FROM "
                        + "first", items.get(unnestAt));
            }
            SelectItem<?> item = items.get(unnestAt);
            Function unnest = (Function) unparenthesized(item.getExpression());
            List<Expression> unnestArgs = arguments(unnest);
            if (unnestArgs.size() != 1) {
                throw error("unnest takes one list", unnest);
            }
            Expr list = expr(unnestArgs.get(0), new Scope(from, env, null));
            DataType listType = typeOfOrFail(list, new Scope(from, env, null), unnest);
            if (!listType.isList()) {
                throw error("unnest takes a list, not " + listType, unnest);
            }
            String column = "__floe_unnest";
            LazyFrame rows = from.frame().withColumns(list.alias(column))
                    .filter(col(column).isNotNull().and(col(column).lst().len().gt(0)))
                    .explode(column);
            List<Field> fields = new ArrayList<>(from.fields());
            fields.add(new Field(null, column, column, true));
            from = new Relation(rows, fields);
            Column reference = new Column(column);
            String name = item.getAlias() != null ? item.getAlias().getName() : unnest.toString();
            SelectItem<?> replaced = new SelectItem<>(reference, new net.sf.jsqlparser.expression.Alias(
                    name.startsWith("\"") ? name : "\"" + name.replace("\"", "\"\"") + "\""));
            items = new ArrayList<>(items);
            items.set(unnestAt, replaced);
        }
        boolean grouped = select.getGroupBy() != null || select.getHaving() != null
                || items.stream().anyMatch(item -> containsAggregate(item.getExpression()))
                || (select.getOrderByElements() != null
                        && select.getOrderByElements().stream().anyMatch(o -> containsAggregate(o.getExpression())));
        Grouping grouping = grouped ? grouping(select, from, env) : null;
        if (grouping != null && grouping.sets != null && correlation != null) {
            throw error("GROUPING SETS, ROLLUP and CUBE in a correlated subquery are not supported",
                    groupByNode(select));
        }
        if (grouping != null && correlation != null) {
            // a correlated subquery's groups are per outer value
            for (String column : correlation.columns) {
                grouping.keys.add(col(column));
                grouping.keyColumns.add(column);
                grouping.keyTexts.add("\u0000" + column);
                grouping.keyTypes.add(from.frame().schema().type(column));
            }
        }
        Applies applies = new Applies();
        Map<String, Expr> aliases = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Scope scope = new Scope(from, env, grouping, applies).withAliases(aliases);

        // the select list
        List<Expr> outputs = new ArrayList<>();
        List<String> outputNames = new ArrayList<>();
        List<Expression> outputSql = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (SelectItem<?> item : items) {
            Expression expression = item.getExpression();
            if (expression instanceof AllColumns all) {
                if (grouping != null) {
                    throw error("SELECT * cannot be used with GROUP BY or aggregates; name the columns", expression);
                }
                Map<String, SelectItem<?>> replaced = replacements(all, from);
                for (Field field : star(all, from)) {
                    String name = unique(field.name(), taken);
                    SelectItem<?> replacement = replaced.remove(field.name());
                    outputs.add((replacement == null ? col(field.column())
                            : expr(replacement.getExpression(), scope)).alias(name));
                    outputNames.add(name);
                    outputSql.add(null);
                }
                continue;
            }
            Expr value = expr(expression, scope);
            String base = item.getAlias() != null ? unquote(item.getAlias().getName())
                    : expression instanceof Column c ? resolve(c, from).name() : expression.toString();
            String name = unique(base, taken);
            outputs.add(value.alias(name));
            outputNames.add(name);
            outputSql.add(expression);
            if (item.getAlias() != null) {
                aliases.putIfAbsent(unquote(item.getAlias().getName()), value);
            }
        }
        if (outputs.isEmpty()) {
            throw error("the select list is empty" + (items.isEmpty() ? "" : ": * leaves no column here"), select);
        }
        int userOutputs = outputs.size();
        if (correlation != null) {
            // the outer values go out with the subquery's rows, for the enclosing query to join on
            for (String column : correlation.columns) {
                outputs.add(col(column).alias(column));
                outputNames.add(column);
                outputSql.add(null);
                taken.add(column);
            }
        }

        Expr having = select.getHaving() == null ? null : expr(select.getHaving(), scope);
        // QUALIFY: a filter on the select list's rows, windows computed (before DISTINCT)
        Expr qualify = select.getQualify() == null ? null : expr(select.getQualify(), scope);

        // ORDER BY: output columns by ordinal or name, else expressions computed alongside
        List<SortKey> sortKeys = new ArrayList<>();
        List<Expr> hidden = new ArrayList<>();
        if (select.getOrderByElements() != null) {
            for (OrderByElement element : select.getOrderByElements()) {
                if (element.getExpression() instanceof net.sf.jsqlparser.expression.AllValue) {
                    // ORDER BY ALL: every output column, first to last, in the direction given
                    for (String output : outputNames.subList(0, userOutputs)) {
                        sortKeys.add(sortKey(col(output), element));
                    }
                    continue;
                }
                String output = outputColumn(element.getExpression(), outputNames.subList(0, userOutputs),
                        outputSql, from, grouping != null);
                Expr key;
                if (output != null) {
                    key = col(output);
                } else {
                    Expr value = expr(element.getExpression(), scope);
                    int same = indexOfValue(outputs, value);
                    if (same >= 0) {
                        key = col(outputNames.get(same));
                    } else {
                        if (select.getDistinct() != null && !distinctOn(select)) {
                            throw error("with SELECT DISTINCT, ORDER BY expressions must appear in the select list",
                                    element.getExpression());
                        }
                        String name = "__floe_order_" + hidden.size();
                        hidden.add(value.alias(name));
                        key = col(name);
                    }
                }
                sortKeys.add(sortKey(key, element));
            }
        }

        // DISTINCT ON (...): its expressions as output columns or computed alongside, as ORDER BY's
        List<Expr> onKeys = new ArrayList<>();
        if (distinctOn(select)) {
            for (SelectItem<?> item : select.getDistinct().getOnSelectItems()) {
                Expression on = item.getExpression();
                String output = outputColumn(on, outputNames.subList(0, userOutputs), outputSql, from, grouping != null);
                Expr value = output != null ? col(output) : expr(on, scope);
                int same = output != null ? -1 : indexOfValue(outputs, value);
                if (output == null && same < 0) {
                    String name = "__floe_on_" + onKeys.size();
                    hidden.add(value.alias(name));
                    value = col(name);
                }
                onKeys.add(same >= 0 ? col(outputNames.get(same)) : value);
            }
        }

        LazyFrame frame = grouping == null ? from.frame() : grouping.build(from, select);
        boolean singleRow = false;
        if (grouping != null && correlation != null && select.getGroupBy() == null) {
            // an aggregation without GROUP BY gives a row for every outer value, rows or not
            frame = subqueryPlanner.everyOuterValue(frame, grouping, correlation, select);
            singleRow = true;
        }
        frame = applies.apply(frame);
        if (having != null) {
            LazyFrame before = frame;
            frame = guarded(() -> before.filter(having), select.getHaving());
        }
        List<Expr> projected = new ArrayList<>(outputs);
        projected.addAll(hidden);
        String qualified = fresh("__floe_qualify");
        if (qualify != null) {
            projected.add(qualify.alias(qualified));
        }
        LazyFrame beforeSelect = frame;
        frame = guarded(() -> beforeSelect.select(projected), select);
        if (qualify != null) {
            frame = frame.filter(col(qualified)).drop(qualified);
        }
        if (select.getDistinct() != null) {
            if (onKeys.isEmpty()) {
                frame = frame.unique();
            } else {
                // the first row of each group of the ON values, in the ORDER BY's order (else the input's)
                String first = fresh("__floe_first");
                dev.floe.frame.expr.Over numbered = Exprs.rowNumber().over(onKeys.toArray(Expr[]::new));
                Expr number = sortKeys.isEmpty() ? numbered : numbered.orderBy(sortKeys.toArray(SortKey[]::new));
                frame = frame.withColumns(number.alias(first)).filter(col(first).eq(1L)).drop(first);
            }
        }
        if (!sortKeys.isEmpty()) {
            frame = frame.sort(sortKeys.toArray(SortKey[]::new));
        }
        if (correlation != null) {
            frame = subqueryPlanner.limitedEach(frame, correlation, sortKeys, select.getLimit(), select.getOffset(), select.getFetch(),
                    select);
            correlation.taken(singleRow);
        }
        if (!hidden.isEmpty()) {
            frame = frame.select(outputNames.toArray(String[]::new));
        }
        if (correlation == null) {
            frame = limited(frame, select.getLimit(), select.getOffset(), select.getFetch(), select);
        }
        return Relation.of(frame, null);
    }

    // ---- clauses: checks, ORDER BY, LIMIT --------------------------------------------------------

    /** The clauses any query may carry that Floe does not translate, named as SQL writes them. */
    private static List<String> unsupportedQueryClauses(Select select) {
        List<String> found = new ArrayList<>();
        if (select.getForMode() != null || select.getForUpdate() != null || select.getForUpdateTable() != null) {
            found.add("FOR UPDATE / FOR SHARE");
        }
        if (select.getLimitBy() != null) {
            found.add("LIMIT ... BY");
        }
        if (select.getFetch() != null && select.getFetch().getFetchParameters() != null
                && select.getFetch().getFetchParameters().stream().anyMatch(p -> !p.equalsIgnoreCase("ROWS")
                        && !p.equalsIgnoreCase("ROW") && !p.equalsIgnoreCase("ONLY"))) {
            found.add("FETCH ... " + String.join(" ", select.getFetch().getFetchParameters()));
        }
        if (select.getLimit() != null && select.getLimit().getByExpressions() != null) {
            found.add("LIMIT ... BY");
        }
        if (select.getForClause() != null) {
            found.add("FOR " + select.getForClause());
        }
        if (select.getOption() != null || select.getIsolation() != null || select.getWait() != null
                || select.isNoWait() || select.isSkipLocked() || select.getMySqlProcedureAnalyse() != null) {
            found.add("a locking or isolation option");
        }
        if (select.getInterpolate() != null && !select.getInterpolate().isEmpty()) {
            found.add("INTERPOLATE");
        }
        if (select.isOracleSiblings()) {
            found.add("ORDER SIBLINGS BY");
        }
        if (select.getPivot() != null || select.getUnPivot() != null) {
            found.add("PIVOT / UNPIVOT");
        }
        return found;
    }

    static List<String> unsupportedClauses(PlainSelect select) {
        List<String> found = new ArrayList<>();
        if (select.getTop() != null) {
            found.add("TOP (use LIMIT)");
        }
        if (select.getSkip() != null || select.getFirst() != null) {
            found.add("SKIP / FIRST (use LIMIT and OFFSET)");
        }
        if (select.getSampleClause() != null) {
            found.add("SAMPLE");
        }
        if (select.getPreWhere() != null) {
            found.add("PREWHERE");
        }
        if (select.getLateralViews() != null && !select.getLateralViews().isEmpty()) {
            found.add("LATERAL VIEW");
        }
        if (select.isUsingFinal() || select.isUsingOnly() || select.isUseWithNoLog() || select.getIntoTempTable() != null
                || select.getSettings() != null || select.getOptimizeFor() != null || select.getMySqlHintStraightJoin()
                || select.getMySqlSqlCalcFoundRows() || select.getMySqlSqlCacheFlag() != null
                || select.getMySqlSelectIntoClause() != null || select.getForXmlPath() != null
                || select.getKsqlWindow() != null || select.isEmitChanges()
                || (select.getEmitMode() != null && select.getEmitMode() != PlainSelect.EmitMode.NONE)
                || select.getBigQuerySelectQualifier() != null) {
            found.add("this dialect's SELECT option");
        }
        if (select.getOracleHierarchical() != null) {
            found.add("CONNECT BY");
        }
        if (select.getPreferringClause() != null) {
            found.add("PREFERRING");
        }
        if (select.getGroupBy() != null && select.getGroupBy().isMysqlWithRollup()) {
            found.add("GROUP BY ... WITH ROLLUP");
        }
        if (select.getIntoTables() != null) {
            found.add("SELECT INTO");
        }
        return found;
    }

    /** An ORDER BY term that names an output column: an ordinal, or an output name that no input column shadows. */
    private String outputColumn(Expression expression, List<String> outputNames, List<Expression> outputSql,
            Relation from, boolean grouped) {
        if (expression instanceof LongValue ordinal) {
            long k = clamped(ordinal);
            if (k < 1 || k > outputNames.size()) {
                throw error("ORDER BY position " + ordinal + " is not in the select list (1 to " + outputNames.size() + ")",
                        expression);
            }
            return outputNames.get((int) k - 1);
        }
        if (expression instanceof Column column && column.getTable() == null) {
            String name = unquote(column.getColumnName());
            for (int i = 0; i < outputNames.size(); i++) {
                // an input column of that name wins over an output that renames another column to it
                boolean shadowed = !grouped && outputSql.get(i) instanceof Column source
                        && !unquote(source.getColumnName()).equalsIgnoreCase(name) && !from.matches(null, name).isEmpty();
                if (outputNames.get(i).equalsIgnoreCase(name) && !shadowed) {
                    return outputNames.get(i);
                }
            }
        }
        return null;
    }

    private static int indexOfValue(List<Expr> outputs, Expr value) {
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i) instanceof dev.floe.frame.expr.Alias alias && alias.input().equals(value)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the SELECT is {@code SELECT DISTINCT ON (...)}. */
    private static boolean distinctOn(PlainSelect select) {
        return select.getDistinct() != null && select.getDistinct().getOnSelectItems() != null
                && !select.getDistinct().getOnSelectItems().isEmpty();
    }

    static SortKey sortKey(Expr key, OrderByElement element) {
        boolean descending = !element.isAsc();
        boolean nullsLast = element.getNullOrdering() != OrderByElement.NullOrdering.NULLS_FIRST;
        return new SortKey(key, descending, nullsLast);
    }

    private LazyFrame limited(LazyFrame frame, net.sf.jsqlparser.statement.select.Limit limit,
            net.sf.jsqlparser.statement.select.Offset offset, net.sf.jsqlparser.statement.select.Fetch fetch,
            Object node) {
        long[] window = window(limit, offset, fetch);
        if (window == null) {
            return frame;
        }
        long skip = window[0];
        return frame.slice(skip, window[1] < 0 ? Long.MAX_VALUE - skip : window[1]);
    }

    /** The rows LIMIT, OFFSET and FETCH keep: {skip, count} (count -1: all the rest), or null for every row. */
    long[] window(net.sf.jsqlparser.statement.select.Limit limit,
            net.sf.jsqlparser.statement.select.Offset offset, net.sf.jsqlparser.statement.select.Fetch fetch) {
        long skip = offset == null ? 0 : count(offset.getOffset(), "OFFSET");
        long rows = -1;
        if (limit != null && limit.getRowCount() != null && !limit.isLimitAll() && !limit.isLimitNull()) {
            rows = count(limit.getRowCount(), "LIMIT");
            if (limit.getOffset() != null) {
                skip = count(limit.getOffset(), "OFFSET");
            }
        }
        if (fetch != null) {
            rows = fetch.getExpression() == null ? fetch.getRowCount() : count(fetch.getExpression(), "FETCH");
        }
        return skip == 0 && rows < 0 ? null : new long[] {skip, rows};
    }

    long count(Expression expression, String clause) {
        if (expression instanceof LongValue value) {
            java.math.BigInteger number = value.getBigIntegerValue();
            if (number.signum() >= 0 && number.bitLength() <= 63) {
                return number.longValue();
            }
            if (number.signum() >= 0) {
                throw error(clause + " " + number + " is too large: at most " + Long.MAX_VALUE, expression);
            }
        }
        throw error(clause + " needs a whole number >= 0, got " + expression, expression);
    }

    /** ORDER BY and LIMIT on a query whose columns are known only by their output names. */
    private Relation finish(Relation relation, List<OrderByElement> order, Select select, Env env) {
        LazyFrame frame = relation.frame();
        if (order != null && !order.isEmpty()) {
            List<String> names = frame.schema().names();
            Scope scope = new Scope(relation, env, null);
            List<SortKey> keys = new ArrayList<>();
            for (OrderByElement element : order) {
                Expr key;
                if (element.getExpression() instanceof LongValue ordinal) {
                    long k = clamped(ordinal);
                    if (k < 1 || k > names.size()) {
                        throw error("ORDER BY position " + ordinal + " is not in the select list (1 to " + names.size() + ")",
                                element.getExpression());
                    }
                    key = col(names.get((int) k - 1));
                } else {
                    key = expr(element.getExpression(), scope);
                }
                keys.add(sortKey(key, element));
            }
            frame = frame.sort(keys.toArray(SortKey[]::new));
        }
        frame = limited(frame, select.getLimit(), select.getOffset(), select.getFetch(), select);
        return new Relation(frame, relation.fields());
    }

    // ---- set operations -----------------------------------------------------------------------

    /**
     * A set operation list, left to right. A run of UNIONs becomes one concatenation of all its
     * queries (then one DISTINCT where a UNION without ALL ends it), so a thousand UNION ALLs make
     * one step of the plan, not a thousand nested ones.
     */
    /**
     * A chain of set operations. INTERSECT binds tighter than UNION and EXCEPT, as in SQL and
     * DuckDB ({@code a UNION b INTERSECT c} is {@code a UNION (b INTERSECT c)}): each run of
     * INTERSECTs becomes one operand first, then the operands combine from left to right.
     */
    private Relation setOperation(SetOperationList list, Env env) {
        List<LazyFrame> operands = new ArrayList<>();
        List<SetOperation> operations = new ArrayList<>();
        List<Select> nodes = new ArrayList<>();
        List<LazyFrame> run = new ArrayList<>(List.of(query(list.getSelect(0), env).frame()));
        List<SetOperation> runOperations = new ArrayList<>();
        List<Select> runNodes = new ArrayList<>(List.of(list.getSelect(0)));
        for (int i = 1; i <= list.getSelects().size(); i++) {
            SetOperation operation = i < list.getSelects().size() ? list.getOperation(i - 1) : null;
            if (operation instanceof IntersectOp) {
                runOperations.add(operation);
                runNodes.add(list.getSelect(i));
                run.add(query(list.getSelect(i), env).frame());
                continue;
            }
            operands.add(combine(run, runOperations, runNodes));
            nodes.add(runNodes.getFirst());
            if (operation != null) {
                operations.add(operation);
                run = new ArrayList<>(List.of(query(list.getSelect(i), env).frame()));
                runOperations = new ArrayList<>();
                runNodes = new ArrayList<>(List.of(list.getSelect(i)));
            }
        }
        return Relation.of(combine(operands, operations, nodes), null);
    }

    /** {@code frames} joined from left to right by {@code operations}, one fewer; {@code nodes} the frames' queries. */
    private LazyFrame combine(List<LazyFrame> frames, List<SetOperation> operations, List<Select> nodes) {
        UnionRun run = new UnionRun(frames.getFirst());
        for (int i = 1; i < frames.size(); i++) {
            SetOperation operation = operations.get(i - 1);
            Select next = nodes.get(i);
            LazyFrame right = frames.get(i);
            if (operation.getModifier() != null && operation.getModifier().toUpperCase(Locale.ROOT).contains("BY NAME")) {
                if (!(operation instanceof UnionOp union)) {
                    throw error(operation + " is not supported; UNION [ALL] BY NAME is", next);
                }
                LazyFrame both = unionByName(run.close(), right, next);
                run = new UnionRun(union.isAll() ? both : both.unique());
                continue;
            }
            List<String> names = run.names();
            List<String> rightNames = right.schema().names();
            if (names.size() != rightNames.size()) {
                throw error("each side of " + operation + " needs as many columns: " + names.size() + " and "
                        + rightNames.size(), next);
            }
            if (operation instanceof UnionOp union) {
                run.add(right, union.isAll(), operation, next);
                continue;
            }
            LazyFrame result = run.close();
            List<Expr> left = new ArrayList<>();
            List<Expr> aligned = new ArrayList<>();
            for (int c = 0; c < names.size(); c++) {
                DataType a = result.schema().type(names.get(c));
                DataType b = right.schema().type(rightNames.get(c));
                DataType common = commonType(a, b, c, names.get(c), operation, next);
                left.add(a == common ? col(names.get(c)) : col(names.get(c)).cast(common).alias(names.get(c)));
                Expr r = col(rightNames.get(c));
                aligned.add((b == common ? r : r.cast(common)).alias(names.get(c)));
            }
            LazyFrame l = result.select(left);
            LazyFrame r = right.select(aligned);
            run = new UnionRun(switch (operation) {
                case IntersectOp intersect -> setFilter(l, r, names, true, intersect.isAll(), next);
                case ExceptOp except -> setFilter(l, r, names, false, except.isAll(), next);
                case MinusOp minus -> setFilter(l, r, names, false, minus.isAll(), next);
                default -> throw error(operation + " is not supported", next);
            });
        }
        return run.close();
    }

    private DataType commonType(DataType a, DataType b, int column, String name, Object operation, Object node) {
        DataType common = a == b ? a : Types.supertype(a, b);
        if (common == null) {
            throw error(operation + " column " + (column + 1) + " (" + name + ") is " + a + " on one side and " + b
                    + " on the other; CAST one side", node);
        }
        return common;
    }

    /** Queries joined by UNIONs, kept apart until {@link #close}: the columns' common types, and whether to deduplicate. */
    private final class UnionRun {
        private final List<LazyFrame> frames = new ArrayList<>();
        private final List<DataType> types = new ArrayList<>();
        private boolean distinct;

        UnionRun(LazyFrame first) {
            frames.add(first);
            for (String name : first.schema().names()) {
                types.add(first.schema().type(name));
            }
        }

        List<String> names() {
            return frames.get(0).schema().names();
        }

        void add(LazyFrame right, boolean all, Object operation, Object node) {
            if (all && distinct) {
                // (a UNION b) UNION ALL c: the DISTINCT covers a and b only
                LazyFrame done = close();
                frames.clear();
                frames.add(done);
                distinct = false;
            }
            List<String> names = names();
            List<String> rightNames = right.schema().names();
            for (int c = 0; c < types.size(); c++) {
                types.set(c, commonType(types.get(c), right.schema().type(rightNames.get(c)), c, names.get(c), operation,
                        node));
            }
            frames.add(right);
            distinct |= !all;
        }

        /** The run's rows: every query's columns cast to the common types, one after the other, deduplicated if asked. */
        LazyFrame close() {
            if (frames.size() == 1 && !distinct) {
                return frames.get(0);
            }
            List<String> names = names();
            List<LazyFrame> parts = new ArrayList<>();
            for (LazyFrame frame : frames) {
                List<String> own = frame.schema().names();
                List<Expr> columns = new ArrayList<>();
                boolean same = true;
                for (int c = 0; c < names.size(); c++) {
                    DataType type = frame.schema().type(own.get(c));
                    Expr column = col(own.get(c));
                    column = type == types.get(c) ? column : column.cast(types.get(c));
                    same &= type == types.get(c) && own.get(c).equals(names.get(c));
                    columns.add(column.alias(names.get(c)));
                }
                parts.add(same ? frame : frame.select(columns));
            }
            LazyFrame all = parts.size() == 1 ? parts.get(0) : LazyFrame.concat(parts);
            return distinct ? all.unique() : all;
        }
    }

    /**
     * UNION BY NAME, as DuckDB's: columns matched by name (ignoring case), the left's first, then
     * the right's others; a column one side lacks is null there; each takes its sides' common type.
     */
    private LazyFrame unionByName(LazyFrame left, LazyFrame right, Object node) {
        List<String> names = new ArrayList<>(left.schema().names());
        for (String name : right.schema().names()) {
            if (names.stream().noneMatch(name::equalsIgnoreCase)) {
                names.add(name);
            }
        }
        List<Expr> leftColumns = new ArrayList<>();
        List<Expr> rightColumns = new ArrayList<>();
        for (String name : names) {
            String l = left.schema().names().stream().filter(name::equalsIgnoreCase).findFirst().orElse(null);
            String r = right.schema().names().stream().filter(name::equalsIgnoreCase).findFirst().orElse(null);
            DataType a = l == null ? DataType.NULL : left.schema().type(l);
            DataType b = r == null ? DataType.NULL : right.schema().type(r);
            DataType common = Types.supertype(a, b);
            if (common == null) {
                throw error("UNION BY NAME column " + name + " is " + a + " on one side and " + b + " on the other; "
                        + "CAST one side", node);
            }
            DataType type = common == DataType.CATEGORICAL ? DataType.UTF8 : common;
            leftColumns.add((l == null ? lit(null, type) : col(l).cast(type)).alias(name));
            rightColumns.add((r == null ? lit(null, type) : col(r).cast(type)).alias(name));
        }
        return LazyFrame.concat(List.of(left.select(leftColumns), right.select(rightColumns)));
    }

    /** INTERSECT / EXCEPT as sets: rows tagged by side, grouped (nulls equal, as set operations want), filtered. */
    private LazyFrame setFilter(LazyFrame left, LazyFrame right, List<String> names, boolean intersect, boolean all,
            Object node) {
        List<String> by = new ArrayList<>(names);
        if (all) {
            // as sets of (row, its occurrence number): the n-th copy of a row on the left is kept where the
            // right holds an n-th copy (INTERSECT ALL: min(l, r) copies) or does not (EXCEPT ALL: l - r copies)
            String occurrence = fresh("__floe_occurrence");
            Expr[] row = names.stream().map(Exprs::col).toArray(Expr[]::new);
            left = left.withColumns(Exprs.rowNumber().over(row).alias(occurrence));
            right = right.withColumns(Exprs.rowNumber().over(row).alias(occurrence));
            by.add(occurrence);
        }
        String l = fresh("__floe_left");
        String r = fresh("__floe_right");
        LazyFrame tagged = LazyFrame.concat(List.of(left.withColumns(lit(1L).alias(l), lit(0L).alias(r)),
                right.withColumns(lit(0L).alias(l), lit(1L).alias(r))));
        LazyFrame counted = tagged.groupBy(by.toArray(String[]::new)).agg(col(l).sum().alias(l), col(r).sum().alias(r));
        Expr keep = intersect ? col(l).gt(0).and(col(r).gt(0)) : col(l).gt(0).and(col(r).eq(0));
        return counted.filter(keep).select(names.toArray(String[]::new));
    }

    // ---- SELECT * -----------------------------------------------------------------------------

    private List<Field> star(AllColumns all, Relation from) {
        List<Field> fields = new ArrayList<>();
        String qualifier = all instanceof AllTableColumns table ? unquote(table.getTable().getFullyQualifiedName()) : null;
        for (Field field : from.fields()) {
            // * shows a USING key once; t.* shows t's own copy, as its other columns; never an outer value
            if (field.outer() || field.hidden() && qualifier == null) {
                continue;
            }
            if (qualifier != null && (field.qualifier() == null || !field.qualifier().equalsIgnoreCase(qualifier))) {
                continue;
            }
            fields.add(field);
        }
        if (qualifier != null && fields.isEmpty()) {
            throw error("no table \"" + qualifier + "\" in FROM", all);
        }
        if (fields.isEmpty() && from.fields().stream().noneMatch(f -> !f.outer())) {
            throw error("SELECT * needs a FROM clause: without one there are no columns to take", all);
        }
        if (all.getExceptColumns() != null) {
            for (Column except : all.getExceptColumns()) {
                String name = unquote(except.getColumnName());
                String table = except.getTable() == null || except.getTable().getName() == null ? null
                        : unquote(except.getTable().getFullyQualifiedName());
                boolean removed = fields.removeIf(f -> f.name().equalsIgnoreCase(name)
                        && (table == null || f.qualifier() != null && f.qualifier().equalsIgnoreCase(table)));
                if (!removed) {
                    throw error("EXCLUDE names \"" + (table == null ? "" : table + ".") + name + "\", which * does "
                            + "not have; columns are: " + String.join(", ", fields.stream().map(Field::display).toList()),
                            except);
                }
            }
            if (fields.isEmpty()) {
                throw error("* EXCLUDE leaves no columns: it excludes every column of " + (qualifier == null ? "*"
                        : qualifier + ".*"), all);
            }
        }
        return fields;
    }

    /** {@code * REPLACE (expr AS name, ...)}: the expressions by the column name they replace. */
    private Map<String, SelectItem<?>> replacements(AllColumns all, Relation from) {
        Map<String, SelectItem<?>> replaced = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (all.getReplaceExpressions() == null) {
            return replaced;
        }
        List<Field> fields = star(all, from);
        for (SelectItem<?> item : all.getReplaceExpressions()) {
            if (item.getAlias() == null) {
                throw error("* REPLACE needs each expression named: REPLACE (x + 1 AS x)", item.getExpression());
            }
            String name = unquote(item.getAlias().getName());
            if (fields.stream().noneMatch(f -> f.name().equalsIgnoreCase(name))) {
                throw error("REPLACE names \"" + name + "\", which * does not have", item.getExpression());
            }
            if (replaced.put(name, item) != null) {
                throw error("REPLACE names \"" + name + "\" twice", item.getExpression());
            }
        }
        // the map's keys are the star's own names, so each field finds its replacement
        Map<String, SelectItem<?>> byField = new LinkedHashMap<>();
        for (Field field : fields) {
            SelectItem<?> item = replaced.get(field.name());
            if (item != null) {
                byField.put(field.name(), item);
            }
        }
        return byField;
    }

    // ---- aggregation --------------------------------------------------------------------------

    /** The most grouping sets one GROUP BY may expand to (CUBE of 12 columns). */
    private static final int MAX_GROUPING_SETS = 4096;

    /** The most columns one CUBE may hold. */
    private static final int MAX_CUBE_COLUMNS = 12;

    /**
     * An aggregation being translated: its keys, the aggregations its expressions need, and, for
     * GROUPING SETS, ROLLUP and CUBE, the sets of keys it groups by (null: one set, every key).
     */
    final class Grouping {
        final List<Expr> keys = new ArrayList<>();
        final List<String> keyColumns = new ArrayList<>();
        final List<String> keyTexts = new ArrayList<>();
        final Map<String, Expr> aggregates = new LinkedHashMap<>();
        /** The key types, as the input gives them; a key left out of a set is a null of its type. */
        final List<DataType> keyTypes = new ArrayList<>();
        /** Each set's keys, by index into {@link #keys}; null where there is one set of every key. */
        List<java.util.BitSet> sets;
        /** GROUPING(...) calls: each a column of its own, a constant in each set; by the keys it reads. */
        final Map<List<Integer>, String> groupingCalls = new LinkedHashMap<>();
        /**
         * The DISTINCT aggregates' first-occurrence flags, by the values they make distinct: each a
         * column, true on the first row of each group with those values (and, for a FILTER, the
         * condition's value), computed over the input before it is grouped.
         */
        private final Map<String, Distinct> distincts = new LinkedHashMap<>();

        private record Distinct(String column, List<Expr> values) {
        }

        /**
         * The order of the input that the aggregates' {@code ORDER BY} asks for ({@code
         * string_agg(s, ',' ORDER BY k)}), with its text; null where none does. The input is sorted
         * by it before it is grouped, and the aggregates that follow input order (lists, first,
         * last) follow it. One order per aggregation.
         */
        private List<SortKey> inputOrder;
        private String inputOrderText;

        void orderInputBy(List<SortKey> keys, String text, Object node) {
            if (inputOrder != null && !inputOrderText.equals(text)) {
                throw error("aggregates ordered by different ORDER BYs in one query are not supported (" + inputOrderText
                        + " and " + text + ")", node);
            }
            inputOrder = List.copyOf(keys);
            inputOrderText = text;
        }

        /**
         * A flag that is true on one row of each group for each distinct combination of
         * {@code values}: the first in input order. {@code agg(DISTINCT x)} is {@code agg(x)} over
         * the flagged rows, for every aggregate, with the grouping's keys of each grouping set.
         */
        Expr registerDistinct(List<Expr> values) {
            String key = values.toString();
            Distinct existing = distincts.get(key);
            if (existing == null) {
                existing = new Distinct(fresh("__floe_distinct"), List.copyOf(values));
                distincts.put(key, existing);
            }
            return col(existing.column());
        }

        /**
         * The columns the aggregation gives, as far as it is known: the keys, the aggregates
         * registered so far and the GROUPING() calls; {@code input} is the rows it aggregates.
         */
        Schema aggregatedSchema(Schema input) {
            if (input != typedInput) {
                typedInput = input;
                typedAggregates.clear();
            }
            // each aggregate is typed once, when first asked after it was registered: the types of those
            // before it do not change as more are registered (DISTINCT flags only add columns)
            if (typedAggregates.size() < aggregates.size()) {
                Schema flagged = withDistinctFlags(input);
                java.util.Iterator<Expr> each = aggregates.values().iterator();
                for (int i = 0; i < typedAggregates.size(); i++) {
                    each.next();
                }
                while (each.hasNext()) {
                    Expr agg = each.next();
                    typedAggregates.add(new Schema.Field(agg.outputName(), ExprTyper.typeOf(agg, flagged)));
                }
            }
            List<Schema.Field> fields = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                fields.add(new Schema.Field(keyColumns.get(i), keyTypes.get(i)));
            }
            fields.addAll(typedAggregates);
            for (String call : groupingCalls.values()) {
                fields.add(new Schema.Field(call, DataType.INT64));
            }
            return Schema.of(fields);
        }

        /** The input the aggregates in {@link #typedAggregates} were typed against, and their columns. */
        private Schema typedInput;
        private final List<Schema.Field> typedAggregates = new ArrayList<>();

        /** {@code schema} with the DISTINCT flags' columns, which aggregates' arguments read. */
        Schema withDistinctFlags(Schema schema) {
            if (distincts.isEmpty()) {
                return schema;
            }
            List<Schema.Field> fields = new ArrayList<>(schema.fields());
            for (Distinct distinct : distincts.values()) {
                fields.add(new Schema.Field(distinct.column(), DataType.BOOLEAN));
            }
            return Schema.of(fields);
        }

        /** {@code agg} computed once per group, under a column name of its own. */
        Expr register(Expr agg) {
            String key = agg.toString();
            Expr existing = aggregates.get(key);
            if (existing != null) {
                return col(existing.outputName());
            }
            String name = fresh("__floe_agg");
            aggregates.put(key, agg.alias(name));
            return col(name);
        }

        /** GROUPING(keys...): a bit for each key, the first the highest, 1 where the set leaves the key out. */
        Expr registerGrouping(List<Integer> of) {
            return col(groupingCalls.computeIfAbsent(List.copyOf(of), k -> fresh("__floe_grouping")));
        }

        LazyFrame build(Relation from, Object node) {
            List<Expr> aggs = new ArrayList<>(aggregates.values());
            return guarded(() -> {
                if (sets == null && groupingCalls.isEmpty()) {
                    return aggregated(from.frame(), keys, aggs);
                }
                List<java.util.BitSet> each = sets != null ? sets : List.of(allKeys());
                List<LazyFrame> parts = new ArrayList<>();
                for (java.util.BitSet set : each) {
                    List<Expr> setKeys = new ArrayList<>();
                    for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
                        setKeys.add(keys.get(i));
                    }
                    List<Expr> columns = new ArrayList<>();
                    for (int i = 0; i < keys.size(); i++) {
                        columns.add(set.get(i) ? col(keyColumns.get(i))
                                : lit(null, keyTypes.get(i)).alias(keyColumns.get(i)));
                    }
                    for (Expr agg : aggs) {
                        columns.add(col(agg.outputName()));
                    }
                    for (Map.Entry<List<Integer>, String> call : groupingCalls.entrySet()) {
                        long value = 0;
                        for (int key : call.getKey()) {
                            value = value << 1 | (set.get(key) ? 0 : 1);
                        }
                        columns.add(lit(value, DataType.INT64).alias(call.getValue()));
                    }
                    parts.add(aggregated(from.frame(), setKeys, aggs).select(columns));
                }
                return parts.size() == 1 ? parts.get(0) : LazyFrame.concat(parts);
            }, node);
        }

        private java.util.BitSet allKeys() {
            java.util.BitSet all = new java.util.BitSet();
            all.set(0, keys.size());
            return all;
        }

        private LazyFrame aggregated(LazyFrame input, List<Expr> by, List<Expr> aggs) {
            if (inputOrder != null) {
                input = input.sort(inputOrder.toArray(SortKey[]::new)); // stable: ties keep the input's order
            }
            if (!distincts.isEmpty()) {
                List<Expr> flags = new ArrayList<>();
                for (Distinct distinct : distincts.values()) {
                    List<Expr> partition = new ArrayList<>();
                    for (Expr key : by) {
                        partition.add(key instanceof dev.floe.frame.expr.Alias alias ? alias.input() : key);
                    }
                    partition.addAll(distinct.values());
                    flags.add(Exprs.rowNumber().over(partition.toArray(Expr[]::new)).eq(1L)
                            .alias(distinct.column()));
                }
                input = input.withColumns(flags);
            }
            if (by.isEmpty()) {
                List<Expr> computed = new ArrayList<>(aggs);
                if (computed.isEmpty()) {
                    computed.add(Exprs.len().alias(fresh("__floe_agg")));
                }
                return input.select(computed); // one row, rows or not
            }
            if (aggs.isEmpty()) {
                return input.select(by).unique();
            }
            return input.groupBy(by.toArray(Expr[]::new)).agg(aggs);
        }
    }

    private Grouping grouping(PlainSelect select, Relation from, Env env) {
        Grouping grouping = new Grouping();
        if (select.getGroupBy() == null) {
            return grouping;
        }
        Scope row = new Scope(from, env, null);
        GroupByElement groupBy = select.getGroupBy();
        List<Expression> list = new ArrayList<>(groupBy.getGroupByExpressionList());
        boolean setsGiven = groupBy.getGroupingSets() != null && !groupBy.getGroupingSets().isEmpty();
        if (setsGiven || list.stream().anyMatch(e -> setFunction(e) != null)) {
            List<java.util.BitSet> sets = List.of(new java.util.BitSet());
            if (setsGiven) {
                // GROUP BY GROUPING SETS (...): the union of its items' sets
                List<java.util.BitSet> union = new ArrayList<>();
                for (ExpressionList<Expression> item : groupBy.getGroupingSets()) {
                    List<java.util.BitSet> expanded = item instanceof ParenthesedExpressionList<?>
                            ? List.of(keySet(item, select, from, row, grouping))
                            : crossed(item, select, from, row, grouping);
                    if (union.size() + expanded.size() > MAX_GROUPING_SETS) {
                        throw error("GROUPING SETS expands to more than " + MAX_GROUPING_SETS + " grouping sets",
                                groupByNode(select));
                    }
                    union.addAll(expanded);
                }
                sets = union;
            }
            // GROUP BY a, ROLLUP (b, c): the cross product of the items' sets
            grouping.sets = product(sets, crossed(list, select, from, row, grouping), groupByNode(select));
            return grouping;
        }
        if (list.size() == 1 && list.get(0) instanceof net.sf.jsqlparser.expression.AllValue all) {
            // GROUP BY ALL: every expression of the select list without an aggregate
            list.clear();
            for (SelectItem<?> item : select.getSelectItems()) {
                if (item.getExpression() instanceof AllColumns) {
                    throw error("GROUP BY ALL cannot group by *; name the columns", all);
                }
                if (!containsAggregate(item.getExpression()) && !containsWindow(item.getExpression())) {
                    list.add(item.getExpression());
                }
            }
        }
        for (Expression key : list) {
            groupKey(key, select, from, row, grouping);
        }
        return grouping;
    }

    /** A node of GROUP BY that errors can point at: its first ROLLUP or CUBE, else its first key, else the SELECT. */
    private static Object groupByNode(PlainSelect select) {
        GroupByElement groupBy = select.getGroupBy();
        List<Expression> keys = new ArrayList<>(groupBy.getGroupByExpressionList());
        for (Expression key : keys) {
            if (setFunction(key) != null) {
                return key;
            }
        }
        if (groupBy.getGroupingSets() != null) {
            for (ExpressionList<Expression> set : groupBy.getGroupingSets()) {
                keys.addAll(set);
            }
        }
        return keys.isEmpty() ? select : keys.get(0);
    }

    /** "rollup" or "cube" where {@code e} is such an item of GROUP BY, else null. */
    private static String setFunction(Expression e) {
        if (e instanceof Function f && !(e instanceof AnalyticExpression) && f.getName() != null) {
            String name = f.getName().toLowerCase(Locale.ROOT);
            if (name.equals("rollup") || name.equals("cube")) {
                return name;
            }
        }
        return null;
    }

    /** The grouping sets of a list of GROUP BY items: the cross product of each item's sets. */
    private List<java.util.BitSet> crossed(List<Expression> items, PlainSelect select, Relation from, Scope row,
            Grouping grouping) {
        List<java.util.BitSet> sets = List.of(new java.util.BitSet());
        for (Expression item : items) {
            sets = product(sets, itemSets(item, select, from, row, grouping), item);
        }
        return sets;
    }

    /** Every union of one set of {@code left} and one of {@code right}, left's order first. */
    private List<java.util.BitSet> product(List<java.util.BitSet> left, List<java.util.BitSet> right, Object node) {
        if ((long) left.size() * right.size() > MAX_GROUPING_SETS) {
            throw error("GROUP BY expands to more than " + MAX_GROUPING_SETS + " grouping sets", node);
        }
        List<java.util.BitSet> out = new ArrayList<>();
        for (java.util.BitSet l : left) {
            for (java.util.BitSet r : right) {
                java.util.BitSet both = (java.util.BitSet) l.clone();
                both.or(r);
                out.add(both);
            }
        }
        return out;
    }

    /** The grouping sets of one GROUP BY item: a key, ROLLUP (...) or CUBE (...). */
    private List<java.util.BitSet> itemSets(Expression item, PlainSelect select, Relation from, Scope row,
            Grouping grouping) {
        String kind = setFunction(item);
        if (kind == null) {
            if (item instanceof ParenthesedExpressionList<?> parenthesed) {
                return List.of(keySet(parenthesed, select, from, row, grouping));
            }
            java.util.BitSet one = new java.util.BitSet();
            one.set(groupKey(item, select, from, row, grouping));
            return List.of(one);
        }
        Function function = (Function) item;
        if (function.isDistinct() || function.isAllColumns() || function.getNamedParameters() != null
                || function.getParameters() == null || function.getParameters().isEmpty()
                || function.getOrderByElements() != null) {
            throw error(kind.toUpperCase(Locale.ROOT) + " takes a list of columns or expressions", item);
        }
        List<java.util.BitSet> units = new ArrayList<>();
        for (Expression argument : function.getParameters()) {
            if (argument instanceof ParenthesedExpressionList<?> parenthesed) {
                if (parenthesed.isEmpty()) {
                    throw error(kind.toUpperCase(Locale.ROOT) + " cannot hold ()", argument);
                }
                units.add(keySet(parenthesed, select, from, row, grouping));
            } else {
                java.util.BitSet one = new java.util.BitSet();
                one.set(groupKey(argument, select, from, row, grouping));
                units.add(one);
            }
        }
        List<java.util.BitSet> sets = new ArrayList<>();
        if (kind.equals("rollup")) {
            // ROLLUP (a, b): (a, b), (a), ()
            for (int n = units.size(); n >= 0; n--) {
                java.util.BitSet set = new java.util.BitSet();
                for (java.util.BitSet unit : units.subList(0, n)) {
                    set.or(unit);
                }
                sets.add(set);
            }
            return sets;
        }
        if (units.size() > MAX_CUBE_COLUMNS) {
            throw error("CUBE of more than " + MAX_CUBE_COLUMNS + " items is not supported (2^" + units.size()
                    + " grouping sets); use GROUPING SETS", item);
        }
        // CUBE (a, b): every subset, the largest first
        int n = units.size();
        for (int mask = (1 << n) - 1; mask >= 0; mask--) {
            java.util.BitSet set = new java.util.BitSet();
            for (int i = 0; i < n; i++) {
                if ((mask & 1 << (n - 1 - i)) != 0) {
                    set.or(units.get(i));
                }
            }
            sets.add(set);
        }
        return sets;
    }

    /** The keys of a parenthesized list {@code (a, b)} (or {@code ()}) as one grouping set. */
    private java.util.BitSet keySet(ExpressionList<?> list, PlainSelect select, Relation from, Scope row,
            Grouping grouping) {
        java.util.BitSet set = new java.util.BitSet();
        for (Expression key : list) {
            if (setFunction(key) != null || key instanceof ParenthesedExpressionList<?>) {
                throw error("a grouping set in parentheses holds columns or expressions only, not "
                        + (setFunction(key) != null ? setFunction(key).toUpperCase(Locale.ROOT) : "a nested list"),
                        key);
            }
            set.set(groupKey(key, select, from, row, grouping));
        }
        return set;
    }

    /** The index among the grouping's keys of one GROUP BY key, added where it is new. */
    private int groupKey(Expression key, PlainSelect select, Relation from, Scope row, Grouping grouping) {
        Expression source = key;
        if (key instanceof LongValue ordinal) {
            long k = clamped(ordinal);
            List<SelectItem<?>> items = select.getSelectItems();
            if (k < 1 || k > items.size()) {
                throw error("GROUP BY position " + ordinal + " is not in the select list (1 to " + items.size() + ")", key);
            }
            source = items.get((int) k - 1).getExpression();
            if (source instanceof AllColumns) {
                throw error("GROUP BY position " + k + " is *", key);
            }
        } else if (key instanceof Column column && column.getTable() == null
                && from.matches(null, unquote(column.getColumnName())).isEmpty()) {
            // a select alias
            for (SelectItem<?> item : select.getSelectItems()) {
                if (item.getAlias() != null && unquote(item.getAlias().getName()).equalsIgnoreCase(
                        unquote(column.getColumnName()))) {
                    source = item.getExpression();
                }
            }
        }
        if (containsAggregate(source)) {
            throw error("GROUP BY cannot hold an aggregate function", key);
        }
        if (setFunction(source) != null) {
            throw error(setFunction(source).toUpperCase(Locale.ROOT) + " cannot be nested here", key);
        }
        String text = normalized(source);
        int same = grouping.keyTexts.indexOf(text);
        if (same >= 0) {
            return same;
        }
        Expr value = typed(expr(source, row), from.frame().schema(), source, "GROUP BY");
        String name;
        if (value instanceof Col c) {
            name = c.name();
        } else {
            name = fresh("__floe_key");
            value = value.alias(name);
        }
        int existing = grouping.keyColumns.indexOf(name);
        if (existing >= 0) {
            return existing;
        }
        grouping.keys.add(value);
        grouping.keyColumns.add(name);
        grouping.keyTexts.add(text);
        grouping.keyTypes.add(ExprTyper.typeOf(value, from.frame().schema()));
        return grouping.keys.size() - 1;
    }

    // ---- expressions --------------------------------------------------------------------------

    /**
     * Where names resolve: the FROM relation, CTEs for subqueries, the aggregation, if any, and
     * the select list's aliases where they may be read ({@code aliases}, else null); and where the
     * joins of correlated subqueries go ({@code applies}: null where none may be).
     */
    record Scope(Relation relation, Env env, Grouping grouping, boolean insideAggregate, Applies applies,
            Map<String, Expr> aliases) {
        Scope(Relation relation, Env env, Grouping grouping) {
            this(relation, env, grouping, false, null, null);
        }

        Scope(Relation relation, Env env, Grouping grouping, Applies applies) {
            this(relation, env, grouping, false, applies, null);
        }

        Scope inside() {
            return new Scope(relation, env, grouping, true, null, null);
        }

        /** This scope where a name no column has may be an alias of the select list (a lateral column alias). */
        Scope withAliases(Map<String, Expr> aliases) {
            return new Scope(relation, env, grouping, insideAggregate, applies, aliases);
        }

        /** The columns expressions of this scope can read: the relation's and those correlated subqueries add. */
        Schema schema() {
            Schema schema = relation.frame().schema();
            if (insideAggregate && grouping != null) {
                schema = grouping.withDistinctFlags(schema);
            }
            return applies == null ? schema : applies.extend(schema);
        }

        boolean aggregating() {
            return grouping != null && !insideAggregate;
        }
    }

    Expr typed(Expr value, Schema schema, Object node, String clause) {
        try {
            ExprTyper.typeOf(value, schema);
            return value;
        } catch (SchemaException | IllegalArgumentException e) {
            int[] at = position(node);
            throw new SqlException(clause + ": " + e.getMessage(), sql, at[0], at[1], e);
        }
    }

    DataType typeOf(Expr value, Scope scope) {
        try {
            return ExprTyper.typeOf(value, withLambdaParameters(readable(scope)));
        } catch (SchemaException | ColumnNotFoundException | IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code value}'s type, or the error that says why it has none. */
    private DataType typeOfOrFail(Expr value, Scope scope, Object node) {
        Schema schema = withLambdaParameters(readable(scope));
        typed(value, schema, node, "the list");
        return ExprTyper.typeOf(value, schema);
    }

    /** The columns an expression of {@code scope} reads, lambdas' parameters aside. */
    private static Schema readable(Scope scope) {
        if (scope.aggregating()) {
            // over the columns the aggregation will give: its keys and the aggregates registered so far
            Schema aggregated = scope.grouping().aggregatedSchema(scope.relation().frame().schema());
            return scope.applies() == null ? aggregated : scope.applies().extend(aggregated);
        }
        return scope.schema();
    }

    // ---- lambdas --------------------------------------------------------------------------------

    /** The parameters of the lambdas whose bodies are being translated, innermost last: name in lower case to column. */
    private final List<Map<String, Schema.Field>> lambdaParameters = new ArrayList<>();

    private Schema.Field lambdaParameter(String name) {
        for (int i = lambdaParameters.size() - 1; i >= 0; i--) {
            Schema.Field field = lambdaParameters.get(i).get(name.toLowerCase(Locale.ROOT));
            if (field != null) {
                return field;
            }
        }
        return null;
    }

    private Schema withLambdaParameters(Schema schema) {
        if (lambdaParameters.isEmpty()) {
            return schema;
        }
        List<Schema.Field> fields = new ArrayList<>(schema.fields());
        for (Map<String, Schema.Field> parameters : lambdaParameters) {
            fields.addAll(parameters.values());
        }
        return Schema.of(fields);
    }

    /** Whether {@code e} reads a parameter of a lambda being translated (so it is no GROUP BY key's text). */
    private boolean readsLambdaParameter(Expression e) {
        if (lambdaParameters.isEmpty()) {
            return false;
        }
        boolean[] found = {false};
        e.accept(new net.sf.jsqlparser.expression.ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column column, S context) {
                found[0] |= qualifier(column) == null && lambdaParameter(unquote(column.getColumnName())) != null;
                return null;
            }
        }, null);
        return found[0];
    }

    /** The column names a lambda's parameter may not take: those of the scope and of the lambdas around it. */
    private java.util.Set<String> takenNames(Scope scope) {
        java.util.Set<String> taken = new java.util.HashSet<>(readable(scope).names());
        for (Map<String, Schema.Field> outer : lambdaParameters) {
            for (Schema.Field field : outer.values()) {
                taken.add(field.name());
            }
        }
        return taken;
    }

    /** Whether {@code e} holds a subquery (EXISTS, IN (SELECT ...), a scalar subquery). */
    private static boolean holdsSubquery(Expression e) {
        boolean[] found = {false};
        e.accept(new net.sf.jsqlparser.expression.ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(net.sf.jsqlparser.statement.select.ParenthesedSelect select, S context) {
                found[0] = true;
                return null;
            }

            @Override
            public <S> Void visit(net.sf.jsqlparser.expression.operators.relational.ExistsExpression exists, S context) {
                found[0] = true;
                return null;
            }

            @Override
            public <S> Void visit(net.sf.jsqlparser.expression.AnyComparisonExpression any, S context) {
                found[0] = true;
                return null;
            }

            @Override
            public <S> Void visit(net.sf.jsqlparser.expression.operators.relational.InExpression in, S context) {
                found[0] |= in.getRightExpression() instanceof net.sf.jsqlparser.statement.select.Select;
                return super.visit(in, context);
            }
        }, null);
        return found[0];
    }

    /**
     * {@code list_aggregate(l, 'name', args...)}: the aggregate {@code name} of each list's
     * elements, translated as SQL's aggregate of a group whose rows are the elements (its answer
     * over no values too), with {@code args} its further arguments.
     */
    Expr listAggregate(String function, String aggregate, Expr list, List<Expression> args, Function node,
            Scope scope) {
        String name = aggregate.strip().toLowerCase(Locale.ROOT);
        AggregateFunctions.Definition definition = AggregateFunctions.find(name);
        if (definition == null) {
            throw error(function + " takes the name of an aggregate function, and " + aggregate + " is none", node);
        }
        if (definition.has(AggregateFunctions.Trait.PAIRS)) {
            throw error(function + " takes aggregates of one value, and " + name + " takes pairs", node);
        }
        DataType listType = list == null ? null : typeOfOrFail(list, scope, node);
        if (listType == null || !listType.isList()) {
            throw error(function + " takes a list first" + (listType == null ? "" : ", not " + listType), node);
        }
        if (args.size() + 1 < definition.minArgs() || args.size() + 1 > definition.maxArgs()) {
            throw error(function + ": " + arityMessage(name, definition.minArgs(), definition.maxArgs(), args.size() + 1)
                    + " (the list's element is the first)", node);
        }
        java.util.Set<String> taken = takenNames(scope);
        String column = "element";
        for (int n = 1; taken.contains(column); n++) {
            column = "element_" + n;
        }
        // the element, under a name no query can write, is the aggregate's first argument
        String key = "\u0000element";
        List<Expression> written = new ArrayList<>();
        written.add(new Column(key));
        written.addAll(args);
        lambdaParameters.add(Map.of(key, new Schema.Field(column, listType.elementType())));
        // over the elements, not the query's groups: a scope without the query's aggregation, whose
        // state (inputs ordered, distinct values) the aggregate's translation must not touch
        Scope elements = new Scope(scope.relation(), scope.env(), null);
        Expr value;
        try {
            value = definition.translation().translate(new AggregateFunctions.Args(this, node, false, name, written,
                    e -> e, elements, null, java.util.Set.of()));
        } finally {
            lambdaParameters.remove(lambdaParameters.size() - 1);
        }
        try {
            return dev.floe.frame.expr.ListLambda.of(dev.floe.frame.expr.ListLambda.Kind.AGGREGATE, list,
                    List.of(column), value, null);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage(), node);
        }
    }

    /**
     * {@code list_transform(l, x -> ...)}, {@code list_filter} and {@code list_reduce(l, (acc, x)
     * -> ... [, initial])}: the body translated with the parameters in scope, each a column of its
     * own (named as written unless a column the body could read has that name).
     */
    Expr lambda(dev.floe.frame.expr.ListLambda.Kind kind, String name, Expr list, Expression written, Expr initial,
            Function node, Scope scope) {
        if (!(unparenthesized(written) instanceof net.sf.jsqlparser.expression.LambdaExpression lambda)) {
            throw error(name + " takes a function second, as " + name + "(l, "
                    + (kind == dev.floe.frame.expr.ListLambda.Kind.REDUCE ? "(acc, x) -> acc + x" : "x -> x + 1")
                    + "), not " + written, written);
        }
        DataType listType = list == null ? null : typeOfOrFail(list, scope, node);
        if (listType == null || !listType.isList()) {
            throw error(name + " takes a list first" + (listType == null ? "" : ", not " + listType), node);
        }
        if (holdsSubquery(lambda.getExpression())) {
            // as DuckDB: a subquery's own columns could take a parameter's name
            throw error("subqueries in a lambda's body are not supported", written);
        }
        DataType element = listType.elementType();
        List<String> names = lambda.getIdentifiers();
        int wanted = kind.parameters();
        if (names.size() != wanted && names.size() != wanted + 1) {
            throw error(name + " takes a function of " + (kind == dev.floe.frame.expr.ListLambda.Kind.REDUCE
                    ? "2 or 3 parameters ((acc, x) or (acc, x, i))" : "1 or 2 parameters (x or (x, i))")
                    + ", not " + names.size(), written);
        }
        List<DataType> types = new ArrayList<>();
        if (kind == dev.floe.frame.expr.ListLambda.Kind.REDUCE) {
            DataType folded = element;
            if (initial != null) {
                DataType start = typeOf(initial, scope);
                folded = start == null ? null : dev.floe.frame.Types.supertype(element,
                        ExprTyper.literalType(initial, element, start));
                if (folded == null) {
                    throw error(name + "'s initial value (" + start + ") and its list's elements (" + element
                            + ") have no common type", node);
                }
            }
            types.add(folded);
        }
        types.add(element);
        types.add(DataType.INT64);
        java.util.Set<String> taken = takenNames(scope);
        Map<String, Schema.Field> parameters = new LinkedHashMap<>();
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String declared = unquote(names.get(i));
            String column = declared;
            for (int n = 1; taken.contains(column); n++) {
                column = declared + "_" + n;
            }
            taken.add(column);
            if (parameters.put(declared.toLowerCase(Locale.ROOT), new Schema.Field(column, types.get(i))) != null) {
                throw error(name + "'s parameters must have different names, not " + names, written);
            }
            columns.add(column);
        }
        lambdaParameters.add(parameters);
        Expr body;
        try {
            body = expr(lambda.getExpression(), scope);
            if (kind == dev.floe.frame.expr.ListLambda.Kind.FILTER) {
                DataType truth = typeOf(body, scope);
                if (truth != null && truth != DataType.BOOLEAN && truth != DataType.NULL) {
                    body = body.cast(DataType.BOOLEAN); // as DuckDB: the condition is cast to BOOLEAN
                }
            } else if (kind == dev.floe.frame.expr.ListLambda.Kind.REDUCE) {
                // each step's value is cast to the value so far's type, as SQL casts (a float rounds)
                DataType step = typeOf(body, scope);
                if (step != null && step != types.get(0)) {
                    body = sqlCast(body, step, types.get(0), false);
                }
            }
        } finally {
            lambdaParameters.remove(lambdaParameters.size() - 1);
        }
        try {
            return dev.floe.frame.expr.ListLambda.of(kind, list, columns, body, initial);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage(), node);
        }
    }

    /**
     * {@code e} translated in {@code scope}. Nesting deeper than {@link #MAX_DEPTH} is refused
     * by name; a long chain of one operator becomes a balanced tree, so that neither this
     * translation nor the engine recurses once per link.
     */
    Expr expr(Expression e, Scope scope) {
        if (depth >= MAX_DEPTH) {
            throw error("the expression is nested more than " + MAX_DEPTH + " levels deep (NOT, CASE, functions, "
                    + "parentheses or subqueries inside each other); Floe reads " + MAX_DEPTH + " levels", e);
        }
        depth++;
        try {
            Expr value = translated(e, scope);
            if (depth == 1 && ExprDepth.of(value) > ExprDepth.MAX) {
                throw error("the expression is nested more than " + ExprDepth.MAX + " operations deep once translated; "
                        + "Floe runs expressions up to that depth", e);
            }
            if (depth == 1) {
                checkOperands(value, scope, e);
            }
            return value;
        } finally {
            depth--;
        }
    }

    /**
     * An operator applied to values it does not take ({@code a + 'x'}) is refused here, named by
     * the SQL text and its place, rather than when the plan runs (in the engine's terms). Other
     * problems the typer may see here (names that later steps resolve) are left to those steps.
     */
    private void checkOperands(Expr value, Scope scope, Expression e) {
        if (scope.aggregating()) {
            return;
        }
        try {
            ExprTyper.typeOf(value, scope.schema());
        } catch (SchemaException | IllegalArgumentException problem) {
            String message = String.valueOf(problem.getMessage());
            if (message.startsWith("cannot apply '")) {
                int cut = message.indexOf(", in expression ");
                throw error((cut > 0 ? message.substring(0, cut) : message) + " (" + e + ")", e);
            }
        }
    }

    /** Chains longer than this many links are balanced; shorter ones keep SQL's left-to-right order. */
    private static final int BALANCE_FROM = 64;

    /** {@code parts} joined by {@code operator}: left to right when few, else as a balanced tree. */
    static Expr joined(List<Expr> parts, java.util.function.BinaryOperator<Expr> operator) {
        if (parts.size() <= BALANCE_FROM) {
            Expr result = parts.get(0);
            for (int i = 1; i < parts.size(); i++) {
                result = operator.apply(result, parts.get(i));
            }
            return result;
        }
        List<Expr> level = parts;
        while (level.size() > 1) {
            List<Expr> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(operator.apply(level.get(i), level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                next.add(level.get(level.size() - 1));
            }
            level = next;
        }
        return level.get(0);
    }

    /** The links of a left-deep chain of {@code kind}s ({@code a + b - c}: its left spine), first first. */
    private static List<Expression> chain(Expression e, java.util.function.Predicate<Expression> kind) {
        List<Expression> links = new ArrayList<>();
        Expression at = e;
        while (kind.test(at)) {
            links.add(at);
            at = ((BinaryExpression) at).getLeftExpression();
        }
        links.add(at);
        java.util.Collections.reverse(links);
        return links;
    }

    /**
     * A long chain of {@code +} and {@code -} (more than {@link #BALANCE_FROM} terms, all numbers):
     * the sum of the added terms less the sum of the subtracted ones, each summed as a balanced
     * tree. For integers the result is the same as left to right (an overflow a left-to-right
     * order would meet in between may not happen); floating-point rounding may differ in the
     * last bits. Null where the chain is short or not all numbers.
     */
    private Expr longSum(BinaryExpression e, Scope scope) {
        List<Expression> links = chain(e, x -> x instanceof Addition || x instanceof Subtraction);
        if (links.size() <= BALANCE_FROM || exactConstant(e) != null) {
            return null;
        }
        List<Expr> added = new ArrayList<>();
        List<Expr> subtracted = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            Expression term = i == 0 ? links.get(0) : ((BinaryExpression) links.get(i)).getRightExpression();
            if (unparenthesized(term) instanceof net.sf.jsqlparser.expression.IntervalExpression) {
                return null;
            }
            Expr value = expr(term, scope);
            DataType type = typeOf(value, scope);
            if (type == null || !type.isNumeric()) {
                return null;
            }
            (i > 0 && links.get(i) instanceof Subtraction ? subtracted : added).add(value);
        }
        Expr sum = joined(added, Expr::add);
        return subtracted.isEmpty() ? sum : sum.sub(joined(subtracted, Expr::add));
    }

    /**
     * {@code a || b}: text joined, or, where either side is a list, the lists joined (as
     * list_concat) but null where either is null, as DuckDB's {@code ||} on lists; a list with
     * anything but a list or NULL is refused by name.
     */
    private Expr concat(Concat concat, Scope scope) {
        Expr left = expr(concat.getLeftExpression(), scope);
        Expr right = expr(concat.getRightExpression(), scope);
        DataType leftType = typeOf(left, scope);
        DataType rightType = typeOf(right, scope);
        if (!(leftType != null && leftType.isList() || rightType != null && rightType.isList())) {
            return text(left, scope).str().concat(text(right, scope));
        }
        for (Expression side : List.of(concat.getLeftExpression(), concat.getRightExpression())) {
            DataType type = side == concat.getLeftExpression() ? leftType : rightType;
            if (type != null && !type.isList() && type != DataType.NULL) {
                throw error("|| joins two lists or two texts; " + side + " is " + type + ", not a list (list_concat "
                        + "joins lists)", concat);
            }
        }
        Expr joined = listConcat(List.of(left, right), "||", concat, scope);
        return Exprs.when(left.isNull().or(right.isNull())).then(lit(null)).otherwise(joined);
    }

    /** A long chain of one of {@code *} or {@code ||}: balanced, as {@link #longSum}; null where short. */
    private Expr longChain(BinaryExpression e, Scope scope) {
        List<Expression> links = chain(e, x -> x.getClass() == e.getClass());
        if (links.size() <= BALANCE_FROM || exactConstant(e) != null) {
            return null;
        }
        List<Expr> parts = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            Expression term = i == 0 ? links.get(0) : ((BinaryExpression) links.get(i)).getRightExpression();
            Expr value = expr(term, scope);
            if (e instanceof Concat) {
                DataType type = typeOf(value, scope);
                if (type != null && type.isList()) {
                    return null; // lists are joined pair by pair
                }
                value = text(value, scope);
            } else {
                DataType type = typeOf(value, scope);
                if (type == null || !type.isNumeric()) {
                    return null;
                }
            }
            parts.add(value);
        }
        return e instanceof Concat ? joined(parts, (a, b) -> a.str().concat(b)) : joined(parts, Expr::mul);
    }

    private Expr translated(Expression e, Scope scope) {
        if (scope.aggregating() && !(e instanceof LongValue || e instanceof StringValue || e instanceof DoubleValue
                || e instanceof NullValue) && !readsLambdaParameter(e)) {
            int key = scope.grouping().keyTexts.indexOf(normalized(e));
            if (key >= 0) {
                return col(scope.grouping().keyColumns.get(key));
            }
        }
        return switch (e) {
            case Column column when column.getArrayConstructor() != null -> subscriptedColumn(column, scope);
            case Column column -> column(column, scope);
            case net.sf.jsqlparser.expression.DateUnitExpression unit -> column(new Column(unit.toString()), scope);
            case net.sf.jsqlparser.expression.operators.relational.IsDistinctExpression d -> {
                Expr a = expr(d.getLeftExpression(), scope);
                Expr b = coerced(expr(d.getRightExpression(), scope), a, scope);
                Expr distinct = Exprs.when(a.isNull().and(b.isNull())).then(false)
                        .when(a.isNull().or(b.isNull())).then(true).otherwise(ordered(BinaryOperator.NE, a, b, scope));
                yield d.isNot() ? distinct.not() : distinct;
            }
            case LongValue value -> integerLiteral(value.getBigIntegerValue());
            case DoubleValue value -> writtenNumber(value);
            case StringValue value -> lit(value.getValue().replace("''", "'"));
            case NullValue ignored -> lit(null);
            case net.sf.jsqlparser.expression.JdbcNamedParameter parameter -> throw error("named parameters (:"
                    + parameter.getName() + ") are not supported; write ? (in order) or $1, $2 (by number)", parameter);
            case net.sf.jsqlparser.expression.JdbcParameter parameter -> {
                try {
                    yield parameters.value(parameter);
                } catch (IllegalArgumentException unusable) {
                    throw error(unusable.getMessage(), parameter);
                }
            }
            case BooleanValue value -> lit(value.getValue());
            case DateTimeLiteralExpression literal -> dateTime(literal.getType().name(), literal.getValue(), literal);
            case TimeKeyExpression key -> switch (key.getStringValue().toUpperCase(Locale.ROOT).replace("()", "")) {
                case "CURRENT_DATE" -> lit(now.toLocalDate());
                case "CURRENT_TIMESTAMP", "NOW" -> lit(now);
                default -> throw error(key + " is not supported", key);
            };
            case SignedExpression signed -> {
                Expr inner = expr(signed.getExpression(), scope);
                if (signed.getSign() == '+') {
                    yield inner;
                }
                if (signed.getSign() == '~') {
                    yield inner.bitNot(); // every bit flipped: ~5 is -6
                }
                if (signed.getExpression() instanceof LongValue value) {
                    yield integerLiteral(value.getBigIntegerValue().negate()); // -2^63 is a BIGINT, as in DuckDB
                }
                if (inner instanceof Lit lit && lit.value() instanceof BigDecimal d && lit.type().isDecimal()) {
                    yield lit(d.negate(), lit.type()); // the same DECIMAL(p, s)
                }
                if (inner instanceof Lit lit && lit.value() instanceof Double d) {
                    yield lit(d == 0 ? 0.0 : -d, lit.type()); // -0e0 written in a query is zero
                }
                yield inner.neg();
            }
            case ParenthesedExpressionList<?> list -> {
                if (list.size() != 1) {
                    throw error("a row of values (" + list.size() + " expressions in parentheses) is only allowed "
                            + "after IN or in VALUES", list);
                }
                yield expr(list.get(0), scope);
            }
            case Addition a when longSum(a, scope) instanceof Expr sum -> sum;
            case Subtraction a when longSum(a, scope) instanceof Expr sum -> sum;
            case Multiplication a when longChain(a, scope) instanceof Expr product -> product;
            case Concat a when longChain(a, scope) instanceof Expr text -> text;
            case Addition a -> plusMinus(a, true, scope);
            case Subtraction a -> plusMinus(a, false, scope);
            case net.sf.jsqlparser.expression.IntervalExpression interval -> {
                Interval value = interval(interval);
                if (value.months() != 0) {
                    throw error("an INTERVAL of months or years is only supported added to or subtracted from a date "
                            + "or timestamp (a month has no fixed length)", interval);
                }
                yield lit(value.span());
            }
            case Multiplication a -> expr(a.getLeftExpression(), scope).mul(expr(a.getRightExpression(), scope));
            case Division a -> divide(expr(a.getLeftExpression(), scope), expr(a.getRightExpression(), scope));
            case IntegerDivision a -> integerDivision(expr(a.getLeftExpression(), scope),
                    expr(a.getRightExpression(), scope), scope, a);
            case Modulo a -> modulo(expr(a.getLeftExpression(), scope), expr(a.getRightExpression(), scope));
            case net.sf.jsqlparser.expression.operators.arithmetic.BitwiseAnd a ->
                    expr(a.getLeftExpression(), scope).bitAnd(expr(a.getRightExpression(), scope));
            case net.sf.jsqlparser.expression.operators.arithmetic.BitwiseOr a ->
                    expr(a.getLeftExpression(), scope).bitOr(expr(a.getRightExpression(), scope));
            // as DuckDB: ^ is a power (a DOUBLE), not an exclusive or; xor(a, b) is that
            case net.sf.jsqlparser.expression.operators.arithmetic.BitwiseXor a ->
                    expr(a.getLeftExpression(), scope).cast(DataType.FLOAT64).pow(expr(a.getRightExpression(), scope));
            case net.sf.jsqlparser.expression.operators.arithmetic.BitwiseLeftShift a ->
                    expr(a.getLeftExpression(), scope).shiftLeft(expr(a.getRightExpression(), scope));
            case net.sf.jsqlparser.expression.operators.arithmetic.BitwiseRightShift a ->
                    expr(a.getLeftExpression(), scope).shiftRight(expr(a.getRightExpression(), scope));
            case Concat a -> concat(a, scope);
            case AndExpression a -> joined(conjuncts(a).stream().map(part -> expr(part, scope)).toList(), Expr::and);
            case OrExpression a -> joined(disjuncts(a).stream().map(part -> expr(part, scope)).toList(), Expr::or);
            case NotExpression n -> expr(n.getExpression(), scope).not();
            case EqualsTo c -> compare(c, scope);
            case NotEqualsTo c -> compare(c, scope);
            case GreaterThan c -> compare(c, scope);
            case GreaterThanEquals c -> compare(c, scope);
            case MinorThan c -> compare(c, scope);
            case MinorThanEquals c -> compare(c, scope);
            case LikeExpression like -> like(like, scope);
            case IsNullExpression test -> test.isNot() ? expr(test.getLeftExpression(), scope).isNotNull()
                    : expr(test.getLeftExpression(), scope).isNull();
            case IsBooleanExpression test -> {
                Expr value = expr(test.getLeftExpression(), scope);
                Expr is = (test.isTrue() ? value : value.not()).fillNull(false);
                yield test.isNot() ? is.not() : is;
            }
            case Between between -> {
                Expr value = expr(between.getLeftExpression(), scope);
                Expr low = coerced(expr(between.getBetweenExpressionStart(), scope), value, scope);
                Expr high = coerced(expr(between.getBetweenExpressionEnd(), scope), value, scope);
                Expr inside = ordered(BinaryOperator.GE, value, low, scope).and(ordered(BinaryOperator.LE, value, high,
                        scope));
                yield between.isNot() ? inside.not() : inside;
            }
            case InExpression in -> in(in, scope);
            case CaseExpression c -> caseWhen(c, scope);
            case CastExpression c -> cast(c, scope);
            case ExtractExpression x -> datePart(x.getName(), expr(x.getExpression(), scope), x);
            case TrimFunction trim -> {
                // TRIM([LEADING | TRAILING | BOTH] [characters] FROM text), and trim(text [, characters])
                boolean from = trim.isUsingFromKeyword();
                Expression text = from ? trim.getFromExpression() : trim.getExpression();
                Expression characters = from ? trim.getExpression() : trim.getFromExpression();
                TrimFunction.TrimSpecification side = trim.getTrimSpecification();
                yield stripped(expr(text, scope), side == TrimFunction.TrimSpecification.LEADING ? "start"
                        : side == TrimFunction.TrimSpecification.TRAILING ? "end" : "both", characters);
            }
            case AnalyticExpression filtered when filtered.getType()
                    == net.sf.jsqlparser.expression.AnalyticType.FILTER_ONLY -> filteredAggregate(filtered, scope);
            case AnalyticExpression ordered when ordered.getType()
                    == net.sf.jsqlparser.expression.AnalyticType.WITHIN_GROUP -> withinGroup(ordered, scope);
            case AnalyticExpression window -> windows.window(window, scope);
            case net.sf.jsqlparser.expression.ArrayConstructor array -> {
                List<Expr> values = new ArrayList<>();
                if (array.getExpressions() != null) {
                    for (Expression value : array.getExpressions()) {
                        values.add(expr(value, scope));
                    }
                }
                yield listValue(values, array, scope);
            }
            case net.sf.jsqlparser.expression.ArrayExpression subscript -> {
                Expr list = expr(subscript.getObjExpression(), scope);
                Expression index = subscript.getIndexExpression();
                Slice slice = index == null
                        ? new Slice(subscript.getStartIndexExpression(), subscript.getStopIndexExpression())
                        : slice(index, subscript);
                yield slice != null ? listSlice(list, slice, subscript, scope) : listElement(list, index, subscript, scope);
            }
            case Function function -> function(function, scope);
            case ParenthesedSelect subquery -> subqueryPlanner.scalarSubquery(subquery, scope);
            case ExistsExpression exists -> subqueryPlanner.exists(exists, scope);
            case AllColumns all -> throw error("* is only allowed in the select list and in count(*)", all);
            default -> throw error(describe(e) + " is not supported", e);
        };
    }

    /**
     * A whole number written in the query, typed as DuckDB types it: the narrowest of INTEGER,
     * BIGINT and HUGEINT (a 128-bit integer) that holds it, except -2147483648, a BIGINT (DuckDB
     * reads a number past INTEGER as a BIGINT, and negates it after); beyond HUGEINT, a DOUBLE.
     */
    private static Expr integerLiteral(java.math.BigInteger value) {
        if (value.bitLength() <= 31) {
            // a long that fits an int would be typed INTEGER: this one is a BIGINT, dynamic as every number
            // written in the query (next to an INTEGER column it is an INTEGER, as DuckDB's literal is)
            return value.intValue() == Integer.MIN_VALUE ? new dev.floe.frame.expr.Lit(value.longValue(), DataType.INT64, true)
                    : lit(value.intValue());
        }
        if (value.bitLength() <= 63) {
            return lit(value.longValue());
        }
        return value.bitLength() <= 127 ? lit(value, DataType.INT128) : lit(value.doubleValue());
    }

    /** A whole number written in the query, held to the range of a long (for checks of positions and counts). */
    private static long clamped(LongValue value) {
        java.math.BigInteger number = value.getBigIntegerValue();
        return number.bitLength() <= 63 ? number.longValue() : number.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }

    private static String describe(Expression e) {
        String name = e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return name + " (" + e + ")";
    }

    private Expr column(Column column, Scope scope) {
        String name = unquote(column.getColumnName());
        Schema.Field parameter = qualifier(column) == null ? lambdaParameter(name) : null;
        if (parameter != null) {
            return col(parameter.name()); // a lambda's parameter hides a column of its name
        }
        if (column.getTable() == null && (name.equalsIgnoreCase("true") || name.equalsIgnoreCase("false"))
                && scope.relation().matches(null, name).isEmpty()) {
            return lit(name.equalsIgnoreCase("true"));
        }
        if (scope.aliases() != null && qualifier(column) == null && scope.relation().matches(null, name).isEmpty()
                && scope.aliases().containsKey(name)) {
            return scope.aliases().get(name); // SELECT 1 AS a, a * 2: a column wins over an alias of that name
        }
        if (scope.env().outer != null && scope.relation().matches(qualifier(column), name).isEmpty()
                && SubqueryPlanner.reachable(column, scope.env().outer)) {
            throw new NeedOuter(column); // an enclosing query's column: translated again with it among the outer values
        }
        Field field = resolve(column, scope.relation());
        if (scope.aggregating() && !scope.grouping().keyColumns.contains(field.column())) {
            throw error("column \"" + field.display() + "\" must appear in GROUP BY or be used in an aggregate "
                    + "function", column);
        }
        return col(field.column());
    }

    Field resolve(Column column, Relation relation) {
        String name = unquote(column.getColumnName());
        String qualifier = column.getTable() == null ? null : unquote(column.getTable().getFullyQualifiedName());
        if (qualifier != null && qualifier.isEmpty()) {
            qualifier = null;
        }
        List<Field> found = relation.matches(qualifier, name);
        if (found.size() == 1) {
            return found.get(0);
        }
        String shown = qualifier == null ? name : qualifier + "." + name;
        if (found.isEmpty()) {
            throw error("unknown column \"" + shown + "\"; columns are: " + relation.describe(), column);
        }
        throw error("column \"" + shown + "\" is ambiguous: it could be "
                + String.join(" or ", found.stream().map(Field::display).toList()) + "; qualify it", column);
    }

    /** {@code +} or {@code -}: with an INTERVAL on a side, calendar arithmetic; else {@link #dateArithmetic}. */
    private Expr plusMinus(BinaryExpression operation, boolean add, Scope scope) {
        Expression left = unparenthesized(operation.getLeftExpression());
        Expression right = unparenthesized(operation.getRightExpression());
        if (left instanceof net.sf.jsqlparser.expression.IntervalExpression a
                && right instanceof net.sf.jsqlparser.expression.IntervalExpression b) {
            Interval sum = add ? interval(a).plus(interval(b)) : interval(a).plus(interval(b).negated());
            if (sum.months() != 0) {
                throw error("an INTERVAL of months or years is only supported added to or subtracted from a date or "
                        + "timestamp (a month has no fixed length)", operation);
            }
            return lit(sum.span());
        }
        if (right instanceof net.sf.jsqlparser.expression.IntervalExpression interval) {
            return moved(expr(left, scope), add ? interval(interval) : interval(interval).negated(), operation, scope);
        }
        if (add && left instanceof net.sf.jsqlparser.expression.IntervalExpression interval) {
            return moved(expr(right, scope), interval(interval), operation, scope);
        }
        return dateArithmetic(expr(left, scope), expr(right, scope), add, scope);
    }

    /** The INTERVAL written: a constant amount of a unit, or a text of amounts and units. */
    Interval interval(net.sf.jsqlparser.expression.IntervalExpression interval) {
        String amount = interval.getParameter();
        if (amount == null && interval.getExpression() != null) {
            Expression e = unparenthesized(interval.getExpression());
            BigDecimal constant = exactConstant(e);
            amount = switch (e) {
                case StringValue text -> text.getValue();
                case LongValue number -> number.getBigIntegerValue().toString();
                case SignedExpression signed when signed.getExpression() instanceof LongValue number ->
                        (signed.getSign() == '-' ? "-" : "") + number.getBigIntegerValue();
                default -> constant == null ? null : constant.toPlainString();
            };
        }
        if (amount == null) {
            throw error("an INTERVAL needs a constant amount, as INTERVAL '3' DAY or INTERVAL 3 DAY; for a column x, "
                    + "x * INTERVAL '1' DAY is not supported either", interval);
        }
        if (amount.length() >= 2 && amount.startsWith("'") && amount.endsWith("'")) {
            amount = amount.substring(1, amount.length() - 1);
        }
        String unit = interval.getIntervalType() != null ? interval.getIntervalType()
                : interval.getIntervalQualifier() == null ? null : interval.getIntervalQualifier().toString();
        if (unit != null) {
            unit = unit.strip().replaceAll("\\s*\\([^)]*\\)", ""); // DAY (3): the leading field's precision
        }
        Interval value = Interval.parse(amount, unit == null || unit.isEmpty() ? null : unit);
        if (value == null) {
            throw error("cannot read the interval " + interval + "; write an amount and a unit (years, quarters, "
                    + "months, weeks, days, hours, minutes, seconds, milliseconds, microseconds)", interval);
        }
        return value;
    }

    /**
     * A date or timestamp moved by an interval: a timestamp, as in SQL (DuckDB). A literal moves
     * now; a column by whole months (the day of month kept where the month has it), then days
     * and time.
     */
    Expr moved(Expr point, Interval interval, Object node, Scope scope) {
        if (point instanceof Lit lit && lit.value() instanceof LocalDate date) {
            return lit(interval.addTo(date.atStartOfDay()));
        }
        if (point instanceof Lit lit && lit.value() instanceof LocalDateTime datetime) {
            return lit(interval.addTo(datetime));
        }
        DataType type = typeOf(point, scope);
        if (type != null && type != DataType.DATE && type != DataType.DATETIME && type != DataType.NULL) {
            throw error("an INTERVAL can be added to a date or timestamp, not to " + type, node);
        }
        Expr result = point;
        if (interval.months() != 0) {
            result = new Call(ScalarFunction.ADD_MONTHS, result, List.of(interval.months()));
        }
        return interval.months() != 0 && interval.days() == 0 && interval.micros() == 0 ? result
                : result.add(lit(interval.span()));
    }

    /**
     * A number written with a decimal point, as SQL (and DuckDB) types it: the exact
     * {@code DECIMAL(p, s)} of its digits as written, {@code s} of them after the point
     * ({@code 1.50} is a {@code DECIMAL(3, 2)}, {@code 0.5} a {@code DECIMAL(2, 1)}); written in
     * scientific notation ({@code 1e-3}), or with more than 38 digits, a {@code DOUBLE}.
     */
    private static Expr writtenNumber(DoubleValue value) {
        String text = value.toString();
        int point = text.indexOf('.');
        if (point >= 0 && !text.contains("e") && !text.contains("E")) {
            int digits = 0;
            for (int i = 0; i < text.length(); i++) {
                digits += text.charAt(i) >= '0' && text.charAt(i) <= '9' ? 1 : 0;
            }
            int scale = text.length() - point - 1;
            if (digits <= DataType.MAX_DECIMAL_PRECISION) {
                return lit(new BigDecimal(text), DataType.decimal(Math.max(1, digits), scale));
            }
        }
        return lit(value.getValue(), DataType.FLOAT64); // a DOUBLE next to anything (1.5 * 1e2 is a DOUBLE)
    }

    /**
     * The exact value of arithmetic ({@code +}, {@code -}, {@code *}) on numbers written in the
     * query where one of them has a decimal point, as SQL's DECIMAL computes it
     * ({@code .06 + 0.01} is 0.07, not the double 0.06999999999999999); null for anything else
     * (whole numbers alone keep their integer types and checks).
     */
    private static BigDecimal exactConstant(Expression expression) {
        BigDecimal[] value = new BigDecimal[1];
        return decimal(expression, value) ? value[0] : null;
    }

    /** The value of a number written with a decimal point (or exact arithmetic on such), else null. */
    static BigDecimal plainDecimal(Expression expression) {
        return exactConstant(expression);
    }

    /** Whether {@code e} is such arithmetic with a decimal in it; its value in {@code out}. */
    static boolean decimal(Expression expression, BigDecimal[] out) {
        Expression e = unparenthesized(expression);
        switch (e) {
            case DoubleValue d -> {
                String text = d.toString();
                if (text.contains("e") || text.contains("E")) {
                    return false; // scientific notation is a DOUBLE in SQL
                }
                out[0] = new BigDecimal(text);
                return true;
            }
            case SignedExpression signed -> {
                boolean found = decimal(signed.getExpression(), out);
                if (out[0] != null && signed.getSign() == '-') {
                    out[0] = out[0].negate();
                }
                return found;
            }
            case Addition a -> {
                return decimalPair(a, out, BigDecimal::add);
            }
            case Subtraction a -> {
                return decimalPair(a, out, BigDecimal::subtract);
            }
            case Multiplication a -> {
                return decimalPair(a, out, BigDecimal::multiply);
            }
            case LongValue l -> {
                out[0] = new BigDecimal(l.getBigIntegerValue());
                return false; // a number, but no decimal point of its own
            }
            default -> {
                out[0] = null;
                return false;
            }
        }
    }

    private static boolean decimalPair(BinaryExpression operation, BigDecimal[] out,
            java.util.function.BinaryOperator<BigDecimal> op) {
        BigDecimal[] left = new BigDecimal[1];
        BigDecimal[] right = new BigDecimal[1];
        boolean found = decimal(operation.getLeftExpression(), left) | decimal(operation.getRightExpression(), right);
        out[0] = left[0] != null && right[0] != null ? op.apply(left[0], right[0]) : null;
        return found && out[0] != null;
    }

    /** {@code +} and {@code -}, where a date and a whole number of days add up, and two dates differ by days. */
    Expr dateArithmetic(Expr left, Expr right, boolean add, Scope scope) {
        DataType l = typeOf(left, scope);
        DataType r = typeOf(right, scope);
        Expr oneDay = lit(java.time.Duration.ofDays(1));
        if (l == DataType.DATE && r != null && r.isInteger()) {
            Expr days = oneDay.mul(right.cast(DataType.INT64));
            return (add ? left.add(days) : left.sub(days)).cast(DataType.DATE);
        }
        if (add && r == DataType.DATE && l != null && l.isInteger()) {
            return right.add(oneDay.mul(left.cast(DataType.INT64))).cast(DataType.DATE);
        }
        if (!add && l == DataType.DATE && r == DataType.DATE) {
            return left.sub(right).cast(DataType.INT64).floorDiv(86_400_000_000L); // whole days, as SQL gives
        }
        return add ? left.add(right) : left.sub(right);
    }

    /**
     * {@code /}: floating-point division, so a zero divisor gives ±inf or NaN, as in DuckDB. {@code %}:
     * the remainder with the dividend's sign; an integer divisor of 0 gives null, a float one NaN.
     */
    private Expr divide(Expr left, Expr right) {
        return left.div(right);
    }

    private Expr modulo(Expr left, Expr right) {
        return left.rem(right);
    }

    /**
     * {@code //} (and {@code DIV}, read the same), as DuckDB: of two integers the quotient rounded
     * toward zero, in their type, null for a divisor of 0 (the smallest value over -1 does not fit
     * and fails); with a float or a decimal on either side the float quotient (DuckDB's types), null
     * for a divisor of 0.
     */
    private Expr integerDivision(Expr left, Expr right, Scope scope, Expression node) {
        DataType l = typeOf(left, scope);
        DataType r = typeOf(right, scope);
        if (l == null || r == null || !(l.isNumeric() || l.isDecimal() || l == DataType.NULL)
                || !(r.isNumeric() || r.isDecimal() || r == DataType.NULL)) {
            throw error("// divides numbers" + (l == null || r == null ? "" : ", not " + l + " by " + r), node);
        }
        if (!l.isFloat() && !r.isFloat() && !l.isDecimal() && !r.isDecimal()) {
            // a - a rem b is a multiple of b and never past a's range, so its floor division is the
            // quotient rounded toward zero; rem gives null for a divisor of 0. Each side is computed
            // twice: Floe's SQL expressions have no side effects or randomness, so both agree
            return left.sub(left.rem(right)).floorDiv(right);
        }
        return Exprs.when(right.eq(lit(0))).then(lit(null)).otherwise(divide(left, right));
    }

    /**
     * A comparison as DuckDB orders floats: NaN equals NaN and is larger than every number (IEEE's
     * comparisons are false for NaN). Where neither side can be a float, the plain comparison; a
     * side of unknown type (an aggregate's) takes the general form, which is the plain comparison
     * for other types ({@code x != x} is false for them).
     */
    Expr ordered(BinaryOperator operator, Expr left, Expr right, Scope scope) {
        Expr plain = switch (operator) {
            case EQ -> left.eq(right);
            case NE -> left.ne(right);
            case GT -> left.gt(right);
            case GE -> left.ge(right);
            case LT -> left.lt(right);
            default -> left.le(right);
        };
        if (!mayBeFloat(left, scope) && !mayBeFloat(right, scope)) {
            return plain;
        }
        // Against a number that is not NaN, only a NaN on the other side changes the answer, and
        // only where it must come out above: "x >= 0.05" holds for NaN, which is "not x < 0.05"
        // (false for NaN in IEEE's order, null for null). One comparison, which a filter tests
        // straight on its rows, instead of an OR.
        if (isOrdinaryNumber(right)) {
            return switch (operator) {
                case GT -> left.le(right).not();
                case GE -> left.lt(right).not();
                default -> plain;
            };
        }
        if (isOrdinaryNumber(left)) {
            return switch (operator) {
                case LT -> left.ge(right).not();
                case LE -> left.gt(right).not();
                default -> plain;
            };
        }
        Expr leftNaN = left.ne(left);
        Expr rightNaN = right.ne(right);
        return switch (operator) {
            case EQ -> plain.or(leftNaN.and(rightNaN));
            case NE -> plain.and(leftNaN.and(rightNaN).not());
            case GT -> plain.or(leftNaN.and(rightNaN.not()));
            case GE -> plain.or(leftNaN.and(right.isNotNull()));
            case LT -> plain.or(rightNaN.and(leftNaN.not()));
            default -> plain.or(rightNaN.and(left.isNotNull()));
        };
    }

    /** A numeric constant that is not NaN. */
    private static boolean isOrdinaryNumber(Expr value) {
        return value instanceof Lit lit && lit.value() instanceof Number number
                && !(number instanceof Double d && d.isNaN()) && !(number instanceof Float f && f.isNaN());
    }

    private boolean mayBeFloat(Expr value, Scope scope) {
        if (value instanceof Lit lit) {
            return lit.type().isFloat();
        }
        DataType type = typeOf(value, scope);
        return type == null || type.isFloat();
    }

    Expr text(Expr value, Scope scope) {
        DataType type = typeOf(value, scope);
        if (value instanceof Lit lit && !(lit.value() instanceof String) && lit.value() != null
                && !(lit.value() instanceof Double || lit.value() instanceof Float)) {
            return lit(lit.value() instanceof BigDecimal d ? d.toPlainString() : String.valueOf(lit.value()));
        }
        return type == null || type.isText() || type == DataType.NULL ? value : value.cast(DataType.UTF8);
    }

    private Expr compare(BinaryExpression comparison, Scope scope) {
        if (comparison.getRightExpression() instanceof net.sf.jsqlparser.expression.AnyComparisonExpression any) {
            return subqueryPlanner.quantified(comparison, any, scope);
        }
        Expr left = expr(comparison.getLeftExpression(), scope);
        Expr right = expr(comparison.getRightExpression(), scope);
        left = coerced(left, right, scope);
        right = coerced(right, left, scope);
        return ordered(comparisonOperator(comparison), left, right, scope);
    }

    /** The engine's operator of a SQL comparison ({@code =}, {@code <>}, {@code <}, ...); null for another one. */
    static BinaryOperator comparisonOperator(BinaryExpression comparison) {
        return switch (comparison) {
            case EqualsTo ignored -> BinaryOperator.EQ;
            case NotEqualsTo ignored -> BinaryOperator.NE;
            case GreaterThan ignored -> BinaryOperator.GT;
            case GreaterThanEquals ignored -> BinaryOperator.GE;
            case MinorThan ignored -> BinaryOperator.LT;
            case MinorThanEquals ignored -> BinaryOperator.LE;
            default -> null;
        };
    }

    /**
     * A text literal next to a date or datetime becomes one, as SQL reads {@code d = '2024-01-31'}, and one next to a
     * number is cast to its type ({@code x >= 'nan'});
     * a timestamp literal at midnight next to a date becomes that date (comparing the date with it
     * as a timestamp gives the same answers), so that the comparison stays one of dates.
     */
    Expr coerced(Expr value, Expr other, Scope scope) {
        if (isMidnight(value) && typeOf(other, scope) == DataType.DATE) {
            return lit(((LocalDateTime) ((Lit) value).value()).toLocalDate());
        }
        if (!isMidnight(other) && !(value instanceof Lit) && typeOf(value, scope) == DataType.DATE
                && typeOf(other, scope) == DataType.DATETIME) {
            return value.cast(DataType.DATETIME); // a date compared with a timestamp is that day at midnight
        }
        if (!(value instanceof Lit lit) || !(lit.value() instanceof String text)) {
            return value;
        }
        DataType otherType = typeOf(other, scope);
        if (otherType == DataType.DATE) {
            return dateTime("DATE", text, null);
        }
        if (otherType == DataType.DATETIME) {
            return dateTime("TIMESTAMP", text, null);
        }
        if (otherType != null && (otherType.isNumeric() || otherType.isDecimal())) {
            // as DuckDB does, text written next to a number is CAST to its type: x >= 'nan', i = '5'
            return sqlCast(value, DataType.UTF8, otherType, false);
        }
        return value;
    }

    private static boolean isMidnight(Expr value) {
        return value instanceof Lit lit && lit.value() instanceof LocalDateTime t
                && t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
    }

    private Expr dateTime(String kind, String text, Object node) {
        String value = text.strip();
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return switch (kind.toUpperCase(Locale.ROOT)) {
                case "DATE" -> lit(LocalDate.parse(value));
                case "TIMESTAMP", "DATETIME", "TIMESTAMPTZ" -> lit(dev.floe.frame.column.Temporals.parseTimestamp(value));
                default -> throw error(kind + " literals are not supported", node);
            };
        } catch (java.time.format.DateTimeParseException e) {
            throw error("'" + value + "' is not a " + kind.toLowerCase(Locale.ROOT) + " (expected "
                    + (kind.equalsIgnoreCase("DATE") ? "yyyy-mm-dd" : "yyyy-mm-dd hh:mm:ss or yyyy-mm-dd") + ")", node);
        }
    }

    private Expr like(LikeExpression like, Scope scope) {
        LikeExpression.KeyWord keyword = like.getLikeKeyWord();
        if (keyword != LikeExpression.KeyWord.LIKE && keyword != LikeExpression.KeyWord.ILIKE) {
            throw error(keyword + " is not supported; LIKE and ILIKE are", like);
        }
        Expr value = expr(like.getLeftExpression(), scope);
        if (!(like.getRightExpression() instanceof StringValue pattern)) {
            throw error("LIKE needs a quoted pattern, not " + like.getRightExpression(), like.getRightExpression());
        }
        Character escape = null;
        if (like.getEscape() != null) {
            if (!(like.getEscape() instanceof StringValue e) || e.getValue().length() != 1) {
                throw error("ESCAPE needs one character in quotes", like.getEscape());
            }
            escape = e.getValue().charAt(0);
        }
        Expr matches = value.str().like(pattern.getValue().replace("''", "'"),
                keyword == LikeExpression.KeyWord.ILIKE || like.isCaseInsensitive(), escape);
        return like.isNot() ? matches.not() : matches;
    }

    Expr in(InExpression in, Scope scope) {
        Expr value = expr(in.getLeftExpression(), scope);
        Expression right = in.getRightExpression();
        List<Object> values = new ArrayList<>();
        List<Expr> others = new ArrayList<>();
        if (right instanceof Select subquery && !(right instanceof Values)) {
            Planned planned = subqueryPlanner.planned(subquery, scope);
            if (planned.correlation() != null) {
                return subqueryPlanner.correlatedIn(in, value, planned, scope);
            }
            DataFrame rows = subqueryPlanner.inValues(subquery, planned);
            if (rows.width() != 1) {
                throw error("a subquery after IN needs one column, this one has " + rows.width(), right);
            }
            for (int r = 0; r < rows.height(); r++) {
                values.add(rows.get(r, rows.columns().get(0)));
            }
        } else if (right instanceof ExpressionList<?> list) {
            for (Expression item : list) {
                Expr translated = coerced(expr(item, scope), value, scope);
                if (translated instanceof Lit lit) {
                    values.add(lit.value());
                } else {
                    others.add(translated);
                }
            }
        } else {
            throw error("IN needs a list in parentheses or a subquery", right);
        }
        boolean hasNull = values.removeIf(java.util.Objects::isNull);
        Expr found = values.isEmpty() ? lit(false) : value.isIn(values);
        for (Expr other : others) {
            found = found.or(ordered(BinaryOperator.EQ, value, other, scope));
        }
        if (hasNull) {
            // x IN (..., NULL) is null, not false, where x matches nothing
            found = Exprs.when(found).then(lit(true)).otherwise(lit(null, DataType.BOOLEAN));
            found = Exprs.when(value.isNull()).then(lit(null, DataType.BOOLEAN)).otherwise(found);
        }
        return in.isNot() ? found.not() : found;
    }

    private Expr caseWhen(CaseExpression c, Scope scope) {
        Expr subject = c.getSwitchExpression() == null ? null : expr(c.getSwitchExpression(), scope);
        When.Pending pending = null;
        When chain = null;
        for (WhenClause clause : c.getWhenClauses()) {
            Expr condition = expr(clause.getWhenExpression(), scope);
            if (subject != null) {
                condition = ordered(BinaryOperator.EQ, subject, coerced(condition, subject, scope), scope);
            }
            Expr then = expr(clause.getThenExpression(), scope);
            pending = chain == null ? Exprs.when(condition) : chain.when(condition);
            chain = pending.then(then);
        }
        Expr otherwise = c.getElseExpression() == null ? lit(null) : expr(c.getElseExpression(), scope);
        return chain.otherwise(otherwise);
    }

    private Expr cast(CastExpression c, Scope scope) {
        if (c.getColDataType() == null) {
            // CAST(x AS ROW(...)) / STRUCT: a type made of fields (the parser keeps no type to print)
            throw error("CAST to a ROW or STRUCT type is not supported: Floe has no nested record type",
                    c.getLeftExpression());
        }
        if (c.getFormat() != null || (c.getColumnDefinitions() != null && !c.getColumnDefinitions().isEmpty())) {
            throw error("this CAST is not supported (" + c + ")", c);
        }
        Expr value = expr(c.getLeftExpression(), scope);
        DataType type = sqlType(c.getColDataType(), c);
        BigDecimal decimal = plainDecimal(c.getLeftExpression());
        if (decimal != null && type.isInteger()) {
            // a number written with a decimal point is SQL's DECIMAL, which rounds half away from zero
            java.math.BigInteger whole = decimal.setScale(0, java.math.RoundingMode.HALF_UP).toBigIntegerExact();
            Lit folded = castLiteral(whole, type);
            if (folded != null) {
                return folded;
            }
        }
        boolean tryCast = c.keyword != null && (c.keyword.equalsIgnoreCase("TRY_CAST")
                || c.keyword.equalsIgnoreCase("SAFE_CAST"));
        Expr written = type.isDecimal() ? writtenDecimal(c.getLeftExpression(), type, tryCast) : null;
        if (written != null) {
            return written;
        }
        if (value instanceof Lit lit && lit.value() != null) {
            Lit folded = castLiteral(lit.value(), type);
            if (folded != null) {
                return folded;
            }
        }
        return sqlCast(value, typeOf(value, scope), type, tryCast);
    }

    /**
     * A number written with a point (or exact arithmetic on such) as the decimal {@code type}, from
     * its digits rather than the double nearest it (123456789012345678901.5 keeps them all; 0.285
     * to two places is 0.29), rounded half away from zero; null where {@code node} is no such number.
     */
    Expr writtenDecimal(Expression node, DataType type, boolean tryCast) {
        BigDecimal decimal = plainDecimal(node);
        if (decimal == null) {
            return null;
        }
        BigDecimal rounded = decimal.setScale(type.scale(), java.math.RoundingMode.HALF_UP);
        if (rounded.precision() - rounded.scale() <= type.precision() - type.scale()) {
            return new Lit(rounded, type, false);
        }
        if (tryCast) {
            return new Lit(null, type, false);
        }
        return null; // the engine's cast fails on the rows that compute it (none, over no rows), as DuckDB's
    }

    /** SQL's cast of {@code value} (of type {@code from}, null if unknown) to {@code type}. */
    static Expr sqlCast(Expr value, DataType from, DataType type, boolean tryCast) {
        Expr cast = value;
        if (from != null && from.isFloat() && type.isInteger()) {
            // SQL rounds a float cast to an integer, ties to even (0.5 -> 0, 1.5 -> 2, -0.5 -> 0)
            Expr up = value.add(0.5).floor();
            cast = Exprs.when(up.sub(value).eq(0.5).and(up.mod(2).ne(0))).then(up.sub(1)).otherwise(up);
        }
        return tryCast ? cast.tryCast(type) : cast.cast(type);
    }

    /** A cast of a literal done now, for the cases that need no engine. */
    private static Lit castLiteral(Object value, DataType type) {
        if (value instanceof BigDecimal) {
            return null; // a decimal is rounded by the engine's cast
        }
        if (value instanceof Number n && !((value instanceof Double || value instanceof Float) && type.isInteger())) {
            // a value its integer type does not hold is left to the engine's cast, which refuses it
            boolean wide = value instanceof java.math.BigInteger big && big.bitLength() > 63;
            return switch (type.id()) {
                case FLOAT64 -> new Lit(n.doubleValue(), type, false);
                case FLOAT32 -> new Lit(n.floatValue(), type, false);
                case INT64 -> wide ? null : new Lit(n.longValue(), type, false);
                case INT32 -> !wide && n.longValue() == n.intValue() ? new Lit(n.intValue(), type, false) : null;
                case INT128 -> new Lit(value instanceof java.math.BigInteger big ? big
                        : java.math.BigInteger.valueOf(n.longValue()), type, false);
                // a float's text is the engine's to write (as DuckDB writes it)
                case UTF8 -> value instanceof Double || value instanceof Float ? null
                        : new Lit(String.valueOf(value), type, false);
                default -> null;
            };
        }
        if (value instanceof String s && type == DataType.DATE) {
            try {
                return new Lit(LocalDate.parse(s.strip()), type, false);
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** {@code DECIMAL(p, s)}: {@code DECIMAL} alone is {@code DECIMAL(18, 3)} and {@code DECIMAL(p)} {@code DECIMAL(p, 0)}, as in DuckDB. */
    private DataType decimalType(ColDataType type, Object node) {
        List<String> arguments = type.getArgumentsStringList() == null ? List.of() : type.getArgumentsStringList();
        String written = type.getDataType();
        int open = written.indexOf('(');
        if (arguments.isEmpty() && open >= 0 && written.endsWith(")")) {
            arguments = List.of(written.substring(open + 1, written.length() - 1).split(",", -1));
        }
        if (arguments.size() > 2) {
            throw error(type + " takes a precision and a scale, not " + arguments.size() + " numbers", node);
        }
        int[] numbers = {18, 3};
        if (!arguments.isEmpty()) {
            numbers[1] = 0;
        }
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i).strip();
            if (!argument.matches("\\d{1,3}")) {
                throw error(type + ": the precision and scale are whole numbers, not " + argument, node);
            }
            numbers[i] = Integer.parseInt(argument);
        }
        try {
            return DataType.decimal(numbers[0], numbers[1]);
        } catch (dev.floe.frame.SchemaException e) {
            throw error(type + ": " + e.getMessage(), node);
        }
    }

    DataType sqlType(ColDataType type, Object node) {
        String name = type.getDataType().toUpperCase(Locale.ROOT).replaceAll("\\s*\\(.*\\)", "").strip();
        if (type.getArrayData() != null && type.getArrayData().size() == 1
                && (type.getArrayData().get(0) == null || type.getArrayData().get(0) < 0)) {
            // T[]: a list of T (lists do not nest; a fixed size, T[3], is refused below)
            List<Integer> dimensions = type.getArrayData();
            type.setArrayData(new ArrayList<>());
            try {
                DataType element = sqlType(type, node);
                if (element == DataType.NULL) {
                    throw error("array types (" + type + "[]) need an element type", node);
                }
                return DataType.listOf(element);
            } catch (dev.floe.frame.SchemaException e) {
                throw error(type + "[]: " + e.getMessage(), node);
            } finally {
                type.setArrayData(dimensions);
            }
        }
        if (type.getArrayData() != null && !type.getArrayData().isEmpty()) {
            throw error("array types (" + type + ") are not supported", node);
        }
        if (type.getSignedness() != null || (type.getTypeModifiers() != null && !type.getTypeModifiers().isEmpty())
                || type.isZerofill() || type.getCharacterSet() != null || type.getIntervalQualifier() != null
                || type.isNational() || type.getXmlTypeModifier() != null) {
            throw error("the type " + type + " is not supported; the types are TINYINT, SMALLINT, INTEGER, BIGINT, "
                    + "HUGEINT, REAL, DOUBLE, VARCHAR, BOOLEAN, DATE, TIMESTAMP", node);
        }
        if (name.equals("DECIMAL") || name.equals("NUMERIC") || name.equals("DEC")) {
            return decimalType(type, node);
        }
        if ((name.equals("TIMESTAMP") || name.equals("DATETIME")) && type.getPrecision() != null) {
            throw error(type + " is not supported: timestamps hold microseconds; CAST to TIMESTAMP", node);
        }
        return switch (name) {
            case "TINYINT", "INT1" -> DataType.INT8;
            case "SMALLINT", "INT2", "SHORT" -> DataType.INT16;
            case "INT", "INTEGER", "INT4", "SIGNED" -> DataType.INT32;
            case "BIGINT", "INT8", "LONG" -> DataType.INT64;
            case "HUGEINT", "INT128" -> DataType.INT128;
            case "REAL", "FLOAT4", "FLOAT" -> DataType.FLOAT32;
            case "DOUBLE", "FLOAT8", "DOUBLE PRECISION" -> DataType.FLOAT64;
            case "VARCHAR", "TEXT", "STRING", "CHAR", "BPCHAR", "CHARACTER VARYING", "CHARACTER" -> DataType.UTF8;
            case "BOOLEAN", "BOOL", "LOGICAL" -> DataType.BOOLEAN;
            case "DATE" -> DataType.DATE;
            case "TIMESTAMP", "DATETIME", "TIMESTAMP WITHOUT TIME ZONE" -> DataType.DATETIME;
            case "INTERVAL" -> DataType.DURATION;
            default -> throw error("unknown type " + type.getDataType() + "; types are TINYINT, SMALLINT, INTEGER, "
                    + "BIGINT, HUGEINT, REAL, DOUBLE, VARCHAR, BOOLEAN, DATE, TIMESTAMP", node);
        };
    }

    Expr datePart(String part, Expr value, Object node) {
        return switch (part.toLowerCase(Locale.ROOT).replace("'", "")) {
            case "year", "years", "y", "yr", "yrs" -> value.dt().year();
            case "month", "months", "mon", "mons" -> value.dt().month();
            case "day", "days", "d", "dayofmonth" -> value.dt().day();
            case "hour", "hours", "h", "hr", "hrs" -> value.dt().hour();
            case "minute", "minutes", "min", "mins", "m" -> value.dt().minute();
            case "second", "seconds", "sec", "secs", "s" -> value.dt().second();
            case "millisecond", "milliseconds", "ms", "msec", "msecs" -> value.dt().millisecond();
            case "microsecond", "microseconds", "us", "usec", "usecs" -> value.dt().microsecond();
            case "quarter", "quarters" -> value.dt().quarter();
            case "dow", "dayofweek", "weekday" -> value.dt().weekday();
            case "isodow" -> value.dt().isoWeekday();
            case "doy", "dayofyear" -> value.dt().dayOfYear();
            case "week", "weeks", "w", "weekofyear" -> value.dt().isoWeek();
            case "isoyear" -> value.dt().isoYear();
            case "decade", "decades", "dec", "decs" -> value.dt().decade();
            case "century", "centuries", "cent", "c" -> value.dt().century();
            case "millennium", "millennia", "mil", "mils" -> value.dt().millennium();
            case "epoch" -> value.dt().epoch();
            default -> throw error("date part \"" + part + "\" is not supported; year, quarter, month, week, day, "
                    + "hour, minute, second, millisecond, microsecond, dow, isodow, doy, isoyear, decade, century, "
                    + "millennium and epoch are", node);
        };
    }

    // ---- values standing in for null ---------------------------------------------------------

    /** A value of {@code type} that stands in for null in a key where nulls are equal (a flag beside tells them apart). */
    Expr zero(DataType type, Object node) {
        Expr zero = zeroOf(type);
        if (zero == null) {
            throw error("a correlated subquery cannot read outer values of type " + type, node);
        }
        return zero;
    }

    /** {@link #zero}, or null for a type that has none (lists). */
    static Expr zeroOf(DataType type) {
        if (type.isInteger() || type == DataType.NULL) {
            return lit(0);
        }
        if (type.isFloat()) {
            return lit(0.0);
        }
        return switch (type.id()) {
            case BOOLEAN -> lit(false);
            case UTF8, CATEGORICAL -> lit("");
            case DATE -> lit(LocalDate.EPOCH);
            case DATETIME -> lit(LocalDateTime.of(1970, 1, 1, 0, 0));
            case DURATION -> lit(java.time.Duration.ZERO);
            case DECIMAL -> new Lit(BigDecimal.ZERO.setScale(type.scale()), type, false);
            default -> null;
        };
    }

    // ---- functions ----------------------------------------------------------------------------

    private List<Expression> arguments(Function function) {
        if (substringFromFor(function)) {
            return new ArrayList<>(function.getNamedParameters());
        }
        if (positionIn(function)) {
            // position(needle IN text) is strpos(text, needle)
            List<Expression> named = new ArrayList<>(function.getNamedParameters());
            return new ArrayList<>(List.of(named.get(1), named.get(0)));
        }
        ExpressionList<?> parameters = function.getParameters();
        return parameters == null ? List.of() : new ArrayList<>(parameters);
    }

    /** Whether the call is SQL's {@code substring(s FROM start [FOR length])}, which the parser reads as named arguments. */
    private static boolean substringFromFor(Function function) {
        net.sf.jsqlparser.expression.operators.relational.NamedExpressionList<?> named = function.getNamedParameters();
        if (named == null || !(function.getName().equalsIgnoreCase("substring")
                || function.getName().equalsIgnoreCase("substr"))) {
            return false;
        }
        List<String> names = named.getNames();
        if (names == null || names.size() != named.size() || names.size() < 2 || names.size() > 3) {
            return false;
        }
        return (names.get(0) == null || names.get(0).isBlank()) && "FROM".equalsIgnoreCase(names.get(1))
                && (names.size() == 2 || "FOR".equalsIgnoreCase(names.get(2)));
    }

    /** Whether the call is SQL's {@code position(needle IN text)}, which the parser reads as named arguments. */
    private static boolean positionIn(Function function) {
        net.sf.jsqlparser.expression.operators.relational.NamedExpressionList<?> named = function.getNamedParameters();
        if (named == null || !function.getName().equalsIgnoreCase("position")) {
            return false;
        }
        List<String> names = named.getNames();
        return names != null && names.size() == 2 && named.size() == 2
                && (names.get(0) == null || names.get(0).isBlank()) && "IN".equalsIgnoreCase(names.get(1));
    }

    private void arity(Function function, List<Expression> arguments, int min, int max) {
        if (arguments.size() < min || arguments.size() > max) {
            String wanted = min == max ? String.valueOf(min) : min + " to " + max;
            throw error(function.getName() + " takes " + wanted + " arguments, got " + arguments.size(), function);
        }
    }

    /**
     * GROUPING(a, b) (or grouping_id): a bit for each argument, the first the highest, 1 where the
     * row's grouping set leaves that key out, as in DuckDB. Each argument must be a GROUP BY key.
     */
    private Expr groupingFunction(Function function, String name, List<Expression> args, Scope scope) {
        refuseUnreadParts(function, name);
        if (function.isDistinct() || function.isAllColumns()) {
            throw error(name + " takes GROUP BY keys, not DISTINCT or *", function);
        }
        if (scope.grouping() == null) {
            throw error(name + " is only allowed with GROUP BY (in the select list, HAVING and ORDER BY)", function);
        }
        if (scope.insideAggregate()) {
            throw error(name + " cannot be inside an aggregate function", function);
        }
        if (args.isEmpty() || args.size() > 62) {
            throw error(name + " takes 1 to 62 arguments, got " + args.size(), function);
        }
        Grouping grouping = scope.grouping();
        List<Integer> of = new ArrayList<>();
        for (Expression arg : args) {
            int key = grouping.keyTexts.indexOf(normalized(arg));
            if (key < 0 && arg instanceof Column column
                    && !scope.relation().matches(qualifier(column), unquote(column.getColumnName())).isEmpty()) {
                key = grouping.keyColumns.indexOf(resolve(column, scope.relation()).column());
            }
            if (key < 0 || grouping.keyTexts.get(key).startsWith("\u0000")) {
                throw error(name + " takes GROUP BY keys; " + arg + " is not one", arg);
            }
            of.add(key);
        }
        return grouping.registerGrouping(of);
    }

    /**
     * The select item that is {@code unnest(...)} as a whole, or -1; unnest anywhere else in the
     * select list, or twice, is refused.
     */
    private int unnestItem(List<SelectItem<?>> items) {
        int found = -1;
        for (int i = 0; i < items.size(); i++) {
            Expression e = unparenthesized(items.get(i).getExpression());
            if (e instanceof Function f && f.getName() != null && f.getName().equalsIgnoreCase("unnest")) {
                if (found >= 0) {
                    throw error("only one unnest(...) per select list is supported", e);
                }
                found = i;
            }
        }
        return found;
    }

    /**
     * {@code list_concat(a, b, ...)}: the lists cast to their common type, joined row by row; a
     * NULL list adds nothing, so the result is never NULL, as DuckDB 1.5.
     */
    private Expr listConcat(List<Expr> lists, Function function, Scope scope) {
        if (lists.isEmpty()) {
            throw error(function.getName() + " takes one list or more", function);
        }
        return listConcat(lists, function.getName(), function, scope);
    }

    /** The lists joined row by row after casting them to their common type; {@code name} and {@code node} for errors. */
    Expr listConcat(List<Expr> lists, String name, Object node, Scope scope) {
        DataType common = DataType.NULL;
        for (Expr list : lists) {
            DataType type = typeOf(list, scope);
            if (type == null) {
                throw error(name + " where the query aggregates is not supported; join the lists in an "
                        + "outer query over the aggregated rows", node);
            }
            if (!type.isList() && type != DataType.NULL) {
                throw error(name + " takes lists, and " + list + " is " + type, node);
            }
            DataType wider = Types.supertype(common, type);
            if (wider == null) {
                throw error(name + " needs lists of types with a common type, not " + common + " and "
                        + type, node);
            }
            common = wider;
        }
        DataType target = common == DataType.NULL ? DataType.LIST_NULL : common;
        List<Expr> cast = new ArrayList<>();
        for (Expr list : lists) {
            cast.add(typeOf(list, scope) == target ? list : list.cast(target));
        }
        return cast.get(0).lst().concat(cast.subList(1, cast.size()).toArray());
    }

    /** {@code [a, b, c]} / {@code list_value(a, b, c)}: the values cast to their common type, one list a row. */
    Expr listValue(List<Expr> values, Object node, Scope scope) {
        if (values.isEmpty()) {
            return lit(List.of(), DataType.LIST_NULL); // DuckDB's "NULL"[], which any list type takes
        }
        DataType common = null;
        for (Expr value : values) {
            DataType type = typeOf(value, scope);
            if (type == null) {
                throw error("a list built where the query aggregates ([sum(x)], list_value(k) with GROUP BY) is not "
                        + "supported; build it in an outer query over the aggregated rows", node);
            }
            common = common == null ? type : Types.supertype(common, type);
            if (common == null) {
                throw error("a list's values need one type; " + values + " mix types that have none in common", node);
            }
        }
        List<Expr> cast = new ArrayList<>();
        for (Expr value : values) {
            cast.add(typeOf(value, scope) == common ? value : value.cast(common));
        }
        return Exprs.listOf(cast.toArray(Expr[]::new));
    }

    /**
     * {@code l[i]} and {@code l[a:b]} on a column, which JSqlParser reads as the column with an
     * index attached (not as an {@code ArrayExpression}): the element or the slice, as for any list.
     */
    private Expr subscriptedColumn(Column column, Scope scope) {
        net.sf.jsqlparser.expression.ArrayConstructor index = column.getArrayConstructor();
        List<? extends Expression> written = index.getExpressions();
        if (written == null || written.size() != 1) {
            throw error("[...] after a list takes one index or one slice a:b, not " + index, column);
        }
        Slice slice = slice(written.get(0), column);
        Expr list;
        column.setArrayConstructor(null);
        try {
            list = column(column, scope);
        } finally {
            column.setArrayConstructor(index);
        }
        return slice != null ? listSlice(list, slice, column, scope) : listElement(list, written.get(0), column, scope);
    }

    /** The bounds of a slice {@code l[from:to]} as written; null for a bound left out. */
    record Slice(Expression from, Expression to) {}

    /**
     * The slice that {@code index}, written inside {@code [...]}, stands for; null when it is a
     * plain index. JSqlParser 5.4 has no slice of its own there: it reads {@code :2} as a numbered
     * bind, {@code :b} as a named parameter, and {@code a:b} as JSON's {@code a:b}, an operand
     * that takes all the rest of the brackets and binds tighter than any operator before it:
     * {@code a + 1:b - 1} is read as {@code a + (1:(b - 1))}. The slice's start is then the tree
     * with that operand replaced by its left side ({@code a + 1}), its end the operand's right
     * side ({@code b - 1}).
     */
    private Slice slice(Expression index, Object node) {
        switch (index) {
            case net.sf.jsqlparser.expression.NumericBind bind -> {
                return new Slice(null, new LongValue(bind.getBindId()));
            }
            case net.sf.jsqlparser.expression.JdbcNamedParameter parameter -> {
                return new Slice(null, new Column(parameter.getName()));
            }
            case net.sf.jsqlparser.expression.RangeExpression range -> throw error(
                    "this form of list slice is not supported; write l[a:b], l[a:] or l[:b]", node);
            default -> {
                net.sf.jsqlparser.expression.JsonExpression json = lastOperandSlice(index);
                if (json == null) {
                    if (index.toString().replace("::", "").contains(":")) {
                        throw error("this list slice is not supported as written (" + index + "); "
                                + "write list_slice(l, start, end)", node);
                    }
                    return null;
                }
                List<Expression> rest = json.getIdents();
                Expression from = json.getExpression();
                if (rest.size() != 1 || !":".equals(json.getOperators().get(0))
                        || rest.get(0) instanceof net.sf.jsqlparser.expression.JsonExpression
                        || from instanceof net.sf.jsqlparser.expression.NumericBind
                        || from instanceof net.sf.jsqlparser.expression.JdbcNamedParameter) {
                    throw error("a list slice takes a start and an end (l[a:b]); a step (l[a:b:c]) is not supported",
                            node);
                }
                Expression start = withStartOf(index, json);
                if (start.toString().replace("::", "").contains(":")) {
                    throw error("this list slice is not supported as written (" + index + "); "
                            + "write list_slice(l, start, end)", node);
                }
                return new Slice(start, rest.get(0));
            }
        }
    }

    /** The JSON {@code a:b} that ends {@code e}, reached through signs and arithmetic's right operands; null if none. */
    private static net.sf.jsqlparser.expression.JsonExpression lastOperandSlice(Expression e) {
        return switch (e) {
            case net.sf.jsqlparser.expression.JsonExpression json -> json;
            case SignedExpression signed -> lastOperandSlice(signed.getExpression());
            case Addition a -> lastOperandSlice(a.getRightExpression());
            case Subtraction a -> lastOperandSlice(a.getRightExpression());
            case Multiplication a -> lastOperandSlice(a.getRightExpression());
            case Division a -> lastOperandSlice(a.getRightExpression());
            case IntegerDivision a -> lastOperandSlice(a.getRightExpression());
            case Modulo a -> lastOperandSlice(a.getRightExpression());
            default -> null;
        };
    }

    /** A copy of {@code e} (a chain that {@link #lastOperandSlice} walked) with {@code json} replaced by its left side. */
    private static Expression withStartOf(Expression e, net.sf.jsqlparser.expression.JsonExpression json) {
        return switch (e) {
            case net.sf.jsqlparser.expression.JsonExpression found when found == json -> json.getExpression();
            case SignedExpression signed -> new SignedExpression(signed.getSign(), withStartOf(signed.getExpression(), json));
            case Addition a -> new Addition(a.getLeftExpression(), withStartOf(a.getRightExpression(), json));
            case Subtraction a -> new Subtraction(a.getLeftExpression(), withStartOf(a.getRightExpression(), json));
            case Multiplication a -> new Multiplication(a.getLeftExpression(), withStartOf(a.getRightExpression(), json));
            case Division a -> new Division(a.getLeftExpression(), withStartOf(a.getRightExpression(), json));
            case IntegerDivision a -> new IntegerDivision(a.getLeftExpression(), withStartOf(a.getRightExpression(), json));
            case Modulo a -> new Modulo(a.getLeftExpression(), withStartOf(a.getRightExpression(), json));
            default -> throw new IllegalStateException("not on the way to the slice: " + e);
        };
    }

    /**
     * {@code l[from:to]}: the elements {@code from} through {@code to}, from 1 and both included,
     * negative from the end, a NULL bound giving NULL and a bound left out open, as DuckDB.
     */
    Expr listSlice(Expr list, Slice slice, Object node, Scope scope) {
        DataType type = typeOf(list, scope); // null where the query aggregates: the plan's typer checks it then
        if (type != null && !type.isList() && type != DataType.NULL) {
            throw error("[a:b] takes a slice of a list, and this is " + type, node);
        }
        Expr from = slice.from() == null ? lit(1) : sliceBound(slice.from(), node, scope);
        Expr to = slice.to() == null ? lit(-1) : sliceBound(slice.to(), node, scope);
        return list.lst().slice(from, to);
    }

    private Expr sliceBound(Expression written, Object node, Scope scope) {
        Expr bound = expr(written, scope);
        DataType type = typeOf(bound, scope);
        if (type != null && type != DataType.NULL && (!type.isInteger() || type == DataType.INT128)) {
            throw error("a list slice's bounds must be whole numbers (TINYINT to BIGINT), and " + written + " is "
                    + type, node);
        }
        return bound;
    }

    /** {@code l[i]}: element {@code i} from 1 (negative from the end), null out of range or at 0, as DuckDB. */
    Expr listElement(Expr list, Expression index, Object node, Scope scope) {
        DataType type = typeOf(list, scope); // null where the query aggregates: the plan's typer checks it then
        if (type != null && !type.isList()) {
            throw error("[...] takes an element of a list, and this is " + type, node);
        }
        Expression written = unparenthesized(index);
        long at;
        if (written instanceof LongValue value) {
            at = clamped(value);
        } else if (written instanceof SignedExpression signed && signed.getExpression() instanceof LongValue value) {
            at = signed.getSign() == '-' ? -clamped(value) : clamped(value);
        } else {
            throw error("a list index must be a whole number written in the query, not " + index, node);
        }
        if (at == 0 || Math.abs(at) > Integer.MAX_VALUE) {
            return list.lst().get(Integer.MAX_VALUE); // past any list's end: null, of the element type
        }
        return list.lst().get((int) (at > 0 ? at - 1 : at));
    }

    /** The windows the query being translated names ({@code WINDOW w AS (...)}), by lower-case name. */
    Map<String, net.sf.jsqlparser.expression.WindowDefinition> namedWindows() {
        return namedWindows;
    }

    /** The tables and settings the statement runs against. */
    /** The FROM clause's translation (tables, VALUES), for the table statements. */
    FromPlanner from() {
        return fromPlanner;
    }

    SqlContext context() {
        return context;
    }

    /** The statement's one instant ({@code now()}, {@code CURRENT_TIMESTAMP}). */
    LocalDateTime now() {
        return now;
    }

    private Expr function(Function function, Scope scope) {
        String name = function.getName().toLowerCase(Locale.ROOT);
        List<Expression> args = arguments(function);
        if (AggregateFunctions.isAggregate(name) || ScalarFunctions.find(name) != null) {
            refuseUnreadParts(function, name);
        }
        if (name.equals("grouping") || name.equals("grouping_id")) {
            return groupingFunction(function, name, args, scope);
        }
        if (AggregateFunctions.isAggregate(name)) {
            if (scope.insideAggregate()) {
                throw error("an aggregate function cannot hold another one", function);
            }
            if (scope.grouping() == null) {
                throw error("aggregate function " + name + " is not allowed here (WHERE, ON, GROUP BY)", function);
            }
            return aggregate(name, function, args, scope);
        }
        if (WINDOW_ONLY.contains(name)) {
            throw error(name + " is a window function and needs OVER (...)", function);
        }
        if (name.equals("unnest")) {
            throw error("unnest(...) goes in the select list as a whole item, as SELECT unnest(l) AS x FROM t", function);
        }
        if (function.isDistinct()) {
            throw error("DISTINCT only goes with aggregate functions", function);
        }
        if (ScalarFunctions.find(name) == null) {
            throw error(unknownFunction(function.getName()), function);
        }
        ScalarFunctions.Definition definition = ScalarFunctions.find(name);
        if (args.size() < definition.minArgs() || args.size() > definition.maxArgs()) {
            throw error(arityMessage(function.getName(), definition.minArgs(), definition.maxArgs(), args.size()),
                    function);
        }
        List<Expr> x = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Expression arg = args.get(i);
            if (unparenthesized(arg) instanceof net.sf.jsqlparser.expression.LambdaExpression) {
                if (!definition.takesFunction() || i != 1) {
                    throw error(definition.takesFunction() ? name + " takes its function (x -> ...) second"
                            : name + " takes no function (x -> ...)", arg);
                }
                x.add(null); // translated by the function, with its parameters in scope
                continue;
            }
            // an INTERVAL of months has no value of its own (a month has no fixed length): it is
            // translated, and refused, only where the function reads it as a value (date_add moves by it)
            x.add(unparenthesized(arg) instanceof net.sf.jsqlparser.expression.IntervalExpression interval
                    && interval(interval).months() != 0 ? null : expr(arg, scope));
        }
        return definition.translation().translate(new ScalarFunctions.Args(this, function, name, args, x, scope));
    }

    static String arityMessage(String function, int min, int max, int got) {
        String wanted = min == max ? String.valueOf(min) : max == ScalarFunctions.VARIADIC ? "at least " + min
                : min + " to " + max;
        return function + " takes " + wanted + (min == 1 && max == 1 ? " argument" : " arguments") + ", got " + got;
    }

    /** The message for a name no function has, with the closest names there are. */
    private static String unknownFunction(String written) {
        Set<String> known = new HashSet<>(ScalarFunctions.names());
        known.addAll(AggregateFunctions.names());
        known.addAll(WINDOW_ONLY);
        List<String> closest = dev.floe.frame.Names.closest(written, known, 3);
        return "unknown function " + written + (closest.isEmpty() ? "" : " (did you mean " + String.join(", ", closest)
                + "?)") + "; docs/sql.md lists the functions";
    }

    private static boolean isNull(Expression argument) {
        return argument instanceof NullValue;
    }

    /**
     * Refuses the parts of a function call that the translation would otherwise pass over: IGNORE
     * NULLS, ORDER BY inside a scalar function, HAVING MIN/MAX, LIMIT, KEEP, named or chained
     * arguments, an attribute after the call.
     */
    private void refuseUnreadParts(Function function, String name) {
        String part = null;
        if (function.getNullHandling() == Function.NullHandling.IGNORE_NULLS || function.isIgnoreNulls()) {
            part = "IGNORE NULLS";
        } else if (function.getOrderByElements() != null && !function.getOrderByElements().isEmpty()
                && !AggregateFunctions.isAggregate(name)) {
            part = "ORDER BY inside a function";
        } else if (function.getHavingClause() != null) {
            part = "HAVING MIN/MAX inside a function";
        } else if (function.getLimit() != null) {
            part = "LIMIT inside a function";
        } else if (function.getKeep() != null) {
            part = "KEEP (...)";
        } else if (function.getNamedParameters() != null && !substringFromFor(function) && !positionIn(function)) {
            part = "named arguments";
        } else if (function.getChainedParameters() != null) {
            part = "chained arguments";
        } else if (function.getKeywordArguments() != null && !function.getKeywordArguments().isEmpty()) {
            part = "keyword arguments";
        } else if (function.getAttribute() != null) {
            part = "an attribute after a function call";
        } else if (function.isUnique()) {
            part = "UNIQUE inside a function";
        } else if (function.getOnOverflowTruncate() != null) {
            part = "ON OVERFLOW";
        }
        if (part != null) {
            throw error(part + " is not supported (" + function + ")", function);
        }
    }

    int intArgument(Expression argument, Object node) {

        Expression e = argument;
        int sign = 1;
        if (e instanceof SignedExpression signed && signed.getExpression() instanceof LongValue) {
            sign = signed.getSign() == '-' ? -1 : 1;
            e = signed.getExpression();
        }
        if (e instanceof LongValue value && clamped(value) <= Integer.MAX_VALUE) {
            return sign * (int) clamped(value);
        }
        throw error("this argument must be a whole number written in the query, not " + argument, argument);
    }

    String stringArgument(Expression argument, Object node) {
        if (argument instanceof StringValue value) {
            return value.getValue().replace("''", "'");
        }
        throw error("this argument must be text in quotes, not " + argument, argument);
    }

    private Expr aggregate(String name, Function function, List<Expression> args, Scope scope) {
        return aggregate(name, function, args, null, scope);
    }

    /**
     * An aggregate call; with {@code filter} (its {@code FILTER (WHERE ...)}), over the rows where
     * the condition is true: each input is null elsewhere, which every aggregate but first, last
     * and arbitrary passes over.
     */
    private Expr aggregate(String name, Function function, List<Expression> args, Expression filter, Scope scope) {
        AggregateFunctions.Definition definition = AggregateFunctions.find(name);
        Grouping grouping = scope.grouping();
        Scope inside = scope.inside();
        boolean star = args.size() == 1 && args.get(0) instanceof AllColumns;
        Expr condition = filter == null ? null : expr(filter, inside);
        if (condition != null && definition.has(AggregateFunctions.Trait.NO_FILTER)) {
            throw error("FILTER (WHERE ...) on " + name + " is not supported: its rows' nulls count", filter);
        }
        if (function.getOrderByElements() != null && !function.getOrderByElements().isEmpty()
                && !definition.has(AggregateFunctions.Trait.ORDER_INSENSITIVE)) {
            // string_agg(s, ',' ORDER BY k), list(x ORDER BY k), first(x ORDER BY k): the rows in that order
            List<SortKey> keys = new ArrayList<>();
            for (OrderByElement element : function.getOrderByElements()) {
                if (element.getExpression() instanceof LongValue) {
                    throw error("ORDER BY inside an aggregate takes expressions, not positions", element);
                }
                keys.add(sortKey(expr(element.getExpression(), inside), element));
            }
            grouping.orderInputBy(keys, function.getOrderByElements().toString(), function);
        }
        if (name.equals("count") && (star || args.isEmpty() || function.isAllColumns())) {
            if (function.isDistinct()) {
                throw error("count(DISTINCT *) is not supported; count(DISTINCT x) counts the distinct values of x",
                        function);
            }
            return grouping.register(condition == null ? Exprs.len()
                    : Exprs.when(condition).then(lit(1)).otherwise(lit(null)).count());
        }
        if (function.isDistinct() && definition.has(AggregateFunctions.Trait.NO_DISTINCT)) {
            throw error(name + "(DISTINCT ...) is not supported; " + name + "(x) is", function);
        }
        if (args.size() < definition.minArgs() || args.size() > definition.maxArgs()) {
            throw error(arityMessage(function.getName(), definition.minArgs(), definition.maxArgs(), args.size()),
                    function);
        }
        // agg(DISTINCT x): agg(x) over the first row of each group holding each value of x (of each pair, for
        // two values); where the value over the distinct values is the value over all, DISTINCT changes nothing
        Expr firstOfValue = null;
        if (function.isDistinct() && !definition.has(AggregateFunctions.Trait.SAME_OVER_DISTINCT)
                && !definition.has(AggregateFunctions.Trait.OWN_DISTINCT)) {
            List<Expr> values = new ArrayList<>(List.of(expr(args.get(0), inside)));
            if (definition.has(AggregateFunctions.Trait.PAIRS)) {
                values.add(expr(args.get(1), inside));
            }
            if (condition != null) {
                values.add(condition);
            }
            firstOfValue = grouping.registerDistinct(values);
        }
        Expr mask = firstOfValue == null ? condition : condition == null ? firstOfValue : firstOfValue.and(condition);
        return definition.translation().translate(
                new AggregateFunctions.Args(this, function, function.isDistinct(), name, args, grouping::register, inside,
                        mask, subqueryPlanner.neverNull(inside.relation().frame())));
    }

    /**
     * SQL's {@code sum}: of integers in {@code INT128} (DuckDB's {@code HUGEINT}), which no sum of
     * fewer than 2^64 values leaves; of REALs in DOUBLE, as DuckDB's (a REAL sum would round every
     * partial sum to 24 bits); of doubles in their type.
     */
    Expr exactSum(Expr x, Scope scope) {
        DataType type = typeOf(x, scope);
        if (type == DataType.FLOAT32) {
            return x.cast(DataType.FLOAT64).sum();
        }
        return type != null && (type.isInteger() || type == DataType.BOOLEAN) ? x.cast(DataType.INT128).sum() : x.sum();
    }

    /**
     * SQL's trim: {@code text} without the {@code characters} (a constant; spaces where it is null,
     * as DuckDB strips spaces only, not tabs or line breaks) at its start, end or both.
     */
    Expr stripped(Expr text, String side, Expression characters) {
        if (characters != null && isNull(characters)) {
            return lit(null).cast(DataType.UTF8);
        }
        String strip = characters == null ? " " : stringArgument(characters, characters);
        return switch (side) {
            case "start" -> text.str().stripStart(strip);
            case "end" -> text.str().stripEnd(strip);
            default -> text.str().strip(strip);
        };
    }

    private double number(Expression argument, Object node) {
        if (argument instanceof DoubleValue d) {
            return d.getValue();
        }
        if (argument instanceof LongValue l) {
            return l.getBigIntegerValue().doubleValue();
        }
        throw error("this argument must be a number written in the query, not " + argument, argument);
    }

    /** {@code agg(x) FILTER (WHERE condition)} without OVER: an aggregate over the rows where the condition is true. */
    private Expr filteredAggregate(AnalyticExpression call, Scope scope) {
        String name = call.getName().toLowerCase(Locale.ROOT);
        if (!AggregateFunctions.isAggregate(name)) {
            throw error("FILTER (WHERE ...) goes with aggregate functions; " + name + " is not one", call);
        }
        if (scope.insideAggregate()) {
            throw error("an aggregate function cannot hold another one", call);
        }
        if (scope.grouping() == null) {
            throw error("aggregate function " + name + " is not allowed here (WHERE, ON, GROUP BY)", call);
        }
        if (call.getKeep() != null || call.isIgnoreNulls()) {
            throw error("KEEP and IGNORE NULLS inside an aggregate are not supported with FILTER (WHERE ...) ("
                    + call + ")", call);
        }
        Function function = new Function();
        function.setName(name);
        if (call.getFuncOrderBy() != null && !call.getFuncOrderBy().isEmpty()) {
            function.setOrderByElements(call.getFuncOrderBy());
        }
        function.setDistinct(call.isDistinct());
        function.setAllColumns(call.isAllColumns());
        // JSqlParser keeps a filtered aggregate's second and third arguments where lag's offset and default go
        List<Expression> args = new ArrayList<>();
        for (Expression argument : java.util.Arrays.asList(call.getExpression(), call.getOffset(),
                call.getDefaultValue())) {
            if (argument != null) {
                args.add(argument);
            }
        }
        return aggregate(name, function, args, call.getFilterExpression(), scope);
    }

    /**
     * The ordered-set aggregates: {@code percentile_cont(q) WITHIN GROUP (ORDER BY x)} (DuckDB's
     * {@code quantile_cont(x, q)}, descending as {@code 1 - q}), {@code percentile_disc(q)} (ascending
     * only), {@code mode()}, and {@code string_agg}/{@code listagg(s, sep) WITHIN GROUP (ORDER BY
     * ...)} (an ordered aggregate).
     */
    private Expr withinGroup(AnalyticExpression call, Scope scope) {
        String name = call.getName().toLowerCase(Locale.ROOT);
        if (scope.insideAggregate()) {
            throw error("an aggregate function cannot hold another one", call);
        }
        if (scope.grouping() == null) {
            throw error("aggregate function " + name + " is not allowed here (WHERE, ON, GROUP BY)", call);
        }
        List<OrderByElement> order = call.getOrderByElements();
        if (call.getFilterExpression() != null || call.isDistinct() || call.getKeep() != null || order == null
                || order.isEmpty()) {
            throw error(name + " WITHIN GROUP takes one ORDER BY and no DISTINCT, FILTER or KEEP (" + call + ")", call);
        }
        Function function = new Function();
        List<Expression> args = new ArrayList<>();
        switch (name) {
            case "percentile_cont", "percentile_disc", "mode" -> {
                if (order.size() != 1) {
                    throw error(name + " WITHIN GROUP orders by one value, not " + order.size(), call);
                }
                OrderByElement by = order.get(0);
                args.add(by.getExpression());
                if (name.equals("mode")) {
                    function.setName("mode");
                    break;
                }
                if (call.getExpression() == null || call.getOffset() != null) {
                    throw error(name + " takes one fraction, as " + name + "(0.5) WITHIN GROUP (ORDER BY x)", call);
                }
                Expression q = call.getExpression();
                if (!by.isAsc()) {
                    if (name.equals("percentile_disc")) {
                        throw error("percentile_disc WITHIN GROUP (ORDER BY ... DESC) is not supported; order ascending "
                                + "and take 1 - q", call);
                    }
                    q = new DoubleValue(String.valueOf(1 - number(q, call))); // interpolated: the mirror fraction
                }
                args.add(q);
                function.setName(name.equals("percentile_cont") ? "quantile_cont" : "quantile_disc");
            }
            case "string_agg", "listagg", "group_concat", "list", "array_agg" -> {
                for (Expression argument : java.util.Arrays.asList(call.getExpression(), call.getOffset())) {
                    if (argument != null) {
                        args.add(argument);
                    }
                }
                function.setName(name);
                function.setOrderByElements(order);
            }
            default -> throw error("WITHIN GROUP goes with percentile_cont, percentile_disc, mode, string_agg and listagg, "
                    + "not " + name, call);
        }
        return aggregate(function.getName(), function, args, scope);
    }

    // ---- tree helpers -------------------------------------------------------------------------

    static Expression unparenthesized(Expression expression) {
        Expression e = expression;
        while (e instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            e = list.get(0);
        }
        return e;
    }

    /** The branches of an OR (parentheses looked through), or the expression alone. */
    static List<Expression> disjuncts(Expression expression) {
        List<Expression> out = new ArrayList<>();
        java.util.ArrayDeque<Expression> pending = new java.util.ArrayDeque<>();
        pending.push(expression);
        while (!pending.isEmpty()) {
            Expression e = unparenthesized(pending.pop());
            if (e instanceof OrExpression or) {
                pending.push(or.getRightExpression());
                pending.push(or.getLeftExpression());
            } else {
                out.add(e);
            }
        }
        return out;
    }

    /** The parts of an AND (parentheses looked through), in order; iterative, as chains can be long. */
    static List<Expression> conjuncts(Expression expression) {
        List<Expression> out = new ArrayList<>();
        if (expression == null) {
            return out;
        }
        java.util.ArrayDeque<Expression> pending = new java.util.ArrayDeque<>();
        pending.push(expression);
        while (!pending.isEmpty()) {
            Expression e = pending.pop();
            Expression inner = unparenthesized(e);
            if (inner instanceof AndExpression and) {
                pending.push(and.getRightExpression());
                pending.push(and.getLeftExpression());
            } else {
                out.add(e);
            }
        }
        return out;
    }

    /** The expressions directly inside {@code e} (for the searches below). */
    private static List<Expression> children(Expression e) {
        List<Expression> out = new ArrayList<>();
        switch (e) {
            case BinaryExpression binary -> {
                out.add(binary.getLeftExpression());
                out.add(binary.getRightExpression());
            }
            case ExpressionList<?> list -> out.addAll(list);
            case Function function -> {
                if (function.getParameters() != null) {
                    out.addAll(function.getParameters());
                }
            }
            case AnalyticExpression window -> {
                if (window.getExpression() != null) {
                    out.add(window.getExpression());
                }
                if (window.getFilterExpression() != null) {
                    out.add(window.getFilterExpression());
                }
                if (window.getPartitionExpressionList() != null) {
                    out.addAll(window.getPartitionExpressionList());
                }
                if (window.getOrderByElements() != null) {
                    window.getOrderByElements().forEach(o -> out.add(o.getExpression()));
                }
            }
            case CaseExpression c -> {
                if (c.getSwitchExpression() != null) {
                    out.add(c.getSwitchExpression());
                }
                for (WhenClause clause : c.getWhenClauses()) {
                    out.add(clause.getWhenExpression());
                    out.add(clause.getThenExpression());
                }
                if (c.getElseExpression() != null) {
                    out.add(c.getElseExpression());
                }
            }
            case CastExpression c -> out.add(c.getLeftExpression());
            case SignedExpression s -> out.add(s.getExpression());
            case NotExpression n -> out.add(n.getExpression());
            case IsNullExpression n -> out.add(n.getLeftExpression());
            case IsBooleanExpression n -> out.add(n.getLeftExpression());
            case Between b -> {
                out.add(b.getLeftExpression());
                out.add(b.getBetweenExpressionStart());
                out.add(b.getBetweenExpressionEnd());
            }
            case InExpression in -> {
                out.add(in.getLeftExpression());
                if (!(in.getRightExpression() instanceof Select)) {
                    out.add(in.getRightExpression());
                }
            }
            case ExtractExpression x -> out.add(x.getExpression());
            case TrimFunction t -> out.add(t.getExpression());
            case net.sf.jsqlparser.expression.ArrayConstructor array when array.getExpressions() != null ->
                    out.addAll(array.getExpressions());
            case net.sf.jsqlparser.expression.ArrayExpression subscript -> {
                out.add(subscript.getObjExpression());
                out.add(subscript.getIndexExpression());
                out.add(subscript.getStartIndexExpression());
                out.add(subscript.getStopIndexExpression());
            }
            case net.sf.jsqlparser.expression.JsonExpression json -> {
                out.add(json.getExpression());
                out.addAll(json.getIdents());
            }
            case Column column when column.getArrayConstructor() != null
                    && column.getArrayConstructor().getExpressions() != null ->
                    out.addAll(column.getArrayConstructor().getExpressions());
            default -> {}
        }
        out.removeIf(java.util.Objects::isNull);
        return out;
    }

    /** Whether {@code e} calls an aggregate function outside any window. */
    static boolean containsAggregate(Expression e) {
        if (e == null) {
            return false;
        }
        if (e instanceof Function f && !(e instanceof AnalyticExpression)
                && AggregateFunctions.isAggregate(f.getName().toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (e instanceof AnalyticExpression filtered
                && (filtered.getType() == net.sf.jsqlparser.expression.AnalyticType.FILTER_ONLY
                        || filtered.getType() == net.sf.jsqlparser.expression.AnalyticType.WITHIN_GROUP)) {
            return true; // agg(x) FILTER (WHERE ...) or percentile_cont(q) WITHIN GROUP (ORDER BY x), without OVER
        }
        if (e instanceof AnalyticExpression window) {
            // the window's own function is not an aggregation of the query; its arguments may hold one
            for (Expression child : children(window)) {
                if (containsAggregate(child)) {
                    return true;
                }
            }
            return false;
        }
        for (Expression child : children(e)) {
            if (containsAggregate(child)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code e} calls a window function (OVER). */
    static boolean containsWindow(Expression e) {
        if (e instanceof AnalyticExpression window
                && window.getType() != net.sf.jsqlparser.expression.AnalyticType.FILTER_ONLY) {
            return true;
        }
        for (Expression child : children(e)) {
            if (containsWindow(child)) {
                return true;
            }
        }
        return false;
    }

    static boolean containsSubquery(Expression e) {
        if (e instanceof Select || e instanceof ExistsExpression
                || e instanceof net.sf.jsqlparser.expression.AnyComparisonExpression
                || e instanceof InExpression in && in.getRightExpression() instanceof Select) {
            return true;
        }
        for (Expression child : children(e)) {
            if (containsSubquery(child)) {
                return true;
            }
        }
        return false;
    }

    /** The expression's text with letters outside quotes folded to lower case and spaces collapsed. */
    static String normalized(Expression e) {
        String text = e.toString();
        StringBuilder out = new StringBuilder(text.length());
        char quote = 0;
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'') {
                quote = c;
                out.append(c);
            } else if (Character.isWhitespace(c)) {
                space = true;
                continue;
            } else {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                out.append(c == '"' ? "" : String.valueOf(Character.toLowerCase(c)));
            }
            space = false;
        }
        return out.toString();
    }

    static String qualifier(Column column) {
        String qualifier = column.getTable() == null ? null : unquote(column.getTable().getFullyQualifiedName());
        return qualifier == null || qualifier.isEmpty() ? null : qualifier;
    }

    static String unquote(String name) {
        if (name == null) {
            return null;
        }
        if (name.length() >= 2 && (name.startsWith("\"") && name.endsWith("\"")
                || name.startsWith("`") && name.endsWith("`"))) {
            return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        if (name.contains("\".\"")) {
            return name.replace("\"", ""); // "x.csv" arrives split as "x"."csv"
        }
        return name;
    }

    String fresh(String base) {
        return base + "_" + (names++);
    }

    static String unique(String name, Set<String> taken) {
        String candidate = name;
        int k = 1;
        while (taken.contains(candidate)) {
            candidate = name + "_" + k++;
        }
        taken.add(candidate);
        return candidate;
    }

    // ---- errors -------------------------------------------------------------------------------

    SqlException error(String reason, Object node) {
        int[] at = position(node);
        return new SqlException(reason, sql, at[0], at[1]);
    }

    /** Line and column of {@code node}'s first token, from the parser's tree or by finding its text. */
    private int[] position(Object node) {
        int[] at = treePosition(node);
        if (at != null) {
            return at;
        }
        if (node instanceof Function f) {
            int[] named = find(f.getName());
            if (named[0] > 0) {
                return named;
            }
        }
        if (node instanceof Expression expression) {
            for (Expression child : children(expression)) {
                int[] inner = treePosition(child);
                if (inner != null) {
                    return inner;
                }
            }
        }
        String text = node instanceof Table t ? t.getFullyQualifiedName()
                : node instanceof net.sf.jsqlparser.expression.Alias a ? a.getName()
                : node == null ? null : node.toString();
        return text == null ? new int[] {0, 0} : find(text);
    }

    /** The line and column the parser recorded for {@code node}'s first token, or null (it records them for few nodes). */
    private static int[] treePosition(Object node) {
        if (node instanceof ASTNodeAccessImpl access) {
            Node tree = access.getASTNode();
            if (tree != null && tree.jjtGetFirstToken() != null && tree.jjtGetFirstToken().beginLine > 0) {
                return new int[] {tree.jjtGetFirstToken().beginLine, tree.jjtGetFirstToken().beginColumn};
            }
        }
        return null;
    }

    /** Where {@code text} first appears in the query, ignoring case; 0, 0 if nowhere. */
    private int[] find(String text) {
        String haystack = sql.toLowerCase(Locale.ROOT);
        String needle = text.toLowerCase(Locale.ROOT);
        int at = haystack.indexOf(needle);
        if (at < 0 || needle.isBlank()) {
            return new int[] {0, 0};
        }
        int line = 1;
        int column = 1;
        for (int i = 0; i < at; i++) {
            if (sql.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
