package ruru.dhcp6.leasecmds;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import ruru.control.Answer;
import ruru.control.Command;
import ruru.control.CommandException;
import ruru.control.CommandHandler;
import ruru.control.ResultCode;
import ruru.daemon.config.PathKind;
import ruru.daemon.config.PathPolicy;
import ruru.dhcp6.config.Subnet6;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;
import ruru.lease.Lease6;
import ruru.lease.LeaseStoreException;
import ruru.wire.Ipv6Address;
import ruru.wire.v6.IaType;

/**
 * The DHCPv6 commands of Kea's lease_cmds hook library ({@code libdhcp_lease_cmds.so}), texts and
 * result codes as Kea 3's: lease6-add, -get, -get-all, -get-page, -get-by-duid, -get-by-hostname,
 * -update, -del, -wipe, -write, -bulk-apply, -resend-ddns.
 */
public final class Lease6Commands {

    @FunctionalInterface
    private interface StoreHandler {
        Answer handle(Command c) throws CommandException, LeaseStoreException;
    }

    private final Lease6CommandContext ctx;

    private Lease6Commands(Lease6CommandContext ctx) {
        this.ctx = ctx;
    }

    public static Map<String, CommandHandler> handlers(Lease6CommandContext ctx) {
        Lease6Commands h = new Lease6Commands(ctx);
        Map<String, CommandHandler> m = new LinkedHashMap<>();
        m.put("lease6-add", guarded(h::add));
        m.put("lease6-get", h::get);
        m.put("lease6-get-all", h::getAll);
        m.put("lease6-get-page", h::getPage);
        m.put("lease6-get-by-duid", h::getByDuid);
        m.put("lease6-get-by-hostname", h::getByHostname);
        m.put("lease6-del", guarded(h::delete));
        m.put("lease6-update", guarded(h::update));
        m.put("lease6-wipe", guarded(h::wipe));
        m.put("lease6-write", h::write);
        m.put("lease6-bulk-apply", guarded(h::bulkApply));
        m.put("lease6-resend-ddns", h::resendDdns);
        return java.util.Collections.unmodifiableMap(m);
    }

    private static CommandHandler guarded(StoreHandler h) {
        return c -> {
            try {
                return h.handle(c);
            } catch (LeaseStoreException e) {
                return Answer.error(e.getMessage());
            }
        };
    }

    private long now() {
        return ctx.clock().instant().getEpochSecond();
    }

    private static String describe(Lease6 l) {
        return l.type() == IaType.NA ? "Lease for address " + l.address() + ", subnet-id " + l.subnetId() + " added."
                : "Lease for prefix " + l.address() + "/" + l.prefixLength() + ", subnet-id " + l.subnetId() + " added.";
    }

    Answer add(Command c) throws CommandException, LeaseStoreException {
        MapElement args = Lease6Args.map(c.arguments(), "no parameters specified for the command");
        Lease6 lease = Lease6Parser.parse(args, ctx.config(), now()).lease();
        if (!ctx.leases().insert(lease)) {
            throw new CommandException(ResultCode.CONFLICT, "IPv6 lease already exists.");
        }
        ctx.leaseAdded(lease);
        return Answer.ok(describe(lease));
    }

    Answer update(Command c) throws CommandException, LeaseStoreException {
        MapElement args = Lease6Args.map(c.arguments(), "no parameters specified for lease6-update command");
        Lease6Parser.Parsed parsed = Lease6Parser.parse(args, ctx.config(), now());
        Lease6 lease = parsed.lease();
        Optional<Lease6> existing = ctx.leases().get(lease.address());
        if (existing.isEmpty() && parsed.forceCreate()) {
            if (!ctx.leases().insert(lease)) {
                throw new CommandException(ResultCode.CONFLICT, "IPv6 lease already exists.");
            }
            ctx.leaseAdded(lease);
            return Answer.ok("IPv6 lease added.");
        }
        if (existing.isEmpty() || !ctx.leases().replace(existing.get(), lease)) {
            throw new CommandException(ResultCode.CONFLICT, "failed to update the lease with address "
                    + lease.address() + " either because the lease has been deleted or it has changed in the"
                    + " database, in both cases a retry might succeed");
        }
        ctx.leaseUpdated(existing.get(), lease);
        return Answer.ok("IPv6 lease updated.");
    }

