package ruru.testing;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

import ruru.wire.Ipv6Address;
import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Dhcp6Options;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Ia;
import ruru.wire.v6.IaAddress;
import ruru.wire.v6.IaType;
import ruru.wire.v6.Option6;
import ruru.wire.v6.Option6Codes;
import ruru.wire.v6.Oro;
import ruru.wire.v6.RelayInfo;

/**
 * The same DHCPv6 exchanges for any server, to compare what two servers log and answer: run
 * inside the client namespace with {@code IFACE RELAY SERVER}; direct clients multicast to
 * ff02::1:2 on IFACE from port 546, relayed ones go from [RELAY]:547 to [SERVER]:547. Every flow
 * with its failures: SOLICIT/REQUEST of an address and a prefix, RENEW, REBIND, CONFIRM,
 * INFORMATION-REQUEST, RELEASE (its own, a stranger's, a second time), rapid commit, DECLINE (a
 * wrong IAID, then properly), a relayed client of no subnet, a foreign server identifier, a
 * unicast SOLICIT, a SOLICIT without client identifier, a garbage datagram, a RENEW of nothing, a
 * client of the DROP class (DUID ...:0a).
 * One line per answer: {@code step MSG ia...} or {@code step NONE}.
 */
public final class Dhcp6LogProbe {

    private static final int[] ORO = {23, 24};

    private final DatagramChannel direct;
    private final DatagramChannel relayed;
    private final InetSocketAddress multicast;
    private final InetSocketAddress server;
    private final InetSocketAddress serverUnicast;
    private final Ipv6Address relay;
    private int xid = 0x100;

    private Dhcp6LogProbe(DatagramChannel direct, DatagramChannel relayed, InetSocketAddress multicast,
                          InetSocketAddress server, Ipv6Address relay) {
        this.direct = direct;
        this.relayed = relayed;
        this.multicast = multicast;
        this.server = server;
        this.serverUnicast = server;
        this.relay = relay;
    }

    public static void main(String[] args) throws Exception {
        NetworkInterface nif = NetworkInterface.getByName(args[0]);
        InetSocketAddress mc = new InetSocketAddress(Inet6Address.getByAddress(null,
                InetAddress.getByName("ff02::1:2").getAddress(), nif), 547);
        try (DatagramChannel direct = DatagramChannel.open(StandardProtocolFamily.INET6);
             DatagramChannel relayed = DatagramChannel.open(StandardProtocolFamily.INET6)) {
            direct.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            direct.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            direct.bind(new InetSocketAddress("::", 546));
            relayed.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            relayed.bind(new InetSocketAddress(args[1], 547));
            new Dhcp6LogProbe(direct, relayed, mc, new InetSocketAddress(args[2], 547), Ipv6Address.parse(args[1]))
                    .run(args.length > 3 ? args[3] : "all");
        }
    }

    private static byte[] duid(int n) {
        return new byte[] {0, 3, 0, 1, 0x02, 0x55, 0, 0, 0, (byte) n};
    }

    private Dhcp6Options.Builder base(int n) {
        return Dhcp6Options.builder().add(Option6Codes.CLIENTID, duid(n)).add(Option6Codes.ELAPSED_TIME, new byte[2])
                .add(Option6Codes.ORO, Oro.encode(ORO));
    }

    private Dhcp6Packet send(String step, Dhcp6MessageType type, Dhcp6Options options, boolean relay)
            throws Exception {
        // the relay names its interface (interface-id, echoed back) and the client's link-layer address
        return send(step, type, options, relay ? List.of(new RelayInfo(Dhcp6MessageType.RELAY_FORW, 0,
                Ipv6Address.parse("2001:db8:9::1"), Ipv6Address.parse("fe80::2:1"), Dhcp6Options.builder()
                .add(Option6Codes.INTERFACE_ID, "eth9".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .add(79, new byte[] {0, 1, 2, 0x55, 0, 0, 0, 3}).build()))
                : List.of(), relay ? server : multicast);
    }

    private Dhcp6Packet send(String step, Dhcp6MessageType type, Dhcp6Options options, List<RelayInfo> relays,
                             InetSocketAddress to) throws Exception {
        Dhcp6Packet q = new Dhcp6Packet(type.code(), xid++, options, relays);
        DatagramChannel ch = relays.isEmpty() ? direct : relayed;
        Dhcp6Packet answer = exchange(ch, to, q);
        System.out.println(step + " " + Dhcp6ClassProbe.describe(answer));
        System.out.flush();
        return answer;
    }

    /** One try, 1 s for the answer (a second try would log twice and move an iterative allocator). */
    private static Dhcp6Packet exchange(DatagramChannel ch, InetSocketAddress to, Dhcp6Packet q) throws Exception {
        ch.send(ByteBuffer.wrap(q.encode()), to);
        return receive(ch, q.transactionId());
    }

    /** The answer of transaction {@code xid} within 1 s, or null. */
    private static Dhcp6Packet receive(DatagramChannel ch, int xid) throws Exception {
        ch.configureBlocking(false);
        ByteBuffer buf = ByteBuffer.allocate(65536);
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            buf.clear();
            if (ch.receive(buf) == null) {
                Thread.sleep(2);
                continue;
            }
            try {
                Dhcp6Packet p = Dhcp6Packet.decode(java.util.Arrays.copyOf(buf.array(), buf.position()));
                if (p.transactionId() == xid) {
                    return p;
                }
            } catch (ruru.wire.WireFormatException e) {
                // not ours
            }
        }
        return null;
    }

