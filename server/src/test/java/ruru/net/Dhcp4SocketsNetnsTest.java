package ruru.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/**
 * RAW and UDP mode through a veth pair whose far end sits in a throwaway network namespace
 * (TEST-NET-1 192.0.2.0/24 only). The server runs here on the near end; a Python client runs in
 * the namespace. Needs root and iproute2: without them these tests fail, they do not skip.
 */
class Dhcp4SocketsNetnsTest {

    private static final long PID = ProcessHandle.current().pid();
    private static final String NS = "ruru-t" + PID;
    private static final String NEAR = "rr" + PID + "a";
    private static final String FAR = "rr" + PID + "b";
    private static final Ipv4Address SERVER_IP = ReplyRoutingTest.ip("192.0.2.1");
    private static final Ipv4Address CLIENT_IP = ReplyRoutingTest.ip("192.0.2.50");
    private static Path script;
    private static boolean created;

    @BeforeAll
    static void createNamespace() throws Exception {
        String uid = run(false, "id", "-u").trim();
        boolean haveIp = Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"))
                || Files.isExecutable(Path.of("/usr/bin/ip")) || Files.isExecutable(Path.of("/bin/ip"));
        if (!uid.equals("0") || !haveIp) {
            throw new AssertionError("needs root and iproute2: run in CI or as root (uid " + uid + ", ip found: " + haveIp + ")");
        }
        if (!run(false, "sh", "-c", "command -v python3 || echo MISSING").contains("python3")) {
            throw new AssertionError("needs python3 for the namespace client: run in CI");
        }
        script = Files.createTempFile("ruru-netns-client", ".py");
        try (InputStream in = Dhcp4SocketsNetnsTest.class.getResourceAsStream("netns_client.py")) {
            Files.write(script, in.readAllBytes());
        }
        created = true;
        run(true, "ip", "netns", "add", NS);
        run(true, "ip", "link", "add", NEAR, "type", "veth", "peer", "name", FAR);
        run(true, "ip", "link", "set", FAR, "netns", NS);
        run(true, "ip", "addr", "add", SERVER_IP + "/24", "dev", NEAR);
        run(true, "ip", "link", "set", NEAR, "up");
        run(true, "ip", "netns", "exec", NS, "ip", "link", "set", "lo", "up");
        run(true, "ip", "netns", "exec", NS, "ip", "link", "set", FAR, "up");
        awaitCarrier(NEAR);
    }

