package dev.floe.cli;

import dev.floe.FloeException;
import dev.floe.sql.SqlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** How the {@code floe} command tells of an error: one message for the person at the terminal. */
final class Errors {
    private Errors() {}

    /** What went wrong, in the words of the error that says it best. */
    static String message(Throwable error) {
        if (error instanceof UncheckedIOException unchecked && unchecked.getCause() != null
                && (unchecked.getMessage() == null || unchecked.getMessage().equals(unchecked.getCause().toString()))) {
            return message(unchecked.getCause());
        }
        String message = switch (error) {
            case NoSuchFileException e -> "no such file: " + e.getFile();
            case AccessDeniedException e -> "permission denied: " + e.getFile();
            case FileAlreadyExistsException e -> "already exists: " + e.getFile();
            case NotDirectoryException e -> "not a folder: " + e.getFile();
            default -> error.getMessage();
        };
        if (message == null || message.isBlank()) {
            return error.getCause() != null && error.getCause() != error ? message(error.getCause())
                    : error.getClass().getName();
        }
        return expected(error) ? message : error.getClass().getName() + ": " + message;
    }

    /**
     * Whether the error is one a command meets in ordinary use (a bad query, a missing or
     * malformed file, a value a frame cannot hold), whose message says all; anything else is a
     * fault of Floe's own, and its class name and a hint at {@code --debug} go with the message.
     */
    static boolean expected(Throwable error) {
        return error instanceof FloeException || error instanceof SqlException || error instanceof IOException
                || error instanceof UncheckedIOException || error instanceof IllegalArgumentException
                || error instanceof IllegalStateException || error instanceof ArithmeticException;
    }
}