    /**
     * The lease named by lease6-get / lease6-del: {ip-address [, type]} or {identifier-type duid,
     * identifier, iaid, subnet-id [, type]}.
     */
    private Optional<Lease6> find(Element arguments) throws CommandException {
        MapElement args = Lease6Args.map(arguments, "Parameters missing or are not a map.");
        IaType type = Lease6Args.type(args);
        Element ip = args.get("ip-address");
        if (ip != null) {
            if (!(ip instanceof StringElement s)) {
                throw new CommandException("'ip-address' is not a string.");
            }
            Ipv6Address a = Lease6Args.address(s.value());
            return ctx.leases().get(a).filter(l -> l.type() == type);
        }
        if (!(args.get("subnet-id") instanceof IntElement sid)) {
            throw new CommandException(args.has("subnet-id") ? "'subnet-id' parameter is not integer."
                    : "Mandatory 'subnet-id' parameter missing.");
        }
        if (!(args.get("identifier-type") instanceof StringElement t)) {
            throw new CommandException("No 'ip-address' provided and 'identifier-type' is either missing or not a string.");
        }
        if (!(args.get("identifier") instanceof StringElement id)) {
            throw new CommandException("No 'ip-address' provided and 'identifier' is either missing or not a string.");
        }
        if (!t.value().equals("duid")) {
            throw new CommandException(t.value().equals("hw-address") || t.value().equals("address")
                    ? "Query by " + t.value() + " is not allowed in v6."
                    : "Incorrect identifier type: " + t.value() + ", the only supported values are: address, hw-address,"
                    + " duid");
        }
        if (!(args.get("iaid") instanceof IntElement iaid)) {
            throw new CommandException("Parameter 'iaid' is mandatory for identifier-type 'duid'.");
        }
        byte[] duid = Lease6Args.duid(id.value());
        return ctx.leases().byDuid(duid).stream()
                .filter(l -> l.type() == type && l.iaid() == iaid.value() && l.subnetId() == sid.value()).findFirst();
    }

    Answer get(Command c) throws CommandException {
        return find(c.arguments()).map(l -> Answer.ok("IPv6 lease found.", Lease6Json.toElement(l)))
                .orElseGet(() -> Answer.empty("Lease not found."));
    }

    Answer delete(Command c) throws CommandException, LeaseStoreException {
        if (c.arguments() instanceof MapElement a && a.has("update-ddns")
                && !(a.get("update-ddns") instanceof ruru.json.BoolElement)) {
            throw new CommandException("'update-ddns' is not a boolean");
        }
        Optional<Lease6> lease = find(c.arguments());
        if (lease.isEmpty() || !ctx.leases().delete(lease.get())) {
            return Answer.empty("IPv6 lease not found.");
        }
        ctx.leaseRemoved(lease.get());
        if (c.arguments() instanceof MapElement a && a.get("update-ddns") instanceof ruru.json.BoolElement b
                && b.value()) {
            ctx.ddnsRemove(lease.get());
        }
        return Answer.ok("IPv6 lease deleted.");
    }

    /** Kea's lease6-resend-ddns: an ADD NCR for the name of an address lease, queued for D2. */
    Answer resendDdns(Command c) throws CommandException {
        if (!(c.arguments() instanceof MapElement args)) {
            throw new CommandException("Parameters missing or are not a map.");
        }
        if (!(args.get("ip-address") instanceof StringElement ip)) {
            throw new CommandException(args.has("ip-address") ? "'ip-address' is not a string."
                    : "'ip-address' parameter is missing.");
        }
        Ipv6Address a = Lease6Args.address(ip.value());
        if (!ctx.ddnsEnabled()) {
            return Answer.error("DDNS updating is not enabled");
        }
        Optional<Lease6> lease = ctx.leases().get(a).filter(l -> l.type() == IaType.NA);
        String addr = a.toString();
        if (lease.isEmpty()) {
            return Answer.empty("No lease found for: " + addr);
        }
        if (lease.get().hostname().isEmpty()) {
            return Answer.conflict("Lease for: " + addr + ", has no hostname, nothing to update");
        }
        if (!lease.get().fqdnFwd() && !lease.get().fqdnRev()) {
            return Answer.conflict("Neither forward nor reverse updates enabled for lease for: " + addr);
        }
        ctx.ddnsResend(lease.get());
        return Answer.ok("NCR generated for: " + addr + ", hostname: " + lease.get().hostname());
    }

