package ruru.ddns.d2.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import ruru.json.Element;
import ruru.json.Json;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.KeaExamples;

/**
 * Kea's D2 example configurations (shared/kea-reference/examples/ddns, read in place) through
 * {@code bin/ruru ddns -t}, with kea-dhcp-ddns 2.2 {@code -t} as the oracle:
 * <ul>
 *   <li>in Kea 2.2's spelling (the UNIX entry of {@code control-sockets} as {@code control-socket},
 *       {@code output_options}, an inline {@code secret} for 3.0's {@code secret-file}), with and
 *       without their {@code hooks-libraries} (libraries this machine does not have, which stop both
 *       checks before the rest): both accept or both refuse, ruru's text starting with Kea's;</li>
 *   <li>as Kea 3 wrote them (libraries left out, {@code secret-file} naming a file that exists),
 *       ruru's verdict is Kea 3's: accepted, except the undefined key of all-keys-netconf.json and
 *       the default password "1234" of the HTTP sockets of all-keys.json and comments.json, which
 *       Kea 3 refuses (FACTS 3: default credentials) and 2.2, without HTTP sockets in D2, never saw.</li>
 * </ul>
 */
class D2KeaExamplesTest {

    private static final Path KEA = Path.of("/usr/sbin/kea-dhcp-ddns");
    private static final String SECRET = "LSWXnfkKZjdPJI5QxlpnfQ==";
    private static DaemonDirs dirs;
    private static Path secretFile;

    @BeforeAll
    static void setUp() throws Exception {
        assertThat(Files.isExecutable(KEA)).as("kea-dhcp-ddns 2.2 (Debian kea-dhcp-ddns-server) is the oracle here")
                .isTrue();
        dirs = DaemonDirs.create();
        secretFile = dirs.config().resolve("d2-secret");
        Files.writeString(secretFile, SECRET + "\n");
    }

    @AfterAll
    static void tearDown() {
        if (dirs != null) {
            dirs.close();
        }
    }

    static Stream<String> examples() throws Exception {
        try (Stream<Path> files = Files.list(KeaExamples.directory().resolve("ddns"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
                    .toList();
            assertThat(names).contains("all-keys.json", "all-keys-netconf.json", "comments.json", "gss-tsig.json",
                    "sample1.json", "template.json");
            return names.stream();
        }
    }

    /** Kea 3's verdict on each example without its hook libraries ("OK" or the error text). */
    private static final Map<String, String> KEA3 = Map.of(
            "all-keys-netconf.json", "Dns Server : specifies an undefined key: d2.sha1.key",
            "all-keys.json", "password must not be a default one",
            "comments.json", "password must not be a default one");

    @ParameterizedTest
    @MethodSource("examples")
    void ruruAgreesWithKea(String name) throws Exception {
        MapElement root = (MapElement) Json.parseFile(KeaExamples.directory().resolve("ddns").resolve(name), w -> { });
        MapElement d2 = (MapElement) root.get("DhcpDdns");

        MapElement as22 = spelled22(d2);
        compare(name, "in Kea 2.2's spelling", as22);
        if (as22.has("hooks-libraries")) {
            compare(name, "in Kea 2.2's spelling, without hooks-libraries", as22.without("hooks-libraries"));
        }

        Path kea3 = write("kea3-" + name, withSecretFile(d2.without("hooks-libraries")));
        assertThat(ruru(kea3)).as(name + " as Kea 3 wrote it").isEqualTo(KEA3.getOrDefault(name, "OK"));
    }

    private static void compare(String name, String how, MapElement d2) throws Exception {
        Path file = write("kea22-" + name, d2);
        String kea = kea(file);
        String ruru = ruru(file);
        if (kea.equals("OK")) {
            assertThat(ruru).as(name + " " + how + ": kea-dhcp-ddns 2.2 accepts it").isEqualTo("OK");
        } else {
            assertThat(ruru).as(name + " " + how + ": kea-dhcp-ddns 2.2 says " + kea).startsWith(kea);
        }
    }

    private static Path write(String fileName, MapElement d2) throws Exception {
        Path file = dirs.config().resolve(fileName);
        Files.writeString(file, Json.toPretty(MapElement.builder().put("DhcpDdns", d2).build()));
        return file;
    }

    /** Kea 2.2's spelling: one UNIX control socket (in our socket directory), output_options, inline secrets. */
    private static MapElement spelled22(MapElement d2) {
        MapElement out = d2;
        if (d2.get("control-sockets") instanceof ListElement sockets) {
            out = out.without("control-sockets");
            for (Element s : sockets.items()) {
                MapElement m = (MapElement) s;
                if (m.get("socket-type").asString().orElse("").equals("unix")) {
                    String bare = Path.of(m.get("socket-name").asString().orElseThrow()).getFileName().toString();
                    out = out.with("control-socket", m.with("socket-name",
                            Element.of(dirs.sockets().resolve(bare).toString())));
                    break;
                }
            }
        }
        return (MapElement) rewrite(out, "", true);
    }

    private static MapElement withSecretFile(MapElement d2) {
        return (MapElement) rewrite(d2, "", false);
    }

    private static Element rewrite(Element e, String key, boolean kea22) {
        if (e instanceof ListElement l) {
            return new ListElement(l.items().stream().map(i -> rewrite(i, key, kea22)).toList(), l.position());
        }
        if (!(e instanceof MapElement m)) {
            return e;
        }
        MapElement.Builder b = MapElement.builder(m.position());
        for (var entry : m.entries().entrySet()) {
            String k = entry.getKey();
            Element v = rewrite(entry.getValue(), k, kea22);
            if (k.equals("secret-file")) {
                if (kea22) {
                    b.put("secret", Element.of(SECRET));
                } else {
                    b.put(k, Element.of(secretFile.toString()));
                }
            } else if (kea22 && k.equals("output-options")) {
                b.put("output_options", v);
            } else {
                b.put(k, v);
            }
        }
        return b.build();
    }

    /** kea-dhcp-ddns 2.2 -t: "OK" or its error without the position. */
    private static String kea(Path file) throws Exception {
        Path run = Files.createDirectories(dirs.root().resolve("kea-run"));
        ProcessBuilder pb = new ProcessBuilder(KEA.toString(), "-t", file.toString()).redirectErrorStream(true);
        pb.environment().putAll(Map.of("KEA_PIDFILE_DIR", run.toString(), "KEA_LOCKFILE_DIR", run.toString(),
                "KEA_LOGGER_DESTINATION", "/dev/null"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0 ? "OK" : error(out, "kea-dhcp-ddns -t");
    }

    /** bin/ruru ddns -t as a user runs it: "OK" or its error without the position. */
    private static String ruru(Path file) throws Exception {
        DaemonProcess.Result r = DaemonProcess.runToEnd(dirs, "ddns", "-t", file.toString());
        return r.exit() == 0 ? "OK" : error(r.out() + r.err(), "ruru ddns -t");
    }

    private static String error(String output, String who) {
        List<String> prefixes = new ArrayList<>(List.of("Error encountered: ", "Syntax check failed with: "));
        for (String line : output.split("\n")) {
            for (String prefix : prefixes) {
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length()).replaceFirst(" \\([^()]+:\\d+[:.]\\d+[^()]*\\)$", "");
                }
            }
        }
        throw new AssertionError(who + " failed without an error line: " + output);
    }
}
