package ruru.ha;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

import ruru.control.CommandRegistry;
import ruru.control.http.HttpSocketSpec;
import ruru.daemon.state.NetworkState;

/**
 * What the HA library uses of the daemon it runs in: the service on/off switch, the command
 * registry (peers' commands arrive there), the clock, files, threading, and the HTTP control
 * sockets of the configuration being applied (one may already serve this server's peer URL).
 */
public interface HaHost {

    NetworkState networkState();

    CommandRegistry registry();

    Clock clock();

    /** Resolves a file name from the configuration (relative names: the configuration's directory). */
    Function<String, Path> files();

    /** Whether the DHCP service runs multi-threaded, and with how many threads. */
    boolean dhcpMultiThreading();

    int dhcpThreads();

    /** The daemon's http/https control sockets in the configuration being applied. */
    List<HttpSocketSpec> controlSockets();

    /** Kea's logger root of the daemon, e.g. {@code kea-dhcp4}. */
    String loggerRoot();
}
