package ruru.dhcp.leasecmds;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import ruru.control.Answer;
import ruru.control.Command;
import ruru.control.CommandException;
import ruru.control.CommandHandler;
import ruru.control.CommandRegistry;
import ruru.control.ResultCode;
import ruru.daemon.config.PathKind;
import ruru.daemon.config.PathPolicy;
import ruru.ha.HaFamily.SyncOutcome;
import ruru.json.BoolElement;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;
import ruru.lease.Lease;
import ruru.lease.LeaseStore;
import ruru.lease.LeaseStoreException;

/**
 * Kea's lease_cmds hook library ({@code libdhcp_lease_cmds.so}) for either family, texts and
 * result codes as Kea 3's: leaseN-add, -get, -get-all, -get-page, -get-by-hostname, -update, -del,
 * -wipe, -write, -resend-ddns, and the HA partner's store-if-newer. The family binding adds its
 * identity lookups (lease4-get-by-hw-address, lease6-get-by-duid ...) and lease6-bulk-apply.
 */
public final class LeaseCommandSet<A extends Comparable<A>, L extends Lease<A>, S extends LeaseStore<A, L>, C> {

    /** A handler whose store may fail to persist a change. */
    @FunctionalInterface
    public interface StoreHandler {
        Answer handle(Command c) throws CommandException, LeaseStoreException;
    }

    /** Kea's text when the store changed between the read and the write (a retry may succeed). */
    private static final String RACE = "lost race between calls to get and add";
    /** Attempts at a lease update whose lease another update changed meanwhile. */
    private static final int RETRIES = 3;

    private final LeaseFamily<A, L, S, C> family;
    private final LeaseContext<A, L, S, C> ctx;
    /** "IPv4" or "IPv6". */
    private final String ip;

    public LeaseCommandSet(LeaseFamily<A, L, S, C> family, LeaseContext<A, L, S, C> ctx) {
        this.family = family;
        this.ctx = ctx;
        this.ip = "IPv" + family.version();
    }

    /**
     * Command name to handler, in Kea 3's registration order: {@code more} (lease6-bulk-apply) after
     * leaseN-add, {@code lookups} (the family's get-by-identity commands) after leaseN-get-page,
     * leaseN-write last (Kea 3's, after resend-ddns). The
     * reads and the updates an HA partner sends may run together (never with other commands).
     */
    public Map<String, CommandHandler> handlers(Map<String, CommandHandler> lookups, Map<String, CommandHandler> more) {
        String n = "lease" + family.version() + "-";
        Map<String, CommandHandler> m = new LinkedHashMap<>();
        m.put(n + "add", guarded(this::add));
        m.putAll(more);
        m.put(n + "get", CommandRegistry.concurrent(this::get));
        m.put(n + "get-all", this::getAll);
        m.put(n + "get-page", CommandRegistry.concurrent(this::getPage));
        m.putAll(lookups);
        m.put(n + "get-by-hostname", this::getByHostname);
        m.put(n + "del", CommandRegistry.concurrent(guarded(this::delete)));
        m.put(n + "update", CommandRegistry.concurrent(guarded(this::update)));
        m.put(n + "wipe", guarded(this::wipe));
        m.put(n + "resend-ddns", this::resendDdns);
        m.put(n + "write", this::write);
        return Collections.unmodifiableMap(m);
    }

    /** A store that cannot persist a change is a general error (1), with the store's reason. */
    public static CommandHandler guarded(StoreHandler h) {
        return c -> {
            try {
                return h.handle(c);
            } catch (LeaseStoreException e) {
                return Answer.error(e.getMessage());
            }
        };
    }

    Answer add(Command c) throws CommandException, LeaseStoreException {
        MapElement args = Args.map(c.arguments(), "no parameters specified for the command");
        L lease = family.parse(args, ctx.config(), now()).lease();
        if (!ctx.leases().insert(lease)) {
            // Kea >= 2.4 answers 4 (conflict) here; Kea 2.2 answered 1
            throw new CommandException(ResultCode.CONFLICT, ip + " lease already exists.");
        }
        ctx.leaseAdded(lease);
        return Answer.ok(family.added(lease));
    }

