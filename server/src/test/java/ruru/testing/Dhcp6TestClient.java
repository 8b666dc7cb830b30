package ruru.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import ruru.wire.Ipv6Address;
import ruru.wire.WireFormatException;
import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Dhcp6Options;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Ia;
import ruru.wire.v6.IaAddress;
import ruru.wire.v6.IaType;
import ruru.wire.v6.Option6Codes;
import ruru.wire.v6.RelayInfo;

/**
 * A scripted DHCPv6 relay agent for end-to-end tests, run inside the client namespace; it binds
 * [RELAY]:547 and talks to [SERVER]:547:
 * <ul>
 * <li>{@code sarr RELAY SERVER COUNT [FIRST [LINK [WAIT_MS]]]}: that many SOLICIT/ADVERTISE/REQUEST/REPLY
 * exchanges for distinct clients (numbered from FIRST, default 0) (relayed once, link-address LINK,
 * default RELAY), printing {@code REPLY <address> <duid>} for each REPLY that grants an address; a
 * message is sent again when no answer came within WAIT_MS (default 1000), three times at most; it
 * stops after three failed exchanges in a row (the server was killed). A retransmitted SOLICIT is
 * a second allocation decision (the iterative allocator moves on), so tests that compare the
 * addresses given with Kea's wait long enough for none to be needed on a loaded machine;</li>
 * <li>{@code relay2 RELAY SERVER LINK}: one SOLICIT inside two Relay-Forw levels (the outer with
 * link-address :: and interface-id "outer-if", the inner with LINK and interface-id "inner-if"),
 * printing the reply's levels and the address offered;</li>
 * <li>{@code garbage RELAY SERVER COUNT}: that many malformed datagrams, printing {@code INVALID n}.</li>
 * </ul>
 */
public final class Dhcp6TestClient {

    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");
    /** How long an attempt waits for the answer before the message is sent again. */
    private static final long DEFAULT_WAIT = 1_000_000_000L;

    private Dhcp6TestClient() {
    }

