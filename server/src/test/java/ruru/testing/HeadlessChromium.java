package ruru.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ruru.json.Element;
import ruru.json.Json;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.ParseOptions;

/**
 * Debian's headless Chromium driven over the DevTools protocol with the JDK's WebSocket client:
 * open a page, read from its DOM, take a screenshot. Started with the flags that work on a machine
 * without network (no background connections, fresh profile), bounded in time, always killed.
 */
public final class HeadlessChromium implements AutoCloseable {

    private final Process process;
    private final Path profile;
    private final HttpClient http = HttpClient.newHttpClient();
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<MapElement>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, Path profile, String pageSocket) throws Exception {
        this.process = process;
        this.profile = profile;
        this.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(pageSocket), new Listener()).get(20, TimeUnit.SECONDS);
    }

    /** Starts Chromium (fails loudly when it is not installed: apt-get install chromium). */
    public static HeadlessChromium start(Path workDir) throws Exception {
        NetnsPair.requireTool("chromium", "chromium");
        Path profile = Files.createTempDirectory(workDir, "chromium");
        Process p = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--window-size=1280,1100",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(workDir.resolve("chromium.log").toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            Instant deadline = Instant.now().plusSeconds(30);
            while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
                if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new AssertionError("chromium did not start:\n" + Files.readString(workDir.resolve("chromium.log")));
                }
                Thread.sleep(100);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
            String list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String page = null;
            for (Element e : ((ListElement) Json.parse(list.getBytes(StandardCharsets.UTF_8), ParseOptions.string())).items()) {
                MapElement m = (MapElement) e;
                if ("page".equals(m.get("type").asString().orElse(""))) {
                    page = m.get("webSocketDebuggerUrl").asString().orElseThrow();
                    break;
                }
            }
            if (page == null) {
                throw new AssertionError("chromium has no page target: " + list);
            }
            return new HeadlessChromium(p, profile, page);
        } catch (Exception | AssertionError e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** Sends one DevTools command and waits for its result. */
    public MapElement call(String method, String paramsJson) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<MapElement> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}", true)
                .get(10, TimeUnit.SECONDS);
        MapElement m = answer.get(30, TimeUnit.SECONDS);
        if (m.get("error") != null) {
            throw new AssertionError(method + " failed: " + Json.toCompact(m.get("error")));
        }
        return (MapElement) m.get("result");
    }

    /** Every request of the page carries this Basic authentication (the user's browser credentials). */
    public void basicAuth(String user, String password) throws Exception {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        call("Network.enable", "{}");
        call("Network.setExtraHTTPHeaders", "{\"headers\":{\"Authorization\":\"Basic " + token + "\"}}");
    }

    public void navigate(String url) throws Exception {
        call("Page.enable", "{}");
        call("Page.navigate", "{\"url\":" + Json.toCompact(Element.of(url)) + "}");
    }

    /** Evaluates a JavaScript expression in the page and returns its value as text ("" for undefined). */
    public String eval(String expression) throws Exception {
        MapElement r = call("Runtime.evaluate", "{\"expression\":" + Json.toCompact(Element.of(expression))
                + ",\"returnByValue\":true}");
        Element value = ((MapElement) r.get("result")).get("value");
        if (value == null) {
            return "";
        }
        return value.asString().orElseGet(() -> Json.toCompact(value));
    }

    /** Waits until the expression is true in the page. */
    public void await(String expression, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!"true".equals(eval("String(!!(" + expression + "))"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("page never satisfied: " + expression + "\npage text:\n"
                        + eval("document.body ? document.body.innerText : ''"));
            }
            Thread.sleep(200);
        }
    }

    /** A PNG of the whole viewport. */
    public void screenshot(Path file) throws Exception {
        MapElement r = call("Page.captureScreenshot", "{\"format\":\"png\"}");
        Files.write(file, Base64.getDecoder().decode(r.get("data").asString().orElseThrow()));
    }

    @Override
    public void close() {
        try {
            socket.abort();
        } catch (RuntimeException e) {
            // going away anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    MapElement m = (MapElement) Json.parse(message.getBytes(StandardCharsets.UTF_8), ParseOptions.string());
                    if (m.get("id") != null) {
                        CompletableFuture<MapElement> f = pending.remove((int) m.get("id").asLong().orElse(-1L).longValue());
                        if (f != null) {
                            f.complete(m);
                        }
                    }
                } catch (RuntimeException | ruru.json.JsonException e) {
                    // an event we cannot read is not ours to wait for
                }
            }
            ws.request(1);
            return null;
        }
    }
}
