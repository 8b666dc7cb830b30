package ruru.daemon.hooks;

import java.util.Locale;

import ruru.control.Answer;
import ruru.control.Command;
import ruru.control.CommandException;
import ruru.control.CommandHandler;
import ruru.control.CommandRegistry;
import ruru.daemon.logging.KeaMessage;
import ruru.daemon.logging.LibraryMessages;
import ruru.json.Json;

/**
 * A hook library's command run as Kea runs it: as the callout its library registered on the hook
 * {@code $command_name}. Kea's callout manager writes HOOKS_CALLOUTS_BEGIN and _COMPLETE (debug 45)
 * around it, HOOKS_CALLOUT_CALLED (debug 55) when the callout returned success or
 * HOOKS_CALLOUT_ERROR (ERROR) when it returned an error, which Kea's libraries do exactly when their
 * answer is result 1; in between the library's own lines (lease_cmds' LEASE_CMDS_ADD4 ..., stat_cmds'
 * STAT_CMDS_LEASE4_GET ...), as kea-dhcp4 2.2 writes them
 * (LoggingConfig4AgainstKeaTest.leaseCommandCalloutsAsKeas). Every
 * message is bound once, its level check cached. The callout address is this handler's identity (Kea
 * prints the function's), the durations ruru's own.
 */
final class CommandCallout implements CommandHandler {

    private final CommandHandler handler;
    private final int index;
    private final String hook;
    private final String address;
    private final String command;
    private final KeaMessage begin;
    private final KeaMessage called;
    private final KeaMessage error;
    private final KeaMessage complete;
    /** The library's own lines: lease_cmds' and stat_cmds' (null: none). */
    private final Lines lines;

    private CommandCallout(String daemonName, int index, String command, CommandHandler handler, String library) {
        this.handler = handler;
        this.index = index;
        this.command = command;
        this.hook = "$" + command.replace('-', '_');
        this.address = "0x" + Long.toHexString(0x7f0000000000L | System.identityHashCode(this));
        this.begin = LibraryMessages.HOOKS_CALLOUTS_BEGIN.in(daemonName);
        this.called = LibraryMessages.HOOKS_CALLOUT_CALLED.in(daemonName);
        this.error = LibraryMessages.HOOKS_CALLOUT_ERROR.in(daemonName);
        this.complete = LibraryMessages.HOOKS_CALLOUTS_COMPLETE.in(daemonName);
        this.lines = Lines.of(library, command, daemonName);
    }

    /**
     * {@code handler} registered by the library at {@code index} (from 1) as its callout for
     * {@code command}; {@code library} is a built-in's Kea file name (its own lines), else null.
     */
    static CommandHandler of(String daemonName, int index, String command, CommandHandler handler, String library) {
        CommandCallout c = new CommandCallout(daemonName, index, command, handler, library);
        return handler instanceof CommandRegistry.Concurrent ? CommandRegistry.concurrent(c) : c;
    }

    @Override
    public Answer handle(Command cmd) throws CommandException {
        begin.log(hook);
        long start = System.nanoTime();
        Answer answer;
        try {
            answer = handler.handle(cmd);
        } catch (CommandException e) {
            answer = e.toAnswer();
        }
        if (answer == null) {
            return null; // the registry answers for a handler without an answer
        }
        String took = millis(System.nanoTime() - start);
        if (lines != null) {
            lines.write(cmd, answer);
        }
        if (CommandCallout.failed(answer)) {
            error.log(hook, index, address, took);
        } else {
            called.log(index, hook, address, took);
        }
        complete.log(hook, took);
        return answer;
    }

    /**
     * Whether the library's callout returned an error: Kea's lease_cmds and stat_cmds do with every
     * result 1 answer, and (Kea 3) with the conflicts ruru answers as Kea 3 does (result 4).
     */
    static boolean failed(Answer answer) {
        int result = answer.result().value();
        return result == 1 || result == 4;
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }

