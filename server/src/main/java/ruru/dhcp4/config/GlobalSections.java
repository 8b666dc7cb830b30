package ruru.dhcp4.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import ruru.daemon.config.ConfigException;
import ruru.daemon.config.PathKind;
import ruru.daemon.config.PathPolicy;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.dhcp.config.Fields;
import ruru.dhcp.config.ExpiredLeasesProcessing;
import ruru.dhcp.config.LeaseDatabase;
import ruru.dhcp.config.HostIdentifierType;
import ruru.dhcp.config.HostIdentifiers;

/** The global maps that are not networks: interfaces, lease database, reclamation, host identifiers. */
final class GlobalSections {

    private GlobalSections() {
    }

    static InterfacesConfig interfaces(MapElement dhcp4) {
        Optional<MapElement> m = Fields.map(dhcp4, "interfaces-config");
        if (m.isEmpty()) {
            return InterfacesConfig.defaults();
        }
        MapElement c = m.get();
        InterfacesConfig d = InterfacesConfig.defaults();
        List<String> names = c.find("interfaces").flatMap(Element::asList).map(ListElement::items).orElse(List.of())
                .stream().map(e -> e.asString().orElseThrow()).toList();
        return new InterfacesConfig(names,
                Fields.string(c, "dhcp-socket-type", "raw").equals("udp") ? InterfacesConfig.SocketType.UDP
                        : InterfacesConfig.SocketType.RAW,
                Fields.string(c, "outbound-interface", "same-as-inbound").equals("use-routing")
                        ? InterfacesConfig.OutboundInterface.USE_ROUTING
                        : InterfacesConfig.OutboundInterface.SAME_AS_INBOUND,
                Fields.bool(c, "re-detect", d.reDetect()),
                Fields.bool(c, "service-sockets-require-all", d.serviceSocketsRequireAll()),
                Fields.integer(c, "service-sockets-max-retries", d.serviceSocketsMaxRetries()),
                Fields.integer(c, "service-sockets-retry-wait-time", d.serviceSocketsRetryWaitTimeMillis()));
    }

    /**
     * Kea's memfile settings. Without {@code name}, the file is Kea's default: {@code kea-leases4.csv}
     * in the data directory ({@code KEA_DHCP_DATA_DIR}, else /var/lib/kea), so ruru and Kea share a
     * lease file when dropped in for one another. A {@code name} given resolves through
     * {@link PathPolicy} (a bare name lands in the data directory, as in Kea 3). An empty name
     * counts as absent, as Kea 2.2 takes it.
     */
    static LeaseDatabase leaseDatabase(MapElement dhcp4, PathPolicy paths) throws ConfigException {
        Optional<MapElement> m = Fields.map(dhcp4, "lease-database");
        MapElement db = m.orElse(MapElement.empty());
        if (m.isPresent()) {
            Fields.require(db, "type");
        }
        if (Fields.string(db, "type", "memfile").equals("postgresql")) {
            return new LeaseDatabase("postgresql", false, Optional.empty(), 0, 0,
                    Optional.of(ruru.lease.pgsql.PgsqlSettings.parse(db, paths.configDirectory())));
        }
        boolean persist = Fields.bool(db, "persist", true);
        Optional<Path> file = Optional.empty();
        if (persist) {
            String name = Fields.string(db, "name", "");
            if (name.isEmpty()) {
                name = dataDirectory(paths).resolve("kea-leases4.csv").toString();
            }
            file = Optional.of(paths.resolve(PathKind.DATA, name, Fields.at(db, "name")));
        }
        return new LeaseDatabase(Fields.string(db, "type", "memfile"), persist, file,
                Fields.integer(db, "lfc-interval", 3600), Fields.integer(db, "max-row-errors", 0));
    }

    static Path dataDirectory(PathPolicy paths) {
        return paths.directory(PathKind.DATA);
    }

    static ExpiredLeasesProcessing expiredLeases(MapElement dhcp4) throws ConfigException {
        return ExpiredLeasesProcessing.parse(dhcp4);
    }

    static List<HostIdentifierType> hostIdentifiers(MapElement dhcp4) throws ConfigException {
        return HostIdentifiers.order(dhcp4, HostIdentifierType.KEA_DEFAULT);
    }
}
