package ruru.daemon;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Kea's daemon command line: {@code [-v] [-V] [-W] [-d] [-X] [-p port] [-P port] (-c|-t|-T) file}.
 *
 * @param mode         what to do
 * @param configFile   the file of -c, -t or -T
 * @param debug        -d: debug logging at the highest debug level
 * @param serverPort   -p: port to listen on (DHCP daemons)
 * @param clientPort   -P: port to send to clients (DHCP daemons)
 * @param noPathChecks -X: disable the path and permission checks (as Kea 3)
 */
public record Flags(Mode mode, Optional<Path> configFile, boolean debug, Optional<Integer> serverPort,
                    Optional<Integer> clientPort, boolean noPathChecks) {

    /** What the command line asks for; the first of -v, -V, -W wins as in Kea. */
    public enum Mode { RUN, CHECK, CHECK_DEEP, VERSION, EXTENDED_VERSION, BUILD_REPORT, HELP }

    /** Bad command line: the launcher prints the message and the usage, and exits 2. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    public static String usage(DaemonKind kind) {
        return "Usage: ruru " + kind.word() + " [-v] [-V] [-W] [-d] [-X] [-p port] [-P port] (-c|-t|-T) config-file\n"
                + "  -c file  run with the configuration file\n"
                + "  -t file  check the configuration file and exit (0 valid, 1 invalid)\n"
                + "  -T file  check the configuration file more deeply and exit\n"
                + "  -v       print the version (of Kea this follows) and exit\n"
                + "  -V       print the extended version and exit\n"
                + "  -W       print the build report and exit\n"
                + "  -d       debug logging (severity DEBUG, debuglevel 99)\n"
                + "  -X       disable the security checks on paths (as Kea's -X)\n"
                + "  -p port  server port (DHCP daemons)\n"
                + "  -P port  client port (DHCP daemons)\n"
                + "  -h       print this help and exit\n";
    }

    public static Flags parse(List<String> args) throws UsageException {
        Mode mode = null;
        Mode info = null;
        Path file = null;
        boolean debug = false;
        boolean noChecks = false;
        Integer serverPort = null;
        Integer clientPort = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-v", "--version" -> info = info == null ? Mode.VERSION : info;
                case "-h", "--help" -> info = info == null ? Mode.HELP : info;
                case "-V" -> info = info == null ? Mode.EXTENDED_VERSION : info;
                case "-W" -> info = info == null ? Mode.BUILD_REPORT : info;
                case "-d" -> debug = true;
                case "-X" -> noChecks = true;
                case "-c", "-t", "-T" -> {
                    if (mode != null) {
                        throw new UsageException("only one of -c, -t and -T may be given");
                    }
                    mode = switch (a) {
                        case "-c" -> Mode.RUN;
                        case "-t" -> Mode.CHECK;
                        default -> Mode.CHECK_DEEP;
                    };
                    file = Path.of(value(args, ++i, a));
                }
                case "-p" -> serverPort = port(value(args, ++i, a), a);
                case "-P" -> clientPort = port(value(args, ++i, a), a);
                default -> throw new UsageException(a.startsWith("-")
                        ? "unknown option " + a : "unexpected argument " + a);
            }
        }
        if (info != null) {
            mode = info;
        } else if (mode == null) {
            throw new UsageException("no configuration file given: use -c FILE (or -t FILE to check one)");
        }
        return new Flags(mode, Optional.ofNullable(file), debug, Optional.ofNullable(serverPort),
                Optional.ofNullable(clientPort), noChecks);
    }

    private static String value(List<String> args, int i, String flag) throws UsageException {
        if (i >= args.size() || args.get(i).isEmpty()) {
            throw new UsageException("option " + flag + " needs a value");
        }
        return args.get(i);
    }

    private static int port(String text, String flag) throws UsageException {
        try {
            int p = Integer.parseInt(text);
            if (p > 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("option " + flag + ": port must be 1-65535, got '" + text + "'");
    }
}
