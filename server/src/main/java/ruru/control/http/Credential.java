package ruru.control.http;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One client allowed by basic authentication, with ruru's authorization extension: the commands
 * and {@code service} values it may send (absent = all, as for a plain Kea client entry).
 *
 * @param password never logged and never part of {@link #toString()} or an exception text
 */
public record Credential(String user, String password, Optional<Set<String>> commands,
        Optional<Set<String>> services) {

    public Credential {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        commands = commands.map(Set::copyOf);
        services = services.map(Set::copyOf);
    }

    public static Credential of(String user, String password) {
        return new Credential(user, password, Optional.empty(), Optional.empty());
    }

    public boolean allowsCommand(String command) {
        return commands.isEmpty() || commands.get().contains(command);
    }

    public boolean allowsService(String service) {
        return services.isEmpty() || services.get().contains(service);
    }

    @Override
    public String toString() {
        return "Credential[user=" + user + ", password=(hidden), commands=" + commands + ", services=" + services + "]";
    }
}
