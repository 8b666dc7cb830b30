package ruru.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import ruru.agent.AgentPersonality;
import ruru.daemon.DaemonKind;
import ruru.daemon.DaemonLauncher;
import ruru.daemon.Flags;
import ruru.ddns.d2.D2Personality;
import ruru.dhcp4.Dhcp4Personality;
import ruru.dhcp6.Dhcp6Personality;

/**
 * {@code bin/ruru <daemon> [flags]} and {@code bin/ruru shell ...}: the one entry point, and the one
 * place daemons and tools are wired.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        ruru.daemon.logging.LogbackProvider.select();
        int code = run(List.of(args), System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.print(help());
            return DaemonLauncher.EXIT_USAGE;
        }
        String word = args.get(0);
        if (word.equals("--help") || word.equals("-h") || word.equals("help")) {
            out.print(help());
            return DaemonLauncher.EXIT_OK;
        }
        List<String> rest = args.subList(1, args.size());
        if (word.equals("shell")) {
            return Shell.run(rest, System.in, out, err);
        }
        if (word.equals("admin")) {
            return Admin.run(rest, out, err);
        }
        Optional<DaemonKind> kind = DaemonKind.byWord(word);
        if (kind.isEmpty()) {
            err.println("ruru: unknown daemon '" + word + "'");
            err.print(help());
            return DaemonLauncher.EXIT_USAGE;
        }
        return switch (kind.get()) {
            case DHCP4 -> DaemonLauncher.run(Dhcp4Personality::new, DaemonKind.DHCP4, rest, out, err);
            case DHCP6 -> DaemonLauncher.run(Dhcp6Personality::new, DaemonKind.DHCP6, rest, out, err);
            case AGENT -> DaemonLauncher.run(AgentPersonality::new, DaemonKind.AGENT, rest, out, err);
            case DDNS -> DaemonLauncher.run(D2Personality::new, DaemonKind.DDNS, rest, out, err);
            default -> {
                if (rest.contains("-h") || rest.contains("--help")) {
                    out.print(Flags.usage(kind.get()));
                    out.println("(the " + kind.get().word() + " daemon is not implemented yet)");
                    yield DaemonLauncher.EXIT_OK;
                }
                err.println("ruru: the " + kind.get().word() + " daemon (" + kind.get().description()
                        + ") is not implemented yet");
                yield DaemonLauncher.EXIT_USAGE;
            }
        };
    }

    static String help() {
        StringBuilder b = new StringBuilder("Usage: ruru <daemon> [flags]\n       ruru shell [options] [command]\n\nDaemons:\n");
        Arrays.stream(DaemonKind.values()).forEach(k -> b.append(String.format("  %-6s %s (Kea's %s)%s%n",
                k.word(), k.description(), k.processName(), implemented(k) ? "" : " - not implemented yet")));
        b.append("\nTools:\n  shell  a REST API client with kea-shell's options (ruru shell --help)\n");
        b.append("  admin  kea-admin's database verbs for the PostgreSQL lease schema (ruru admin --help)\n");
        b.append("\nFlags (as Kea's):\n");
        String usage = Flags.usage(DaemonKind.DHCP4);
        b.append(usage.substring(usage.indexOf('\n') + 1));
        return b.toString();
    }

    private static boolean implemented(DaemonKind kind) {
        return kind == DaemonKind.DHCP4 || kind == DaemonKind.DHCP6 || kind == DaemonKind.AGENT
                || kind == DaemonKind.DDNS;
    }
}
