package ruru.conformance;

import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;

/**
 * One query a test client sends, and how it travels: broadcast from the client (no address, or
 * its ciaddr as source), unicast from the client's address to the server, or through a relay
 * agent at {@code giaddr} (UDP from giaddr:67 to the server, hops 1).
 */
final class Query {

    enum Route { BROADCAST, UNICAST, RELAYED }

    private final Client client;
    final MessageType type;
    private Dhcp4Packet.Builder packet;
    private Dhcp4Options.Builder options;
    Route route = Route.BROADCAST;
    Ipv4Address giaddr = Ipv4Address.ANY;
    Ipv4Address unicastTo = Lab.SERVER;
    /** How long to wait for an answer: short where silence is the expected outcome (RELEASE, DECLINE). */
    long waitMillis = 1500;

    Query(Client client, MessageType type, Dhcp4Packet.Builder packet, Dhcp4Options.Builder options) {
        this.client = client;
        this.type = type;
        this.packet = packet;
        this.options = options;
    }

    Client client() {
        return client;
    }

    private byte[] sourceMac;

    /** The frame's source MAC; chaddr unless changed (a client behind a bridge that rewrites it). */
    byte[] sourceMac() {
        return sourceMac != null ? sourceMac : client.mac.bytes();
    }

    Query fromMac(String mac) {
        sourceMac = java.util.HexFormat.of().parseHex(mac.replace(":", ""));
        return this;
    }

    Query relayed(String relayAddress) {
        route = Route.RELAYED;
        giaddr = Lab.ip(relayAddress);
        packet.giaddr(giaddr).hops(1);
        return this;
    }

    /** Unicast to {@code server} (default 192.0.2.1) from ciaddr, as a RENEWING client sends. */
    Query unicast() {
        route = Route.UNICAST;
        return this;
    }

    Query unicastTo(String server) {
        unicastTo = Lab.ip(server);
        return unicast();
    }

    Query broadcastFlag() {
        packet.broadcastFlag(true);
        return this;
    }

    Query ciaddr(String a) {
        packet.ciaddr(Lab.ip(a));
        return this;
    }

    Query giaddrOnly(String a) {
        packet.giaddr(Lab.ip(a));
        return this;
    }

    Query option(int code, byte[] value) {
        options.put(code, value);
        return this;
    }

    Query option(int code, String hex) {
        return option(code, java.util.HexFormat.of().parseHex(hex.replace(":", "").replace(" ", "")));
    }

    Query address(int code, String a) {
        return option(code, Lab.ip(a).toBytes());
    }

    Query without(int code) {
        options.remove(code);
        return this;
    }

    Query hops(int h) {
        packet.hops(h);
        return this;
    }

    Query secs(int s) {
        packet.secs(s);
        return this;
    }

    Query header(java.util.function.UnaryOperator<Dhcp4Packet.Builder> change) {
        packet = change.apply(packet);
        return this;
    }

    /** Raw bytes sent in place of the end option (and padding): a truncated last option, say. */
    byte[] tail;

    Query tail(String hex) {
        tail = java.util.HexFormat.of().parseHex(hex.replace(" ", ""));
        return this;
    }

    /** The encoded packet with its end option and what follows replaced by {@link #tail}, when set. */
    byte[] withTail(byte[] encoded) {
        if (tail == null) {
            return encoded;
        }
        int p = 240;
        while (p < encoded.length && (encoded[p] & 0xff) != 255) {
            p += (encoded[p] & 0xff) == 0 ? 1 : 2 + (encoded[p + 1] & 0xff);
        }
        byte[] out = java.util.Arrays.copyOf(encoded, p + tail.length);
        System.arraycopy(tail, 0, out, p, tail.length);
        return out;
    }

    Query waitMillis(long millis) {
        waitMillis = millis;
        return this;
    }

    Dhcp4Packet build() {
        return packet.options(options.build()).build();
    }
}