    /** Waits (up to 5 s) for {@code iface}'s carrier: a veth end is up once both ends are. */
    static void awaitCarrier(String iface) throws IOException, InterruptedException {
        Path operstate = Path.of("/sys/class/net", iface, "operstate");
        for (int i = 0; i < 50 && !Files.readString(operstate).trim().equals("up"); i++) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(operstate).trim()).as("veth carrier").isEqualTo("up");
    }

    @AfterAll
    static void removeNamespace() throws Exception {
        if (created) {
            run(false, "ip", "link", "del", NEAR);
            ruru.testing.Namespaces.delete(NS);
        }
        if (script != null) {
            Files.deleteIfExists(script);
        }
    }

    private static String run(boolean check, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", cmd));
        }
        if (check && p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }

    private static void clientAddress(boolean present) throws Exception {
        run(true, "ip", "netns", "exec", NS, "ip", "addr", "flush", "dev", FAR);
        if (present) {
            run(true, "ip", "netns", "exec", NS, "ip", "addr", "add", CLIENT_IP + "/24", "dev", FAR);
        }
    }

    private static HardwareAddress farMac() throws Exception {
        String text = run(true, "ip", "netns", "exec", NS, "cat", "/sys/class/net/" + FAR + "/address").trim();
        return HardwareAddress.parse(text);
    }

    /** What one scenario saw: the client's output and the requests the server received. */
    private record Outcome(List<String> replies, List<Received4> requests, List<Throwable> errors, int exit) {
    }

    /**
     * Opens the sockets on the near end, starts the client, and answers every request with the
     * replies {@code answer} builds until the client exits.
     */
    private static Outcome exchange(SocketMode mode, int xid, BiFunction<Received4, Integer, List<Reply4>> answer,
                                    String... clientArgs) throws Exception {
        int serverPort = Dhcp4SocketsLoopbackTest.freeUdpPort();
        int clientPort = Dhcp4SocketsLoopbackTest.freeUdpPort();
        List<Received4> requests = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        try (Dhcp4Sockets sockets = Dhcp4Sockets.open(new Dhcp4SocketSettings(List.of(NEAR), mode, serverPort, clientPort, false))) {
            assertThat(sockets.interfaces()).extracting(NetInterface::name).containsExactly(NEAR);
            Thread responder = Thread.ofPlatform().start(() -> {
                try {
                    Received4 r;
                    while ((r = sockets.receive()) != null) {
                        if (r.length() >= 240 && java.nio.ByteBuffer.wrap(r.data(), 4, 4).getInt() == xid) {
                            requests.add(r);
                            for (Reply4 reply : answer.apply(r, clientPort)) {
                                sockets.send(reply);
                            }
                        }
                    }
                } catch (Throwable t) {
                    errors.add(t);
                }
            });
            List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", NS, "python3", script.toString()));
            for (String a : clientArgs) {
                cmd.add(a.replace("SPORT", Integer.toString(serverPort)).replace("CPORT", Integer.toString(clientPort)));
            }
            Process client = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean done = client.waitFor(20, TimeUnit.SECONDS);
            if (!done) {
                client.destroyForcibly();
            }
            sockets.close();
            responder.join(5000);
            List<String> replies = out.lines().filter(l -> l.startsWith("REPLY")).toList();
            assertThat(out).as("client output").doesNotContain("Traceback");
            return new Outcome(replies, requests, errors, done ? client.exitValue() : -1);
        }
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> m = new HashMap<>();
        for (String kv : line.substring("REPLY ".length()).split(" ")) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    /** The request turned into a reply: op 2, yiaddr set, a marker in the secs field. */
    private static byte[] reply(Received4 r, Ipv4Address yiaddr, int marker) {
        byte[] p = java.util.Arrays.copyOf(r.data(), r.length());
        p[0] = 2;
        p[8] = (byte) (marker >>> 8);
        p[9] = (byte) marker;
        System.arraycopy(yiaddr.toBytes(), 0, p, 16, 4);
        return p;
    }

    private static HardwareAddress chaddr(Received4 r) {
        return new HardwareAddress(1, java.util.Arrays.copyOfRange(r.data(), 28, 34));
    }

    @Test
    void rawModeAnswersAClientWithoutAddressByUnicastFrame() throws Exception {
        clientAddress(false);
        HardwareAddress clientMac = farMac();
        int xid = 0x52555255;
        Outcome o = exchange(SocketMode.RAW, xid, (r, cport) -> List.of(ReplyRouting.route(r, Ipv4Address.ANY, Ipv4Address.ANY,
                false, CLIENT_IP, chaddr(r), false, reply(r, CLIENT_IP, 1), SocketMode.RAW, 0, cport)),
                "raw", FAR, "SPORT", "CPORT", Integer.toString(xid));
        assertThat(o.errors()).isEmpty();
        assertThat(o.exit()).as("client exit, replies %s", o.replies()).isZero();
        Received4 first = o.requests().getFirst();
        assertThat(first.iface().name()).isEqualTo(NEAR);
        assertThat(first.source()).isEqualTo(Ipv4Address.ANY);
        assertThat(first.local()).isEqualTo(Ipv4Address.BROADCAST);
        assertThat(first.toBroadcast()).isTrue();
        assertThat(chaddr(first)).isEqualTo(clientMac);

        Map<String, String> f = fields(o.replies().getFirst());
        assertThat(f).containsEntry("dstmac", clientMac.toString())
                .containsEntry("srcmac", first.iface().mac().toString())
                .containsEntry("src", SERVER_IP.toString())
                .containsEntry("dst", CLIENT_IP.toString())
                .containsEntry("ipsum", "True")
                .containsEntry("udpsum", "True")
                .containsEntry("op", "2")
                .containsEntry("yiaddr", CLIENT_IP.toString())
                .containsEntry("ttl", "128");
        assertThat(Integer.parseInt(f.get("iplen"))).isEqualTo(20 + Integer.parseInt(f.get("ulen")));
        assertThat(Integer.parseInt(f.get("ulen"))).isEqualTo(8 + first.length());
    }

    @Test
    void rawModeUnicastArrivalAndBothSendPathsPassTheKernelChecks() throws Exception {
        clientAddress(true);
        int xid = 0x0a0b0c0d;
        // Marker 1: raw frame to chaddr (the namespace's UDP stack verifies our checksums);
        // marker 2: unicast to ciaddr through the fallback UDP socket.
        Outcome o = exchange(SocketMode.RAW, xid, (r, cport) -> List.of(
                ReplyRouting.route(r, Ipv4Address.ANY, Ipv4Address.ANY, false, CLIENT_IP, chaddr(r), false,
                        reply(r, CLIENT_IP, 1), SocketMode.RAW, 0, cport),
                ReplyRouting.route(r, Ipv4Address.ANY, CLIENT_IP, false, CLIENT_IP, chaddr(r), false,
                        reply(r, CLIENT_IP, 2), SocketMode.RAW, 0, cport)),
                "udp", FAR, SERVER_IP.toString(), "SPORT", "CPORT", Integer.toString(xid), "2");
        assertThat(o.errors()).isEmpty();
        assertThat(o.exit()).as("client exit, replies %s", o.replies()).isZero();
        Received4 first = o.requests().getFirst();
        assertThat(first.source()).isEqualTo(CLIENT_IP);
        assertThat(first.local()).isEqualTo(SERVER_IP);
        assertThat(first.toBroadcast()).isFalse();
        assertThat(o.replies()).hasSize(2);
        for (String line : o.replies()) {
            assertThat(fields(line)).containsEntry("src", SERVER_IP.toString()).containsEntry("op", "2");
        }
    }

    /**
     * UDP mode binds the interface's address, as kea-dhcp4 does: a broadcast from a directly
     * connected client is not heard (Kea in UDP mode serves relayed and unicast traffic), a unicast
     * to the address is, and its reply leaves from that address.
     */
    @Test
    void udpModeHearsUnicastsToItsAddressNotBroadcastsAsKea() throws Exception {
        clientAddress(true);
        int xid = 0x11223344;
        Outcome bcast = exchange(SocketMode.UDP, xid, (r, cport) -> List.of(ReplyRouting.route(r, Ipv4Address.ANY,
                Ipv4Address.ANY, true, CLIENT_IP, chaddr(r), false, reply(r, CLIENT_IP, 3), SocketMode.UDP, 0, cport)),
                "udp", FAR, "255.255.255.255", "SPORT", "CPORT", Integer.toString(xid), "1");
        assertThat(bcast.errors()).isEmpty();
        assertThat(bcast.requests()).as("a broadcast is not heard in UDP mode").isEmpty();
        Outcome unicast = exchange(SocketMode.UDP, xid, (r, cport) -> List.of(ReplyRouting.route(r, Ipv4Address.ANY,
                CLIENT_IP, false, CLIENT_IP, chaddr(r), false, reply(r, CLIENT_IP, 4), SocketMode.UDP, 0, cport)),
                "udp", FAR, SERVER_IP.toString(), "SPORT", "CPORT", Integer.toString(xid), "1");
        assertThat(unicast.errors()).isEmpty();
        assertThat(unicast.exit()).as("client exit, replies %s", unicast.replies()).isZero();
        Received4 first = unicast.requests().getFirst();
        assertThat(first.local()).isEqualTo(SERVER_IP);
        assertThat(first.toBroadcast()).isFalse();
        assertThat(fields(unicast.replies().getFirst())).containsEntry("src", SERVER_IP.toString())
                .containsEntry("marker", "4");
        assertThat(Collections.frequency(unicast.replies(), unicast.replies().getFirst())).isEqualTo(1);
    }

    @Test
    void rawModeIgnoresItsOwnOutgoingDatagramsToTheServerPort() throws Exception {
        clientAddress(true);
        int serverPort = Dhcp4SocketsLoopbackTest.freeUdpPort();
        try (Dhcp4Sockets sockets = Dhcp4Sockets.open(new Dhcp4SocketSettings(List.of(NEAR), SocketMode.RAW, serverPort, 68, false))) {
            NetInterface near = sockets.interfaces().getFirst();
            byte[] toRelay = Dhcp4SocketsLoopbackTest.bootRequest(0x0badf00d, Ipv4Address.ANY, new byte[6]);
            // UDP to the server port (as a reply to a relay is) and to an address we accept: broadcast.
            // Today the ETH_P_IP binding alone keeps it out; this guards the property, not one mechanism.
            sockets.send(new Reply4(toRelay, near, Ipv4Address.BROADCAST, serverPort, null, SERVER_IP));
            java.util.concurrent.ExecutorService one = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                java.util.concurrent.Future<Received4> f = one.submit(sockets::receive);
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> f.get(700, TimeUnit.MILLISECONDS)))
                        .isInstanceOf(java.util.concurrent.TimeoutException.class);
                sockets.close();
                assertThat(f.get(3, TimeUnit.SECONDS)).isNull();
            } finally {
                one.shutdownNow();
            }
        }
    }
}
