package ruru.daemon.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.status.Status;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The logging in force until the config is read: Kea's layout on stdout, libraries quiet. */
class DefaultLoggingTest {

    @Test
    void setsKeasDefaultPatternAndQuietLibraries() {
        LoggerContext ctx = new LoggerContext();
        DefaultLogging configurator = new DefaultLogging();
        configurator.setContext(ctx);
        assertThat(configurator.configure(ctx)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        assertThat(ctx.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() >= Status.WARN);
        assertThat(ctx.getLogger("org.xbill.DNS").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(ctx.getLogger("kea-dhcp4.leases").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(ctx.getLogger("ruru.cli").getEffectiveLevel()).isEqualTo(Level.INFO);
        var appender = (OutputStreamAppender<ILoggingEvent>) ctx.getLogger("ROOT").getAppender(DefaultLogging.APPENDER);
        assertThat(appender.isStarted()).isTrue();
        var layout = (KeaPatternLayout) ((LayoutWrappingEncoder<ILoggingEvent>) appender.getEncoder()).getLayout();
        assertThat(layout.getPattern()).isEqualTo("%D{%Y-%m-%d %H:%M:%S.%q} %-5p [%c/%i.%t] %m%n");
        ctx.stop();
    }

    @Test
    void isWhatLogbackFindsOnTheClassPath() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(p -> p.type().getName()))
                .containsExactly(DefaultLogging.class.getName());
        assertThat(getClass().getResource("/logback.xml")).isNull();
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(LoggerContext.class);
    }
}
