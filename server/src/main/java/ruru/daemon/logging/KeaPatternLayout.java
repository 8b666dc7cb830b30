package ruru.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Formats events with a log4cplus PatternLayout pattern, so Kea's {@code pattern} strings work
 * unchanged. The pattern is compiled here rather than translated into Logback's syntax, whose
 * different meaning of {@code %c{n}}, {@code %d} and parentheses would leak through.
 *
 * <p>Supported: {@code %c[{n}]} logger (last n components), {@code %D{fmt}} local and
 * {@code %d{fmt}} UTC time (strftime plus {@code %q} ms and {@code %Q} µs), {@code %p} severity,
 * {@code %m} message, {@code %n} newline, {@code %i} pid, {@code %t} thread id, {@code %T} thread
 * name, {@code %F %L %M %l %b} caller, {@code %r} ms since start, {@code %h %H} host,
 * {@code %X{key}} MDC, {@code %x} NDC (empty), {@code %%}; with {@code [-][min][.max]} modifiers
 * (right-aligned unless {@code -}, truncation keeps the end, as log4j/log4cplus).
 */
public final class KeaPatternLayout extends LayoutBase<ILoggingEvent> {

    private interface Part {
        void append(StringBuilder out, ILoggingEvent e);
    }

    private static final long PID = ProcessHandle.current().pid();
    private static final String DEFAULT_DATE = "%Y-%m-%d %H:%M:%S,%q";

    private String pattern = OutputSpec.DEFAULT_PATTERN;
    private List<Part> parts = compile(pattern);

    public KeaPatternLayout() {
    }

    public KeaPatternLayout(String pattern) {
        setPattern(pattern);
    }

    /** Also the property Logback's XML configurator sets ({@code <pattern>}). */
    public void setPattern(String pattern) {
        this.pattern = pattern;
        this.parts = compile(pattern);
    }

    public String getPattern() {
        return pattern;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(128);
        for (Part p : parts) {
            p.append(out, event);
        }
        if (event.getThrowableProxy() != null) {
            // Kea has no exceptions in its log lines; keep Java's stack trace, after the line.
            appendSafe(out, ThrowableProxyUtil.asString(event.getThrowableProxy()));
            out.append('\n');
        }
        return out.toString();
    }

    /** The severity name Kea prints: FATAL via its marker, TRACE shown as DEBUG. */
    static String severityName(ILoggingEvent e) {
        Level level = e.getLevel();
        if (level.toInt() == Level.ERROR_INT && e.getMarkerList() != null && e.getMarkerList().contains(KeaMarker.FATAL)) {
            return "FATAL";
        }
        return level.toInt() <= Level.DEBUG_INT ? "DEBUG" : level.levelStr;
    }

