package ruru.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ruru.daemon.config.ConfigException;
import ruru.json.Element;
import ruru.json.MapElement;
import ruru.lease.pgsql.PgsqlAdmin;
import ruru.lease.pgsql.PgsqlSettings;
import ruru.lease.pgsql.SchemaVersion;

/**
 * {@code ruru admin COMMAND pgsql [options]}: kea-admin's database verbs for users without kea-admin,
 * with kea-admin's options ({@code -h host -P port -u user -p password -n name}), plus
 * {@code --password-file FILE} (the password then never appears in a process listing) and
 * {@code --schema 13.0|29.0} for db-init.
 */
final class Admin {

    static final int EXIT_OK = 0;
    static final int EXIT_FAIL = 1;
    static final int EXIT_USAGE = 2;

    private Admin() {
    }

    static String usage() {
        return """
                Usage: ruru admin COMMAND pgsql [-h host] [-P port] [-u user] [-p password | --password-file FILE]
                                  [-n name] [--schema 13.0|29.0]
                Commands:
                  db-init       create the lease schema (default 29.0, Kea 3.0's; 13.0 is Kea 2.2's) in an empty database
                  db-version    print the schema version
                  db-upgrade    upgrade a schema made by ruru admin from 13.0 to 29.0
                  stats-recount rebuild the lease statistics tables from the leases
                host may be a Unix-socket directory, or several hosts separated by commas.
                """;
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") && args.size() == 1) {
            (args.isEmpty() ? err : out).print(usage());
            return args.isEmpty() ? EXIT_USAGE : EXIT_OK;
        }
        String command = args.get(0);
        if (!List.of("db-init", "db-version", "db-upgrade", "stats-recount").contains(command)) {
            err.println("ruru admin: invalid command: " + command);
            err.print(usage());
            return EXIT_USAGE;
        }
        if (args.size() < 2 || !args.get(1).equals("pgsql")) {
            err.println("ruru admin: " + command + ": the backend must be pgsql (ruru keeps memfile leases itself)");
            return EXIT_USAGE;
        }
        MapElement.Builder db = MapElement.builder().put("type", "postgresql").put("name", "kea");
        SchemaVersion schema = SchemaVersion.KEA_3_0;
        try {
            for (int i = 2; i < args.size(); i++) {
                String flag = args.get(i);
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("option " + flag + " needs a value");
                }
                String value = args.get(++i);
                switch (flag) {
                    case "-h", "--host" -> db.put("host", value);
                    case "-P", "--port" -> db.put("port", Element.of(Long.parseLong(value)));
                    case "-u", "--user" -> db.put("user", value);
                    case "-p", "--password" -> db.put("password", value);
                    case "--password-file" -> db.put("password", readPassword(Path.of(value)));
                    case "-n", "--name" -> db.put("name", value);
                    case "--schema" -> schema = switch (value) {
                        case "13.0" -> SchemaVersion.KEA_2_2;
                        case "29.0" -> SchemaVersion.KEA_3_0;
                        default -> throw new IllegalArgumentException("--schema is 13.0 or 29.0, not " + value);
                    };
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println("ruru admin: " + e.getMessage());
            return EXIT_USAGE;
        }
        PgsqlSettings settings;
        try {
            settings = PgsqlSettings.parse(db.build(), Path.of("."));
        } catch (ConfigException e) {
            err.println("ruru admin: " + e.detail());
            return EXIT_FAIL;
        }
        try (PgsqlAdmin admin = new PgsqlAdmin(settings)) {
            switch (command) {
                case "db-init" -> {
                    out.println("Initializing database " + settings.name() + " with ruru's lease schema " + schema);
                    out.println("Database version reported after initialization: " + admin.init(schema));
                }
                case "db-version" -> out.println(admin.version().map(SchemaVersion::toString).orElseThrow(
                        () -> new PgsqlAdmin.AdminException("Database " + settings.name() + " has no Kea schema")));
                case "db-upgrade" -> out.println("Database version reported after upgrade: " + admin.upgrade());
                default -> {
                    admin.statsRecount();
                    out.println("Lease statistics recounted.");
                }
            }
            return EXIT_OK;
        } catch (PgsqlAdmin.AdminException e) {
            err.println("ERROR/ruru admin: " + e.getMessage());
            return EXIT_FAIL;
        }
    }

    private static String readPassword(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
}
