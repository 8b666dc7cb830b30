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
 * A scripted relayed DHCPv6 client for the option 39 comparisons, run inside the client namespace;
 * it binds [RELAY]:547 and talks to [SERVER]:547. {@code RELAY SERVER CASE...}: per case (the
 * option 39 payload in hex, or {@code -} for none) a client of its own (DUID-LL 02:39:00:00:00:NN)
 * runs SOLICIT/ADVERTISE, REQUEST/REPLY, a RENEW with the same option, a RENEW with the same flags
 * and the name {@code rN} (none when the case has no option), and RELEASE; the probe prints
 * {@code CASE n ADV <hex> REPLY <hex> RENEW <hex> RENAME <hex> ADDR <address>} (option 39 in hex, or -).
 */
public final class Fqdn6Probe {

    private static final HexFormat HEX = HexFormat.of();

    private Fqdn6Probe() {
    }

    public static void main(String[] args) throws Exception {
        Ipv6Address relay = Ipv6Address.parse(args[0]);
        InetSocketAddress server = new InetSocketAddress(args[1], 547);
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET6)) {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress(args[0], 547));
            ch.configureBlocking(false);
            boolean pd = args.length > 2 && args[2].equals("--pd");
            int first = pd ? 3 : 2;
            for (int i = first; i < args.length; i++) {
                run(ch, relay, server, i - first + 1, args[i].equals("-") ? null : HEX.parseHex(args[i]),
                        pd ? IaType.PD : IaType.NA);
            }
        }
    }

    private static void run(DatagramChannel ch, Ipv6Address relay, InetSocketAddress server, int n, byte[] fqdn,
                            IaType type) throws IOException, WireFormatException {
        byte[] duid = {0, 3, 0, 1, 0x02, 0x39, 0, 0, 0, (byte) n};
        List<RelayInfo> relays = List.of(new RelayInfo(Dhcp6MessageType.RELAY_FORW, 0, relay,
                Ipv6Address.parse("fe80::39:0").plus(n), Dhcp6Options.empty()));
        Dhcp6Packet adv = exchange(ch, server, query(Dhcp6MessageType.SOLICIT, 0x3900 + 8 * n, duid, null,
                new Ia(type, n, 0, 0, Dhcp6Options.empty()), fqdn, relays));
        if (adv == null) {
            System.out.println("CASE " + n + " ADV - REPLY - ADDR -");
            return;
        }
        byte[] sid = adv.options().get(Option6Codes.SERVERID).orElseThrow();
        List<Ia> offered = Ia.all(adv.options(), type);
        Dhcp6Options inner = offered.isEmpty() ? Dhcp6Options.empty() : offered.getFirst().options();
        Dhcp6Packet reply = exchange(ch, server, query(Dhcp6MessageType.REQUEST, 0x3900 + 8 * n + 1, duid, sid,
                new Ia(type, n, 0, 0, inner), fqdn, relays));
        String addr = "-";
        Dhcp6Packet renew = null;
        Dhcp6Packet rename = null;
        if (reply != null && !Ia.all(reply.options(), type).isEmpty()) {
            Ia got = Ia.all(reply.options(), type).getFirst();
            Ia held = null;
            if (type == IaType.PD && !got.prefixes().isEmpty()) {
                var p = got.prefixes().getFirst();
                addr = p.prefix() + "/" + p.prefixLength();
                held = new Ia(type, n, 0, 0, Dhcp6Options.builder()
                        .add(new ruru.wire.v6.IaPrefix(0, 0, p.prefixLength(), p.prefix(), Dhcp6Options.empty())
                                .toOption()).build());
            } else if (type == IaType.NA && !got.addresses().isEmpty()) {
                addr = got.addresses().getFirst().address().toString();
                held = new Ia(type, n, 0, 0, Dhcp6Options.builder()
                        .add(new IaAddress(got.addresses().getFirst().address(), 0, 0).toOption()).build());
            }
            if (held != null) {
                renew = exchange(ch, server, query(Dhcp6MessageType.RENEW, 0x3900 + 8 * n + 2, duid, sid, held, fqdn,
                        relays));
                byte[] renamed = null;
                if (fqdn != null) {
                    // the same flags, the partial name "rN"
                    String label = "r" + n;
                    renamed = new byte[2 + label.length()];
                    renamed[0] = fqdn[0];
                    renamed[1] = (byte) label.length();
                    System.arraycopy(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, renamed, 2,
                            label.length());
                }
                rename = exchange(ch, server, query(Dhcp6MessageType.RENEW, 0x3900 + 8 * n + 3, duid, sid, held,
                        renamed, relays));
                exchange(ch, server, query(Dhcp6MessageType.RELEASE, 0x3900 + 8 * n + 4, duid, sid, held, null,
                        relays));
            }
        }
        System.out.println("CASE " + n + " ADV " + option39(adv) + " REPLY " + option39(reply) + " RENEW "
                + option39(renew) + " RENAME " + option39(rename) + " ADDR " + addr);
        System.out.flush();
    }

    private static String option39(Dhcp6Packet p) {
        return p == null ? "-" : p.options().get(Option6Codes.CLIENT_FQDN).map(HEX::formatHex).orElse("-");
    }

    private static Dhcp6Packet query(Dhcp6MessageType type, int xid, byte[] duid, byte[] serverId, Ia ia, byte[] fqdn,
                                     List<RelayInfo> relays) {
        Dhcp6Options.Builder o = Dhcp6Options.builder().add(Option6Codes.CLIENTID, duid);
        if (serverId != null) {
            o.add(Option6Codes.SERVERID, serverId);
        }
        o.add(ia.toOption()).add(Option6Codes.ELAPSED_TIME, new byte[2]);
        if (fqdn != null) {
            o.add(Option6Codes.CLIENT_FQDN, fqdn);
        }
        return new Dhcp6Packet(type.code(), xid & 0xffffff, o.build(), relays);
    }

    private static Dhcp6Packet exchange(DatagramChannel ch, InetSocketAddress server, Dhcp6Packet q)
            throws IOException, WireFormatException {
        for (int attempt = 0; attempt < 3; attempt++) {
            ch.send(ByteBuffer.wrap(q.encode()), server);
            // a retransmitted SOLICIT moves a server's iterative allocator on: wait long on a loaded machine
            long deadline = System.nanoTime() + 4_000_000_000L;
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
}
