package dev.floe.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.frame.DataFrame;
import dev.floe.frame.Series;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Text read as lists ({@code TRY_CAST(s AS VARCHAR[])}, {@code INTEGER[]}) against DuckDB itself
 * (in-process), over seeded random texts built from the characters that matter to the reading:
 * brackets of three kinds, commas, both quotes, backslashes, white space, the letters of
 * {@code null} in both cases, digits and a sign. Texts usually start with {@code [} and end with
 * {@code ]}, so most are lists and the rest fail in every way a list can. Quotes inside a bracketed
 * part of an element are left out of the texts: Floe takes such a part whole, quotes and all, up
 * to its closing bracket; DuckDB 1.5 lets a quoted bracket close it and drops a quote after it
 * (docs/sql.md, known differences).
 */
class ListTextDifferentialTest {
    private static final String PLAIN = "[](){},,,  aNnUuLl1-2";
    private static final String QUOTES = "'\"";

    private static String text(SplittableRandom random) {
        StringBuilder out = new StringBuilder();
        if (random.nextInt(10) != 0) {
            out.append(random.nextInt(4) == 0 ? " [" : "[");
        }
        int length = random.nextInt(12);
        StringBuilder open = new StringBuilder(); // the closers of an element's open brackets: no quotes inside them
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(12);
            if (open.isEmpty() && kind == 0) {
                // a quoted part, closed: its own quote escaped inside, the other plain
                char quote = QUOTES.charAt(random.nextInt(2));
                out.append(quote);
                for (int k = random.nextInt(4); k > 0; k--) {
                    int inner = random.nextInt(8);
                    out.append(inner == 0 ? "\\" + quote : inner == 1 ? "\\\\" : inner == 2 ? "'\"".replace(String.valueOf(quote), "")
                            : sign(PLAIN.charAt(random.nextInt(PLAIN.length()))));
                }
                out.append(quote);
                continue;
            }
            if (open.isEmpty() && kind == 1) {
                // outside quotes: a backslash before a quote (which it makes plain) or before a letter
                out.append('\\').append(random.nextBoolean() ? QUOTES.charAt(random.nextInt(2)) : 'a');
                continue;
            }
            char c = PLAIN.charAt(random.nextInt(PLAIN.length()));
            if (c == '(' || c == '{' || c == '[') {
                open.append(c == '(' ? ')' : c == '{' ? '}' : ']');
            } else if (!open.isEmpty() && c == open.charAt(open.length() - 1)) {
                open.setLength(open.length() - 1);
            }
            out.append(sign(c));
        }
        if (random.nextInt(10) != 0) {
            out.append(random.nextInt(4) == 0 ? "] " : "]");
        }
        return out.toString();
    }

    /** A sign always before a digit: DuckDB 1.5 reads "- " (a sign, then white space) as the integer 0. */
    private static String sign(char c) {
        return c == '-' ? "-1" : String.valueOf(c);
    }

    @Test
    void floeAndDuckdbReadTheSameLists() throws Exception {
        RandomTexts table = RandomTexts.of(new SplittableRandom(20261206), 4000, 50, ListTextDifferentialTest::text);
        SqlContext floe = table.floe();
        String query = "SELECT id, s, TRY_CAST(s AS VARCHAR[]) AS a, TRY_CAST(s AS INTEGER[]) AS b,"
                + " CAST(TRY_CAST(s AS VARCHAR[]) AS VARCHAR) AS c FROM p ORDER BY id";
        DataFrame ours = floe.sql(query);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duck.createStatement()) {
            table.createIn(duck);
            int lists = 0;
            try (ResultSet result = statement.executeQuery(query)) {
                for (int row = 0; result.next(); row++) {
                    String s = result.getString(2);
                    for (int column = 3; column <= 4; column++) {
                        List<Object> expected = longs(list(result.getArray(column)));
                        Object actual = longs((List<?>) ours.column(column == 3 ? "a" : "b").get(row));
                        assertThat(actual).as("row %d: %s as %s", row, s, column == 3 ? "VARCHAR[]" : "INTEGER[]")
                                .isEqualTo(expected);
                        lists += expected == null ? 0 : 1;
                    }
                    // and written back as text, as DuckDB writes them
                    assertThat(ours.column("c").get(row)).as("row %d: %s", row, s).isEqualTo(result.getString(5));
                }
            }
            assertThat(lists).as("texts read as lists").isGreaterThan(1000);
        }
    }

    @Test
    void listsWrittenAsTextReadBackTheSame() {
        SplittableRandom random = new SplittableRandom(7);
        List<Object> ids = new ArrayList<>();
        List<Object> lists = new ArrayList<>();
        String alphabet = PLAIN + QUOTES + "\\:=é";
        for (int i = 0; i < 2000; i++) {
            ids.add((long) i);
            List<String> list = new ArrayList<>();
            for (int n = random.nextInt(5); n > 0; n--) {
                StringBuilder element = new StringBuilder();
                for (int k = random.nextInt(6); k > 0; k--) {
                    element.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                list.add(random.nextInt(8) == 0 ? null : element.toString());
            }
            lists.add(random.nextInt(40) == 0 ? null : list);
        }
        SqlContext floe = new SqlContext();
        floe.register("p", DataFrame.of(Series.of("id", ids), Series.of("l", lists)));
        DataFrame back = floe.sql("SELECT id, CAST(CAST(l AS VARCHAR) AS VARCHAR[]) AS l FROM p ORDER BY id");
        for (int i = 0; i < ids.size(); i++) {
            assertThat(back.column("l").get(i)).as("row %d", i).isEqualTo(lists.get(i));
        }
    }

    private static List<?> list(Array array) throws Exception {
        return array == null ? null : Arrays.asList((Object[]) array.getArray());
    }

    /** The list with its whole numbers as longs (Floe gives an INTEGER[]'s elements as ints, as DuckDB's driver). */
    private static List<Object> longs(List<?> values) {
        if (values == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (Object value : values) {
            out.add(value instanceof Number number ? (Object) number.longValue() : value);
        }
        return out;
    }
}
