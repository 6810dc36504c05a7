package dev.floe.frame.exec.agg;

import dev.floe.frame.DataType;
import dev.floe.frame.OutOfRangeException;
import dev.floe.frame.column.Int128;
import dev.floe.frame.column.Int128Vector;
import dev.floe.frame.column.Validity;
import dev.floe.frame.column.Vector;
import dev.floe.frame.exec.Kernels;
import java.util.List;

/**
 * {@code sum()}. Floats in {@code double} with Neumaier's compensation, so that the order in
 * which workers' partial sums meet changes the result by no more than rounding of the final value
 * (a sum that leaves the finite numbers is that infinity or NaN, with no compensation added).
 *
 * <p>Integers never wrap. Values read as {@code long}s are summed exactly in two words per group:
 * the sum modulo 2^64, and the number of times it wrapped (touched only when it does), so the
 * sum is {@code wraps * 2^64 + low}, whatever order the values and partial sums meet in. An
 * {@code INT128} result takes it as it is; an {@code INT64} result (the DataFrame API's sum of
 * integers) must fit, or the sum raises {@link OutOfRangeException}. {@code INT128} inputs add
 * word by word, raising where a partial sum leaves the 128-bit range. A group with no values
 * sums to 0.
 */
final class SumAccumulator implements Accumulator {
    private final DataType result;
    private final boolean wideInput;
    private final String expression;
    private long[] low = new long[16];
    private long[] high = new long[16];
    private double[] sums = new double[16];
    private double[] compensation = new double[16];

    /**
     * @param input the type of the values summed
     * @param result the type of the sum: a float type, {@code INT64} or {@code INT128}
     * @param expression the aggregation, for messages
     */
    SumAccumulator(DataType input, DataType result, String expression) {
        this.result = result;
        this.wideInput = input.isWide();
        this.expression = expression;
    }

    @Override
    public void add(int[] groups, int rows, int groupCount, List<Vector> inputs, long firstRow) {
        Vector input = inputs.get(0);
        Validity validity = input.validity();
        if (result.isFloat()) {
            sums = Growable.ensure(sums, groupCount);
            compensation = Growable.ensure(compensation, groupCount);
            addFloats(groups, rows, groupCount, Kernels.doubleArray(input), Kernels.doubleOffset(input), validity);
            return;
        }
        low = Growable.ensure(low, groupCount);
        high = Growable.ensure(high, groupCount);
        if (wideInput) {
            Int128Vector wide = (Int128Vector) input;
            addWideValues(groups, rows, wide.high(), wide.low(), wide.offset(), validity);
        } else {
            addLongs(groups, rows, Kernels.longArray(input), Kernels.longOffset(input), validity);
        }
    }

    // each kind of input in a method of its own, so the JIT compiles and profiles each loop apart
    private void addFloats(int[] groups, int rows, int groupCount, double[] values, int offset, Validity validity) {
        double[] sums = this.sums;
        double[] compensation = this.compensation;
        if (groupCount == 1) {
            addCompensatedToFirst(sums, compensation, values, offset, rows, validity);
            return;
        }
        for (int i = 0; i < rows; i++) {
            if (validity == null || validity.isValid(i)) {
                addCompensated(sums, compensation, groups[i], values[offset + i]);
            }
        }
    }

    private void addLongs(int[] groups, int rows, long[] values, int offset, Validity validity) {
        long[] low = this.low;
        long[] high = this.high;
        if (validity == null) {
            for (int i = 0; i < rows; i++) {
                addCounted(low, high, groups[i], values[offset + i]);
            }
        } else {
            for (int i = 0; i < rows; i++) {
                if (validity.isValid(i)) {
                    addCounted(low, high, groups[i], values[offset + i]);
                }
            }
        }
    }

    private void addWideValues(int[] groups, int rows, long[] valueHigh, long[] valueLow, int offset,
            Validity validity) {
        for (int i = 0; i < rows; i++) {
            if (validity == null || validity.isValid(i)) {
                addWide(groups[i], valueHigh[offset + i], valueLow[offset + i]);
            }
        }
    }

    /** Adds {@code value} to {@code low[g]}, counting in {@code wraps[g]} each time the sum wraps around. */
    static void addCounted(long[] low, long[] wraps, int g, long value) {
        long before = low[g];
        long after = before + value;
        low[g] = after;
        if (((before ^ after) & (value ^ after)) < 0) {
            wraps[g] += value < 0 ? -1 : 1;
        }
    }

