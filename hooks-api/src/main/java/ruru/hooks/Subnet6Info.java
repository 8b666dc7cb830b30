package ruru.hooks;

import java.util.Optional;

import ruru.json.Element;

/**
 * A read-only view of a configured IPv6 subnet.
 *
 * @param id                Kea's subnet-id
 * @param prefix            the subnet as configured, e.g. {@code 2001:db8:1::/64}
 * @param sharedNetworkName the shared network it belongs to, if any
 * @param userContext       its user-context, if any
 */
public record Subnet6Info(long id, String prefix, Optional<String> sharedNetworkName, Optional<Element> userContext) {
}
