package ruru.daemon.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ruru.control.http.Credential;
import ruru.control.http.HttpResource;
import ruru.daemon.DaemonKind;
import ruru.daemon.metrics.DaemonMetrics;
import ruru.json.Json;
import ruru.json.MapElement;

/**
 * What a daemon's (or the agent's) HTTP control sockets serve on GET, behind the socket's own
 * authentication: {@code /metrics} (Prometheus), the dashboard ({@code /} and its files, read from
 * the jar), and {@code /session} (who the browser is and which of the dashboard's commands it may
 * send, so the page shows buttons only to a user allowed to press them).
 */
public final class WebRoutes {

    /** The dashboard's files: nothing else under /dashboard/ exists. */
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8");

    /** The commands the dashboard may send; /session says which of them the client is allowed. */
    static final List<String> DASHBOARD_COMMANDS = List.of("config-get", "status-get", "statistic-get-all",
            "list-commands", "dhcp-disable", "dhcp-enable", "lease4-get-all", "lease4-get", "lease4-get-by-hw-address",
            "lease4-get-by-hostname", "lease6-get-all", "lease6-get", "lease6-get-by-hostname");

    /** The files' bytes, read from the jar when first served (not on the daemon's start path). */
    private static final class Content {
        static final Map<String, byte[]> BYTES = load();
    }

    private final DaemonKind kind;
    private final DaemonMetrics metrics;

    public WebRoutes(DaemonKind kind, DaemonMetrics metrics) {
        this.kind = kind;
        this.metrics = metrics;
    }

    private static Map<String, byte[]> load() {
        java.util.HashMap<String, byte[]> out = new java.util.HashMap<>();
        for (String name : FILES.keySet()) {
            try (InputStream in = WebRoutes.class.getResourceAsStream("/ruru/dashboard/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("dashboard file missing from the jar: " + name);
                }
                out.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(out);
    }

    public Optional<HttpResource> get(String path, Optional<Credential> client) {
        switch (path) {
            case "/metrics" -> {
                if (!allowed(client, "statistic-get-all")) {
                    return Optional.of(HttpResource.forbidden());
                }
                DaemonMetrics.Scrape s = metrics.scrape();
                return Optional.of(HttpResource.ok(s.contentType(), s.body()));
            }
            case "/", "/index.html" -> {
                return file("index.html");
            }
            case "/session" -> {
                return Optional.of(HttpResource.json(Json.toCompact(session(client))));
            }
            default -> {
                if (path.startsWith("/dashboard/")) {
                    return Optional.of(file(path.substring("/dashboard/".length()))
                            .orElse(new HttpResource(HttpResource.Status.NOT_FOUND, "text/plain", new byte[0])));
                }
                return Optional.empty();
            }
        }
    }

    private static Optional<HttpResource> file(String name) {
        String type = FILES.get(name);
        return type == null ? Optional.empty() : Optional.of(HttpResource.ok(type, Content.BYTES.get(name)));
    }

    private MapElement session(Optional<Credential> client) {
        MapElement.Builder may = MapElement.builder();
        for (String command : DASHBOARD_COMMANDS) {
            may.put(command, allowed(client, command));
        }
        return MapElement.builder()
                .put("user", client.map(Credential::user).orElse(""))
                .put("daemon", kind.processName())
                .put("kind", kind.word())
                .put("agent", kind == DaemonKind.AGENT)
                .put("may", may.build())
                .build();
    }

    private static boolean allowed(Optional<Credential> client, String command) {
        return client.map(c -> c.allowsCommand(command)).orElse(true);
    }
}