    Answer getAll(Command c) throws CommandException {
        Element arguments = c.arguments();
        if (arguments == null) {
            return leases(ctx.leases().all(), false);
        }
        if (!(arguments instanceof MapElement args)) {
            throw new CommandException("Parameters missing or are not a map.");
        }
        if (!(args.get("subnets") instanceof ListElement list)) {
            throw new CommandException(args.has("subnets") ? "'subnets' parameter must be a list"
                    : "'subnets' parameter not specified");
        }
        List<Lease6> found = new ArrayList<>();
        for (Element id : list.items()) {
            if (!(id instanceof IntElement i)) {
                throw new CommandException("listed subnet identifiers must be numbers");
            }
            found.addAll(ctx.leases().bySubnet(i.value()).stream().sorted(Comparator.comparing(Lease6::address)).toList());
        }
        return leases(found, false);
    }

    Answer getPage(Command c) throws CommandException {
        MapElement args = Lease6Args.map(c.arguments(), "no parameters specified for the " + c.name() + " command");
        if (!(args.get("from") instanceof StringElement from)) {
            throw new CommandException(args.has("from") ? "'from' parameter must be a string"
                    : "'from' parameter not specified");
        }
        Ipv6Address after = null;
        if (!from.value().equals("start")) {
            try {
                after = Ipv6Address.parse(from.value());
            } catch (ruru.wire.WireFormatException e) {
                throw new CommandException("'from' parameter value is neither 'start' keyword nor a valid IPv6 address");
            }
        }
        if (!(args.get("limit") instanceof IntElement limit)) {
            throw new CommandException(args.has("limit") ? "'limit' parameter must be a number"
                    : "'limit' parameter not specified");
        }
        if (limit.value() == 0) {
            throw new CommandException("page size of retrieved leases must not be 0");
        }
        if (limit.value() < 0 || limit.value() > Lease6Args.UINT32_MAX) {
            throw new CommandException("page size of retrieved leases must not be greater than 4294967295");
        }
        return leases(ctx.leases().page(after, (int) Math.min(limit.value(), Integer.MAX_VALUE)), true);
    }

    Answer getByDuid(Command c) throws CommandException {
        return leases(ctx.leases().byDuid(Lease6Args.duid(mandatoryString(c, "duid"))), false);
    }

    Answer getByHostname(Command c) throws CommandException {
        String name = mandatoryString(c, "hostname");
        if (name.isEmpty()) {
            throw new CommandException("'hostname' parameter is empty");
        }
        return leases(ctx.leases().byHostname(name.toLowerCase(Locale.ROOT)), false);
    }

    private static String mandatoryString(Command c, String name) throws CommandException {
        if (!(c.arguments() instanceof MapElement args)) {
            throw new CommandException("Command arguments missing or a not a map.");
        }
        if (!(args.get(name) instanceof StringElement s)) {
            throw new CommandException(args.has(name) ? "'" + name + "' parameter must be a string"
                    : "'" + name + "' parameter not specified");
        }
        return s.value();
    }

    /** "N IPv6 lease(s) found." with {leases} (and {count} for pages); 3 when there are none. */
    private static Answer leases(List<Lease6> leases, boolean withCount) {
        MapElement.Builder args = MapElement.builder();
        if (withCount) {
            args.put("count", leases.size());
        }
        args.put("leases", Lease6Json.toList(leases));
        return new Answer(leases.isEmpty() ? ResultCode.EMPTY : ResultCode.SUCCESS,
                leases.size() + " IPv6 lease(s) found.", args.build());
    }

