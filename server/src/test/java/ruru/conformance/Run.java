package ruru.conformance;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ruru.json.Element;
import ruru.json.MapElement;
import ruru.net.NetnsRawPort;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;
import ruru.wire.v4.Dhcp4Packet;

/**
 * One scenario played against one server: sends the script's queries on the lab's wire, waits for
 * the answers and writes everything observable into the transcript that is compared with Kea's.
 */
final class Run {

    static final byte[] BROADCAST_MAC = {-1, -1, -1, -1, -1, -1};

    final Lab lab;
    final DhcpServer server;
    final List<String> transcript = new ArrayList<>();
    private final Map<Integer, Client> clients = new HashMap<>();

    Run(Lab lab, DhcpServer server) {
        this.lab = lab;
        this.server = server;
    }

    /** Client number {@code n} (MAC 02:00:00:00:nn:nn), the same object for the whole run. */
    Client client(int n) {
        return clients.computeIfAbsent(n, Client::new);
    }

    void note(String line) {
        transcript.add("# " + line);
    }

    /** Sends the query and records the reply (or its absence); the client learns from it. */
    Reply send(Query q) throws IOException, InterruptedException {
        Dhcp4Packet packet = q.build();
        byte[] payload = q.withTail(packet.encode());
        Client c = q.client();
        transcript.add("-> " + q.type + " " + q.route + (q.route == Query.Route.RELAYED ? " via " + q.giaddr : "")
                + " xid=0x" + Integer.toHexString(packet.xid()));
        lab.port.clear();
        switch (q.route) {
            case BROADCAST -> lab.port.send(q.sourceMac(), BROADCAST_MAC, packet.ciaddr(), Ipv4Address.BROADCAST, 68, 67,
                    payload);
            case UNICAST -> lab.port.send(q.sourceMac(), lab.serverMac.bytes(), packet.ciaddr(), q.unicastTo, 68, 67,
                    payload);
            case RELAYED -> lab.port.send(lab.clientMac.bytes(), lab.serverMac.bytes(), q.giaddr, q.unicastTo, 67, 67,
                    payload);
        }
        int xid = packet.xid();
        NetnsRawPort.Frame f = lab.port.await(fr -> (fr.dstPort() == 68 || fr.dstPort() == 67) && fr.srcPort() == 67
                && fr.payload().length > 240 && fr.payload()[0] == 2 && xidOf(fr.payload()) == xid,
                Duration.ofMillis(q.waitMillis));
        if (f == null) {
            transcript.add("<- (no reply)");
            return null;
        }
        Reply r;
        try {
            r = new Reply(f, Dhcp4Packet.decode(f.payload()));
        } catch (WireFormatException e) {
            transcript.add("<- undecodable reply: " + e.getMessage());
            return null;
        }
        // The labs differ only in their interfaces' MACs: name them by role.
        for (String line : r.describe()) {
            transcript.add(line.replace(lab.clientMac.toString(), "relay-mac").replace(lab.serverMac.toString(),
                    "server-mac"));
        }
        c.learn(r);
        return r;
    }

    private static int xidOf(byte[] p) {
        return ((p[4] & 0xff) << 24) | ((p[5] & 0xff) << 16) | ((p[6] & 0xff) << 8) | (p[7] & 0xff);
    }

    /** Reconfigures the server mid-scenario (config-set) and records the result code and, when refused, the text. */
    void reconfigure(String dhcp4) throws IOException {
        MapElement answer = server.configure(dhcp4);
        transcript.add("config-set: result " + text(answer.get("result"))
                + (answer.get("result").asLong().orElse(0L) != 0 ? " text " + text(answer.get("text")) : ""));
    }

    /**
     * Reconfigures with the lease file of the configuration in force, so clients keep their
     * leases across the change (a reservation added under a client, as an operator does).
     */
    void reconfigureKeepingLeases(String dhcp4) throws IOException {
        MapElement answer = server.configureKeepingLeases(dhcp4);
        transcript.add("config-set (same lease file): result " + text(answer.get("result")));
    }

    /** Runs a control command and records its answer with the parts named in {@code keep} only. */
    MapElement command(String json) throws IOException {
        MapElement answer = server.command(json);
        transcript.add("command " + json + " -> result " + text(answer.get("result"))
                + (answer.has("text") ? " text " + text(answer.get("text")) : ""));
        return answer;
    }

    /** Records the lease at {@code address} as lease4-get shows it, without the times. */
    void lease(String address) throws IOException {
        MapElement answer = server.command("{ \"command\": \"lease4-get\", \"arguments\": { \"ip-address\": \""
                + address + "\" } }");
        Element args = answer.get("arguments");
        if (!(args instanceof MapElement m) || !m.has("ip-address")) {
            transcript.add("lease " + address + ": none (result " + text(answer.get("result")) + ")");
            return;
        }
        StringBuilder s = new StringBuilder("lease " + address + ":");
        for (String k : List.of("hw-address", "client-id", "subnet-id", "state", "valid-lft", "hostname", "user-context")) {
            if (m.has(k)) {
                s.append(' ').append(k).append('=').append(text(m.get(k)));
            }
        }
        transcript.add(s.toString());
    }

    /**
     * Whether the lease at {@code address} still binds its client: "active" (in the default state
     * with a lifetime left), else "not active" (absent, released, expired or declined). Kea 2.2
     * deletes a released lease where Kea 3 keeps it expired for lease affinity; both are "not active".
     */
    void leaseActive(String address) throws IOException {
        MapElement answer = server.command("{ \"command\": \"lease4-get\", \"arguments\": { \"ip-address\": \""
                + address + "\" } }");
        boolean active = answer.get("arguments") instanceof MapElement m && m.has("state")
                && m.get("state").asLong().orElse(-1L) == 0 && m.get("valid-lft").asLong().orElse(0L) > 0;
        transcript.add("lease " + address + ": " + (active ? "active" : "not active"));
    }

    static String text(Element e) {
        return e == null ? "null" : ruru.json.Json.toCompact(e);
    }

    /** Lets time pass (lease expiry in a scenario) and says so in the transcript. */
    void sleep(long millis) throws InterruptedException {
        transcript.add("# wait " + millis + " ms");
        Thread.sleep(millis);
    }
}
