package ruru.dhcp6.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ruru.dhcp.config.OptionValue;
import ruru.dhcp6.config.Subnet6;
import ruru.lease.Lease6;
import ruru.wire.Ipv6Prefix;
import ruru.wire.v6.Ia;
import ruru.wire.v6.Option6;
import ruru.wire.v6.StatusCode;

/**
 * What one IA of a query gets: the leases granted to it (each with the subnet and pool it came
 * from), other IAADDR/IAPREFIX options to send back (the client's addresses that are not for it,
 * with zero lifetimes) and a status code for the IA (none when everything went well, as Kea sends).
 */
record IaOutcome(Ia request, List<Granted> granted, List<Option6> echoed, Optional<StatusCode> status,
                 boolean zeroTimers) {

    /** One lease as the reply shows it. {@code reused}, when not 0, is the lifetime left of a cached lease. */
    record Granted(Lease6 lease, Subnet6 subnet, List<OptionValue> poolOptions, Optional<Ipv6Prefix> excluded,
                   boolean renewal, boolean reused) {

        Granted(Lease6 lease, Subnet6 subnet, List<OptionValue> poolOptions, Optional<Ipv6Prefix> excluded,
                boolean renewal) {
            this(lease, subnet, poolOptions, excluded, renewal, false);
        }
    }

    IaOutcome {
        granted = List.copyOf(granted);
        echoed = List.copyOf(echoed);
    }

    static IaOutcome of(Ia request, List<Granted> granted) {
        return new IaOutcome(request, granted, List.of(), Optional.empty(), false);
    }

    /** An IA answered with a status only, T1 and T2 zero (Kea's failure form). */
    static IaOutcome failed(Ia request, StatusCode status) {
        return new IaOutcome(request, List.of(), List.of(), Optional.of(status), true);
    }

    IaOutcome withEchoed(List<Option6> more) {
        List<Option6> all = new ArrayList<>(echoed);
        all.addAll(more);
        return new IaOutcome(request, granted, all, status, zeroTimers);
    }

    boolean failed() {
        return granted.isEmpty();
    }
}
