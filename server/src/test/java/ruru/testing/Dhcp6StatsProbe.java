package ruru.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ruru.wire.Ipv6Address;
import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Dhcp6Options;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Ia;
import ruru.wire.v6.IaAddress;
import ruru.wire.v6.IaPrefix;
import ruru.wire.v6.IaType;
import ruru.wire.v6.Option6;
import ruru.wire.v6.Option6Codes;
import ruru.wire.v6.RelayInfo;

/**
 * Relayed DHCPv6 clients driven one step at a time, the same for any server, to compare what two
 * servers count and store: run inside the client namespace as the relay agent ([RELAY]:547 to
 * [SERVER]:547) with {@code RELAY SERVER}, it reads one step a line from its standard input and
 * prints one line per answer ({@code N MSG ia...}, see {@link Dhcp6ClassProbe#describe}), then
 * {@code DONE}. Steps: {@code VERB N [na] [pd] [link=ADDR]} with VERB one of {@code sarr} (SOLICIT,
 * then REQUEST of what was advertised), {@code solicit}, {@code renew}, {@code rebind},
 * {@code release}, {@code decline} (the client's addresses), {@code request} (REQUEST of the
 * client's bindings again). Client N has DUID-LL 00:03:00:01:02:66:00:00:00:N (its hardware
 * address 02:66:00:00:00:N); it asks for an IA_NA (IAID 1) unless only {@code pd} (IAID 2) is
 * named; its last bindings are what the server's last REPLY granted. {@code hint=PREFIX/LEN} puts an
 * IAPREFIX hint (zero lifetimes) in the IA_PD of a SOLICIT ({@code hint=::/60}: a length only);
 * {@code fqdn=HEX} adds a Client FQDN option (39) with that payload to every message of the step;
 * {@code ias=na:3,pd:2,na:1} makes a SOLICIT ask for exactly those IAs (type and IAID) in that order.
 */
public final class Dhcp6StatsProbe {

    private final DatagramChannel ch;
    private final InetSocketAddress server;
    private final Ipv6Address relay;
    private final Map<Integer, Dhcp6Packet> bound = new HashMap<>();
    private final Map<Integer, byte[]> serverIds = new HashMap<>();
    private int xid = 0x1000;
    /** The step's Client FQDN payload, or null. */
    private byte[] fqdn;

    private Dhcp6StatsProbe(DatagramChannel ch, InetSocketAddress server, Ipv6Address relay) {
        this.ch = ch;
        this.server = server;
        this.relay = relay;
    }

