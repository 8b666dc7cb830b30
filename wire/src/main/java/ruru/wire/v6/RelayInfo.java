package ruru.wire.v6;

import java.util.Objects;

import ruru.wire.Ipv6Address;

/**
 * One relay level of a relayed message (RFC 8415 section 9): the Relay-Forw (or Relay-Repl)
 * header and that level's options without the Relay Message option itself.
 *
 * @param messageType {@code RELAY_FORW} in a query, {@code RELAY_REPL} in a reply
 */
public record RelayInfo(Dhcp6MessageType messageType, int hopCount, Ipv6Address linkAddress,
                        Ipv6Address peerAddress, Dhcp6Options options) {

    public RelayInfo {
        Objects.requireNonNull(messageType, "messageType");
        if (!messageType.isRelay()) {
            throw new IllegalArgumentException(messageType + " is not a relay message type");
        }
        if (hopCount < 0 || hopCount > 255) {
            throw new IllegalArgumentException("hop count " + hopCount);
        }
        Objects.requireNonNull(linkAddress, "linkAddress");
        Objects.requireNonNull(peerAddress, "peerAddress");
        Objects.requireNonNull(options, "options");
    }

    /** The same level as it goes back in a reply, carrying {@code echoed} options. */
    public RelayInfo reply(Dhcp6Options echoed) {
        return new RelayInfo(Dhcp6MessageType.RELAY_REPL, hopCount, linkAddress, peerAddress, echoed);
    }
}
