package ruru.dhcp4.service;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.classify.ClassSet;
import ruru.dhcp.leasecmds.BindingVariables;
import ruru.lease.Lease4;
import ruru.wire.v4.Dhcp4Packet;

/**
 * Kea 3's lease_cmds {@code lease4_offer} and {@code leases4_committed} callouts for its
 * {@code binding-variables} (Kea 2.2 has neither): the variables are evaluated against the query and
 * the response and their values stored in the lease's user-context ({@code ISC} →
 * {@code binding-variables}), written to the lease store only when they changed. An OFFER counts only
 * when {@code offer-lifetime} stored the lease; a REQUEST only when it is answered with a DHCPACK.
 * Done by the server where Kea's callouts run, before any library's own callouts on those hooks.
 */
final class Bindings4 {

    private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.lease-cmds-hooks");

    private Bindings4() {
    }

    /** lease4_offer: the held lease, with its values when they changed (then stored). */
    static Lease4 offered(Exchange ex, Dhcp4Packet offer, Lease4 held) {
        BindingVariables vars = ex.snap().hooks().bindingVariables();
        if (vars.isEmpty() || held == null) {
            return held;
        }
        return bind(ex, vars, responseView(ex, offer), held, "LEASE_CMDS_LEASE4_OFFER_FAILED");
    }

    /** leases4_committed: the leases of a DHCPACK with their values (stored when they changed). */
    static List<Lease4> committed(Exchange ex, Dhcp4Packet reply, List<Lease4> leases) {
        BindingVariables vars = ex.snap().hooks().bindingVariables();
        if (vars.isEmpty() || leases.isEmpty() || reply == null
                || reply.messageType().orElse(null) != ruru.wire.v4.MessageType.ACK) {
            return leases;
        }
        List<Lease4> out = new ArrayList<>(leases.size());
        Query4View responseView = responseView(ex, reply);
        for (Lease4 l : leases) {
            out.add(bind(ex, vars, responseView, l, "LEASE_CMDS_LEASES4_COMMITTED_FAILED"));
        }
        return out;
    }

    /** The response as expressions see it (no classes: Kea evaluates the response's after the callouts). */
    private static Query4View responseView(Exchange ex, Dhcp4Packet response) {
        return new Query4View(response, ex.received(), new ClassSet(), ex.snap().config().optionDefinitions(),
                ex.snap().config().clientClasses(), false);
    }

    private static Lease4 bind(Exchange ex, BindingVariables vars, Query4View responseView, Lease4 lease,
                               String failed) {
        try {
            String context = vars.apply(lease.userContext(), ex.classes().view(), responseView);
            if (context == lease.userContext()) {
                return lease;
            }
            Lease4 updated = lease.withUserContext(context);
            if (!ex.snap().leases().replace(lease, updated)) {
                LOG.error("{} processing error occurred evaluating binding variables: the lease {} was changed "
                        + "meanwhile", failed, lease.address());
                return lease;
            }
            return updated;
        } catch (RuntimeException | ruru.lease.LeaseStoreException e) {
            LOG.error("{} processing error occurred evaluating binding variables: expression blew up: {}", failed,
                    e.getMessage());
            return lease;
        }
    }
}
