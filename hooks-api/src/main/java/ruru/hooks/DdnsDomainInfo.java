package ruru.hooks;

import java.util.List;

/** A forward or reverse DDNS domain of D2's configuration, with its servers in the order they are tried. */
public record DdnsDomainInfo(String name, List<DnsServerInfo> servers) {

    public DdnsDomainInfo {
        servers = List.copyOf(servers);
    }
}
