package ruru.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.slf4j.LoggerFactory;

import ruru.control.Answer;
import ruru.control.Command;
import ruru.control.CommandException;
import ruru.control.CommandRegistry;
import ruru.daemon.config.ConfigException;
import ruru.json.Element;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.StringElement;

/** config-get, config-hash-get, config-test, config-set, config-reload, config-write. */
final class ConfigCommands {

    private ConfigCommands() {
    }

    static <C extends DaemonConfig> void register(Daemon<C> d) {
        CommandRegistry r = d.registry();
        r.register("config-get", cmd -> {
            Loaded<?> l = d.current();
            return Answer.okArgs(l.wrapped().with("hash", Element.of(l.hash())));
        });
        r.register("config-hash-get", cmd -> Answer.okArgs(
                MapElement.builder().put("hash", d.current().hash()).build()));
        r.register("config-test", cmd -> {
            MapElement root = configArgument(cmd);
            try {
                C checked = d.checkCommand(root, false);
                String ok = d.personality().configTestOk();
                d.personality().configSummary(checked).ifPresent(summary ->
                        LoggerFactory.getLogger(d.kind().processName() + ".dctl").info("DCTL_CONFIG_CHECK_COMPLETE server"
                                + " has completed configuration check: {}, result: success(0), text={}", summary, ok));
                return Answer.ok(ok);
            } catch (ConfigException e) {
                return Answer.error(e.getMessage());
            }
        });
        r.register("config-set", cmd -> {
            MapElement root = configArgument(cmd);
            try {
                Loaded<?> l = apply(d, root);
                return Answer.ok(d.personality().configSetOk(), MapElement.builder().put("hash", l.hash()).build());
            } catch (ConfigException e) {
                return Answer.error(e.getMessage());
            }
        });
        r.register("config-reload", cmd -> reload(d));
        r.register("config-write", cmd -> write(d, cmd.arguments()));
    }

    /** Reloads the -c file: also what SIGHUP does. */
    static <C extends DaemonConfig> Answer reload(Daemon<C> d) {
        Personality.Lifecycle lifecycle = d.personality().lifecycle();
        lifecycle.reconfiguring(d.configFile());
        try {
            MapElement root = d.readConfigFile();
            lifecycle.reloadRead(root);
            Loaded<C> l = d.apply(d.check(root));
            lifecycle.reconfigured(d.configFile(), true);
            return Answer.ok("Configuration successful.", MapElement.builder().put("hash", l.hash()).build());
        } catch (ConfigException e) {
            lifecycle.reconfigured(d.configFile(), false);
            return Answer.error("Config reload failed: configuration error using file '" + d.configFile() + "': "
                    + e.getMessage());
        }
    }

    private static <C extends DaemonConfig> Loaded<C> apply(Daemon<C> d, MapElement arguments) throws ConfigException {
        return d.apply(d.checkCommand(arguments));
    }

    private static MapElement configArgument(Command cmd) throws CommandException {
        if (cmd.arguments() == null) {
            throw new CommandException("Missing mandatory 'arguments' parameter.");
        }
        if (!(cmd.arguments() instanceof MapElement m)) {
            throw new CommandException("'arguments' parameter expected to be a map.");
        }
        return m;
    }

    /** A name for a message: control characters (a NUL) shown as \\uXXXX. */
    static String printable(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Writes the configuration in force, pretty-printed. Only into the directory of the -c file
     * (Kea 3's rule after CVE-2025-32802: config-write must not become "write any file as root").
     * The file is written beside the target and renamed over it, so a crash leaves either the
     * old file or the new one, and a symlink at the target is replaced rather than followed.
     */
    private static Answer write(Daemon<?> d, Element args) throws CommandException {
        String name = d.configFile().toString();
        if (args != null) {
            if (!(args instanceof MapElement m)) {
                throw new CommandException("Argument must be a map");
            }
            Element f = m.get("filename");
            if (f != null) {
                if (!(f instanceof StringElement s)) {
                    throw new CommandException("passed parameter 'filename' is not a string");
                }
                name = s.value();
            }
        }
        if (name.isEmpty()) {
            throw new CommandException("Unable to determine filename.Please specify filename explicitly.");
        }
        Path configDir = d.paths().configDirectory();
        Path target;
        try {
            if (name.indexOf('\0') >= 0) {
                throw new InvalidPathException(name, "NUL character");
            }
            target = configDir.resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw new CommandException("not allowed to write config into " + printable(name)
                    + ": the file name is not a valid path");
        }
        if (!d.paths().unchecked() && !configDir.equals(target.getParent())) {
            throw new CommandException("not allowed to write config into " + name + ": file " + name
                    + " must be in the same directory as the config file (" + d.configFile() + ")");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
                && !Files.isSymbolicLink(target)) {
            throw new CommandException("not allowed to write config into " + name + ": it exists and is not a "
                    + "regular file");
        }
        byte[] text = (Json.toPretty(d.current().wrapped()) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(target + " is a directory");
            }
            Path tmp = Files.createTempFile(target.getParent(), ".config-write", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                // A new file is owner-only (it may hold database passwords); an existing one keeps its mode.
                if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS));
                }
                Files.write(tmp, text);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            return Answer.error("Error during config-write: Unable to open file " + name + " for writing: "
                    + ruru.io.IoErrors.describe(e));
        }
        return Answer.ok("Configuration written to " + name + " successful",
                MapElement.builder().put("filename", name).put("size", text.length).build());
    }
}
