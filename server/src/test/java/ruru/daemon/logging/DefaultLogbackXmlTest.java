package ruru.daemon.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;

/** The shipped logback.xml (used until the config is read) loads cleanly with Kea's layout. */
class DefaultLogbackXmlTest {

    @Test
    void loadsWithKeasDefaultPatternAndQuietLibraries() throws Exception {
        LoggerContext ctx = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(ctx);
        configurator.doConfigure(getClass().getResource("/logback.xml"));

        assertThat(ctx.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() >= Status.WARN);
        assertThat(ctx.getLogger("org.xbill.DNS").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(ctx.getLogger("kea-dhcp4.leases").getEffectiveLevel()).isEqualTo(Level.INFO);
        var appender = (OutputStreamAppender<ILoggingEvent>) ctx.getLogger("ROOT").getAppender("STDOUT");
        var layout = (KeaPatternLayout) ((LayoutWrappingEncoder<ILoggingEvent>) appender.getEncoder()).getLayout();
        assertThat(layout.getPattern()).isEqualTo("%D{%Y-%m-%d %H:%M:%S.%q} %-5p [%c/%i.%t] %m%n");
        ctx.stop();
    }
}