    Answer update(Command c) throws CommandException, LeaseStoreException {
        MapElement args = Args.map(c.arguments(), "no parameters specified for lease" + family.version()
                + "-update command");
        LeaseFamily.LeaseParse<L> parsed = family.parse(args, ctx.config(), now());
        L lease = parsed.lease();
        // updates may run concurrently (an HA partner's): a lease changed between the read and the
        // write is read again, a few times, before the change is called a conflict
        for (int attempt = 1; ; attempt++) {
            Optional<L> existing = ctx.leases().get(lease.address());
            if (existing.isEmpty() && parsed.forceCreate()) {
                if (ctx.leases().insert(lease)) {
                    ctx.leaseAdded(lease);
                    return Answer.ok(ip + " lease added.");
                }
                if (attempt < RETRIES) {
                    continue;
                }
                throw new CommandException(ResultCode.CONFLICT, RACE);
            }
            if (existing.isPresent() && ctx.leases().replace(existing.get(), lease)) {
                ctx.leaseUpdated(existing.get(), lease);
                return Answer.ok(ip + " lease updated.");
            }
            if (existing.isPresent() && attempt < RETRIES) {
                continue;
            }
            // Kea 3 reports the memfile's NoSuchLease as a conflict (4); 2.2 answered 1 with this text
            throw new CommandException(ResultCode.CONFLICT, "failed to update the lease with address "
                    + lease.address() + " either because the lease has been deleted or it has changed in the"
                    + " database, in both cases a retry might succeed");
        }
    }

    /**
     * The lease named by leaseN-get / leaseN-del arguments, in the order of Kea's getParameters:
     * {ip-address}, or {identifier-type, identifier, subnet-id}; an ip-address wins over the rest.
     */
    public Optional<L> lookup(Element arguments, boolean delete) throws CommandException {
        if (!(arguments instanceof MapElement args)) {
            throw new CommandException("Parameters missing or are not a map.");
        }
        Element ddns = args.get("update-ddns");
        if (ddns != null && ddns.asBoolean().isEmpty()) {
            throw new CommandException("'update-ddns' is not a boolean");
        }
        Predicate<L> filter = family.lookupFilter(args);
        Element ip = args.get("ip-address");
        if (ip != null) {
            if (!(ip instanceof StringElement s)) {
                throw new CommandException("'ip-address' is not a string.");
            }
            return ctx.leases().get(address(s.value(), "Invalid " + this.ip + " address specified: ")).filter(filter);
        }
        Element subnet = args.get("subnet-id");
        if (subnet == null) {
            throw new CommandException("Mandatory 'subnet-id' parameter missing.");
        }
        if (!(subnet instanceof IntElement sid)) {
            throw new CommandException("'subnet-id' parameter is not integer.");
        }
        if (!(args.get("identifier-type") instanceof StringElement t)) {
            throw new CommandException("No 'ip-address' provided and 'identifier-type' is either missing or not a string.");
        }
        if (!(args.get("identifier") instanceof StringElement id)) {
            throw new CommandException("No 'ip-address' provided and 'identifier' is either missing or not a string.");
        }
        return family.byIdentifier(ctx.leases(), args, t.value(), id.value(), sid.value(), delete).filter(filter);
    }

    /**
     * The address of this family in {@code text}: {@code wrongFamily} + the text for an address
     * of the other family, IOAddress's text for no address at all.
     */
    public A address(String text, String wrongFamily) throws CommandException {
        Args.ParsedAddress p = Args.ParsedAddress.parse(text);
        A a = p == null ? null : family.of(p);
        if (a != null) {
            return a;
        }
        if (!foreign(p)) {
            throw Args.notAnAddress(text);
        }
        throw new CommandException(wrongFamily + text);
    }

    /** An address of the other family (for DHCPv6, an IPv6 literal it cannot hold is no address). */
    private boolean foreign(Args.ParsedAddress p) {
        return p != null && (family.version() == 4 ? p.v4() == null : p.v4() != null);
    }

    Answer get(Command c) throws CommandException {
        return lookup(c.arguments(), false).map(l -> Answer.ok(ip + " lease found.", family.toElement(l)))
                .orElseGet(() -> Answer.empty("Lease not found."));
    }

    Answer delete(Command c) throws CommandException, LeaseStoreException {
        Optional<L> lease = lookup(c.arguments(), true);
        if (lease.isEmpty() || !ctx.leases().delete(lease.get())) {
            return Answer.empty(ip + " lease not found.");
        }
        ctx.leaseRemoved(lease.get());
        if (c.arguments() instanceof MapElement a && a.get("update-ddns") instanceof BoolElement b && b.value()) {
            ctx.ddnsRemove(lease.get());
        }
        return Answer.ok(ip + " lease deleted.");
    }

