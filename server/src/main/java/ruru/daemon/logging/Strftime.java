package ruru.daemon.logging;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A compiled strftime(3) format as log4cplus uses it inside {@code %d{…}}/{@code %D{…}}, with
 * log4cplus's two additions: {@code %q} milliseconds (000–999) and {@code %Q} milliseconds with a
 * microsecond fraction (000.000–999.999). Names are C-locale English, as under a daemon.
 */
final class Strftime {

    private interface Part {
        void append(StringBuilder out, ZonedDateTime t);
    }

    private static final DateTimeFormatter ZONE_ABBREV = DateTimeFormatter.ofPattern("zzz", Locale.US);
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xx", Locale.US);

    private final List<Part> parts;

    private Strftime(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    static Strftime compile(String format) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                literal.append(c);
                continue;
            }
            char spec = format.charAt(++i);
            Part part = part(spec);
            if (part == null) {
                // glibc prints unknown conversions as written.
                literal.append('%').append(spec);
                continue;
            }
            if (!literal.isEmpty()) {
                String text = literal.toString();
                parts.add((out, t) -> out.append(text));
                literal.setLength(0);
            }
            parts.add(part);
        }
        if (!literal.isEmpty()) {
            String text = literal.toString();
            parts.add((out, t) -> out.append(text));
        }
        return new Strftime(parts);
    }

    void format(StringBuilder out, Instant instant, ZoneId zone) {
        ZonedDateTime t = instant.atZone(zone);
        for (Part p : parts) {
            p.append(out, t);
        }
    }

    String format(Instant instant, ZoneId zone) {
        StringBuilder sb = new StringBuilder();
        format(sb, instant, zone);
        return sb.toString();
    }

    private static Part part(char spec) {
        return switch (spec) {
            case 'a' -> (o, t) -> o.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US));
            case 'A' -> (o, t) -> o.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US));
            case 'b', 'h' -> (o, t) -> o.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US));
            case 'B' -> (o, t) -> o.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.US));
            case 'c' -> seq("%a %b %e %H:%M:%S %Y");
            case 'C' -> (o, t) -> pad(o, t.getYear() / 100, 2, '0');
            case 'd' -> (o, t) -> pad(o, t.getDayOfMonth(), 2, '0');
            case 'D', 'x' -> seq("%m/%d/%y");
            case 'e' -> (o, t) -> pad(o, t.getDayOfMonth(), 2, ' ');
            case 'F' -> seq("%Y-%m-%d");
            case 'H' -> (o, t) -> pad(o, t.getHour(), 2, '0');
            case 'I' -> (o, t) -> pad(o, (t.getHour() + 11) % 12 + 1, 2, '0');
            case 'j' -> (o, t) -> pad(o, t.getDayOfYear(), 3, '0');
            case 'm' -> (o, t) -> pad(o, t.getMonthValue(), 2, '0');
            case 'M' -> (o, t) -> pad(o, t.getMinute(), 2, '0');
            case 'n' -> (o, t) -> o.append('\n');
            case 'p' -> (o, t) -> o.append(t.getHour() < 12 ? "AM" : "PM");
            case 'q' -> (o, t) -> pad(o, t.getNano() / 1_000_000, 3, '0');
            case 'Q' -> (o, t) -> {
                pad(o, t.getNano() / 1_000_000, 3, '0');
                o.append('.');
                pad(o, t.getNano() / 1_000 % 1_000, 3, '0');
            };
            case 'r' -> seq("%I:%M:%S %p");
            case 'R' -> seq("%H:%M");
            case 's' -> (o, t) -> o.append(t.toEpochSecond());
            case 'S' -> (o, t) -> pad(o, t.getSecond(), 2, '0');
            case 't' -> (o, t) -> o.append('\t');
            case 'T', 'X' -> seq("%H:%M:%S");
            case 'u' -> (o, t) -> o.append(t.getDayOfWeek().getValue());
            case 'w' -> (o, t) -> o.append(t.getDayOfWeek().getValue() % 7);
            // Week of year with Sunday (U) or Monday (W) as first day; days before the first such
            // day are week 0 (C standard).
            case 'U' -> (o, t) -> pad(o, (t.getDayOfYear() - 1 + 7 - t.getDayOfWeek().getValue() % 7) / 7, 2, '0');
            case 'W' -> (o, t) -> pad(o, (t.getDayOfYear() - 1 + 7 - (t.getDayOfWeek().getValue() + 6) % 7) / 7, 2, '0');
            case 'y' -> (o, t) -> pad(o, Math.floorMod(t.getYear(), 100), 2, '0');
            case 'Y' -> (o, t) -> o.append(t.getYear());
            case 'z' -> (o, t) -> o.append(OFFSET.format(t));
            case 'Z' -> (o, t) -> o.append(ZONE_ABBREV.format(t));
            case '%' -> (o, t) -> o.append('%');
            default -> null;
        };
    }

    private static Part seq(String format) {
        Strftime inner = compile(format);
        return (o, t) -> {
            for (Part p : inner.parts) {
                p.append(o, t);
            }
        };
    }

    private static void pad(StringBuilder out, int value, int width, char fill) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            out.append(fill);
        }
        out.append(s);
    }
}
