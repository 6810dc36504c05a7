package dev.floe.frame.exec;

import dev.floe.frame.DataFrame;
import dev.floe.frame.DataType;
import dev.floe.frame.OutOfRangeException;
import dev.floe.frame.column.Int128;
import dev.floe.frame.column.Int128Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.expr.Agg;
import dev.floe.frame.expr.AggFunction;
import dev.floe.frame.expr.Over;
import dev.floe.frame.expr.WindowFrame;
import dev.floe.frame.expr.WindowFrame.Bound;
import dev.floe.frame.expr.WindowFrame.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Aggregations over explicit window frames ({@link WindowFrame}), on rows already sorted by
 * (partition, order keys). Each sorted row's frame is worked out as a range of sorted positions,
 * less the rows its EXCLUDE takes out (so at most three pieces); then counts and integer sums
 * come from prefix sums (integer sums exact in 192 bits), float sums (compensated: each node keeps
 * the rounding error of its sum) and min/max from segment trees over the sorted values, and
 * first/last from the pieces' ends (skipping nulls through next/previous-value indexes). Every
 * step is a loop over primitive arrays, O(n log n) in all.
 */
final class FramedWindow {
    private FramedWindow() {}

    /**
     * The window's values, one per input row: {@code order} lists the rows sorted by partition and
     * order keys, {@code samePartition[i]} says sorted row {@code i} shares its partition with row
     * {@code i - 1} and {@code tie[i]} that it is also its peer.
     */
    static Vector compute(DataFrame input, Over over, int[] order, boolean[] samePartition, boolean[] tie,
            DataType type, Workers workers) {
        int n = order.length;
        Agg agg = (Agg) over.expr();
        WindowFrame frame = over.frame() != null ? over.frame()
                : over.orderBy().isEmpty() ? WindowFrame.rows(Bound.unboundedPreceding(), Bound.unboundedFollowing())
                : WindowFrame.range(Bound.unboundedPreceding(), Bound.currentRow());
        // without an order every row of a partition is a peer of every other: tie says so already
        int[][] pieces = pieces(input, over, frame, order, samePartition, tie, workers);
        if (!fast(agg, input.schema())) {
            return general(input, agg, order, pieces, type, workers);
        }
        AggFunction function = agg.function();
        Vector values = function == AggFunction.LEN ? null : Evaluation.column(input, agg.input(), workers);
        if (values != null && values.type().isDecimal() && type == DataType.FLOAT64) {
            values = CastKernel.cast(values, DataType.FLOAT64, true, 0, agg.toString()); // a mean of decimals: as floats
        }
        return switch (function) {
            case COUNT, LEN -> counts(values, order, pieces);
            case SUM, MEAN -> sums(input, agg, values, order, pieces, type);
            case MIN, MAX -> extremes(agg, values, order, pieces, type);
            case FIRST, LAST, NTH_VALUE -> ends(agg, values, order, pieces, type);
            default -> throw new IllegalStateException("not a framed aggregation: " + agg);
        };
    }

    /** The aggregations computed over frames (and running) in a pass of their own ({@link #fast}). */
    private static final java.util.Set<AggFunction> FAST = java.util.EnumSet.of(AggFunction.SUM, AggFunction.MEAN,
            AggFunction.MIN, AggFunction.MAX, AggFunction.COUNT, AggFunction.LEN, AggFunction.FIRST, AggFunction.LAST,
            AggFunction.NTH_VALUE);

    /**
     * Whether a window computes {@code agg} over its frames (or running) in one pass of its own:
     * counts, sums and means, and min and max of numbers, dates and bools, from prefix sums and
     * segment trees; first, last and nth_value from the frames' ends. Any other aggregation is
     * computed by {@link #general}, over each frame's values gathered in the window's order.
     */
    static boolean fast(Agg agg, dev.floe.frame.Schema schema) {
        AggFunction function = agg.function();
        if (!FAST.contains(function)) {
            return false;
        }
        if (function != AggFunction.SUM && function != AggFunction.MEAN && function != AggFunction.MIN
                && function != AggFunction.MAX) {
            return true;
        }
        DataType input = dev.floe.frame.expr.ExprTyper.typeOf(agg.input(), schema);
        return input.isNumeric() || input.isTemporal() || input == DataType.BOOLEAN || input == DataType.NULL
                || input.isDecimal();
    }

    /** Frame values gathered for one accumulator at a time: the rows of as many frames as fit. */
    static final int GATHERED_VALUES = 1 << 20;

    /** The most frame values a window gathers in all (a running list over a billion-row partition would not end). */
    static final long MOST_GATHERED = 1L << 28;