    public static void main(String[] args) throws Exception {
        Ipv6Address relay = Ipv6Address.parse(args[1]);
        InetSocketAddress server = new InetSocketAddress(args[2], 547);
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET6)) {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress(args[1], 547));
            ch.socket().setSoTimeout(2000);
            switch (args[0]) {
                case "sarr" -> sarr(ch, args.length > 5 ? Ipv6Address.parse(args[5]) : relay, server,
                        args.length > 4 ? Integer.parseInt(args[4]) : 0, Integer.parseInt(args[3]),
                        args.length > 6 ? Long.parseLong(args[6]) * 1_000_000L : DEFAULT_WAIT);
                case "relay2" -> relay2(ch, server, Ipv6Address.parse(args[3]));
                default -> garbage(ch, server, Integer.parseInt(args[3]));
            }
        }
    }

    private static byte[] duid(int i) {
        return new byte[] {0, 3, 0, 1, 0x02, 0x66, (byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
    }

    private static Dhcp6Packet query(Dhcp6MessageType type, int xid, byte[] duid, byte[] serverId, Ia ia,
                                     List<RelayInfo> relays) {
        Dhcp6Options.Builder o = Dhcp6Options.builder().add(Option6Codes.CLIENTID, duid);
        if (serverId != null) {
            o.add(Option6Codes.SERVERID, serverId);
        }
        o.add(ia.toOption()).add(Option6Codes.ELAPSED_TIME, new byte[2]);
        return new Dhcp6Packet(type.code(), xid & 0xffffff, o.build(), relays);
    }

    private static List<RelayInfo> oneLevel(Ipv6Address link, int i) throws WireFormatException {
        return List.of(new RelayInfo(Dhcp6MessageType.RELAY_FORW, 0, link,
                Ipv6Address.parse("fe80::2:0").plus(i & 0xffff), Dhcp6Options.empty()));
    }

    private static void sarr(DatagramChannel ch, Ipv6Address link, InetSocketAddress server, int first, int count,
                             long wait) throws IOException, WireFormatException {
        int failures = 0;
        for (int i = first; i < first + count && failures < 3; i++) {
            byte[] duid = duid(i);
            List<RelayInfo> relays = oneLevel(link, i);
            Ia ia = new Ia(IaType.NA, 1, 0, 0, Dhcp6Options.empty());
            Dhcp6Packet adv = exchange(ch, server, query(Dhcp6MessageType.SOLICIT, 2 * i, duid, null, ia, relays), wait);
            if (adv == null || adv.messageType().orElse(null) != Dhcp6MessageType.ADVERTISE) {
                System.out.println("NO-ADVERTISE " + COLONS.formatHex(duid));
                failures++;
                continue;
            }
            byte[] sid = adv.options().get(Option6Codes.SERVERID).orElseThrow();
            Ia offered = Ia.all(adv.options(), IaType.NA).getFirst();
            Dhcp6Packet reply = exchange(ch, server, query(Dhcp6MessageType.REQUEST, 2 * i + 1, duid, sid,
                    new Ia(IaType.NA, 1, 0, 0, offered.options()), relays), wait);
            List<IaAddress> got = reply == null ? List.of() : Ia.all(reply.options(), IaType.NA).getFirst().addresses();
            if (got.isEmpty() || got.getFirst().validLifetime() == 0) {
                System.out.println("NO-REPLY " + COLONS.formatHex(duid));
                failures++;
                continue;
            }
            failures = 0;
            System.out.println("REPLY " + got.getFirst().address() + " " + COLONS.formatHex(duid));
            System.out.flush();
        }
    }

    private static void relay2(DatagramChannel ch, InetSocketAddress server, Ipv6Address link) throws IOException,
            WireFormatException {
        List<RelayInfo> relays = List.of(
                new RelayInfo(Dhcp6MessageType.RELAY_FORW, 1, Ipv6Address.ANY, Ipv6Address.parse("fe80::a"),
                        Dhcp6Options.builder().add(Option6Codes.INTERFACE_ID, "outer-if".getBytes()).build()),
                new RelayInfo(Dhcp6MessageType.RELAY_FORW, 0, link, Ipv6Address.parse("fe80::b"),
                        Dhcp6Options.builder().add(Option6Codes.INTERFACE_ID, "inner-if".getBytes()).build()));
        Dhcp6Packet reply = exchange(ch, server, query(Dhcp6MessageType.SOLICIT, 7, duid(424242),
                null, new Ia(IaType.NA, 1, 0, 0, Dhcp6Options.empty()), relays));
        if (reply == null) {
            System.out.println("NO-REPLY");
            return;
        }
        for (RelayInfo r : reply.relays()) {
            System.out.println("LEVEL " + r.messageType() + " hop=" + r.hopCount() + " link=" + r.linkAddress()
                    + " peer=" + r.peerAddress() + " interface-id="
                    + r.options().get(Option6Codes.INTERFACE_ID).map(String::new).orElse("-"));
        }
        System.out.println("MESSAGE " + reply.messageType().orElseThrow() + " address="
                + Ia.all(reply.options(), IaType.NA).getFirst().addresses().getFirst().address());
        // Then the REQUEST through the same relays, so a lease (with the relays' information) is stored.
        Dhcp6Packet inner = reply;
        byte[] sid = inner.options().get(Option6Codes.SERVERID).orElseThrow();
        Ia offered = Ia.all(inner.options(), IaType.NA).getFirst();
        Dhcp6Packet committed = exchange(ch, server, query(Dhcp6MessageType.REQUEST, 8, duid(424242), sid,
                new Ia(IaType.NA, 1, 0, 0, Dhcp6Options.builder().add(offered.addresses().getFirst().toOption())
                        .build()), relays));
        System.out.println(committed == null ? "NO-REPLY" : "REPLY " + committed.messageType().orElseThrow()
                + " address=" + Ia.all(committed.options(), IaType.NA).getFirst().addresses().getFirst().address());
    }

    static Dhcp6Packet exchange(DatagramChannel ch, InetSocketAddress server, Dhcp6Packet q)
            throws IOException, WireFormatException {
        return exchange(ch, server, q, DEFAULT_WAIT);
    }

    static Dhcp6Packet exchange(DatagramChannel ch, InetSocketAddress server, Dhcp6Packet q, long waitNanos)
            throws IOException, WireFormatException {
        for (int attempt = 0; attempt < 3; attempt++) {
            ch.send(ByteBuffer.wrap(q.encode()), server);
            long deadline = System.nanoTime() + waitNanos;
            ch.configureBlocking(false);
            ByteBuffer buf = ByteBuffer.allocate(65536);
            while (System.nanoTime() < deadline) {
                buf.clear();
                if (ch.receive(buf) == null) {
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                    continue;
                }
                try {
                    Dhcp6Packet p = Dhcp6Packet.decode(Arrays.copyOf(buf.array(), buf.position()));
                    if (p.transactionId() == q.transactionId()) {
                        return p;
                    }
                } catch (WireFormatException e) {
                    // not a reply of ours
                }
            }
        }
        return null;
    }

    private static void garbage(DatagramChannel ch, InetSocketAddress server, int count) throws IOException {
        Random r = new Random(6);
        int invalid = 0;
        for (int i = 0; i < count; i++) {
            byte[] b = new byte[1 + r.nextInt(300)];
            r.nextBytes(b);
            if (i % 3 == 0 && b.length > 8) {
                // a plausible header whose first option, an IA_NA, is too short for its own fields (a
                // parse failure in Kea too; an option running past the message would only be left out)
                b[0] = (byte) (1 + r.nextInt(13));
                b[4] = 0;
                b[5] = 3;
                b[6] = 0;
                b[7] = 4;
            }
            try {
                Dhcp6Packet.decode(b);
            } catch (WireFormatException e) {
                invalid++;
            }
            ch.send(ByteBuffer.wrap(b), server);
            if (i % 200 == 199) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        System.out.println("INVALID " + invalid);
    }

}
