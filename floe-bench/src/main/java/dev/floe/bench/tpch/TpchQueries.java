package dev.floe.bench.tpch;

import dev.floe.sql.Scripts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The 22 TPC-H queries as the specification writes them (with its validation parameters),
 * kept as resource files {@code q01.sql} .. {@code q22.sql} next to this class. Q15 is three
 * statements: it makes a view, queries it and drops it.
 */
public final class TpchQueries {
    /** How many queries there are. */
    public static final int COUNT = 22;
    /** What each query asks, by the specification's names, Q1 first. */
    public static final List<String> NAMES = List.of("pricing summary report", "minimum cost supplier",
            "shipping priority", "order priority checking", "local supplier volume", "forecasting revenue change",
            "volume shipping", "national market share", "product type profit", "returned item reporting",
            "important stock", "shipping modes", "customer distribution", "promotion effect", "top supplier",
            "parts/supplier relationship", "small-quantity-order revenue", "large volume customer",
            "discounted revenue", "potential part promotion", "suppliers who kept orders waiting",
            "global sales opportunity");

    private TpchQueries() {}

    /** The text of query {@code number} (1 to 22), as in its file. */
    public static String text(int number) {
        if (number < 1 || number > COUNT) {
            throw new IllegalArgumentException("TPC-H has queries 1 to " + COUNT + ", not " + number);
        }
        String file = String.format(Locale.ROOT, "q%02d.sql", number);
        try (InputStream in = TpchQueries.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + file + " is missing next to " + TpchQueries.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statements of query {@code number}, in order. */
    public static List<String> statements(int number) {
        return Scripts.split(text(number));
    }

    /** Which of {@link #statements} is the query whose answer counts: the one that begins with SELECT. */
    public static int answering(List<String> statements) {
        for (int i = 0; i < statements.size(); i++) {
            String text = statements.get(i).replaceAll("(?m)^\\s*--.*$", "").strip().toLowerCase(Locale.ROOT);
            if (text.startsWith("select") || text.startsWith("with")) {
                return i;
            }
        }
        throw new IllegalStateException("no query among " + statements);
    }
}