    private static Dhcp6Options.Builder withIas(Dhcp6Options.Builder b, Dhcp6Packet from) {
        for (Option6 o : from.options()) {
            if (o.code() == Option6Codes.IA_NA || o.code() == Option6Codes.IA_PD) {
                b.add(o);
            }
        }
        return b;
    }

    private static byte[] serverId(Dhcp6Packet p) {
        return p.options().get(Option6Codes.SERVERID).orElseThrow();
    }

    /**
     * Lease caching: an address and a prefix bound just after a second starts, then renewed,
     * rebound and requested again two seconds later (an age both servers see alike), so cached
     * leases go out with what is left of them.
     */
    private void cache(Ia na, Ia pd) throws Exception {
        Dhcp6Packet adv = send("c-solicit", Dhcp6MessageType.SOLICIT, base(11).add(na.toOption()).add(pd.toOption())
                .build(), false);
        if (adv == null) {
            return;
        }
        byte[] sid = serverId(adv);
        long second = System.currentTimeMillis() / 1000 + 1;
        Thread.sleep(second * 1000 + 50 - System.currentTimeMillis());
        Dhcp6Packet reply = send("c-request", Dhcp6MessageType.REQUEST,
                withIas(base(11).add(Option6Codes.SERVERID, sid), adv).build(), false);
        Thread.sleep((second + 2) * 1000 + 50 - System.currentTimeMillis());
        send("c-renew", Dhcp6MessageType.RENEW, withIas(base(11).add(Option6Codes.SERVERID, sid), reply).build(), false);
        send("c-rebind", Dhcp6MessageType.REBIND, withIas(base(11), reply).build(), false);
        send("c-request-again", Dhcp6MessageType.REQUEST, withIas(base(11).add(Option6Codes.SERVERID, sid), reply)
                .build(), false);
    }

    /** Sends {@code q}'s bytes with {@code tail} appended; prints the answer as {@link #send} does. */
    private void sendRaw(String step, Dhcp6Packet q, byte[] tail, boolean relay) throws Exception {
        byte[] body = q.encode();
        byte[] wire = java.util.Arrays.copyOf(body, body.length + tail.length);
        System.arraycopy(tail, 0, wire, body.length, tail.length);
        DatagramChannel ch = relay ? relayed : direct;
        ch.send(ByteBuffer.wrap(wire), relay ? server : multicast);
        Dhcp6Packet answer = receive(ch, q.transactionId());
        StringBuilder levels = new StringBuilder();
        if (answer != null) {
            for (RelayInfo r : answer.relays()) {
                levels.append(" via ").append(r.messageType()).append(" hop=").append(r.hopCount()).append(" link=")
                        .append(r.linkAddress()).append(" peer=").append(r.peerAddress()).append(" options=")
                        .append(java.util.HexFormat.of().formatHex(r.options().toBytes()));
            }
        }
        System.out.println(step + " " + Dhcp6ClassProbe.describe(answer) + levels);
        System.out.flush();
    }

