package dev.floe.parquet;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Page compression without Hadoop's codec classes: Snappy (Floe's own, in Java: no native
 * library), Zstandard (zstd-jni, a native library: the JVM warns unless
 * {@code --enable-native-access=ALL-UNNAMED} is given), gzip (java.util.zip), or none. Stateless,
 * so one instance serves every thread.
 */
final class Codecs implements CompressionCodecFactory {
    static final Codecs INSTANCE = new Codecs();

    private Codecs() {}

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        require(codec);
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                byte[] in = bytes.toByteArray();
                return BytesInput.from(switch (codec) {
                    case UNCOMPRESSED -> in;
                    case SNAPPY -> Snappy.compress(in);
                    case ZSTD -> Zstd.compress(in, 3);
                    default -> gzip(in);
                });
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {
                // nothing held
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        require(codec);
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                // read in place from the row group's buffer where it has an array (no copy of the page)
                ByteBuffer in = bytes.toByteBuffer();
                if (in.hasArray()) {
                    return BytesInput.from(Codecs.decompress(codec, in.array(), in.arrayOffset() + in.position(),
                            in.remaining(), uncompressedSize));
                }
                byte[] copy = new byte[in.remaining()];
                in.get(copy);
                return BytesInput.from(Codecs.decompress(codec, copy, 0, copy.length, uncompressedSize));
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                byte[] in = new byte[compressedSize];
                input.get(in);
                output.put(Codecs.decompress(codec, in, 0, in.length, uncompressedSize));
            }

            @Override
            public void release() {
                // nothing held
            }
        };
    }

    @Override
    public void release() {
        // nothing held
    }

    private static void require(CompressionCodecName codec) {
        switch (codec) {
            case UNCOMPRESSED, SNAPPY, ZSTD, GZIP -> { }
            default -> throw new UnsupportedOperationException("Floe reads and writes Parquet pages that are "
                    + "uncompressed or in Snappy, Zstandard or gzip, not " + codec);
        }
    }

    /**
     * A page's bytes uncompressed. The size a page declares is checked before it is allocated
     * (what Snappy and Zstandard record of the size must agree with it; no page is larger than
     * half the heap), so a corrupt page header cannot ask for gigabytes.
     */
    private static byte[] decompress(CompressionCodecName codec, byte[] data, int from, int length, int size)
            throws IOException {
        if (size < 0 || size > Runtime.getRuntime().maxMemory() / 2) {
            throw new IOException("a page declares " + size + " bytes uncompressed, more than Floe can hold");
        }
        if (codec == CompressionCodecName.SNAPPY) {
            // checks the size the data records against the page's, and every literal and copy
            byte[] out = new byte[size];
            Snappy.decompress(data, from, length, out, size);
            return out;
        }
        byte[] in = from == 0 && length == data.length ? data : java.util.Arrays.copyOfRange(data, from, from + length);
        return switch (codec) {
            case UNCOMPRESSED -> in;
            case ZSTD -> {
                long recorded = Zstd.getFrameContentSize(in);
                if (recorded >= 0 && recorded != size) {
                    throw new IOException("a Zstandard page holds " + recorded + " bytes, its header says " + size);
                }
                yield Zstd.decompress(in, size);
            }
            default -> {
                try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(in))) {
                    yield gzip.readNBytes(size);
                }
            }
        };
    }

    private static byte[] gzip(byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(in);
        }
        return out.toByteArray();
    }
}
