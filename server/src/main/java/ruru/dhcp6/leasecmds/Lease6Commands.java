package ruru.dhcp6.leasecmds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ruru.control.Answer;
import ruru.control.Command;
import ruru.control.CommandException;
import ruru.control.CommandHandler;
import ruru.control.ResultCode;
import ruru.dhcp.leasecmds.Args;
import ruru.dhcp.leasecmds.LeaseCommandSet;
import ruru.dhcp6.config.Dhcp6ServiceConfig;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;
import ruru.lease.Lease6;
import ruru.lease.Lease6Store;
import ruru.lease.LeaseStoreException;
import ruru.wire.Ipv6Address;

/**
 * The DHCPv6 commands of Kea's lease_cmds hook library ({@code libdhcp_lease_cmds.so}): the shared
 * {@link LeaseCommandSet} with lease6-get-by-duid and lease6-bulk-apply.
 */
public final class Lease6Commands {

    private final Lease6CommandContext ctx;
    private final LeaseCommandSet<Ipv6Address, Lease6, Lease6Store, Dhcp6ServiceConfig> set;

    private Lease6Commands(Lease6CommandContext ctx) {
        this.ctx = ctx;
        this.set = commands(ctx);
    }

    static LeaseCommandSet<Ipv6Address, Lease6, Lease6Store, Dhcp6ServiceConfig> commands(Lease6CommandContext ctx) {
        return new LeaseCommandSet<>(Lease6Family.INSTANCE, ctx);
    }

    /** Command name to handler, in Kea's registration order. */
    public static Map<String, CommandHandler> handlers(Lease6CommandContext ctx) {
        Lease6Commands h = new Lease6Commands(ctx);
        return h.set.handlers(Map.of("lease6-get-by-duid", h::getByDuid),
                Map.of("lease6-bulk-apply", LeaseCommandSet.guarded(h::bulkApply)));
    }

    Answer getByDuid(Command c) throws CommandException {
        return set.leases(ctx.leases().byDuid(Lease6Args.duid(LeaseCommandSet.mandatoryString(c, "duid"))), false);
    }

    /**
     * Kea's lease6-bulk-apply: every entry is parsed first (one bad entry fails the whole command,
     * nothing applied), then the deletions, then the additions or updates; what fails to apply is
     * listed (with Kea's result and error text) in {@code failed-deleted-leases} and
     * {@code failed-leases}.
     */
    Answer bulkApply(Command c) throws CommandException, LeaseStoreException {
        if (!(c.arguments() instanceof MapElement args)) {
            throw new CommandException("Command arguments missing or a not a map.");
        }
        if (!args.has("deleted-leases") && !args.has("leases")) {
            throw new CommandException("neither 'deleted-leases' nor 'leases' parameter specified");
        }
        List<Element> failedDeleted = new ArrayList<>();
        List<Element> failed = new ArrayList<>();
        List<Element> deletedItems = args.get("deleted-leases") instanceof ListElement del ? del.items() : List.of();
        List<Element> leaseItems = args.get("leases") instanceof ListElement add ? add.items() : List.of();
        List<Optional<Lease6>> toDelete = new ArrayList<>();
        for (Element e : deletedItems) {
            toDelete.add(set.lookup(e, false));
        }
        List<Lease6> toApply = new ArrayList<>();
        for (Element e : leaseItems) {
            toApply.add(Lease6Parser.parse(Args.map(e, ""), ctx.config(), now()).lease());
        }
        int total = 0;
        for (int i = 0; i < deletedItems.size(); i++) {
            // Kea's lease6BulkApplyHandler: an address that has no lease is "lease not found", a DUID
            // lookup that finds nothing is passed over without a word (kea-dhcp6 2.2 observed)
            Optional<Lease6> lease = toDelete.get(i);
            if (lease.isEmpty() && !((MapElement) deletedItems.get(i)).has("ip-address")) {
                continue;
            }
            if (lease.isEmpty() || !ctx.leases().delete(lease.get())) {
                failedDeleted.add(failure((MapElement) deletedItems.get(i), ResultCode.EMPTY, "lease not found"));
            } else {
                ctx.leaseRemoved(lease.get());
                total++;
            }
        }
        for (int i = 0; i < leaseItems.size(); i++) {
            Lease6 lease = toApply.get(i);
            Optional<Lease6> existing = ctx.leases().get(lease.address());
            if (existing.isPresent()) {
                if (ctx.leases().replace(existing.get(), lease)) {
                    ctx.leaseUpdated(existing.get(), lease);
                    total++;
                } else {
                    failed.add(failure(lease, ResultCode.CONFLICT, "lease changed while being updated"));
                }
            } else if (ctx.leases().insert(lease)) {
                ctx.leaseAdded(lease);
                total++;
            } else {
                failed.add(failure(lease, ResultCode.CONFLICT, "IPv6 lease already exists."));
            }
        }
        MapElement.Builder out = MapElement.builder();
        if (!failedDeleted.isEmpty()) {
            out.put("failed-deleted-leases", Element.list(failedDeleted));
        }
        if (!failed.isEmpty()) {
            out.put("failed-leases", Element.list(failed));
        }
        MapElement built = out.build();
        // 3 (empty) when nothing was applied, as Kea
        return new Answer(total > 0 ? ResultCode.SUCCESS : ResultCode.EMPTY, "Bulk apply of " + total
                + " IPv6 leases completed.", built.entries().isEmpty() ? null : built);
    }

    /** Kea's createFailedLeaseMap: the type, the address (else the DUID), the result, the text. */
    private Element failure(MapElement query, ResultCode result, String text) throws CommandException {
        MapElement.Builder b = MapElement.builder().put("type", Lease6Args.type(query).keaName());
        if (query.get("ip-address") instanceof StringElement a) {
            b.put("ip-address", set.address(a.value(), "Invalid IPv6 address specified: ").toString());
        } else if (query.get("identifier") instanceof StringElement id) {
            b.put("duid", id.value());
        }
        return b.put("result", result.value()).put("error-message", text).build();
    }

    private static Element failure(Lease6 lease, ResultCode result, String text) {
        return MapElement.builder().put("type", lease.type().keaName()).put("ip-address", lease.address().toString())
                .put("result", result.value()).put("error-message", text).build();
    }

    private long now() {
        return ctx.clock().instant().getEpochSecond();
    }
}
