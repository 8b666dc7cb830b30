package ruru.dhcp4;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import ruru.control.Answer;
import ruru.control.CommandException;
import ruru.control.CommandRegistry;
import ruru.daemon.Daemon;
import ruru.daemon.DaemonKind;
import ruru.daemon.Flags;
import ruru.daemon.Personality;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.state.DhcpStateCommands;
import ruru.daemon.state.NetworkState;
import ruru.daemon.stats.StatisticCommands;
import ruru.dhcp4.service.Dhcp4Service;
import ruru.json.BoolElement;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.lease.LeaseStoreException;

/** The composition of the DHCPv4 daemon: its config, its packet service, its commands, its status. */
public final class Dhcp4Personality implements Personality<Dhcp4Config> {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("dhcp4-timers").factory());
    private final NetworkState networkState = new NetworkState(timers);
    private final Dhcp4Service.Ports ports;
    private volatile Daemon<Dhcp4Config> daemon;
    private volatile Dhcp4Service service;

    public Dhcp4Personality(Flags flags) {
        this.ports = new Dhcp4Service.Ports(flags.serverPort(), flags.clientPort());
    }

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
        this.service = new Dhcp4Service(d.stats(), networkState, d.clock(), ports);
        StatisticCommands.register(registry, d.stats(), true);
        DhcpStateCommands.register(registry, networkState, "DHCPv4");
        registry.register("server-tag-get", cmd -> Answer.okArgs(
                MapElement.builder().put("server-tag", d.current().config().serverTag()).build()));
        registry.register("config-backend-pull", cmd -> Answer.empty("No config backend."));
        registry.register("libreload", cmd -> Answer.ok("Hooks libraries successfully reloaded."));
        registry.register("leases-reclaim", cmd -> leasesReclaim(cmd.arguments()));
    }

    /** Seed 000: {@code remove} is mandatory; every expired lease is reclaimed, with no limits. */
    private Answer leasesReclaim(Element args) throws CommandException {
        if (!(args instanceof MapElement m) || !m.has("remove")) {
            throw new CommandException("Missing mandatory 'remove' parameter.");
        }
        if (!(m.get("remove") instanceof BoolElement remove)) {
            throw new CommandException("'remove' parameter expected to be a boolean.");
        }
        try {
            service.reclaimNow(remove.value());
        } catch (LeaseStoreException e) {
            return Answer.error("Reclamation of expired leases failed: " + e.getMessage());
        }
        return Answer.ok("Reclamation of expired leases is complete.");
    }

    @Override
    public void apply(Dhcp4Config config, Dhcp4Config previous) throws ConfigException {
        MultiThreading mt = config.multiThreading();
        service.apply(config.service(), mt.enabled() ? mt.effectiveThreads() : 1, mt.enabled() ? mt.packetQueueSize() : 0);
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
            double[] q = service.queueStatistics();
            b.put("packet-queue-statistics", new ListElement(List.<Element>of(Element.of(q[0]), Element.of(q[1]),
                    Element.of(q[2])), Position.NONE));
        }
        b.put("sockets", MapElement.builder().put("status", "ready").build());
        b.put("dhcp-state", networkState.toElement());
    }

    @Override
    public void stop() {
        Dhcp4Service s = service;
        if (s != null) {
            s.close();
        }
        timers.shutdownNow();
    }
}
