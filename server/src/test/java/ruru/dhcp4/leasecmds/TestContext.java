package ruru.dhcp4.leasecmds;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ruru.control.Answer;
import ruru.control.Command;
import ruru.control.CommandException;
import ruru.control.CommandHandler;
import ruru.daemon.config.PathPolicy;
import ruru.daemon.config.schema.Dhcp4Schema;
import ruru.daemon.stats.StatsManager;
import ruru.dhcp4.config.Dhcp4ServiceConfig;
import ruru.dhcp4.config.Dhcp4ServiceConfigParser;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.lease.Lease4;
import ruru.lease.Lease4Store;
import ruru.lease.MemfileLease4Store;
import ruru.lease.MemfileSettings;

/**
 * An in-memory server for the commands: a configuration parsed by the real parsers (the same two
 * subnets as the Kea 2.2 instance the expected texts were recorded from), an in-memory store, a
 * fixed clock, and a log of the statistics callbacks.
 */
final class TestContext implements LeaseCommandContext {

    static final String CONFIG = """
            { "valid-lifetime": 4000,
              "lease-database": { "type": "memfile", "persist": false },
              "subnet4": [
                { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.100" } ] },
                { "id": 2, "subnet": "10.0.0.0/24", "valid-lifetime": 7200,
                  "pools": [ { "pool": "10.0.0.10 - 10.0.0.19" } ] } ] }
            """;

    /** 2026-11-21T12:00:00Z: cltt of leases added without "expire". */
    static final long NOW = 1795262400L;

    final Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW, 123_456_789), ZoneOffset.UTC);
    final StatsManager stats = new StatsManager(clock);
    final Lease4Store store;
    final Dhcp4ServiceConfig config;
    final PathPolicy paths;
    final List<Lease4> added = new ArrayList<>();
    final List<Lease4> removed = new ArrayList<>();
    final List<Lease4[]> updated = new ArrayList<>();
    final Map<String, CommandHandler> handlers = new java.util.HashMap<>();

    TestContext(Path configDir, Path dataDir) throws Exception {
        this(CONFIG, configDir, dataDir);
    }

    TestContext(String dhcp4, Path configDir, Path dataDir) throws Exception {
        MapElement body = (MapElement) Json.parse(dhcp4, ParseOptions.string());
        config = Dhcp4ServiceConfigParser.parse(Dhcp4Schema.check(body), new PathPolicy(configDir, Map.of(), true), ruru.testing.StandInInterfaces.ALL);
        store = MemfileLease4Store.open(MemfileSettings.inMemory(), clock);
        paths = new PathPolicy(configDir, Map.of("KEA_DHCP_DATA_DIR", dataDir.toString()), false);
        handlers.putAll(LeaseCommands.handlers(this));
        handlers.putAll(StatCommands.handlers(this));
    }

    /** Sends command text as it would arrive on the UNIX socket, so positions read {@code <wire>:0:C}. */
    Answer send(String commandText) throws Exception {
        Command c = Command.fromElement(Json.parse(commandText, ParseOptions.wire()));
        CommandHandler h = handlers.get(c.name());
        if (h == null) {
            return Answer.unsupported(c.name());
        }
        try {
            return h.handle(c);
        } catch (CommandException e) {
            return e.toAnswer();
        }
    }

    /** The answer in Kea's compact form, as socat shows it. */
    String wire(String commandText) throws Exception {
        return Json.toCompact(send(commandText).toElement());
    }

    @Override
    public Lease4Store leases() {
        return store;
    }

    @Override
    public Dhcp4ServiceConfig config() {
        return config;
    }

    @Override
    public void leaseAdded(Lease4 lease) {
        added.add(lease);
    }

    @Override
    public void leaseRemoved(Lease4 lease) {
        removed.add(lease);
    }

    @Override
    public void leaseUpdated(Lease4 before, Lease4 after) {
        updated.add(new Lease4[] {before, after});
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public PathPolicy paths() {
        return paths;
    }

    @Override
    public StatsManager stats() {
        return stats;
    }
}
