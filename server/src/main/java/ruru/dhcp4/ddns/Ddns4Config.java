package ruru.dhcp4.ddns;

import java.util.List;
import java.util.Map;

import ruru.ddns.client.D2ClientConfig;
import ruru.ddns.client.DdnsClient;
import ruru.ddns.names.DdnsParams;
import ruru.wire.Ipv4Address;

/**
 * The DHCPv4 server's DDNS configuration: the {@code dhcp-ddns} block and the resolved parameters
 * of every subnet (and of pools that set their own).
 */
public record Ddns4Config(D2ClientConfig client, DdnsParams global, Map<Long, SubnetDdns> subnets)
        implements DdnsClient.Config<Ipv4Address> {

    public static final Ddns4Config DISABLED = new Ddns4Config(D2ClientConfig.DISABLED, DdnsParams.DISABLED, Map.of());

    public Ddns4Config {
        subnets = Map.copyOf(subnets);
    }

    /** A subnet's parameters and the pools with parameters of their own. */
    public record SubnetDdns(DdnsParams params, List<PoolDdns> pools) {
        public SubnetDdns {
            pools = List.copyOf(pools);
        }
    }

    /** A pool (first and last address, inclusive) that sets DDNS keys. */
    public record PoolDdns(long first, long last, DdnsParams params) {
    }

    /** The parameters for an address of a subnet (its pool's when the pool sets any). */
    @Override
    public DdnsParams params(long subnetId, Ipv4Address address) {
        SubnetDdns s = subnets.get(subnetId);
        if (s == null) {
            return global;
        }
        if (address != null) {
            long a = address.toLong();
            for (PoolDdns p : s.pools()) {
                if (a >= p.first() && a <= p.last()) {
                    return p.params();
                }
            }
        }
        return s.params();
    }
}
