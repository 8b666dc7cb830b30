package ruru.dhcp4.leasecmds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import ruru.control.Answer;
import ruru.control.Command;
import ruru.control.CommandException;
import ruru.control.ResultCode;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;
import ruru.lease.Lease4;
import ruru.wire.Ipv4Address;

/** lease4-get, -get-all, -get-page and -get-by-{hw-address,client-id,hostname}. */
final class LeaseReadCommands {

    private final LeaseCommandContext ctx;

    LeaseReadCommands(LeaseCommandContext ctx) {
        this.ctx = ctx;
    }

    Answer get(Command c) throws CommandException {
        LeaseQuery q = LeaseQuery.parse(c.arguments());
        if (q instanceof LeaseQuery.ByDuid) {
            throw new CommandException("Query by duid is not allowed in v4.");
        }
        Optional<Lease4> lease = q.find(ctx.leases());
        return lease.map(l -> Answer.ok("IPv4 lease found.", LeaseJson.toElement(l)))
                .orElseGet(() -> Answer.empty("Lease not found."));
    }

    Answer getAll(Command c) throws CommandException {
        Element arguments = c.arguments();
        if (arguments == null) {
            return leases(ctx.leases().all(), false);
        }
        if (!(arguments instanceof MapElement args)) {
            throw Args.notAMap("get", arguments);
        }
        Element subnets = args.get("subnets");
        if (subnets == null) {
            throw new CommandException("'subnets' parameter not specified");
        }
        if (!(subnets instanceof ListElement list)) {
            throw new CommandException("'subnets' parameter must be a list");
        }
        List<Lease4> found = new ArrayList<>();
        for (Element id : list.items()) {
            if (!(id instanceof IntElement i)) {
                throw new CommandException("listed subnet identifiers must be numbers");
            }
            // Kea's by-subnet index is ordered by address within the subnet
            found.addAll(ctx.leases().bySubnet(i.value()).stream()
                    .sorted(Comparator.comparing(Lease4::address)).toList());
        }
        return leases(found, false);
    }

    Answer getPage(Command c) throws CommandException {
        Element arguments = c.arguments();
        if (arguments == null) {
            throw new CommandException("no parameters specified for the " + c.name() + " command");
        }
        if (!(arguments instanceof MapElement args)) {
            throw Args.notAMap("get", arguments);
        }
        Element from = args.get("from");
        if (from == null) {
            throw new CommandException("'from' parameter not specified");
        }
        if (!(from instanceof StringElement fromText)) {
            throw new CommandException("'from' parameter must be a string");
        }
        Ipv4Address after;
        if (fromText.value().equals("start")) {
            after = Ipv4Address.ANY;
        } else {
            Args.ParsedAddress a = Args.ParsedAddress.parse(fromText.value());
            if (a == null) {
                throw new CommandException("'from' parameter value is neither 'start' keyword nor a valid IPv4 address");
            }
            if (!a.isV4()) {
                throw new CommandException("'from' parameter value " + a.text() + " is not an IPv4 address");
            }
            after = a.v4();
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

    Answer getByHwAddress(Command c) throws CommandException {
        String text = mandatoryString(c, "hw-address");
        return leases(ctx.leases().byHwAddress(Identifiers.hwAddress(text)), false);
    }

    Answer getByClientId(Command c) throws CommandException {
        String text = mandatoryString(c, "client-id");
        return leases(ctx.leases().byClientId(Identifiers.clientId(text)), false);
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
        Element e = args.get(name);
        if (e == null) {
            throw new CommandException("'" + name + "' parameter not specified");
        }
        if (!(e instanceof StringElement s)) {
            throw new CommandException("'" + name + "' parameter must be a string");
        }
        return s.value();
    }

    /** "N IPv4 lease(s) found." with {leases} (and {count} for pages); 3 when there are none. */
    private static Answer leases(List<Lease4> leases, boolean withCount) {
        MapElement.Builder args = MapElement.builder();
        if (withCount) {
            args.put("count", leases.size());
        }
        args.put("leases", LeaseJson.toList(leases));
        return new Answer(leases.isEmpty() ? ResultCode.EMPTY : ResultCode.SUCCESS,
                leases.size() + " IPv4 lease(s) found.", args.build());
    }
}
