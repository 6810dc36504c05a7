package dev.floe.parquet;

import dev.floe.frame.DataType;
import dev.floe.frame.column.Dictionary;
import dev.floe.frame.exec.ValueBounds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * What Parquet files say of their columns' values before the pages are read, for packing
 * group-by keys ({@link ValueBounds}): whole numbers' ranges from every row group's statistics,
 * and the shape of short text (its most bytes, smallest and largest byte) from the dictionary
 * pages of columns whose every page is dictionary-encoded, so that the dictionaries hold every
 * value. These are the files' claims; the packer checks each value against them. Each column is
 * worked out once, on first use; nothing known where a row group lacks statistics, a page is
 * not dictionary-encoded, or the dictionaries are large.
 */
final class FooterBounds implements ValueBounds {
    /** The most bytes of dictionary pages read for one column's shape (text keys that pack are short). */
    static final long DICTIONARY_BYTES = 4L << 20;
    /** Past this many bytes a text does not pack into a long. */
    private static final int PACKED_BYTES = 63;
    /** Encodings of a chunk whose every page is dictionary-encoded, when a file lists no encoding statistics. */
    private static final Set<Encoding> DICTIONARY_ONLY = EnumSet.of(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY,
            Encoding.RLE, Encoding.BIT_PACKED);

    /** Opens file {@code index} with the footer already read. */
    interface Opener {
        ParquetFileReader open(int file) throws IOException;
    }

    private final List<Path> files;
    private final List<ParquetMetadata> footers;
    private final List<ParquetColumn> columns;
    private final Opener opener;
    private final ConcurrentHashMap<String, Optional<long[]>> ranges = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Optional<int[]>> shapes = new ConcurrentHashMap<>();

    FooterBounds(List<Path> files, List<ParquetMetadata> footers, List<ParquetColumn> columns, Opener opener) {
        this.files = files;
        this.footers = footers;
        this.columns = columns;
        this.opener = opener;
    }

    @Override
    public long[] integerRange(String column) {
        return known(ranges, column, name -> range(flat(name)));
    }

    @Override
    public int[] textShape(String column) {
        return known(shapes, column, name -> shape(flat(name)));
    }

    /**
     * What {@code work} gives for the column, worked out once and kept in {@code cache}: outside
     * the map's locks (reading dictionary pages takes a while), so a race only works it out twice.
     */
    private static <T> T known(ConcurrentHashMap<String, Optional<T>> cache, String column,
            java.util.function.Function<String, T> work) {
        Optional<T> known = cache.get(column);
        if (known == null) {
            known = Optional.ofNullable(work.apply(column));
            cache.put(column, known);
        }
        return known.orElse(null);
    }

    @Override
    public Dictionary dictionary(String column) {
        return null; // categorical columns decode into each worker's own dictionary
    }

    @Override
    public String origin() {
        return "the statistics and dictionary pages of Parquet file" + (files.size() == 1 ? " " + files.get(0)
                : "s " + files.get(0) + " and " + (files.size() - 1) + " more");
    }

    /** The column of that name when it is a top-level column that does not repeat, else null. */
    private ParquetColumn flat(String name) {
        for (ParquetColumn column : columns) {
            if (column.name().equals(name)) {
                return column.node() == null && column.descriptor().getPath().length == 1
                        && column.descriptor().getMaxRepetitionLevel() == 0 ? column : null;
            }
        }
        return null;
    }

