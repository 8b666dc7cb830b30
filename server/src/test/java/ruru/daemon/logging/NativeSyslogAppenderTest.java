package ruru.daemon.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class NativeSyslogAppenderTest {

    private final LoggerContext ctx = new LoggerContext();

    private LoggingEvent event(Level level) {
        return new LoggingEvent("fqcn", ctx.getLogger("kea-dhcp4.dhcp4"), level, "SYSLOG_TEST %s is not a format", null, null);
    }

    @Test
    void callsLibcWithoutErrors() {
        NativeSyslogAppender a = new NativeSyslogAppender("ruru-test", "local0", OutputSpec.DEFAULT_SYSLOG_PATTERN);
        a.setContext(ctx);
        a.start();
        assertThat(a.isStarted()).isTrue();
        a.doAppend(event(Level.INFO));
        a.stop();
        assertThat(a.isStarted()).isFalse();
        assertThat(ctx.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() >= 2);
    }

    @Test
    void mapsFacilitiesAndPriorities() {
        assertThat(new NativeSyslogAppender("i", "LOCAL3", "%m").facility()).isEqualTo(19 << 3);
        assertThat(new NativeSyslogAppender("i", "nonsense", "%m").facility()).isEqualTo(1 << 3);
        LoggingEvent fatal = event(Level.ERROR);
        fatal.addMarker(KeaMarker.FATAL);
        assertThat(NativeSyslogAppender.priority(fatal)).isEqualTo(2);
        assertThat(NativeSyslogAppender.priority(event(Level.ERROR))).isEqualTo(3);
        assertThat(NativeSyslogAppender.priority(event(Level.WARN))).isEqualTo(4);
        assertThat(NativeSyslogAppender.priority(event(Level.INFO))).isEqualTo(6);
        assertThat(NativeSyslogAppender.priority(event(Level.DEBUG))).isEqualTo(7);
    }
}
