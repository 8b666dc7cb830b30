package ruru.dhcp4;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import ruru.control.Answer;
import ruru.control.CommandRegistry;
import ruru.daemon.Daemon;
import ruru.daemon.DaemonKind;
import ruru.daemon.Personality;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.state.DhcpStateCommands;
import ruru.daemon.state.NetworkState;
import ruru.daemon.stats.StatisticCommands;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;

/** The composition of the DHCPv4 daemon: its config, its commands, its status. */
public final class Dhcp4Personality implements Personality<Dhcp4Config> {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("dhcp4-timers").factory());
    private final NetworkState networkState = new NetworkState(timers);
    private volatile Daemon<Dhcp4Config> daemon;

    @Override
    public DaemonKind kind() {
        return DaemonKind.DHCP4;
    }

    public NetworkState networkState() {
        return networkState;
    }

    @Override
    public Dhcp4Config parse(MapElement dhcp4, PathPolicy paths) throws ConfigException {
        return Dhcp4ConfigParser.parse(dhcp4, paths);
    }

    @Override
    public void registerCommands(CommandRegistry registry, Daemon<Dhcp4Config> d) {
        this.daemon = d;
        StatisticCommands.register(registry, d.stats(), true);
        DhcpStateCommands.register(registry, networkState, "DHCPv4");
        registry.register("server-tag-get", cmd -> Answer.okArgs(
                MapElement.builder().put("server-tag", d.current().config().serverTag()).build()));
        registry.register("config-backend-pull", cmd -> Answer.empty("No config backend."));
        registry.register("libreload", cmd -> Answer.ok("Hooks libraries successfully reloaded."));
    }

    @Override
    public void status(MapElement.Builder b) {
        Daemon<Dhcp4Config> d = daemon;
        MultiThreading mt = d == null || d.current() == null ? MultiThreading.DEFAULT
                : d.current().config().multiThreading();
        b.put("multi-threading-enabled", mt.enabled());
        if (mt.enabled()) {
            b.put("thread-pool-size", mt.effectiveThreads());
            b.put("packet-queue-size", mt.packetQueueSize());
            b.put("packet-queue-statistics", new ListElement(List.<Element>of(Element.of(0.0), Element.of(0.0),
                    Element.of(0.0)), Position.NONE));
        }
        b.put("dhcp-state", networkState.toElement());
    }

    @Override
    public void stop() {
        timers.shutdownNow();
    }
}
