package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.floe.frame.DataFrame;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Floe and DuckDB answer the same random queries ({@link RandomQueries}) over the same random
 * tables ({@link RandomTable}), and their answers must hold the same rows: in any order unless
 * the query's ORDER BY fixes it, integers exactly equal (HUGEINTs too), floating point equal to a
 * relative 1e-9 (NaN to NaN). Where DuckDB fails on the data (an out-of-range or conversion
 * error: an overflow, a logarithm of zero), Floe must fail too. A failing case is shrunk (rows
 * dropped while it still fails) and printed as SQL that rebuilds it: the tables, the query, both
 * answers.
 *
 * <p>A few differences are known and documented ({@link #DOCUMENTED}): DuckDB wraps around where
 * Floe refuses. They are counted and printed, not failed.
 *
 * <p>{@code -Dfloe.sql.seed=N} picks another seed (the default is fixed, so a run repeats);
 * {@code -Dfloe.sql.cases=N} the number of queries.
 */
class DifferentialTest {
    private static final long SEED = Long.getLong("floe.sql.seed", 20_260_101L);
    private static final int CASES = Integer.getInteger("floe.sql.cases", 3_000);
    private static final int QUERIES_PER_TABLES = 25;
    private static final int REPORTED_KINDS = 12;
    private static final int REPORTED_WRONG = 8;

    private static final java.util.regex.Pattern NEGATIVE_ROUND = java.util.regex.Pattern.compile("round\\([^;]*, -\\d\\)");
    private static final java.util.regex.Pattern BINARY = java.util.regex.Pattern.compile(
            "out of range: (-?\\d+) ([-+*]|\\*\\*|//) (-?\\d+) does not fit (i\\d+)");
    private static final java.util.regex.Pattern UNARY = java.util.regex.Pattern.compile(
            "out of range: (-|abs)\\((-?\\d+)\\) does not fit (i\\d+)");
    private static final java.util.regex.Pattern CAST = java.util.regex.Pattern.compile(
            "out of range: cannot cast (\\S+) to (i\\d+)");
    private static final java.util.regex.Pattern DECIMAL_OUT_OF_RANGE = java.util.regex.Pattern.compile(
            "out of range: cannot cast (-?[0-9.]+) to decimal\\[(\\d+),(\\d+)\\]");
    private static final java.util.regex.Pattern ROUNDED = java.util.regex.Pattern.compile(
            "out of range: (-?\\d+) rounded to a multiple of 10\\^(\\d+) does not fit (i\\d+)");

    /** How a pair of answers (DuckDB's, Floe's) to a query over some tables shows a known difference. */
    interface Shows {
        boolean test(Answer duckdb, Answer floe, String sql, List<RandomTable> tables);
    }

    /** A difference known and explained: its name, and how a pair of answers shows it. */
    record Documented(String name, Shows shows) {}

    /**
     * The differences known and explained, where DuckDB answers and Floe does not agree:
     * <ul>
     * <li>DuckDB's round(x, -d) of integers overflows inside and wraps around (round(2147483647,
     * -1) is -2147483646 there, round(-9223372036854775808, -2) is 9223372036854775700): Floe refuses
     * a result its type cannot hold and gives the right one where it fits. Shown where the query
     * rounds to negative digits over tables holding their types' edges.
     * <li>DuckDB's optimizer rewrites away arithmetic whose value the answer does not need
     * ({@code (x * -1) IS NOT NULL} becomes {@code x IS NOT NULL}, {@code x * 2 > 0} becomes
     * {@code x > 0}, {@code count(x * 2)} counts x) or computes nothing for an answer of no rows
     * (LIMIT 0, a condition folded to false), so an overflow (or a cast to a decimal too small for
     * the value) there never happens; Floe computes it and fails. The Floe error must state an
     * operation that truly leaves its type (checked here with BigInteger and BigDecimal), or
     * DuckDB's answer have no rows: an error, never a wrong row.
     * <li>DuckDB computes a select list before its WHERE has removed the rows (a NOT IN subquery's
     * mark join) and fails on an overflow in a row the answer does not hold; Floe gives the answer,
     * which has no rows.
     * <li>DuckDB's {@code sum} and {@code avg} of doubles add without compensation (its {@code
     * fsum} is Kahan's); Floe's compensate (Neumaier's), so a sum whose terms cancel (2^63 - 5 -
     * 2^63) can differ in its low digits. Shown where DuckDB's exact sum of the same terms as
     * DECIMAL(38, 10) gives Floe's answer.
     * <li>DuckDB computes an aggregate's argument on the rows its {@code FILTER (WHERE ...)}
     * leaves out and fails on an overflow (or a logarithm of a negative number) there; Floe
     * computes it where the condition holds, as a {@code CASE} would. Shown where DuckDB gives
     * Floe's answer to the query with each filter moved into its aggregate's arguments ({@code
     * sum(CASE WHEN c THEN x END)}).
     * <li>DuckDB computes a RANGE frame's bounds (the key plus or minus the offset) in the order
     * key's own type and fails where they leave it ({@code -2147483647 - 3}); Floe's bounds do not
     * overflow. Shown where DuckDB gives Floe's answer with the integer keys of RANGE windows cast
     * to HUGEINT.
     * <li>DuckDB casts a {@code lag}/{@code lead} default to the value's type and fails where it
     * does not fit ({@code lag(i, 1, 9223372036854775807)} over an INTEGER); Floe gives the type
     * both fit. Shown where DuckDB gives Floe's answer with the value cast to BIGINT.
     * <li>DuckDB computes a REAL with a BIGINT in REAL (24 bits); Floe in DOUBLE, as a BIGINT does
     * not fit a REAL; a REAL's median is a REAL in DuckDB, a DOUBLE in Floe. Shown where DuckDB
     * gives Floe's answer with each cast to REAL followed by a cast to DOUBLE.
     * <li>DuckDB computes every side of a condition and fails on a CAST whose value cannot change
     * the row's fate ({@code 0 NOT BETWEEN 5 AND CAST(d AS INTEGER)} with {@code d} infinite); Floe
     * computes a side of {@code AND}/{@code OR} only where it can. Shown where DuckDB gives Floe's
     * answer with each CAST a TRY_CAST.
     * <li>The same with logarithms and square roots of negative numbers: shown where DuckDB gives
     * Floe's answer with each such call in DuckDB's {@code try(...)}.
     * <li>DuckDB computes a correlated subquery ({@code (SELECT corr(c.d, c.i) FROM t1 AS c WHERE
     * c.s = a.s)}) for every key of the inner table at once, and fails on a key no outer row
     * holds (a NaN's deviation); Floe computes it for the outer rows' keys. Shown where DuckDB
     * gives Floe's answer with the inner table left with the rows whose key the outer table holds.
     * <li>DuckDB makes the argument of {@code stddev_pop(DISTINCT x)} (and the other deviations and
     * variances) a DOUBLE before it takes the distinct values, so two BIGINTs that round to one
     * double count once; Floe takes the distinct values of x. Shown where DuckDB gives Floe's
     * answer as {@code list_aggregate(list_distinct(list(x)), 'stddev_pop')}.
     * <li>The same with integer arithmetic: DuckDB computes every item of {@code 1 NOT IN (4, 1, a.b
     * + a.b)} and fails where {@code a.b + a.b} overflows, although the 1 already decides it; Floe
     * gives the answer. Shown where DuckDB gives Floe's answer with the tables' integer columns cast
     * to HUGEINT (the exact answer).
     * <li>Functions such as {@code log10} may round in the other last bit in the two engines (each
     * library within one unit; {@code log10(1.75)} is 0.24303804868629442 in DuckDB, the closer
     * 0.24303804868629444 in Floe), which a float's text shows. Shown where the answers agree once
     * such text is rounded to 15 significant digits.
     * <li>A REAL as text: Floe writes the fewest digits that read back as the same REAL (as Java
     * and Python write a {@code float}: 809002432 is {@code 809002430.0}); DuckDB writes some large
     * values with all their digits ({@code 809002432.0}) and others with the fewest
     * ({@code 123456790.0}). Shown where the query casts to REAL and each text, read as a REAL,
     * gives the same one.
     * <li>The FILTER and RANGE differences above in one windowed aggregate: shown where DuckDB gives
     * Floe's answer with both rewrites.
     * <li>DuckDB's window sort gives the DOUBLE column it orders by back with -0.0 made 0.0, so
     * {@code power(d, -1)} is +inf elsewhere in the query (and {@code d}'s text {@code 0.0}); Floe
     * keeps the value. Shown where DuckDB gives Floe's answer with each DOUBLE window key written
     * {@code (d + 0)}.
     * <li>DuckDB gives rows whose RANGE key is {@code inf} (or {@code -inf}) different frames,
     * although they are peers (it seeks an offset bound only on one side of the current row);
     * Floe gives peers the frame SQL defines. Shown where the query has a RANGE frame, the tables
     * hold infinities, and the two engines agree with those infinities made NULL.
     * </ul>
     */
    static final List<Documented> DOCUMENTED = List.of(
            new Documented("DuckDB's round(x, -d) wraps around where Floe refuses or answers right",
                    (duckdb, floe, sql, tables) -> duckdb.ok() && (!floe.ok() && genuineOverflow(floe.error())
                            && floe.error().contains("rounded to a multiple of")
                            || floe.ok() && NEGATIVE_ROUND.matcher(sql).find() && holdsEdges(sql, tables))),
            new Documented("DuckDB rewrites away (or never computes) arithmetic that overflows; Floe fails on it",
                    (duckdb, floe, sql, tables) -> duckdb.ok() && !floe.ok() && floe.dataError()
                            && (duckdb.rows().isEmpty() || genuineOverflow(floe.error()))),
            new Documented("DuckDB refuses a decimal cast whose value, rounded, fits the type (9.500 to DECIMAL(2, 1))",
                    (duckdb, floe, sql, tables) -> !duckdb.ok() && floe.ok() && fitsAfterAll(duckdb.error())),
            new Documented("DuckDB fails on a row its WHERE removes; Floe answers with no rows",
                    (duckdb, floe, sql, tables) -> !duckdb.ok() && duckdb.dataError() && floe.ok() && floe.rows().isEmpty()));

    private static final java.util.regex.Pattern DECIMAL_CAST = java.util.regex.Pattern.compile(
            "Casting value \"(-?[0-9.]+)\" to type DECIMAL\\((\\d+),(\\d+)\\) failed: value is out of range");

    /** Whether DuckDB's refusal of a cast to a decimal names a value that, rounded half away from zero, fits it. */
    static boolean fitsAfterAll(String error) {
        java.util.regex.Matcher m = DECIMAL_CAST.matcher(error);
        if (!m.find()) {
            return false;
        }
        int precision = Integer.parseInt(m.group(2));
        int scale = Integer.parseInt(m.group(3));
        BigDecimal rounded = new BigDecimal(m.group(1)).setScale(scale, java.math.RoundingMode.HALF_UP);
        return rounded.unscaledValue().abs().compareTo(BigInteger.TEN.pow(precision)) < 0;
    }

    /** Whether Floe's out-of-range error states an operation whose exact result truly leaves its type. */
    static boolean genuineOverflow(String error) {
        if (error.contains("cannot shift a negative number left")) {
            return true; // an error in DuckDB too, where it computes the shift
        }
        java.util.regex.Matcher m = BINARY.matcher(error);
        if (m.find()) {
            BigInteger x = new BigInteger(m.group(1));
            BigInteger y = new BigInteger(m.group(3));
            BigInteger exact = switch (m.group(2)) {
                case "+" -> x.add(y);
                case "-" -> x.subtract(y);
                case "*" -> x.multiply(y);
                default -> null;
            };
            return exact != null && !fits(exact, m.group(4));
        }
        m = UNARY.matcher(error);
        if (m.find()) {
            BigInteger x = new BigInteger(m.group(2));
            return !fits(m.group(1).equals("-") ? x.negate() : x.abs(), m.group(3));
        }
        m = CAST.matcher(error);
        if (m.find()) {
            String value = m.group(1);
            if (value.equals("Infinity") || value.equals("-Infinity") || value.equals("NaN")) {
                return true;
            }
            BigInteger whole = new BigDecimal(value).setScale(0, java.math.RoundingMode.DOWN).toBigInteger();
            return !fits(whole, m.group(2));
        }
        m = DECIMAL_OUT_OF_RANGE.matcher(error);
        if (m.find()) {
            // rounded half away from zero to the scale, as the cast rounds: more digits than the type holds
            BigInteger whole = new BigDecimal(m.group(1)).setScale(Integer.parseInt(m.group(3)),
                    java.math.RoundingMode.HALF_UP).unscaledValue();
            return whole.abs().compareTo(BigInteger.TEN.pow(Integer.parseInt(m.group(2)))) >= 0;
        }
        m = ROUNDED.matcher(error);
        if (m.find()) {
            BigDecimal power = BigDecimal.TEN.pow(Integer.parseInt(m.group(2)));
            BigInteger rounded = new BigDecimal(m.group(1)).divide(power).setScale(0, java.math.RoundingMode.HALF_UP)
                    .multiply(power).toBigInteger();
            return !fits(rounded, m.group(3));
        }
        return false;
    }

    private static boolean fits(BigInteger value, String type) {
        return value.bitLength() < Integer.parseInt(type.substring(1));
    }

    /** Whether the query, or a table it reads, holds an integer at its type's edges (2^30 and more from 0). */
    private static boolean holdsEdges(String sql, List<RandomTable> tables) {
        return sql.matches("(?s).*\\d{10,}.*") || tables.stream().filter(table -> sql.contains(table.name()))
                .flatMap(table -> table.rows().stream()).flatMap(List::stream)
                .anyMatch(v -> (v instanceof Integer || v instanceof Long) && Math.abs(((Number) v).doubleValue()) >= 0x1p30);
    }

    /** One query's answer: its rows, or the error it gave, and whether that error is about the data. */
    record Answer(List<List<Object>> rows, String error, boolean dataError) {
        Answer(List<List<Object>> rows, String error) {
            this(rows, error, false);
        }

        static Answer failed(Throwable failure) {
            String message = String.valueOf(failure.getMessage());
            // DuckDB's data errors; Floe's are FloeExceptions that are not refusals of the query (SqlException)
            boolean data = failure instanceof SQLException ? message.contains("Out of Range Error")
                    || message.contains("Conversion Error")
                    || message.contains("More than one row returned by a subquery")
                    : failure instanceof dev.floe.FloeException && !(failure instanceof SqlException);
            return new Answer(null, failure.getClass().getSimpleName() + ": " + message.lines().findFirst().orElse(""), data);
        }

        boolean ok() {
            return error == null;
        }

        @Override
        public String toString() {
            if (!ok()) {
                return "error " + error;
            }
            StringBuilder text = new StringBuilder(rows.size() + " rows\n");
            for (List<Object> row : rows) {
                text.append("  ").append(row).append('\n');
            }
            return text.toString();
        }
    }

    /** A case that failed: where it came from, what it ran, and both answers. */
    record Failure(int index, List<RandomTable> tables, RandomQueries.Query query, Answer duckdb, Answer floe) {
        String report() {
            StringBuilder text = new StringBuilder("case " + index + " (seed " + SEED + ")\n");
            for (RandomTable table : tables) {
                if (query.sql().contains(table.name())) {
                    text.append(table.createSql()).append(";\n");
                }
            }
            text.append(query.sql()).append(";\n");
            text.append("-- DuckDB: ").append(duckdb);
            text.append("-- Floe:   ").append(floe);
            return text.toString();
        }
    }

    @Test
    void floeAnswersRandomQueriesAsDuckDbDoes() throws SQLException {
        Random random = new Random(SEED);
        RandomQueries queries = new RandomQueries(random);
        Map<String, List<Failure>> failuresByKind = new TreeMap<>();
        Map<String, Integer> documented = new TreeMap<>();
        int failed = 0;
        int compared = 0;
        int bothFailed = 0;
        int rejectedByDuckDb = 0;
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try {
            List<RandomTable> tables = List.of();
            SqlContext floe = null;
            for (int index = 0; index < CASES; index++) {
                if (index % QUERIES_PER_TABLES == 0) {
                    tables = List.of(RandomTable.generate("t0", random, 40), RandomTable.generate("t1", random, 40),
                            RandomTable.generate("t2", random, 12));
                    floe = load(connection, tables);
                }
                RandomQueries.Query query = queries.next();
                Answer duckdb = duckdb(connection, query.sql());
                if (!duckdb.ok() && !duckdb.dataError()) {
                    if (duckdb.error().contains("INTERNAL Error")) {
                        // an internal error invalidates DuckDB's database: a fresh one, the tables made again
                        connection.close();
                        connection = DriverManager.getConnection("jdbc:duckdb:");
                        floe = load(connection, tables);
                    }
                    rejectedByDuckDb++;
                    if (rejectedByDuckDb <= 3) {
                        System.out.println("DuckDB rejects a generated query (the generator is wrong): " + query.sql()
                                + "\n  " + duckdb.error());
                    }
                    continue;
                }
                compared++;
                Answer answer = floe(floe, query.sql());
                if (!duckdb.ok() && !answer.ok()) {
                    bothFailed++;
                    continue;
                }
                if (!same(duckdb, answer, query.ordered())) {
                    String known = documented(duckdb, answer, query.sql(), tables);
                    if (known == null && answer.ok() && duckdb.ok() && compensated(connection, query, answer)) {
                        known = "DuckDB's sum of doubles loses low digits that Floe's compensated sum keeps";
                    }
                    if (known == null && answer.ok() && !duckdb.ok() && duckdb.dataError()
                            && agreesRewritten(connection, filterInArguments(query.sql()), query, answer)) {
                        known = "DuckDB computes an aggregate's argument on rows its FILTER leaves out; Floe does not";
                    }
                    if (known == null && answer.ok() && !duckdb.ok() && duckdb.dataError()
                            && agreesRewritten(connection, wideRangeKeys(query.sql()), query, answer)) {
                        known = "DuckDB's RANGE frame bounds overflow the order key's type; Floe's do not";
                    }
                    if (known == null && answer.ok() && !duckdb.ok() && duckdb.dataError()
                            && agreesRewritten(connection, wideRangeKeys(filterInArguments(query.sql())), query, answer)) {
                        known = "DuckDB computes a windowed aggregate's argument on rows its FILTER leaves out and its "
                                + "RANGE frame bounds overflow; Floe does neither";
                    }
                    if (known == null && answer.ok() && !duckdb.ok() && duckdb.dataError()
                            && agreesRewritten(connection, wideShiftedValues(query.sql()), query, answer)) {
                        known = "DuckDB casts a lag/lead default to the value's type and fails; Floe takes the type both fit";
                    }
                    if (known == null && answer.ok() && duckdb.ok()
                            && agreesRewritten(connection, realsAsDoubles(query.sql()), query, answer)) {
                        known = "DuckDB computes a REAL with a BIGINT (and a REAL's median) in REAL; Floe in DOUBLE";
                    }
                    if (known == null && answer.ok() && !duckdb.ok() && duckdb.dataError()
                            && agreesRewritten(connection, castsAsTryCasts(query.sql()), query, answer)) {
                        known = "DuckDB fails on a CAST whose value the answer does not need; Floe does not compute it";
                    }
                    if (known == null && answer.ok() && !duckdb.ok() && duckdb.dataError()
                            && agreesRewritten(connection, callsTried(query.sql()), query, answer)) {
                        known = "DuckDB fails on a logarithm or root whose value the answer does not need; Floe does not "
                                + "compute it";
                    }
                    if (known == null && answer.ok() && duckdb.ok()
                            && agreesRewritten(connection, distinctStatisticsOfLists(query.sql()), query, answer)) {
                        known = "DuckDB makes a statistic's DISTINCT integers DOUBLEs first (two that round alike count "
                                + "once); Floe takes the distinct values";
                    }
                    if (known == null && answer.ok() && !duckdb.ok() && duckdb.dataError()
                            && agreesRewritten(connection, wideIntegerColumns(query.sql()), query, answer)) {
                        known = "DuckDB fails on integer arithmetic whose value the answer does not need; Floe does not "
                                + "compute it";
                    }
                    if (known == null && answer.ok() && !duckdb.ok() && duckdb.dataError()
                            && agreesRewritten(connection, innerRowsOuterRowsRead(query.sql()), query, answer)) {
                        known = "DuckDB computes a correlated subquery for inner rows no outer row reads, and fails "
                                + "there; Floe does not";
                    }
                    if (known == null && answer.ok() && duckdb.ok() && agreesUnoptimized(connection, query, answer)) {
                        known = "DuckDB's optimizer changes its answer; DuckDB without it gives Floe's";
                    }
                    if (known == null && answer.ok() && duckdb.ok()
                            && same(floatTextAsFloats(duckdb), floatTextAsFloats(answer), query.ordered())) {
                        known = "a float's text differs in its last digits (its function rounded in the other last bit)";
                    }
                    if (known == null && answer.ok() && duckdb.ok() && query.sql().contains(" AS REAL)")
                            && same(realTextAsReals(duckdb), realTextAsReals(answer), query.ordered())) {
                        known = "DuckDB writes some large REALs with more digits; Floe the fewest that read back as the "
                                + "same REAL";
                    }
                    if (known == null && answer.ok() && duckdb.ok()
                            && agreesRewritten(connection, windowDoubleKeysAsSums(query.sql()), query, answer)) {
                        known = "DuckDB's window sort gives a DOUBLE ORDER BY column's -0.0 back as 0.0; Floe keeps -0.0";
                    }
                    if (known == null && answer.ok() && duckdb.ok()
                            && same(zeroBeforeThePoint(duckdb), answer, query.ordered())) {
                        known = "DuckDB writes a DECIMAL(p, p)'s text without the 0 before the point (.3); Floe writes 0.3";
                    }
                    if (known == null && answer.ok() && duckdb.ok() && agreesWithoutInfiniteRangeKeys(query, tables)) {
                        known = "DuckDB gives rows whose RANGE key is infinite different frames, although they are "
                                + "peers; Floe gives peers one frame";
                    }
                    if (known != null) {
                        documented.merge(known, 1, Integer::sum);
                        continue;
                    }
                    failed++;
                    failuresByKind.computeIfAbsent(kind(duckdb, answer), k -> new ArrayList<>())
                            .add(new Failure(index, tables, query, duckdb, answer));
                }
            }
            System.out.println("differential: " + CASES + " queries (seed " + SEED + "): " + compared + " compared, "
                    + (compared - bothFailed - failed - documented.values().stream().mapToInt(Integer::intValue).sum())
                    + " answered alike, " + bothFailed + " failed alike on their data, " + failed + " differently; "
                    + "documented differences " + documented + "; " + rejectedByDuckDb + " rejected by DuckDB");
            assertThat(rejectedByDuckDb).as("queries DuckDB rejects: the generator makes bad SQL")
                    .isLessThanOrEqualTo(CASES / 100);
            if (failed > 0) {
                fail(report(connection, failuresByKind, failed, compared));
            }
        } finally {
            connection.close();
        }
    }

    @Test
    void answersCompareAsMultisetsWithinTolerance() {
        Answer duckdb = new Answer(List.of(List.of(655_001_978L, 0.1), List.of(655_001_964L, 0.3)), null);
        Answer reordered = new Answer(List.of(List.of(655_001_964L, 0.30000000000000004), List.of(655_001_978L, 0.1)),
                null);
        assertThat(same(duckdb, reordered, false)).isTrue();
        assertThat(same(duckdb, reordered, true)).isFalse();
        Answer changed = new Answer(List.of(List.of(655_001_964L, 0.3), List.of(655_001_979L, 0.1)), null);
        assertThat(same(duckdb, changed, false)).isFalse();
        Answer doubled = new Answer(List.of(List.of(655_001_978L, 0.1), List.of(655_001_978L, 0.1)), null);
        assertThat(same(duckdb, doubled, false)).isFalse();
        assertThat(same(duckdb, Answer.failed(new IllegalStateException("no")), false)).isFalse();
        assertThat(sameValue(3L, 3.0)).isTrue();
        assertThat(sameValue(0.0, -0.0)).isTrue();
        assertThat(sameValue(null, 0L)).isFalse();
        assertThat(sameValue(new BigInteger("9223372036854775808"), 9.223372036854775808E18)).isTrue();
        assertThat(sameValue(new BigInteger("9223372036854775809"), new BigInteger("9223372036854775808"))).isFalse();
        // an infinity equals only itself (within a relative tolerance it would equal every number)
        assertThat(sameValue(Double.NEGATIVE_INFINITY, -7.76002324E8)).isFalse();
        assertThat(sameValue(5.0, Double.POSITIVE_INFINITY)).isFalse();
        assertThat(sameValue(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isTrue();
        Answer infinite = new Answer(List.of(List.of(Double.NEGATIVE_INFINITY), List.of(-7.76002324E8)), null);
        Answer finite = new Answer(List.of(List.of(-7.76002324E8), List.of(Double.NEGATIVE_INFINITY)), null);
        assertThat(same(infinite, finite, false)).isTrue();
        assertThat(same(infinite, new Answer(List.of(List.of(-7.76002324E8), List.of(-7.76002324E8)), null), false))
                .isFalse();
    }

    @Test
    void doubleWindowKeysAreWrittenAsSumsOnlyInsideWindows() {
        assertThat(windowDoubleKeysAsSums("SELECT a.d, max(a.d) OVER (PARTITION BY a.d ORDER BY a.d DESC, a.dt, b.d) AS m "
                + "FROM t AS a ORDER BY a.d"))
                .isEqualTo("SELECT a.d, max(a.d) OVER (PARTITION BY a.d ORDER BY (a.d + 0) DESC, a.dt, (b.d + 0)) AS m "
                        + "FROM t AS a ORDER BY a.d");
        assertThat(windowDoubleKeysAsSums("SELECT count(*) OVER () FROM t")).isEqualTo("SELECT count(*) OVER () FROM t");
    }

    @Test
    void exactSumsCastTheirArguments() {
        assertThat(exactSums("SELECT sum(abs(a.d)) + fsum(x) FROM t"))
                .isEqualTo("SELECT (CASE WHEN bool_and(isfinite(CAST((abs(a.d)) AS DOUBLE))) IS NOT FALSE THEN "
                        + "CAST(sum(CASE WHEN isfinite(CAST((abs(a.d)) AS DOUBLE)) THEN CAST((abs(a.d)) AS DECIMAL(38, 10)) "
                        + "END) AS DOUBLE) ELSE sum(abs(a.d)) END) + fsum(x) FROM t");
        // a CASE cannot stand between DISTINCT or FILTER and its aggregate: those sums are left as written
        assertThat(exactSums("SELECT sum(DISTINCT a.k), sum(a.k) FILTER (WHERE a.f) FROM t"))
                .isEqualTo("SELECT sum(DISTINCT a.k), sum(a.k) FILTER (WHERE a.f) FROM t");
        // a window's sum: each part over the same window
        assertThat(exactSums("SELECT sum(a.d) OVER (ORDER BY (a.k) ROWS 1 PRECEDING) AS c FROM t"))
                .isEqualTo("SELECT (CASE WHEN bool_and(isfinite(CAST((a.d) AS DOUBLE))) OVER (ORDER BY (a.k) ROWS 1 "
                        + "PRECEDING) IS NOT FALSE THEN CAST(sum(CASE WHEN isfinite(CAST((a.d) AS DOUBLE)) THEN "
                        + "CAST((a.d) AS DECIMAL(38, 10)) END) OVER (ORDER BY (a.k) ROWS 1 PRECEDING) AS DOUBLE) ELSE "
                        + "sum(a.d) OVER (ORDER BY (a.k) ROWS 1 PRECEDING) END) AS c FROM t");
    }

    @Test
    void filtersMoveIntoTheirAggregatesArguments() {
        assertThat(filterInArguments("SELECT count(*) FILTER (WHERE (a.i > 0)) AS c0, corr(a.d, a.k) FILTER (WHERE a.f) "
                + "AS c1, quantile_cont(a.d, 0.5) FILTER (WHERE a.s = 'x, y') FROM t AS a"))
                .isEqualTo("SELECT count(CASE WHEN (a.i > 0) THEN 1 END) AS c0, corr(CASE WHEN a.f THEN a.d END, "
                        + "CASE WHEN a.f THEN a.k END) AS c1, quantile_cont(CASE WHEN a.s = 'x, y' THEN a.d END, 0.5) "
                        + "FROM t AS a");
        assertThat(filterInArguments("SELECT count(DISTINCT a.k) FILTER (WHERE NOT (a.f)) OVER (ORDER BY a.i) FROM t AS a"))
                .isEqualTo("SELECT count(DISTINCT CASE WHEN NOT (a.f) THEN a.k END) OVER (ORDER BY a.i) FROM t AS a");
        assertThat(wideRangeKeys("sum(a.b) OVER (ORDER BY a.i DESC NULLS FIRST RANGE BETWEEN 3 PRECEDING AND CURRENT ROW), "
                + "count(*) OVER (ORDER BY a.d RANGE BETWEEN 1 PRECEDING AND CURRENT ROW)"))
                .isEqualTo("sum(a.b) OVER (ORDER BY CAST(a.i AS HUGEINT) DESC NULLS FIRST RANGE BETWEEN 3 PRECEDING AND "
                        + "CURRENT ROW), count(*) OVER (ORDER BY a.d RANGE BETWEEN 1 PRECEDING AND CURRENT ROW)");
        assertThat(realsAsDoubles("SELECT (CAST(b.b AS REAL) - nullif(b.b, 2)), CAST((a.i + CAST(a.k AS REAL)) AS REAL), "
                + "TRY_CAST(a.s AS REAL) FROM t"))
                .isEqualTo("SELECT (CAST(CAST(b.b AS REAL) AS DOUBLE) - nullif(b.b, 2)), CAST(CAST((a.i + CAST(CAST(a.k AS "
                        + "REAL) AS DOUBLE)) AS REAL) AS DOUBLE), TRY_CAST(a.s AS REAL) FROM t");
        assertThat(callsTried("SELECT ln(a.d) + sqrt(ln(abs(a.d) + 1)), xln(a.d), a.log(1) FROM t"))
                .isEqualTo("SELECT try(ln(a.d)) + try(sqrt(try(ln(abs(a.d) + 1)))), xln(a.d), a.log(1) FROM t");
        assertThat(distinctStatisticsOfLists("SELECT stddev_pop(DISTINCT coalesce(NULL, a.b)) AS c2, var_pop(DISTINCT a.i) "
                + "OVER (PARTITION BY a.k), stddev(a.b) FROM t"))
                .isEqualTo("SELECT list_aggregate(list_distinct(list(coalesce(NULL, a.b))), 'stddev_pop') AS c2, "
                        + "var_pop(DISTINCT a.i) OVER (PARTITION BY a.k), stddev(a.b) FROM t");
        assertThat(wideIntegerColumns("SELECT sum(DISTINCT (a.i - 6)), b.b + a.k, a.d, a.bk, xa.i FROM t2 AS a "
                + "WHERE 1 NOT IN (4, (a.b + b.b))"))
                .isEqualTo("SELECT sum(DISTINCT (CAST(a.i AS HUGEINT) - 6)), CAST(b.b AS HUGEINT) + CAST(a.k AS HUGEINT), "
                        + "a.d, a.bk, xa.i FROM t2 AS a WHERE 1 NOT IN (4, (CAST(a.b AS HUGEINT) + CAST(b.b AS HUGEINT)))");
        assertThat(innerRowsOuterRowsRead("SELECT a.k FROM t2 AS a WHERE (SELECT corr(c.d, c.i) FROM t1 AS c WHERE "
                + "c.s = a.s) IS NULL AND EXISTS (SELECT 1 FROM t0 AS c WHERE c.k = a.k AND c.i > 2)"))
                .isEqualTo("SELECT a.k FROM t2 AS a WHERE (SELECT corr(c.d, c.i) FROM (SELECT * FROM t1 WHERE s IN "
                        + "(SELECT s FROM t2)) AS c WHERE c.s = a.s) IS NULL AND EXISTS (SELECT 1 FROM (SELECT * FROM t0 "
                        + "WHERE k IN (SELECT k FROM t2)) AS c WHERE c.k = a.k AND c.i > 2)");
        assertThat(innerRowsOuterRowsRead("SELECT a.k FROM t2 AS a WHERE (SELECT max(c.i) FROM t1 AS c WHERE c.k = a.s)"))
                .as("a correlation on other columns is left").isEqualTo(
                        "SELECT a.k FROM t2 AS a WHERE (SELECT max(c.i) FROM t1 AS c WHERE c.k = a.s)");
        assertThat(wideShiftedValues("lag(a.i, 2, -9223372036854775807) OVER (ORDER BY a.k), lead(a.d, 1, 0)"))
                .isEqualTo("lag(CAST(a.i AS BIGINT), 2, -9223372036854775807) OVER (ORDER BY a.k), lead(a.d, 1, 0)");
    }

    @Test
    void aDocumentedOverflowMustBeOne() {
        assertThat(genuineOverflow("out of range: 2147483647 + 1 does not fit i32 (row 0), in expression x")).isTrue();
        assertThat(genuineOverflow("out of range: 2147483646 + 1 does not fit i32 (row 0), in expression x")).isFalse();
        assertThat(genuineOverflow("out of range: -(-9223372036854775808) does not fit i64 (row 3)")).isTrue();
        assertThat(genuineOverflow("out of range: cannot cast Infinity to i64 at row 0")).isTrue();
        assertThat(genuineOverflow("out of range: cannot cast 12.5 to i32 at row 0")).isFalse();
        assertThat(genuineOverflow("out of range: cannot cast -788002364.00 to decimal[10,2] at row 0")).isTrue();
        assertThat(genuineOverflow("out of range: cannot cast 9.95 to decimal[2,1] at row 0")).isTrue();
        assertThat(genuineOverflow("out of range: cannot cast 9.94 to decimal[2,1] at row 0")).isFalse();
        assertThat(genuineOverflow("out of range: 2147483647 rounded to a multiple of 10^1 does not fit i32 (row 0)"))
                .isTrue();
        assertThat(genuineOverflow("out of range: 2147483644 rounded to a multiple of 10^1 does not fit i32 (row 0)"))
                .isFalse();
        assertThat(genuineOverflow("cannot take logarithm of zero")).isFalse();
        assertThat(genuineOverflow("out of range: cannot shift a negative number left, -3 (row 0)")).isTrue();
    }

    @Test
    void aDecimalCastDuckDbRefusesIsDocumentedOnlyWhereTheValueFits() {
        assertThat(fitsAfterAll("Conversion Error: Casting value \"-9.500\" to type DECIMAL(2,1) failed: value is out "
                + "of range!")).isTrue();
        assertThat(fitsAfterAll("Conversion Error: Casting value \"9.960\" to type DECIMAL(2,1) failed: value is out "
                + "of range!")).isFalse();
        assertThat(fitsAfterAll("Conversion Error: Casting value \"12.5\" to type DECIMAL(2,1) failed: value is out "
                + "of range!")).isFalse();
        assertThat(zeroBeforeThePoint(new Answer(List.of(List.of(".3", "-.25", "1.5", 7)), null)).rows())
                .containsExactly(List.of("0.3", "-0.25", "1.5", 7));
    }

    /** Whether DuckDB, summing the same terms exactly (as DECIMAL(38, 10)), gives Floe's answer to a query that sums. */
    private static boolean compensated(Connection connection, RandomQueries.Query query, Answer floe) {
        String exactSql = exactSums(query.sql());
        if (exactSql.equals(query.sql())) {
            return false;
        }
        Answer exact = duckdb(connection, exactSql);
        return exact.ok() && same(exact, floe, query.ordered());
    }

    /**
     * {@code sql} with every {@code sum(x)} and {@code avg(x)} computed exactly: over x as
     * DECIMAL(38, 10) where every x is finite, as they are where any is not (an infinity or NaN
     * decides the answer alone).
     */
    static String exactSums(String sql) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        java.util.regex.Matcher call = java.util.regex.Pattern.compile("\\b(sum|avg)\\(").matcher(sql);
        while (call.find(at)) {
            int open = call.end() - 1;
            int depth = 0;
            int close = open;
            for (int i = open; i < sql.length(); i++) {
                char c = sql.charAt(i);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (depth == 0) {
                    close = i;
                    break;
                }
            }
            String function = call.group(1);
            String argument = sql.substring(open + 1, close);
            if (argument.stripLeading().startsWith("DISTINCT ") || sql.startsWith(" FILTER", close + 1)) {
                // no CASE may stand between DISTINCT or FILTER and its aggregate: left as written
                out.append(sql, at, close + 1);
                at = close + 1;
                continue;
            }
            String x = "(" + exactSums(argument) + ")";
            String finite = "isfinite(CAST(" + x + " AS DOUBLE))";
            // DuckDB's cast of a REAL to a DECIMAL is not exact (-9.25 is -9.2500000768); through a DOUBLE it is
            String decimal = argument.contains(" AS REAL)") ? "CAST(CAST(" + x + " AS DOUBLE) AS DECIMAL(38, 10))"
                    : "CAST(" + x + " AS DECIMAL(38, 10))";
            // a window's sum: each call over the same window
            String over = "";
            if (sql.startsWith(" OVER (", close + 1)) {
                int end;
                try {
                    end = closing(sql, close + 1 + " OVER ".length());
                } catch (IllegalArgumentException unbalanced) { // a parenthesis inside text: left as written
                    return sql;
                }
                over = sql.substring(close + 1, end + 1);
                close = end;
            }
            out.append(sql, at, call.start()).append("(CASE WHEN bool_and(").append(finite).append(")").append(over)
                    .append(" IS NOT FALSE THEN CAST(").append(function).append("(CASE WHEN ").append(finite)
                    .append(" THEN ").append(decimal).append(" END)").append(over)
                    .append(" AS DOUBLE) ELSE ").append(function).append(x).append(over).append(" END)");
            at = close + 1;
        }
        return out.append(sql.substring(at)).toString();
    }

    /**
     * Whether DuckDB with its optimizer off answers the query as Floe did: then DuckDB's optimizer
     * changed DuckDB's own answer (it has dropped a filter comparing a narrowing TRY_CAST with a
     * constant, which is null for values the type cannot hold).
     */
    private static boolean agreesUnoptimized(Connection connection, RandomQueries.Query query, Answer floe) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA disable_optimizer");
            Answer answer = duckdb(connection, query.sql());
            return answer.ok() && same(answer, floe, query.ordered());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA enable_optimizer");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Whether a query with a RANGE frame over tables holding infinite doubles gets one answer
     * from both engines once those infinities are NULLs (the tables made again in a database and
     * a context of their own). DuckDB seeks a RANGE offset bound only among the rows before the
     * current one (after it, for FOLLOWING) where the key minus the offset is the key itself, so
     * two rows whose key is {@code inf} get different frames there; SQL makes peers' frames the
     * same, as Floe's are (docs/sql.md, differences from DuckDB). Where the answers agree without
     * such keys, the difference is that one.
     */
    private static boolean agreesWithoutInfiniteRangeKeys(RandomQueries.Query query, List<RandomTable> tables)
            throws SQLException {
        if (!query.sql().contains(" RANGE ") || tables.stream().noneMatch(RandomTable::hasInfinity)) {
            return false;
        }
        List<RandomTable> finite = tables.stream().map(RandomTable::withoutInfinities).toList();
        try (Connection other = DriverManager.getConnection("jdbc:duckdb:")) {
            SqlContext floe = load(other, finite);
            Answer duckdb = duckdb(other, query.sql());
            Answer answer = floe(floe, query.sql());
            return duckdb.ok() && answer.ok() && same(duckdb, answer, query.ordered());
        }
    }

    /** Whether DuckDB gives Floe's answer to {@code rewritten}, a query that differs from {@code query}'s. */
    private static boolean agreesRewritten(Connection connection, String rewritten, RandomQueries.Query query,
            Answer floe) {
        if (rewritten.equals(query.sql())) {
            return false;
        }
        Answer answer = duckdb(connection, rewritten);
        return answer.ok() && same(answer, floe, query.ordered());
    }

    /**
     * {@code sql} with each {@code f(x, ...) FILTER (WHERE c)} written {@code f(CASE WHEN c THEN x
     * END, ...)}: every argument but a number written in the query ({@code quantile_cont}'s) under
     * the condition, {@code count(*)} counting {@code CASE WHEN c THEN 1 END}.
     */
    static String filterInArguments(String sql) {
        String marker = " FILTER (WHERE ";
        int at = sql.indexOf(marker);
        if (at < 0 || sql.charAt(at - 1) != ')') {
            return sql;
        }
        int conditionEnd = closing(sql, at + " FILTER ".length());
        String condition = sql.substring(at + marker.length(), conditionEnd);
        int open = at - 1;
        for (int depth = 0; ; open--) {
            char c = sql.charAt(open);
            depth += c == ')' ? 1 : c == '(' ? -1 : 0;
            if (depth == 0) {
                break;
            }
        }
        String arguments = sql.substring(open + 1, at - 1);
        String distinct = arguments.startsWith("DISTINCT ") ? "DISTINCT " : "";
        List<String> kept = new ArrayList<>();
        for (String argument : topLevel(arguments.substring(distinct.length()))) {
            kept.add(argument.equals("*") ? "CASE WHEN " + condition + " THEN 1 END"
                    : argument.matches("-?[\\d.]+|'[^']*'") ? argument
                    : "CASE WHEN " + condition + " THEN " + argument + " END");
        }
        return filterInArguments(sql.substring(0, open + 1) + distinct + String.join(", ", kept) + ")"
                + sql.substring(conditionEnd + 1));
    }

    /** The index of the parenthesis that closes the one at {@code open}. */
    private static int closing(String sql, int open) {
        int depth = 0;
        for (int i = open; i < sql.length(); i++) {
            char c = sql.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses: " + sql);
    }

    /** A list of arguments split at the commas outside parentheses and quotes. */
    private static List<String> topLevel(String arguments) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            quoted ^= c == '\'';
            if (!quoted) {
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (c == ',' && depth == 0) {
                    parts.add(arguments.substring(start, i).trim());
                    start = i + 1;
                }
            }
        }
        parts.add(arguments.substring(start).trim());
        return parts;
    }

    /** {@code sql} with each {@code CAST(x AS REAL)} made a DOUBLE after it: {@code CAST(CAST(x AS REAL) AS DOUBLE)}. */
    static String realsAsDoubles(String sql) {
        String marker = " AS REAL)";
        StringBuilder out = new StringBuilder(sql);
        for (int end = out.indexOf(marker); end >= 0; end = out.indexOf(marker, end + marker.length())) {
            int close = end + marker.length() - 1;
            int depth = 0;
            int open = close;
            for (; open >= 0; open--) {
                char c = out.charAt(open);
                depth += c == ')' ? 1 : c == '(' ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            int start = open - "CAST".length();
            if (start < 0 || !out.substring(start, open).equalsIgnoreCase("CAST")
                    || start > 0 && (Character.isLetterOrDigit(out.charAt(start - 1)) || out.charAt(start - 1) == '_')) {
                continue; // TRY_CAST or another form: left as it is
            }
            out.insert(close + 1, " AS DOUBLE)");
            out.insert(start, "CAST(");
            end += "CAST(".length();
        }
        return out.toString();
    }

    /** {@code sql} with each {@code CAST(} a {@code TRY_CAST(}: null where a value does not convert. */
    static String castsAsTryCasts(String sql) {
        return sql.replaceAll("(?<![A-Za-z_])CAST\\(", "TRY_CAST(");
    }

    /**
     * The answer with each text that a float writes (a float CAST to VARCHAR) rounded to 15
     * significant digits, still text: two doubles a unit or two apart in their last bit write alike
     * then, where any larger difference stays.
     */
    static Answer floatTextAsFloats(Answer answer) {
        java.math.MathContext digits = new java.math.MathContext(15);
        return withText(answer, FLOAT_TEXT, text -> new BigDecimal(text).round(digits).toString());
    }

    /** Each float's text as the REAL it reads as, written as Java writes a {@code float} (the fewest digits that read back as it). */
    static Answer realTextAsReals(Answer answer) {
        return withText(answer, FLOAT_TEXT, text -> Float.toString(Float.parseFloat(text)));
    }

    /** DuckDB's text of a decimal whose digits are all after the point ({@code .3}, {@code -.25}), with its 0 ({@code 0.3}). */
    static Answer zeroBeforeThePoint(Answer answer) {
        return withText(answer, BARE_FRACTION, text -> text.replaceFirst("\\.", "0."));
    }

    /** {@code answer} with each text value that {@code pattern} matches whole written again by {@code change}. */
    private static Answer withText(Answer answer, java.util.regex.Pattern pattern,
            java.util.function.UnaryOperator<String> change) {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : answer.rows()) {
            List<Object> values = new ArrayList<>();
            for (Object value : row) {
                values.add(value instanceof String text && pattern.matcher(text).matches() ? (Object) change.apply(text) : value);
            }
            rows.add(values);
        }
        return new Answer(rows, null);
    }

    private static final java.util.regex.Pattern BARE_FRACTION = java.util.regex.Pattern.compile("-?\\.\\d+");

    private static final java.util.regex.Pattern FLOAT_TEXT = java.util.regex.Pattern.compile(
            "-?\\d+\\.\\d+(?:[eE][-+]?\\d+)?");

    /** {@code sql} with the INTEGER value of each lag and lead with a default ({@code lag(a.i, 1, d)}) cast to BIGINT. */
    static String wideShiftedValues(String sql) {
        return sql.replaceAll("\\b(lag|lead)\\(a\\.i, (\\d+), ", "$1(CAST(a.i AS BIGINT), $2, ");
    }

    private static final java.util.regex.Pattern TRIED = java.util.regex.Pattern.compile(
            "(?<![A-Za-z_0-9.])(ln|log|log2|log10|sqrt)\\(");

    /** {@code sql} with each call of a logarithm or square root in DuckDB's {@code try(...)}: null where it fails. */
    private static final java.util.regex.Pattern CORRELATED_ON_KEY = java.util.regex.Pattern.compile(
            "FROM (t\\d) AS c WHERE c\\.(k|s) = a\\.\\2");

    private static final java.util.regex.Pattern OUTER_TABLE = java.util.regex.Pattern.compile("FROM (t\\d) AS a\\b");

    /**
     * {@code sql} with a correlated subquery's table ({@code FROM t1 AS c WHERE c.s = a.s ...})
     * left with only the rows whose key the outer table holds: the rows no outer row can read. Each
     * outer row's subquery sees the same rows, so the answer cannot change; DuckDB, which computes
     * the subquery for every inner key at once, then no longer fails on a key no outer row has.
     */
    static String innerRowsOuterRowsRead(String sql) {
        java.util.regex.Matcher outer = OUTER_TABLE.matcher(sql);
        if (!outer.find()) {
            return sql;
        }
        String outerTable = outer.group(1);
        java.util.regex.Matcher inner = CORRELATED_ON_KEY.matcher(sql);
        StringBuilder rewritten = new StringBuilder();
        while (inner.find()) {
            String key = inner.group(2);
            inner.appendReplacement(rewritten, java.util.regex.Matcher.quoteReplacement("FROM (SELECT * FROM "
                    + inner.group(1) + " WHERE " + key + " IN (SELECT " + key + " FROM " + outerTable + ")) AS c WHERE c."
                    + key + " = a." + key));
        }
        inner.appendTail(rewritten);
        return rewritten.toString();
    }

    static String callsTried(String sql) {
        return rewriteCalls(sql, TRIED, (name, arguments, after) -> "try(" + name + "(" + callsTried(arguments) + "))");
    }

    private static final java.util.regex.Pattern DISTINCT_STATISTIC = java.util.regex.Pattern.compile(
            "(?<![A-Za-z_0-9.])(stddev_pop|stddev_samp|stddev|var_pop|var_samp|variance)\\((?=DISTINCT )");

    /**
     * {@code sql} with each {@code stddev_pop(DISTINCT x)} (and the other deviations and variances,
     * but in a window or with a FILTER) as {@code list_aggregate(list_distinct(list(x)),
     * 'stddev_pop')}: DuckDB then takes the distinct values of x before making them DOUBLEs.
     */
    static String distinctStatisticsOfLists(String sql) {
        return rewriteCalls(sql, DISTINCT_STATISTIC, (name, arguments, after) -> after.startsWith(" OVER")
                || after.startsWith(" FILTER") ? null : "list_aggregate(list_distinct(list("
                        + arguments.substring("DISTINCT ".length()) + ")), '" + name + "')");
    }

    /** How {@link #rewriteCalls} writes a call: its name, what its parentheses hold, the query after it; null keeps it. */
    private interface CallRewrite {
        String call(String name, String arguments, String after);
    }

    /** {@code sql} with each call that {@code pattern} finds (group 1 its name, the match ending at its parenthesis) rewritten. */
    private static String rewriteCalls(String sql, java.util.regex.Pattern pattern, CallRewrite rewrite) {
        java.util.regex.Matcher call = pattern.matcher(sql);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < sql.length() && call.find(at)) {
            int open = call.end() - 1;
            int close = closing(sql, open);
            String written = rewrite.call(call.group(1), sql.substring(open + 1, close), sql.substring(close + 1));
            out.append(sql, at, call.start()).append(written != null ? written : sql.substring(call.start(), close + 1));
            at = close + 1;
        }
        return out.append(sql.substring(at)).toString();
    }

    /**
     * {@code sql} with each integer column of the random tables ({@code a.k}, {@code a.i}, {@code
     * b.b}, ...) cast to HUGEINT, and each cast to BIGINT a cast to HUGEINT, where the tables'
     * values cannot overflow sums and products of a few terms.
     */
    static String wideIntegerColumns(String sql) {
        return sql.replaceAll("(?<![A-Za-z_0-9.])([ab]\\.[kib])(?![A-Za-z_0-9])", "CAST($1 AS HUGEINT)")
                .replace(" AS BIGINT)", " AS HUGEINT)");
    }

    /**
     * {@code sql} with each DOUBLE column ({@code d}) in a window's ORDER BY written {@code (x.d +
     * 0)}: the same order and frames (-0.0 and 0.0 are peers in both), sorted on a value of its own,
     * so DuckDB reads the column's own values, -0.0 included, in the rest of the query.
     */
    static String windowDoubleKeysAsSums(String sql) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int at = sql.indexOf(" OVER ("); at >= 0; at = sql.indexOf(" OVER (", at + 1)) {
            int end;
            try {
                end = closing(sql, at + " OVER ".length());
            } catch (IllegalArgumentException unbalanced) { // a parenthesis inside text: leave the query as it is
                return sql;
            }
            String window = sql.substring(at, end + 1);
            int order = window.indexOf("ORDER BY ");
            if (order >= 0) {
                window = window.substring(0, order)
                        + window.substring(order).replaceAll("\\b([a-z])\\.d\\b(?![\\w.])", "($1.d + 0)");
            }
            out.append(sql, from, at).append(window);
            from = end + 1;
        }
        return out.append(sql.substring(from)).toString();
    }

    static String wideRangeKeys(String sql) {
        return sql.replaceAll("ORDER BY (a\\.[ib])((?: DESC)?(?: NULLS FIRST)? RANGE )", "ORDER BY CAST($1 AS HUGEINT)$2");
    }

    private static String documented(Answer duckdb, Answer floe, String sql, List<RandomTable> tables) {
        for (Documented known : DOCUMENTED) {
            if (known.shows().test(duckdb, floe, sql, tables)) {
                return known.name();
            }
        }
        return null;
    }

    /**
     * What went wrong, for grouping: wrong rows are one kind, an answer where DuckDB fails on the
     * data another, each error message another (its quoted names and numbers left out). Wrong rows
     * come first: they are the worst.
     */
    private static String kind(Answer duckdb, Answer answer) {
        if (answer.ok()) {
            return duckdb.ok() ? " wrong rows" : " an answer where DuckDB fails: " + normalized(duckdb.error());
        }
        return normalized(answer.error());
    }

    private static String normalized(String error) {
        return error.replaceAll(",? in expression .*|,? at line \\d+.*", "")
                .replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("-?\\d+(\\.\\d+)?(E\\d+)?", "N");
    }

    /** The failures by kind, with a shrunk example or a few of each kind. */
    private static String report(Connection connection, Map<String, List<Failure>> failuresByKind, int failed,
            int compared) throws SQLException {
        StringBuilder report = new StringBuilder();
        report.append(failed).append(" of ").append(compared).append(" queries answered differently (seed ")
                .append(SEED).append("; -Dfloe.sql.seed= to vary). By kind:\n");
        failuresByKind.forEach((kind, failures) ->
                report.append("  ").append(failures.size()).append(" x").append(kind.startsWith(" ") ? "" : " ")
                        .append(kind).append('\n'));
        int kinds = 0;
        for (Map.Entry<String, List<Failure>> entry : failuresByKind.entrySet()) {
            if (kinds++ == REPORTED_KINDS) {
                report.append("\n(more kinds left out)\n");
                break;
            }
            int examples = entry.getKey().equals(" wrong rows") ? REPORTED_WRONG : 1;
            for (Failure failure : entry.getValue().subList(0, Math.min(examples, entry.getValue().size()))) {
                report.append('\n').append(shrink(connection, failure).report());
            }
        }
        return report.toString();
    }

    private static SqlContext load(Connection connection, List<RandomTable> tables) throws SQLException {
        SqlContext floe = new SqlContext();
        try (Statement statement = connection.createStatement()) {
            for (RandomTable table : tables) {
                statement.execute(table.createSql());
                floe.register(table.name(), table.frame());
            }
        }
        return floe;
    }

    /**
     * Drops rows while the case still fails the same way: halves of each table first, then
     * quarters, down to single rows; a bounded number of tries.
     */
    private static Failure shrink(Connection connection, Failure failure) throws SQLException {
        List<RandomTable> tables = new ArrayList<>(failure.tables());
        Failure smallest = failure;
        int tries = 0;
        for (int t = 0; t < tables.size(); t++) {
            if (!failure.query().sql().contains(tables.get(t).name())) {
                continue;
            }
            for (int chunk = Math.max(1, tables.get(t).rows().size() / 2); chunk >= 1; chunk /= 2) {
                int start = 0;
                while (start < tables.get(t).rows().size() && tries++ < 200) {
                    List<RandomTable> fewer = new ArrayList<>(tables);
                    fewer.set(t, tables.get(t).withoutRows(start, chunk));
                    SqlContext floe = load(connection, fewer);
                    Answer duckdb = duckdb(connection, failure.query().sql());
                    Answer answer = floe(floe, failure.query().sql());
                    if (!same(duckdb, answer, failure.query().ordered())
                            && kind(duckdb, answer).equals(kind(failure.duckdb(), failure.floe()))) {
                        tables = fewer;
                        smallest = new Failure(failure.index(), List.copyOf(tables), failure.query(), duckdb, answer);
                    } else {
                        start += chunk;
                    }
                }
            }
        }
        return smallest;
    }

    private static Answer duckdb(Connection connection, String sql) {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (result.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int c = 1; c <= columns; c++) {
                    row.add(normal(result.getObject(c)));
                }
                rows.add(row);
            }
            return new Answer(rows, null);
        } catch (SQLException e) {
            return Answer.failed(e);
        }
    }

    private static Answer floe(SqlContext context, String sql) {
        try {
            DataFrame frame = context.sql(sql);
            List<List<Object>> rows = new ArrayList<>(frame.height());
            for (int i = 0; i < frame.height(); i++) {
                List<Object> row = new ArrayList<>();
                for (Object value : frame.row(i).toList()) {
                    row.add(normal(value));
                }
                rows.add(row);
            }
            return new Answer(rows, null);
        } catch (RuntimeException | StackOverflowError e) {
            return Answer.failed(e);
        }
    }

    /** Integers as longs (BigIntegers beyond them), floating point as doubles, dates as LocalDate; text and booleans as they are. */
    static Object normal(Object value) {
        return switch (value) {
            case null -> null;
            case Byte b -> (long) b;
            case Short s -> (long) s;
            case Integer i -> (long) i;
            case BigInteger b -> b.bitLength() < 64 ? (Object) b.longValue() : b;
            case Float f -> (double) f;
            case BigDecimal d -> d.doubleValue();
            case java.sql.Date d -> d.toLocalDate();
            default -> value;
        };
    }

    static boolean same(Answer expected, Answer actual, boolean ordered) {
        if (!expected.ok() || !actual.ok()) {
            return !expected.ok() && !actual.ok();
        }
        if (expected.rows().size() != actual.rows().size()) {
            return false;
        }
        if (ordered) {
            return sameRows(expected.rows(), actual.rows());
        }
        // sorted alike, the rows usually pair up at once; near-equal floating point may sort apart
        return sameRows(sorted(expected.rows()), sorted(actual.rows()))
                || sameMultiset(expected.rows(), actual.rows());
    }

    private static boolean sameRows(List<List<Object>> expected, List<List<Object>> actual) {
        for (int r = 0; r < expected.size(); r++) {
            if (!sameRow(expected.get(r), actual.get(r))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether each expected row pairs with its own actual row: rows equal to the last bit first,
     * then each other row with the first one left that is equal within the tolerance (paired
     * greedily, a near-equal row could take the one an equal row needs).
     */
    private static boolean sameMultiset(List<List<Object>> expected, List<List<Object>> actual) {
        boolean[] used = new boolean[actual.size()];
        Map<List<Object>, java.util.Deque<Integer>> exact = new java.util.HashMap<>();
        for (int i = 0; i < actual.size(); i++) {
            exact.computeIfAbsent(actual.get(i), row -> new java.util.ArrayDeque<>()).add(i);
        }
        List<List<Object>> unpaired = new ArrayList<>();
        for (List<Object> row : expected) {
            java.util.Deque<Integer> same = exact.get(row);
            if (same != null && !same.isEmpty()) {
                used[same.poll()] = true;
            } else {
                unpaired.add(row);
            }
        }
        for (List<Object> row : unpaired) {
            int match = -1;
            for (int i = 0; i < actual.size() && match < 0; i++) {
                if (!used[i] && sameRow(row, actual.get(i))) {
                    match = i;
                }
            }
            if (match < 0) {
                return false;
            }
            used[match] = true;
        }
        return true;
    }

    private static boolean sameRow(List<Object> expected, List<Object> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int c = 0; c < expected.size(); c++) {
            if (!sameValue(expected.get(c), actual.get(c))) {
                return false;
            }
        }
        return true;
    }

    static boolean sameValue(Object expected, Object actual) {
        if (expected instanceof Number e && actual instanceof Number a) {
            if ((e instanceof Long || e instanceof BigInteger) && (a instanceof Long || a instanceof BigInteger)) {
                return new BigInteger(e.toString()).equals(new BigInteger(a.toString()));
            }
            double x = e.doubleValue();
            double y = a.doubleValue();
            if (Double.isInfinite(x) || Double.isInfinite(y)) {
                return x == y; // the relative tolerance of an infinity is infinite: it would equal every number
            }
            return x == y || Double.isNaN(x) && Double.isNaN(y) || Math.abs(x - y) <= 1e-9 * Math.max(1, Math.max(Math.abs(x), Math.abs(y)));
        }
        return Objects.equals(expected, actual);
    }

    /** Rows in an order both answers share: integers exactly, floating point at 6 significant digits. */
    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(DifferentialTest::sortKey));
        return copy;
    }

    private static String sortKey(List<Object> row) {
        StringBuilder key = new StringBuilder();
        for (Object value : row) {
            key.append(switch (value) {
                case null -> "\u0000null";
                case Long n -> String.format(Locale.ROOT, "%020d", n);
                case BigInteger n -> String.format(Locale.ROOT, "%040d", n);
                case Number n when n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e15 ->
                        String.format(Locale.ROOT, "%020d", (long) n.doubleValue());
                case Number n -> String.format(Locale.ROOT, "%.6e", n.doubleValue() + 0.0); // -0.0 sorts as 0.0
                case LocalDate d -> d.toString();
                default -> value.toString();
            }).append('\u0001');
        }
        return key.toString();
    }
}
