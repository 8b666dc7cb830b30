package ruru.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A double as C++ {@code ostream << double} writes it with default flags: {@code %g} with 6
 * significant digits (trailing zeros dropped, exponent form below 1e-4 or from 1e6, exponent of at
 * least two digits), then, as Kea's {@code DoubleElement::toJSON} does, {@code ".0"} appended when
 * the text holds no {@code '.'}. Kea tests only for the dot, so {@code 1e+20} becomes {@code 1e+20.0}.
 */
final class CppDouble {

    private static final int PRECISION = 6;
    private static final MathContext SIGNIFICANT = new MathContext(PRECISION, RoundingMode.HALF_EVEN);

    private CppDouble() {
    }

    static String keaJson(double v) {
        String g = formatG(v);
        return g.indexOf('.') < 0 ? g + ".0" : g;
    }

    /** C's {@code %g} with precision 6 (glibc spelling of the special values). */
    static String formatG(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        BigDecimal rounded = roundedToSix(v);
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -4 && exponent < PRECISION) {
            String plain = rounded.setScale(Math.max(0, PRECISION - 1 - exponent), RoundingMode.UNNECESSARY)
                    .toPlainString();
            return stripZeros(plain);
        }
        BigDecimal mantissa = rounded.movePointLeft(exponent).setScale(PRECISION - 1, RoundingMode.UNNECESSARY);
        String m = stripZeros(mantissa.toPlainString());
        int abs = Math.abs(exponent);
        return m + "e" + (exponent < 0 ? '-' : '+') + (abs < 10 ? "0" : "") + abs;
    }

    /**
     * The exact binary value rounded to 6 significant digits, as glibc's printf rounds. When the
     * shortest decimal that reads back as {@code v} ({@link Double#toString}) has at most 6
     * significant digits, that decimal is the rounding: the exact value lies within half an ulp
     * of it, far closer than any 6-digit rounding boundary (for a normal double; a subnormal has
     * fewer bits and takes the exact way). That is the case of the values a
     * configuration holds (0.5, 0.875, 0.25), which then need no exact expansion of the binary
     * value (a long BigInteger computation, slow in a JVM that has just started).
     */
    static BigDecimal roundedToSix(double v) {
        if (Math.abs(v) >= Double.MIN_NORMAL) {
            BigDecimal shortest = new BigDecimal(Double.toString(v));
            if (shortest.precision() <= PRECISION) {
                return shortest;
            }
        }
        return new BigDecimal(v).round(SIGNIFICANT);
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
