package ruru.daemon.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class KeaPatternLayoutTest {

    private static final Instant AT = Instant.parse("2019-08-05T14:27:45.871234Z");
    private final LoggerContext ctx = new LoggerContext();
    private final Logger logger = ctx.getLogger("kea-dhcp4.dhcpsrv");

    private String render(String pattern, Level level, String message) {
        LoggingEvent e = new LoggingEvent("fqcn", logger, level, message, null, null);
        e.setInstant(AT);
        return new KeaPatternLayout(pattern).doLayout(e);
    }

    @Test
    void rendersKeasDefaultPattern() {
        String local = ZonedDateTime.ofInstant(AT, ZoneId.systemDefault())
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS"));
        String line = render(OutputSpec.DEFAULT_PATTERN, Level.DEBUG, "DHCPSRV_TIMERMGR_START_TIMER starting");
        assertThat(line).isEqualTo(local + " DEBUG [kea-dhcp4.dhcpsrv/" + ProcessHandle.current().pid() + "."
                + Thread.currentThread().threadId() + "] DHCPSRV_TIMERMGR_START_TIMER starting\n");
    }

    @Test
    void upperDIsLocalAndLowerDIsUtc() {
        assertThat(render("%d{%Y-%m-%d %H:%M:%S.%q|%Q|%j|%a %b|%y|%%|%e}", Level.INFO, "m"))
                .isEqualTo("2019-08-05 14:27:45.871|871.234|217|Mon Aug|19|%| 5");
        assertThat(render("%d{%U %W %w %I %p}", Level.INFO, "m")).isEqualTo("31 31 1 02 PM");
        assertThat(render("%d", Level.INFO, "m")).isEqualTo("2019-08-05 14:27:45,871");
        String localHour = String.format("%02d", AT.atZone(ZoneId.systemDefault()).getHour());
        assertThat(render("%D{%H}", Level.INFO, "m")).isEqualTo(localHour);
    }

    @Test
    void appliesWidthAndTruncation() {
        assertThat(render("[%-5p][%5p][%.3m][%-6.2m]%n", Level.INFO, "abcdef")).isEqualTo("[INFO ][ INFO][def][ef    ]\n");
        assertThat(render("%c{1} %c{2} %c{9} %c", Level.WARN, "m"))
                .isEqualTo("dhcpsrv kea-dhcp4.dhcpsrv kea-dhcp4.dhcpsrv kea-dhcp4.dhcpsrv");
    }

    @Test
    void namesKeaSeverities() {
        LoggingEvent fatal = new LoggingEvent("fqcn", logger, Level.ERROR, "m", null, null);
        fatal.addMarker(KeaMarker.FATAL);
        assertThat(new KeaPatternLayout("%p").doLayout(fatal)).isEqualTo("FATAL");
        assertThat(render("%p", Level.ERROR, "m")).isEqualTo("ERROR");
        assertThat(render("%p", Level.TRACE, "m")).isEqualTo("DEBUG");
    }

    @Test
    void keepsUnknownConversionsAndLiteralText() {
        assertThat(render("(%m) %% %k 100%", Level.INFO, "x")).isEqualTo("(x) % %k 100%");
        assertThat(render("%T", Level.INFO, "x")).isEqualTo(Thread.currentThread().getName());
    }
}
