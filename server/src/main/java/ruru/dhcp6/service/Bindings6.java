package ruru.dhcp6.service;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.classify.ClassSet;
import ruru.dhcp.leasecmds.BindingVariables;
import ruru.lease.Lease6;
import ruru.wire.v6.Dhcp6Packet;

/**
 * Kea 3's lease_cmds {@code leases6_committed} callout for its {@code binding-variables} (Kea 2.2
 * has none): for a reply, every committed lease still valid (valid lifetime above 0) gets the
 * values of the variables, evaluated against the query and the reply, in its user-context
 * ({@code ISC} → {@code binding-variables}); a lease is written only when they changed. A lease that
 * cannot be evaluated or written is logged and left; the others are still done (Kea 3's loop).
 */
final class Bindings6 {

    private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp6.lease-cmds-hooks");

    private Bindings6() {
    }

    static Answer6 committed(Exchange6 ex, Answer6 answer) {
        BindingVariables vars = ex.snap().hooks().bindingVariables();
        if (vars.isEmpty() || answer.reply() == null || answer.committed().isEmpty() || ex.classes().view() == null) {
            return answer;
        }
        Query6View reply = new Query6View(answer.reply(), ex.received(), new ClassSet(),
                ex.snap().config().optionDefinitions());
        List<Lease6> out = new ArrayList<>(answer.committed().size());
        boolean changed = false;
        int failed = 0;
        for (Lease6 lease : answer.committed()) {
            Lease6 now = lease;
            if (lease.validLifetime() > 0) {
                try {
                    String context = vars.apply(lease.userContext(), ex.classes().view(), reply);
                    if (context != lease.userContext()) {
                        Lease6 updated = lease.withUserContext(context);
                        if (ex.snap().leases().replace(lease, updated)) {
                            now = updated;
                        } else {
                            failed++;
                            LOG.warn("LEASE_CMDS_LEASES6_COMMITTED_CONFLICT could not updating lease: {} for: {}",
                                    lease.address(), ex.label());
                        }
                    }
                } catch (RuntimeException | ruru.lease.LeaseStoreException e) {
                    failed++;
                    LOG.error("LEASE_CMDS_LEASES6_COMMITTED_LEASE_ERROR evaluating binding-variables for lease: {} "
                            + "for: {}, reason: {}", lease.address(), ex.label(), e.getMessage());
                }
            }
            changed |= now != lease;
            out.add(now);
        }
        if (failed > 0) {
            LOG.error("LEASE_CMDS_LEASES6_COMMITTED_FAILED reason: {} out of {} leases failed to update for {}",
                    failed, answer.committed().size(), ex.label());
        }
        return changed ? new Answer6(answer.reply(), answer.subnet(), out, answer.deleted(), answer.committing())
                : answer;
    }
}