    /** Adds a 128-bit value to group {@code g}'s 128-bit sum, raising where it leaves the range. */
    private void addWide(int g, long valueHigh, long valueLow) {
        long before = low[g];
        long after = before + valueLow;
        long words = high[g] + valueHigh;
        long sum = words + Int128.carry(before, after);
        if (Int128.addOverflows(high[g], valueHigh, words) || (~words & sum) < 0) {
            throw new OutOfRangeException("out of range: the sum " + Int128.toBigInteger(high[g], before) + " + "
                    + Int128.toBigInteger(valueHigh, valueLow) + " does not fit " + DataType.INT128
                    + ", in expression " + expression);
        }
        low[g] = after;
        high[g] = sum;
    }

    /** Neumaier's compensated addition of {@code value} to {@code sums[group]}, its error to {@code compensation[group]}. */
    static void addCompensated(double[] sums, double[] compensation, int group, double value) {
        double sum = sums[group];
        double total = sum + value;
        if (Math.abs(sum) >= Math.abs(value)) {
            compensation[group] += (sum - total) + value;
        } else {
            compensation[group] += (value - total) + sum;
        }
        sums[group] = total;
    }

    /**
     * {@link #addCompensated} of every present value of {@code values[offset, offset + rows)} to
     * group 0, in the same order and by the same operations, with the sum and its error held in
     * registers rather than read back from the arrays for each value (a sum without keys, or a
     * table of one group, goes at the speed of a floating-point addition). Returns how many
     * values it added.
     */
    static int addCompensatedToFirst(double[] sums, double[] compensation, double[] values, int offset, int rows,
            Validity validity) {
        double sum = sums[0];
        double error = compensation[0];
        int added = 0;
        for (int i = 0; i < rows; i++) {
            if (validity == null || validity.isValid(i)) {
                double value = values[offset + i];
                double total = sum + value;
                error += Math.abs(sum) >= Math.abs(value) ? (sum - total) + value : (value - total) + sum;
                sum = total;
                added++;
            }
        }
        sums[0] = sum;
        compensation[0] = error;
        return added;
    }

    /**
     * A compensated sum's value: the sum with its compensation, or the sum alone once it is an
     * infinity or NaN (whose compensation is meaningless: inf - inf).
     */
    static double compensated(double sum, double compensation) {
        return Double.isFinite(sum) ? sum + compensation : sum;
    }

    @Override
    public void merge(Accumulator other, int[] mapping, int groupCount) {
        SumAccumulator that = (SumAccumulator) other;
        if (result.isFloat()) {
            sums = Growable.ensure(sums, groupCount);
            compensation = Growable.ensure(compensation, groupCount);
            for (int g = 0; g < mapping.length; g++) {
                if (mapping[g] >= 0 && g < that.sums.length) {
                    addCompensated(sums, compensation, mapping[g], that.sums[g]);
                    compensation[mapping[g]] += that.compensation[g];
                }
            }
            return;
        }
        low = Growable.ensure(low, groupCount);
        high = Growable.ensure(high, groupCount);
        for (int g = 0; g < mapping.length; g++) {
            if (mapping[g] < 0 || g >= that.low.length) {
                continue;
            }
            if (wideInput) {
                addWide(mapping[g], that.high[g], that.low[g]);
            } else {
                addCounted(low, high, mapping[g], that.low[g]);
                high[mapping[g]] += that.high[g];
            }
        }
    }

    @Override
    public Vector finish(int[] order) {
        int n = order.length;
        if (result.isFloat()) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                int g = order[i];
                out[i] = g < sums.length ? compensated(sums[g], compensation[g]) : 0;
            }
            return Kernels.fromDoubles(result, out, n, null);
        }
        long[] outHigh = new long[n];
        long[] outLow = new long[n];
        for (int i = 0; i < n; i++) {
            int g = order[i];
            if (g >= low.length) {
                continue;
            }
            outLow[i] = low[g];
            // a counted sum is wraps * 2^64 + low read as signed; as 128-bit words its high word takes low's sign
            outHigh[i] = wideInput ? high[g] : high[g] + (low[g] >> 63);
        }
        if (result == DataType.INT128) {
            return new Int128Vector(outHigh, outLow, 0, n, null);
        }
        if (result.isDecimal()) {
            // a sum of 38-digit decimals may reach 39 digits in its 128 bits
            return dev.floe.frame.exec.DecimalKernel.withinPrecision(new Int128Vector(result, outHigh, outLow, 0, n, null),
                    expression);
        }
        for (int i = 0; i < n; i++) {
            if (!Int128.fitsLong(outHigh[i], outLow[i])) {
                throw new OutOfRangeException("out of range: a sum of " + Int128.toBigInteger(outHigh[i], outLow[i])
                        + " does not fit " + result + ", in expression " + expression + "; for an exact sum in "
                        + DataType.INT128 + ", cast the values to it first");
            }
        }
        return Kernels.fromLongs(result, outLow, n, null);
    }
}
