package dev.floe.sql;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.Floe;
import dev.floe.frame.Schema;
import dev.floe.frame.SchemaException;
import dev.floe.frame.Types;
import dev.floe.frame.expr.BinaryOperator;
import dev.floe.frame.expr.Call;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.ExprTrees;
import dev.floe.frame.expr.ExprTyper;
import dev.floe.frame.expr.PerValue;
import dev.floe.frame.expr.Exprs;
import dev.floe.frame.expr.Lit;
import dev.floe.frame.expr.ScalarFunction;
import dev.floe.frame.expr.When;
import dev.floe.frame.plan.SortKey;
import dev.floe.sql.Relation.Field;
import dev.floe.sql.SelectPlanner.Grouping;
import dev.floe.sql.SubqueryPlanner.NeedOuter;
import dev.floe.sql.SubqueryPlanner.Planned;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.Values;

/**
 * SQL expressions as Floe expressions, as {@link Translator} translates them: names resolved in
 * their scope, literals typed as DuckDB types them, operators (arithmetic with overflow checked,
 * comparisons, LIKE, IN, BETWEEN, CASE, casts, intervals and date arithmetic), lambdas over lists,
 * and function calls looked up in the registries ({@link ScalarFunctions}, {@link AggregateFunctions},
 * {@link WindowFunctions}); subqueries go to {@link SubqueryPlanner}.
 */
final class ExpressionPlanner {
    private final Translator translator;
    /** The window functions' translation. */
    private final WindowFunctions windows;
    /** How deeply the expressions being translated nest, against {@link Translator#MAX_DEPTH}. */
    private int depth;

