package ruru.ddns.d2.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

import ruru.ddns.ncr.AddressText;

/**
 * One {@code dns-servers} entry: where updates for a domain go, and with which key.
 *
 * @param key the server's own key, else the domain's; empty: updates go unsigned
 */
public record DnsServerSpec(InetAddress address, int port, Optional<TsigKeySpec> key) {

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** Kea's {@code DnsServerInfo::toText}: {@code 127.0.0.1 port:53}. */
    public String toText() {
        return AddressText.of(address) + " port:" + port;
    }
}
