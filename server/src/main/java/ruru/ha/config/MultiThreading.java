package ruru.ha.config;

/**
 * The relationship's {@code multi-threading} map. {@link #enabled} is the effective value: HA
 * multi-threading needs the DHCP service's multi-threading (Kea's rule), and thread counts of 0
 * mean as many as the DHCP service has.
 */
public record MultiThreading(boolean enabled, boolean dedicatedListener, int listenerThreads, int clientThreads) {
}
