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
import dev.floe.frame.expr.Col;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTyper;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.expr.Lit;
import dev.floe.frame.plan.SortKey;
import dev.floe.sql.Relation.Field;
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
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.ASTNodeAccessImpl;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
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
    static final Set<String> WINDOW_ONLY = Set.of("row_number", "rank", "dense_rank", "lag", "lead", "ntile",
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
    int depth;
    final Map<Object, DataFrame> eager = new java.util.IdentityHashMap<>();
    /** The named windows ({@code WINDOW w AS (...)}) of the SELECT being translated. */
    private Map<String, net.sf.jsqlparser.expression.WindowDefinition> namedWindows = Map.of();
    /** The statements that make and change tables. */
    private final TableStatements tables = new TableStatements(this);
    /** The window functions' translation. */
    final WindowFunctions windows = new WindowFunctions(this);
    /** The FROM clause's translation: tables, table functions, joins and their order. */
    private final FromPlanner fromPlanner = new FromPlanner(this);
    /** Subqueries' translation: computed once, or unnested into joins. */
    private final SubqueryPlanner subqueryPlanner = new SubqueryPlanner(this);
    /** Expressions' translation: names, operators, casts, lambdas and functions. */
    private final ExpressionPlanner expressionPlanner = new ExpressionPlanner(this);
    private int names;

    /** The values of the statement's parameters ({@code ?}, {@code $1}). */
    final Parameters parameters;

    Translator(SqlContext context, String sql) {
        this(context, sql, Parameters.NONE);
    }

    Translator(SqlContext context, String sql, Parameters parameters) {
        this.context = context;
        this.sql = integerDivisions(sql);
        this.now = LocalDateTime.now();
        this.parameters = parameters;
    }

    /** The windows the query being translated names ({@code WINDOW w AS (...)}), by lower-case name. */
    Map<String, net.sf.jsqlparser.expression.WindowDefinition> namedWindows() {
        return namedWindows;
    }

    /** {@code e} translated in {@code scope}: every part of the translation asks {@link ExpressionPlanner} here. */
    Expr expr(Expression e, Scope scope) {
        return expressionPlanner.expr(e, scope);
    }

    /** Expressions' translation (casts, arguments, lists), for the function registries and the other planners. */
    ExpressionPlanner expressions() {
        return expressionPlanner;
    }

    /** Subqueries' translation, for the expressions that hold them. */
    SubqueryPlanner subqueries() {
        return subqueryPlanner;
    }

    /** The FROM clause's translation (tables, VALUES), for the table statements. */
    FromPlanner from() {
        return fromPlanner;
    }

    /** The tables and settings the statement runs against. */
    SqlContext context() {
        return context;
    }

    /** The statement's one instant ({@code now()}, {@code CURRENT_TIMESTAMP}). */
    LocalDateTime now() {
        return now;
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
            Expr filter = ExpressionPlanner.joined(conditions, Expr::and);
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
        int unnestAt = expressionPlanner.unnestItem(items);
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
            List<Expression> unnestArgs = expressionPlanner.arguments(unnest);
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
                    : expression instanceof Column c ? expressionPlanner.resolve(c, from).name() : expression.toString();
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
            long k = ExpressionPlanner.clamped(ordinal);
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
                    long k = ExpressionPlanner.clamped(ordinal);
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
            long k = ExpressionPlanner.clamped(ordinal);
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

    // ---- scopes and types -------------------------------------------------------------------

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
            return ExprTyper.typeOf(value, expressionPlanner.withLambdaParameters(readable(scope)));
        } catch (SchemaException | ColumnNotFoundException | IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code value}'s type, or the error that says why it has none. */
    DataType typeOfOrFail(Expr value, Scope scope, Object node) {
        Schema schema = expressionPlanner.withLambdaParameters(readable(scope));
        typed(value, schema, node, "the list");
        return ExprTyper.typeOf(value, schema);
    }

    /** The columns an expression of {@code scope} reads, lambdas' parameters aside. */
    static Schema readable(Scope scope) {
        if (scope.aggregating()) {
            // over the columns the aggregation will give: its keys and the aggregates registered so far
            Schema aggregated = scope.grouping().aggregatedSchema(scope.relation().frame().schema());
            return scope.applies() == null ? aggregated : scope.applies().extend(aggregated);
        }
        return scope.schema();
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
