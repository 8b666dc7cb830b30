package ruru.dhcp6.ddns;

import java.util.List;
import java.util.Map;

import ruru.ddns.client.D2ClientConfig;
import ruru.ddns.client.DdnsClient;
import ruru.ddns.names.DdnsParams;
import ruru.wire.Ipv6Address;

/**
 * The DHCPv6 server's DDNS configuration: the {@code dhcp-ddns} block and the resolved parameters
 * of every subnet (and of address pools that set their own).
 */
public record Ddns6Config(D2ClientConfig client, DdnsParams global, Map<Long, SubnetDdns> subnets)
        implements DdnsClient.Config<Ipv6Address> {

    public static final Ddns6Config DISABLED = new Ddns6Config(D2ClientConfig.DISABLED, DdnsParams.DISABLED, Map.of());

    public Ddns6Config {
        subnets = Map.copyOf(subnets);
    }

    /** A subnet's parameters and the pools with parameters of their own. */
    public record SubnetDdns(DdnsParams params, List<PoolDdns> pools) {
        public SubnetDdns {
            pools = List.copyOf(pools);
        }
    }

    /** An address pool (first and last address, inclusive) that sets DDNS keys. */
    public record PoolDdns(Ipv6Address first, Ipv6Address last, DdnsParams params) {
    }

    @Override
    public DdnsParams params(long subnetId, Ipv6Address address) {
        SubnetDdns s = subnets.get(subnetId);
        if (s == null) {
            return global;
        }
        if (address != null) {
            for (PoolDdns p : s.pools()) {
                if (p.first().compareTo(address) <= 0 && address.compareTo(p.last()) <= 0) {
                    return p.params();
                }
            }
        }
        return s.params();
    }
}