    /**
     * Any other aggregation ({@code median}, {@code list}, {@code string_agg}, {@code mode}, a
     * {@code min} of text...) over the frames: each sorted row's frame values gathered, in the
     * window's order, as a group of its own, and aggregated by the function's own accumulator, the
     * rows of as many frames as fit {@value #GATHERED_VALUES} values at a time. A row whose frame
     * is the row before's (peers in a RANGE frame, every row of a whole partition) takes its value.
     * The cost is the sum of the distinct frames' sizes: bounded frames cost in step with the rows,
     * a running frame over a partition of m rows about m^2/2 values (refused past
     * {@link #MOST_GATHERED} in all, by name).
     */
    static Vector general(DataFrame input, Agg agg, int[] order, int[][] pieces, DataType type, Workers workers) {
        int n = order.length;
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += sameFrame(pieces, i) ? 0 : frameSize(pieces, i);
        }
        if (total > MOST_GATHERED) {
            throw new dev.floe.FloeException(agg.function().displayName() + " over this window's frames would "
                    + "read " + total + " values (the frames' sizes summed), more than " + MOST_GATHERED + "; bound the "
                    + "frame (ROWS BETWEEN n PRECEDING AND ...) or aggregate whole partitions");
        }
        java.util.List<Vector> values = new java.util.ArrayList<>();
        for (dev.floe.frame.expr.Expr in : agg.inputs()) {
            values.add(Evaluation.column(input, in, workers));
        }
        DataType inputType = values.isEmpty() ? DataType.NULL : values.get(0).type();
        java.util.function.Supplier<dev.floe.frame.exec.agg.Accumulator> make =
                dev.floe.frame.exec.agg.Accumulators.of(agg, inputType, type);
        java.util.List<Vector> parts = new java.util.ArrayList<>();
        int[] positions = new int[(int) Math.min(GATHERED_VALUES, Math.max(16, total))];
        int[] groups = new int[positions.length];
        int[] groupOf = new int[n]; // each sorted row's frame, numbered over all rows
        int made = 0;
        int i = 0;
        while (i < n) {
            int firstGroup = made;
            int count = 0;
            while (i < n) {
                if (sameFrame(pieces, i)) {
                    groupOf[i] = groupOf[i - 1];
                    i++;
                    continue;
                }
                int size = (int) frameSize(pieces, i);
                if (made > firstGroup && count + size > GATHERED_VALUES) {
                    break;
                }
                if (count + size > positions.length) {
                    positions = java.util.Arrays.copyOf(positions, count + size);
                    groups = java.util.Arrays.copyOf(groups, count + size);
                }
                for (int k = 0; k + 1 < pieces.length; k += 2) {
                    for (int at = pieces[k][i]; at < pieces[k + 1][i]; at++) {
                        positions[count] = order[at];
                        groups[count++] = made - firstGroup;
                    }
                }
                groupOf[i++] = made++;
            }
            int frames = made - firstGroup;
            if (frames == 0) {
                break;
            }
            java.util.List<Vector> gathered = new java.util.ArrayList<>(values.size());
            for (Vector value : values) {
                gathered.add(Kernels.gather(value, positions, count));
            }
            dev.floe.frame.exec.agg.Accumulator accumulator = make.get();
            accumulator.add(groups, count, frames, gathered, 0);
            int[] each = new int[frames];
            for (int g = 0; g < frames; g++) {
                each[g] = g;
            }
            parts.add(accumulator.finish(each));
        }
        Vector byFrame = dev.floe.frame.column.Vectors.concat(type, parts);
        int[] frameOfRow = new int[n];
        for (int k = 0; k < n; k++) {
            frameOfRow[order[k]] = groupOf[k];
        }
        return Kernels.gather(byFrame, frameOfRow, n);
    }

    /** Whether sorted row {@code i}'s frame is row {@code i - 1}'s, the same pieces. */
    private static boolean sameFrame(int[][] pieces, int i) {
        if (i == 0) {
            return false;
        }
        for (int[] bound : pieces) {
            if (bound[i] != bound[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private static long frameSize(int[][] pieces, int i) {
        long size = 0;
        for (int k = 0; k + 1 < pieces.length; k += 2) {
            size += Math.max(0, pieces[k + 1][i] - pieces[k][i]);
        }
        return size;
    }

    // ---- frames ---------------------------------------------------------------------------------

    /**
     * Each sorted row's frame as up to three ranges of sorted positions: {@code pieces[2k][i]} to
     * {@code pieces[2k + 1][i]} (exclusive), empty where equal.
     */
    private static int[][] pieces(DataFrame input, Over over, WindowFrame frame, int[] order, boolean[] samePartition,
            boolean[] tie, Workers workers) {
        int n = order.length;
        int[] partitionStart = new int[n];
        int[] groupStart = new int[n];
        int[] groupNumber = new int[n]; // the peer group's number, counted over all partitions
        for (int i = 0; i < n; i++) {
            partitionStart[i] = i > 0 && samePartition[i] ? partitionStart[i - 1] : i;
            groupStart[i] = i > 0 && tie[i] ? groupStart[i - 1] : i;
            groupNumber[i] = i == 0 ? 0 : tie[i] ? groupNumber[i - 1] : groupNumber[i - 1] + 1;
        }
        int[] partitionEnd = new int[n];
        int[] groupEnd = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            partitionEnd[i] = i + 1 < n && samePartition[i + 1] ? partitionEnd[i + 1] : i + 1;
            groupEnd[i] = i + 1 < n && tie[i + 1] ? groupEnd[i + 1] : i + 1;
        }
        int groups = n == 0 ? 0 : groupNumber[n - 1] + 1;
        int[] startOfGroup = new int[groups];
        int[] endOfGroup = new int[groups];
        for (int i = 0; i < n; i++) {
            endOfGroup[groupNumber[i]] = i + 1;
            if (groupStart[i] == i) {
                startOfGroup[groupNumber[i]] = i;
            }
        }
        RangeKeys keys = frame.unit() == WindowFrame.Unit.RANGE && frame.hasOffset()
                ? new RangeKeys(input, over, order, partitionStart, partitionEnd, workers) : null;
        int[] lo = new int[n];
        int[] hi = new int[n];
        for (int i = 0; i < n; i++) {
            int ps = partitionStart[i];
            int pe = partitionEnd[i];
            int from = bound(frame, frame.start(), true, i, ps, pe, groupStart, groupEnd, groupNumber, startOfGroup,
                    endOfGroup, keys);
            int to = bound(frame, frame.end(), false, i, ps, pe, groupStart, groupEnd, groupNumber, startOfGroup,
                    endOfGroup, keys);
            from = Math.max(ps, Math.min(pe, from));
            to = Math.max(from, Math.min(pe, to));
            lo[i] = from;
            hi[i] = to;
        }
        return switch (frame.exclude()) {
            case NO_OTHERS -> new int[][] {lo, hi};
            case CURRENT_ROW -> {
                int[] holeStart = new int[n];
                int[] holeEnd = new int[n];
                for (int i = 0; i < n; i++) {
                    holeStart[i] = i;
                    holeEnd[i] = i + 1;
                }
                yield minusHole(lo, hi, holeStart, holeEnd);
            }
            case GROUP -> minusHole(lo, hi, groupStart, groupEnd);
            case TIES -> {
                // the frame less the peers before the row and the peers after it: three pieces
                int[][] out = new int[6][n];
                for (int i = 0; i < n; i++) {
                    out[0][i] = lo[i];
                    out[1][i] = Math.max(lo[i], Math.min(hi[i], groupStart[i]));
                    out[2][i] = Math.max(lo[i], Math.min(hi[i], i));
                    out[3][i] = Math.max(out[2][i], Math.min(hi[i], i + 1));
                    out[4][i] = Math.max(lo[i], Math.min(hi[i], groupEnd[i]));
                    out[5][i] = hi[i];
                }
                yield out;
            }
        };
    }

    /** The frame {@code [lo, hi)} less {@code [holeStart, holeEnd)}: two pieces. */
    private static int[][] minusHole(int[] lo, int[] hi, int[] holeStart, int[] holeEnd) {
        int n = lo.length;
        int[][] out = new int[4][n];
        for (int i = 0; i < n; i++) {
            out[0][i] = lo[i];
            out[1][i] = Math.max(lo[i], Math.min(hi[i], holeStart[i]));
            out[2][i] = Math.max(lo[i], Math.min(hi[i], holeEnd[i]));
            out[3][i] = hi[i];
        }
        return out;
    }

    /** Where a frame bound puts sorted row {@code i}'s frame: its first position, or one past its last. */
    private static int bound(WindowFrame frame, Bound bound, boolean start, int i, int ps, int pe, int[] groupStart,
            int[] groupEnd, int[] groupNumber, int[] startOfGroup, int[] endOfGroup, RangeKeys keys) {
        Kind kind = bound.kind();
        if (kind == Kind.UNBOUNDED_PRECEDING) {
            return ps;
        }
        if (kind == Kind.UNBOUNDED_FOLLOWING) {
            return pe;
        }
        return switch (frame.unit()) {
            case ROWS -> {
                long offset = kind == Kind.CURRENT_ROW ? 0 : kind == Kind.PRECEDING ? -rowsOf(bound.offset())
                        : rowsOf(bound.offset());
                long at = i + offset + (start ? 0 : 1);
                yield (int) Math.max(ps, Math.min(pe, at));
            }
            case GROUPS -> {
                if (kind == Kind.CURRENT_ROW) {
                    yield start ? groupStart[i] : groupEnd[i];
                }
                long offset = kind == Kind.PRECEDING ? -rowsOf(bound.offset()) : rowsOf(bound.offset());
                long target = groupNumber[i] + offset;
                long first = groupNumber[ps];
                long last = groupNumber[pe - 1];
                if (target < first) {
                    yield ps;
                }
                if (target > last) {
                    yield pe;
                }
                yield start ? startOfGroup[(int) target] : endOfGroup[(int) target];
            }
            case RANGE -> {
                if (kind == Kind.CURRENT_ROW || keys == null) {
                    yield start ? groupStart[i] : groupEnd[i];
                }
                yield keys.bound(i, bound, start, groupStart[i], groupEnd[i]);
            }
        };
    }

    /** A ROWS or GROUPS offset as a count, saturated at what any frame can reach. */
    private static long rowsOf(Number offset) {
        if (offset instanceof BigInteger big) {
            return big.bitLength() > 62 ? Integer.MAX_VALUE * 4L : big.longValue();
        }
        return Math.min(offset.longValue(), Integer.MAX_VALUE * 4L);
    }

    /**
     * The one order key of a RANGE frame with offsets, by sorted position; a frame bound is found by
     * binary search over the partition's rows with a number (nulls and NaN, which have no distance,
     * bound a row of theirs to its peers and are outside every other row's offset bounds).
     */
    private static final class RangeKeys {
        private final boolean descending;
        private final long[] longs; // the key of integers, decimals (whole numbers of 10^-scale), dates (days)
                                    // and timestamps (microseconds)
        private final long[] highs; // the high words of 128-bit keys (i128, wide decimals), their low words in longs
        private final double[] doubles; // else (floats) as a double
        private final boolean[] numbered; // has a value with a distance (not null, not NaN)
        private final int[] segmentStart; // the partition's first numbered row
        private final int[] segmentEnd;
        // what a bound adds to a row's key to make its limit: whole for whole keys, so exact
        private final BigInteger startDelta;
        private final BigInteger endDelta;
        private final double startOffset;
        private final double endOffset;

        RangeKeys(DataFrame input, Over over, int[] order, int[] partitionStart, int[] partitionEnd, Workers workers) {
            int n = order.length;
            dev.floe.frame.plan.SortKey key = over.orderBy().get(0);
            descending = key.descending();
            Vector values = Evaluation.column(input, key.expr(), workers);
            boolean whole = !values.type().isFloat();
            long[][] rowWords = values.type().isWide() ? Kernels.int128Words(values) : null;
            long[] rowLongs = !whole ? null : rowWords != null ? rowWords[1] : Kernels.longs(values);
            double[] rowDoubles = whole ? null : Kernels.doubles(values);
            longs = whole ? new long[n] : null;
            highs = rowWords != null ? new long[n] : null;
            doubles = whole ? null : new double[n];
            numbered = new boolean[n];
            for (int i = 0; i < n; i++) {
                int row = order[i];
                if (whole) {
                    longs[i] = rowLongs[row];
                    if (highs != null) {
                        highs[i] = rowWords[0][row];
                    }
                    numbered[i] = !values.isNull(row);
                } else {
                    doubles[i] = rowDoubles[row];
                    numbered[i] = !values.isNull(row) && !Double.isNaN(doubles[i]);
                }
            }
            segmentStart = new int[n];
            segmentEnd = new int[n];
            for (int i = 0; i < n; i = partitionEnd[i]) {
                int ps = partitionStart[i];
                int pe = partitionEnd[i];
                int first = ps;
                while (first < pe && !numbered[first]) {
                    first++;
                }
                int last = first;
                while (last < pe && numbered[last]) {
                    last++;
                }
                for (int p = ps; p < pe; p++) {
                    segmentStart[p] = first;
                    segmentEnd[p] = last;
                }
            }
            WindowFrame frame = over.frame();
            DataType keyType = values.type();
            startDelta = delta(frame.start(), true, keyType);
            endDelta = delta(frame.end(), false, keyType);
            startOffset = signedOffset(frame.start());
            endOffset = signedOffset(frame.end());
        }

        /** Whether a bound's offset is subtracted from the key: PRECEDING ascending, FOLLOWING descending. */
        private boolean subtracts(Bound bound) {
            return (bound.kind() == Kind.PRECEDING) != descending;
        }

        private double signedOffset(Bound bound) {
            if (bound.offset() == null) {
                return 0;
            }
            double offset = bound.offset().doubleValue();
            return subtracts(bound) ? -offset : offset;
        }

        /**
         * For whole keys: the whole number a bound adds to the key. A start reaches the keys at or
         * past {@code key ± offset} in the window's order, an end those up to it; over whole keys
         * that is the offset rounded toward the inside of the frame (up for an ascending start,
         * down for its end, and the other way descending), so a fractional offset stays exact. A
         * decimal key's values are whole numbers of {@code 10^-scale}: the offset is counted in them.
         */
        private BigInteger delta(Bound bound, boolean start, DataType keyType) {
            if (bound.offset() == null) {
                return BigInteger.ZERO;
            }
            BigDecimal offset = switch (bound.offset()) {
                case BigDecimal d -> d;
                case BigInteger b -> new BigDecimal(b);
                // next to a decimal key a float offset is the decimal it is written as (0.1, not 0.1000000000000000055...)
                case Double d -> keyType.isDecimal() ? BigDecimal.valueOf(d) : new BigDecimal(d);
                case Float f -> keyType.isDecimal() ? new BigDecimal(Float.toString(f)) : new BigDecimal(f);
                default -> BigDecimal.valueOf(bound.offset().longValue());
            };
            BigDecimal signed = (subtracts(bound) ? offset.negate() : offset)
                    .movePointRight(keyType.isDecimal() ? keyType.scale() : 0);
            boolean up = start != descending; // the limit is a least key (rounded up) or a greatest (down)
            return signed.setScale(0, up ? java.math.RoundingMode.CEILING : java.math.RoundingMode.FLOOR)
                    .toBigInteger();
        }

        /**
         * The position where sorted row {@code i}'s frame starts ({@code start}) or ends: the first
         * row whose key is past the limit, searched in the row's numbered segment.
         */
        int bound(int i, Bound bound, boolean start, int groupStart, int groupEnd) {
            if (!numbered[i]) {
                return start ? groupStart : groupEnd;
            }
            int from = segmentStart[i];
            int to = segmentEnd[i];
            // start: the first row at or past the limit; end: the first row strictly past it
            if (highs != null) {
                return boundWords(i, start ? startDelta : endDelta, from, to, start);
            }
            if (longs != null) {
                BigInteger delta = start ? startDelta : endDelta;
                long key = longs[i];
                if (delta.bitLength() < 64) {
                    long step = delta.longValue();
                    long limit = key + step;
                    if (((key ^ limit) & (step ^ limit)) >= 0) {
                        return firstPast(from, to, limit, !start);
                    }
                } else {
                    BigInteger limit = BigInteger.valueOf(key).add(delta);
                    if (limit.bitLength() < 64) {
                        return firstPast(from, to, limit.longValue(), !start);
                    }
                }
                // a limit beyond every key the type holds: every key is before it in the window's
                // order (a limit above them, ascending) or none is
                boolean above = delta.signum() > 0;
                return above != descending ? to : from;
            }
            return firstPastDouble(from, to, doubles[i] + (start ? startOffset : endOffset), !start);
        }

        /**
         * {@link #bound} over 128-bit keys: the limit, the key plus the bound's whole number, added
         * as words with a carry; a limit past 128 bits lies beyond every key.
         */
        private int boundWords(int i, BigInteger delta, int from, int to, boolean start) {
            if (delta.bitLength() < 128) {
                long deltaHigh = Int128.high(delta);
                long deltaLow = Int128.low(delta);
                long keyHigh = highs[i];
                long limitLow = longs[i] + deltaLow;
                long carry = Long.compareUnsigned(limitLow, longs[i]) < 0 ? 1 : 0;
                long limitHigh = keyHigh + deltaHigh + carry;
                if (((keyHigh ^ limitHigh) & (deltaHigh ^ limitHigh)) >= 0) { // no signed overflow
                    int lo = from;
                    int hi = to;
                    boolean strict = !start;
                    while (lo < hi) {
                        int mid = (lo + hi) >>> 1;
                        int c = Int128.compare(highs[mid], longs[mid], limitHigh, limitLow);
                        boolean before = descending ? (strict ? c >= 0 : c > 0) : (strict ? c <= 0 : c < 0);
                        if (before) {
                            lo = mid + 1;
                        } else {
                            hi = mid;
                        }
                    }
                    return lo;
                }
            }
            boolean above = delta.signum() > 0;
            return above != descending ? to : from;
        }

        /** The first position in [from, to) past {@code limit} in the key's order (strictly when {@code strict}). */
        private int firstPast(int from, int to, long limit, boolean strict) {
            int lo = from;
            int hi = to;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                long v = longs[mid];
                boolean before = descending ? (strict ? v >= limit : v > limit) : (strict ? v <= limit : v < limit);
                if (before) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        private int firstPastDouble(int from, int to, double limit, boolean strict) {
            int lo = from;
            int hi = to;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                double v = doubles[mid];
                boolean before = descending ? (strict ? v >= limit : v > limit) : (strict ? v <= limit : v < limit);
                if (before) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    // ---- aggregations ---------------------------------------------------------------------------

    private static Vector counts(Vector values, int[] order, int[][] pieces) {
        int n = order.length;
        long[] prefix = new long[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + (values == null || !values.isNull(order[i]) ? 1 : 0);
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long count = 0;
            for (int k = 0; k < pieces.length; k += 2) {
                count += prefix[pieces[k + 1][i]] - prefix[pieces[k][i]];
            }
            out[order[i]] = count;
        }
        return Kernels.fromLongs(DataType.INT64, out, n, null);
    }

    private static Vector sums(DataFrame input, Agg agg, Vector values, int[] order, int[][] pieces, DataType type) {
        int n = order.length;
        long[] countPrefix = new long[n + 1];
        for (int i = 0; i < n; i++) {
            countPrefix[i + 1] = countPrefix[i] + (values.isNull(order[i]) ? 0 : 1);
        }
        long[] valid = new long[(n + 63) >>> 6];
        boolean mean = agg.function() == AggFunction.MEAN;
        if (values.type().isFloat()) {
            double[] rowValues = Kernels.doubles(values);
            int size = treeSize(n);
            // each node's sum and the rounding error of making it (Neumaier's, as a group's sum has),
            // so that a frame's sum is about as exact as a compensated sum of its values
            double[] tree = new double[2 * size];
            double[] errors = new double[2 * size];
            for (int i = 0; i < n; i++) {
                tree[size + i] = values.isNull(order[i]) ? 0 : rowValues[order[i]];
            }
            for (int node = size - 1; node >= 1; node--) {
                double a = tree[2 * node];
                double b = tree[2 * node + 1];
                double total = a + b;
                tree[node] = total;
                errors[node] = errors[2 * node] + errors[2 * node + 1] + roundingError(a, b, total);
            }
            double[] out = new double[n];
            double[] sum = new double[2];
            for (int i = 0; i < n; i++) {
                long count = 0;
                sum[0] = 0;
                sum[1] = 0;
                for (int k = 0; k < pieces.length; k += 2) {
                    int from = pieces[k][i];
                    int to = pieces[k + 1][i];
                    count += countPrefix[to] - countPrefix[from];
                    if (from < to) {
                        treeSum(tree, errors, size, from, to, sum);
                    }
                }
                int row = order[i];
                if (count > 0) {
                    // an infinite or NaN sum leaves its errors out (inf - inf is NaN)
                    double total = Double.isFinite(sum[0]) ? sum[0] + sum[1] : sum[0];
                    out[row] = mean ? total / count : total;
                    valid[row >>> 6] |= 1L << row;
                }
            }
            return Kernels.fromDoubles(type, out, n, Validity.of(valid, n));
        }
        // integer sums: prefix sums of 192 bits (two's complement: top signed, middle and low unsigned), exact
        long[][] words = Kernels.int128Words(values);
        long[] p0 = new long[n + 1];
        long[] p1 = new long[n + 1];
        long[] p2 = new long[n + 1];
        for (int i = 0; i < n; i++) {
            int row = order[i];
            long vh = values.isNull(row) ? 0 : words[0][row];
            long vl = values.isNull(row) ? 0 : words[1][row];
            long s0 = p0[i] + vl;
            long c0 = Long.compareUnsigned(s0, p0[i]) < 0 ? 1 : 0;
            long t = p1[i] + vh;
            long c1 = Long.compareUnsigned(t, p1[i]) < 0 ? 1 : 0;
            long s1 = t + c0;
            if (c0 == 1 && s1 == 0) {
                c1 = 1;
            }
            p0[i + 1] = s0;
            p1[i + 1] = s1;
            p2[i + 1] = p2[i] + (vh < 0 ? -1 : 0) + c1;
        }
        long[] outLow = new long[n];
        long[] outHigh = new long[n];
        double[] outDoubles = mean ? new double[n] : null;
        for (int i = 0; i < n; i++) {
            long count = 0;
            long w0 = 0;
            long w1 = 0;
            long w2 = 0;
            for (int k = 0; k < pieces.length; k += 2) {
                int from = pieces[k][i];
                int to = pieces[k + 1][i];
                if (from >= to) {
                    continue;
                }
                count += countPrefix[to] - countPrefix[from];
                // d = prefix[to] - prefix[from]
                long d0 = p0[to] - p0[from];
                long b0 = Long.compareUnsigned(p0[to], p0[from]) < 0 ? 1 : 0;
                long d1 = p1[to] - p1[from] - b0;
                long b1 = Long.compareUnsigned(p1[to], p1[from]) < 0 || b0 == 1 && p1[to] == p1[from] ? 1 : 0;
                long d2 = p2[to] - p2[from] - b1;
                // w += d
                long s0 = w0 + d0;
                long c0 = Long.compareUnsigned(s0, w0) < 0 ? 1 : 0;
                long t = w1 + d1;
                long c1 = Long.compareUnsigned(t, w1) < 0 ? 1 : 0;
                long s1 = t + c0;
                if (c0 == 1 && s1 == 0) {
                    c1 = 1;
                }
                w0 = s0;
                w1 = s1;
                w2 = w2 + d2 + c1;
            }
            int row = order[i];
            if (count == 0) {
                continue;
            }
            valid[row >>> 6] |= 1L << row;
            // as (top, high signed, low): the form the running sums use
            long top = w2 + (w1 < 0 ? 1 : 0);
            if (mean) {
                outDoubles[row] = Int128.toDouble(top, w1, w0) / count;
                continue;
            }
            boolean fits = top == 0 && (type.isWide() || Int128.fitsLong(w1, w0));
            if (!fits) {
                BigInteger value = BigInteger.valueOf(w2).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(w1)))
                        .shiftLeft(64).add(new BigInteger(Long.toUnsignedString(w0)));
                throw new OutOfRangeException("out of range: a sum over a window frame of " + value + " does not fit "
                        + type + " (row " + row + "), in expression " + agg + (type.isWide() ? ""
                        : "; for an exact sum in " + DataType.INT128 + ", cast the values to it first"));
            }
            outLow[row] = w0;
            outHigh[row] = w1;
        }
        Validity validity = Validity.of(valid, n);
        if (mean) {
            return Kernels.fromDoubles(type, outDoubles, n, validity);
        }
        return type.isWide() ? DecimalKernel.withinPrecision(new Int128Vector(type, outHigh, outLow, 0, n, validity), agg.toString())
                : Kernels.fromLongs(type, outLow, n, validity);
    }

    /** min and max: a segment tree of the best sorted position per node, values compared as the running ones are. */
    private static Vector extremes(Agg agg, Vector values, int[] order, int[][] pieces, DataType type) {
        int n = order.length;
        boolean min = agg.function() == AggFunction.MIN;
        boolean nanLargest = agg.parameters().contains(AggFunction.NAN_LARGEST);
        boolean floats = values.type().isFloat();
        double[] rowDoubles = floats ? Kernels.doubles(values) : null;
        long[][] words = floats ? null : Kernels.int128Words(values);
        // the values by sorted position
        double[] d = floats ? new double[n] : null;
        long[] high = floats ? null : new long[n];
        long[] low = floats ? null : new long[n];
        for (int i = 0; i < n; i++) {
            int row = order[i];
            if (floats) {
                d[i] = rowDoubles[row];
            } else {
                high[i] = words[0][row];
                low[i] = words[1][row];
            }
        }
        java.util.function.IntBinaryOperator better = floats
                ? (a, b) -> {
                    if (a < 0) {
                        return b;
                    }
                    if (b < 0) {
                        return a;
                    }
                    double va = d[a];
                    double vb = d[b];
                    if (min) {
                        return Double.isNaN(va) || vb < va ? b : a;
                    }
                    if (nanLargest) {
                        return Double.isNaN(va) ? a : Double.isNaN(vb) || vb > va ? b : a;
                    }
                    return Double.isNaN(va) || vb > va ? b : a;
                }
                : (a, b) -> {
                    if (a < 0) {
                        return b;
                    }
                    if (b < 0) {
                        return a;
                    }
                    int c = Int128.compare(high[b], low[b], high[a], low[a]);
                    return min ? (c < 0 ? b : a) : (c > 0 ? b : a);
                };
        int size = treeSize(n);
        int[] tree = new int[2 * size];
        java.util.Arrays.fill(tree, -1);
        for (int i = 0; i < n; i++) {
            tree[size + i] = values.isNull(order[i]) ? -1 : i;
        }
        for (int node = size - 1; node >= 1; node--) {
            tree[node] = better.applyAsInt(tree[2 * node], tree[2 * node + 1]);
        }
        int[] source = new int[n];
        for (int i = 0; i < n; i++) {
            int best = -1;
            for (int k = 0; k < pieces.length; k += 2) {
                int from = pieces[k][i];
                int to = pieces[k + 1][i];
                // the query: left and right edges climbed towards the root
                for (int l = from + size, r = to + size; l < r; l >>>= 1, r >>>= 1) {
                    if ((l & 1) == 1) {
                        best = better.applyAsInt(best, tree[l++]);
                    }
                    if ((r & 1) == 1) {
                        best = better.applyAsInt(best, tree[--r]);
                    }
                }
            }
            source[order[i]] = best < 0 ? -1 : order[best];
        }
        return castTo(Kernels.gatherOrNull(values, source, n), type, agg);
    }

    /** first, last and nth_value: that row of the frame's pieces (first and last: with a value, when nulls are ignored). */
    private static Vector ends(Agg agg, Vector values, int[] order, int[][] pieces, DataType type) {
        int n = order.length;
        boolean first = agg.function() == AggFunction.FIRST;
        long nth = agg.function() == AggFunction.NTH_VALUE ? ((Number) agg.parameters().get(0)).longValue() : 0;
        boolean skipNulls = agg.parameters().contains(AggFunction.IGNORE_NULLS);
        int[] next = new int[n]; // the first position at or after i with a value (n if none)
        int[] previous = new int[n]; // the last position at or before i with a value (-1 if none)
        int[] valuesBefore = null; // nth_value passing over nulls: how many positions before i have a value
        if (skipNulls && nth > 0) {
            valuesBefore = new int[n + 1];
            for (int i = 0; i < n; i++) {
                valuesBefore[i + 1] = valuesBefore[i] + (values.isNull(order[i]) ? 0 : 1);
            }
        }
        if (skipNulls) {
            int at = n;
            for (int i = n - 1; i >= 0; i--) {
                if (!values.isNull(order[i])) {
                    at = i;
                }
                next[i] = at;
            }
            at = -1;
            for (int i = 0; i < n; i++) {
                if (!values.isNull(order[i])) {
                    at = i;
                }
                previous[i] = at;
            }
        }
        int[] source = new int[n];
        for (int i = 0; i < n; i++) {
            int found = -1;
            if (nth > 0) {
                long skip = nth - 1; // rows of the frame (with a value, when nulls are passed over) before the one wanted
                for (int k = 0; k < pieces.length && found < 0; k += 2) {
                    int from = pieces[k][i];
                    int to = pieces[k + 1][i];
                    long size = valuesBefore == null ? to - from : valuesBefore[Math.max(from, to)] - valuesBefore[from];
                    if (skip < size) {
                        found = valuesBefore == null ? (int) (from + skip)
                                : withValues(valuesBefore, from, to, valuesBefore[from] + skip + 1);
                    } else {
                        skip -= size;
                    }
                }
            } else if (first) {
                for (int k = 0; k < pieces.length && found < 0; k += 2) {
                    int from = pieces[k][i];
                    int to = pieces[k + 1][i];
                    if (from < to) {
                        int p = skipNulls ? next[from] : from;
                        found = p < to ? p : -1;
                    }
                }
            } else {
                for (int k = pieces.length - 2; k >= 0 && found < 0; k -= 2) {
                    int from = pieces[k][i];
                    int to = pieces[k + 1][i];
                    if (from < to) {
                        int p = skipNulls ? previous[to - 1] : to - 1;
                        found = p >= from ? p : -1;
                    }
                }
            }
            source[order[i]] = found < 0 ? -1 : order[found];
        }
        return castTo(Kernels.gatherOrNull(values, source, n), type, agg);
    }

    /** The position in [from, to) where the count of positions with a value reaches {@code wanted} (binary search). */
    private static int withValues(int[] valuesBefore, int from, int to, long wanted) {
        int low = from;
        int high = to - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (valuesBefore[middle + 1] >= wanted) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    private static Vector castTo(Vector vector, DataType type, Agg agg) {
        return vector.type() == type ? vector : CastKernel.cast(vector, type, true, 0, agg.toString());
    }

    private static int treeSize(int n) {
        int size = 1;
        while (size < Math.max(1, n)) {
            size <<= 1;
        }
        return size;
    }

    /**
     * Adds the sum of sorted positions {@code [from, to)} to {@code sum} ({@code sum[0]} the sum,
     * {@code sum[1]} its compensation): the nodes' sums with Neumaier's compensation, and their
     * own errors.
     */
    private static void treeSum(double[] tree, double[] errors, int size, int from, int to, double[] sum) {
        double total = sum[0];
        double error = sum[1];
        for (int l = from + size, r = to + size; l < r; l >>>= 1, r >>>= 1) {
            if ((l & 1) == 1) {
                double value = tree[l];
                double next = total + value;
                error += errors[l++] + roundingError(total, value, next);
                total = next;
            }
            if ((r & 1) == 1) {
                double value = tree[--r];
                double next = total + value;
                error += errors[r] + roundingError(total, value, next);
                total = next;
            }
        }
        sum[0] = total;
        sum[1] = error;
    }

    /** What rounding took from {@code a + b}, which came out as {@code sum} (Neumaier's term). */
    private static double roundingError(double a, double b, double sum) {
        return Math.abs(a) >= Math.abs(b) ? (a - sum) + b : (b - sum) + a;
    }
}
