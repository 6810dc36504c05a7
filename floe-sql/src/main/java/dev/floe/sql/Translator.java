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
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTyper;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.expr.Lit;
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
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
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
import net.sf.jsqlparser.statement.select.ExceptOp;
import net.sf.jsqlparser.statement.select.IntersectOp;
import net.sf.jsqlparser.statement.select.MinusOp;
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
    /** The text the parser read: {@code sql} with DuckDB's syntax it does not read rewritten ({@link SqlText}); null before parsing. */
    private SqlText.Rewritten rewritten;
    /**
     * The statement's one instant: every CURRENT_TIMESTAMP, NOW() and CURRENT_DATE in it reads this, so
     * they agree with each other (and so does a condition the optimizer copies, such as one carried
     * across join keys), as in DuckDB.
     */
    private final LocalDateTime now;
    /** The named windows ({@code WINDOW w AS (...)}) of the SELECT being translated. */
    private Map<String, net.sf.jsqlparser.expression.WindowDefinition> namedWindows = Map.of();
    /** The statements that make and change tables. */
    private final TableStatements tables = new TableStatements(this);
    /** The FROM clause's translation: tables, table functions, joins and their order. */
    /** SELECT's translation: its clauses, grouping and select list. */
    private final SelectPlanner selectPlanner = new SelectPlanner(this);
    private final FromPlanner fromPlanner = new FromPlanner(this);
    /** Subqueries' translation: computed once, or unnested into joins. */
    private final SubqueryPlanner subqueryPlanner = new SubqueryPlanner(this);
    /** Expressions' translation: names, operators, casts, lambdas and functions. */
    private final ExpressionPlanner expressionPlanner = new ExpressionPlanner(this);
    private int names;

    /** The values of the statement's parameters ({@code ?}, {@code $1}). */
    private final Parameters parameters;
    /** The queries whose columns had a name twice before they were made unique, and that name (see {@link #refuseNamesTwice}). */
    private final Map<PlainSelect, String> namedTwice = new java.util.IdentityHashMap<>();

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

    /** Sets the windows the SELECT being translated names (each SELECT its own; its subqueries do not see them). */
    void namedWindows(Map<String, net.sf.jsqlparser.expression.WindowDefinition> windows) {
        namedWindows = windows;
    }

    /** The values of the statement's parameters ({@code ?}, {@code $1}). */
    Parameters parameters() {
        return parameters;
    }

    /** {@code e} translated in {@code scope}: every part of the translation asks {@link ExpressionPlanner} here. */
    Expr expr(Expression e, Scope scope) {
        return expressionPlanner.expr(e, scope);
    }

    /** Expressions' translation (casts, arguments, lists), for the function registries and the other planners. */
    ExpressionPlanner expressions() {
        return expressionPlanner;
    }

    /** SELECT's translation (LIMIT and OFFSET, the grouping), for the other planners. */
    SelectPlanner selects() {
        return selectPlanner;
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
        if (explain.getKeyword() != null && !explain.getKeyword().equalsIgnoreCase("EXPLAIN")) {
            // SUMMARIZE and DESCRIBE of a query are statements of their own (SqlContext.sql), with no parameters
            throw new SqlException(explain.getKeyword().toUpperCase(java.util.Locale.ROOT) + " takes no parameters "
                    + "and has no plan; run it as a statement of its own", sql, 1, 1);
        }
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
                String name = dots(create.getTable().getUnquotedName());
                if (create.getSelect() == null) {
                    TableStatements.Created made = tables.createTable(create);
                    if (context.table(name) != null && !create.isOrReplace()) {
                        if (create.isIfNotExists()) {
                            yield empty();
                        }
                        throw error("table \"" + name + "\" already exists; use CREATE OR REPLACE TABLE",
                                create.getTable());
                    }
                    synchronized (context) {
                        // the table and its rules at once, so that no statement sees one without the other
                        context.register(name, made.columns());
                        context.setRules(name, made.rules());
                    }
                    yield empty();
                }
                if (context.table(name) != null && !create.isOrReplace()) {
                    if (create.isIfNotExists()) {
                        yield empty();
                    }
                    throw error("table \"" + name + "\" already exists; use CREATE OR REPLACE TABLE", create.getTable());
                }
                Select body = create.getSelect();
                LazyFrame made = guarded(() -> query(body, new Env()).frame(), body);
                // a column of untyped NULLs is an INTEGER column, as DuckDB makes it (it takes values later)
                List<Expr> typed = new ArrayList<>();
                for (dev.floe.frame.Schema.Field field : made.schema().fields()) {
                    if (field.type() == DataType.NULL) {
                        typed.add(col(field.name()).cast(DataType.INT32));
                    }
                }
                DataFrame frame = (typed.isEmpty() ? made : made.withColumns(typed)).collect(context.config());
                context.register(name, frame);
                yield empty();
            }
            case CreateView create -> {
                String name = dots(create.getView().getUnquotedName());
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
            case net.sf.jsqlparser.statement.create.sequence.CreateSequence create -> {
                String name = dots(create.getSequence().getUnquotedName());
                // the parser reads OR REPLACE and passes over it
                boolean replace = sql.strip().toUpperCase(Locale.ROOT).matches("(?s)CREATE\\s+OR\\s+REPLACE\\s.*");
                SqlSequence sequence = SqlSequence.of(name, create.getSequence().getParameters(),
                        reason -> error(reason, create.getSequence()));
                if (!context.createSequence(name, sequence, replace)) {
                    throw error("sequence \"" + name + "\" already exists; use CREATE OR REPLACE SEQUENCE",
                            create.getSequence());
                }
                yield empty();
            }
            case Drop drop when drop.getType() != null && drop.getType().equalsIgnoreCase("SEQUENCE") -> {
                String name = dots(drop.getName().getUnquotedName());
                String user = context.tableUsingSequence(name);
                if (user != null) {
                    // as DuckDB: a default that draws from it would fail at every INSERT after
                    throw error("Dependency Error: cannot drop sequence \"" + name + "\": a default of table \"" + user
                            + "\" draws from it", drop.getName());
                }
                if (!context.dropSequence(name) && !drop.isIfExists()) {
                    throw error("unknown sequence \"" + name + "\"", drop.getName());
                }
                yield empty();
            }
            case Drop drop -> {
                String type = drop.getType() == null ? "" : drop.getType().toUpperCase(Locale.ROOT);
                if (!type.equals("TABLE") && !type.equals("VIEW")) {
                    throw new SqlException("DROP " + type + " is not supported; DROP TABLE, VIEW, MACRO or SEQUENCE", sql,
                            1, 1);
                }
                String name = dots(drop.getName().getUnquotedName());
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
                    + "EXPLAIN, COPY, SET, PREPARE|EXECUTE and BEGIN|COMMIT|ROLLBACK", sql, 1, 1);
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
            case TIME -> "TIME";
            case NULL -> "\"NULL\"";
            case MAP -> "MAP(" + sqlTypeName(type.keyType()) + ", " + sqlTypeName(type.valueType()) + ")";
            case STRUCT -> "STRUCT(" + String.join(", ", type.fields().stream()
                    .map(field -> TypeSyntax.fieldName(field.name()) + " " + sqlTypeName(field.type())).toList()) + ")";
            default -> type.isList() ? sqlTypeName(type.elementType()) + "[]" : type.toString().toUpperCase(Locale.ROOT);
        };
    }

    static DataFrame empty() {
        return DataFrame.empty(Schema.of(List.of()));
    }

    private static String kind(Statement statement) {
        String name = statement.getClass().getSimpleName();
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }

    /**
     * Refuses a JSON operator that the parser applied to less than DuckDB does. DuckDB applies
     * {@code ->} and {@code ->>} to all that stands before them up to a parenthesis, a comma or a
     * keyword that opens a part ({@code x = j ->> 'a'} is {@code (x = j) ->> 'a'}, {@code a OR j ->> 'b'}
     * is {@code (a OR j) ->> 'b'}); JSqlParser to the value just before them. The two agree only where
     * the JSON expression starts its part: not on the right of an operator, nor after NOT or a sign.
     */
    private void refuseMisreadJson(Statement statement) {
        if (!sql.contains("->")) {
            return;
        }
        Object[] misread = new Object[1];
        net.sf.jsqlparser.util.TablesNamesFinder<Void> finder = new net.sf.jsqlparser.util.TablesNamesFinder<>() {
            @Override
            public void visitBinaryExpression(net.sf.jsqlparser.expression.BinaryExpression binary) {
                if (misread[0] == null && startsWithJson(binary.getRightExpression())) {
                    misread[0] = binary;
                }
                super.visitBinaryExpression(binary);
            }

            @Override
            public <S> Void visit(NotExpression not, S context) {
                if (misread[0] == null && startsWithJson(not.getExpression())) {
                    misread[0] = not;
                }
                return super.visit(not, context);
            }

            @Override
            public <S> Void visit(SignedExpression signed, S context) {
                if (misread[0] == null && startsWithJson(signed.getExpression())) {
                    misread[0] = signed;
                }
                return super.visit(signed, context);
            }

            @Override
            public <S> Void visit(Between between, S context) {
                if (misread[0] == null) {
                    misread[0] = misreadJson(between);
                }
                return super.visit(between, context);
            }

            // the finder does not walk a window's PARTITION BY and ORDER BY, nor an aggregate's ORDER BY
            @Override
            public <S> Void visit(AnalyticExpression window, S context) {
                if (misread[0] == null) {
                    misread[0] = misreadJson(window);
                }
                return super.visit(window, context);
            }

            @Override
            public <S> Void visit(Function function, S context) {
                if (misread[0] == null) {
                    misread[0] = misreadJson(function);
                }
                return super.visit(function, context);
            }
        };
        try {
            finder.getTablesOrOtherSources(statement);
        } catch (RuntimeException unvisited) {
            return; // a statement the finder does not walk: its expressions are checked where they are planned
        }
        if (misread[0] != null) {
            throw error("a JSON operator (-> or ->>) here would apply to less than DuckDB applies it to (DuckDB reads "
                    + "x = j ->> 'a' as (x = j) ->> 'a'); write parentheses around the JSON expression, as x = (j ->> "
                    + "'a')", misread[0]);
        }
    }

    /** The first place in {@code e} (all of it) where the parser applies a JSON operator to less than DuckDB; null if none. */
    private static Object misreadJson(Expression e) {
        if (e == null) {
            return null;
        }
        if (e instanceof net.sf.jsqlparser.expression.BinaryExpression binary && startsWithJson(binary.getRightExpression())
                || e instanceof NotExpression not && startsWithJson(not.getExpression())
                || e instanceof SignedExpression signed && startsWithJson(signed.getExpression())
                || e instanceof Between between && (startsWithJson(between.getBetweenExpressionStart())
                        || startsWithJson(between.getBetweenExpressionEnd()))) {
            return e;
        }
        List<Expression> inside = new ArrayList<>(children(e));
        if (e instanceof Function function && function.getOrderByElements() != null) {
            function.getOrderByElements().forEach(o -> inside.add(o.getExpression()));
        }
        if (e instanceof AnalyticExpression window && window.getFuncOrderBy() != null) {
            window.getFuncOrderBy().forEach(o -> inside.add(o.getExpression()));
        }
        for (Expression child : inside) {
            Object found = misreadJson(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Whether {@code e} begins with a JSON operator's expression (reached through left operands). */
    private static boolean startsWithJson(Expression e) {
        Expression at = e;
        while (at != null) {
            switch (at) {
                case net.sf.jsqlparser.expression.JsonExpression json -> {
                    return json.getOperators().stream().anyMatch(op -> op.equals("->") || op.equals("->>"));
                }
                case net.sf.jsqlparser.expression.BinaryExpression binary -> at = binary.getLeftExpression();
                case IsNullExpression test -> at = test.getLeftExpression();
                case IsBooleanExpression test -> at = test.getLeftExpression();
                case net.sf.jsqlparser.expression.operators.relational.InExpression in -> at = in.getLeftExpression();
                case Between between -> at = between.getLeftExpression();
                default -> at = null;
            }
        }
        return false;
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
            // DuckDB's syntax that the parser does not read (MAP(K, V) types, FROM first, list comprehensions) rewritten
            rewritten = SqlText.rewrite(sql, context.macros());
            statement = CCJSqlParserUtil.parse(rewritten.text(), CALLER_RUNS, null);
        } catch (JSQLParserException e) {
            throw syntaxError(e);
        }
        if (statement == null) {
            throw new SqlException("no statement to run", sql, 0, 0);
        }
        parameters.check(statement, sql);
        refuseMisreadJson(statement);
        refuseDroppedSamples(statement);
        return statement;
    }

    /**
     * A sample the parser passed over (it reads none after a table function: {@code range(10) r(i)
     * TABLESAMPLE 5 ROWS}) refused, not run as if it were not there: each one {@link SqlText#sample}
     * wrote must be in the statement the parser read.
     */
    private void refuseDroppedSamples(Statement statement) {
        if (rewritten.samples().isEmpty()) {
            return;
        }
        String read = statement.toString();
        for (int k = 0; k < rewritten.samples().size(); k++) {
            String marker = " SAMPLE (" + (rewritten.sampleBase() + k) + ")";
            if (!read.contains(marker)) {
                int at = rewritten.text().indexOf(marker);
                int[] place = rewritten.writtenPosition(1 + (int) rewritten.text().substring(0, Math.max(0, at)).chars()
                        .filter(c -> c == '\n').count(), at - rewritten.text().lastIndexOf('\n', at - 1));
                throw new SqlException("TABLESAMPLE after this FROM item is not supported yet: sample a subquery, "
                        + "FROM (SELECT * FROM ...) t TABLESAMPLE ...", sql, place[0], place[1]);
            }
        }
    }

    /** The sample {@link SqlText#sample} wrote as {@code clause}; any other sample clause is refused. */
    SqlText.Sample sample(net.sf.jsqlparser.statement.select.SampleClause clause, Object node) {
        String text = clause.toString().trim();
        if (text.matches("SAMPLE \\(\\d{1,18}\\)") && rewritten != null) {
            long k = Long.parseLong(text.substring(text.indexOf('(') + 1, text.length() - 1)) - rewritten.sampleBase();
            if (k >= 0 && k < rewritten.samples().size()) {
                return rewritten.samples().get((int) k);
            }
        }
        throw error("this sample clause (" + text + ") is not supported; DuckDB's are: TABLESAMPLE 10%, USING SAMPLE "
                + "50 ROWS, reservoir(10%), 10% (bernoulli), REPEATABLE (seed)", node);
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
            int[] at = written(token.beginLine, token.beginColumn);
            return new SqlException("syntax error: unexpected " + found, sql, Math.max(1, at[0]),
                    Math.max(1, at[1]), e);
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
     * rewritten, so that their columns point at what was read. {@code **} (DuckDB's power, which the
     * parser cannot read) becomes {@code ^}, its other spelling, in as many characters.
     */
    static String integerDivisions(String sql) {
        if (!sql.contains("//") && !sql.contains("**")) {
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
            } else if (c == '$' && dollarQuoteEnd(sql, i) > i) {
                // a $$...$$ or $tag$...$tag$ string, kept as it is
                int end = dollarQuoteEnd(sql, i);
                out.append(sql, i, end);
                i = end - 1;
                continue;
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
            } else if (c == '*' && next == '*') {
                out.append(" ^");
                i++;
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Where the dollar-quoted string that opens at {@code at} ({@code $$...$$}, {@code $tag$...$tag$})
     * ends, just past its closing tag; {@code at} where none opens there.
     */
    private static int dollarQuoteEnd(String sql, int at) {
        int tagEnd = at + 1;
        while (tagEnd < sql.length() && (Character.isLetterOrDigit(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
            tagEnd++;
        }
        if (tagEnd >= sql.length() || sql.charAt(tagEnd) != '$' || tagEnd > at + 1 && Character.isDigit(sql.charAt(at + 1))
                || at > 0 && (Character.isLetterOrDigit(sql.charAt(at - 1)) || sql.charAt(at - 1) == '_')) {
            return at; // $1 is a parameter, x$y a name
        }
        String tag = sql.substring(at, tagEnd + 1);
        int close = sql.indexOf(tag, tagEnd + 1);
        return close < 0 ? at : close + tag.length();
    }

    // ---- queries ------------------------------------------------------------------------------

    Relation query(Select select, Env outer) {
        for (String unsupported : SelectPlanner.unsupportedQueryClauses(select)) {
            throw error(unsupported + " is not supported", select);
        }
        Env env = outer;
        if (select.getWithItemsList() != null) {
            Set<String> named = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            for (WithItem<?> item : select.getWithItemsList()) {
                if (!named.add(dots(item.getUnquotedAliasName()))) {
                    throw error("the WITH clause names \"" + dots(item.getUnquotedAliasName()) + "\" twice", item.getAlias());
                }
                if (!(item.getParenthesedStatement() instanceof ParenthesedSelect body0)) {
                    // WITH x AS (INSERT ...), (UPDATE ...), (DELETE ...): data-modifying WITH items
                    throw error("a WITH item must be a query; \"" + dots(item.getUnquotedAliasName()) + "\" is "
                            + (item.getParenthesedStatement() == null ? "empty"
                                    : "a data-modifying statement, which WITH does not support"), item.getAlias());
                }
                String name = dots(item.getUnquotedAliasName());
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
        if (select instanceof SetOperationList set) {
            liftTrailingLimit(set);
        }
        return switch (select) {
            case PlainSelect plain -> selectPlanner.plainSelect(plain, env);
            case SetOperationList set -> selectPlanner.finish(setOperation(set, env), set.getOrderByElements(), set,
                    env);
            case ParenthesedSelect parenthesed -> selectPlanner.finish(query(parenthesed.getSelect(), env),
                    parenthesed.getOrderByElements(), parenthesed, env);
            case Values values -> fromPlanner.values(values);
            default -> throw error(select.getClass().getSimpleName() + " queries are not supported", select);
        };
    }

    /**
     * Moves a {@code LIMIT} or {@code OFFSET} written after a set operation without {@code ORDER
     * BY} from its last query, where the parser puts it, to the set operation, which SQL (and
     * DuckDB) applies it to: {@code SELECT 1 UNION ALL SELECT 2 LIMIT 1} is one row. A limit of
     * the last query alone is written in parentheses, {@code SELECT 1 UNION ALL (SELECT 2 LIMIT 1)}.
     */
    private void liftTrailingLimit(SetOperationList set) {
        if (!(set.getSelects().getLast() instanceof PlainSelect last)
                || last.getLimit() == null && last.getOffset() == null && last.getFetch() == null) {
            return;
        }
        if (set.getOrderByElements() != null && !set.getOrderByElements().isEmpty()) {
            // SELECT 1 UNION ALL SELECT 2 LIMIT 1 ORDER BY 1: the parser reads it, SQL does not
            throw error("LIMIT or OFFSET before the ORDER BY of a set operation: write it after the ORDER BY, "
                    + "or put the query it limits in parentheses", last);
        }
        // the parser may split them: OFFSET 2 ROWS FETCH FIRST 10 ROWS ONLY puts the FETCH on the set operation
        if (set.getLimit() == null) {
            set.setLimit(last.getLimit());
            last.setLimit(null);
        }
        if (set.getOffset() == null) {
            set.setOffset(last.getOffset());
            last.setOffset(null);
        }
        if (set.getFetch() == null) {
            set.setFetch(last.getFetch());
            last.setFetch(null);
        }
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
        liftTrailingLimit(body);
        if (body.getLimit() != null || body.getOffset() != null || body.getFetch() != null) {
            // as DuckDB: which rows would it keep, of a result that grows round by round?
            throw error("LIMIT, OFFSET and FETCH are not allowed in a recursive query (WITH RECURSIVE " + name
                    + "); limit the query that reads it", item.getAlias());
        }
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
            cached.addAll(subqueryPlanner.computedOnce());
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
            subqueryPlanner.computedOnce().removeIf(key -> !cached.contains(key)); // a round's subqueries are that round's
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
        Set<Integer> byNameSides = new java.util.HashSet<>();
        for (int i = 0; i < list.getOperations().size(); i++) {
            if (byName(list.getOperation(i))) {
                // its left side takes its names from the first query (and from earlier BY NAME sides, checked there)
                byNameSides.add(0);
                byNameSides.add(i + 1);
            }
        }
        java.util.function.IntFunction<LazyFrame> side = k -> {
            Relation relation = query(list.getSelect(k), env);
            if (byNameSides.contains(k)) {
                refuseNamesTwice(relation, list.getSelect(k));
            }
            return relation.frame();
        };
        List<LazyFrame> operands = new ArrayList<>();
        List<SetOperation> operations = new ArrayList<>();
        List<Select> nodes = new ArrayList<>();
        List<LazyFrame> run = new ArrayList<>(List.of(side.apply(0)));
        List<SetOperation> runOperations = new ArrayList<>();
        List<Select> runNodes = new ArrayList<>(List.of(list.getSelect(0)));
        for (int i = 1; i <= list.getSelects().size(); i++) {
            SetOperation operation = i < list.getSelects().size() ? list.getOperation(i - 1) : null;
            if (operation instanceof IntersectOp) {
                runOperations.add(operation);
                runNodes.add(list.getSelect(i));
                run.add(side.apply(i));
                continue;
            }
            operands.add(combine(run, runOperations, runNodes));
            nodes.add(runNodes.getFirst());
            if (operation != null) {
                operations.add(operation);
                run = new ArrayList<>(List.of(side.apply(i)));
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
            if (byName(operation)) {
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
        DataType common = a == b ? a : setOperationType(a, b);
        if (common == null) {
            throw error(operation + " column " + (column + 1) + " (" + name + ") is " + a + " on one side and " + b
                    + " on the other; CAST one side", node);
        }
        return common;
    }

    /**
     * The type a column of two queries joined by UNION, INTERSECT or EXCEPT takes, as DuckDB's: the
     * types' supertype; a timestamp for a date and a timestamp; text for text and a number, a
     * truth value, a date, a time or an interval (each value as its cast to text writes it); null
     * where there is none.
     */
    static DataType setOperationType(DataType a, DataType b) {
        DataType common = Types.supertype(a, b);
        if (common != null) {
            return common;
        }
        if (dev.floe.frame.expr.ExprTyper.dateWithTimestamp(a, b)) {
            return DataType.DATETIME;
        }
        if (a.isText() && castsToText(b) || b.isText() && castsToText(a)) {
            return DataType.UTF8;
        }
        return null;
    }

    private static boolean castsToText(DataType type) {
        return type.isNumeric() || type.isDecimal() || type.isTemporal() || type == DataType.BOOLEAN;
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

    /** Whether a set operation matches columns BY NAME. */
    private static boolean byName(SetOperation operation) {
        return operation.getModifier() != null && operation.getModifier().toUpperCase(Locale.ROOT).contains("BY NAME");
    }

    /** Notes that {@code select}'s columns have {@code name} twice before they are made unique. */
    void namedTwice(PlainSelect select, String name) {
        namedTwice.put(select, name);
    }

    /**
     * Refuses a side of UNION BY NAME whose columns, once planned, had one name twice (in any
     * case), as DuckDB does: which of the two would a column of the other side meet? Names are
     * those the select list gives (aliases, columns named as they are, expressions' text, the
     * columns a star brings: {@code SELECT * FROM a, a AS b}) before the plan makes them unique.
     */
    private void refuseNamesTwice(Relation relation, Select node) {
        Select select = node;
        while (select instanceof ParenthesedSelect parenthesed) {
            select = parenthesed.getSelect();
        }
        String name = select instanceof PlainSelect plain ? namedTwice.get(plain) : null;
        if (name != null) {
            throw error("UNION BY NAME: a side names the column " + name + " twice", node);
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
            DataType common = setOperationType(a, b);
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

    // ---- scopes and types -------------------------------------------------------------------

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
            case TIME -> lit(java.time.LocalTime.MIDNIGHT);
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
    static List<Expression> children(Expression e) {
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
            case net.sf.jsqlparser.expression.StructType struct when struct.getArguments() != null ->
                    struct.getArguments().forEach(item -> out.add(item.getExpression()));
            case net.sf.jsqlparser.expression.MapExpression map when map.getEntries() != null ->
                    map.getEntries().forEach(entry -> {
                        out.add(entry.getKey());
                        out.add(entry.getValue());
                    });
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

    /**
     * The names before a column's own, first to last, each unquoted: {@code t}, {@code s} and
     * {@code a b} for {@code t.s."a b".c} (a quoted name may hold a dot: {@code s."x.y".z} has two).
     */
    static List<String> qualifierParts(Column column) {
        if (column.getTable() == null) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        for (String part : column.getTable().getNameParts()) {
            if (part != null) {
                parts.add(unquote(part));
            }
        }
        java.util.Collections.reverse(parts); // the parser keeps them last first
        return parts;
    }

    /**
     * The text a string literal stands for: {@code ''} is a quote; in an escape string ({@code E'...'})
     * a backslash escapes as PostgreSQL and DuckDB read it ({@code \\n}, {@code \\t}, {@code \\r},
     * {@code \\b}, {@code \\f}, {@code \\xHH}, octal {@code \\ooo}, any other character as itself);
     * escapes of characters past ASCII (which DuckDB refuses), and other prefixes, are refused by name.
     */
    String text(StringValue value) {
        String raw = value.getValue();
        String prefix = value.getPrefix();
        if (prefix == null || prefix.equalsIgnoreCase("N")) {
            return raw.replace("''", "'");
        }
        if (!prefix.equalsIgnoreCase("E")) {
            throw error("string literals with the prefix " + prefix + " (" + value + ") are not supported", value);
        }
        int trailing = 0;
        while (trailing < raw.length() && raw.charAt(raw.length() - 1 - trailing) == '\\') {
            trailing++;
        }
        if (trailing % 2 == 1) {
            // the parser ended the string at \' (DuckDB reads on, to the next quote)
            throw error("an escape string ending in \\' (" + value + ") is not supported: JSqlParser 5.4 ends the string "
                    + "there; write '' for a quote", value);
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\'' && i + 1 < raw.length() && raw.charAt(i + 1) == '\'') {
                out.append('\'');
                i++;
                continue;
            }
            if (c != '\\' || i + 1 >= raw.length()) {
                out.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u', 'U' -> throw error("the escape \\" + e + " in " + value + " is not supported (nor in DuckDB)", value);
                case 'x' -> {
                    int end = i + 1;
                    while (end < raw.length() && end < i + 3 && Character.digit(raw.charAt(end), 16) >= 0) {
                        end++;
                    }
                    if (end == i + 1) {
                        out.append('x');
                    } else {
                        out.append(escaped(Integer.parseInt(raw.substring(i + 1, end), 16), value));
                        i = end - 1;
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int end = i;
                        while (end < raw.length() && end < i + 3 && raw.charAt(end) >= '0' && raw.charAt(end) <= '7') {
                            end++;
                        }
                        out.append(escaped(Integer.parseInt(raw.substring(i, end), 8), value));
                        i = end - 1;
                    } else {
                        out.append(e);
                    }
                }
            }
        }
        return out.toString();
    }

    private char escaped(int code, StringValue value) {
        if (code == 0 || code > 127) {
            throw error("the escape of character " + code + " in " + value + " is not supported (a NUL, or a byte past "
                    + "ASCII, is no UTF-8 text)", value);
        }
        return (char) code;
    }

    /** {@code name} in double quotes, as the parser reads a name of any spelling back. */
    /**
     * {@code name} as a quoted name the parser's objects keep whole: a {@code Column} or {@code
     * Table} made from text splits it at its dots, so they stand as {@link SqlText#DOT}.
     */
    static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"").replace('.', SqlText.DOT) + "\"";
    }

    /** A parser {@code Table} of the qualifier {@code name}, kept whole; null for null. */
    static net.sf.jsqlparser.schema.Table table(String name) {
        return name == null ? null : new net.sf.jsqlparser.schema.Table(quoted(name));
    }

    static String unquote(String name) {
        if (name == null) {
            return null;
        }
        if (name.length() >= 2 && (name.startsWith("\"") && name.endsWith("\"")
                || name.startsWith("`") && name.endsWith("`"))) {
            return dots(name.substring(1, name.length() - 1).replace("\"\"", "\""));
        }
        if (name.contains("\".\"")) {
            return dots(name.replace("\"", "")); // "x.csv" arrives split as "x"."csv"
        }
        return dots(name);
    }

    /** {@code text} with the dots of quoted names back ({@link SqlText#DOT}, which the parser does not split at). */
    static String dots(String text) {
        return text == null ? null : text.replace(SqlText.DOT, '.');
    }

    /**
     * The parser's text of an expression as the query wrote it: {@link #dots}, and GLOB where {@link
     * SqlText#glob} wrote the parser's MATCH_ANY (which a query may not write itself).
     */
    static String written(String text) {
        String back = dots(text);
        return back != null && back.contains(" MATCH_ANY ") ? back.replace(" MATCH_ANY ", " GLOB ") : back;
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

    /**
     * The line and column the parser recorded for {@code node}'s first token, as written (the parser
     * read the text {@link SqlText} rewrote), or null (it records them for few nodes).
     */
    private int[] treePosition(Object node) {
        if (node instanceof ASTNodeAccessImpl access) {
            Node tree = access.getASTNode();
            if (tree != null && tree.jjtGetFirstToken() != null && tree.jjtGetFirstToken().beginLine > 0) {
                return written(tree.jjtGetFirstToken().beginLine, tree.jjtGetFirstToken().beginColumn);
            }
        }
        return null;
    }

    /** A line and column of the text the parser read, in the statement as written. */
    private int[] written(int line, int column) {
        return rewritten == null ? new int[] {line, column} : rewritten.writtenPosition(line, column);
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
