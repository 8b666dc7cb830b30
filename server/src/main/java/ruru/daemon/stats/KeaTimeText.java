package ruru.daemon.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Kea's time texts for statistics (src/lib/util/chrono_time_utils.cc): clockToText gives local time
 * {@code YYYY-MM-DD HH:MM:SS.ffffff} and durationToText gives {@code HH:MM:SS.ffffff}, both with
 * microseconds truncated, not rounded. (The ARM's "0h0m0s0us" for a reset duration is prose; the
 * code prints {@code 00:00:00.000000}.)
 */
final class KeaTimeText {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private KeaTimeText() {
    }

    static String clock(long epochMicros, ZoneId zone) {
        return CLOCK.format(instant(epochMicros).atZone(zone));
    }

    static Instant instant(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                Math.floorMod(epochMicros, 1_000_000L) * 1_000L);
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    /** Saturating, so an absurd age limit simply means "keep everything". */
    static long micros(Duration duration) {
        try {
            return Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1_000L);
        } catch (ArithmeticException e) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /**
     * Same arithmetic as Kea: whole seconds split into hours, minutes and seconds, each padded to
     * two digits (hours may be longer), then six digits of microseconds.
     */
    static String duration(Duration d) {
        long secs = d.getSeconds();
        long frac = d.getNano() / 1_000L;
        if (secs < 0 && frac > 0) {
            // Duration keeps a positive nano part; C++ truncates toward zero instead.
            secs += 1;
            frac -= 1_000_000L;
        }
        long hours = secs / 3600;
        secs -= hours * 3600;
        long mins = secs / 60;
        secs -= mins * 60;
        return String.format("%02d:%02d:%02d.%06d", hours, mins, secs, frac);
    }
}
