package ruru.daemon.state;

import java.time.Duration;

import ruru.control.Answer;
import ruru.control.Command;
import ruru.control.CommandRegistry;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/**
 * dhcp-disable and dhcp-enable, as Kea's ControlledDhcpv4Srv/v6Srv handle them. Kea appends every
 * problem it finds to one message stream and fails if the stream is not empty, so two bad
 * parameters give both texts run together; this is reproduced.
 */
public final class DhcpStateCommands {

    private DhcpStateCommands() {
    }

    /** {@code family} is "DHCPv4" or "DHCPv6", as in "DHCPv4 service disabled". */
    public static void register(CommandRegistry registry, NetworkState state, String family) {
        registry.register("dhcp-disable", cmd -> disable(cmd, state, family));
        registry.register("dhcp-enable", cmd -> enable(cmd, state));
    }

    private static Answer disable(Command cmd, NetworkState state, String family) {
        StringBuilder message = new StringBuilder();
        long maxPeriod = 0;
        Origin origin = Origin.USER;
        Element args = cmd.arguments();
        if (args != null) {
            if (!(args instanceof MapElement map)) {
                message.append("arguments for the 'dhcp-disable' command must be a map");
            } else {
                Element mp = map.get("max-period");
                if (mp != null) {
                    if (!(mp instanceof IntElement i)) {
                        message.append("'max-period' argument must be a number");
                    } else {
                        maxPeriod = i.value();
                        if (maxPeriod <= 0) {
                            message.append("'max-period' must be positive integer");
                        }
                    }
                }
                origin = origin(map, message);
            }
        }
        if (!message.isEmpty()) {
            return Answer.error(message.toString());
        }
        message.append(family).append(" service disabled");
        if (maxPeriod > 0) {
            message.append(" for ").append(maxPeriod).append(" seconds");
            // Kea arms the timer before disabling; for a DB-connection origin the timer is refused
            // and the service stays as it was.
            try {
                state.delayedEnable(origin, Duration.ofSeconds(maxPeriod));
            } catch (IllegalArgumentException e) {
                return Answer.error("Error during command processing: " + e.getMessage());
            }
        }
        state.disable(origin);
        return Answer.ok(message.toString());
    }

    private static Answer enable(Command cmd, NetworkState state) {
        StringBuilder message = new StringBuilder();
        Origin origin = Origin.USER;
        Element args = cmd.arguments();
        if (args != null) {
            if (!(args instanceof MapElement map)) {
                message.append("arguments for the 'dhcp-enable' command must be a map");
            } else {
                origin = origin(map, message);
            }
        }
        if (!message.isEmpty()) {
            return Answer.error(message.toString());
        }
        state.enable(origin);
        return Answer.ok("DHCP service successfully enabled");
    }

    /**
     * {@code origin-id} (Kea 2.5.8+) wins over {@code origin}; HA sends both to partners of either
     * age. {@code origin} takes "user", "ha-partner" or a number.
     */
    private static Origin origin(MapElement map, StringBuilder message) {
        Element originId = map.get("origin-id");
        Element origin = map.get("origin");
        if (originId != null) {
            if (originId instanceof IntElement i) {
                return Origin.fromJson(i.value());
            }
            message.append("'origin-id' argument must be a number");
            return Origin.USER;
        }
        if (origin == null) {
            return Origin.USER;
        }
        switch (origin) {
            case StringElement s -> {
                if (s.value().equals("ha-partner")) {
                    return Origin.HA_PARTNER;
                }
                if (!s.value().equals("user")) {
                    message.append("invalid value used for 'origin' parameter: ")
                            .append(s.value().isEmpty() ? "(empty string)" : s.value());
                }
                return Origin.USER;
            }
            case IntElement i -> {
                return Origin.fromJson(i.value());
            }
            default -> {
                message.append("'origin' argument must be a string or a number");
                return Origin.USER;
            }
        }
    }
}
