package dev.floe.sql;

import dev.floe.frame.Floe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which files the SQL of a {@link SqlContext} may read: every file the process can read (the
 * default, as for a local tool), none, or only those inside some directories. A program that
 * runs SQL written by others sets this, as DuckDB's {@code enable_external_access} and
 * {@code allowed_directories} do:
 *
 * <pre>{@code
 * SqlContext sandboxed = new SqlContext().withFileAccess(FileAccess.disabled());   // registered tables only
 * SqlContext data = new SqlContext().withFileAccess(FileAccess.allowedDirectories(Path.of("/srv/data")));
 * }</pre>
 *
 * <p>Every path the SQL names is checked before anything is read: {@code FROM 'file'}, a bare
 * {@code FROM data/x.csv}, {@code read_csv}, {@code read_parquet}, {@code read_arrow} and their
 * other names. Paths are judged by where they really lead: relative paths from the working
 * directory, {@code ..} and symbolic links resolved (a file that does not exist is judged by its
 * nearest existing parent), so neither can lead out of an allowed directory. A glob is checked
 * twice: the directory it lists must be allowed, and so must every file it matches (a link
 * among them to a file outside is refused). A path that is refused gets the same answer whether
 * or not the file exists. Immutable and thread-safe.
 *
 * <p>The check is made when a statement names the file; a plan made before (a view) reads what
 * it named then. Allow only directories that the authors of the SQL cannot change by other
 * means: a symbolic link planted after the check is not seen.
 */
public final class FileAccess {
    private static final FileAccess UNRESTRICTED = new FileAccess(false, List.of());
    private static final FileAccess DISABLED = new FileAccess(true, List.of());

    private final boolean restricted;
    private final List<Path> directories;

    private FileAccess(boolean restricted, List<Path> directories) {
        this.restricted = restricted;
        this.directories = directories;
    }

    /** Any file the process can read: the default. */
    public static FileAccess unrestricted() {
        return UNRESTRICTED;
    }

    /** No file at all: only registered tables, views and the query's own values. */
    public static FileAccess disabled() {
        return DISABLED;
    }

    /** Only files inside {@code directories} (and their subdirectories), wherever the path leads. */
    public static FileAccess allowedDirectories(Path... directories) {
        return allowedDirectories(List.of(Objects.requireNonNull(directories, "directories is null")));
    }

    /** {@link #allowedDirectories(Path...)} from a list. */
    public static FileAccess allowedDirectories(List<Path> directories) {
        Objects.requireNonNull(directories, "directories is null");
        List<Path> absolute = new ArrayList<>();
        for (Path directory : directories) {
            absolute.add(Objects.requireNonNull(directory, "a directory is null").toAbsolutePath().normalize());
        }
        return absolute.isEmpty() ? DISABLED : new FileAccess(true, List.copyOf(absolute));
    }

    /** Whether the SQL may read any file the process can. */
    public boolean isUnrestricted() {
        return !restricted;
    }

    /** The directories files may be read from; empty when unrestricted or disabled. */
    public List<Path> allowedDirectories() {
        return directories;
    }

    /**
     * Why the SQL may not read {@code path} (a file or a glob), naming the path and this setting;
     * null if it may.
     */
    String refusal(String path) {
        if (!restricted) {
            return null;
        }
        if (directories.isEmpty()) {
            return "cannot read '" + path + "': file access is disabled in this SqlContext (FileAccess.disabled(), "
                    + "as DuckDB's enable_external_access = false)";
        }
        Path given;
        try {
            given = Path.of(path);
        } catch (IllegalArgumentException e) {
            return "cannot read '" + path + "': " + e.getMessage();
        }
        // a glob (in any part) or a directory names many files: where it starts, and then each file
        boolean glob = dev.floe.frame.io.Dataset.hasGlob(path);
        boolean many = glob || java.nio.file.Files.isDirectory(given);
        Path target = glob ? globRoot(given) : given;
        String outside = outside(target);
        if (outside != null) {
            return "cannot read '" + path + "': " + (many ? "the directory it lists " : "it ") + outside;
        }
        if (many) {
            List<Path> matches;
            try {
                matches = Floe.expand(path);
            } catch (UncheckedIOException e) {
                return null; // nothing matches, inside an allowed directory: the reader says so
            }
            for (Path match : matches) {
                String escapes = outside(match);
                if (escapes != null) {
                    return "cannot read '" + path + "': it matches " + match + ", which " + escapes;
                }
            }
        }
        return null;
    }

    /**
     * Why the SQL may not write {@code path} ({@code COPY ... TO}), naming the path and this setting;
     * null if it may. The file must lead into an allowed directory, as a file read must.
     */
    String writeRefusal(String path) {
        if (!restricted) {
            return null;
        }
        if (directories.isEmpty()) {
            return "cannot write '" + path + "': file access is disabled in this SqlContext (FileAccess.disabled(), "
                    + "as DuckDB's enable_external_access = false)";
        }
        Path given;
        try {
            given = Path.of(path);
        } catch (IllegalArgumentException e) {
            return "cannot write '" + path + "': " + e.getMessage();
        }
        String outside = outside(given);
        return outside == null ? null : "cannot write '" + path + "': it " + outside;
    }

    /** The leading part of a glob before its first part with glob characters. */
    private static Path globRoot(Path glob) {
        Path root = glob.isAbsolute() ? glob.getRoot() : Path.of("");
        for (Path part : glob) {
            if (dev.floe.frame.io.Dataset.hasGlob(part.toString())) {
                break;
            }
            root = root.resolve(part);
        }
        return root.toString().isEmpty() ? Path.of(".") : root;
    }

    /** Why {@code path} is not inside an allowed directory ("leads to /etc, outside ..."), or null if it is. */
    private String outside(Path path) {
        Path real;
        try {
            real = realPath(path.toAbsolutePath());
        } catch (IOException e) {
            return "cannot be resolved (" + e + "), so it is not read; " + setting();
        }
        for (Path directory : directories) {
            try {
                if (real.startsWith(realPath(directory))) {
                    return null;
                }
            } catch (IOException e) {
                // an allowed directory that cannot be resolved allows nothing
            }
        }
        return "leads to " + real + ", outside the directories this SqlContext may read; " + setting();
    }

    private String setting() {
        return "FileAccess.allowedDirectories allows " + String.join(", ", directories.stream().map(Path::toString)
                .toList()) + " (as DuckDB's allowed_directories)";
    }

    /**
     * Where {@code absolute} really leads: its real path, or for a file that does not exist, the
     * real path of its nearest existing parent followed by the rest.
     */
    private static Path realPath(Path absolute) throws IOException {
        try {
            return absolute.toRealPath();
        } catch (NoSuchFileException e) {
            Path parent = absolute.getParent();
            if (parent == null || absolute.getFileName() == null) {
                return absolute.normalize();
            }
            return realPath(parent).resolve(absolute.getFileName()).normalize();
        }
    }

    @Override
    public String toString() {
        return !restricted ? "FileAccess.unrestricted()" : directories.isEmpty() ? "FileAccess.disabled()"
                : "FileAccess.allowedDirectories(" + String.join(", ", directories.stream().map(Path::toString).toList())
                        + ")";
    }
}
