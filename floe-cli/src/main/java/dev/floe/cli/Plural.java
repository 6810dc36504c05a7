package dev.floe.cli;

import java.util.Locale;

/** Counts in words: {@code 1 row}, {@code 2 rows}, {@code 1,000 rows}. */
final class Plural {
    private Plural() {}

    static String of(long count, String noun) {
        return String.format(Locale.ROOT, "%,d %s", count, count == 1 ? noun : noun + "s");
    }
}
