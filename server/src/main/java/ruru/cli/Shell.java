package ruru.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLException;

import ruru.control.http.ClientTls;
import ruru.daemon.BuildInfo;
import ruru.io.IoErrors;

/**
 * {@code bin/ruru shell}: kea-shell for ruru. Same options, same request (kea-shell's body text and
 * headers, POST to {@code /<path>}), same output (the raw answer body) and the same failures
 * ({@code Failed to run: HTTP Error 401: Unauthorized}, exit 1), so scripts written for kea-shell
 * keep working.
 */
public final class Shell {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    /** Reason phrases as Python's urllib prints them in "HTTP Error N: reason". */
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
            Map.entry(411, "Length Required"), Map.entry(413, "Payload Too Large"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
            Map.entry(503, "Service Unavailable"), Map.entry(505, "HTTP Version Not Supported"));

    static {
        // kea-shell (Python's urllib) sends "Connection: close"; java.net.http refuses that header
        // unless told otherwise before its first use.
        if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", "connection");
        }
    }

    private Shell() {
    }

    public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        ShellOptions o;
        try {
            o = ShellOptions.parse(args);
        } catch (ShellOptions.UsageException e) {
            err.print(ShellOptions.usage());
            err.println("ruru shell: error: " + e.getMessage());
            return EXIT_USAGE;
        }
        switch (o.mode()) {
            case HELP -> {
                out.print(ShellOptions.usage());
                return EXIT_OK;
            }
            case VERSION -> {
                out.println(BuildInfo.keaVersion());
                return EXIT_OK;
            }
            default -> {
            }
        }
        try {
            String password = o.authPasswordFile().isPresent() ? readPassword(Path.of(o.authPasswordFile().get()))
                    : o.authPassword();
            String body = body(o.command(), o.services(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return send(o, password, body, out);
        } catch (IOException e) {
            out.println("Failed to run: " + e.getMessage());
            return EXIT_FAILURE;
        }
    }

    /** The password file holds the password; a trailing newline (an editor's) is not part of it. */
    private static String readPassword(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IOException("cannot read the password file " + file + ": " + IoErrors.reasonFor(file, e), e);
        }
    }

    /**
     * kea-shell's body, built as text: stdin is the inside of {@code "arguments": { ... }}, and only
     * added when it is longer than one character (so {@code echo ""} means no arguments).
     */
    static String body(String command, List<String> services, String arguments) {
        StringBuilder b = new StringBuilder("{ \"command\": \"").append(command).append('"');
        if (!services.isEmpty()) {
            b.append(", \"service\": [\"").append(String.join("\",\"", services)).append("\"]");
        }
        if (arguments.length() > 1) {
            b.append(", \"arguments\": { ").append(arguments).append(" }");
        }
        return b.append(" }").toString();
    }

    private static int send(ShellOptions o, String password, String body, PrintStream out) throws IOException {
        boolean https = o.ca().isPresent();
        String host = o.host().contains(":") && !o.host().startsWith("[") ? "[" + o.host() + "]" : o.host();
        URI uri;
        try {
            uri = URI.create((https ? "https" : "http") + "://" + host + ":" + o.port() + "/" + o.path());
        } catch (IllegalArgumentException e) {
            throw new IOException("bad URL: " + e.getMessage(), e);
        }
        Duration timeout = Duration.ofSeconds(o.timeoutSeconds());
        HttpClient.Builder cb = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout);
        if (https) {
            try {
                cb.sslContext(ClientTls.context(Path.of(o.ca().get()), o.cert().map(Path::of), o.key().map(Path::of)));
            } catch (GeneralSecurityException e) {
                throw new IOException("TLS setup failed: " + e.getMessage(), e);
            }
        }
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("User-Agent", "Kea-shell/" + BuildInfo.keaVersion())
                .header("Accept", "*/*")
                .header("Content-Type", "application/json");
        if (!o.authUser().isEmpty()) {
            String secret = o.authUser() + ":" + password;
            rb.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            rb.header("Connection", "close");
        } catch (IllegalArgumentException e) {
            // HttpClient was loaded before our property: the header is a courtesy, not a need.
        }
        try (HttpClient client = cb.build()) {
            HttpResponse<String> response = client.send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = response.statusCode();
            if (status < 200 || status > 299) {
                out.println("Failed to run: HTTP Error " + status + ": " + REASONS.getOrDefault(status, "Error"));
                return EXIT_FAILURE;
            }
            out.println(response.body());
            return EXIT_OK;
        } catch (HttpTimeoutException e) {
            out.println("Connection timeout");
            return EXIT_FAILURE;
        } catch (ConnectException e) {
            out.println("Failed to run: cannot connect to " + uri + ": " + describe(e));
            return EXIT_FAILURE;
        } catch (SSLException e) {
            out.println("Failed to run: TLS error talking to " + uri + ": " + describe(e));
            return EXIT_FAILURE;
        } catch (IOException e) {
            out.println("Failed to run: " + uri + ": " + describe(e));
            return EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("Failed to run: interrupted");
            return EXIT_FAILURE;
        }
    }

    /** java.net.http often wraps the useful message ("Connection refused") in a cause. */
    private static String describe(Throwable e) {
        Throwable t = e;
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
            t = t.getCause();
        }
        return e.getClass().getSimpleName();
    }
}
