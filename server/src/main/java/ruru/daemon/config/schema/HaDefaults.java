package ruru.daemon.config.schema;

import ruru.json.Element;
import ruru.json.MapElement;
import ruru.json.StringElement;

/**
 * The HA hook's defaults ({@code libdhcp_ha.so}'s {@code high-availability} parameter): Kea's HA
 * parser writes them into the hook's parameters, so config-get shows them. ruru's HA runs with
 * Kea 3's (multi-threaded with a dedicated listener, {@code restrict-commands} on,
 * {@code max-rejected-lease-updates}), and so does this table.
 */
final class HaDefaults {

    private HaDefaults() {
    }

    static final String LIBRARY = "libdhcp_ha.so";

    private static final Defaults RELATIONSHIP = Defaults.builder()
            .compute((m, c) -> m.has("delayed-updates-limit") ? m : m.with("delayed-updates-limit",
                    Element.of(m.get("mode") instanceof StringElement s && s.value().equals("load-balancing") ? 100 : 0)))
            .put("heartbeat-delay", 10000)
            .put("max-ack-delay", 10000)
            .put("max-response-delay", 60000)
            .put("max-unacked-clients", 10)
            .put("max-rejected-lease-updates", 10)
            .put("require-client-certs", true)
            .put("restrict-commands", true)
            .put("send-lease-updates", true)
            .put("sync-leases", true)
            .put("sync-timeout", 60000)
            .put("sync-page-limit", 10000)
            .put("wait-backup-ack", false)
            .map("multi-threading", Defaults.builder()
                    .put("enable-multi-threading", true)
                    .put("http-dedicated-listener", true)
                    .put("http-listener-threads", 0)
                    .put("http-client-threads", 0)
                    .build())
            .eachIfPresent("peers", Defaults.builder().put("auto-failover", true).build())
            .mapIfPresent("state-machine", Defaults.builder()
                    .eachIfPresent("states", Defaults.builder().put("pause", "never").build()).build())
            .build();

    private static final Defaults PARAMETERS = Defaults.builder()
            .eachIfPresent("high-availability", RELATIONSHIP)
            .build();

    /** One {@code hooks-libraries} entry: the HA library's parameters filled in, others as given. */
    static final Defaults HOOK_LIBRARY = Defaults.builder()
            .compute((m, c) -> m.get("library") instanceof StringElement l && l.value().endsWith(LIBRARY)
                    && m.get("parameters") instanceof MapElement p ? m.with("parameters", PARAMETERS.apply(p)) : m)
            .build();
}
