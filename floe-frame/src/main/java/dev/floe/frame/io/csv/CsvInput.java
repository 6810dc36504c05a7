package dev.floe.frame.io.csv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * The bytes of one CSV input, readable at any position by several threads at once: a file
 * (positional reads, nothing loaded up front) or bytes in memory (a stream, or a gzip file,
 * read whole first, since neither can be split).
 */
sealed interface CsvInput extends AutoCloseable permits CsvInput.FileInput, CsvInput.MemoryInput {
    /** The name errors give: the path, or "input". */
    String name();

    long size();

    /**
     * Reads up to {@code length} bytes at {@code position} into {@code into[offset...]}; fewer only at
     * the end of the input.
     *
     * @return the bytes read
     */
    int read(long position, byte[] into, int offset, int length);

    @Override
    void close();

    /** A file; {@code .gz} files are decompressed into memory. */
    static CsvInput open(Path path) {
        try {
            if (path.getFileName() != null && path.getFileName().toString().endsWith(".gz")) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(path), 1 << 16)) {
                    return new MemoryInput(path.toString(), readAll(in, path.toString()));
                }
            }
            return new FileInput(path.toString(), FileChannel.open(path, StandardOpenOption.READ));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UncheckedIOException("no such file: " + path.toAbsolutePath(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** A stream, read to its end now. */
    static CsvInput of(InputStream in, String name) {
        try {
            return new MemoryInput(name, readAll(in, name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readAll(InputStream in, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if ((long) out.size() + n > Integer.MAX_VALUE - 16) {
                throw new IOException(name + " holds more than 2 GiB once decompressed; decompress it to a file "
                        + "and read that, which is split and read in parallel");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    record FileInput(String name, FileChannel channel) implements CsvInput {
        @Override
        public long size() {
            try {
                return channel.size();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
            }
        }

        @Override
        public int read(long position, byte[] into, int offset, int length) {
            ByteBuffer buffer = ByteBuffer.wrap(into, offset, length);
            try {
                long at = position;
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, at);
                    if (n < 0) {
                        break;
                    }
                    at += n;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
            }
            return buffer.position() - offset;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    record MemoryInput(String name, byte[] bytes) implements CsvInput {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public int read(long position, byte[] into, int offset, int length) {
            int n = (int) Math.max(0, Math.min(length, bytes.length - position));
            System.arraycopy(bytes, (int) position, into, offset, n);
            return n;
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
