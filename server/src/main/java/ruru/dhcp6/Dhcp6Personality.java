package ruru.dhcp6;

import java.util.Map;
import java.util.function.Supplier;

import ruru.daemon.Daemon;
import ruru.daemon.DaemonKind;
import ruru.daemon.Flags;
import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.hooks.BuiltinLibrary;
import ruru.daemon.hooks.CalloutRegistry;
import ruru.dhcp.DhcpPersonality;
import ruru.dhcp.config.LeaseDatabase;
import ruru.dhcp6.service.Dhcp6Hooks;
import ruru.dhcp6.service.Dhcp6Service;
import ruru.hooks.Dhcp6SrvConfiguredCallout;
import ruru.hooks.HookPoint;
import ruru.hooks.NextStep;
import ruru.json.MapElement;

/** The composition of the DHCPv6 daemon: its config, its packet service, its commands, its status. */
public final class Dhcp6Personality extends DhcpPersonality<Dhcp6Config, Dhcp6Service> {

    private final Dhcp6Service.Ports ports;

    public Dhcp6Personality(Flags flags) {
        super("dhcp6-timers");
        this.ports = new Dhcp6Service.Ports(flags.serverPort(), flags.clientPort());
    }

    @Override
    public DaemonKind kind() {
        return DaemonKind.DHCP6;
    }

    @Override
    public Dhcp6Config parse(MapElement dhcp6, PathPolicy paths) throws ConfigException {
        return Dhcp6ConfigParser.parse(dhcp6, paths);
    }

    @Override
    protected String familyName() {
        return "DHCPv6";
    }

    @Override
    protected Map<String, Supplier<BuiltinLibrary>> builtins(Daemon<Dhcp6Config> d) {
        return Map.of();
    }

    @Override
    protected Dhcp6Service createService(Daemon<Dhcp6Config> d, CalloutRegistry callouts) {
        return new Dhcp6Service(d.stats(), networkState, d.clock(), ports, LeaseDatabase.dataDirectory(d.paths()),
                new Dhcp6Hooks(callouts));
    }

    @Override
    protected void applyService(Dhcp6Config config, Dhcp6Service s) throws ConfigException {
        s.apply(config.service(), config.multiThreading().workers(), config.multiThreading().queueSize());
    }

    /** dhcp6_srv_configured: DROP aborts the reconfiguration with the callout's error. */
    @Override
    protected void configured(Dhcp6Config config, CalloutRegistry callouts) throws ConfigException {
        if (!callouts.has(HookPoint.DHCP6_SRV_CONFIGURED)) {
            return;
        }
        var args = new Dhcp6SrvConfiguredCallout.Args(config.element(),
                config.service().subnets().stream().map(Dhcp6Hooks::view).toList());
        if (callouts.call(HookPoint.DHCP6_SRV_CONFIGURED, args, Dhcp6SrvConfiguredCallout::dhcp6SrvConfigured)
                == NextStep.DROP) {
            throw new ConfigException("dhcp6_srv_configured hooks callouts failed: "
                    + (args.error().isEmpty() ? "the configuration was dropped by a hook library" : args.error()));
        }
    }
}
