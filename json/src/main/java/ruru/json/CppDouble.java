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
        // Exact binary value rounded to 6 significant digits, as glibc's printf rounds.
        BigDecimal rounded = new BigDecimal(v).round(SIGNIFICANT);
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
