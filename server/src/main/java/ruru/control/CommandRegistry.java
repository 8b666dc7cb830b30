package ruru.control;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.daemon.logging.KeaMessage;
import ruru.daemon.logging.LibraryMessages;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.Position;
import ruru.json.StringElement;

/**
 * The command map and its one error boundary. Built-in handlers and hook handlers live in two
 * maps; a hook handler takes precedence over a built-in of the same name (as in Kea), and
 * {@code list-commands} is computed from both.
 *
 * <p>Commands run one at a time (Kea runs them on its main thread): a config-set never overlaps
 * another command. Transports may call {@link #execute} from any thread.
 */
public final class CommandRegistry {

    private final Logger log;
    private final KeaMessage received;

    private final Map<String, CommandHandler> builtins = new ConcurrentHashMap<>();
    private final Map<String, CommandHandler> hooks = new ConcurrentHashMap<>();
    /** Commands hold it exclusively, except {@link Concurrent} ones, which share it among themselves. */
    private final ReentrantReadWriteLock serial = new ReentrantReadWriteLock(true);
    private volatile CommandObserver observer;
    /** A shutdown was asked for: the connection that asked keeps its socket until the channel closes. */
    private volatile boolean closing;

    /**
     * A handler that may run at the same time as other such handlers, never alongside any other
     * command: the lease changes an HA partner sends with each client it serves (Kea 3 runs them
     * on its HA listener's threads). A reconfiguration still waits for them.
     */
    public interface Concurrent extends CommandHandler {
    }

    /** {@code handler}, marked {@link Concurrent}. */
    public static CommandHandler concurrent(CommandHandler handler) {
        Concurrent c = handler::handle;
        return c;
    }

    /** Sees every answer before it is sent and may replace it (Kea's {@code command_processed} hook point). */
    @FunctionalInterface
    public interface CommandObserver {
        Answer processed(Command command, Answer answer);
    }

    /** A registry logging under {@code ruru.commands} (tests and tools). */
    public CommandRegistry() {
        this("ruru.commands");
    }

    /**
     * @param loggerName where this registry and the transports serving it log: a daemon passes
     *                   Kea's name ({@code kea-dhcp4.commands}) so users' {@code loggers} reach it
     */
    public CommandRegistry(String loggerName) {
        this.log = LoggerFactory.getLogger(loggerName);
        this.received = LibraryMessages.COMMAND_RECEIVED.at(loggerName);
        builtins.put("list-commands", cmd -> Answer.okArgs(listCommands()));
    }

    /** The logger of the command channel this registry serves. */
    public Logger log() {
        return log;
    }

    /** One of Kea's command-channel messages on this registry's logger ({@code kea-dhcp4.commands}). */
    public KeaMessage message(LibraryMessages m) {
        return m.at(log.getName());
    }

    /**
     * COMMAND_REGISTERED for every built-in command, in the order Kea's daemon registers them
     * ({@code keaOrder}; the commands Kea 2.2 lacks in their place in Kea 3's list), then any others by
     * name. Kea writes these as its daemon object is made, before any configuration: so here, once the
     * daemon has registered everything (the lines only reach standard output with -d).
     */
    public void logRegistered(List<String> keaOrder) {
        logRegistered(keaOrder, List.of());
    }

    /** {@link #logRegistered(List)} without the commands in {@code done} (written before). */
    public void logRegistered(List<String> keaOrder, List<String> done) {
        KeaMessage registered = message(LibraryMessages.COMMAND_REGISTERED);
        if (!registered.enabled()) {
            return;
        }
        TreeSet<String> rest = new TreeSet<>(builtins.keySet());
        rest.removeAll(done);
        for (String name : keaOrder) {
            if (rest.remove(name)) {
                registered.log(name);
            }
        }
        rest.forEach(registered::log);
    }

    /** COMMAND_REGISTERED for exactly {@code names} (those registered), in that order. */
    public void logRegisteredOnly(List<String> names) {
        KeaMessage registered = message(LibraryMessages.COMMAND_REGISTERED);
        for (String name : names) {
            if (builtins.containsKey(name)) {
                registered.log(name);
            }
        }
    }

    /**
     * Removes the built-in commands as the daemon stops, each with COMMAND_DEREGISTERED in name
     * order as Kea's daemons do (list-commands, the command manager's own, stays).
     */
    public void deregisterAll() {
        KeaMessage deregistered = message(LibraryMessages.COMMAND_DEREGISTERED);
        for (String name : new TreeSet<>(builtins.keySet())) {
            if (!name.equals("list-commands")) {
                builtins.remove(name);
                deregistered.log(name);
            }
        }
    }

