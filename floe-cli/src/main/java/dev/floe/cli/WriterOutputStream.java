package dev.floe.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes written to a {@link Writer}: the frame writers produce bytes, and the command's
 * standard output is a writer. A character split across two writes is decoded whole.
 */
final class WriterOutputStream extends OutputStream {
    private final Writer writer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 14);
    private final CharBuffer chars = CharBuffer.allocate(1 << 14);

    WriterOutputStream(Writer writer) {
        this.writer = writer;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, bytes.remaining());
            bytes.put(data, offset, n);
            offset += n;
            length -= n;
            decode();
        }
    }

    /** Decodes what the buffer holds, keeping the bytes of an unfinished character for the next write. */
    private void decode() throws IOException {
        bytes.flip();
        while (true) {
            CoderResult result = decoder.decode(bytes, chars, false);
            chars.flip();
            writer.append(chars);
            chars.clear();
            if (result.isUnderflow()) {
                break;
            }
        }
        bytes.compact();
    }

    @Override
    public void flush() throws IOException {
        writer.flush();
    }

    /** Flushes; the writer stays open (it is the command's standard output). */
    @Override
    public void close() throws IOException {
        flush();
    }
}