    ExpressionPlanner(Translator translator) {
        this.translator = translator;
        this.windows = new WindowFunctions(translator);
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

    Schema withLambdaParameters(Schema schema) {
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
                found[0] |= Translator.qualifier(column) == null && lambdaParameter(Translator.unquote(column.getColumnName())) != null;
                return null;
            }
        }, null);
        return found[0];
    }

    /** The column names a lambda's parameter may not take: those of the scope and of the lambdas around it. */
    private java.util.Set<String> takenNames(Scope scope) {
        java.util.Set<String> taken = new java.util.HashSet<>(Translator.readable(scope).names());
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
            throw translator.error(function + " takes the name of an aggregate function, and " + aggregate + " is none", node);
        }
        if (definition.has(AggregateFunctions.Trait.PAIRS)) {
            throw translator.error(function + " takes aggregates of one value, and " + name + " takes pairs", node);
        }
        DataType listType = list == null ? null : translator.typeOfOrFail(list, scope, node);
        if (listType == null || !listType.isList()) {
            throw translator.error(function + " takes a list first" + (listType == null ? "" : ", not " + listType), node);
        }
        if (args.size() + 1 < definition.minArgs() || args.size() + 1 > definition.maxArgs()) {
            throw translator.error(function + ": " + arityMessage(name, definition.minArgs(), definition.maxArgs(), args.size() + 1)
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
            value = definition.translation().translate(new AggregateFunctions.Args(translator, node, false, name, written,
                    e -> e, elements, null, java.util.Set.of()));
        } finally {
            lambdaParameters.remove(lambdaParameters.size() - 1);
        }
        try {
            return dev.floe.frame.expr.ListLambda.of(dev.floe.frame.expr.ListLambda.Kind.AGGREGATE, list,
                    List.of(column), value, null);
        } catch (IllegalArgumentException e) {
            throw translator.error(e.getMessage(), node);
        }
    }

    /**
     * {@code list_transform(l, x -> ...)}, {@code list_filter} and {@code list_reduce(l, (acc, x)
     * -> ... [, initial])}: the body translated with the parameters in scope, each a column of its
     * own (named as written unless a column the body could read has that name).
     */
    Expr lambda(dev.floe.frame.expr.ListLambda.Kind kind, String name, Expr list, Expression written, Expr initial,
            Function node, Scope scope) {
        if (!(Translator.unparenthesized(written) instanceof net.sf.jsqlparser.expression.LambdaExpression lambda)) {
            throw translator.error(name + " takes a function second, as " + name + "(l, "
                    + (kind == dev.floe.frame.expr.ListLambda.Kind.REDUCE ? "(acc, x) -> acc + x" : "x -> x + 1")
                    + "), not " + written, written);
        }
        DataType listType = list == null ? null : translator.typeOfOrFail(list, scope, node);
        if (listType == null || !listType.isList()) {
            throw translator.error(name + " takes a list first" + (listType == null ? "" : ", not " + listType), node);
        }
        if (holdsSubquery(lambda.getExpression())) {
            // as DuckDB: a subquery's own columns could take a parameter's name
            throw translator.error("subqueries in a lambda's body are not supported", written);
        }
        DataType element = listType.elementType();
        List<String> names = lambda.getIdentifiers();
        int wanted = kind.parameters();
        if (names.size() != wanted && names.size() != wanted + 1) {
            throw translator.error(name + " takes a function of " + (kind == dev.floe.frame.expr.ListLambda.Kind.REDUCE
                    ? "2 or 3 parameters ((acc, x) or (acc, x, i))" : "1 or 2 parameters (x or (x, i))")
                    + ", not " + names.size(), written);
        }
        List<DataType> types = new ArrayList<>();
        if (kind == dev.floe.frame.expr.ListLambda.Kind.REDUCE) {
            DataType folded = element;
            if (initial != null) {
                DataType start = translator.typeOf(initial, scope);
                folded = start == null ? null : dev.floe.frame.Types.supertype(element,
                        ExprTyper.literalType(initial, element, start));
                if (folded == null) {
                    throw translator.error(name + "'s initial value (" + start + ") and its list's elements (" + element
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
            String declared = Translator.unquote(names.get(i));
            String column = declared;
            for (int n = 1; taken.contains(column); n++) {
                column = declared + "_" + n;
            }
            taken.add(column);
            if (parameters.put(declared.toLowerCase(Locale.ROOT), new Schema.Field(column, types.get(i))) != null) {
                throw translator.error(name + "'s parameters must have different names, not " + names, written);
            }
            columns.add(column);
        }
        lambdaParameters.add(parameters);
        Expr body;
        try {
            body = expr(lambda.getExpression(), scope);
            if (kind == dev.floe.frame.expr.ListLambda.Kind.FILTER) {
                DataType truth = translator.typeOf(body, scope);
                if (truth != null && truth != DataType.BOOLEAN && truth != DataType.NULL) {
                    body = body.cast(DataType.BOOLEAN); // as DuckDB: the condition is cast to BOOLEAN
                }
            } else if (kind == dev.floe.frame.expr.ListLambda.Kind.REDUCE) {
                // each step's value is cast to the value so far's type, as SQL casts (a float rounds)
                DataType step = translator.typeOf(body, scope);
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
            throw translator.error(e.getMessage(), node);
        }
    }

    /**
     * {@code e} translated in {@code scope}. Nesting deeper than {@link Translator#MAX_DEPTH} is refused
     * by name; a long chain of one operator becomes a balanced tree, so that neither this
     * translation nor the engine recurses once per link.
     */
    Expr expr(Expression e, Scope scope) {
        if (depth >= Translator.MAX_DEPTH) {
            throw translator.error("the expression is nested more than " + Translator.MAX_DEPTH + " levels deep (NOT, CASE, functions, "
                    + "parentheses or subqueries inside each other); Floe reads " + Translator.MAX_DEPTH + " levels", e);
        }
        depth++;
        try {
            Expr value = translated(e, scope);
            if (depth == 1 && ExprDepth.of(value) > ExprDepth.MAX) {
                throw translator.error("the expression is nested more than " + ExprDepth.MAX + " operations deep once translated; "
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
                throw translator.error((cut > 0 ? message.substring(0, cut) : message) + " (" + e + ")", e);
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
            if (Translator.unparenthesized(term) instanceof net.sf.jsqlparser.expression.IntervalExpression) {
                return null;
            }
            Expr value = expr(term, scope);
            DataType type = translator.typeOf(value, scope);
            if (type == null || !type.isNumeric()) {
                return null;
            }
            (i > 0 && links.get(i) instanceof Subtraction ? subtracted : added).add(value);
        }
        Expr sum = joined(added, Expr::add);
        return subtracted.isEmpty() ? sum : sum.sub(joined(subtracted, Expr::add));
    }

    /**
     * {@code (a op b) + c} regrouped as {@code a op (b + c)}, where {@code op} is {@code &}, {@code |},
     * {@code <<}, {@code >>} or {@code ||}: the parser binds these as tightly as {@code +} and
     * {@code -}, and SQL (DuckDB, PostgreSQL) binds {@code +} and {@code -} tighter ({@code 1 << 2 + 1}
     * is 8, {@code 'x' || 1 + 2} is {@code x3}). A chain of {@code +} and {@code -} whose first term is
     * such an operation moves under it whole; null where {@code e}'s first term is no such operation.
     */
    private static Expression regroupedAdditive(BinaryExpression e) {
        List<BinaryExpression> spine = new ArrayList<>();
        Expression at = e;
        while (at instanceof Addition || at instanceof Subtraction) {
            spine.add((BinaryExpression) at);
            at = ((BinaryExpression) at).getLeftExpression();
        }
        if (!(at instanceof BinaryExpression other) || !looser(other)) {
            return null;
        }
        Expression inner = other.getRightExpression();
        for (int i = spine.size() - 1; i >= 0; i--) {
            BinaryExpression copy = spine.get(i) instanceof Addition ? new Addition() : new Subtraction();
            copy.setLeftExpression(inner);
            copy.setRightExpression(spine.get(i).getRightExpression());
            inner = copy;
        }
        BinaryExpression top = switch (other) {
            case net.sf.jsqlparser.expression.operators.arithmetic.BitwiseAnd x ->
                    new net.sf.jsqlparser.expression.operators.arithmetic.BitwiseAnd();
            case net.sf.jsqlparser.expression.operators.arithmetic.BitwiseOr x ->
                    new net.sf.jsqlparser.expression.operators.arithmetic.BitwiseOr();
            case net.sf.jsqlparser.expression.operators.arithmetic.BitwiseLeftShift x ->
                    new net.sf.jsqlparser.expression.operators.arithmetic.BitwiseLeftShift();
            case net.sf.jsqlparser.expression.operators.arithmetic.BitwiseRightShift x ->
                    new net.sf.jsqlparser.expression.operators.arithmetic.BitwiseRightShift();
            default -> new Concat();
        };
        top.setLeftExpression(other.getLeftExpression());
        top.setRightExpression(inner);
        return top;
    }

    /** Whether {@code e} is an operator SQL binds more loosely than {@code +}, which the parser binds as tightly. */
    private static boolean looser(BinaryExpression e) {
        return e instanceof net.sf.jsqlparser.expression.operators.arithmetic.BitwiseAnd
                || e instanceof net.sf.jsqlparser.expression.operators.arithmetic.BitwiseOr
                || e instanceof net.sf.jsqlparser.expression.operators.arithmetic.BitwiseLeftShift
                || e instanceof net.sf.jsqlparser.expression.operators.arithmetic.BitwiseRightShift
                || e instanceof Concat;
    }

    /** Whether {@code e} is NULL written in the query, maybe cast. */
    private static boolean nullConstant(Expression e) {
        Expression inner = Translator.unparenthesized(e);
        return inner instanceof NullValue || inner instanceof CastExpression cast && nullConstant(cast.getLeftExpression());
    }

    /** Whether {@code e} is an arithmetic, bitwise or {@code ||} operation, which a prefix {@code ~} would take whole. */
    private static boolean arithmetic(BinaryExpression e) {
        return e instanceof Addition || e instanceof Subtraction || e instanceof Multiplication || e instanceof Division
                || e instanceof IntegerDivision || e instanceof Modulo || looser(e)
                || e instanceof net.sf.jsqlparser.expression.operators.arithmetic.BitwiseXor;
    }

    /** Whether the last value of {@code e}, read from the left, is an unparenthesized {@code ~x}. */
    private static boolean tildeOnTheLeft(Expression e) {
        Expression at = e;
        while (at instanceof BinaryExpression b && arithmetic(b)) {
            at = b.getRightExpression();
        }
        return at instanceof SignedExpression signed && signed.getSign() == '~';
    }

    /**
     * The {@code *}, {@code /}, {@code //} or {@code %} at the bottom of a chain of {@code ^} on the
     * left of {@code power} ({@code ((a * b) ^ c) ^ d}), unparenthesized; null where there is none.
     */
    private static BinaryExpression powerBase(net.sf.jsqlparser.expression.operators.arithmetic.BitwiseXor power) {
        Expression at = power.getLeftExpression();
        while (at instanceof net.sf.jsqlparser.expression.operators.arithmetic.BitwiseXor inner) {
            at = inner.getLeftExpression();
        }
        return at instanceof Multiplication || at instanceof Division || at instanceof IntegerDivision
                || at instanceof Modulo ? (BinaryExpression) at : null;
    }

    /**
     * Whether JSqlParser put a JSON operator's expression on the right of an operator that binds as
     * tightly or more ({@code 'x' || j ->> 'a'}, {@code 1 + j -> 'a'}): SQL applies the JSON operator to
     * the whole left side, so the tree does not say what the query says.
     */
    private static boolean jsonOnTheRight(BinaryExpression b) {
        return b.getRightExpression() instanceof net.sf.jsqlparser.expression.JsonExpression
                && (b instanceof Concat || b instanceof Addition || b instanceof Subtraction || b instanceof Multiplication
                        || b instanceof Division || b instanceof IntegerDivision || b instanceof Modulo
                        || b instanceof net.sf.jsqlparser.expression.operators.arithmetic.BitwiseAnd
                        || b instanceof net.sf.jsqlparser.expression.operators.arithmetic.BitwiseOr
                        || b instanceof net.sf.jsqlparser.expression.operators.arithmetic.BitwiseXor
                        || b instanceof net.sf.jsqlparser.expression.operators.arithmetic.BitwiseLeftShift
                        || b instanceof net.sf.jsqlparser.expression.operators.arithmetic.BitwiseRightShift);
    }

    /**
     * {@code j -> path} (the JSON value at the path, as JSON text) and {@code j ->> path} (a JSON
     * string as its text), as DuckDB's. JSqlParser nests a chain to the right ({@code j -> ('a' -> 'b')})
     * and takes a following {@code ||} into the path ({@code j ->> ('a' || 'x')}); SQL reads both
     * from the left, as {@code (j -> 'a') -> 'b'} and {@code (j ->> 'a') || 'x'}, and so are they
     * rebuilt here before they are translated.
     */
    private Expr json(net.sf.jsqlparser.expression.JsonExpression json, Scope scope) {
        Expression associated = jsonChain(json.getExpression(), json.getIdentList());
        if (associated instanceof net.sf.jsqlparser.expression.JsonExpression one) {
            return jsonStep(one, json, scope);
        }
        return withJsonNode(associated, json, scope);
    }

    /** The expression, held as a tree of {@code ||} around JSON steps, translated; errors point at {@code node}. */
    private Expr withJsonNode(Expression e, Object node, Scope scope) {
        if (e instanceof net.sf.jsqlparser.expression.JsonExpression one && one.getIdentList().size() == 1) {
            return jsonStep(one, node, scope);
        }
        if (e instanceof Concat c) { // one jsonStep built: a parsed || never stands left of a JSON operator
            if (c.getRightExpression() instanceof net.sf.jsqlparser.expression.JsonExpression) {
                throw translator.error("this mix of || and JSON operators is not supported as written; write parentheses",
                        node);
            }
            Expr left = withJsonNode(c.getLeftExpression(), node, scope);
            Expr right = expr(c.getRightExpression(), scope);
            return text(left, scope).str().concat(text(right, scope));
        }
        return expr(e, scope);
    }

    private static Expression jsonChain(Expression left, List<java.util.Map.Entry<Expression, String>> steps) {
        Expression current = left;
        for (java.util.Map.Entry<Expression, String> step : steps) {
            current = jsonStep(current, step.getValue(), step.getKey());
        }
        return current;
    }

    private static Expression jsonStep(Expression left, String operator, Expression right) {
        if (right instanceof net.sf.jsqlparser.expression.JsonExpression inner) {
            return jsonChain(jsonStep(left, operator, inner.getExpression()), inner.getIdentList());
        }
        if (right instanceof Concat concat && operator.equals("->>")) {
            // j ->> ('a' || x) is (j ->> 'a') || x (DuckDB's -> takes the || into its path, as the parser
            // does: j -> ('a' || x)); a JSON operator after the || is refused (Translator.refuseMisreadJson)
            return new Concat(jsonStep(left, operator, concat.getLeftExpression()), concat.getRightExpression());
        }
        net.sf.jsqlparser.expression.JsonExpression one = new net.sf.jsqlparser.expression.JsonExpression(left);
        one.addIdent(right, operator);
        return one;
    }

    /** One {@code left -> path} or {@code left ->> path}. */
    private Expr jsonStep(net.sf.jsqlparser.expression.JsonExpression step, Object node, Scope scope) {
        String operator = step.getOperators().get(0);
        if (!operator.equals("->") && !operator.equals("->>")) {
            throw translator.error("the operator " + operator + " is not supported; -> and ->> read JSON", node);
        }
        String path = jsonPath(step.getIdents().get(0), node);
        Expr document = withJsonNode(step.getExpression(), node, scope);
        DataType type = translator.typeOf(document, scope);
        if (type != null && !type.isText() && type != DataType.NULL) {
            throw translator.error(operator + " reads JSON text; " + step.getExpression() + " is " + type, node);
        }
        if (path == null) {
            return lit(null, DataType.UTF8);
        }
        return operator.equals("->") ? document.json().extract(path) : document.json().extractString(path);
    }

    /**
     * A JSON path written in the query: text ({@code '$.a[0]'}, {@code '/a/0'} or a key) or a whole
     * number (an array's element from 0, negative from the end); null for NULL.
     */
    String jsonPath(Expression written, Object node) {
        Expression path = Translator.unparenthesized(written);
        String text;
        if (path instanceof NullValue) {
            return null;
        } else if (path instanceof StringValue value) {
            text = translator.text(value);
        } else if (path instanceof LongValue || path instanceof SignedExpression signed && signed.getSign() == '-'
                && signed.getExpression() instanceof LongValue) {
            java.math.BigInteger index = path instanceof LongValue value ? value.getBigIntegerValue()
                    : ((LongValue) ((SignedExpression) path).getExpression()).getBigIntegerValue().negate();
            if (index.bitLength() > 62) {
                throw translator.error("the array index " + index + " is out of range", node);
            }
            text = dev.floe.frame.expr.JsonPath.indexPath(index.longValue());
        } else if (path instanceof net.sf.jsqlparser.expression.ArrayConstructor) {
            throw translator.error("a list of JSON paths is not supported; read each path on its own", node);
        } else {
            throw translator.error("a JSON path must be text or a whole number written in the query, not " + written
                    + (node instanceof net.sf.jsqlparser.expression.JsonExpression json && json.getOperators().contains("->")
                            ? " (a lambda, x -> ..., goes where a function takes one)" : ""), node);
        }
        try {
            dev.floe.frame.expr.JsonPath.parse(text);
        } catch (IllegalArgumentException e) {
            throw translator.error(e.getMessage(), node);
        }
        return text;
    }

    /**
     * {@code a || b}: text joined, or, where either side is a list, the lists joined (as
     * list_concat) but null where either is null, as DuckDB's {@code ||} on lists; a list with
     * anything but a list or NULL is refused by name.
     */
    private Expr concat(Concat concat, Scope scope) {
        Expr left = expr(concat.getLeftExpression(), scope);
        Expr right = expr(concat.getRightExpression(), scope);
        DataType leftType = translator.typeOf(left, scope);
        DataType rightType = translator.typeOf(right, scope);
        if (!(leftType != null && leftType.isList() || rightType != null && rightType.isList())) {
            return text(left, scope).str().concat(text(right, scope));
        }
        for (Expression side : List.of(concat.getLeftExpression(), concat.getRightExpression())) {
            DataType type = side == concat.getLeftExpression() ? leftType : rightType;
            if (type != null && !type.isList() && type != DataType.NULL) {
                throw translator.error("|| joins two lists or two texts; " + side + " is " + type + ", not a list (list_concat "
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
                DataType type = translator.typeOf(value, scope);
                if (type != null && type.isList()) {
                    return null; // lists are joined pair by pair
                }
                value = text(value, scope);
            } else {
                DataType type = translator.typeOf(value, scope);
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
            int key = scope.grouping().keyTexts.indexOf(Translator.normalized(e));
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
            case LongValue value -> {
                if (value.getBigIntegerValue().bitLength() == 128) {
                    // DuckDB's UHUGEINT (2^127 to 2^128 - 1), which Floe has not; a DOUBLE would lose its digits
                    throw translator.error("the whole number " + value + " is past HUGEINT (2^127 - 1); Floe has no "
                            + "UHUGEINT: write it as a DOUBLE (" + value + ".0) or a DECIMAL", value);
                }
                yield integerLiteral(value.getBigIntegerValue());
            }
            case DoubleValue value -> writtenNumber(value);
            case StringValue value -> lit(translator.text(value));
            case NullValue ignored -> lit(null);
            case net.sf.jsqlparser.expression.JdbcNamedParameter parameter -> throw translator.error("named parameters (:"
                    + parameter.getName() + ") are not supported; write ? (in order) or $1, $2 (by number)", parameter);
            case net.sf.jsqlparser.expression.JdbcParameter parameter -> {
                try {
                    yield translator.parameters().value(parameter);
                } catch (IllegalArgumentException unusable) {
                    throw translator.error(unusable.getMessage(), parameter);
                }
            }
            case BooleanValue value -> lit(value.getValue());
            case DateTimeLiteralExpression literal -> dateTime(literal.getType().name(), literal.getValue(), literal);
            case TimeKeyExpression key -> switch (key.getStringValue().toUpperCase(Locale.ROOT).replace("()", "")) {
                case "CURRENT_DATE" -> lit(translator.now().toLocalDate());
                case "CURRENT_TIMESTAMP", "NOW" -> lit(translator.now());
                default -> throw translator.error(key + " is not supported", key);
            };
            case SignedExpression signed -> {
                if (signed.getExpression() instanceof net.sf.jsqlparser.expression.JsonExpression) {
                    throw translator.error("JSqlParser reads " + signed + " as " + signed.getSign() + "("
                            + signed.getExpression() + "), where SQL applies -> and ->> to the signed value; write "
                            + "parentheses around the side you mean", signed);
                }
                if (signed.getSign() == '-' && signed.getExpression() instanceof LongValue value) {
                    yield integerLiteral(value.getBigIntegerValue().negate()); // -2^63 is a BIGINT, as in DuckDB
                }
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
                    throw translator.error("a row of values (" + list.size() + " expressions in parentheses) is only allowed "
                            + "after IN or in VALUES", list);
                }
                yield expr(list.get(0), scope);
            }
            case BinaryExpression b when jsonOnTheRight(b) -> throw translator.error("JSqlParser reads " + b + " as "
                    + b.getLeftExpression() + " " + b.getStringExpression() + " (" + b.getRightExpression() + "), where SQL "
                    + "applies -> and ->> to all that stands before them; write parentheses around the side you mean", b);
            case net.sf.jsqlparser.expression.JsonExpression json -> json(json, scope);
            // JSqlParser reads json_exists(j, path) as SQL's JSON_EXISTS; without its clauses it is DuckDB's
            case net.sf.jsqlparser.expression.JsonFunction exists when exists.getType()
                    == net.sf.jsqlparser.expression.JsonFunctionType.EXISTS && exists.getInputExpression() != null
                    && exists.getJsonPathExpression() != null && exists.getPassingExpressions().isEmpty()
                    && exists.getOnErrorBehavior() == null && exists.getOnEmptyBehavior() == null -> {
                Expr document = expr(exists.getInputExpression().getExpression(), scope);
                DataType type = translator.typeOf(document, scope);
                if (type != null && !type.isText() && type != DataType.NULL) {
                    throw translator.error("json_exists reads JSON text, not " + type, exists);
                }
                String path = jsonPath(exists.getJsonPathExpression(), exists);
                yield path == null ? lit(null, DataType.BOOLEAN) : document.json().exists(path);
            }
            case BinaryExpression b when arithmetic(b) && tildeOnTheLeft(b.getLeftExpression()) ->
                    throw translator.error("~ applies to all of the arithmetic after it in DuckDB (~1 + 1 is ~(1 + 1)), "
                            + "where the parser applies it to the next value only; write parentheses: ~(a + b) or (~a) + b", b);
            case Addition a when regroupedAdditive(a) instanceof Expression regrouped -> expr(regrouped, scope);
            case Subtraction a when regroupedAdditive(a) instanceof Expression regrouped -> expr(regrouped, scope);
            case Addition a when longSum(a, scope) instanceof Expr sum -> sum;
            case Subtraction a when longSum(a, scope) instanceof Expr sum -> sum;
            case Multiplication a when longChain(a, scope) instanceof Expr product -> product;
            case Concat a when longChain(a, scope) instanceof Expr text -> text;
            case Addition a -> plusMinus(a, true, scope);
            case Subtraction a -> plusMinus(a, false, scope);
            case net.sf.jsqlparser.expression.IntervalExpression interval -> {
                Interval value = interval(interval);
                if (value.months() != 0) {
                    throw translator.error("an INTERVAL of months or years is only supported added to or subtracted from a date "
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
            case net.sf.jsqlparser.expression.operators.arithmetic.BitwiseXor a when powerBase(a) != null -> {
                // the parser binds ^ as tightly as *, so 2 * 3 ^ 2 ^ 2 arrives as ((2 * 3) ^ 2) ^ 2; DuckDB's ^
                // binds tighter: 2 * ((3 ^ 2) ^ 2)
                BinaryExpression left = powerBase(a);
                List<Expression> exponents = new ArrayList<>();
                for (Expression at = a; at instanceof net.sf.jsqlparser.expression.operators.arithmetic.BitwiseXor power;
                        at = power.getLeftExpression()) {
                    exponents.add(0, power.getRightExpression());
                }
                Expression powers = left.getRightExpression();
                for (Expression exponent : exponents) {
                    powers = new net.sf.jsqlparser.expression.operators.arithmetic.BitwiseXor(powers, exponent);
                }
                BinaryExpression regrouped = switch (left) {
                    case Multiplication m -> new Multiplication();
                    case Division d -> new Division();
                    case IntegerDivision d -> new IntegerDivision();
                    default -> new Modulo();
                };
                regrouped.setLeftExpression(left.getLeftExpression());
                regrouped.setRightExpression(powers);
                yield expr(regrouped, scope);
            }
            case net.sf.jsqlparser.expression.operators.arithmetic.BitwiseXor a ->
                    expr(a.getLeftExpression(), scope).cast(DataType.FLOAT64).pow(expr(a.getRightExpression(), scope));
            case net.sf.jsqlparser.expression.operators.arithmetic.BitwiseLeftShift a ->
                    expr(a.getLeftExpression(), scope).shiftLeft(expr(a.getRightExpression(), scope));
            case net.sf.jsqlparser.expression.operators.arithmetic.BitwiseRightShift a ->
                    expr(a.getLeftExpression(), scope).shiftRight(expr(a.getRightExpression(), scope));
            case Concat a -> concat(a, scope);
            case AndExpression a -> joined(Translator.conjuncts(a).stream().map(part -> expr(part, scope)).toList(), Expr::and);
            case OrExpression a -> joined(Translator.disjuncts(a).stream().map(part -> expr(part, scope)).toList(), Expr::or);
            case NotExpression n -> expr(n.getExpression(), scope).not();
            case EqualsTo c -> compare(c, scope);
            case NotEqualsTo c -> compare(c, scope);
            case GreaterThan c -> compare(c, scope);
            case GreaterThanEquals c -> compare(c, scope);
            case MinorThan c -> compare(c, scope);
            case MinorThanEquals c -> compare(c, scope);
            case LikeExpression like -> like(like, scope);
            case net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperator match -> regexMatch(match, scope);
            case IsNullExpression test -> test.isNot() ? expr(test.getLeftExpression(), scope).isNotNull()
                    : expr(test.getLeftExpression(), scope).isNull();
            case IsBooleanExpression test -> {
                Expr value = expr(test.getLeftExpression(), scope);
                Expr is = (test.isTrue() ? value : value.not()).fillNull(false);
                yield test.isNot() ? is.not() : is;
            }
            case Between between -> {
                if (between.isUsingSymmetric()) {
                    // DuckDB does not implement it either; passed over, it would answer as BETWEEN does
                    throw translator.error("BETWEEN SYMMETRIC is not supported; write x BETWEEN least(a, b) AND "
                            + "greatest(a, b)", between);
                }
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
                String end = side == TrimFunction.TrimSpecification.LEADING ? "start"
                        : side == TrimFunction.TrimSpecification.TRAILING ? "end" : "both";
                Expr value = expr(text, scope);
                if (characters != null && !(characters instanceof StringValue) && !isNull(characters)) {
                    Expr set = expr(characters, scope);
                    DataType setType = translator.typeOf(set, scope);
                    if (setType == null || !setType.isText()) {
                        throw translator.error("TRIM's characters must be text, not " + characters, characters);
                    }
                    yield textSettingEach(value, set, DataType.UTF8, trim.toString(),
                            written -> stripped(col(PerValue.input(0)), end, literalOf(written)));
                }
                yield stripped(value, end, characters);
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
            case net.sf.jsqlparser.expression.MapExpression map -> mapValue(map, scope);
            case net.sf.jsqlparser.expression.StructType struct -> structValue(struct, scope);
            case net.sf.jsqlparser.expression.RowGetExpression get ->
                    structField(expr(get.getExpression(), scope), Translator.unquote(get.getColumnName()), get, scope);
            case net.sf.jsqlparser.expression.ArrayExpression subscript -> {
                Expr list = expr(subscript.getObjExpression(), scope);
                Expression index = subscript.getIndexExpression();
                Slice slice = index == null
                        ? new Slice(subscript.getStartIndexExpression(), subscript.getStopIndexExpression())
                        : slice(index, subscript);
                yield slice != null ? listSlice(list, slice, subscript, scope) : listElement(list, index, subscript, scope);
            }
            case Function function -> function(function, scope);
            case ParenthesedSelect subquery -> translator.subqueries().scalarSubquery(subquery, scope);
            case ExistsExpression exists -> translator.subqueries().exists(exists, scope);
            case AllColumns all -> throw translator.error("* is only allowed in the select list and in count(*)", all);
            default -> throw translator.error(describe(e) + " is not supported", e);
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

    /** What a select list's alias map holds for a name two of its items take (reading it is refused). */
    static final Expr AMBIGUOUS_ALIAS = lit("a name two items of the select list take");

    /** A whole number written in the query, held to the range of a long (for checks of positions and counts). */
    static long clamped(LongValue value) {
        java.math.BigInteger number = value.getBigIntegerValue();
        return number.bitLength() <= 63 ? number.longValue() : number.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }

    private static String describe(Expression e) {
        String name = e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return name + " (" + e + ")";
    }

    /**
     * Whether {@code args} read columns, every one of them an enclosing query's (outside subqueries
     * and lambdas, whose names are their own).
     */
    private boolean readsOnlyOuterColumns(List<Expression> args, Scope scope) {
        if (scope.env().outer == null || args.isEmpty()) {
            return false;
        }
        List<Column> columns = new ArrayList<>();
        boolean[] other = {false};
        for (Expression arg : args) {
            arg.accept(new net.sf.jsqlparser.expression.ExpressionVisitorAdapter<Void>() {
                @Override
                public <S> Void visit(Column column, S context) {
                    columns.add(column);
                    return null;
                }

                @Override
                public <S> Void visit(net.sf.jsqlparser.statement.select.ParenthesedSelect select, S context) {
                    other[0] = true; // a subquery: left to the translation
                    return null;
                }

                @Override
                public <S> Void visit(net.sf.jsqlparser.expression.LambdaExpression lambda, S context) {
                    other[0] = true;
                    return null;
                }
            }, null);
        }
        if (other[0] || columns.isEmpty()) {
            return false;
        }
        for (Column column : columns) {
            String name = Translator.unquote(column.getColumnName());
            if (!scope.relation().matches(Translator.qualifier(column), name).isEmpty()
                    || !SubqueryPlanner.reachable(column, scope.env().outer)) {
                return false;
            }
        }
        return true;
    }

    private Expr column(Column column, Scope scope) {
        String name = Translator.unquote(column.getColumnName());
        Schema.Field parameter = Translator.qualifier(column) == null ? lambdaParameter(name) : null;
        if (parameter != null) {
            return col(parameter.name()); // a lambda's parameter hides a column of its name
        }
        if (column.getTable() == null && (name.equalsIgnoreCase("true") || name.equalsIgnoreCase("false"))
                && scope.relation().matches(null, name).isEmpty()) {
            return lit(name.equalsIgnoreCase("true"));
        }
        if (scope.aliases() != null && Translator.qualifier(column) == null && scope.relation().matches(null, name).isEmpty()
                && scope.aliases().containsKey(name)) {
            Expr aliased = scope.aliases().get(name); // SELECT 1 AS a, a * 2: a column wins over an alias of that name
            if (aliased == AMBIGUOUS_ALIAS) {
                throw translator.error("\"" + name + "\" names two items of the select list; give them names of their own",
                        column);
            }
            return aliased;
        }
        if (scope.env().outer != null && scope.relation().matches(Translator.qualifier(column), name).isEmpty()
                && SubqueryPlanner.reachable(column, scope.env().outer)) {
            throw new NeedOuter(column); // an enclosing query's column: translated again with it among the outer values
        }
        Expr field = structFieldOfColumn(column, scope);
        if (field != null) {
            return field;
        }
        return resolved(column, scope);
    }

    private Expr resolved(Column column, Scope scope) {
        Field field = resolve(column, scope.relation());
        if (scope.aggregating() && !scope.grouping().keyColumns.contains(field.column())) {
            throw translator.error("column \"" + field.display() + "\" must appear in GROUP BY or be used in an aggregate "
                    + "function", column);
        }
        return col(field.column());
    }

    /**
     * {@code s.x}, {@code t.s.x} and {@code s.x.y} where no table {@code s} (or {@code t.s}) has a column
     * {@code x} but a column {@code s} (or a lambda's parameter, or an alias) is a struct: its field
     * {@code x} (and that one's field {@code y}), as DuckDB reads them, a table's column before a column's
     * field; null otherwise.
     */
    private Expr structFieldOfColumn(Column column, Scope scope) {
        String qualifier = Translator.qualifier(column);
        String name = Translator.unquote(column.getColumnName());
        if (qualifier == null || !scope.relation().matches(qualifier, name).isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>(Translator.qualifierParts(column));
        parts.add(name);
        for (int k = parts.size() - 1; k >= 1; k--) { // the struct is parts[k - 1], in table parts[0 .. k - 1)
            String table = k == 1 ? null : String.join(".", parts.subList(0, k - 1));
            String struct = parts.get(k - 1);
            Schema.Field parameter = table == null ? lambdaParameter(struct) : null;
            List<Field> found = parameter != null ? List.of() : scope.relation().matches(table, struct);
            Expr value;
            if (parameter != null) {
                value = col(parameter.name()); // a lambda's parameter hides a column of its name
            } else if (found.size() == 1) {
                value = resolved(new Column(Translator.table(table), Translator.quoted(struct)), scope);
            } else if (found.isEmpty() && table == null && scope.aliases() != null && scope.aliases().containsKey(struct)) {
                value = scope.aliases().get(struct); // SELECT {'x': 1} AS s, s.x
            } else {
                continue;
            }
            DataType type = translator.typeOf(value, scope);
            if (type == null || !type.isStruct()) {
                return null;
            }
            for (String field : parts.subList(k, parts.size())) {
                value = structField(value, field, column, scope);
            }
            return value;
        }
        return null;
    }

    /** The field of {@code value} that {@code path} names ({@code x}, {@code x.y}: a field of a field). */
    Expr fieldPath(Expr value, Column path, Object node, Scope scope) {
        if (Translator.qualifier(path) != null) {
            for (String part : Translator.qualifierParts(path)) {
                value = structField(value, part, node, scope);
            }
        }
        return structField(value, Translator.unquote(path.getColumnName()), node, scope);
    }

    /** Field {@code name} of the struct {@code value} (its name's case as written, or else in any case, as DuckDB). */
    Expr structField(Expr value, String name, Object node, Scope scope) {
        DataType type = translator.typeOf(value, scope);
        if (type == null) {
            return value.struct().field(name); // where the query aggregates: the plan's typer checks it
        }
        if (!type.isStruct()) {
            throw translator.error("." + name + " takes a field of a struct, and this is "
                    + Translator.sqlTypeName(type), node);
        }
        List<String> names = type.fields().stream().map(Schema.Field::name).toList();
        if (names.contains(name)) {
            return value.struct().field(name);
        }
        List<String> alike = names.stream().filter(field -> field.equalsIgnoreCase(name)).toList();
        if (alike.size() == 1) {
            return value.struct().field(alike.get(0));
        }
        throw translator.error(Translator.sqlTypeName(type) + " has no field \"" + name + "\"" + (alike.isEmpty() ? ""
                : " (fields " + alike + " differ only in case)"), node);
    }

    Field resolve(Column column, Relation relation) {
        String name = Translator.unquote(column.getColumnName());
        String qualifier = column.getTable() == null ? null : Translator.unquote(column.getTable().getFullyQualifiedName());
        if (qualifier != null && qualifier.isEmpty()) {
            qualifier = null;
        }
        List<Field> found = relation.matches(qualifier, name);
        if (found.size() == 1) {
            return found.get(0);
        }
        String shown = qualifier == null ? name : qualifier + "." + name;
        if (found.isEmpty()) {
            throw translator.error("unknown column \"" + shown + "\"; columns are: " + relation.describe(), column);
        }
        throw translator.error("column \"" + shown + "\" is ambiguous: it could be "
                + String.join(" or ", found.stream().map(Field::display).toList()) + "; qualify it", column);
    }

    /** {@code +} or {@code -}: with an INTERVAL on a side, calendar arithmetic; else {@link #dateArithmetic}. */
    private Expr plusMinus(BinaryExpression operation, boolean add, Scope scope) {
        Expression left = Translator.unparenthesized(operation.getLeftExpression());
        Expression right = Translator.unparenthesized(operation.getRightExpression());
        if (left instanceof net.sf.jsqlparser.expression.IntervalExpression a
                && right instanceof net.sf.jsqlparser.expression.IntervalExpression b) {
            Interval sum = add ? interval(a).plus(interval(b)) : interval(a).plus(interval(b).negated());
            if (sum.months() != 0) {
                throw translator.error("an INTERVAL of months or years is only supported added to or subtracted from a date or "
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
            Expression e = Translator.unparenthesized(interval.getExpression());
            BigDecimal constant = exactConstant(e);
            amount = switch (e) {
                case StringValue text -> translator.text(text);
                case LongValue number -> number.getBigIntegerValue().toString();
                case SignedExpression signed when signed.getExpression() instanceof LongValue number ->
                        (signed.getSign() == '-' ? "-" : "") + number.getBigIntegerValue();
                default -> constant == null ? null : constant.toPlainString();
            };
        }
        if (amount == null) {
            throw translator.error("an INTERVAL needs a constant amount, as INTERVAL '3' DAY or INTERVAL 3 DAY; for a column x, "
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
            throw translator.error("cannot read the interval " + interval + "; write amounts with units (years, quarters, "
                    + "months, weeks, days, hours, minutes, seconds, milliseconds, microseconds) and a time of day (01:30:00)",
                    interval);
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
        DataType type = translator.typeOf(point, scope);
        if (type == DataType.TIME) {
            // on the clock: whole months and days leave a time of day where it is, as in DuckDB
            return point.add(lit(java.time.Duration.of(interval.micros(), java.time.temporal.ChronoUnit.MICROS)));
        }
        if (type != null && type != DataType.DATE && type != DataType.DATETIME && type != DataType.NULL) {
            throw translator.error("an INTERVAL can be added to a date, timestamp or time, not to " + type, node);
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
        Expression e = Translator.unparenthesized(expression);
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
        DataType l = translator.typeOf(left, scope);
        DataType r = translator.typeOf(right, scope);
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
        DataType l = translator.typeOf(left, scope);
        DataType r = translator.typeOf(right, scope);
        if (l == null || r == null || !(l.isNumeric() || l.isDecimal() || l == DataType.NULL)
                || !(r.isNumeric() || r.isDecimal() || r == DataType.NULL)) {
            throw translator.error("// divides numbers" + (l == null || r == null ? "" : ", not " + l + " by " + r), node);
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
        DataType type = translator.typeOf(value, scope);
        return type == null || type.isFloat();
    }

    /**
     * A value as text, as SQL casts it for text functions; a list is refused, as DuckDB binds no text
     * function to one (a CAST to VARCHAR writes it).
     */
    Expr text(Expr value, Scope scope) {
        return text(value, scope, null);
    }

    /** As {@link #text(Expr, Scope)}; {@code node}, the call, for the error's place. */
    Expr text(Expr value, Scope scope, Object node) {
        DataType type = translator.typeOf(value, scope);
        if (type != null && type.isList()) {
            throw translator.error(value + " is a list (" + Translator.sqlTypeName(type)
                    + "), not text; CAST it to VARCHAR to write it as text", node);
        }
        return anyText(value, scope);
    }

    /** A value as text, lists too, written as a CAST to VARCHAR writes them (concat_ws, string_agg). */
    Expr anyText(Expr value, Scope scope) {
        DataType type = translator.typeOf(value, scope);
        // a whole number, decimal or boolean written here; any other value (a date, an interval, a float) as its
        // CAST to VARCHAR writes it
        if (value instanceof Lit lit && (lit.value() instanceof Number || lit.value() instanceof Boolean)
                && !(lit.value() instanceof Double || lit.value() instanceof Float)) {
            return lit(lit.value() instanceof BigDecimal d ? d.toPlainString() : String.valueOf(lit.value()));
        }
        return type == null || type.isText() || type == DataType.NULL ? value : value.cast(DataType.UTF8);
    }

    private Expr compare(BinaryExpression comparison, Scope scope) {
        if (comparison.getRightExpression() instanceof net.sf.jsqlparser.expression.AnyComparisonExpression any) {
            return translator.subqueries().quantified(comparison, any, scope);
        }
        if (Translator.unparenthesized(comparison.getRightExpression()) instanceof Function quantifier
                && quantifier.getName() != null
                && List.of("any", "some", "all").contains(quantifier.getName().toLowerCase(Locale.ROOT))) {
            if (quantifier.getParameters() != null && quantifier.getParameters().size() == 1
                    && quantifier.getParameters().get(0) instanceof net.sf.jsqlparser.statement.select.Select select) {
                // the parser reads ANY (SELECT y * 1 FROM s), a subquery whose item is not a bare column, as a call
                net.sf.jsqlparser.expression.AnyType type = net.sf.jsqlparser.expression.AnyType.valueOf(
                        quantifier.getName().toUpperCase(Locale.ROOT));
                return translator.subqueries().quantified(comparison,
                        new net.sf.jsqlparser.expression.AnyComparisonExpression(type, select), scope);
            }
            return listQuantified(comparison, quantifier, scope);
        }
        Expr left = expr(comparison.getLeftExpression(), scope);
        Expr right = expr(comparison.getRightExpression(), scope);
        left = coerced(left, right, scope);
        right = coerced(right, left, scope);
        return ordered(comparisonOperator(comparison), left, right, scope);
    }

    /**
     * {@code x op ANY(l)} / {@code SOME(l)} of a list, as DuckDB reads it ({@code x op ANY(SELECT
     * unnest(l))}): true where {@code x op e} holds for an element, else NULL where it is NULL for
     * one, else false; false for an empty or NULL list. {@code x op ALL(l)} is {@code NOT (x op' ANY(l))}
     * with {@code op'} the opposite comparison, as in DuckDB (true for an empty or NULL list).
     */
    private Expr listQuantified(BinaryExpression comparison, Function quantifier, Scope scope) {
        String name = quantifier.getName().toUpperCase(Locale.ROOT);
        if (quantifier.getParameters() == null || quantifier.getParameters().size() != 1 || quantifier.isDistinct()
                || quantifier.isAllColumns()) {
            throw translator.error(name + "(...) takes one list or a subquery", quantifier);
        }
        Expression written = quantifier.getParameters().get(0);
        Expr list = expr(written, scope);
        DataType type = translator.typeOfOrFail(list, scope, quantifier);
        if (type == DataType.NULL) {
            list = lit(null, DataType.LIST_NULL);
        } else if (!type.isList()) {
            throw translator.error(name + "(...) takes a list or a subquery, not " + type, quantifier);
        }
        if (dev.floe.frame.expr.ExprTrees.drawsRandom(expr(comparison.getLeftExpression(), scope))) {
            // the left side is computed once per element here, where DuckDB computes it once per row
            throw translator.error("random() or uuid() on the left of " + name + "(list) is not supported; compute it in "
                    + "a subquery first", comparison);
        }
        boolean all = name.equals("ALL");
        Column element = new Column("__floe_quantified");
        BinaryExpression test = switch (comparisonOperator(comparison)) {
            case EQ -> all ? new NotEqualsTo() : new EqualsTo();
            case NE -> all ? new EqualsTo() : new NotEqualsTo();
            case LT -> all ? new GreaterThanEquals() : new MinorThan();
            case LE -> all ? new GreaterThan() : new MinorThanEquals();
            case GT -> all ? new MinorThanEquals() : new GreaterThan();
            case GE -> all ? new MinorThan() : new GreaterThanEquals();
            default -> throw translator.error(comparison.getStringExpression() + " " + name + "(...) is not supported",
                    comparison);
        };
        test.setLeftExpression(comparison.getLeftExpression());
        test.setRightExpression(element);
        Expr tests = lambda(dev.floe.frame.expr.ListLambda.Kind.TRANSFORM, name, list,
                new net.sf.jsqlparser.expression.LambdaExpression(List.of(element.getColumnName()), test), null,
                quantifier, scope);
        Expr any = Exprs.when(list.isNull()).then(false).when(tests.lst().contains(true)).then(true)
                .when(tests.lst().position(null).isNotNull()).then(lit(null, DataType.BOOLEAN)).otherwise(false);
        return all ? any.not() : any;
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
        if (isMidnight(value) && translator.typeOf(other, scope) == DataType.DATE) {
            return lit(((LocalDateTime) ((Lit) value).value()).toLocalDate());
        }
        if (!isMidnight(other) && !(value instanceof Lit) && translator.typeOf(value, scope) == DataType.DATE
                && translator.typeOf(other, scope) == DataType.DATETIME) {
            return value.cast(DataType.DATETIME); // a date compared with a timestamp is that day at midnight
        }
        if (!(value instanceof Lit lit) || !(lit.value() instanceof String text)) {
            return value;
        }
        DataType otherType = translator.typeOf(other, scope);
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
                case "DATE" -> lit(dev.floe.frame.column.Temporals.parseDate(value));
                case "TIMESTAMP", "DATETIME", "TIMESTAMPTZ" -> lit(dev.floe.frame.column.Temporals.parseTimestamp(value));
                case "TIME" -> lit(dev.floe.frame.column.Temporals.parseTime(value));
                default -> throw translator.error(kind + " literals are not supported", node);
            };
        } catch (java.time.format.DateTimeParseException e) {
            // what the date's reading expected where it stopped, where it says (Temporals.parseDate)
            String message = e.getMessage() == null ? "" : e.getMessage();
            int expected = message.indexOf(": expected ");
            throw translator.error("'" + value + "' is not a " + kind.toLowerCase(Locale.ROOT) + " ("
                    + (expected >= 0 ? message.substring(expected + 2) + "; " : "") + "written "
                    + (kind.equalsIgnoreCase("DATE") ? "yyyy-mm-dd" : kind.equalsIgnoreCase("TIME") ? "hh:mm:ss"
                    : "yyyy-mm-dd hh:mm:ss or yyyy-mm-dd") + ")", node);
        }
    }

    /**
     * {@code s SIMILAR TO p} and {@code s ~ p}: {@code regexp_full_match(s, p)}, a regular expression
     * that matches the whole text, as DuckDB reads both (not the SQL standard's {@code %} and
     * {@code _}); {@code NOT SIMILAR TO} and {@code !~} its negation. An ESCAPE and the
     * case-insensitive {@code ~*} are refused, as in DuckDB.
     */
    private Expr fullMatch(Expression value, Expression pattern, boolean not, Scope scope) {
        Function match = new Function();
        match.setName("regexp_full_match");
        match.setParameters(new net.sf.jsqlparser.expression.operators.relational.ExpressionList<>(value, pattern));
        Expr matches = expr(match, scope);
        return not ? matches.not() : matches;
    }

    private Expr regexMatch(net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperator match, Scope scope) {
        return switch (match.getOperatorType()) {
            case MATCH_CASESENSITIVE -> fullMatch(match.getLeftExpression(), match.getRightExpression(), false, scope);
            case NOT_MATCH_CASESENSITIVE -> fullMatch(match.getLeftExpression(), match.getRightExpression(), true, scope);
            default -> throw translator.error("the operator " + match.getStringExpression() + " is not supported; ~ and !~ "
                    + "(a regular expression matching the whole text, as regexp_full_match) are", match);
        };
    }

    private Expr like(LikeExpression like, Scope scope) {
        LikeExpression.KeyWord keyword = like.getLikeKeyWord();
        if (keyword == LikeExpression.KeyWord.SIMILAR_TO) {
            if (like.getEscape() != null) {
                throw translator.error("SIMILAR TO ... ESCAPE is not supported (SIMILAR TO reads a regular expression, "
                        + "whose escape is \\)", like.getEscape());
            }
            return fullMatch(like.getLeftExpression(), like.getRightExpression(), like.isNot(), scope);
        }
        if (keyword == LikeExpression.KeyWord.MATCH_ANY) {
            return glob(like, scope); // GLOB, as SqlText.glob writes it
        }
        if (keyword != LikeExpression.KeyWord.LIKE && keyword != LikeExpression.KeyWord.ILIKE) {
            throw translator.error(keyword + " is not supported; LIKE and ILIKE are", like);
        }
        Expr value = expr(like.getLeftExpression(), scope);
        Character escape = null;
        if (like.getEscape() != null) {
            if (!(like.getEscape() instanceof StringValue e) || translator.text(e).length() != 1) {
                throw translator.error("ESCAPE needs one character in quotes", like.getEscape());
            }
            escape = translator.text(e).charAt(0);
        }
        boolean ignoreCase = keyword == LikeExpression.KeyWord.ILIKE || like.isCaseInsensitive();
        if (!(like.getRightExpression() instanceof StringValue pattern)) {
            return likeEach(like, value, ignoreCase, escape, scope);
        }
        Expr matches = value.str().like(translator.text(pattern), ignoreCase, escape);
        return like.isNot() ? matches.not() : matches;
    }

    /**
     * {@code s LIKE p} where the pattern is not written in the query: each distinct pattern
     * compiled once and matched against the rows that have it; null where the pattern is null.
     */
    private Expr likeEach(LikeExpression like, Expr value, boolean ignoreCase, Character escape, Scope scope) {
        Expr pattern = expr(like.getRightExpression(), scope);
        DataType type = translator.typeOf(pattern, scope);
        if (type == null || !(type.isText() || type == DataType.NULL)) {
            throw translator.error("a LIKE pattern must be text, not " + (type == null ? like.getRightExpression()
                    : Translator.sqlTypeName(type)), like.getRightExpression());
        }
        DataType valueType = translator.typeOf(value, scope);
        if (valueType != null && !valueType.isText() && valueType != DataType.NULL) {
            throw translator.error("LIKE matches text, not " + Translator.sqlTypeName(valueType) + " ("
                    + like.getLeftExpression() + ")", like.getLeftExpression());
        }
        boolean not = like.isNot();
        return textSettingEach(value, pattern, DataType.BOOLEAN, like.toString(), written -> {
            Expr matches = col(PerValue.input(0)).str().like(written, ignoreCase, escape);
            return not ? matches.not() : matches;
        });
    }

    /**
     * {@code make(setting)} over {@code value} for each distinct text of {@code setting} (a {@link
     * PerValue} call): {@code make} reads {@code value} as {@link PerValue#input(int) input(0)}
     * and gives {@code type}.
     */
    private static Expr textSettingEach(Expr value, Expr setting, DataType type, String written,
            java.util.function.Function<String, Expr> make) {
        return PerValue.call(List.of(value, setting), new Binding(new int[] {1}, type, written,
                values -> values.get(0) == null ? lit(null) : make.apply((String) values.get(0))));
    }

    /** A {@link PerValue} of SQL's: its settings' places, its type, the call as written, and how it binds. */
    private record Binding(int[] places, DataType type, String written,
            java.util.function.Function<List<Object>, Expr> binder) implements PerValue {
        @Override
        public int[] settings() {
            return places.clone();
        }

        @Override
        public Expr bind(List<Object> values) {
            return binder.apply(values);
        }

        @Override
        public String toString() {
            return written;
        }
    }

    /**
     * {@code s GLOB pattern}: {@code *} matches any run of characters, {@code ?} one character,
     * {@code [abc]} and {@code [a-z]} one of a set ({@code [!...]} one not in it), {@code \\x} the
     * character {@code x}; everything else itself, with case. A pattern without sets or escapes is
     * matched as the LIKE pattern it is; the others as a regular expression. {@code ?} and the
     * sets match characters (DuckDB matches bytes, so it finds no {@code ?} in {@code 'é'}). A set
     * left open, a reversed range, a {@code -} right before a set's {@code ]} (a range up to {@code ]}
     * in DuckDB) and a pattern ending in {@code \\} are refused (DuckDB matches nothing at them).
     */
    private Expr glob(LikeExpression glob, Scope scope) {
        if (glob.getEscape() != null) {
            throw translator.error("GLOB takes no ESCAPE: its escape character is \\", glob.getEscape());
        }
        Expr value = expr(glob.getLeftExpression(), scope);
        if (glob.getRightExpression() instanceof NullValue) {
            return lit(null, DataType.BOOLEAN);
        }
        if (!(glob.getRightExpression() instanceof StringValue quoted)) {
            throw translator.error("GLOB needs a quoted pattern, not " + glob.getRightExpression(),
                    glob.getRightExpression());
        }
        String pattern = translator.text(quoted);
        Expr matches;
        if (pattern.indexOf('[') < 0 && pattern.indexOf('\\') < 0) {
            StringBuilder like = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                switch (c) {
                    case '*' -> like.append('%');
                    case '?' -> like.append('_');
                    case '%', '_' -> like.append('\\').append(c);
                    default -> like.append(c);
                }
            }
            matches = value.str().like(like.toString(), false, '\\');
        } else {
            matches = value.str().regexMatches(globRegex(pattern, glob.getRightExpression()), false);
        }
        return glob.isNot() ? matches.not() : matches;
    }

    /** A GLOB pattern with sets or escapes as a regular expression (RE2's syntax) for the whole text. */
    private String globRegex(String pattern, Expression at) {
        String any = "(?:[^\\n]|\\n)"; // any character: RE2's . stops at a line break
        StringBuilder out = new StringBuilder("^");
        int i = 0;
        while (i < pattern.length()) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '*' -> out.append(any).append('*');
                case '?' -> out.append(any);
                case '\\' -> {
                    if (i >= pattern.length()) {
                        throw translator.error("the GLOB pattern '" + pattern + "' ends with \\, which escapes "
                                + "the character after it", at);
                    }
                    int next = pattern.codePointAt(i);
                    i += Character.charCount(next);
                    out.append(regexLiteral(next));
                }
                case '[' -> {
                    StringBuilder set = new StringBuilder("[");
                    if (i < pattern.length() && pattern.charAt(i) == '!') {
                        set.append('^');
                        i++;
                    }
                    int first = i;
                    boolean closed = false;
                    while (i < pattern.length()) {
                        int m = pattern.codePointAt(i);
                        if (m == ']' && i > first) {
                            closed = true;
                            i++;
                            break;
                        }
                        i += Character.charCount(m);
                        if (i + 1 < pattern.length() && pattern.charAt(i) == '-' && pattern.charAt(i + 1) == ']') {
                            throw translator.error("the GLOB pattern '" + pattern + "' has " + Character.toString(m)
                                    + "-] in a set, which DuckDB reads as a range up to ] (a set left open); write "
                                    + "the - first in the set for a -", at);
                        }
                        if (i + 1 < pattern.length() && pattern.charAt(i) == '-') {
                            int to = pattern.codePointAt(i + 1);
                            if (to < m) {
                                throw translator.error("the GLOB pattern '" + pattern + "' has the reversed range "
                                        + Character.toString(m) + "-" + Character.toString(to), at);
                            }
                            i += 1 + Character.charCount(to);
                            set.append(regexLiteral(m)).append('-').append(regexLiteral(to));
                        } else {
                            set.append(regexLiteral(m));
                        }
                    }
                    if (!closed) {
                        throw translator.error("the GLOB pattern '" + pattern + "' opens a set with [ that no ] closes",
                                at);
                    }
                    out.append(set).append(']');
                }
                default -> out.append(regexLiteral(c));
            }
        }
        return out.append('$').toString();
    }

    /** The character {@code c} standing for itself in a regular expression, inside a set or out. */
    private static String regexLiteral(int c) {
        String text = Character.toString(c);
        return Character.isLetterOrDigit(c) || c > 127 ? text : c == '\n' ? "\\n" : c == '\t' ? "\\t"
                : c == '\r' ? "\\r" : c == '\f' ? "\\f" : "\\" + text;
    }

    Expr in(InExpression in, Scope scope) {
        Expr value = expr(in.getLeftExpression(), scope);
        Expression right = in.getRightExpression();
        List<Object> values = new ArrayList<>();
        List<Expr> others = new ArrayList<>();
        if (right instanceof Select subquery && !(right instanceof Values)) {
            Planned planned = translator.subqueries().planned(subquery, scope);
            if (planned.correlation() != null) {
                return translator.subqueries().correlatedIn(in, value, planned, scope);
            }
            DataFrame rows = translator.subqueries().inValues(subquery, planned);
            if (rows.width() != 1) {
                throw translator.error("a subquery after IN needs one column, this one has " + rows.width(), right);
            }
            for (int r = 0; r < rows.height(); r++) {
                values.add(rows.get(r, rows.columns().get(0)));
            }
        } else if (right instanceof ExpressionList<?> list) {
            List<Expr> items = new ArrayList<>();
            for (Expression item : list) {
                items.add(expr(item, scope)); // each once: an item may hold a subquery
            }
            // a REAL among DOUBLEs (a DOUBLE item, whatever its form) compares as a DOUBLE: the list has one type
            if (translator.typeOf(value, scope) == DataType.FLOAT32
                    && items.stream().anyMatch(item -> translator.typeOf(item, scope) == DataType.FLOAT64)) {
                value = value.cast(DataType.FLOAT64);
            }
            for (Expr item : items) {
                Expr translated = coerced(item, value, scope);
                if (translated instanceof Lit lit) {
                    values.add(lit.value());
                } else {
                    others.add(translated);
                }
            }
        } else {
            throw translator.error("IN needs a list in parentheses or a subquery", right);
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
            } else {
                DataType type = translator.typeOf(condition, scope);
                if (type != null && type.isNumeric()) {
                    condition = sqlCast(condition, type, DataType.BOOLEAN, false); // a number is true where it is not 0
                } else if (type != null && type.isDecimal()) {
                    condition = condition.ne(lit(0));
                }
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
            throw translator.error("CAST to a ROW or STRUCT type is not supported: Floe has no nested record type",
                    c.getLeftExpression());
        }
        if (c.getFormat() != null || (c.getColumnDefinitions() != null && !c.getColumnDefinitions().isEmpty())) {
            throw translator.error("this CAST is not supported (" + c + ")", c);
        }
        Expr value = expr(c.getLeftExpression(), scope);
        DataType type = sqlType(c.getColDataType(), c);
        if ((type.isList() || type.isStruct() || type.isMap()) && value instanceof dev.floe.frame.expr.Call call
                && call.function() == dev.floe.frame.expr.ScalarFunction.JSON_EXTRACT) {
            // DuckDB casts its JSON type by reading the JSON (decoding escapes); Floe's JSON values are text
            throw translator.error("a CAST of a JSON value to " + c.getColDataType() + " is not supported (Floe has no JSON "
                    + "type, and a text cast would keep JSON's escapes); read the elements with ->> or json_extract_string",
                    c);
        }
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
        DataType from = translator.typeOf(value, scope);
        if (noSqlCast(from, type) && (tryCast || nullConstant(c.getLeftExpression()))) {
            return lit(null, type); // DuckDB's TRY_CAST gives NULL there, as does a cast of NULL
        }
        if (noSqlCast(from, type)) {
            // the frame API's cast reads a date as its days (as Polars'); SQL has no such cast, as in DuckDB
            throw translator.error("cannot cast " + Translator.sqlTypeName(from) + " to " + Translator.sqlTypeName(type)
                    + " (" + c + "), as in DuckDB; make_date and epoch_ms make dates and timestamps of numbers, "
                    + "epoch and date_diff numbers of them, to_days and the like intervals", c);
        }
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
        return sqlCast(value, translator.typeOf(value, scope), type, tryCast);
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

    /**
     * Whether SQL has no cast from {@code from} (null if unknown) to {@code type}: dates, times,
     * timestamps and intervals are not numbers in SQL, nor numbers them, as in DuckDB (the frame
     * API's cast reads a date as its days and an interval as its microseconds).
     */
    static boolean noSqlCast(DataType from, DataType type) {
        return from != null && ((from.isNumeric() || from.isDecimal()) && type.isTemporal()
                || from.isTemporal() && (type.isNumeric() || type.isDecimal()));
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
                // a finite value past a REAL's range is left to the engine's cast, which refuses it
                case FLOAT32 -> Float.isInfinite(n.floatValue()) && Double.isFinite(n.doubleValue()) ? null
                        : new Lit(n.floatValue(), type, false);
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
                return new Lit(dev.floe.frame.column.Temporals.parseDate(s), type, false);
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
            throw translator.error(type + " takes a precision and a scale, not " + arguments.size() + " numbers", node);
        }
        int[] numbers = {18, 3};
        if (!arguments.isEmpty()) {
            numbers[1] = 0;
        }
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i).strip();
            if (!argument.matches("\\d{1,3}")) {
                throw translator.error(type + ": the precision and scale are whole numbers, not " + argument, node);
            }
            numbers[i] = Integer.parseInt(argument);
        }
        try {
            return DataType.decimal(numbers[0], numbers[1]);
        } catch (dev.floe.frame.SchemaException e) {
            throw translator.error(type + ": " + e.getMessage(), node);
        }
    }

    /**
     * {@code STRUCT(a INTEGER, "b c" VARCHAR[])}: each field's name (as written; in double quotes it
     * may hold anything) and type; {@code MAP(K, V)}, which the parser cannot read, arrives as
     * {@link TypeSyntax} writes it, a struct of two fields of reserved names.
     */
    private DataType structType(ColDataType type, Object node) {
        List<String> arguments = type.getArgumentsStringList();
        if (arguments == null || arguments.isEmpty()) {
            throw translator.error("STRUCT needs its fields, as STRUCT(a INTEGER, b VARCHAR)", node);
        }
        List<Schema.Field> fields = new ArrayList<>();
        for (String argument : arguments) {
            String text = argument.strip();
            String name;
            int rest;
            if (text.startsWith("\"")) {
                int end = 1;
                StringBuilder quoted = new StringBuilder();
                while (end < text.length()) {
                    char c = text.charAt(end++);
                    if (c == '"' && end < text.length() && text.charAt(end) == '"') {
                        quoted.append('"');
                        end++;
                    } else if (c == '"') {
                        break;
                    } else {
                        quoted.append(c);
                    }
                }
                name = quoted.toString();
                rest = end;
            } else {
                int end = 0;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                name = text.substring(0, end);
                rest = end;
            }
            String typeText = text.substring(rest).strip();
            if (name.isEmpty() || typeText.isEmpty()) {
                throw translator.error("STRUCT(" + String.join(", ", arguments) + "): each field is a name and a type, "
                        + "as STRUCT(a INTEGER, b VARCHAR)", node);
            }
            ColDataType fieldType;
            try {
                Expression parsed = net.sf.jsqlparser.parser.CCJSqlParserUtil.parseExpression(
                        "CAST(NULL AS " + typeText + ")");
                fieldType = ((net.sf.jsqlparser.expression.CastExpression) parsed).getColDataType();
            } catch (net.sf.jsqlparser.JSQLParserException | ClassCastException e) {
                throw translator.error("STRUCT field " + name + ": cannot read the type " + typeText, node);
            }
            fields.add(new Schema.Field(name, sqlType(fieldType, node)));
        }
        try {
            if (fields.size() == 2 && fields.get(0).name().equals(TypeSyntax.MAP_KEY)
                    && fields.get(1).name().equals(TypeSyntax.MAP_VALUE)) {
                return DataType.mapOf(fields.get(0).type(), fields.get(1).type());
            }
            return DataType.structOf(fields);
        } catch (dev.floe.frame.SchemaException e) {
            throw translator.error(e.getMessage(), node);
        }
    }

    DataType sqlType(ColDataType type, Object node) {
        String name = type.getDataType().toUpperCase(Locale.ROOT).replaceAll("\\s*\\(.*\\)", "").strip();
        if (type.getArrayData() != null && !type.getArrayData().isEmpty()
                && type.getArrayData().stream().allMatch(size -> size == null || size < 0)) {
            // T[], T[][]: a list of T (of lists of T); a fixed size, T[3], is refused below
            List<Integer> dimensions = type.getArrayData();
            type.setArrayData(new ArrayList<>());
            try {
                DataType element = sqlType(type, node);
                if (element == DataType.NULL) {
                    throw translator.error("array types (" + type + "[]) need an element type", node);
                }
                for (int d = 0; d < dimensions.size(); d++) {
                    element = DataType.listOf(element);
                }
                return element;
            } catch (dev.floe.frame.SchemaException e) {
                throw translator.error(type + "[]: " + e.getMessage(), node);
            } finally {
                type.setArrayData(dimensions);
            }
        }
        if (type.getArrayData() != null && !type.getArrayData().isEmpty()) {
            throw translator.error("array types of a fixed size (" + type + ") are not supported; write " + name + "[]",
                    node);
        }
        if (name.equals("STRUCT")) {
            return structType(type, node);
        }
        if (type.getSignedness() != null || (type.getTypeModifiers() != null && !type.getTypeModifiers().isEmpty())
                || type.isZerofill() || type.getCharacterSet() != null || type.getIntervalQualifier() != null
                || type.isNational() || type.getXmlTypeModifier() != null) {
            throw translator.error("the type " + type + " is not supported; the types are TINYINT, SMALLINT, INTEGER, BIGINT, "
                    + "HUGEINT, REAL, DOUBLE, VARCHAR, BOOLEAN, DATE, TIME, TIMESTAMP, INTERVAL", node);
        }
        if (name.equals("DECIMAL") || name.equals("NUMERIC") || name.equals("DEC")) {
            return decimalType(type, node);
        }
        if ((name.equals("TIMESTAMP") || name.equals("DATETIME")) && type.getPrecision() != null) {
            throw translator.error(type + " is not supported: timestamps hold microseconds; CAST to TIMESTAMP", node);
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
            case "TIME", "TIME WITHOUT TIME ZONE" -> DataType.TIME;
            case "INTERVAL" -> DataType.DURATION;
            default -> throw translator.error("unknown type " + type.getDataType() + "; types are TINYINT, SMALLINT, INTEGER, "
                    + "BIGINT, HUGEINT, REAL, DOUBLE, VARCHAR, BOOLEAN, DATE, TIME, TIMESTAMP, INTERVAL", node);
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
            default -> throw translator.error("date part \"" + part + "\" is not supported; year, quarter, month, week, day, "
                    + "hour, minute, second, millisecond, microsecond, dow, isodow, doy, isoyear, decade, century, "
                    + "millennium and epoch are", node);
        };
    }

    // ---- functions ----------------------------------------------------------------------------

    List<Expression> arguments(Function function) {
        if (substringFromFor(function)) {
            return new ArrayList<>(function.getNamedParameters());
        }
        if (positionIn(function)) {
            // position(needle IN text) is strpos(text, needle)
            List<Expression> named = new ArrayList<>(function.getNamedParameters());
            return new ArrayList<>(List.of(named.get(1), named.get(0)));
        }
        ExpressionList<?> parameters = function.getParameters();
        if (parameters instanceof ParenthesedExpressionList<?> row && row.size() > 1) {
            // f((a, b)): the parser gives the one argument's list as the call's; it is one argument, a row
            return new ArrayList<>(List.of(row));
        }
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
            throw translator.error(function.getName() + " takes " + wanted + " arguments, got " + arguments.size(), function);
        }
    }

    /**
     * GROUPING(a, b) (or grouping_id): a bit for each argument, the first the highest, 1 where the
     * row's grouping set leaves that key out, as in DuckDB. Each argument must be a GROUP BY key.
     */
    private Expr groupingFunction(Function function, String name, List<Expression> args, Scope scope) {
        refuseUnreadParts(function, name);
        if (function.isDistinct() || function.isAllColumns()) {
            throw translator.error(name + " takes GROUP BY keys, not DISTINCT or *", function);
        }
        if (scope.grouping() == null) {
            throw translator.error(name + " is only allowed with GROUP BY (in the select list, HAVING and ORDER BY)", function);
        }
        if (scope.insideAggregate()) {
            throw translator.error(name + " cannot be inside an aggregate function", function);
        }
        if (args.isEmpty() || args.size() > 62) {
            throw translator.error(name + " takes 1 to 62 arguments, got " + args.size(), function);
        }
        Grouping grouping = scope.grouping();
        List<Integer> of = new ArrayList<>();
        for (Expression arg : args) {
            int key = grouping.keyTexts.indexOf(Translator.normalized(arg));
            if (key < 0 && arg instanceof Column column
                    && !scope.relation().matches(Translator.qualifier(column), Translator.unquote(column.getColumnName())).isEmpty()) {
                key = grouping.keyColumns.indexOf(resolve(column, scope.relation()).column());
            }
            if (key < 0 || grouping.keyTexts.get(key).startsWith("\u0000")) {
                throw translator.error(name + " takes GROUP BY keys; " + arg + " is not one", arg);
            }
            of.add(key);
        }
        return grouping.registerGrouping(of);
    }

    /**
     * The {@code unnest(...)} calls in a select list's items, in order (not those inside subqueries);
     * an unnest inside another's argument is refused.
     */
    List<Function> selectUnnests(List<SelectItem<?>> items) {
        List<Function> found = new ArrayList<>();
        for (SelectItem<?> item : items) {
            collectUnnests(item.getExpression(), found, null);
        }
        return found;
    }

    private void collectUnnests(Expression e, List<Function> found, Function outer) {
        if (e == null) {
            return;
        }
        if (e instanceof Function f && f.getName() != null && f.getName().equalsIgnoreCase("unnest")) {
            if (outer != null) {
                throw translator.error("unnest(...) inside another unnest(...) is not supported; unnest in a subquery of "
                        + "FROM first", f);
            }
            found.add(f);
            outer = f;
        }
        for (Expression child : Translator.children(e)) {
            collectUnnests(child, found, outer);
        }
    }

    /** The unnest calls of select lists whose rows {@link SelectPlanner} repeated, and the column of each one's elements. */
    private final java.util.Map<Function, String> unnestColumns = new java.util.IdentityHashMap<>();

    /** Makes the select list's {@code unnest} stand for the column {@code column} of its elements. */
    void bindUnnest(Function unnest, String column) {
        unnestColumns.put(unnest, column);
    }

    /**
     * {@code list_concat(a, b, ...)}: the lists cast to their common type, joined row by row; a
     * NULL list adds nothing, so the result is never NULL, as DuckDB 1.5.
     */
    private Expr listConcat(List<Expr> lists, Function function, Scope scope) {
        if (lists.isEmpty()) {
            throw translator.error(function.getName() + " takes one list or more", function);
        }
        return listConcat(lists, function.getName(), function, scope);
    }

    /** The lists joined row by row after casting them to their common type; {@code name} and {@code node} for errors. */
    Expr listConcat(List<Expr> lists, String name, Object node, Scope scope) {
        List<Expr> cast = listsOfOneType(lists, name, node, scope);
        return cast.get(0).lst().concat(cast.subList(1, cast.size()).toArray());
    }

    /** The lists cast to their common type; {@code name} and {@code node} for errors. */
    List<Expr> listsOfOneType(List<Expr> lists, String name, Object node, Scope scope) {
        DataType common = DataType.NULL;
        for (Expr list : lists) {
            DataType type = translator.typeOf(list, scope);
            if (type == null) {
                throw translator.error(name + " where the query aggregates is not supported; join the lists in an "
                        + "outer query over the aggregated rows", node);
            }
            if (!type.isList() && type != DataType.NULL) {
                throw translator.error(name + " takes lists, and " + list + " is " + type, node);
            }
            DataType wider = Types.supertype(common, type);
            if (wider == null) {
                throw translator.error(name + " needs lists of types with a common type, not " + common + " and "
                        + type, node);
            }
            common = wider;
        }
        DataType target = common == DataType.NULL ? DataType.LIST_NULL : common;
        List<Expr> cast = new ArrayList<>();
        for (Expr list : lists) {
            cast.add(translator.typeOf(list, scope) == target ? list : list.cast(target));
        }
        return cast;
    }

    /** {@code [a, b, c]} / {@code list_value(a, b, c)}: the values cast to their common type, one list a row. */
    Expr listValue(List<Expr> values, Object node, Scope scope) {
        if (values.isEmpty()) {
            return lit(List.of(), DataType.LIST_NULL); // DuckDB's "NULL"[], which any list type takes
        }
        DataType common = null;
        for (Expr value : values) {
            DataType type = translator.typeOf(value, scope);
            if (type == null) {
                throw translator.error("a list built where the query aggregates ([sum(x)], list_value(k) with GROUP BY) is not "
                        + "supported; build it in an outer query over the aggregated rows", node);
            }
            common = common == null ? type : Types.supertype(common, type);
            if (common == null) {
                throw translator.error("a list's values need one type; " + values + " mix types that have none in common", node);
            }
        }
        List<Expr> cast = new ArrayList<>();
        for (Expr value : values) {
            cast.add(translator.typeOf(value, scope) == common ? value : value.cast(common));
        }
        return Exprs.listOf(cast.toArray(Expr[]::new));
    }

    /** <code>{'x': 1, 'y': 'a'}</code>: a struct of the values, each field named as written. */
    private Expr structValue(net.sf.jsqlparser.expression.StructType struct, Scope scope) {
        if (struct.getArguments() == null || struct.getArguments().isEmpty()
                || struct.getDialect() != net.sf.jsqlparser.expression.StructType.Dialect.DUCKDB) {
            throw translator.error("this form of struct is not supported; write {'name': value, ...}", struct);
        }
        List<Expr> fields = new ArrayList<>();
        for (net.sf.jsqlparser.statement.select.SelectItem<?> item : struct.getArguments()) {
            if (item.getAlias() == null) {
                throw translator.error("a struct's field needs a name: {'name': value}", struct);
            }
            fields.add(expr(item.getExpression(), scope).alias(fieldName(item.getAlias().getName())));
        }
        return Exprs.struct(fields.toArray(Expr[]::new));
    }

    /** A struct field's name as written: in single quotes ({@code ''} a quote), double quotes or none. */
    static String fieldName(String written) {
        if (written.length() >= 2 && written.startsWith("'") && written.endsWith("'")) {
            return written.substring(1, written.length() - 1).replace("''", "'");
        }
        return Translator.unquote(written);
    }

    /**
     * <code>MAP {k: v, ...}</code>: the keys in one list and the values in another (each of one type,
     * as a list's values), made a map; a null key or a key given twice fails when it is made.
     */
    private Expr mapValue(net.sf.jsqlparser.expression.MapExpression map, Scope scope) {
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        if (map.getEntries() != null) {
            for (java.util.Map.Entry<Expression, Expression> entry : map.getEntries()) {
                keys.add(expr(entry.getKey(), scope));
                values.add(expr(entry.getValue(), scope));
            }
        }
        if (keys.isEmpty()) {
            return emptyMap();
        }
        return Exprs.mapOf(listValue(keys, map, scope), listValue(values, map, scope));
    }

    /** An empty map, whose key and value types any map type takes (DuckDB's {@code MAP("NULL", "NULL")}). */
    static Expr emptyMap() {
        return lit(java.util.Map.of(), DataType.mapOf(DataType.NULL, DataType.NULL));
    }

    /**
     * {@code l[i]} and {@code l[a:b]} on a column, which JSqlParser reads as the column with an
     * index attached (not as an {@code ArrayExpression}): the element or the slice, as for any list.
     */
    private Expr subscriptedColumn(Column column, Scope scope) {
        net.sf.jsqlparser.expression.ArrayConstructor index = column.getArrayConstructor();
        List<? extends Expression> written = index.getExpressions();
        if (written == null || written.size() != 1) {
            throw translator.error("[...] after a list takes one index or one slice a:b, not " + index, column);
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
            case net.sf.jsqlparser.expression.RangeExpression range -> throw translator.error(
                    "this form of list slice is not supported; write l[a:b], l[a:] or l[:b]", node);
            default -> {
                net.sf.jsqlparser.expression.JsonExpression json = lastOperandSlice(index);
                if (json == null) {
                    if (index.toString().replace("::", "").contains(":")) {
                        throw translator.error("this list slice is not supported as written (" + index + "); "
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
                    throw translator.error("a list slice takes a start and an end (l[a:b]); a step (l[a:b:c]) is not supported",
                            node);
                }
                Expression start = withStartOf(index, json);
                if (start.toString().replace("::", "").contains(":")) {
                    throw translator.error("this list slice is not supported as written (" + index + "); "
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
        DataType type = translator.typeOf(list, scope); // null where the query aggregates: the plan's typer checks it then
        if (type == DataType.UTF8) {
            return textSlice(list, slice, node);
        }
        if (type != null && !type.isList() && type != DataType.NULL) {
            throw translator.error("[a:b] takes a slice of a list or of text, and this is " + type, node);
        }
        Expr from = slice.from() == null ? lit(1) : sliceBound(slice.from(), node, scope);
        Expr to = slice.to() == null ? lit(-1) : sliceBound(slice.to(), node, scope);
        return list.lst().slice(from, to);
    }

    /** A character's position or a slice's bound of text, a whole number written in the query; null for NULL. */
    private Long textPosition(Expression index, Object node) {
        Expression written = Translator.unparenthesized(index);
        if (written instanceof net.sf.jsqlparser.expression.NullValue) {
            return null;
        }
        if (written instanceof LongValue value) {
            return clamped(value);
        }
        if (written instanceof SignedExpression signed && signed.getExpression() instanceof LongValue value) {
            return signed.getSign() == '-' ? -clamped(value) : clamped(value);
        }
        throw translator.error("a position in text must be a whole number written in the query, not " + index
                + " (substring takes others)", node);
    }

    /**
     * {@code s[a:b]} of text: characters {@code a} to {@code b}, both included, from 1 (negative from
     * the end, 0 as 1), clipped to the text, {@code ''} where the end comes before the start, as DuckDB.
     * Bounds are whole numbers written in the query; a negative start with a positive end is refused.
     */
    private Expr textSlice(Expr text, Slice slice, Object node) {
        Long from = slice.from() == null ? Long.valueOf(1) : textPosition(slice.from(), node);
        Long to = slice.to() == null ? Long.valueOf(-1) : textPosition(slice.to(), node);
        if (from == null || to == null) {
            return lit(null).cast(DataType.UTF8);
        }
        long a = Math.max(Math.min(from == 0 ? 1 : from, Integer.MAX_VALUE), -(long) Integer.MAX_VALUE);
        long b = Math.max(Math.min(to, Integer.MAX_VALUE), -(long) Integer.MAX_VALUE);
        if (a > 0 && b >= 0) {
            return text.str().slice((int) (a - 1), (int) Math.max(0, b - a + 1));
        }
        if (a > 0) { // to a place counted from the end
            Expr rest = a == 1 ? text : text.str().tail((int) -(a - 1));
            return b == -1 ? rest : rest.str().head((int) (b + 1));
        }
        if (b < 0) { // both from the end
            return b < a ? text.str().slice(Integer.MAX_VALUE, 0) : text.str().slice((int) a, (int) (b - a + 1));
        }
        throw translator.error("a slice of text from a place counted from its end (" + from + ") to one counted from "
                + "its start (" + to + ") is not supported; substring takes it", node);
    }

    private Expr sliceBound(Expression written, Object node, Scope scope) {
        Expr bound = expr(written, scope);
        DataType type = translator.typeOf(bound, scope);
        if (type != null && type != DataType.NULL && (!type.isInteger() || type == DataType.INT128)) {
            throw translator.error("a list slice's bounds must be whole numbers (TINYINT to BIGINT), and " + written + " is "
                    + type, node);
        }
        return bound;
    }

    /** {@code l[i]}: element {@code i} from 1 (negative from the end), null out of range or at 0, as DuckDB. */
    Expr listElement(Expr list, Expression index, Object node, Scope scope) {
        DataType type = translator.typeOf(list, scope); // null where the query aggregates: the plan's typer checks it then
        Expression key = Translator.unparenthesized(index);
        boolean position = key instanceof LongValue
                || key instanceof SignedExpression signed && signed.getExpression() instanceof LongValue;
        if (type != null && type.isStruct()) {
            // s['x']: the field x, as DuckDB's
            if (!(key instanceof net.sf.jsqlparser.expression.StringValue field)) {
                throw translator.error("[...] takes a field of a struct by its name written in the query, not " + index,
                        node);
            }
            return structField(list, translator.text(field), node, scope);
        }
        if (type != null && type.isMap() || type == null && !position) {
            // m[k]: the value of key k (null where it is missing), as DuckDB's
            Expr wanted = expr(index, scope);
            DataType keyType = translator.typeOf(wanted, scope);
            if (type != null && keyType != null && keyType != DataType.NULL
                    && Types.comparisonType(type.keyType(), keyType) == null) {
                throw translator.error("[...] looks up a key of " + Translator.sqlTypeName(keyType) + " among keys of "
                        + Translator.sqlTypeName(type.keyType()), node);
            }
            return list.map().get(wanted);
        }
        if (type == DataType.UTF8) {
            // s[i]: character i, from 1 (negative from the end), '' out of range, as DuckDB
            Long at = textPosition(index, node);
            if (at == null) {
                return lit(null).cast(DataType.UTF8);
            }
            return at == 0 || Math.abs(at) > Integer.MAX_VALUE ? list.str().slice(Integer.MAX_VALUE, 0)
                    : list.str().slice((int) (at > 0 ? at - 1 : at), 1);
        }
        if (type != null && !type.isList()) {
            throw translator.error("[...] takes an element of a list or a character of text, and this is " + type, node);
        }
        Expression written = Translator.unparenthesized(index);
        long at;
        if (written instanceof LongValue value) {
            at = clamped(value);
        } else if (written instanceof SignedExpression signed && signed.getExpression() instanceof LongValue value) {
            at = signed.getSign() == '-' ? -clamped(value) : clamped(value);
        } else {
            throw translator.error("a list index must be a whole number written in the query, not " + index, node);
        }
        if (at == 0 || Math.abs(at) > Integer.MAX_VALUE) {
            return list.lst().get(Integer.MAX_VALUE); // past any list's end: null, of the element type
        }
        return list.lst().get((int) (at > 0 ? at - 1 : at));
    }

    /**
     * The field that {@code COLUMNS(...)} stands for while an expression holding it is translated
     * once per column it matches ({@link SelectPlanner}); null elsewhere.
     */
    private Relation.Field columnsBinding;

    /** Makes {@code COLUMNS(...)} stand for {@code field} (null: for nothing); the binding it replaces. */
    Relation.Field bindColumns(Relation.Field field) {
        Relation.Field old = columnsBinding;
        columnsBinding = field;
        return old;
    }

    private Expr function(Function function, Scope scope) {
        if (function.getName() != null && function.getName().equalsIgnoreCase("unnest")) {
            String column = unnestColumns.get(function);
            if (column == null) {
                throw translator.error("unnest(...) goes in the select list, as SELECT unnest(l) AS x FROM t", function);
            }
            return function.getAttribute() instanceof Column attribute
                    ? fieldPath(col(column), attribute, function, scope) : col(column);
        }
        if (function.getName() != null && function.getName().equalsIgnoreCase("columns")
                && function.getAttribute() == null) {
            Relation.Field field = columnsBinding;
            if (field == null) {
                throw translator.error("COLUMNS(...) stands in a SELECT's select list, WHERE, GROUP BY, HAVING, QUALIFY "
                        + "and ORDER BY, once per column it names, not here", function);
            }
            if (scope.aggregating() && !scope.grouping().keyColumns.contains(field.column())) {
                throw translator.error("column \"" + field.display() + "\" (of " + function + ") must appear in GROUP BY "
                        + "or be used in an aggregate function", function);
            }
            return col(field.column());
        }
        if (function.getAttribute() instanceof Column attribute) {
            // f(...).x: field x of the struct f gives
            function.setAttribute((Column) null);
            try {
                return fieldPath(function(function, scope), attribute, function, scope);
            } finally {
                function.setAttribute(attribute);
            }
        }
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
                throw translator.error("an aggregate function cannot hold another one", function);
            }
            if (scope.grouping() == null) {
                throw translator.error("aggregate function " + name + " is not allowed here (WHERE, ON, GROUP BY)", function);
            }
            return aggregate(name, function, args, scope);
        }
        if (Translator.WINDOW_ONLY.contains(name)) {
            throw translator.error(name + " is a window function and needs OVER (...)", function);
        }
        if (function.isDistinct()) {
            throw translator.error("DISTINCT only goes with aggregate functions", function);
        }
        if (ScalarFunctions.find(name) == null) {
            throw translator.error(unknownFunction(function.getName()), function);
        }
        ScalarFunctions.Definition definition = ScalarFunctions.find(name);
        if (args.size() < definition.minArgs() || args.size() > definition.maxArgs()) {
            throw translator.error(arityMessage(function.getName(), definition.minArgs(), definition.maxArgs(), args.size()),
                    function);
        }
        List<Expr> x = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Expression arg = args.get(i);
            if (Translator.unparenthesized(arg) instanceof net.sf.jsqlparser.expression.LambdaExpression) {
                if (!definition.takesFunction() || i != 1) {
                    throw translator.error(definition.takesFunction() ? name + " takes its function (x -> ...) second"
                            : name + " takes no function (x -> ...)", arg);
                }
                x.add(null); // translated by the function, with its parameters in scope
                continue;
            }
            if (Translator.unparenthesized(arg) instanceof net.sf.jsqlparser.expression.PostgresNamedFunctionParameter named) {
                if (!name.equals("struct_pack") && !(name.equals("struct_insert") && i > 0)) {
                    throw translator.error("named arguments (" + named + ") are taken only by struct_pack and "
                            + "struct_insert", arg);
                }
                x.add(expr(named.getExpression(), scope)); // the name is the field's
                continue;
            }
            // an INTERVAL of months has no value of its own (a month has no fixed length): it is
            // translated, and refused, only where the function reads it as a value (date_add moves by it)
            x.add(Translator.unparenthesized(arg) instanceof net.sf.jsqlparser.expression.IntervalExpression interval
                    && interval(interval).months() != 0 ? null : expr(arg, scope));
        }
        try {
            return definition.translation().translate(new ScalarFunctions.Args(translator, function, name, args, x, scope));
        } catch (SqlException e) {
            if (e.constantArgument() == null) {
                throw e;
            }
            return perValue(definition, function, name, args, x, scope, e);
        }
    }

    /** Settings tried, in turn, to learn the type of a call whose settings come from the data. */
    private static final List<Object> TRIED_NUMBERS = List.of(0L, 1L, 2L, -1L);
    private static final List<Object> TRIED_TEXTS = List.of("", "a", ",", "year", "%Y", "x", "day", "hour");

    /**
     * A call whose arguments that must be constants (a pattern, a width, a unit) are columns or
     * other expressions: computed for each distinct tuple of their values by the translation of the
     * call with those values written in ({@link PerValue}), null where one is null, as DuckDB
     * computes such calls. {@code needed} is the refusal of the call as written; it is thrown
     * again where the call cannot be computed so (a function taking a lambda, settings that are
     * neither whole numbers nor text, a translation that reads an argument other than through its
     * value, settings for which no translation succeeds).
     */
    private Expr perValue(ScalarFunctions.Definition definition, Function function, String name, List<Expression> args,
            List<Expr> x, Scope scope, SqlException needed) {
        if (x.contains(null)) {
            throw needed;
        }
        // the other arguments' types, once: where the call is translated again, the scope may be gone (a lambda's)
        List<DataType> types = new ArrayList<>();
        for (Expr value : x) {
            types.add(translator.typeOf(value, scope));
        }
        java.util.TreeMap<Integer, Boolean> settings = new java.util.TreeMap<>(); // position -> whether a whole number
        SqlException refusal = needed;
        Expr made = null;
        for (int round = 0; made == null; round++) {
            int position = args.indexOf(refusal.constantArgument());
            if (position < 0 || settings.containsKey(position) || round > args.size()) {
                throw needed;
            }
            DataType type = types.get(position);
            boolean integer = refusal.integerArgument();
            // whole numbers of up to 64 bits (DuckDB takes no HUGEINT here), or text
            if (type == null || !(type == DataType.NULL
                    || (integer ? type.isInteger() && type != DataType.INT128 : type.isText()))) {
                throw needed;
            }
            settings.put(position, integer);
            refusal = null;
            for (int attempt = 0; attempt < TRIED && made == null && refusal == null; attempt++) {
                try {
                    Expr candidate = bound(definition, function, name, args, scope, settings, types,
                            tried(settings, attempt));
                    ExprTyper.typeOf(candidate, placeholderSchema(settings, types)); // typed, or the next settings
                    made = candidate;
                } catch (SqlException e) {
                    if (e.constantArgument() != null && args.contains(e.constantArgument())
                            && !settings.containsKey(args.indexOf(e.constantArgument()))) {
                        refusal = e; // another argument to take per value
                    }
                } catch (RuntimeException e) {
                    // these settings are refused (an empty separator): try the next ones
                }
            }
            if (made == null && refusal == null) {
                throw needed;
            }
        }
        Set<String> reads = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            reads.add(PerValue.input(i));
        }
        if (!reads.containsAll(ExprTrees.columns(made))) {
            throw needed; // the translation read an argument as written, not through its value
        }
        Schema placeholders = placeholderSchema(settings, types);
        DataType type;
        try {
            type = ExprTyper.typeOf(made, placeholders);
        } catch (RuntimeException e) {
            throw needed;
        }
        // a call whose type follows its settings (round of a DECIMAL to n places) is refused, as DuckDB refuses it
        for (int attempt = 0; attempt < TRIED; attempt++) {
            DataType other;
            try {
                other = ExprTyper.typeOf(bound(definition, function, name, args, scope, settings, types,
                        tried(settings, attempt)), placeholders);
            } catch (RuntimeException e) {
                continue;
            }
            if (other != type) {
                throw typeFollows(function, args, settings, type, other, null);
            }
        }
        int[] positions = settings.keySet().stream().mapToInt(Integer::intValue).toArray();
        String written = function.toString();
        PerValue binding = new Binding(positions, type, written, values -> {
            synchronized (translator) {
                int saved = depth;
                depth = Math.max(depth, 1); // as inside the expression the call was found in
                try {
                    return checkedBinding(definition, function, name, args, scope, settings, types, type, values);
                } finally {
                    depth = saved;
                }
            }
        });
        return PerValue.call(x, binding);
    }

    /** How many tuples of settings {@link #perValue} tries. */
    private static final int TRIED = Math.max(TRIED_NUMBERS.size(), TRIED_TEXTS.size());

    /** The {@code attempt}-th tuple of settings tried. */
    private static List<Object> tried(java.util.SortedMap<Integer, Boolean> settings, int attempt) {
        List<Object> tried = new ArrayList<>();
        for (boolean whole : settings.values()) {
            List<Object> from = whole ? TRIED_NUMBERS : TRIED_TEXTS;
            tried.add(from.get(Math.min(attempt, from.size() - 1)));
        }
        return tried;
    }

    /** The columns a bound call reads: each argument that is no setting, by its placeholder name. */
    private static Schema placeholderSchema(java.util.SortedMap<Integer, Boolean> settings, List<DataType> types) {
        List<Schema.Field> fields = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            if (!settings.containsKey(i)) {
                fields.add(new Schema.Field(PerValue.input(i), types.get(i) == null ? DataType.NULL : types.get(i)));
            }
        }
        return Schema.of(fields);
    }

    private SqlException typeFollows(Function function, List<Expression> args, java.util.SortedMap<Integer, Boolean> settings,
            DataType type, DataType other, List<Object> values) {
        List<Expression> varying = settings.keySet().stream().map(args::get).toList();
        return translator.error(function.getName() + "'s type follows the value of " + (varying.size() == 1
                ? varying.get(0) : varying.toString()) + " (" + Translator.sqlTypeName(type) + ", but "
                + Translator.sqlTypeName(other) + (values == null ? " for other values" : " for " + values)
                + "), so it must be written in the query", function);
    }

    /**
     * The call for one tuple of settings, met as the query runs: a NULL setting the function refuses
     * gives NULL, as DuckDB's; another refusal, or a type other than the call's, fails naming the call
     * and the settings.
     */
    private Expr checkedBinding(ScalarFunctions.Definition definition, Function function, String name,
            List<Expression> args, Scope scope, java.util.SortedMap<Integer, Boolean> settings, List<DataType> types,
            DataType type, List<Object> values) {
        Schema placeholders = placeholderSchema(settings, types);
        Expr made;
        DataType madeType;
        try {
            made = bound(definition, function, name, args, scope, settings, types, values);
            madeType = ExprTyper.typeOf(made, placeholders);
        } catch (RuntimeException e) {
            if (values.contains(null)) {
                return lit(null);
            }
            String reason = e instanceof SqlException sql ? sql.reason() : e.getMessage();
            for (int i = 0; i < args.size(); i++) {
                reason = reason.replace("col(\"" + PerValue.input(i) + "\")", args.get(i).toString());
            }
            List<Expression> varying = settings.keySet().stream().map(args::get).toList();
            throw translator.error(function + " with " + (varying.size() == 1 ? varying.get(0) + " = " + values.get(0)
                    : varying + " = " + values) + ": " + reason, function);
        }
        if (madeType != type && !(madeType == DataType.NULL && values.contains(null))) {
            throw typeFollows(function, args, settings, type, madeType, values);
        }
        return made;
    }

    /** The translation of a call with the arguments at {@code settings} written as {@code values}, over placeholders. */
    private Expr bound(ScalarFunctions.Definition definition, Function function, String name, List<Expression> args,
            Scope scope, java.util.SortedMap<Integer, Boolean> settings, List<DataType> types, List<Object> values) {
        List<Expression> written = new ArrayList<>(args);
        List<Expr> translated = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            translated.add(col(PerValue.input(i)));
        }
        int k = 0;
        for (Map.Entry<Integer, Boolean> setting : settings.entrySet()) {
            Object value = values.get(k++);
            if (setting.getValue() && value instanceof Number number) {
                // a count or position past an INTEGER's range reaches past any text: held at its bound;
                // substring adds its start and length first, so takes them whole (longArgument)
                long whole = number instanceof java.math.BigInteger big ? big.max(java.math.BigInteger.valueOf(
                        -Long.MAX_VALUE)).min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValue() : number.longValue();
                boolean positionsAdded = name.equalsIgnoreCase("substring") || name.equalsIgnoreCase("substr");
                value = positionsAdded ? Math.max(-Long.MAX_VALUE, whole)
                        : Math.max(-Integer.MAX_VALUE, Math.min(Integer.MAX_VALUE, whole));
            }
            Expression literal = literalOf(value);
            written.set(setting.getKey(), literal);
            translated.set(setting.getKey(), expr(literal, scope));
        }
        Map<String, Schema.Field> placeholders = new HashMap<>();
        for (Schema.Field field : placeholderSchema(settings, types).fields()) {
            placeholders.put(field.name(), field);
        }
        lambdaParameters.add(placeholders);
        try {
            return definition.translation().translate(new ScalarFunctions.Args(translator, function, name, written,
                    translated, scope));
        } finally {
            lambdaParameters.remove(lambdaParameters.size() - 1);
        }
    }

    /** A setting's value written as SQL: a whole number or text in quotes. */
    private static Expression literalOf(Object value) {
        if (value == null) {
            return new NullValue();
        }
        if (value instanceof Number number) {
            long n = number.longValue();
            if (n >= 0) {
                return new LongValue(n);
            }
            String digits = n == Long.MIN_VALUE ? "9223372036854775808" : String.valueOf(-n);
            return new SignedExpression('-', new LongValue(digits));
        }
        // quoted, as the parser writes it: the constructor takes the quotes off
        return new StringValue("'" + String.valueOf(value).replace("'", "''") + "'");
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
        known.addAll(Translator.WINDOW_ONLY);
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
            throw translator.error(part + " is not supported (" + function + ")", function);
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
        throw translator.error("this argument must be a whole number written in the query, not " + argument, argument)
                .needingConstant(argument, true);
    }

    /** {@link #intArgument}, held to the range of a long only (for a function that adds positions). */
    long longArgument(Expression argument, Object node) {
        if (argument instanceof SignedExpression signed && signed.getExpression() instanceof LongValue value) {
            long magnitude = clamped(value);
            return signed.getSign() == '-' ? -magnitude : magnitude;
        }
        if (argument instanceof LongValue value) {
            return clamped(value);
        }
        intArgument(argument, node); // refuses it, as for an int
        throw new IllegalStateException("unreachable");
    }

    String stringArgument(Expression argument, Object node) {
        if (argument instanceof StringValue value) {
            return translator.text(value);
        }
        throw translator.error("this argument must be text in quotes, not " + argument, argument)
                .needingConstant(argument, false);
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
        if (readsOnlyOuterColumns(args, scope)) {
            // SQL makes it an aggregate of the enclosing query (one value for all its rows); computed here it
            // would be one per outer row
            throw translator.error("an aggregate of the enclosing query's columns alone inside a subquery (" + function
                    + ") is not supported; compute it in the enclosing query", function);
        }
        AggregateFunctions.Definition definition = AggregateFunctions.find(name);
        Grouping grouping = scope.grouping();
        Scope inside = scope.inside();
        boolean star = args.size() == 1 && args.get(0) instanceof AllColumns;
        Expr condition = filter == null ? null : expr(filter, inside);
        if (condition != null && definition.has(AggregateFunctions.Trait.NO_FILTER)) {
            throw translator.error("FILTER (WHERE ...) on " + name + " is not supported: its rows' nulls count", filter);
        }
        if (function.getOrderByElements() != null && !function.getOrderByElements().isEmpty()
                && !definition.has(AggregateFunctions.Trait.ORDER_INSENSITIVE)) {
            // string_agg(s, ',' ORDER BY k), list(x ORDER BY k), first(x ORDER BY k): the rows in that order
            List<SortKey> keys = new ArrayList<>();
            for (OrderByElement element : function.getOrderByElements()) {
                if (element.getExpression() instanceof LongValue) {
                    throw translator.error("ORDER BY inside an aggregate takes expressions, not positions", element);
                }
                keys.add(SelectPlanner.sortKey(expr(element.getExpression(), inside), element));
            }
            grouping.orderInputBy(keys, function.getOrderByElements().toString(), function);
        }
        // the parser marks count(ALL x) "all columns" too: ALL is the default quantifier, x is still counted
        if (name.equals("count") && (star || args.isEmpty())) {
            if (function.isDistinct()) {
                throw translator.error("count(DISTINCT *) is not supported; count(DISTINCT x) counts the distinct values of x",
                        function);
            }
            return grouping.register(condition == null ? Exprs.len()
                    : Exprs.when(condition).then(lit(1)).otherwise(lit(null)).count());
        }
        if (function.isDistinct() && definition.has(AggregateFunctions.Trait.NO_DISTINCT)) {
            throw translator.error(name + "(DISTINCT ...) is not supported; " + name + "(x) is", function);
        }
        if (args.size() < definition.minArgs() || args.size() > definition.maxArgs()) {
            throw translator.error(arityMessage(function.getName(), definition.minArgs(), definition.maxArgs(), args.size()),
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
                new AggregateFunctions.Args(translator, function, function.isDistinct(), name, args, grouping::register, inside,
                        mask, translator.subqueries().neverNull(inside.relation().frame())));
    }

    /**
     * SQL's {@code sum}: of integers in {@code INT128} (DuckDB's {@code HUGEINT}), which no sum of
     * fewer than 2^64 values leaves; of REALs in DOUBLE, as DuckDB's (a REAL sum would round every
     * partial sum to 24 bits); of doubles in their type.
     */
    Expr exactSum(Expr x, Scope scope) {
        DataType type = translator.typeOf(x, scope);
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
        throw translator.error("this argument must be a number written in the query, not " + argument, argument);
    }

    /** {@code agg(x) FILTER (WHERE condition)} without OVER: an aggregate over the rows where the condition is true. */
    private Expr filteredAggregate(AnalyticExpression call, Scope scope) {
        String name = call.getName().toLowerCase(Locale.ROOT);
        if (!AggregateFunctions.isAggregate(name)) {
            throw translator.error("FILTER (WHERE ...) goes with aggregate functions; " + name + " is not one", call);
        }
        if (scope.insideAggregate()) {
            throw translator.error("an aggregate function cannot hold another one", call);
        }
        if (scope.grouping() == null) {
            throw translator.error("aggregate function " + name + " is not allowed here (WHERE, ON, GROUP BY)", call);
        }
        if (call.getKeep() != null || call.isIgnoreNulls()) {
            throw translator.error("KEEP and IGNORE NULLS inside an aggregate are not supported with FILTER (WHERE ...) ("
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
     * only), {@code mode()} (as {@code mode(x ORDER BY x)}, its order breaking ties), and
     * {@code string_agg}/{@code listagg(s, sep) WITHIN GROUP (ORDER BY ...)} (an ordered aggregate).
     */
    private Expr withinGroup(AnalyticExpression call, Scope scope) {
        String name = call.getName().toLowerCase(Locale.ROOT);
        if (scope.insideAggregate()) {
            throw translator.error("an aggregate function cannot hold another one", call);
        }
        if (scope.grouping() == null) {
            throw translator.error("aggregate function " + name + " is not allowed here (WHERE, ON, GROUP BY)", call);
        }
        List<OrderByElement> order = call.getOrderByElements();
        if (call.getFilterExpression() != null || call.isDistinct() || call.getKeep() != null || order == null
                || order.isEmpty()) {
            throw translator.error(name + " WITHIN GROUP takes one ORDER BY and no DISTINCT, FILTER or KEEP (" + call + ")", call);
        }
        Function function = new Function();
        List<Expression> args = new ArrayList<>();
        switch (name) {
            case "percentile_cont", "percentile_disc", "mode" -> {
                if (order.size() != 1) {
                    throw translator.error(name + " WITHIN GROUP orders by one value, not " + order.size(), call);
                }
                OrderByElement by = order.get(0);
                args.add(by.getExpression());
                if (name.equals("mode")) {
                    // the values in that order: of tied values, the first in it wins, as in DuckDB
                    function.setName("mode");
                    function.setOrderByElements(order);
                    break;
                }
                if (call.getExpression() == null || call.getOffset() != null) {
                    throw translator.error(name + " takes one fraction, as " + name + "(0.5) WITHIN GROUP (ORDER BY x)", call);
                }
                Expression q = call.getExpression();
                if (!by.isAsc()) {
                    if (name.equals("percentile_disc")) {
                        throw translator.error("percentile_disc WITHIN GROUP (ORDER BY ... DESC) is not supported; order ascending "
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
            default -> throw translator.error("WITHIN GROUP goes with percentile_cont, percentile_disc, mode, string_agg and listagg, "
                    + "not " + name, call);
        }
        return aggregate(function.getName(), function, args, scope);
    }
}