    private static List<Part> compile(String pattern) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i++);
            if (c != '%' || i >= pattern.length()) {
                appendSafe(literal, c);
                continue;
            }
            if (pattern.charAt(i) == '%') {
                literal.append('%');
                i++;
                continue;
            }
            int start = i - 1;
            boolean left = false;
            if (pattern.charAt(i) == '-') {
                left = true;
                i++;
            }
            int min = 0;
            while (i < pattern.length() && Character.isDigit(pattern.charAt(i))) {
                min = min * 10 + (pattern.charAt(i++) - '0');
            }
            int max = Integer.MAX_VALUE;
            if (i < pattern.length() && pattern.charAt(i) == '.') {
                i++;
                max = 0;
                while (i < pattern.length() && Character.isDigit(pattern.charAt(i))) {
                    max = max * 10 + (pattern.charAt(i++) - '0');
                }
            }
            if (i >= pattern.length()) {
                appendSafe(literal, pattern.substring(start, i));
                break;
            }
            char conv = pattern.charAt(i++);
            String option = null;
            if (i < pattern.length() && pattern.charAt(i) == '{') {
                int close = pattern.indexOf('}', i);
                if (close > 0) {
                    option = pattern.substring(i + 1, close);
                    i = close + 1;
                }
            }
            Part part = conversion(conv, option);
            if (part == null) {
                appendSafe(literal, pattern.substring(start, i));
                continue;
            }
            if (!literal.isEmpty()) {
                String text = literal.toString();
                parts.add((o, e) -> o.append(text));
                literal.setLength(0);
            }
            Part shaped = min == 0 && max == Integer.MAX_VALUE ? part : modified(part, left, min, max);
            parts.add(conv == 'n' ? shaped : sanitized(shaped));
        }
        if (!literal.isEmpty()) {
            String text = literal.toString();
            parts.add((o, e) -> o.append(text));
        }
        return List.copyOf(parts);
    }

    /**
     * A log line holds text: line breaks and tabs, never other control characters or NUL, whatever
     * a pattern or a message (a client's host name, a command's argument) contains. Anything else
     * below 0x20, and DEL, is written as {@code \xHH}, so a log file can never be made to hold
     * chosen binary bytes (issue 8: a log file shaped into a jar).
     */
    static void appendSafe(StringBuilder out, char c) {
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
            out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
        } else {
            out.append(c);
        }
    }

    private static void appendSafe(StringBuilder out, String text) {
        for (int k = 0; k < text.length(); k++) {
            appendSafe(out, text.charAt(k));
        }
    }

    /** Whether a pattern is text only: line breaks and tabs, no other control character. */
    static boolean isSafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static Part sanitized(Part inner) {
        return (o, e) -> {
            int start = o.length();
            inner.append(o, e);
            for (int i = start; i < o.length(); i++) {
                char c = o.charAt(i);
                if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
                    String tail = o.substring(i);
                    o.setLength(i);
                    appendSafe(o, tail);
                    return;
                }
            }
        };
    }

    private static Part conversion(char conv, String option) {
        return switch (conv) {
            case 'c' -> loggerName(option);
            case 'd', 'D' -> {
                Strftime f = Strftime.compile(option == null || option.isEmpty() ? DEFAULT_DATE : option);
                // log4cplus: %d is UTC, %D local time.
                ZoneId zone = conv == 'd' ? ZoneOffset.UTC : null;
                yield (o, e) -> f.format(o, e.getInstant(), zone != null ? zone : ZoneId.systemDefault());
            }
            case 'p' -> (o, e) -> o.append(severityName(e));
            case 'm' -> (o, e) -> o.append(e.getFormattedMessage());
            case 'n' -> (o, e) -> o.append('\n');
            case 'i' -> (o, e) -> o.append(PID);
            // Layout runs synchronously on the logging thread (no async appenders here).
            case 't' -> (o, e) -> o.append(Thread.currentThread().threadId());
            case 'T' -> (o, e) -> o.append(e.getThreadName());
            case 'F' -> caller((o, s) -> o.append(s.getFileName()));
            case 'b' -> caller((o, s) -> o.append(s.getFileName()));
            case 'L' -> caller((o, s) -> o.append(s.getLineNumber()));
            case 'M' -> caller((o, s) -> o.append(s.getMethodName()));
            case 'l' -> caller((o, s) -> o.append(s.getFileName()).append(':').append(s.getLineNumber()));
            case 'r' -> (o, e) -> o.append(e.getTimeStamp() - e.getLoggerContextVO().getBirthTime());
            case 'h' -> {
                String host = hostName(false);
                yield (o, e) -> o.append(host);
            }
            case 'H' -> {
                String host = hostName(true);
                yield (o, e) -> o.append(host);
            }
            case 'x' -> (o, e) -> { };
            case 'X' -> (o, e) -> {
                Map<String, String> mdc = e.getMDCPropertyMap();
                String v = option == null || mdc == null ? null : mdc.get(option);
                o.append(v == null ? "" : v);
            };
            default -> null;
        };
    }

    private static Part loggerName(String option) {
        int keep = 0;
        if (option != null) {
            try {
                keep = Integer.parseInt(option.strip());
            } catch (NumberFormatException e) {
                keep = 0;
            }
        }
        if (keep <= 0) {
            return (o, e) -> o.append(e.getLoggerName());
        }
        int components = keep;
        return (o, e) -> {
            String name = e.getLoggerName();
            int end = name.length();
            int cut = end;
            for (int n = 0; n < components && cut > 0; n++) {
                cut = name.lastIndexOf('.', cut - 1);
                if (cut < 0) {
                    break;
                }
            }
            o.append(cut < 0 ? name : name.substring(cut + 1));
        };
    }

    private interface CallerPart {
        void append(StringBuilder out, StackTraceElement frame);
    }

    private static Part caller(CallerPart part) {
        return (o, e) -> {
            StackTraceElement[] frames = e.getCallerData();
            if (frames != null && frames.length > 0) {
                part.append(o, frames[0]);
            }
        };
    }

    private static Part modified(Part inner, boolean left, int min, int max) {
        return (o, e) -> {
            StringBuilder sb = new StringBuilder();
            inner.append(sb, e);
            if (sb.length() > max) {
                sb.delete(0, sb.length() - max);
            }
            int padding = min - sb.length();
            if (padding > 0 && !left) {
                o.repeat(' ', padding);
            }
            o.append(sb);
            if (padding > 0 && left) {
                o.repeat(' ', padding);
            }
        };
    }

    private static String hostName(boolean qualified) {
        try {
            InetAddress local = InetAddress.getLocalHost();
            String name = qualified ? local.getCanonicalHostName() : local.getHostName();
            int dot = name.indexOf('.');
            return qualified || dot < 0 ? name : name.substring(0, dot);
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
