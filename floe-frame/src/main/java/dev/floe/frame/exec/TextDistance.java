package dev.floe.frame.exec;

import dev.floe.FloeException;
import dev.floe.frame.DataType;
import dev.floe.frame.column.Utf8Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.TextMeasure;
import java.util.Arrays;

/**
 * How far apart two texts are, row by row ({@link TextMeasure}): by characters (code points),
 * each row's texts decoded into reused {@code int[]} buffers, the dynamic programs over reused
 * rows. A row is null where either text is.
 */
final class TextDistance {
    /** The most cells the unrestricted Damerau-Levenshtein table may take (4 bytes each). */
    private static final long MAX_CELLS = 1L << 27;

    private int[] a = new int[64];
    private int[] b = new int[64];
    private int[] rowA = new int[65];
    private int[] rowB = new int[65];
    private int[] table = new int[0];
    private int[] alphabet = new int[128];
    private int[] lastRow = new int[128];
    /** Each character of {@code b} as its place in {@link #alphabet}. */
    private int[] letterOfB = new int[64];
    private boolean[] matchedA = new boolean[64];
    private boolean[] matchedB = new boolean[64];

    private TextDistance() {}

    /**
     * The measure named {@code measure} of each row's two texts, typed {@code type}.
     *
     * @param start the row of the whole input where these values begin, for messages
     * @param expression the expression being evaluated, for messages
     */
    static Vector apply(String measure, Vector left, Vector right, DataType type, long start, String expression) {
        int rows = left.length();
        if (left.type() == DataType.NULL || right.type() == DataType.NULL) {
            return Kernels.nulls(type, rows);
        }
        TextMeasure kind = TextMeasure.of(measure);
        Utf8Vector x = FunctionKernel.utf8(left);
        Utf8Vector y = FunctionKernel.utf8(right);
        Validity validity = Kernels.and(x.validity(), y.validity(), rows);
        TextDistance state = new TextDistance();
        if (kind.counts()) {
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                if (validity == null || validity.isValid(i)) {
                    int m = state.decodeA(x, i);
                    int n = state.decodeB(y, i);
                    out[i] = switch (kind) {
                        case LEVENSHTEIN -> state.levenshtein(m, n);
                        case DAMERAU_LEVENSHTEIN -> state.damerauLevenshtein(m, n, start + i, expression);
                        default -> state.hamming(m, n, start + i, expression);
                    };
                }
            }
            return Kernels.fromLongs(DataType.INT64, out, rows, validity);
        }
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            if (validity == null || validity.isValid(i)) {
                int m = state.decodeA(x, i);
                int n = state.decodeB(y, i);
                out[i] = switch (kind) {
                    case JACCARD -> state.jaccard(m, n, start + i, expression);
                    case JARO -> state.jaro(m, n);
                    default -> state.jaroWinkler(m, n);
                };
            }
        }
        return Kernels.fromDoubles(DataType.FLOAT64, out, rows, validity);
    }

    private int decodeA(Utf8Vector text, int row) {
        a = grow(a, text.byteLength(row));
        return decode(text, row, a);
    }

    private int decodeB(Utf8Vector text, int row) {
        b = grow(b, text.byteLength(row));
        return decode(text, row, b);
    }

    private static int[] grow(int[] array, int needed) {
        return array.length >= needed ? array : new int[Math.max(needed, array.length * 2)];
    }

    /** The row's code points into {@code out} (at least as long as its bytes): how many. */
    private static int decode(Utf8Vector text, int row, int[] out) {
        byte[] data = text.data();
        int at = text.start(row);
        int end = at + text.byteLength(row);
        int count = 0;
        while (at < end) {
            int length = FunctionKernel.utf8Length(data[at]);
            out[count++] = FunctionKernel.codePoint(data, at, length);
            at += length;
        }
        return count;
    }

    private long levenshtein(int m, int n) {
        if (m == 0 || n == 0) {
            return Math.max(m, n);
        }
        rowA = grow(rowA, n + 1);
        rowB = grow(rowB, n + 1);
        int[] previous = rowA;
        int[] current = rowB;
        for (int j = 0; j <= n; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= m; i++) {
            current[0] = i;
            int ca = a[i - 1];
            for (int j = 1; j <= n; j++) {
                int substitute = previous[j - 1] + (ca == b[j - 1] ? 0 : 1);
                int delete = previous[j] + 1;
                int insert = current[j - 1] + 1;
                current[j] = Math.min(substitute, Math.min(delete, insert));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[n];
    }

    /** The distance with adjacent swaps, a swapped pair edited again allowed (Lowrance and Wagner's table). */
    private long damerauLevenshtein(int m, int n, long row, String expression) {
        if (m == 0 || n == 0) {
            return Math.max(m, n);
        }
        long cells = (long) (m + 2) * (n + 2);
        if (cells > MAX_CELLS) {
            throw new FloeException("damerau_levenshtein of texts of " + m + " and " + n
                    + " characters would need a table of " + cells + " cells (at most " + MAX_CELLS + ") (row " + row
                    + "), in expression " + expression + "; use levenshtein for texts this long");
        }
        // the characters of both texts, numbered: b's looked up once, a's once a row
        int letters = alphabet(m, n);
        lastRow = grow(lastRow, letters);
        Arrays.fill(lastRow, 0, letters, 0);
        letterOfB = grow(letterOfB, n);
        for (int j = 0; j < n; j++) {
            letterOfB[j] = Arrays.binarySearch(alphabet, 0, letters, b[j]);
        }
        int width = n + 2;
        if (table.length < cells) {
            table = new int[(int) cells];
        }
        int[] d = table;
        int infinity = m + n;
        d[0] = infinity;
        for (int i = 0; i <= m; i++) {
            d[(i + 1) * width] = infinity;
            d[(i + 1) * width + 1] = i;
        }
        for (int j = 0; j <= n; j++) {
            d[j + 1] = infinity;
            d[width + j + 1] = j;
        }
        for (int i = 1; i <= m; i++) {
            int lastColumn = 0;
            int ca = a[i - 1];
            for (int j = 1; j <= n; j++) {
                int cb = b[j - 1];
                int k = lastRow[letterOfB[j - 1]];
                int l = lastColumn;
                int cost = 1;
                if (ca == cb) {
                    cost = 0;
                    lastColumn = j;
                }
                int best = Math.min(d[i * width + j] + cost,
                        Math.min(d[(i + 1) * width + j] + 1, d[i * width + j + 1] + 1));
                best = Math.min(best, d[k * width + l] + (i - k - 1) + 1 + (j - l - 1));
                d[(i + 1) * width + j + 1] = best;
            }
            lastRow[Arrays.binarySearch(alphabet, 0, letters, ca)] = i;
        }
        return d[(m + 1) * width + n + 1];
    }

    /** The distinct characters of both texts, sorted into {@link #alphabet}: how many. */
    private int alphabet(int m, int n) {
        alphabet = grow(alphabet, m + n);
        System.arraycopy(a, 0, alphabet, 0, m);
        System.arraycopy(b, 0, alphabet, m, n);
        Arrays.sort(alphabet, 0, m + n);
        int letters = 0;
        for (int i = 0; i < m + n; i++) {
            if (i == 0 || alphabet[i] != alphabet[i - 1]) {
                alphabet[letters++] = alphabet[i];
            }
        }
        return letters;
    }

    private long hamming(int m, int n, long row, String expression) {
        if (m != n) {
            throw new FloeException("hamming needs texts of one length, got " + m + " and " + n + " characters (row "
                    + row + "), in expression " + expression);
        }
        long differ = 0;
        for (int i = 0; i < m; i++) {
            if (a[i] != b[i]) {
                differ++;
            }
        }
        return differ;
    }

    private double jaccard(int m, int n, long row, String expression) {
        if (m == 0 && n == 0) {
            throw new FloeException("jaccard of two empty texts has no value (row " + row + "), in expression "
                    + expression);
        }
        int distinctA = distinctSorted(a, m);
        int distinctB = distinctSorted(b, n);
        int both = 0;
        int i = 0;
        int j = 0;
        while (i < distinctA && j < distinctB) {
            if (a[i] == b[j]) {
                both++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) both / (distinctA + distinctB - both);
    }

    /** Sorts the first {@code count} values and keeps each once: how many are left. */
    private static int distinctSorted(int[] values, int count) {
        Arrays.sort(values, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (i == 0 || values[i] != values[i - 1]) {
                values[distinct++] = values[i];
            }
        }
        return distinct;
    }

    private double jaro(int m, int n) {
        if (m == 0 || n == 0) {
            return 0.0;
        }
        int window = Math.max(0, Math.max(m, n) / 2 - 1);
        matchedA = grow(matchedA, m);
        matchedB = grow(matchedB, n);
        Arrays.fill(matchedA, 0, m, false);
        Arrays.fill(matchedB, 0, n, false);
        int matches = 0;
        for (int i = 0; i < m; i++) {
            int from = Math.max(0, i - window);
            int to = Math.min(n - 1, i + window);
            for (int j = from; j <= to; j++) {
                if (!matchedB[j] && a[i] == b[j]) {
                    matchedA[i] = true;
                    matchedB[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int halfTranspositions = 0;
        int j = 0;
        for (int i = 0; i < m; i++) {
            if (matchedA[i]) {
                while (!matchedB[j]) {
                    j++;
                }
                if (a[i] != b[j]) {
                    halfTranspositions++;
                }
                j++;
            }
        }
        double c = matches;
        return (c / m + c / n + (c - halfTranspositions / 2) / c) / 3.0;
    }

    private double jaroWinkler(int m, int n) {
        double jaro = jaro(m, n);
        if (jaro <= 0.7) {
            return jaro;
        }
        int prefix = 0;
        int most = Math.min(4, Math.min(m, n));
        while (prefix < most && a[prefix] == b[prefix]) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1.0 - jaro);
    }

    private static boolean[] grow(boolean[] array, int needed) {
        return array.length >= needed ? array : new boolean[Math.max(needed, array.length * 2)];
    }
}
