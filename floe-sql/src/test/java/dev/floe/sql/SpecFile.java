package dev.floe.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One spec file of the SQL corpus, read into its records. The format is sqllogictest's:
 *
 * <pre>
 * # a comment
 * statement ok
 * CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a'), (2, NULL)) AS v(i, s)
 *
 * query IT rowsort
 * SELECT i, s FROM t
 * ----
 * 1	a
 * 2	NULL
 *
 * statement error unknown column "zz"
 * SELECT zz FROM t
 * </pre>
 *
 * A record's SQL runs to the {@code ----} line (queries) or to the first blank line. Expected
 * rows are tab-separated, one row a line, and end at the first blank line. Type letters: I
 * integer, R floating point, T text, B boolean, D date. {@code rowsort} compares rows as sorted
 * multisets, {@code nosort} (the default) in order. {@code skipif ENGINE} and {@code onlyif
 * ENGINE} lines before a record keep it from, or limit it to, one engine ({@code floe},
 * {@code duckdb}).
 */
record SpecFile(String name, List<Record> records) {
    /** Where the corpus lives on the class path. */
    static final String ROOT = "spec";

    /** A statement or a query, at {@code line} (from 1) of its file. */
    sealed interface Record permits Statement, Query {
        String file();

        int line();

        String sql();

        List<String> skipIf();

        List<String> onlyIf();

        default boolean runsOn(String engine) {
            return !skipIf().contains(engine) && (onlyIf().isEmpty() || onlyIf().contains(engine));
        }

        default String where() {
            return file() + ":" + line();
        }
    }

    /** {@code statement ok} or {@code statement error <text>}: {@code error} is null when it must succeed. */
    record Statement(String file, int line, String sql, String error, boolean expectError, List<String> skipIf,
            List<String> onlyIf) implements Record {}

    /** {@code query <types> [rowsort|nosort]} with its expected rows, each value as written. */
    record Query(String file, int line, String sql, String types, boolean rowsort, List<List<String>> expected,
            List<String> skipIf, List<String> onlyIf) implements Record {}

    /** All spec files under the class path folder {@link #ROOT}, by name. */
    static List<SpecFile> corpus() {
        URL url = SpecFile.class.getClassLoader().getResource(ROOT);
        if (url == null) {
            throw new IllegalStateException("no folder '" + ROOT + "' on the test class path");
        }
        try (Stream<Path> paths = Files.walk(Path.of(url.toURI()))) {
            Path root = Path.of(url.toURI());
            return paths.filter(path -> path.toString().endsWith(".test"))
                    .sorted()
                    .map(path -> read(root.relativize(path).toString().replace('\\', '/'), path))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static SpecFile read(String name, Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SpecFile parse(String name, String text) {
        List<String> lines = text.lines().toList();
        List<Record> records = new ArrayList<>();
        List<String> skipIf = new ArrayList<>();
        List<String> onlyIf = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                i++;
                continue;
            }
            String[] words = line.split("\\s+", 3);
            int start = i;
            switch (words[0]) {
                case "skipif", "onlyif" -> {
                    if (words.length < 2) {
                        throw malformed(name, i, "'" + words[0] + "' needs an engine name");
                    }
                    String engine = words[1].toLowerCase(Locale.ROOT);
                    if (!engine.equals("floe") && !engine.equals("duckdb")) {
                        // a misspelt engine would skip the record everywhere, or run it where it should not
                        throw malformed(name, i, "unknown engine '" + words[1] + "' (floe or duckdb)");
                    }
                    (words[0].equals("skipif") ? skipIf : onlyIf).add(engine);
                    i++;
                    continue;
                }
                case "statement" -> {
                    if (words.length < 2 || !(words[1].equals("ok") || words[1].equals("error"))) {
                        throw malformed(name, i, "'statement' is followed by 'ok' or 'error'");
                    }
                    boolean expectError = words[1].equals("error");
                    String error = expectError && words.length == 3 ? words[2] : null;
                    i++;
                    StringBuilder sql = new StringBuilder();
                    while (i < lines.size() && !lines.get(i).isBlank()) {
                        sql.append(sql.isEmpty() ? "" : "\n").append(lines.get(i));
                        i++;
                    }
                    if (sql.isEmpty()) {
                        throw malformed(name, start, "a statement without SQL");
                    }
                    records.add(new Statement(name, start + 1, sql.toString(), error, expectError, List.copyOf(skipIf),
                            List.copyOf(onlyIf)));
                }
                case "query" -> {
                    if (words.length < 2) {
                        throw malformed(name, i, "'query' needs its type letters");
                    }
                    String types = words[1];
                    String mode = words.length == 3 ? words[2].strip() : "nosort";
                    if (!mode.equals("rowsort") && !mode.equals("nosort")) {
                        throw malformed(name, i, "unknown sort mode '" + mode + "' (rowsort or nosort)");
                    }
                    i++;
                    StringBuilder sql = new StringBuilder();
                    while (i < lines.size() && !lines.get(i).isBlank() && !lines.get(i).equals("----")) {
                        sql.append(sql.isEmpty() ? "" : "\n").append(lines.get(i));
                        i++;
                    }
                    if (sql.isEmpty()) {
                        throw malformed(name, start, "a query without SQL");
                    }
                    List<List<String>> expected = new ArrayList<>();
                    if (i < lines.size() && lines.get(i).equals("----")) {
                        i++;
                        while (i < lines.size() && !lines.get(i).isBlank()) {
                            List<String> row = List.of(lines.get(i).split("\t", -1));
                            if (row.size() != types.length()) {
                                throw malformed(name, i, "a row of " + row.size() + " values under '" + types
                                        + "' (values are separated by tabs)");
                            }
                            expected.add(row);
                            i++;
                        }
                    }
                    records.add(new Query(name, start + 1, sql.toString(), types, mode.equals("rowsort"), expected,
                            List.copyOf(skipIf), List.copyOf(onlyIf)));
                }
                default -> throw malformed(name, i, "expected 'statement', 'query', 'skipif', 'onlyif' or '#', found '"
                        + line + "'");
            }
            skipIf.clear();
            onlyIf.clear();
        }
        return new SpecFile(name, List.copyOf(records));
    }

    private static IllegalArgumentException malformed(String file, int index, String why) {
        return new IllegalArgumentException(file + ":" + (index + 1) + ": " + why);
    }
}
