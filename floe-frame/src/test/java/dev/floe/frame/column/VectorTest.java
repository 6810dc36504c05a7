package dev.floe.frame.column;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.frame.DataType;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorTest {
    @Test
    void aBuilderWithoutNullsMakesNoValidity() {
        LongVector.Builder builder = new LongVector.Builder(DataType.INT64, 2);
        for (long i = 0; i < 100; i++) {
            builder.append(i);
        }
        LongVector vector = builder.build();
        assertThat(vector.validity()).isNull();
        assertThat(vector.length()).isEqualTo(100);
        assertThat(vector.getLong(99)).isEqualTo(99);
        assertThat(vector.nullCount()).isZero();
    }

    @Test
    void nullsAreTrackedAcrossWordBoundaries() {
        SplittableRandom random = new SplittableRandom(11);
        DoubleVector.Builder builder = new DoubleVector.Builder(DataType.FLOAT64, 4);
        boolean[] isNull = new boolean[1000];
        int nulls = 0;
        for (int i = 0; i < 1000; i++) {
            isNull[i] = i > 70 && random.nextInt(5) == 0;
            if (isNull[i]) {
                builder.appendNull();
                nulls++;
            } else {
                builder.append(i * 0.5);
            }
        }
        DoubleVector vector = builder.build();
        assertThat(vector.nullCount()).isEqualTo(nulls);
        for (int i = 0; i < 1000; i++) {
            assertThat(vector.isNull(i)).as("row %d", i).isEqualTo(isNull[i]);
            assertThat(vector.get(i)).isEqualTo(isNull[i] ? null : i * 0.5);
        }
        // a slice is a view with its own null count, and none at all where its range has none
        DoubleVector slice = vector.slice(100, 300);
        int sliceNulls = 0;
        for (int i = 100; i < 400; i++) {
            sliceNulls += isNull[i] ? 1 : 0;
        }
        assertThat(slice.nullCount()).isEqualTo(sliceNulls);
        assertThat(slice.values()).isSameAs(vector.values());
        assertThat(vector.slice(0, 70).validity()).isNull();
        assertThat(slice.get(3)).isEqualTo(isNull[103] ? null : 103 * 0.5);
    }

    @Test
    void stringsAreBytesAndOffsets() {
        Utf8Vector vector = Utf8Vector.of("a", null, "ünï", "", "✓ done");
        assertThat(vector.length()).isEqualTo(5);
        assertThat(vector.get(1)).isNull();
        assertThat(vector.getString(2)).isEqualTo("ünï");
        assertThat(vector.byteLength(2)).isEqualTo(5);
        assertThat(vector.getString(3)).isEmpty();
        Utf8Vector slice = vector.slice(2, 3);
        assertThat(slice.data()).isSameAs(vector.data());
        assertThat(slice.get(0)).isEqualTo("ünï");
        assertThat(slice.get(2)).isEqualTo("✓ done");
        assertThat(slice.nullCount()).isZero();
    }

    @Test
    void dictionaryLooksUpManyTextsAtOnceAsOneByOne() {
        // texts in one byte array, a few of them empty or longer than a word, many repeated
        // (within one step of the batched lookup too), and enough new ones to grow the table
        // in the middle of a step
        SplittableRandom random = new SplittableRandom(7);
        int count = 20_000;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int[] starts = new int[count + 3];
        int[] lengths = new int[count + 3];
        bytes.writeBytes(new byte[] {9, 9, 9});
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(10);
            String text = kind == 0 ? "" : kind == 1 ? "é-" + random.nextInt(50) + "-a longer text than a word"
                    : i > 0 && kind == 2 ? null : "k" + random.nextInt(6_000);
            if (text == null) { // the previous text again, right after it
                starts[3 + i] = starts[3 + i - 1];
                lengths[3 + i] = lengths[3 + i - 1];
                continue;
            }
            byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            starts[3 + i] = bytes.size();
            lengths[3 + i] = utf8.length;
            bytes.writeBytes(utf8);
        }
        byte[] data = bytes.toByteArray();
        Dictionary.Builder oneByOne = new Dictionary.Builder();
        oneByOne.codeOf("k1");
        Dictionary.Builder batched = new Dictionary.Builder();
        batched.codeOf("k1");
        int[] expected = new int[count];
        for (int i = 0; i < count; i++) {
            expected[i] = oneByOne.codeOf(data, starts[3 + i], lengths[3 + i]);
        }
        int[] codes = new int[count + 5];
        // in uneven slices, from an offset of the inputs into an offset of the output
        for (int from = 0; from < count; from += 1 + from % 977) {
            int n = Math.min(count - from, 1 + from % 977);
            batched.codesOf(data, starts, lengths, 3 + from, n, codes, 5 + from);
        }
        assertThat(java.util.Arrays.copyOfRange(codes, 5, 5 + count)).containsExactly(expected);
        assertThat(batched.size()).isEqualTo(oneByOne.size()).isGreaterThan(5_000);
        Dictionary built = batched.build();
        for (int i = 0; i < count; i++) {
            assertThat(built.value(codes[5 + i])).isEqualTo(new String(data, starts[3 + i], lengths[3 + i],
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        // a builder starting with the dictionary gives its values their codes, and new ones the next
        Dictionary.Builder again = Dictionary.Builder.startingWith(built);
        assertThat(again.size()).isEqualTo(built.size());
        int[] codesAgain = new int[count];
        again.codesOf(data, starts, lengths, 3, count, codesAgain, 0);
        assertThat(codesAgain).containsExactly(expected);
        assertThat(again.codeOf("new")).isEqualTo(built.size());
        assertThat(again.codeOf("k1")).isZero();
        assertThat(again.build().value(built.size())).isEqualTo("new");
        assertThat(Dictionary.Builder.startingWith(new Dictionary.Builder().build()).codeOf("x")).isZero();
    }

    @Test
    void categoricalValuesAreCodesIntoOneDictionary() {
        CategoricalVector vector = CategoricalVector.of("b", "a", "b", null, "c");
        assertThat(vector.dictionary().size()).isEqualTo(3);
        assertThat(vector.code(0)).isEqualTo(vector.code(2)).isEqualTo(0);
        assertThat(vector.dictionary().value(1)).isEqualTo("a");
        assertThat(vector.dictionary().code("c")).isEqualTo(2);
        assertThat(vector.dictionary().code("z")).isEqualTo(-1);
        assertThat(vector.get(3)).isNull();
        assertThat(vector.slice(1, 2).get(1)).isEqualTo("b");
    }

    @Test
    void dictionariesOfOneBuilderAreOneLineageAndChunksOverThemShareTheLargestWithoutNewCodes() {
        Dictionary.Builder builder = new Dictionary.Builder();
        int a = builder.codeOf("a");
        int b = builder.codeOf("b");
        Dictionary first = builder.build();
        int c = builder.codeOf("c");
        assertThat(builder.codeOf("a")).isEqualTo(a);
        Dictionary second = builder.build();
        assertThat(first.size()).isEqualTo(2);
        assertThat(second.size()).isEqualTo(3);
        assertThat(second.covers(first)).isTrue();
        assertThat(first.covers(second)).isFalse();
        assertThat(first.value(b)).isEqualTo("b"); // later values do not change an earlier dictionary
        Dictionary.Builder other = new Dictionary.Builder();
        other.codeOf("c");
        other.codeOf("a");
        Dictionary foreign = other.build();
        assertThat(second.covers(foreign)).isFalse();
        assertThat(second.sameLineage(foreign)).isFalse();

        java.util.List<Vector> lineage = java.util.List.of(new CategoricalVector(new int[] {a, b}, 0, 2, null, first),
                new CategoricalVector(new int[] {c, a}, 0, 2, null, second));
        java.util.List<Vector> shared = Vectors.shareDictionary(lineage);
        assertThat(((CategoricalVector) shared.get(0)).dictionary()).isSameAs(second);
        assertThat(((CategoricalVector) shared.get(1)).dictionary()).isSameAs(second);
        assertThat(((CategoricalVector) shared.get(0)).codes()).containsExactly(a, b);
        assertThat(((CategoricalVector) shared.get(1)).getString(0)).isEqualTo("c");

        // with another lineage: its codes mapped into the union, the first lineage's kept
        java.util.List<Vector> mixed = Vectors.shareDictionary(java.util.List.of(lineage.get(0),
                new CategoricalVector(new int[] {0, 1}, 0, 2, null, foreign), lineage.get(1)));
        Dictionary union = ((CategoricalVector) mixed.get(0)).dictionary();
        for (Vector chunk : mixed) {
            assertThat(((CategoricalVector) chunk).dictionary()).isSameAs(union);
        }
        assertThat(((CategoricalVector) mixed.get(0)).codes()).containsExactly(a, b);
        assertThat(((CategoricalVector) mixed.get(1)).getString(0)).isEqualTo("c");
        assertThat(((CategoricalVector) mixed.get(1)).getString(1)).isEqualTo("a");
        assertThat(((CategoricalVector) mixed.get(2)).getString(0)).isEqualTo("c");
        assertThat(union.size()).isEqualTo(3);
    }

    @Test
    void temporalValuesReadAsJavaTime() {
        IntVector dates = new IntVector(DataType.DATE, new int[] {Temporals.days(LocalDate.of(2024, 2, 29))}, null);
        assertThat(dates.get(0)).isEqualTo(LocalDate.of(2024, 2, 29));
        LocalDateTime moment = LocalDateTime.of(1969, 12, 31, 23, 59, 59, 123_456_000);
        LongVector datetimes = new LongVector(DataType.DATETIME, new long[] {Temporals.micros(moment)}, null);
        assertThat(datetimes.get(0)).isEqualTo(moment);
        Duration span = Duration.ofHours(25).plusNanos(7_000);
        LongVector durations = new LongVector(DataType.DURATION, new long[] {Temporals.micros(span)}, null);
        assertThat(durations.get(0)).isEqualTo(span);
        ByteVector flags = new ByteVector(DataType.BOOLEAN, new byte[] {1, 0}, null);
        assertThat(flags.get(0)).isEqualTo(true);
        assertThat(flags.get(1)).isEqualTo(false);
    }

    @Test
    void aNullVectorIsAllNulls() {
        NullVector vector = new NullVector(130);
        assertThat(vector.nullCount()).isEqualTo(130);
        assertThat(vector.isNull(129)).isTrue();
        assertThat(vector.get(5)).isNull();
        assertThat(new NullVector(0).nullCount()).isZero();
    }

    @Test
    void badConstructionIsRefused() {
        assertThatThrownBy(() -> new LongVector(DataType.UTF8, new long[1], null))
                .hasMessageContaining("a LongVector holds INT64, DATETIME, DURATION, TIME and decimals of up to 18 digits, not str");
        assertThatThrownBy(() -> new LongVector(DataType.decimal(19, 2), new long[1], null))
                .hasMessageContaining("not decimal[19,2]");
        assertThatThrownBy(() -> new Int128Vector(DataType.decimal(18, 2), new long[1], new long[1], 0, 1, null))
                .hasMessageContaining("decimals of more than 18 digits, not decimal[18,2]");
        assertThatThrownBy(() -> new IntVector(DataType.INT32, new int[3], 2, 5, null))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> LongVector.of(1, 2).slice(1, 5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> LongVector.of(1, 2).get(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void sizesCountTheArrays() {
        LongVector vector = LongVector.of(new long[1000]);
        assertThat(vector.sizeInBytes()).isEqualTo(8000);
        assertThat(vector.retainedSizeInBytes()).isGreaterThanOrEqualTo(8000);
        assertThat(vector.slice(0, 10).sizeInBytes()).isEqualTo(80);
        assertThat(vector.slice(0, 10).retainedSizeInBytes()).isEqualTo(vector.retainedSizeInBytes());
    }
}