    Answer getAll(Command c) throws CommandException {
        Element arguments = c.arguments();
        if (arguments == null) {
            return leases(ctx.leases().all(), false);
        }
        MapElement args = Args.map(arguments, "");
        Element subnets = args.get("subnets");
        if (subnets == null) {
            throw new CommandException("'subnets' parameter not specified");
        }
        if (!(subnets instanceof ListElement list)) {
            throw new CommandException("'subnets' parameter must be a list");
        }
        List<L> found = new ArrayList<>();
        for (Element id : list.items()) {
            if (!(id instanceof IntElement i)) {
                throw new CommandException("listed subnet identifiers must be numbers");
            }
            // Kea's by-subnet index is ordered by address within the subnet
            found.addAll(ctx.leases().bySubnet(i.value()).stream().sorted(Comparator.comparing(Lease::address))
                    .toList());
        }
        return leases(found, false);
    }

    Answer getPage(Command c) throws CommandException {
        MapElement args = Args.map(c.arguments(), "no parameters specified for the " + c.name() + " command");
        Element from = args.get("from");
        if (from == null) {
            throw new CommandException("'from' parameter not specified");
        }
        if (!(from instanceof StringElement fromText)) {
            throw new CommandException("'from' parameter must be a string");
        }
        A after;
        if (fromText.value().equals("start")) {
            after = family.pageStart();
        } else {
            Args.ParsedAddress p = Args.ParsedAddress.parse(fromText.value());
            after = p == null ? null : family.of(p);
            if (after == null && foreign(p)) {
                throw new CommandException("'from' parameter value " + fromText.value() + " is not an " + ip
                        + " address");
            }
            if (after == null) {
                throw new CommandException("'from' parameter value is neither 'start' keyword nor a valid " + ip
                        + " address");
            }
        }
        Element limit = args.get("limit");
        if (limit == null) {
            throw new CommandException("'limit' parameter not specified");
        }
        if (!(limit instanceof IntElement l)) {
            throw new CommandException("'limit' parameter must be a number");
        }
        // Kea casts to size_t, so a negative limit is a huge one
        long size = l.value();
        if (size == 0) {
            throw new CommandException("page size of retrieved leases must not be 0");
        }
        if (size < 0 || size > Args.UINT32_MAX) {
            throw new CommandException("page size of retrieved leases must not be greater than 4294967295");
        }
        return leases(ctx.leases().page(after, (int) Math.min(size, Integer.MAX_VALUE)), true);
    }

    Answer getByHostname(Command c) throws CommandException {
        String name = mandatoryString(c, "hostname");
        if (name.isEmpty()) {
            throw new CommandException("'hostname' parameter is empty");
        }
        return leases(ctx.leases().byHostname(name.toLowerCase(Locale.ROOT)), false);
    }

    /** The one string argument of a leaseN-get-by-* command. */
    public static String mandatoryString(Command c, String name) throws CommandException {
        if (!(c.arguments() instanceof MapElement args)) {
            throw new CommandException("Command arguments missing or a not a map.");
        }
        Element e = args.get(name);
        if (e == null) {
            throw new CommandException("'" + name + "' parameter not specified");
        }
        if (!(e instanceof StringElement s)) {
            throw new CommandException("'" + name + "' parameter must be a string");
        }
        return s.value();
    }

    /** "N IPvN lease(s) found." with {leases} (and {count} for pages); 3 when there are none. */
    public Answer leases(List<L> leases, boolean withCount) {
        MapElement.Builder args = MapElement.builder();
        if (withCount) {
            args.put("count", leases.size());
        }
        args.put("leases", Element.list(leases.stream().<Element>map(family::toElement).toList()));
        return new Answer(leases.isEmpty() ? ResultCode.EMPTY : ResultCode.SUCCESS,
                leases.size() + " " + ip + " lease(s) found.", args.build());
    }

    Answer wipe(Command c) throws CommandException, LeaseStoreException {
        Element arguments = c.arguments();
        long id = 0;
        if (arguments != null) {
            if (!(arguments instanceof MapElement args)) {
                throw Args.notAMap("contains", arguments);
            }
            if (args.has("subnet-id")) {
                id = Args.uint32(args, "subnet-id");
            }
        }
        // without a subnet-id Kea wipes the configured subnets only, listing each id
        List<Long> ids = id != 0 ? List.of(id) : family.subnetIds(ctx.config());
        long deleted = 0;
        StringBuilder text = new StringBuilder();
        for (long subnet : ids) {
            text.append(' ').append(subnet);
            for (L l : ctx.leases().bySubnet(subnet)) {
                if (ctx.leases().delete(l)) {
                    ctx.leaseRemoved(l);
                    deleted++;
                }
            }
        }
        return new Answer(deleted > 0 ? ResultCode.SUCCESS : ResultCode.EMPTY,
                "Deleted " + deleted + " " + ip + " lease(s) from subnet(s)" + text, null);
    }

