package ruru.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * kea-shell's command line (src/bin/shell/kea-shell.in, with 3.0's --auth-password-file), parsed
 * the way argparse does it: {@code --opt value} or {@code --opt=value}, one optional positional
 * command defaulting to list-commands, {@code --service} repeatable.
 */
record ShellOptions(String host, int port, String path, List<String> services, int timeoutSeconds,
                    String authUser, String authPassword, Optional<String> authPasswordFile,
                    Optional<String> ca, Optional<String> cert, Optional<String> key, String command, Mode mode) {

    enum Mode { RUN, VERSION, HELP }

    ShellOptions {
        services = List.copyOf(services);
    }

    /** A command line kea-shell would refuse; the message says why. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static String usage() {
        return """
                Usage: ruru shell [-h] [-v] [--host HOST] [--port PORT] [--path PATH] [--ca CA] [--cert CERT]
                                  [--key KEY] [--timeout TIMEOUT] [--service [SERVICE]]
                                  [--auth-user AUTH_USER] [--auth-password AUTH_PASSWORD]
                                  [--auth-password-file AUTH_PASSWORD_FILE] [command]

                A text client for the REST API (the Control Agent, or a daemon's HTTP control socket),
                with kea-shell's options. The command's arguments are read from standard input: the
                text that goes inside "arguments": { ... } (give empty input for none).

                  command                     the command to send (default: list-commands)
                  --host HOST                 address of the agent or daemon (default: 127.0.0.1)
                  --port PORT                 TCP port (default: 8000)
                  --path PATH                 path of the URL (default: "")
                  --service SERVICE           forward to this service (dhcp4, dhcp6, d2); repeatable
                  --timeout SECONDS           give up after this long (default: 10)
                  --auth-user USER            basic HTTP authentication user
                  --auth-password PASSWORD    basic HTTP authentication password
                  --auth-password-file FILE   read the password from this file
                  --ca FILE|DIR               trust anchor: use HTTPS
                  --cert FILE, --key FILE     client certificate and key (PEM) for mutual TLS
                  -v                          print the version and exit
                  -h, --help                  print this help and exit
                """;
    }

    static ShellOptions parse(List<String> args) throws UsageException {
        String host = "127.0.0.1";
        int port = 8000;
        String path = "";
        List<String> services = new ArrayList<>();
        int timeout = 10;
        String user = "";
        String password = "";
        String passwordFile = null;
        String ca = null;
        String cert = null;
        String key = null;
        String command = null;
        Mode mode = Mode.RUN;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a;
            String inline = null;
            if (a.startsWith("--") && a.contains("=")) {
                name = a.substring(0, a.indexOf('='));
                inline = a.substring(a.indexOf('=') + 1);
            }
            switch (name) {
                case "-h", "--help" -> mode = Mode.HELP;
                case "-v" -> mode = mode == Mode.HELP ? mode : Mode.VERSION;
                case "--host" -> host = inline != null ? inline : value(args, ++i, name);
                case "--port" -> port = number(inline != null ? inline : value(args, ++i, name), name, 1, 65535);
                case "--path" -> path = inline != null ? inline : value(args, ++i, name);
                case "--timeout" -> timeout = number(inline != null ? inline : value(args, ++i, name), name, 1,
                        Integer.MAX_VALUE);
                case "--auth-user" -> user = inline != null ? inline : value(args, ++i, name);
                case "--auth-password" -> password = inline != null ? inline : value(args, ++i, name);
                case "--auth-password-file" -> passwordFile = inline != null ? inline : value(args, ++i, name);
                case "--ca" -> ca = inline != null ? inline : value(args, ++i, name);
                case "--cert" -> cert = inline != null ? inline : value(args, ++i, name);
                case "--key" -> key = inline != null ? inline : value(args, ++i, name);
                case "--service" -> {
                    // argparse's nargs="?": the value is optional, and an empty one is dropped later.
                    if (inline != null) {
                        services.add(inline);
                    } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                        services.add(args.get(++i));
                    }
                }
                default -> {
                    if (a.startsWith("-") && a.length() > 1) {
                        throw new UsageException("unrecognized arguments: " + a);
                    }
                    if (command != null) {
                        throw new UsageException("unrecognized arguments: " + a);
                    }
                    command = a;
                }
            }
        }
        if ((cert == null) != (key == null)) {
            throw new UsageException("--cert and --key must be used together");
        }
        if (cert != null && ca == null) {
            throw new UsageException("--cert and --key with HTTPS disabled (no --ca)");
        }
        services.removeIf(String::isEmpty);
        return new ShellOptions(host, port, path, services, timeout, user, password, Optional.ofNullable(passwordFile),
                Optional.ofNullable(ca), Optional.ofNullable(cert), Optional.ofNullable(key),
                command == null ? "list-commands" : command, mode);
    }

    private static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException("argument " + option + ": expected one argument");
        }
        return args.get(i);
    }

    private static int number(String text, String option, int min, int max) throws UsageException {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < min || n > max) {
                throw new UsageException("argument " + option + ": out of range: " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("argument " + option + ": invalid int value: '" + text + "'");
        }
    }
}