    Answer wipe(Command c) throws CommandException, LeaseStoreException {
        long id = 0;
        if (c.arguments() != null) {
            MapElement args = Lease6Args.map(c.arguments(), "");
            if (args.has("subnet-id")) {
                id = Lease6Args.unsigned(args, "subnet-id");
            }
        }
        List<Long> ids = new ArrayList<>();
        if (id != 0) {
            ids.add(id);
        } else {
            ctx.config().subnets().stream().map(Subnet6::id).forEach(ids::add);
        }
        long deleted = 0;
        StringBuilder text = new StringBuilder();
        for (long subnet : ids) {
            text.append(' ').append(subnet);
            for (Lease6 l : ctx.leases().bySubnet(subnet)) {
                if (ctx.leases().delete(l)) {
                    ctx.leaseRemoved(l);
                    deleted++;
                }
            }
        }
        return new Answer(deleted > 0 ? ResultCode.SUCCESS : ResultCode.EMPTY,
                "Deleted " + deleted + " IPv6 lease(s) from subnet(s)" + text, null);
    }

    /** Kea 3: a lease dump only into the data directory, never replacing a file of another kind. */
    Answer write(Command c) throws CommandException {
        if (!ctx.leases().writesLeaseFiles()) {
            // Kea registers lease6-write with the memfile backend only
            return Answer.unsupported("lease6-write");
        }
        MapElement args = Lease6Args.map(c.arguments(), "no parameters specified for the command");
        if (!(args.get("filename") instanceof StringElement name)) {
            throw new CommandException(args.has("filename") ? "'filename' parameter must be a string"
                    : "'filename' parameter not specified");
        }
        if (name.value().isEmpty()) {
            throw new CommandException("'filename' parameter is empty");
        }
        Path target;
        try {
            target = ctx.paths().resolve(PathKind.DATA, name.value());
            ctx.paths().checkWritable(PathKind.DATA, target);
        } catch (PathPolicy.RefusedPath e) {
            throw new CommandException(e.detail());
        } catch (IOException e) {
            throw new CommandException("failed to write leases to '" + name.value() + "': "
                    + ruru.io.IoErrors.describe(e));
        }
        try {
            ctx.leases().writeTo(target);
        } catch (IOException e) {
            throw new CommandException("failed to write leases to '" + name.value() + "': "
                    + ruru.io.IoErrors.describe(e));
        }
        return Answer.ok("IPv6 lease database into '" + name.value() + "'.");
    }

    /**
     * Kea's lease6-bulk-apply: every entry is parsed first (one bad entry fails the whole command,
     * nothing applied), then the deletions, then the additions or updates; what fails to apply is
     * listed (with Kea's result and error text) in {@code failed-deleted-leases} and
     * {@code failed-leases}.
     */
    Answer bulkApply(Command c) throws CommandException, LeaseStoreException {
        MapElement args = Lease6Args.map(c.arguments(), "no parameters specified for the command");
        List<Element> failedDeleted = new ArrayList<>();
        List<Element> failed = new ArrayList<>();
        List<Element> deletedItems = args.get("deleted-leases") instanceof ListElement del ? del.items() : List.of();
        List<Element> leaseItems = args.get("leases") instanceof ListElement add ? add.items() : List.of();
        List<Optional<Lease6>> toDelete = new ArrayList<>();
        for (Element e : deletedItems) {
            toDelete.add(find(e));
        }
        List<Lease6> toApply = new ArrayList<>();
        for (Element e : leaseItems) {
            toApply.add(Lease6Parser.parse(Lease6Args.map(e, ""), ctx.config(), now()).lease());
        }
        int total = 0;
        for (int i = 0; i < deletedItems.size(); i++) {
            Optional<Lease6> lease = toDelete.get(i);
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
        return new Answer(ResultCode.SUCCESS, "Bulk apply of " + total + " IPv6 leases completed.",
                built.entries().isEmpty() ? null : built);
    }

    /** Kea's createFailedLeaseMap: the type, the address (else the DUID), the result, the text. */
    private static Element failure(MapElement query, ResultCode result, String text) throws CommandException {
        MapElement.Builder b = MapElement.builder().put("type", Lease6Args.type(query).keaName());
        if (query.get("ip-address") instanceof StringElement a) {
            b.put("ip-address", Lease6Args.address(a.value()).toString());
        } else if (query.get("identifier") instanceof StringElement id) {
            b.put("duid", id.value());
        }
        return b.put("result", result.value()).put("error-message", text).build();
    }

    private static Element failure(Lease6 lease, ResultCode result, String text) {
        return MapElement.builder().put("type", lease.type().keaName()).put("ip-address", lease.address().toString())
                .put("result", result.value()).put("error-message", text).build();
    }
}
