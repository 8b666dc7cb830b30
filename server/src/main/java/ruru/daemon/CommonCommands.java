package ruru.daemon;

import ruru.control.Answer;
import ruru.control.CommandException;
import ruru.control.CommandRegistry;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.MapElement;

/**
 * The commands every daemon answers the same way (seed 002, "Commands Supported by..."):
 * version-get, build-report, status-get, shutdown, and the config-* family in
 * {@link ConfigCommands}.
 */
final class CommonCommands {

    private CommonCommands() {
    }

    static void register(Daemon<?> daemon) {
        CommandRegistry r = daemon.registry();
        r.register("version-get", cmd -> Answer.ok(BuildInfo.keaVersion(),
                MapElement.builder().put("extended", BuildInfo.extendedVersion()).build()));
        r.register("build-report", cmd -> Answer.ok(BuildInfo.buildReport()));
        r.register("status-get", cmd -> Answer.okArgs(status(daemon)));
        r.register("shutdown", cmd -> shutdown(daemon, cmd.arguments()));
        ConfigCommands.register(daemon);
    }

    static MapElement status(Daemon<?> daemon) {
        MapElement.Builder b = MapElement.builder()
                .put("pid", ProcessHandle.current().pid())
                .put("uptime", daemon.uptimeSeconds())
                .put("reload", daemon.reloadSeconds());
        daemon.personality().status(b);
        return b.build();
    }

    private static Answer shutdown(Daemon<?> daemon, Element args) throws CommandException {
        int exit = 0;
        if (args != null) {
            if (!(args instanceof MapElement m)) {
                throw new CommandException("Argument must be a map");
            }
            Element value = m.get("exit-value");
            if (value != null) {
                if (!(value instanceof IntElement i) || i.value() < Integer.MIN_VALUE || i.value() > Integer.MAX_VALUE) {
                    throw new CommandException("parameter 'exit-value' is not an integer");
                }
                exit = (int) i.value();
            }
        }
        daemon.personality().lifecycle().shutdownRequested();
        daemon.requestShutdown(exit);
        return Answer.ok("Shutting down.");
    }
}
