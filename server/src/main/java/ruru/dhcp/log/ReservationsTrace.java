package ruru.dhcp.log;

import java.util.List;
import java.util.function.Function;

/**
 * A family's {@link ConfigTrace.HostsTrace}: the reservations of each subnet as its line is
 * written, the global ones last, each handed to {@link #add} (Kea's CfgHosts::add4 / add6 lines).
 *
 * @param <R> the family's reservation
 */
public abstract class ReservationsTrace<R> implements ConfigTrace.HostsTrace {

    private final Function<String, List<R>> bySubnet;
    private final List<R> global;

    /**
     * @param bySubnet a subnet's reservations by its prefix as the configuration writes it (empty when none)
     * @param global the global reservations
     */
    protected ReservationsTrace(Function<String, List<R>> bySubnet, List<R> global) {
        this.bySubnet = bySubnet;
        this.global = global;
    }

    @Override
    public final void subnet(String prefix) {
        bySubnet.apply(prefix).forEach(this::add);
    }

    @Override
    public final void global() {
        global.forEach(this::add);
    }

    /** One reservation added: its lines, then it joins those the next ones are checked against. */
    protected abstract void add(R host);
}
