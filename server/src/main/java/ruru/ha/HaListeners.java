package ruru.ha;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;

import ruru.control.CommandRegistry;
import ruru.control.http.BasicAuth;
import ruru.control.http.CommandForbidden;
import ruru.control.http.Credential;
import ruru.control.http.DaemonHttpHandler;
import ruru.control.http.HttpCommandHandler;
import ruru.control.http.HttpControlServer;
import ruru.control.http.HttpSocketSpec;
import ruru.control.http.Limits;
import ruru.daemon.logging.KeaLog;
import ruru.ha.config.HaConfig;
import ruru.ha.config.PeerConfig;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.json.StringElement;

/**
 * Kea 3's dedicated HA listener: the server answers its partners itself on its own peer URL, with
 * the TLS files and credentials of its own {@code peers} entry (a client certificate required when
 * {@code require-client-certs}), and only the HA command set when {@code restrict-commands} is on.
 * When a control socket of the daemon already listens on that address and port, that socket serves
 * the partner instead (a Kea 2.2-style setup through the daemon's HTTP socket).
 */
final class HaListeners implements AutoCloseable {

    private final List<HttpControlServer> servers = new ArrayList<>();

    static HaListeners start(List<HaConfig> relationships, HaHost host, Set<String> peerCommands, Logger log)
            throws IOException {
        HaListeners listeners = new HaListeners();
        try {
            List<String> opened = new ArrayList<>();
            for (HaConfig c : relationships) {
                PeerConfig me = c.thisServer();
                String endpoint = me.url().authority();
                if (!c.multiThreading().enabled() || !c.multiThreading().dedicatedListener()
                        || opened.contains(endpoint)) {
                    continue;
                }
                Optional<HttpSocketSpec> shared = host.controlSockets().stream()
                        .filter(s -> s.address().equals(me.url().host()) && s.port() == me.url().port()).findFirst();
                if (shared.isPresent()) {
                    KeaLog.info(log, "HA_LISTENER_SHARED", "{}: the control socket {} serves the partners on {}",
                            c.thisServerName(), shared.get(), me.url());
                    continue;
                }
                listeners.servers.add(HttpControlServer.start(spec(c, me), handler(host.registry(),
                        c.restrictCommands() ? peerCommands : null), Limits.KEA, host.loggerRoot() + ".ha-hooks"));
                opened.add(endpoint);
            }
            return listeners;
        } catch (IOException | RuntimeException e) {
            listeners.close();
            throw e;
        }
    }

    private static HttpSocketSpec spec(HaConfig c, PeerConfig me) {
        Optional<BasicAuth> auth = me.credentials().map(cr -> new BasicAuth("kea-ha",
                List.of(Credential.of(cr.user(), cr.password()))));
        return new HttpSocketSpec(me.url().host(), me.url().port(), me.tls(), c.requireClientCerts(), auth, List.of(),
                Position.NONE);
    }

    /** The daemon's command handling, with the allow-list when {@code restrict-commands} is on. */
    private static HttpCommandHandler handler(CommandRegistry registry, Set<String> allowed) {
        DaemonHttpHandler daemon = new DaemonHttpHandler(registry);
        if (allowed == null) {
            return daemon;
        }
        return (body, user) -> {
            if (body instanceof MapElement m && m.get("command") instanceof StringElement name
                    && !allowed.contains(name.value())) {
                throw new CommandForbidden(name.value());
            }
            return daemon.handle(body, user);
        };
    }

    /** The bound addresses (tests). */
    List<java.net.InetSocketAddress> addresses() {
        return servers.stream().map(HttpControlServer::address).toList();
    }

    @Override
    public void close() {
        servers.forEach(HttpControlServer::close);
        servers.clear();
    }
}
