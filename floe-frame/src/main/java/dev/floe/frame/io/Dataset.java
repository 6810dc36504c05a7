package dev.floe.frame.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files a path names, as one dataset: a file; a directory (every file under it, at any
 * depth); or a glob, whose parts may hold {@code * ? [...] {a,b}} and {@code **} for any number of
 * directories ({@code data/year=*}{@code /*.parquet}, {@code logs/**}{@code /*.csv}). Files whose
 * name starts with {@code .} or {@code _} (hidden files, {@code _SUCCESS} markers) are left out
 * of directories and globs. The files come in path order; {@link #root} is the directory their
 * partition folders ({@code year=2024}) are read from.
 *
 * @param files the files, in order
 * @param root the directory the path starts in: the part before any glob, or the directory given
 */
public record Dataset(List<Path> files, Path root) {
    public Dataset {
        files = List.copyOf(files);
    }

    /** The files {@code path} names; an error naming the path when there are none. */
    public static Dataset of(String path) {
        Path given = Path.of(path);
        if (!hasGlob(path)) {
            if (Files.isDirectory(given)) {
                List<Path> files = walk(given, null);
                if (files.isEmpty()) {
                    throw new UncheckedIOException(new IOException("the directory " + path + " holds no files"));
                }
                return new Dataset(files, given);
            }
            if (!Files.isRegularFile(given)) {
                throw new UncheckedIOException(new IOException("no such file: " + path));
            }
            return new Dataset(List.of(given), given.getParent() == null ? Path.of(".") : given.getParent());
        }
        // the longest leading part without glob characters is where the walk starts
        Path root = given.isAbsolute() ? given.getRoot() : Path.of("");
        int firstGlob = 0;
        for (Path part : given) {
            if (hasGlob(part.toString())) {
                break;
            }
            root = root.resolve(part);
            firstGlob++;
        }
        Path start = root.toString().isEmpty() ? Path.of(".") : root;
        String pattern = given.subpath(firstGlob, given.getNameCount()).toString();
        List<PathMatcher> matchers = new ArrayList<>();
        for (String variant : zeroOrMoreDirectories(pattern)) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + variant));
        }
        PathMatcher matcher = file -> matchers.stream().anyMatch(m -> m.matches(file));
        if (!Files.isDirectory(start)) {
            throw new UncheckedIOException(new IOException("no file matches " + path + " (no directory " + start + ")"));
        }
        List<Path> files = walk(start, matcher);
        if (files.isEmpty()) {
            throw new UncheckedIOException(new IOException("no file matches " + path));
        }
        return new Dataset(files, start);
    }

    /**
     * The pattern with each {@code **}{@code /} kept or dropped, so that it matches zero directories
     * too, as in shells and DuckDB (the JDK's glob wants at least one).
     */
    private static List<String> zeroOrMoreDirectories(String pattern) {
        int at = pattern.indexOf("**/");
        if (at < 0) {
            return List.of(pattern);
        }
        List<String> out = new ArrayList<>();
        for (String rest : zeroOrMoreDirectories(pattern.substring(at + 3))) {
            out.add(pattern.substring(0, at + 3) + rest);
            out.add(pattern.substring(0, at) + rest);
        }
        return out;
    }

    /** Whether a path has glob characters. */
    public static boolean hasGlob(String path) {
        return path.matches(".*[*?\\[{].*");
    }

    /** The regular files under {@code start} (matching {@code matcher} relative to it, if given), in path order. */
    private static List<Path> walk(Path start, PathMatcher matcher) {
        try (Stream<Path> paths = Files.walk(start, FileVisitOption.FOLLOW_LINKS)) {
            List<Path> files = new ArrayList<>();
            paths.filter(Files::isRegularFile).forEach(file -> {
                Path relative = start.relativize(file);
                for (Path part : relative) {
                    String name = part.toString();
                    if (name.startsWith(".") || name.startsWith("_")) {
                        return;
                    }
                }
                if (matcher == null || matcher.matches(relative)) {
                    files.add(start.toString().equals(".") && !start.isAbsolute() ? relative : file);
                }
            });
            files.sort(null);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + start + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot list " + start + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * The hive partitions of each file: the {@code key=value} directories between the root and the
     * file, in order; empty lists when there are none.
     */
    public List<List<String[]>> partitions() {
        List<List<String[]>> out = new ArrayList<>();
        for (Path file : files) {
            List<String[]> pairs = new ArrayList<>();
            Path relative = root.toString().isEmpty() || file.getParent() == null ? Path.of("")
                    : root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize().getParent());
            for (Path part : relative) {
                String name = part.toString();
                int equals = name.indexOf('=');
                if (equals > 0) {
                    pairs.add(new String[] {name.substring(0, equals), decode(name.substring(equals + 1))});
                }
            }
            out.add(pairs);
        }
        return out;
    }

    /** A partition value as written in a directory name: {@code %XX} escapes decoded. */
    private static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        try {
            return java.net.URLDecoder.decode(value.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
