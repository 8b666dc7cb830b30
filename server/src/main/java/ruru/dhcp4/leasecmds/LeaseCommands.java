package ruru.dhcp4.leasecmds;

import java.util.LinkedHashMap;
import java.util.Map;

import ruru.control.Answer;
import ruru.control.CommandException;
import ruru.control.CommandHandler;
import ruru.control.CommandRegistry;
import ruru.lease.LeaseStoreException;

/**
 * The DHCPv4 commands of Kea's lease_cmds hook library ({@code libdhcp_lease_cmds.so}), texts and
 * result codes as Kea 3's.
 */
public final class LeaseCommands {

    @FunctionalInterface
    private interface StoreHandler {
        Answer handle(ruru.control.Command c) throws CommandException, LeaseStoreException;
    }

    private LeaseCommands() {
    }

    /** Command name to handler, in Kea's registration order. */
    public static Map<String, CommandHandler> handlers(LeaseCommandContext ctx) {
        LeaseReadCommands read = new LeaseReadCommands(ctx);
        LeaseWriteCommands write = new LeaseWriteCommands(ctx);
        Map<String, CommandHandler> m = new LinkedHashMap<>();
        m.put("lease4-add", guarded(write::add));
        // the reads and the updates an HA partner sends may run together (never with other commands)
        m.put("lease4-get", CommandRegistry.concurrent(read::get));
        m.put("lease4-get-all", read::getAll);
        m.put("lease4-get-page", CommandRegistry.concurrent(read::getPage));
        m.put("lease4-get-by-hw-address", read::getByHwAddress);
        m.put("lease4-get-by-client-id", read::getByClientId);
        m.put("lease4-get-by-hostname", read::getByHostname);
        m.put("lease4-del", CommandRegistry.concurrent(guarded(write::delete)));
        m.put("lease4-update", CommandRegistry.concurrent(guarded(write::update)));
        m.put("lease4-wipe", guarded(write::wipe));
        m.put("lease4-write", write::write);
        m.put("lease4-resend-ddns", write::resendDdns);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** lease4-resend-ddns with DDNS updates off (Kea: the ip-address is read first, then d2 is checked). */
    static Answer resendDdns(ruru.control.Command c) throws CommandException {
        if (c.arguments() == null) {
            throw new CommandException("no parameters specified for the command");
        }
        if (!(c.arguments() instanceof ruru.json.MapElement args)) {
            throw new CommandException("get(string) called on a non-map Element in (" + c.arguments().position() + ")");
        }
        if (!(args.get("ip-address") instanceof ruru.json.StringElement text)) {
            throw new CommandException("'ip-address' parameter is missing.");
        }
        Args.ParsedAddress a = Args.ParsedAddress.parse(text.value());
        if (a == null || !a.isV4()) {
            throw new CommandException("'" + text.value() + "' is not a valid IP address.");
        }
        return Answer.error("DDNS updating is not enabled");
    }

    /** A store that cannot persist a change is a general error (1), with the store's reason. */
    private static CommandHandler guarded(StoreHandler h) {
        return c -> {
            try {
                return h.handle(c);
            } catch (LeaseStoreException e) {
                return Answer.error(e.getMessage());
            }
        };
    }
}
