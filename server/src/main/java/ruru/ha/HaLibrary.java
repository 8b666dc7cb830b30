package ruru.ha;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.control.http.ClientTls;
import ruru.daemon.config.ConfigException;
import ruru.daemon.logging.KeaLog;
import ruru.ha.config.HaConfig;
import ruru.ha.config.HaConfigParser;
import ruru.ha.config.HaConfigs;
import ruru.ha.config.PeerConfig;
import ruru.hooks.HookLibrary;
import ruru.hooks.HookPoint;
import ruru.hooks.LibraryHandle;
import ruru.hooks.NextStep;
import ruru.json.MapElement;

/**
 * Kea's {@code libdhcp_ha.so}, built in: loading it reads {@code high-availability}, starts one
 * HA service per relationship (the DHCP service is disabled until the state machine allows it),
 * opens the dedicated listener, and registers the HA commands and the callouts the address
 * family's {@link Binding} provides. Unloading (every reconfiguration, libreload, shutdown) stops
 * it all and gives the DHCP service back.
 */
public final class HaLibrary implements HookLibrary {

    /** The address-family half: the family's lease handling and its packet callouts. */
    public interface Binding {
        HaFamily family();

        /** Registers the callouts that filter queries by scope and send lease updates. */
        void register(LibraryHandle handle, HaServices services);

        /**
         * The subnets whose leases synchronization takes for {@code relationship} (those naming one of
         * its servers in ha-server-name); empty: every lease (Kea 3's LeaseSyncFilter).
         */
        default java.util.Set<Long> subnetsOf(HaConfig relationship) {
            return java.util.Set.of();
        }
    }

    /** Kea's file name, matched in {@code hooks-libraries} whatever the directory. */
    public static final String FILE_NAME = "libdhcp_ha.so";

    private final HaHost host;
    private final Binding binding;
    private HaServices services;
    private HaListeners listeners;
    private Logger log;

    public HaLibrary(HaHost host, Binding binding) {
        this.host = host;
        this.binding = binding;
    }

    /** The running services (null when not loaded); for status and tests. */
    public HaServices services() {
        return services;
    }

    /** Validates the parameters as load() would, without starting anything (config-test, -t). */
    public static HaConfigs validate(MapElement parameters, HaConfigParser.Environment env) throws ConfigException {
        return HaConfigParser.parse(parameters, env);
    }

    @Override
    public void load(LibraryHandle handle) throws Exception {
        log = LoggerFactory.getLogger(host.loggerRoot() + ".ha-hooks");
        HaConfigs configs;
        try {
            configs = HaConfigParser.parse(handle.parameters(), new HaConfigParser.Environment(host.files(),
                    host.dhcpMultiThreading(), host.dhcpThreads(), log));
        } catch (ConfigException e) {
            if (e.getMessage().startsWith("high-availability parameter not specified")) {
                KeaLog.error(log, "HA_MISSING_CONFIGURATION", "{}", e.getMessage());
            } else {
                KeaLog.error(log, "HA_CONFIGURATION_FAILED", "failed to configure High Availability hooks library: {}",
                        e.getMessage());
            }
            throw e;
        }
        KeaLog.info(log, "HA_CONFIGURATION_SUCCESSFUL", "HA hook library has been successfully configured");
        configs.relationships().forEach(this::warnings);
        List<HaService> list = new ArrayList<>();
        for (int i = 0; i < configs.relationships().size(); i++) {
            HaConfig c = configs.relationships().get(i);
            int connections = c.multiThreading().enabled() ? Math.max(1, c.multiThreading().clientThreads()) : 1;
            HaService service = new HaService(i, c, binding.family(), host.networkState(), host.clock(), log,
                    clientTls(c), connections);
            service.syncOnly(binding.subnetsOf(c));
            list.add(service);
        }
        services = new HaServices(list);
        try {
            new HaCommands(services).register(handle);
            binding.register(handle, services);
            handle.registerCallout(HookPoint.COMMAND_PROCESSED, args -> {
                if (args.name().equals("status-get") && args.response().get("arguments") instanceof MapElement a) {
                    args.setResponse(args.response().with("arguments", a.with("high-availability",
                            services.statusGet())));
                }
                return NextStep.CONTINUE;
            });
            services.start();
            listeners = HaListeners.start(configs.relationships(), host, binding.family().peerCommands(), log);
        } catch (Exception | LinkageError e) {
            unload();
            throw e;
        }
        KeaLog.info(log, "HA_INIT_OK", "loading High Availability hooks library successful");
    }

    /** The client TLS context towards each peer that has TLS files. */
    private static Map<String, Optional<SSLContext>> clientTls(HaConfig c) throws Exception {
        Map<String, Optional<SSLContext>> m = new HashMap<>();
        for (PeerConfig p : c.others()) {
            if (p.tls().isPresent()) {
                var f = p.tls().get();
                m.put(p.name(), Optional.of(ClientTls.context(f.trustAnchor(), Optional.of(f.certFile()),
                        Optional.of(f.keyFile()))));
            } else {
                m.put(p.name(), Optional.empty());
            }
        }
        return m;
    }

    /** Kea's logConfigStatus warnings. */
    private void warnings(HaConfig c) {
        if (!c.sendLeaseUpdates()) {
            KeaLog.warn(log, "HA_CONFIG_LEASE_UPDATES_DISABLED", "{}: lease updates will not be generated",
                    c.thisServerName());
        }
        if (!c.syncLeases()) {
            KeaLog.warn(log, "HA_CONFIG_LEASE_SYNCING_DISABLED", "{}: lease database synchronization between HA "
                    + "servers is disabled", c.thisServerName());
        }
        if (c.sendLeaseUpdates() != c.syncLeases()) {
            KeaLog.warn(log, "HA_CONFIG_LEASE_UPDATES_AND_SYNCING_DIFFER", "{}: unusual configuration where "
                    + "\"send-lease-updates\": {} and \"sync-leases\": {}", c.thisServerName(), c.sendLeaseUpdates(),
                    c.syncLeases());
        }
        if (!c.thisServer().autoFailover()) {
            KeaLog.warn(log, "HA_CONFIG_AUTO_FAILOVER_DISABLED", "{}: auto-failover disabled", c.thisServerName());
        }
    }

    @Override
    public void unload() {
        if (listeners != null) {
            listeners.close();
            listeners = null;
        }
        if (services != null) {
            services.close();
            services = null;
            KeaLog.info(log, "HA_DEINIT_OK", "unloading High Availability hooks library successful");
        }
    }

    @Override
    public boolean multiThreadingCompatible() {
        return true;
    }
}
