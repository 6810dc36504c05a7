package dev.floe.sql;

import static dev.floe.frame.expr.Exprs.col;
import static dev.floe.frame.expr.Exprs.lit;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.LazyFrame;
import dev.floe.frame.Schema;
import dev.floe.frame.expr.Expr;
import dev.floe.frame.expr.Exprs;
import dev.floe.sql.Relation.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.select.Select;

/**
 * The statements that make and change the tables of a {@link SqlContext}: {@code CREATE TABLE}
 * with columns, {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code ALTER TABLE} and
 * {@code DESCRIBE}. A changed table is computed whole and registered again under its name.
 */
final class TableStatements {
    private final Translator translator;

    TableStatements(Translator translator) {
        this.translator = translator;
    }

    /** The translation of expressions (made after this part of the translator, so asked for when needed). */
    private ExpressionPlanner expressions() {
        return translator.expressions();
    }

    /** An empty table CREATE TABLE made, and what it said of its columns. */
    record Created(DataFrame columns, TableRules rules) {}

    /**
     * {@code CREATE TABLE t (a INTEGER, b VARCHAR, ...)}: an empty table of these columns, with
     * what the definitions say beyond their types (DEFAULT, NOT NULL, PRIMARY KEY, UNIQUE, CHECK;
     * see {@link TableRules}).
     */
    Created createTable(CreateTable create) {
        List<Schema.Field> fields = new ArrayList<>();
        Set<String> names = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (create.getColumnDefinitions() == null || create.getColumnDefinitions().isEmpty()) {
            throw translator.error("CREATE TABLE needs column definitions, as CREATE TABLE t (a INTEGER, b VARCHAR), or AS "
                    + "followed by a query", create.getTable());
        }
        if (create.getTableOptionsStrings() != null && !create.getTableOptionsStrings().isEmpty()
                || create.getLikeTable() != null) {
            throw translator.error("table options and LIKE in CREATE TABLE are not supported; name the columns and their "
                    + "types", create.getTable());
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        Set<String> notNull = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        List<TableRules.Key> keys = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        for (net.sf.jsqlparser.statement.create.table.ColumnDefinition column : create.getColumnDefinitions()) {
            String name = Translator.unquote(column.getColumnName());
            if (!names.add(name)) {
                throw translator.error("CREATE TABLE names column \"" + name + "\" twice", create.getTable());
            }
            fields.add(new Schema.Field(name, expressions().sqlType(column.getColDataType(), create.getTable())));
            if (column.getColumnSpecs() != null) {
                TableRules.readColumn(name, column.getColDataType().toString(), column.getColumnSpecs(), defaults, types,
                        notNull, keys, checks, message -> translator.error(message, create.getTable()));
            }
        }
        if (create.getIndexes() != null) {
            for (net.sf.jsqlparser.statement.create.table.Index index : create.getIndexes()) {
                if (index instanceof net.sf.jsqlparser.statement.create.table.CheckConstraint check) {
                    checks.add(check.getExpression().toString());
                    continue;
                }
                String type = index.getType() == null ? "" : index.getType().toUpperCase(java.util.Locale.ROOT);
                boolean primary = type.equals("PRIMARY KEY");
                if (!(index instanceof net.sf.jsqlparser.statement.create.table.NamedConstraint)
                        || !primary && !type.equals("UNIQUE")) {
                    throw translator.error("the constraint " + index + " is not supported; PRIMARY KEY (...), UNIQUE (...) "
                            + "and CHECK (...) are", create.getTable());
                }
                List<String> columns = new ArrayList<>();
                for (String written : index.getColumnsNames()) {
                    String column = Translator.unquote(written);
                    columns.add(names.stream().filter(column::equalsIgnoreCase).findFirst().orElseThrow(() -> translator.error(
                            "the constraint " + index + " names column \"" + column + "\", which the table does not have",
                            create.getTable())));
                }
                keys.add(new TableRules.Key(columns, primary));
                if (primary) {
                    notNull.addAll(columns);
                }
            }
        }
        if (keys.stream().filter(TableRules.Key::primary).count() > 1) {
            throw translator.error("a table has one PRIMARY KEY; CREATE TABLE names " + keys.stream()
                    .filter(TableRules.Key::primary).count(), create.getTable());
        }
        TableRules rules = new TableRules(defaults, types, notNull, keys, checks,
                Translator.unquote(create.getTable().getName()));
        // as DuckDB: a default or check is of the row alone (no aggregate, window or subquery)
        List<String> written = new ArrayList<>(defaults.values());
        written.addAll(checks);
        for (String text : written) {
            net.sf.jsqlparser.expression.Expression parsed;
            try {
                parsed = net.sf.jsqlparser.parser.CCJSqlParserUtil.parseExpression(text);
            } catch (net.sf.jsqlparser.JSQLParserException e) {
                throw translator.error("cannot read the DEFAULT or CHECK " + text, create.getTable());
            }
            if (Translator.containsAggregate(parsed) || Translator.containsWindow(parsed)
                    || Translator.containsSubquery(parsed)) {
                throw translator.error("a DEFAULT or CHECK cannot hold aggregates, window functions or subqueries: " + text,
                        create.getTable());
            }
            if (defaults.containsValue(text) && namesColumn(parsed)) {
                throw translator.error("DEFAULT value cannot contain column names: " + text, create.getTable());
            }
        }
        DataFrame columns = DataFrame.empty(Schema.of(fields));
        // each default and check read once now, so that one that cannot be fails here, not at the first INSERT
        if (!defaults.isEmpty()) {
            translator.guarded(() -> rules.defaultRows(translator.context(), new ArrayList<>(defaults.keySet()), 0),
                    create.getTable());
        }
        translator.guarded(() -> {
            rules.check(Translator.unquote(create.getTable().getName()), columns, columns, translator.context().config(),
                    create.getTable(), translator::error);
            return null;
        }, create.getTable());
        return new Created(columns, rules);
    }

    /** Whether {@code e} reads a column (words such as {@code localtimestamp} that the parser reads as columns aside). */
    private static boolean namesColumn(net.sf.jsqlparser.expression.Expression e) {
        if (e instanceof Column column && !Set.of("current_user", "user", "session_user", "localtime", "localtimestamp",
                "current_schema", "current_catalog", "current_role").contains(column.getColumnName().toLowerCase(
                java.util.Locale.ROOT))) {
            return true;
        }
        for (net.sf.jsqlparser.expression.Expression child : Translator.children(e)) {
            if (namesColumn(child)) {
                return true;
            }
        }
        return false;
    }

    /** The rows of the table a statement changes; a view or an unknown name is refused. */
    private DataFrame tableRows(Table table, String what) {
        String name = Translator.unquote(table.getFullyQualifiedName());
        DataFrame rows = translator.context().rows(name);
        if (rows == null) {
            throw translator.error(translator.context().table(name) != null ? what + " changes tables; \"" + name + "\" is a view"
                    : "unknown table \"" + name + "\"; tables are: " + translator.context().describeTables(), table);
        }
        return rows;
    }

    private static DataFrame count(long rows) {
        return DataFrame.of(dev.floe.frame.Series.of("Count", new long[] {rows}));
    }

    /** {@code INSERT INTO t [(columns)] VALUES ... | query}: the rows added, each value cast to its column's type. */
    DataFrame insert(net.sf.jsqlparser.statement.insert.Insert insert) {
        String refused = insert.getReturningClause() != null ? "RETURNING"
                : insert.getConflictAction() != null || insert.isUseDuplicate() ? "ON CONFLICT / ON DUPLICATE KEY"
                : insert.isUseSet() ? "INSERT ... SET"
                : insert.getModifierPriority() != null || insert.isModifierIgnore() ? "INSERT modifiers"
                : insert.isOverwrite() || insert.isOverriding() || insert.getOutputClause() != null
                        || insert.getPartitions() != null && !insert.getPartitions().isEmpty()
                        || insert.isOracleMultiInsert() ? "this dialect's INSERT option" : null;
        if (refused != null) {
            throw translator.error(refused + " is not supported in INSERT", insert.getTable());
        }
        if (insert.getSelect() == null && !insert.isOnlyDefaultValues()) {
            throw translator.error("INSERT needs VALUES or a query", insert.getTable());
        }
        DataFrame existing = tableRows(insert.getTable(), "INSERT");
        String tableName = translator.context().tableName(Translator.unquote(insert.getTable().getFullyQualifiedName()));
        if (insert.isOnlyDefaultValues()) {
            // one row, each column its default or null
            List<Expr> nulls = new ArrayList<>();
            for (Schema.Field field : existing.schema().fields()) {
                nulls.add(lit(null, field.type() == DataType.CATEGORICAL ? DataType.UTF8 : field.type()).alias(field.name()));
            }
            DataFrame nullRow = DataFrame.of(dev.floe.frame.Series.of("__floe_one", new long[] {0})).lazy().select(nulls)
                    .collect(translator.context().config());
            DataFrame added = withDefaults(nullRow, 1, existing.schema(), List.of(), tableName, insert.getTable());
            changed(tableName, existing, LazyFrame.concat(List.of(existing.lazy(), added.lazy()))
                    .collect(translator.context().config()), added);
            return count(added.height());
        }
        Schema schema = existing.schema();
        List<String> targets = new ArrayList<>();
        if (insert.getColumns() != null && !insert.getColumns().isEmpty()) {
            for (Column column : insert.getColumns()) {
                String name = Translator.unquote(column.getColumnName());
                String found = schema.names().stream().filter(name::equalsIgnoreCase).findFirst().orElse(null);
                if (found == null) {
                    throw translator.error("table \"" + insert.getTable().getName() + "\" has no column \"" + name
                            + "\"; its columns are: " + String.join(", ", schema.names()), column);
                }
                if (targets.contains(found)) {
                    throw translator.error("INSERT names column \"" + found + "\" twice", column);
                }
                targets.add(found);
            }
        } else {
            targets.addAll(schema.names());
        }
        Select source = insert.getSelect();
        // VALUES (DEFAULT, ...): each such cell null for now, and its column's default later
        Map<Integer, List<Integer>> defaultCells = source instanceof net.sf.jsqlparser.statement.select.Values values
                ? defaultCells(values) : Map.of();
        // VALUES into decimal columns: a number written with a point is the decimal it is written as
        List<DataType> targetTypes = targets.stream().map(schema::type).toList();
        LazyFrame rows = translator.guarded(() -> source instanceof net.sf.jsqlparser.statement.select.Values values
                ? translator.from().values(values, targetTypes).frame()
                : translator.query(source, new Env()).frame(), source);
        List<String> sourceNames = rows.schema().names();
        if (sourceNames.size() != targets.size()) {
            throw translator.error("INSERT into " + targets.size() + " columns got " + sourceNames.size() + " values a row",
                    source);
        }
        DataFrame conformedRows = translator.guarded(() -> conformed(rows, schema, targets), source)
                .collect(translator.context().config());
        // as DuckDB: the DEFAULT cells first, row by row as VALUES is read, then the columns left out
        DataFrame withCells = defaultCells.isEmpty() ? conformedRows
                : withDefaultCells(conformedRows, defaultCells, targets, tableName, source);
        DataFrame added = withDefaults(withCells, withCells.height(), schema, targets, tableName, source);
        DataFrame table = LazyFrame.concat(List.of(existing.lazy(), added.lazy())).collect(translator.context().config());
        changed(tableName, existing, table, added);
        return count(added.height());
    }

    /**
     * The cells of {@code VALUES} written {@code DEFAULT} (a bare word), by place in the row: the
     * rows that have one there, in order; each such cell made {@code NULL} in {@code values}.
     */
    private static Map<Integer, List<Integer>> defaultCells(net.sf.jsqlparser.statement.select.Values values) {
        Map<Integer, List<Integer>> cells = new java.util.TreeMap<>();
        List<net.sf.jsqlparser.expression.Expression> listed = values.getExpressions();
        boolean oneRow = FromPlanner.oneValuesRow(listed);
        for (int r = 0; r < (oneRow ? 1 : listed.size()); r++) {
            @SuppressWarnings("unchecked")
            List<net.sf.jsqlparser.expression.Expression> row = oneRow ? listed
                    : (List<net.sf.jsqlparser.expression.Expression>) listed.get(r);
            for (int c = 0; c < row.size(); c++) {
                if (row.get(c) instanceof Column column && column.getTable() == null
                        && column.getColumnName().equalsIgnoreCase("DEFAULT")) {
                    row.set(c, new net.sf.jsqlparser.expression.NullValue());
                    cells.computeIfAbsent(c, k -> new ArrayList<>()).add(r);
                }
            }
        }
        return cells;
    }

    /**
     * {@code rows} with the cells VALUES wrote {@code DEFAULT} taken from their columns' defaults,
     * each evaluated once, row by row and left to right in a row (so {@code nextval} counts as
     * DuckDB's does); a column without a default keeps the cell null.
     */
    private DataFrame withDefaultCells(DataFrame rows, Map<Integer, List<Integer>> cells, List<String> targets, String table,
            Object node) {
        TableRules rules = translator.context().rules(table);
        Map<Integer, List<String>> byRow = new java.util.TreeMap<>();
        cells.forEach((place, at) -> {
            String column = targets.get(place);
            if (rules.defaultOf(column) != null) {
                for (int r : at) {
                    byRow.computeIfAbsent(r, k -> new ArrayList<>()).add(column);
                }
            }
        });
        if (byRow.isEmpty()) {
            return rows;
        }
        Map<String, List<Object>> values = new LinkedHashMap<>();
        for (String name : rows.schema().names()) {
            values.put(name, new ArrayList<>(rows.column(name).toList()));
        }
        for (Map.Entry<Integer, List<String>> row : byRow.entrySet()) {
            List<String> columns = row.getValue().stream().sorted(java.util.Comparator.comparingInt(targets::indexOf)).toList();
            DataFrame one = translator.guarded(() -> rules.defaultRows(translator.context(), columns, 1), node);
            for (String column : columns) {
                values.get(column).set(row.getKey(), one.get(0, column));
            }
        }
        List<dev.floe.frame.Series> columns = new ArrayList<>();
        for (String name : rows.schema().names()) {
            columns.add(dev.floe.frame.Series.of(name, rows.schema().type(name), values.get(name)));
        }
        return DataFrame.of(columns);
    }

    /**
     * {@code rows} ({@code count} of them, for table {@code table} of {@code schema}) with the
     * columns the statement left out ({@code targets} are those it gave) taken from their defaults,
     * each evaluated once a row.
     */
    private DataFrame withDefaults(DataFrame rows, int count, Schema schema, List<String> targets, String table,
            Object node) {
        return translator.guarded(() -> withDefaults(translator.context(), rows, count, schema, targets, table), node);
    }

    /** As above, over {@code context} (COPY adds rows too). */
    static DataFrame withDefaults(SqlContext context, DataFrame rows, int count, Schema schema, List<String> targets,
            String table) {
        TableRules rules = context.rules(table);
        List<String> defaulted = new ArrayList<>();
        for (String column : schema.names()) {
            if (!targets.contains(column) && rules.defaultOf(column) != null) {
                defaulted.add(column);
            }
        }
        if (defaulted.isEmpty()) {
            return rows;
        }
        DataFrame defaults = rules.defaultRows(context, defaulted, count);
        List<dev.floe.frame.Series> columns = new ArrayList<>();
        for (Schema.Field field : schema.fields()) {
            columns.add(defaulted.contains(field.name()) ? defaults.column(field.name()) : rows.column(field.name()));
        }
        return DataFrame.of(columns);
    }

    /**
     * Rows to add to a table of {@code schema}: the columns of {@code rows} in order go to the
     * table's columns {@code targets}, each cast to its type as SQL casts; the others are null.
     */
    static LazyFrame conformed(LazyFrame rows, Schema schema, List<String> targets) {
        List<String> sourceNames = rows.schema().names();
        List<Expr> columns = new ArrayList<>();
        for (Schema.Field field : schema.fields()) {
            int at = targets.indexOf(field.name());
            DataType type = field.type() == DataType.CATEGORICAL ? DataType.UTF8 : field.type();
            DataType from = at < 0 ? null : rows.schema().type(sourceNames.get(at));
            if (ExpressionPlanner.noSqlCast(from, type)) {
                throw new dev.floe.FloeException("cannot put " + Translator.sqlTypeName(from) + " values into the "
                        + Translator.sqlTypeName(type) + " column " + field.name() + ", as in DuckDB: numbers and dates, "
                        + "times or intervals do not cast to each other (make_date, epoch_ms, epoch and to_days convert)");
            }
            Expr value = at < 0 ? lit(null, type) : ExpressionPlanner.sqlCast(col(sourceNames.get(at)), from, type, false);
            columns.add(value.alias(field.name()));
        }
        return rows.select(columns);
    }

    /** {@code UPDATE t SET a = ..., b = ... [WHERE ...]}: every value computed from the row as it was. */
    DataFrame update(net.sf.jsqlparser.statement.update.Update update) {
        if (update.getReturningClause() != null || update.getOrderByElements() != null || update.getLimit() != null
                || update.getOutputClause() != null || update.getWithItemsList() != null) {
            throw translator.error("RETURNING, ORDER BY, LIMIT and WITH are not supported in UPDATE", update.getTable());
        }
        if (update.getStartJoins() != null && !update.getStartJoins().isEmpty()) {
            throw translator.error("UPDATE t JOIN u is not supported; UPDATE t SET ... FROM u WHERE ... is",
                    update.getTable());
        }
        if (update.getFromItem() != null) {
            return updateFrom(update);
        }
        DataFrame existing = tableRows(update.getTable(), "UPDATE");
        Relation relation = tableRelation(update.getTable(), existing);
        Applies applies = new Applies();
        Scope scope = new Scope(relation, new Env(), null, applies);
        Expr condition = update.getWhere() == null ? lit(true)
                : translator.typed(translator.expr(update.getWhere(), scope), scope.schema(), update.getWhere(), "WHERE");
        Map<String, Expr> values = new LinkedHashMap<>();
        for (Map.Entry<Column, net.sf.jsqlparser.expression.Expression> pair : setPairs(update)) {
            Column column = pair.getKey();
            Field field = expressions().resolve(column, relation);
            if (values.containsKey(field.column())) {
                throw translator.error("UPDATE sets column \"" + field.name() + "\" twice", column);
            }
            DataType type = existing.schema().type(field.column());
            type = type == DataType.CATEGORICAL ? DataType.UTF8 : type;
            net.sf.jsqlparser.expression.Expression set = defaultOr(pair.getValue(), update.getTable(), field.column());
            Expr value = translator.expr(set, scope);
            Expr written = type.isDecimal() ? expressions().writtenDecimal(set, type, false) : null;
            values.put(field.column(), written != null ? written
                    : ExpressionPlanner.sqlCast(value, translator.typeOf(value, scope), type, false));
        }
        String changed = translator.fresh("__floe_changed");
        Expr when = condition.fillNull(false);
        List<Expr> columns = new ArrayList<>();
        for (String name : existing.schema().names()) {
            Expr value = values.get(name);
            columns.add(value == null ? col(name) : Exprs.when(when).then(value).otherwise(col(name)).alias(name));
        }
        columns.add(when.alias(changed));
        LazyFrame joined = applies.apply(existing.lazy());
        DataFrame result = translator.guarded(() -> joined.select(columns), update).collect(translator.context().config());
        long rows = result.column(changed).toDoubleArray().length == 0 ? 0 : countTrue(result, changed);
        DataFrame updated = result.drop(changed);
        changed(Translator.unquote(update.getTable().getFullyQualifiedName()), existing, updated, updated);
        return count(rows);
    }

    /**
     * {@code value}, or where it is the word {@code DEFAULT} (SET c = DEFAULT) the column's default
     * (evaluated for each row it sets), NULL where it has none.
     */
    private net.sf.jsqlparser.expression.Expression defaultOr(net.sf.jsqlparser.expression.Expression value, Table table,
            String column) {
        if (!(value instanceof Column word && word.getTable() == null && word.getColumnName().equalsIgnoreCase("DEFAULT"))) {
            return value;
        }
        String written = translator.context().rules(translator.context().tableName(Translator.unquote(
                table.getFullyQualifiedName()))).defaultOf(column);
        try {
            return written == null ? new net.sf.jsqlparser.expression.NullValue()
                    : net.sf.jsqlparser.parser.CCJSqlParserUtil.parseExpression(written);
        } catch (net.sf.jsqlparser.JSQLParserException e) {
            throw translator.error("cannot read the default of \"" + column + "\": " + written, value);
        }
    }

    /** The columns an UPDATE sets and their values, in order; a SET of more columns than values (or fewer) fails. */
    private List<Map.Entry<Column, net.sf.jsqlparser.expression.Expression>> setPairs(
            net.sf.jsqlparser.statement.update.Update update) {
        List<Map.Entry<Column, net.sf.jsqlparser.expression.Expression>> pairs = new ArrayList<>();
        for (net.sf.jsqlparser.statement.update.UpdateSet set : update.getUpdateSets()) {
            if (set.getColumns().size() != set.getValues().size()) {
                throw translator.error("SET gives " + set.getColumns().size() + " columns " + set.getValues().size() + " values",
                        update.getTable());
            }
            for (int i = 0; i < set.getColumns().size(); i++) {
                pairs.add(Map.entry(set.getColumns().get(i), set.getValue(i)));
            }
        }
        return pairs;
    }

    /**
     * {@code UPDATE t SET c = e, ... FROM u [, v ...] [WHERE cond]}, as DuckDB's: each row of
     * {@code t} that the join of {@code t} with the FROM items (on WHERE) gives a row for takes
     * the values the SET expressions have on that row; the other rows stay. A row of {@code t}
     * that more than one joined row matches fails the statement (which one would win is not
     * defined), as does a SET of a column twice.
     */
    private DataFrame updateFrom(net.sf.jsqlparser.statement.update.Update update) {
        DataFrame existing = tableRows(update.getTable(), "UPDATE");
        String row = translator.fresh("__floe_update_row");
        Table target = update.getTable();
        String name = Translator.unquote(target.getFullyQualifiedName());
        String qualifier = target.getAlias() != null ? target.getAlias().getName() : target.getFullyQualifiedName();
        List<net.sf.jsqlparser.statement.select.Join> joins = new ArrayList<>();
        joins.add(commaJoin(update.getFromItem()));
        if (update.getJoins() != null) {
            joins.addAll(update.getJoins());
        }
        net.sf.jsqlparser.statement.select.PlainSelect select = joinedRows(target, existing, row, joins, update.getWhere());
        Relation relation = tableRelation(target, existing);
        List<String> columns = new ArrayList<>();
        for (Map.Entry<Column, net.sf.jsqlparser.expression.Expression> pair : setPairs(update)) {
            Column column = pair.getKey();
            if (column.getTable() != null && column.getTable().getName() != null
                    && !Translator.unquote(column.getTable().getName()).equalsIgnoreCase(Translator.unquote(qualifier))) {
                throw translator.error("SET names the target table's columns, not " + column, column);
            }
            Field field = expressions().resolve(new Column(column.getColumnName()), relation);
            if (columns.contains(field.column())) {
                throw translator.error("UPDATE sets column \"" + field.name() + "\" twice", column);
            }
            columns.add(field.column());
            if (Translator.containsAggregate(pair.getValue()) || Translator.containsWindow(pair.getValue())) {
                throw translator.error("aggregates and window functions are not allowed in UPDATE's SET", pair.getValue());
            }
            select.addSelectItem(defaultOr(pair.getValue(), target, field.column()),
                    new net.sf.jsqlparser.expression.Alias("\"__floe_set_" + columns.size() + "\""));
        }
        DataFrame matches = matchedRows(select, existing, row, update);
        String rowColumn = matches.schema().names().get(0);
        long[] rows = matches.column(rowColumn).toLongArray();
        // a row of t that several joined rows match: refused where they would set it to different values
        int[] first = new int[existing.height()];
        java.util.Arrays.fill(first, -1);
        List<String> setColumns = matches.schema().names().subList(1, matches.schema().size());
        for (int m = 0; m < rows.length; m++) {
            int r = (int) rows[m];
            if (first[r] < 0) {
                first[r] = m;
                continue;
            }
            for (String column : setColumns) {
                if (!java.util.Objects.equals(matches.get(first[r], column), matches.get(m, column))) {
                    throw translator.error("UPDATE ... FROM: row " + (r + 1) + " of \"" + name + "\" is matched by "
                            + "more than one row of FROM, which would set it to different values; make the join give "
                            + "one row per row of \"" + name + "\"", update.getTable());
                }
            }
        }
        DataFrame distinct = matches.lazy().unique(rowColumn).collect(translator.context().config());
        // the new values by row, joined back to the table's rows; a row without one keeps its values
        List<Expr> set = new ArrayList<>();
        set.add(col(rowColumn).alias(row));
        List<String> valueNames = distinct.schema().names().subList(1, distinct.schema().size());
        for (int c = 0; c < columns.size(); c++) {
            DataType type = existing.schema().type(columns.get(c));
            type = type == DataType.CATEGORICAL ? DataType.UTF8 : type;
            String value = valueNames.get(c);
            set.add(ExpressionPlanner.sqlCast(col(value), distinct.schema().type(value), type, false).alias("__floe_new_" + c));
        }
        set.add(lit(true).alias("__floe_matched"));
        LazyFrame values = translator.guarded(() -> distinct.lazy().select(set), update);
        LazyFrame table = existing.lazy().withRowIndex(row).join(values, List.of(row), List.of(row),
                dev.floe.frame.plan.JoinType.LEFT, "_new").sort(row);
        List<Expr> out = new ArrayList<>();
        for (String column : existing.schema().names()) {
            int c = columns.indexOf(column);
            out.add(c < 0 ? col(column) : Exprs.when(col("__floe_matched").fillNull(false)).then(col("__floe_new_" + c))
                    .otherwise(col(column)).alias(column));
        }
        DataFrame result = translator.guarded(() -> table.select(out), update).collect(translator.context().config());
        changed(name, existing, result, result);
        return count(distinct.height());
    }

    /**
     * The rows of {@code select} (from {@link #joinedRows}): the target's row numbers that the join
     * gives, and what else it selects; rows the join gives without a row of the target (an outer
     * join's) left out.
     */
    private DataFrame matchedRows(net.sf.jsqlparser.statement.select.PlainSelect select, DataFrame existing, String row,
            Object node) {
        Relation joined = translator.query(select, new Env().with(row, Relation.of(existing.lazy().withRowIndex(row),
                null)));
        String rowColumn = joined.frame().schema().names().get(0);
        return translator.guarded(() -> joined.frame().filter(col(rowColumn).isNotNull()), node)
                .collect(translator.context().config());
    }

    /**
     * {@code SELECT t.row FROM t, joins WHERE where}: the rows of {@code t} (read through a CTE of
     * its name that numbers them in column {@code row}) that the join gives a row for, once per
     * joined row; the caller adds what else it selects.
     */
    private net.sf.jsqlparser.statement.select.PlainSelect joinedRows(Table target, DataFrame existing, String row,
            List<net.sf.jsqlparser.statement.select.Join> joins, net.sf.jsqlparser.expression.Expression where) {
        net.sf.jsqlparser.statement.select.PlainSelect select = new net.sf.jsqlparser.statement.select.PlainSelect();
        // the target's item reads the numbered rows under a name of its own, as the target's name or alias;
        // every other mention of the table (a subquery, a second FROM item) reads the table as it is
        Table from = new Table(Translator.quoted(row));
        from.setAlias(target.getAlias() != null ? target.getAlias()
                : new net.sf.jsqlparser.expression.Alias(target.getFullyQualifiedName()));
        select.setFromItem(from);
        select.setJoins(joins);
        select.setWhere(where);
        String qualifier = target.getAlias() != null ? target.getAlias().getName() : target.getFullyQualifiedName();
        select.addSelectItem(new Column(new Table(qualifier), "\"" + row + "\""));
        return select;
    }

    private static net.sf.jsqlparser.statement.select.Join commaJoin(net.sf.jsqlparser.statement.select.FromItem item) {
        net.sf.jsqlparser.statement.select.Join join = new net.sf.jsqlparser.statement.select.Join();
        join.setSimple(true);
        join.setFromItem(item);
        return join;
    }

    /**
     * {@code DELETE FROM t USING u [, v ...] [WHERE ...]}, as DuckDB's: the rows of {@code t} that the
     * join of {@code t} with the USING items (on WHERE) gives a row for are removed.
     */
    private DataFrame deleteUsing(net.sf.jsqlparser.statement.delete.Delete delete) {
        Table target = delete.getTable();
        DataFrame existing = tableRows(target, "DELETE");
        String name = Translator.unquote(target.getFullyQualifiedName());
        String row = translator.fresh("__floe_delete_row");
        List<net.sf.jsqlparser.statement.select.Join> joins = new ArrayList<>();
        for (net.sf.jsqlparser.statement.select.FromItem using : delete.getUsingFromItemList()) {
            joins.add(commaJoin(using));
        }
        if (delete.getJoins() != null) {
            joins.addAll(delete.getJoins());
        }
        net.sf.jsqlparser.statement.select.PlainSelect select = joinedRows(target, existing, row, joins, delete.getWhere());
        DataFrame matches = matchedRows(select, existing, row, delete);
        boolean[] removed = new boolean[existing.height()];
        long count = 0;
        for (long r : matches.column(matches.schema().names().get(0)).toLongArray()) {
            if (!removed[(int) r]) {
                removed[(int) r] = true;
                count++;
            }
        }
        // the rows kept: a join of the table's numbered rows with the numbers of those not removed
        long[] kept = new long[(int) (removed.length - count)];
        for (int r = 0, k = 0; r < removed.length; r++) {
            if (!removed[r]) {
                kept[k++] = r;
            }
        }
        LazyFrame keep = DataFrame.of(dev.floe.frame.Series.of(row, kept)).lazy();
        DataFrame result = translator.guarded(() -> existing.lazy().withRowIndex(row).join(keep, List.of(row), List.of(row),
                dev.floe.frame.plan.JoinType.SEMI, "_kept").sort(row).drop(row), delete)
                .collect(translator.context().config());
        changed(name, existing, result, null);
        return count(count);
    }

    /**
     * The new rows of table {@code name} registered under the name it has (the statement may spell
     * it in another case), once they keep its rules (NOT NULL and CHECK of {@code fresh}, the rows
     * the statement added or changed, or none for a deletion; keys of all the rows): else the
     * statement fails, naming the rule, and the table stays as it was. The rows are swapped only if
     * the table still holds {@code before}, the rows the statement read: a statement of another
     * thread that changed it in between makes this one fail (rather than lose that one's rows).
     */
    private void changed(String name, DataFrame before, DataFrame rows, DataFrame fresh) {
        SqlContext context = translator.context();
        synchronized (context) {
            String table = context.tableName(name);
            if (context.rows(table) != before) {
                throw translator.error("table \"" + table + "\" changed while this statement ran (another statement "
                        + "changed it); run the statement again", null);
            }
            context.rules(table).check(table, rows, fresh, context.config(), null, translator::error);
            context.replaceRows(table, rows);
        }
    }

    /** {@code DELETE FROM t [WHERE ...]}: the rows where the condition is true left out. */
    DataFrame delete(net.sf.jsqlparser.statement.delete.Delete delete) {
        if (delete.getTables() != null && !delete.getTables().isEmpty()
                || delete.getJoins() != null && !delete.getJoins().isEmpty()
                        && (delete.getUsingFromItemList() == null || delete.getUsingFromItemList().isEmpty())) {
            throw translator.error("DELETE t FROM ... JOIN is not supported; DELETE FROM t USING u WHERE ... is",
                    delete.getTable());
        }
        if (delete.getReturningClause() != null || delete.getOrderByElements() != null || delete.getLimit() != null
                || delete.getOutputClause() != null || delete.getWithItemsList() != null) {
            throw translator.error("RETURNING, ORDER BY, LIMIT and WITH are not supported in DELETE", delete.getTable());
        }
        if (delete.getUsingFromItemList() != null && !delete.getUsingFromItemList().isEmpty()) {
            return deleteUsing(delete);
        }
        DataFrame existing = tableRows(delete.getTable(), "DELETE");
        String name = Translator.unquote(delete.getTable().getFullyQualifiedName());
        if (delete.getWhere() == null) {
            changed(name, existing, DataFrame.empty(existing.schema()), null);
            return count(existing.height());
        }
        Relation relation = tableRelation(delete.getTable(), existing);
        Applies applies = new Applies();
        Scope scope = new Scope(relation, new Env(), null, applies);
        Expr condition = translator.typed(translator.expr(delete.getWhere(), scope), scope.schema(), delete.getWhere(), "WHERE");
        LazyFrame joined = applies.apply(existing.lazy());
        String[] columns = existing.schema().names().toArray(String[]::new);
        DataFrame kept = translator.guarded(() -> joined.filter(condition.fillNull(false).not()).select(columns), delete)
                .collect(translator.context().config());
        changed(name, existing, kept, null);
        return count(existing.height() - kept.height());
    }

    /** A table's rows as a relation named as the statement names it (its alias, if any). */
    private Relation tableRelation(Table table, DataFrame rows) {
        String qualifier = table.getAlias() != null ? Translator.unquote(table.getAlias().getName()) : Translator.unquote(table.getName());
        return Relation.of(rows.lazy(), qualifier);
    }

    private static long countTrue(DataFrame frame, String column) {
        long count = 0;
        for (int r = 0; r < frame.height(); r++) {
            if (Boolean.TRUE.equals(frame.get(r, column))) {
                count++;
            }
        }
        return count;
    }

    /** {@code ALTER TABLE t ADD [COLUMN] c type | DROP [COLUMN] c | RENAME [COLUMN] a TO b | RENAME TO u}. */
    DataFrame alter(net.sf.jsqlparser.statement.alter.Alter alter) {
        String name = Translator.unquote(alter.getTable().getFullyQualifiedName());
        if (alter.getAlterExpressions().size() > 1) {
            // as DuckDB: one change a statement, so a statement fails whole or changes the table
            throw translator.error("ALTER TABLE makes one change a statement; this names " + alter.getAlterExpressions().size(),
                    alter.getTable());
        }
        String oldName = name;
        for (net.sf.jsqlparser.statement.alter.AlterExpression change : alter.getAlterExpressions()) {
            DataFrame rows = tableRows(alter.getTable(), "ALTER TABLE");
            Schema schema = rows.schema();
            TableRules rules = translator.context().rules(translator.context().tableName(name));
            DataFrame changed = switch (change.getOperation()) {
                case ADD -> {
                    if (change.getColDataTypeList() == null || change.getColDataTypeList().isEmpty()) {
                        throw translator.error("ALTER TABLE ... ADD takes a column and its type (" + change + ")", alter.getTable());
                    }
                    List<Expr> columns = new ArrayList<>();
                    List<String> defaulted = new ArrayList<>();
                    for (var column : change.getColDataTypeList()) {
                        String added = Translator.unquote(column.getColumnName());
                        if (schema.names().stream().anyMatch(added::equalsIgnoreCase)) {
                            throw translator.error("table \"" + name + "\" has a column \"" + added + "\" already", alter.getTable());
                        }
                        DataType type = expressions().sqlType(column.getColDataType(), alter.getTable());
                        columns.add(lit(null, type).alias(added));
                        if (column.getColumnSpecs() != null && !column.getColumnSpecs().isEmpty()) {
                            // DEFAULT (the rows there take it) and NOT NULL; keys and checks of a new column are refused
                            Map<String, String> defaults = new LinkedHashMap<>();
                            Map<String, String> types = new LinkedHashMap<>();
                            Set<String> notNull = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                            List<TableRules.Key> keys = new ArrayList<>();
                            List<String> checks = new ArrayList<>();
                            TableRules.readColumn(added, column.getColDataType().toString(), column.getColumnSpecs(), defaults,
                                    types, notNull, keys, checks, message -> translator.error(message, alter.getTable()));
                            if (!keys.isEmpty() || !checks.isEmpty()) {
                                throw translator.error("ALTER TABLE ... ADD takes DEFAULT and NOT NULL, not keys or checks ("
                                        + String.join(" ", column.getColumnSpecs()) + ")", alter.getTable());
                            }
                            rules = rules.with(added, defaults.get(added), types.get(added), notNull.contains(added));
                            if (defaults.containsKey(added)) {
                                defaulted.add(added);
                            }
                        }
                    }
                    DataFrame widened = rows.lazy().withColumns(columns).collect(translator.context().config());
                    if (!defaulted.isEmpty()) {
                        TableRules withDefault = rules;
                        int height = widened.height();
                        DataFrame values = translator.guarded(() -> withDefault.defaultRows(translator.context(), defaulted,
                                height), alter.getTable());
                        List<dev.floe.frame.Series> all = new ArrayList<>();
                        for (String column : widened.schema().names()) {
                            all.add(defaulted.contains(column) ? values.column(column) : widened.column(column));
                        }
                        widened = DataFrame.of(all);
                    }
                    yield widened;
                }
                case DROP -> {
                    String dropped = existingColumn(schema, change.getColumnName(), name, alter.getTable());
                    if (rules.keyOf(dropped) != null || rules.checkNames(dropped)) {
                        throw translator.error("cannot drop \"" + dropped + "\": a key or CHECK of \"" + name
                                + "\" names it", alter.getTable());
                    }
                    rules = rules.without(dropped); // its default and NOT NULL go with it
                    if (schema.size() == 1) {
                        throw translator.error("cannot drop \"" + dropped + "\", the only column of \"" + name + "\"",
                                alter.getTable());
                    }
                    yield rows.drop(dropped);
                }
                case RENAME -> {
                    String old = change.getColOldName() != null ? change.getColOldName() : change.getColumnOldName();
                    String from = existingColumn(schema, old, name, alter.getTable());
                    String to = Translator.unquote(change.getColumnName());
                    if (!from.equalsIgnoreCase(to) && schema.names().stream().anyMatch(to::equalsIgnoreCase)) {
                        throw translator.error("table \"" + name + "\" has a column \"" + to + "\" already", alter.getTable());
                    }
                    if (rules.checkNames(from) && !from.equals(to)) {
                        throw translator.error("cannot rename \"" + from + "\": a CHECK of \"" + name + "\" names it",
                                alter.getTable());
                    }
                    rules = rules.renamed(from, to);
                    yield rows.lazy().rename(from, to).collect(translator.context().config());
                }
                case RENAME_TABLE -> {
                    String to = Translator.unquote(change.getNewTableName());
                    if (translator.context().table(to) != null && !to.equalsIgnoreCase(name)) {
                        throw translator.error("table \"" + to + "\" already exists", alter.getTable());
                    }
                    name = to; // the old name dropped once the rows are kept under the new one
                    yield rows;
                }
                default -> throw translator.error("ALTER TABLE " + change.getOperation() + " is not supported; ADD COLUMN, DROP "
                        + "COLUMN, RENAME COLUMN and RENAME TO are", alter.getTable());
            };
            // the rules hold for the rows first (NOT NULL of a column added to rows without a default fails)
            rules.check(name, changed, changed, translator.context().config(), alter.getTable(), translator::error);
            SqlContext context = translator.context();
            synchronized (context) {
                // the old name, the rows and the rules swapped at once, if no statement changed the table meanwhile
                if (context.rows(context.tableName(oldName)) != rows) {
                    throw translator.error("table \"" + oldName + "\" changed while ALTER TABLE ran; run it again",
                            alter.getTable());
                }
                if (!name.equals(oldName)) {
                    context.drop(oldName);
                }
                context.register(name, changed);
                context.setRules(context.tableName(name), rules);
            }
        }
        return Translator.empty();
    }

    private String existingColumn(Schema schema, String column, String table, Object node) {
        String name = Translator.unquote(column);
        return schema.names().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElseThrow(() -> translator.error(
                "table \"" + table + "\" has no column \"" + name + "\"; its columns are: "
                        + String.join(", ", schema.names()), node));
    }

    /** {@code DESCRIBE t}: a row per column, its name and SQL type, as DuckDB shows them. */
    DataFrame describe(net.sf.jsqlparser.statement.DescribeStatement describe) {
        String name = Translator.unquote(describe.getTable().getFullyQualifiedName());
        LazyFrame table = translator.context().table(name);
        if (table == null) {
            table = translator.from().table(describe.getTable(), new Env()).frame();
        }
        return describe(table.schema(), translator.context().rules(translator.context().tableName(name)));
    }

    private static final String NAME = "(?:\"(?:[^\"]|\"\")*\"|[A-Za-z_][A-Za-z0-9_$]*)";
    /** {@code INSERT INTO t BY NAME|POSITION query}: the table, the word and where the query begins. */
    private static final java.util.regex.Pattern INSERT_BY = java.util.regex.Pattern.compile(
            "(?is)(?:\\s|--[^\\n]*(?:\\n|$)|/\\*.*?\\*/)*INSERT\\s+INTO\\s+(" + NAME + "(?:\\s*\\.\\s*" + NAME + ")*)\\s+BY\\s+(NAME|POSITION)\\s+(\\S.*)");

    /** Whether the statement is an {@code INSERT INTO t BY NAME|POSITION ...}. */
    static boolean insertBy(String statement) {
        return INSERT_BY.matcher(statement).matches();
    }

    /**
     * {@code INSERT INTO t BY NAME query}, as DuckDB's: the query's columns go to the table's
     * columns of their names (in any case), the others null; a name the table lacks, or one given
     * twice, fails. {@code BY POSITION} is the plain {@code INSERT INTO t query}. Run as the
     * INSERT with that column list.
     */
    static DataFrame insertBy(SqlContext context, String statement) {
        java.util.regex.Matcher matcher = INSERT_BY.matcher(statement);
        if (!matcher.matches()) {
            throw new SqlException("expected INSERT INTO t BY NAME query", statement, 1, 1);
        }
        String table = matcher.group(1);
        String query = matcher.group(3);
        if (matcher.group(2).equalsIgnoreCase("POSITION")) {
            return new Translator(context, "INSERT INTO " + table + " " + query).run();
        }
        if (!java.util.regex.Pattern.compile("(?is)(?:SELECT|FROM|WITH)\\b.*|\\(.*").matcher(query).matches()) {
            throw new SqlException("INSERT ... BY NAME takes a query (SELECT, FROM, WITH), whose columns' names say "
                    + "where their values go; VALUES has no names", statement, 1, 1 + matcher.start(3));
        }
        LazyFrame frame;
        try {
            frame = new Translator(context, query).plan();
        } catch (SqlException e) {
            throw e.placedIn(statement, matcher.start(3));
        }
        String name = Translator.unquote(table.replaceAll("\\s*\\.\\s*", "."));
        if (context.table(name) == null) {
            throw new SqlException("unknown table \"" + name + "\"", statement, 1, 1 + matcher.start(1));
        }
        Schema target = context.schema(name);
        List<String> columns = new ArrayList<>();
        for (String column : frame.schema().names()) {
            String found = target.names().stream().filter(n -> n.equalsIgnoreCase(column)).findFirst().orElseThrow(() ->
                    new SqlException("table \"" + name + "\" has no column \"" + column + "\" (INSERT ... BY NAME); its "
                            + "columns are: " + String.join(", ", target.names()), statement, 1, 1 + matcher.start(3)));
            if (columns.contains(found)) {
                throw new SqlException("the query gives column \"" + found + "\" twice (INSERT ... BY NAME)", statement, 1,
                        1 + matcher.start(3));
            }
            columns.add(found);
        }
        String list = String.join(", ", columns.stream().map(c -> "\"" + c.replace("\"", "\"\"") + "\"").toList());
        // the query's end on a line of its own: a comment at its end would take the parenthesis
        return new Translator(context, "INSERT INTO " + table + " (" + list + ") SELECT * FROM (" + query + "\n)").run();
    }

    private static final java.util.regex.Pattern DESCRIBE_QUERY = java.util.regex.Pattern.compile(
            "(?is)\\s*DESC(?:RIBE)?\\s+((?:SELECT|FROM|WITH|VALUES)\\b.*|\\(.*)");

    /** Where the query of {@code DESCRIBE query} begins in {@code statement}, or -1 where it describes no query. */
    static int describedQuery(String statement) {
        java.util.regex.Matcher matcher = DESCRIBE_QUERY.matcher(statement);
        return matcher.matches() ? matcher.start(1) : -1;
    }

    /**
     * {@code DESCRIBE query} ({@code DESCRIBE SELECT ...}, {@code DESCRIBE FROM t}): the columns the
     * query gives, as {@code DESCRIBE table} lists a table's, without running it. An error in the
     * query names its place in the statement.
     */
    static DataFrame describeQuery(SqlContext context, String statement, int at) {
        String query = statement.substring(at);
        try {
            return describe(new Translator(context, query).plan().schema());
        } catch (SqlException e) {
            throw e.placedIn(statement, at);
        }
    }

    /** The rows DuckDB's DESCRIBE gives for columns of {@code schema}. */
    static DataFrame describe(Schema schema) {
        return describe(schema, TableRules.NONE);
    }

    /** As above, for a table whose columns {@code rules} tell of: NOT NULL ("NO"), PRI or UNI, the default as written. */
    static DataFrame describe(Schema schema, TableRules rules) {
        int n = schema.size();
        String[] names = new String[n];
        String[] types = new String[n];
        String[] nulls = new String[n];
        String[] keys = new String[n];
        String[] defaults = new String[n];
        for (int c = 0; c < n; c++) {
            Schema.Field field = schema.field(c);
            names[c] = field.name();
            types[c] = Translator.sqlTypeName(field.type());
            nulls[c] = rules.notNull().contains(field.name()) ? "NO" : "YES";
            keys[c] = rules.keyOf(field.name());
            defaults[c] = rules.writtenDefault(field.name());
        }
        return DataFrame.of(dev.floe.frame.Series.of("column_name", names),
                dev.floe.frame.Series.of("column_type", types), dev.floe.frame.Series.of("null", nulls),
                dev.floe.frame.Series.of("key", keys), dev.floe.frame.Series.of("default", defaults),
                dev.floe.frame.Series.of("extra", new String[n]));
    }
}