    /**
     * Waits while a command or a configuration load runs: Kea serves its command socket on its one
     * thread, so a connection made meanwhile is only accepted after it.
     */
    public void awaitIdle() {
        serial.writeLock().lock();
        serial.writeLock().unlock();
    }

    /** The daemon is going down (a shutdown command or a signal). */
    public void markClosing() {
        closing = true;
    }

    /** Whether {@link #markClosing} was called. */
    public boolean closing() {
        return closing;
    }

    public void register(String name, CommandHandler handler) {
        if (builtins.putIfAbsent(name, handler) != null) {
            throw new IllegalStateException("command already registered: " + name);
        }
    }

    /** Registers a handler provided by a hook library; it shadows a built-in of the same name. */
    /** Replaces a built-in command: a daemon whose command differs from the common one (D2's shutdown). */
    public void replace(String name, CommandHandler handler) {
        if (builtins.replace(name, handler) == null) {
            throw new IllegalStateException("command not registered: " + name);
        }
    }

    public void registerHook(String name, CommandHandler handler) {
        hooks.put(name, handler);
    }

    public void unregisterHook(String name) {
        hooks.remove(name);
    }

    /** Installs (or with null removes) the observer of answers; hook libraries use it. */
    public void setCommandObserver(CommandObserver observer) {
        this.observer = observer;
    }

    public boolean isSupported(String name) {
        return builtins.containsKey(name) || hooks.containsKey(name);
    }

    /** Every command name, sorted. */
    public List<String> names() {
        TreeSet<String> all = new TreeSet<>(builtins.keySet());
        all.addAll(hooks.keySet());
        return List.copyOf(all);
    }

    private ListElement listCommands() {
        return new ListElement(names().stream().<Element>map(n -> new StringElement(n, Position.NONE)).toList(),
                Position.NONE);
    }

    /** Work that may throw a checked exception, for {@link #exclusive}. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code work} while no command runs; commands arriving meanwhile wait. The daemon loads
     * its first configuration this way, so a client that connects the instant the socket appears
     * never sees a daemon without one.
     */
    public <T, E extends Exception> T exclusive(Work<T, E> work) throws E {
        serial.writeLock().lock();
        try {
            return work.run();
        } finally {
            serial.writeLock().unlock();
        }
    }

    /** Runs a command and always returns an answer. */
    public Answer execute(Command command) {
        // Kea logs every command it reads, the unsupported ones too
        received.log(command.name());
        CommandHandler handler = "list-commands".equals(command.name()) ? null : hooks.get(command.name());
        if (handler == null) {
            handler = builtins.get(command.name());
        }
        if (handler == null) {
            return Answer.unsupported(command.name());
        }
        Lock lock = handler instanceof Concurrent ? serial.readLock() : serial.writeLock();
        lock.lock();
        try {
            return observed(command, run(handler, command));
        } finally {
            lock.unlock();
        }
    }

    private Answer run(CommandHandler handler, Command command) {
        try {
            Answer answer = handler.handle(command);
            return answer != null ? answer : Answer.error("Error during command processing: handler returned no answer");
        } catch (CommandException e) {
            return e.toAnswer();
        } catch (ruru.lease.LeaseStoreUnavailableException e) {
            // the lease database is unreachable: its reason, not a Java exception's text
            return Answer.error(e.getMessage());
        } catch (RuntimeException e) {
            // A fault of ruru's own: the log has the details, the client a plain text (never Java's).
            message(LibraryMessages.COMMAND_PROCESS_ERROR2).log(e);
            log.debug("the fault while processing '{}'", command.name(), e);
            return Answer.error("Error during command processing: internal error while processing '" + command.name()
                    + "' (see the server's log)");
        }
    }

    /** A failing observer must not cost the client its answer. */
    private Answer observed(Command command, Answer answer) {
        CommandObserver o = observer;
        if (o == null) {
            return answer;
        }
        try {
            Answer changed = o.processed(command, answer);
            return changed != null ? changed : answer;
        } catch (RuntimeException e) {
            log.error("HOOKS_CALLOUT_EXCEPTION command_processed failed for '{}': {}", command.name(), e.toString());
            return answer;
        }
    }

    /** Reads a command element and runs it; malformed commands get Kea's texts. */
    public Answer execute(Element commandElement) {
        Command command;
        try {
            command = Command.fromElement(commandElement);
        } catch (CommandException e) {
            return Answer.error("Error during command processing: " + e.getMessage());
        }
        return execute(command);
    }
}