    Answer write(Command c) throws CommandException {
        if (!ctx.leases().writesLeaseFiles()) {
            // Kea registers leaseN-write with the memfile backend only
            return Answer.unsupported(c.name());
        }
        MapElement args = Args.map(c.arguments(), "no parameters specified for the command");
        Element file = args.get("filename");
        if (file == null) {
            throw new CommandException("'filename' parameter not specified");
        }
        if (!(file instanceof StringElement name)) {
            throw new CommandException("'filename' parameter must be a string");
        }
        if (name.value().isEmpty()) {
            throw new CommandException("'filename' parameter is empty");
        }
        Path target = dataFile(name.value());
        try {
            ctx.leases().writeTo(target);
        } catch (IOException e) {
            throw new CommandException("failed to write leases to '" + name.value() + "': "
                    + ruru.io.IoErrors.describe(e));
        }
        return Answer.ok(ip + " lease database into '" + name.value() + "'.");
    }

    /**
     * Kea 3 (after CVE-2025-32802) writes lease dumps only into the data directory: a bare name
     * lands there, any other must name a file directly inside it; the dump never replaces a file
     * that is not a regular file (the control socket) nor one of another kind. -X only warns.
     */
    private Path dataFile(String name) throws CommandException {
        Path target;
        try {
            target = ctx.paths().resolve(PathKind.DATA, name);
        } catch (PathPolicy.RefusedPath e) {
            throw new CommandException(e.detail());
        }
        try {
            ctx.paths().checkWritable(PathKind.DATA, target);
        } catch (IOException e) {
            throw new CommandException(e.getMessage());
        }
        return target;
    }

    /** Kea's leaseN-resend-ddns: an ADD NCR for the lease's name, queued for D2. */
    Answer resendDdns(Command c) throws CommandException {
        if (!(c.arguments() instanceof MapElement args)) {
            throw new CommandException("Parameters missing or are not a map.");
        }
        if (!(args.get("ip-address") instanceof StringElement text)) {
            throw new CommandException(args.has("ip-address") ? "'ip-address' is not a string."
                    : "'ip-address' parameter is missing.");
        }
        Args.ParsedAddress p = Args.ParsedAddress.parse(text.value());
        A address = p == null ? null : family.of(p);
        if (address == null) {
            throw new CommandException(foreign(p) ? "Invalid " + ip + " address specified: " + text.value()
                    : "'" + text.value() + "' is not a valid IP address.");
        }
        if (!ctx.ddnsEnabled()) {
            return Answer.error("DDNS updating is not enabled");
        }
        Optional<L> lease = family.resendLease(ctx.leases(), address);
        String addr = address.toString();
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

    /**
     * Stores {@code lease} (a leaseN-get-page entry, with {@code cltt}) unless the local lease for
     * the address is as recent or more recent, by cltt (Kea's synchronization rule of HA), read
     * with leaseN-update's parser and counted in the statistics as any lease command change.
     */
    public SyncOutcome applyIfNewer(MapElement lease) throws CommandException, LeaseStoreException {
        MapElement args = lease;
        if (!lease.has("expire") && lease.get("cltt") instanceof IntElement cltt) {
            long valid = lease.get("valid-lft") == null ? 0 : lease.get("valid-lft").asLong().orElse(0L);
            args = lease.without("cltt").with("expire", Element.of(cltt.value() + valid));
        }
        L fetched = family.parse(args, ctx.config(), now()).lease();
        Optional<L> existing = ctx.leases().get(fetched.address());
        if (existing.isEmpty()) {
            if (!ctx.leases().insert(fetched)) {
                throw new CommandException(RACE);
            }
            ctx.leaseAdded(fetched);
            return SyncOutcome.ADDED;
        }
        if (existing.get().cltt() < fetched.cltt()) {
            if (!ctx.leases().replace(existing.get(), fetched)) {
                throw new CommandException("the lease changed while it was being synchronized");
            }
            ctx.leaseUpdated(existing.get(), fetched);
            return SyncOutcome.UPDATED;
        }
        return SyncOutcome.STALE;
    }

    private long now() {
        return ctx.clock().instant().getEpochSecond();
    }
}
