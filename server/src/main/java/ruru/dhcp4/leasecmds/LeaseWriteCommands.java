package ruru.dhcp4.leasecmds;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ruru.control.Answer;
import ruru.control.Command;
import ruru.control.CommandException;
import ruru.control.ResultCode;
import ruru.daemon.config.PathKind;
import ruru.daemon.config.PathPolicy;
import ruru.dhcp4.config.Subnet4;
import ruru.json.Element;
import ruru.json.MapElement;
import ruru.json.StringElement;
import ruru.lease.Lease4;
import ruru.lease.LeaseStoreException;

/** lease4-add, -update, -del, -wipe and -write. Every change is reported to the context for statistics. */
final class LeaseWriteCommands {

    /** Kea's text when the store changed between the read and the write (a retry may succeed). */
    private static final String RACE = "lost race between calls to get and add";
    /** Attempts at a lease4-update whose lease another update changed meanwhile. */
    private static final int RETRIES = 3;

    private final LeaseCommandContext ctx;

    LeaseWriteCommands(LeaseCommandContext ctx) {
        this.ctx = ctx;
    }

    Answer add(Command c) throws CommandException, LeaseStoreException {
        MapElement args = leaseArguments(c, "no parameters specified for the command");
        Lease4 lease = LeaseParser.parse(args, ctx.config(), now()).lease();
        if (!ctx.leases().insert(lease)) {
            // Kea >= 2.4 answers 4 (conflict) here; Kea 2.2 answered 1
            throw new CommandException(ResultCode.CONFLICT, "IPv4 lease already exists.");
        }
        ctx.leaseAdded(lease);
        return Answer.ok("Lease for address " + lease.address() + ", subnet-id " + lease.subnetId() + " added.");
    }

    Answer update(Command c) throws CommandException, LeaseStoreException {
        MapElement args = leaseArguments(c, "no parameters specified for lease4-update command");
        LeaseParser.Parsed parsed = LeaseParser.parse(args, ctx.config(), now());
        Lease4 lease = parsed.lease();
        // updates may run concurrently (an HA partner's): a lease changed between the read and the
        // write is read again, a few times, before the change is called a conflict
        for (int attempt = 1; ; attempt++) {
            Optional<Lease4> existing = ctx.leases().get(lease.address());
            if (existing.isEmpty() && parsed.forceCreate()) {
                if (ctx.leases().insert(lease)) {
                    ctx.leaseAdded(lease);
                    return Answer.ok("IPv4 lease added.");
                }
                if (attempt < RETRIES) {
                    continue;
                }
                throw new CommandException(ResultCode.CONFLICT, RACE);
            }
            if (existing.isPresent() && ctx.leases().replace(existing.get(), lease)) {
                ctx.leaseUpdated(existing.get(), lease);
                return Answer.ok("IPv4 lease updated.");
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

    Answer delete(Command c) throws CommandException, LeaseStoreException {
        LeaseQuery q = LeaseQuery.parse(c.arguments());
        if (q instanceof LeaseQuery.ByDuid) {
            throw new CommandException("Delete by duid is not allowed in v4.");
        }
        Optional<Lease4> lease = q.find(ctx.leases());
        if (lease.isEmpty() || !ctx.leases().delete(lease.get())) {
            return Answer.empty("IPv4 lease not found.");
        }
        ctx.leaseRemoved(lease.get());
        if (c.arguments() instanceof MapElement a && a.get("update-ddns") instanceof ruru.json.BoolElement b
                && b.value()) {
            ctx.ddnsRemove(lease.get());
        }
        return Answer.ok("IPv4 lease deleted.");
    }

    /** Kea's lease4-resend-ddns: an ADD NCR for the lease's name, queued for D2. */
    Answer resendDdns(Command c) throws CommandException {
        if (!(c.arguments() instanceof MapElement args)) {
            throw new CommandException("Parameters missing or are not a map.");
        }
        if (!(args.get("ip-address") instanceof ruru.json.StringElement ip)) {
            throw new CommandException(args.has("ip-address") ? "'ip-address' is not a string."
                    : "'ip-address' parameter is missing.");
        }
        Args.ParsedAddress a = Args.ParsedAddress.parse(ip.value());
        if (a == null || !a.isV4()) {
            throw new CommandException("Invalid IPv4 address specified: " + ip.value());
        }
        if (!ctx.ddnsEnabled()) {
            return Answer.error("DDNS updating is not enabled");
        }
        Optional<Lease4> lease = ctx.leases().get(a.v4());
        String addr = a.v4().toString();
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

    Answer wipe(Command c) throws CommandException, LeaseStoreException {
        Element arguments = c.arguments();
        long id = 0;
        if (arguments != null) {
            if (!(arguments instanceof MapElement args)) {
                throw Args.notAMap("contains", arguments);
            }
            if (args.has("subnet-id")) {
                id = Args.unsigned(args, "subnet-id", Args.UINT32_MAX);
            }
        }
        // without a subnet-id Kea wipes the configured subnets only, listing each id
        List<Long> ids = new ArrayList<>();
        if (id != 0) {
            ids.add(id);
        } else {
            ctx.config().subnets().stream().map(Subnet4::id).forEach(ids::add);
        }
        long deleted = 0;
        StringBuilder text = new StringBuilder();
        for (long subnet : ids) {
            text.append(' ').append(subnet);
            for (Lease4 l : ctx.leases().bySubnet(subnet)) {
                if (ctx.leases().delete(l)) {
                    ctx.leaseRemoved(l);
                    deleted++;
                }
            }
        }
        return new Answer(deleted > 0 ? ResultCode.SUCCESS : ResultCode.EMPTY,
                "Deleted " + deleted + " IPv4 lease(s) from subnet(s)" + text, null);
    }

    Answer write(Command c) throws CommandException {
        if (!ctx.leases().writesLeaseFiles()) {
            return Answer.unsupported("lease4-write");
        }
        Element arguments = c.arguments();
        if (arguments == null) {
            throw new CommandException("no parameters specified for the command");
        }
        if (!(arguments instanceof MapElement args)) {
            throw Args.notAMap("get", arguments);
        }
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
        return Answer.ok("IPv4 lease database into '" + name.value() + "'.");
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

    private static MapElement leaseArguments(Command c, String missing) throws CommandException {
        Element arguments = c.arguments();
        if (arguments == null) {
            throw new CommandException(missing);
        }
        if (!(arguments instanceof MapElement args)) {
            throw Args.notAMap("get", arguments);
        }
        return args;
    }

    private long now() {
        return ctx.clock().instant().getEpochSecond();
    }
}