    /**
     * {min, max} over every row group's statistics of a whole-number column read as it is stored
     * (signed 32- or 64-bit integers, narrower signed integers, dates), {} when every value is
     * null; null when a row group has no statistics.
     */
    private long[] range(ParquetColumn column) {
        if (column == null || !storedAsRead(column)) {
            return null;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (ParquetMetadata footer : footers) {
            for (BlockMetaData block : footer.getBlocks()) {
                ColumnChunkMetaData chunk = ParquetSource.chunk(block, column);
                Statistics<?> stats = chunk == null ? null : chunk.getStatistics();
                if (stats == null || stats.isEmpty()) {
                    return null;
                }
                if (!stats.hasNonNullValue()) {
                    if (!stats.isNumNullsSet() || stats.getNumNulls() != block.getRowCount()) {
                        return null;
                    }
                    continue;
                }
                if (!(stats.genericGetMin() instanceof Number low) || !(stats.genericGetMax() instanceof Number high)) {
                    return null;
                }
                min = Math.min(min, low.longValue());
                max = Math.max(max, high.longValue());
            }
        }
        if (min > max) {
            return new long[0];
        }
        // INT(8) and INT(16) values outside their width are narrowed as they are read (the file
        // breaks its annotation), so their statistics would not bound what is grouped
        long[] width = switch (column.type().id()) {
            case INT8 -> new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
            case INT16 -> new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
            default -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
        };
        return min >= width[0] && max <= width[1] ? new long[] {min, max} : null;
    }

    /** Whether the column's values are its stored integers as they are: no unsigned, decimal or time unit to convert. */
    private static boolean storedAsRead(ParquetColumn column) {
        DataType type = column.type();
        if (type != DataType.INT8 && type != DataType.INT16 && type != DataType.INT32 && type != DataType.INT64
                && type != DataType.DATE) {
            return false;
        }
        PrimitiveTypeName physical = column.leaf().getPrimitiveTypeName();
        if (physical != PrimitiveTypeName.INT32 && physical != PrimitiveTypeName.INT64) {
            return false;
        }
        LogicalTypeAnnotation logical = column.leaf().getLogicalTypeAnnotation();
        return logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned()
                || logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation && type == DataType.DATE;
    }

    /**
     * {most bytes, smallest byte, largest byte} of a text column's values, read from its
     * dictionary pages when every row group's pages are dictionary-encoded and the dictionaries
     * are small; {0, 0, 0} when no value has a byte; null when unknown or too long to pack.
     */
    private int[] shape(ParquetColumn column) {
        if (column == null || column.type() != DataType.UTF8
                || column.leaf().getPrimitiveTypeName() != PrimitiveTypeName.BINARY) {
            return null;
        }
        long bytes = 0;
        for (ParquetMetadata footer : footers) {
            for (BlockMetaData block : footer.getBlocks()) {
                ColumnChunkMetaData chunk = ParquetSource.chunk(block, column);
                if (chunk == null) {
                    return null;
                }
                if (!chunk.hasDictionaryPage()) {
                    if (!allNull(chunk, block)) {
                        return null;
                    }
                    continue;
                }
                if (!dictionaryOnly(chunk)) {
                    return null;
                }
                bytes += chunk.getFirstDataPageOffset() - chunk.getDictionaryPageOffset();
                if (bytes > DICTIONARY_BYTES || chunk.getFirstDataPageOffset() < chunk.getDictionaryPageOffset()) {
                    return null;
                }
            }
        }
        int most = 0;
        int smallest = 255;
        int largest = 0;
        for (int f = 0; f < footers.size(); f++) {
            try (ParquetFileReader reader = opener.open(f)) {
                for (BlockMetaData block : footers.get(f).getBlocks()) {
                    ColumnChunkMetaData chunk = ParquetSource.chunk(block, column);
                    if (!chunk.hasDictionaryPage()) {
                        continue;
                    }
                    org.apache.parquet.column.page.DictionaryPageReadStore dictionaries = reader.getDictionaryReader(block);
                    DictionaryPage page = dictionaries.readDictionaryPage(column.descriptor());
                    if (page == null) {
                        return null;
                    }
                    byte[] data = page.getBytes().toByteArray();
                    int at = 0;
                    for (int i = 0; i < page.getDictionarySize(); i++) {
                        if (at > data.length - 4) {
                            return null; // the page is corrupt: reading the column will say so
                        }
                        int length = (data[at] & 0xFF) | (data[at + 1] & 0xFF) << 8 | (data[at + 2] & 0xFF) << 16
                                | (data[at + 3] & 0xFF) << 24;
                        at += 4;
                        if (length < 0 || length > PACKED_BYTES || length > data.length - at) {
                            return null;
                        }
                        most = Math.max(most, length);
                        for (int b = at; b < at + length; b++) {
                            smallest = Math.min(smallest, data[b] & 0xFF);
                            largest = Math.max(largest, data[b] & 0xFF);
                        }
                        at += length;
                    }
                }
            } catch (IOException | RuntimeException e) {
                return null; // reading the pages themselves reports what is wrong with the file
            }
        }
        return most == 0 ? new int[] {0, 0, 0} : new int[] {most, smallest, largest};
    }

    /** Whether the footer says every data page of the chunk is dictionary-encoded. */
    private static boolean dictionaryOnly(ColumnChunkMetaData chunk) {
        EncodingStats stats = chunk.getEncodingStats();
        if (stats != null) {
            return stats.hasDictionaryPages() && !stats.hasNonDictionaryEncodedPages();
        }
        Set<Encoding> encodings = chunk.getEncodings();
        return (encodings.contains(Encoding.PLAIN_DICTIONARY) || encodings.contains(Encoding.RLE_DICTIONARY))
                && DICTIONARY_ONLY.containsAll(encodings);
    }

    private static boolean allNull(ColumnChunkMetaData chunk, BlockMetaData block) {
        Statistics<?> stats = chunk.getStatistics();
        return stats != null && !stats.isEmpty() && stats.isNumNullsSet() && stats.getNumNulls() == block.getRowCount();
    }
}
