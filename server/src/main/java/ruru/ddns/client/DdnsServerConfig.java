package ruru.ddns.client;

import java.util.List;
import java.util.Map;

import ruru.ddns.names.DdnsParams;

/**
 * A DHCP server's DDNS configuration, either family: the {@code dhcp-ddns} block and the resolved
 * parameters of every subnet (and of the address pools that set their own).
 *
 * @param <A> the family's address type
 */
public record DdnsServerConfig<A extends Comparable<A>>(D2ClientConfig client, DdnsParams global,
        Map<Long, SubnetDdns<A>> subnets) implements DdnsClient.Config<A> {

    public DdnsServerConfig {
        subnets = Map.copyOf(subnets);
    }

    /** DDNS off: no {@code dhcp-ddns}, no parameters. */
    public static <A extends Comparable<A>> DdnsServerConfig<A> disabled() {
        return new DdnsServerConfig<>(D2ClientConfig.DISABLED, DdnsParams.DISABLED, Map.of());
    }

    /** A subnet's parameters and the pools with parameters of their own. */
    public record SubnetDdns<A>(DdnsParams params, List<PoolDdns<A>> pools) {
        public SubnetDdns {
            pools = List.copyOf(pools);
        }
    }

    /** An address pool (first and last address, inclusive) that sets DDNS keys. */
    public record PoolDdns<A>(A first, A last, DdnsParams params) {
    }

    /** The parameters for an address of a subnet (its pool's when the pool sets any). */
    @Override
    public DdnsParams params(long subnetId, A address) {
        SubnetDdns<A> s = subnets.get(subnetId);
        if (s == null) {
            return global;
        }
        if (address != null) {
            for (PoolDdns<A> p : s.pools()) {
                if (p.first().compareTo(address) <= 0 && address.compareTo(p.last()) <= 0) {
                    return p.params();
                }
            }
        }
        return s.params();
    }
}
