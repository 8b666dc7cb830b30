package ruru.hooks;

import java.util.Optional;

/**
 * A DNS server of a DDNS domain, as configured.
 *
 * @param address its IP address, as text
 * @param keyName the key configured for it (its own, else its domain's), if any
 */
public record DnsServerInfo(String address, int port, Optional<String> keyName) {
}
