package ruru.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The short-decimal shortcut of {@link CppDouble} rounds as the exact binary value does. */
class CppDoubleTest {

    private static final MathContext SIX = new MathContext(6, RoundingMode.HALF_EVEN);

    private static void sameAsExact(double v) {
        if (!Double.isFinite(v)) {
            return;
        }
        BigDecimal exact = new BigDecimal(v).round(SIX);
        assertThat(CppDouble.roundedToSix(v).compareTo(exact)).as("%s", v).isZero();
    }

    @Test
    void shortDecimalsAtEveryScale() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            long digits = r.nextLong(1, 1_000_000);
            int exponent = r.nextInt(-320, 300);
            double v = Double.parseDouble(digits + "e" + exponent) * (r.nextBoolean() ? 1 : -1);
            if (v != 0 && Double.isFinite(v)) {
                sameAsExact(v);
            }
        }
    }

    @Test
    void arbitraryBitPatterns() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            double v = Double.longBitsToDouble(r.nextLong());
            if (v != 0 && Double.isFinite(v)) {
                sameAsExact(v);
            }
        }
    }

    @Test
    void valuesNearRoundingBoundaries() {
        for (double v : new double[] {0.5, 0.875, 0.25, 0.8, 2.675, 999999.5, 1.0000005, 1.0000015, 123456.5,
                0.30000000000000004, 4.9e-324, Double.MIN_NORMAL, Double.MAX_VALUE, 1e-5, 9.999995, 9.9999949999}) {
            sameAsExact(v);
            sameAsExact(-v);
            sameAsExact(Math.nextUp(v));
            sameAsExact(Math.nextDown(v));
        }
    }
}