    /** A built-in library's own lines about one of its commands. */
    private record Lines(KeaMessage ok, KeaMessage failed, boolean stat) {

        static Lines of(String library, String command, String daemonName) {
            if ("libdhcp_lease_cmds.so".equals(library)) {
                return switch (command) {
                    case "lease4-add" -> new Lines(LibraryMessages.LEASE_CMDS_ADD4.in(daemonName),
                            LibraryMessages.LEASE_CMDS_ADD4_FAILED.in(daemonName), false);
                    case "lease6-add" -> new Lines(LibraryMessages.LEASE_CMDS_ADD6.in(daemonName),
                            LibraryMessages.LEASE_CMDS_ADD6_FAILED.in(daemonName), false);
                    // Kea 2.2 writes its success line only with the NCR's text (not compared): failures only
                    case "lease4-resend-ddns" -> new Lines(null,
                            LibraryMessages.LEASE_CMDS_RESEND_DDNS4_FAILED.in(daemonName), false);
                    case "lease6-resend-ddns" -> new Lines(null,
                            LibraryMessages.LEASE_CMDS_RESEND_DDNS6_FAILED.in(daemonName), false);
                    default -> null;
                };
            }
            if ("libdhcp_stat_cmds.so".equals(library)) {
                return switch (command) {
                    case "stat-lease4-get" -> new Lines(LibraryMessages.STAT_CMDS_LEASE4_GET.in(daemonName),
                            LibraryMessages.STAT_CMDS_LEASE4_GET_INVALID.in(daemonName), true);
                    case "stat-lease6-get" -> new Lines(LibraryMessages.STAT_CMDS_LEASE6_GET.in(daemonName),
                            LibraryMessages.STAT_CMDS_LEASE6_GET_INVALID.in(daemonName), true);
                    default -> null;
                };
            }
            return null;
        }

        void write(Command cmd, Answer answer) {
            int result = answer.result().value();
            if (stat) {
                writeStat(cmd, answer, result);
                return;
            }
            if (ok == null) {
                // resend-ddns: any answer but success, "No lease found" (result 3, callout success) too
                if (result != 0) {
                    failed.log(answer.text());
                }
                return;
            }
            // a conflict (Kea 3's result 4, 2.2's 1) keeps 2.2's _FAILED line (Kea 3: LEASE_CMDS_ADD4_CONFLICT)
            if (CommandCallout.failed(answer)) {
                if (failed.enabled()) {
                    failed.log(parameters(cmd), answer.text());
                }
            } else if (result == 0 && ok.enabled()) {
                ok.log(parameters(cmd));
            }
        }

        /** stat_cmds: "[selection]" and the rows, or the reason none matched, from its answer "cmd[selection]: ...". */
        private void writeStat(Command cmd, Answer answer, int result) {
            if (CommandCallout.failed(answer)) {
                failed.log(answer.text());
                return;
            }
            String text = answer.text();
            int close = text.indexOf("]: ");
            if (!text.startsWith(cmd.name() + "[") || close < 0) {
                return;
            }
            String selection = text.substring(cmd.name().length(), close + 1);
            String rest = text.substring(close + 3);
            if (result == 0 && rest.endsWith(" rows found")) {
                ok.log(selection, rest.substring(0, rest.length() - " rows found".length()));
            } else if (rest.startsWith("no matching data, ")) {
                (cmd.name().startsWith("stat-lease4") ? LibraryMessages.STAT_CMDS_LEASE4_GET_NO_SUBNETS
                        : LibraryMessages.STAT_CMDS_LEASE6_GET_NO_SUBNETS).at(ok.logger().getName())
                        .log(selection, rest.substring("no matching data, ".length()));
            }
        }

        /** The command's arguments as Kea prints its Element (keys sorted). */
        private static String parameters(Command cmd) {
            return cmd.arguments() == null ? "" : Json.toCompact(cmd.arguments());
        }
    }
}