    public static void main(String[] args) throws Exception {
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET6)) {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress(args[0], 547));
            Dhcp6StatsProbe probe = new Dhcp6StatsProbe(ch, new InetSocketAddress(args[1], 547),
                    Ipv6Address.parse(args[0]));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    probe.step(line.trim().split(" +"));
                }
                System.out.println("DONE");
                System.out.flush();
            }
        }
    }

    private static byte[] duid(int n) {
        return new byte[] {0, 3, 0, 1, 0x02, 0x66, 0, 0, (byte) (n >>> 8), (byte) n};
    }

    private void step(String[] w) throws Exception {
        int n = Integer.parseInt(w[1]);
        boolean na = false;
        boolean pd = false;
        Ipv6Address link = relay;
        Dhcp6Options pdHint = Dhcp6Options.empty();
        byte[] fqdn = null;
        List<Ia> ias = null;
        for (int i = 2; i < w.length; i++) {
            if (w[i].equals("na")) {
                na = true;
            } else if (w[i].equals("pd")) {
                pd = true;
            } else if (w[i].startsWith("hint=")) {
                String[] h = w[i].substring(5).split("/");
                pdHint = Dhcp6Options.builder().add(new IaPrefix(0, 0, Integer.parseInt(h[1]), Ipv6Address.parse(h[0]),
                        Dhcp6Options.empty()).toOption()).build();
            } else if (w[i].startsWith("fqdn=")) {
                fqdn = java.util.HexFormat.of().parseHex(w[i].substring(5));
            } else if (w[i].startsWith("ias=")) {
                ias = new ArrayList<>();
                for (String ia : w[i].substring(4).split(",")) {
                    String[] t = ia.split(":");
                    ias.add(new Ia(t[0].equals("pd") ? IaType.PD : IaType.NA, Integer.parseInt(t[1]), 0, 0,
                            Dhcp6Options.empty()));
                }
            } else if (w[i].startsWith("link=")) {
                link = Ipv6Address.parse(w[i].substring(5));
            }
        }
        na |= !pd;
        List<RelayInfo> relays = List.of(new RelayInfo(Dhcp6MessageType.RELAY_FORW, 0, link,
                Ipv6Address.parse("fe80::2:0").plus(n & 0xffff), Dhcp6Options.empty()));
        String tag = w[0] + " " + n;
        this.fqdn = fqdn;
        switch (w[0]) {
            case "sarr", "solicit" -> {
                Dhcp6Options.Builder o = base(n);
                for (Ia ia : ias == null ? List.<Ia>of() : ias) {
                    o.add(ia.toOption());
                }
                if (na && ias == null) {
                    o.add(new Ia(IaType.NA, 1, 0, 0, Dhcp6Options.empty()).toOption());
                }
                if (pd && ias == null) {
                    o.add(new Ia(IaType.PD, 2, 0, 0, pdHint).toOption());
                }
                Dhcp6Packet adv = send(tag, Dhcp6MessageType.SOLICIT, o, relays);
                if (adv == null || !w[0].equals("sarr")
                        || adv.messageType().orElse(null) != Dhcp6MessageType.ADVERTISE) {
                    return;
                }
                serverIds.put(n, adv.options().get(Option6Codes.SERVERID).orElseThrow());
                Dhcp6Packet reply = send(tag, Dhcp6MessageType.REQUEST, withIas(base(n)
                        .add(Option6Codes.SERVERID, serverIds.get(n)), adv, false), relays);
                remember(n, reply);
            }
            case "request", "renew" -> remember(n, send(tag, w[0].equals("renew") ? Dhcp6MessageType.RENEW
                    : Dhcp6MessageType.REQUEST, withIas(base(n).add(Option6Codes.SERVERID, serverIds.get(n)),
                    bound.get(n), false), relays));
            case "rebind" -> remember(n, send(tag, Dhcp6MessageType.REBIND, withIas(base(n), bound.get(n), false),
                    relays));
            case "release" -> send(tag, Dhcp6MessageType.RELEASE, withIas(base(n).add(Option6Codes.SERVERID,
                    serverIds.get(n)), bound.get(n), false), relays);
            case "decline" -> send(tag, Dhcp6MessageType.DECLINE, withIas(base(n).add(Option6Codes.SERVERID,
                    serverIds.get(n)), bound.get(n), true), relays);
            default -> throw new IllegalArgumentException(w[0]);
        }
    }

    private void remember(int n, Dhcp6Packet reply) {
        if (reply != null && reply.messageType().orElse(null) == Dhcp6MessageType.REPLY) {
            bound.put(n, reply);
        }
    }

    private static Dhcp6Options.Builder base(int n) {
        return Dhcp6Options.builder().add(Option6Codes.CLIENTID, duid(n)).add(Option6Codes.ELAPSED_TIME, new byte[2]);
    }

    /** The IAs of {@code from} with their addresses and prefixes (zero lifetimes: no hints); IA_NA only when asked. */
    private static Dhcp6Options.Builder withIas(Dhcp6Options.Builder b, Dhcp6Packet from, boolean naOnly)
            throws Exception {
        if (from == null) {
            return b;
        }
        for (Option6 o : from.options()) {
            if (o.code() == Option6Codes.IA_NA) {
                for (Ia ia : Ia.all(Dhcp6Options.of(List.of(o)), IaType.NA)) {
                    Dhcp6Options.Builder inner = Dhcp6Options.builder();
                    for (IaAddress a : ia.addresses()) {
                        if (a.validLifetime() > 0) {
                            inner.add(new IaAddress(a.address(), 0, 0).toOption());
                        }
                    }
                    b.add(new Ia(IaType.NA, ia.iaid(), 0, 0, inner.build()).toOption());
                }
            } else if (o.code() == Option6Codes.IA_PD && !naOnly) {
                for (Ia ia : Ia.all(Dhcp6Options.of(List.of(o)), IaType.PD)) {
                    Dhcp6Options.Builder inner = Dhcp6Options.builder();
                    for (IaPrefix p : ia.prefixes()) {
                        if (p.validLifetime() > 0) {
                            inner.add(new IaPrefix(0, 0, p.prefixLength(), p.prefix(), Dhcp6Options.empty())
                                    .toOption());
                        }
                    }
                    b.add(new Ia(IaType.PD, ia.iaid(), 0, 0, inner.build()).toOption());
                }
            }
        }
        return b;
    }

    private Dhcp6Packet send(String tag, Dhcp6MessageType type, Dhcp6Options.Builder options, List<RelayInfo> relays)
            throws Exception {
        if (fqdn != null) {
            options.add(Option6Codes.CLIENT_FQDN, fqdn);
        }
        Dhcp6Packet q = new Dhcp6Packet(type.code(), xid++, options.build(), relays);
        Dhcp6Packet answer = Dhcp6TestClient.exchange(ch, server, q);
        List<String> line = new ArrayList<>(List.of(tag, type.name()));
        line.add(Dhcp6ClassProbe.describe(answer));
        System.out.println(String.join(" ", line));
        return answer;
    }
}