    /**
     * Issue 11's wire cases: a SOLICIT whose last option runs past the message, one ending in
     * three stray bytes, one whose IA_NA claims more than is left; SOLICITs inside a Relay-Reply
     * level, inside a Relay-Reply inside a Relay-Forward, and relayed with a truncated option
     * after the relay-msg; a REPLY inside a Relay-Reply; a relay level whose truncated option
     * swallows its relay-msg.
     */
    private void wire(Ia na) throws Exception {
        Ipv6Address link = Ipv6Address.parse("2001:db8:1::5");
        Dhcp6Options.Builder eth = Dhcp6Options.builder().add(Option6Codes.INTERFACE_ID,
                "eth9".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        sendRaw("w-trunc", new Dhcp6Packet(Dhcp6MessageType.SOLICIT.code(), xid++, base(21).add(na.toOption()).build(),
                List.of()), new byte[] {0, 23, 0, 10, 0, 24}, false);
        sendRaw("w-stray", new Dhcp6Packet(Dhcp6MessageType.SOLICIT.code(), xid++, base(22).add(na.toOption()).build(),
                List.of()), new byte[] {0, 23, 0}, false);
        byte[] iaHead = new byte[] {0, 3, 0, 40, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
        sendRaw("w-trunc-ia", new Dhcp6Packet(Dhcp6MessageType.SOLICIT.code(), xid++, base(23).build(), List.of()),
                iaHead, false);
        sendRaw("w-repl", new Dhcp6Packet(Dhcp6MessageType.SOLICIT.code(), xid++, base(24).add(na.toOption()).build(),
                List.of(new RelayInfo(Dhcp6MessageType.RELAY_REPL, 0, link, Ipv6Address.parse("fe80::2:24"),
                        eth.build()))), new byte[0], true);
        sendRaw("w-forw-repl", new Dhcp6Packet(Dhcp6MessageType.SOLICIT.code(), xid++, base(25).add(na.toOption())
                .build(), List.of(new RelayInfo(Dhcp6MessageType.RELAY_FORW, 1, Ipv6Address.ANY,
                Ipv6Address.parse("fe80::a"), Dhcp6Options.empty()), new RelayInfo(Dhcp6MessageType.RELAY_REPL, 0,
                link, Ipv6Address.parse("fe80::2:25"), eth.build()))), new byte[0], true);
        sendRaw("w-relay-trunc", new Dhcp6Packet(Dhcp6MessageType.SOLICIT.code(), xid++, base(26).add(na.toOption())
                .build(), List.of(new RelayInfo(Dhcp6MessageType.RELAY_FORW, 0, link, Ipv6Address.parse("fe80::2:26"),
                eth.build()))), new byte[] {0, 18, 0, 10, 'a', 'b'}, true);
        sendRaw("w-repl-reply", new Dhcp6Packet(Dhcp6MessageType.REPLY.code(), xid++, base(27).add(na.toOption())
                .build(), List.of(new RelayInfo(Dhcp6MessageType.RELAY_REPL, 0, link, Ipv6Address.parse("fe80::2:27"),
                Dhcp6Options.empty()))), new byte[0], true);
        // the relay level by hand: interface-id claiming 200 bytes, then the relay-msg it swallows
        byte[] inner = new Dhcp6Packet(Dhcp6MessageType.SOLICIT.code(), xid, base(28).add(na.toOption()).build(),
                List.of()).encode();
        byte[] level = new byte[34 + 6 + 4 + inner.length];
        level[0] = 12;
        link.write(level, 2);
        Ipv6Address.parse("fe80::2:28").write(level, 18);
        System.arraycopy(new byte[] {0, 18, 0, (byte) 200, 'a', 'b', 0, 9, (byte) (inner.length >>> 8),
                (byte) inner.length}, 0, level, 34, 10);
        System.arraycopy(inner, 0, level, 44, inner.length);
        relayed.send(ByteBuffer.wrap(level), server);
        System.out.println("w-relay-swallowed " + Dhcp6ClassProbe.describe(receive(relayed, xid++)));
    }

    private void run(String which) throws Exception {
        Ia na = new Ia(IaType.NA, 1, 0, 0, Dhcp6Options.empty());
        Ia pd = new Ia(IaType.PD, 2, 0, 0, Dhcp6Options.empty());
        if (which.equals("cache")) {
            cache(na, pd);
            return;
        }
        if (which.equals("wire")) {
            wire(na);
            return;
        }
        // A: the whole life of an address and a prefix
        Dhcp6Packet adv = send("a-solicit", Dhcp6MessageType.SOLICIT, base(1).add(na.toOption()).add(pd.toOption())
                .build(), false);
        if (adv == null) {
            return;
        }
        byte[] sid = serverId(adv);
        Dhcp6Packet reply = send("a-request", Dhcp6MessageType.REQUEST,
                withIas(base(1).add(Option6Codes.SERVERID, sid), adv).build(), false);
        send("a-renew", Dhcp6MessageType.RENEW, withIas(base(1).add(Option6Codes.SERVERID, sid), reply).build(), false);
        send("a-rebind", Dhcp6MessageType.REBIND, withIas(base(1), reply).build(), false);
        send("a-confirm", Dhcp6MessageType.CONFIRM, base(1).add(Ia.all(reply.options(), IaType.NA).getFirst().toOption())
                .build(), false);
        send("a-info", Dhcp6MessageType.INFORMATION_REQUEST, base(1).build(), false);
        Ia aNa = Ia.all(reply.options(), IaType.NA).getFirst();
        send("stranger-release", Dhcp6MessageType.RELEASE, base(4).add(Option6Codes.SERVERID, sid)
                .add(aNa.toOption()).build(), false);
        send("a-release", Dhcp6MessageType.RELEASE, withIas(base(1).add(Option6Codes.SERVERID, sid), reply).build(),
                false);
        send("a-release-again", Dhcp6MessageType.RELEASE, withIas(base(1).add(Option6Codes.SERVERID, sid), reply)
                .build(), false);
        // B: rapid commit, then DECLINE with a wrong IAID and properly
        // with a vendor class, a user class and reconfigure-accept: more of Kea's option texts in the dumps
        Dhcp6Packet rc = send("b-rapid", Dhcp6MessageType.SOLICIT, base(2).add(Option6Codes.RAPID_COMMIT, new byte[0])
                .add(na.toOption()).add(16, new byte[] {0, 0, 0x11, (byte) 0x8b, 0, 4, 'r', 'u', 'r', 'u'})
                .add(15, new byte[] {0, 3, 'a', 'b', 'c'}).add(20, new byte[0]).build(), false);
        if (rc != null) {
            IaAddress got = Ia.all(rc.options(), IaType.NA).getFirst().addresses().getFirst();
            Dhcp6Options addr = Dhcp6Options.builder().add(new IaAddress(got.address(), 0, 0).toOption()).build();
            send("b-decline-iaid", Dhcp6MessageType.DECLINE, base(2).add(Option6Codes.SERVERID, sid)
                    .add(new Ia(IaType.NA, 9, 0, 0, addr).toOption()).build(), false);
            send("b-decline", Dhcp6MessageType.DECLINE, base(2).add(Option6Codes.SERVERID, sid)
                    .add(new Ia(IaType.NA, 1, 0, 0, addr).toOption()).build(), false);
        }
        // C: a relayed client on a link of no subnet
        send("c-nosubnet", Dhcp6MessageType.SOLICIT, base(3).add(na.toOption()).build(), true);
        // D: a foreign server identifier
        send("d-foreign-sid", Dhcp6MessageType.REQUEST, base(5).add(Option6Codes.SERVERID, duid(99))
                .add(na.toOption()).build(), false);
        // E: a unicast SOLICIT
        send("e-unicast", Dhcp6MessageType.SOLICIT, base(6).add(na.toOption()).build(), List.of(), serverUnicast);
        // F: a SOLICIT without client identifier
        send("f-no-clientid", Dhcp6MessageType.SOLICIT, Dhcp6Options.builder().add(Option6Codes.ELAPSED_TIME,
                new byte[2]).add(na.toOption()).build(), false);
        // G: a datagram that is no DHCPv6 message
        direct.send(ByteBuffer.wrap(new byte[] {1, 0, 0}), multicast);
        Thread.sleep(200);
        System.out.println("g-garbage sent");
        // H: a RENEW of a binding the server does not have
        send("h-renew-unknown", Dhcp6MessageType.RENEW, base(7).add(Option6Codes.SERVERID, sid)
                .add(new Ia(IaType.NA, 1, 0, 0, Dhcp6Options.builder().add(new IaAddress(
                        Ipv6Address.parse("2001:db8:1::1ee"), 0, 0).toOption()).build()).toOption()).build(), false);
        // I: an INFORMATION-REQUEST relayed from nowhere, a REQUEST of a hint outside the pools
        send("i-info-relayed", Dhcp6MessageType.INFORMATION_REQUEST, base(8).build(), true);
        // K: a client in the DROP class (its whole query printed as Kea prints it)
        send("k-drop", Dhcp6MessageType.SOLICIT, base(10).add(na.toOption()).build(), false);
        List<Option6> none = new ArrayList<>();
        none.add(new Ia(IaType.NA, 1, 0, 0, Dhcp6Options.builder().add(new IaAddress(
                Ipv6Address.parse("2001:db8:1::9999"), 0, 0).toOption()).build()).toOption());
        Dhcp6Packet advHint = send("j-solicit-hint", Dhcp6MessageType.SOLICIT, base(9).add(none.getFirst()).build(),
                false);
        if (advHint != null) {
            send("j-request", Dhcp6MessageType.REQUEST, withIas(base(9).add(Option6Codes.SERVERID, sid), advHint)
                    .build(), false);
        }
    }
}
