package ruru.daemon.config.schema;

import java.util.Map;
import java.util.Optional;

import ruru.json.MapElement;

/**
 * The defaults table of each daemon, by its top-level key ({@code Dhcp4}, {@code Dhcp6},
 * {@code DhcpDdns}, {@code Control-agent}): {@link DhcpDefaults} for the DHCP servers, and here
 * the D2 and Control Agent tables (kea-dhcp-ddns 2.2 and kea-ctrl-agent 2.2 observed with
 * config-get; D2's {@code dns-server-timeout} is Kea 3's 500 ms, as ruru's D2 waits).
 */
public final class KeaDefaults {

    private KeaDefaults() {
    }

    private static final Defaults DNS_SERVER = Defaults.builder().put("hostname", "").put("port", 53).build();

    /** A forward or reverse DDNS list: domains sorted by name, as kea-dhcp-ddns prints them. */
    private static final Defaults DDNS_DIRECTION = Defaults.builder()
            .each("ddns-domains", Defaults.builder().each("dns-servers", DNS_SERVER).build())
            .sortedBy("ddns-domains", "name")
            .build();

    static final Defaults DHCP_DDNS = Defaults.builder()
            .put("ip-address", "127.0.0.1")
            .put("port", 53001)
            .put("dns-server-timeout", 500) // Kea 3 (2.2: 100)
            .put("ncr-protocol", "UDP")
            .put("ncr-format", "JSON")
            .emptyList("hooks-libraries")
            .eachIfPresent("loggers", LoggerDefaults.LOGGER)
            .each("tsig-keys", Defaults.builder().put("digest-bits", 0).build())
            .sortedBy("tsig-keys", "name")
            .map("forward-ddns", DDNS_DIRECTION)
            .map("reverse-ddns", DDNS_DIRECTION)
            .build();

    static final Defaults CONTROL_AGENT = Defaults.builder()
            .put("http-host", "127.0.0.1")
            .put("http-port", 8000)
            .values("control-sockets", Defaults.builder().put("socket-type", "unix").build())
            .emptyList("hooks-libraries")
            .eachIfPresent("loggers", LoggerDefaults.LOGGER)
            .build();

    private static final Map<String, Defaults> BY_KEY = Map.of("Dhcp4", DhcpDefaults.DHCP4, "Dhcp6",
            DhcpDefaults.DHCP6, "DhcpDdns", DHCP_DDNS, "Control-agent", CONTROL_AGENT);

    /** The table of the daemon whose configuration sits under {@code configKey}. */
    public static Optional<Defaults> forKey(String configKey) {
        return Optional.ofNullable(BY_KEY.get(configKey));
    }

    /** {@code daemon} (the map under {@code configKey}) with its table applied; unchanged for an unknown key. */
    public static MapElement fill(String configKey, MapElement daemon) {
        return forKey(configKey).map(d -> d.apply(daemon)).orElse(daemon);
    }
}
