package ruru.testing;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

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
import ruru.wire.v6.Oro;
import ruru.wire.v6.RelayInfo;
import ruru.wire.v6.StatusCode;

/**
 * Relayed DHCPv6 clients for classification side by side with Kea, run inside the client
 * namespace as the relay agent ([RELAY]:547 to [SERVER]:547): {@code RELAY SERVER} then one
 * argument per client, {@code name;link;key=value;...} with keys {@code ifid} (relay option 18),
 * {@code remote} (relay option 37, enterprise 4491), {@code peer} (relay peer address), {@code vc}
 * (option 16, enterprise 4491, tuples separated by {@code ,}), {@code uc} (option 15, one class
 * tuple), {@code vo} (option 17, enterprise 4491, sub-option 1 with the value), {@code pd} (also an
 * IA_PD). Each client SOLICITs, then REQUESTs what it was offered; one line per answer, the same
 * for any server: {@code name MSG ia... options...} (the server identifier left out), or
 * {@code name NONE} when no answer came.
 */
public final class Dhcp6ClassProbe {

    private static final HexFormat HEX = HexFormat.of();
    private static final int[] ORO = {21, 22, 23, 24, 27, 28, 29, 30, 31, 32};

    private Dhcp6ClassProbe() {
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(args[1], 547);
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET6)) {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress(args[0], 547));
            for (int i = 2; i < args.length; i++) {
                client(ch, server, i, args[i]);
            }
        }
    }

    private static void client(DatagramChannel ch, InetSocketAddress server, int n, String spec) throws Exception {
        String[] parts = spec.split(";");
        String name = parts[0];
        Ipv6Address link = Ipv6Address.parse(parts[1]);
        Dhcp6Options.Builder relayOpts = Dhcp6Options.builder();
        Dhcp6Options.Builder opts = Dhcp6Options.builder()
                .add(Option6Codes.CLIENTID, new byte[] {0, 3, 0, 1, 0x02, 0x77, 0, 0, 0, (byte) n})
                .add(Option6Codes.ELAPSED_TIME, new byte[2]).add(Option6Codes.ORO, Oro.encode(ORO));
        Ipv6Address peer = Ipv6Address.parse("fe80::2:" + Integer.toHexString(n));
        boolean pd = false;
        for (int i = 2; i < parts.length; i++) {
            String key = parts[i].substring(0, parts[i].indexOf('='));
            String value = parts[i].substring(parts[i].indexOf('=') + 1);
            switch (key) {
                case "ifid" -> relayOpts.add(Option6Codes.INTERFACE_ID, value.getBytes(StandardCharsets.US_ASCII));
                case "remote" -> relayOpts.add(37, concat(new byte[] {0, 0, 0x11, (byte) 0x8b}, ascii(value)));
                case "peer" -> peer = Ipv6Address.parse(value);
                case "vc" -> {
                    byte[] data = {0, 0, 0x11, (byte) 0x8b};
                    for (String tuple : value.split(",")) {
                        data = concat(data, tuple(tuple));
                    }
                    opts.add(Option6Codes.VENDOR_CLASS, data);
                }
                case "uc" -> opts.add(15, tuple(value));
                case "vo" -> opts.add(Option6Codes.VENDOR_OPTS, concat(new byte[] {0, 0, 0x11, (byte) 0x8b, 0, 1, 0,
                        (byte) value.length()}, ascii(value)));
                case "pd" -> pd = true;
                default -> throw new IllegalArgumentException(key);
            }
        }
        List<RelayInfo> relays = List.of(new RelayInfo(Dhcp6MessageType.RELAY_FORW, 0, link, peer,
                relayOpts.build()));
        Dhcp6Options.Builder solicit = opts.build().toBuilder().add(new Ia(IaType.NA, 1, 0, 0,
                Dhcp6Options.empty()).toOption());
        if (pd) {
            solicit.add(new Ia(IaType.PD, 2, 0, 0, Dhcp6Options.empty()).toOption());
        }
        Dhcp6Packet adv = Dhcp6TestClient.exchange(ch, server, new Dhcp6Packet(Dhcp6MessageType.SOLICIT.code(),
                2 * n, solicit.build(), relays));
        System.out.println(name + " " + describe(adv));
        if (adv == null || adv.messageType().orElse(null) != Dhcp6MessageType.ADVERTISE) {
            return;
        }
        Dhcp6Options.Builder request = opts.build().toBuilder()
                .add(Option6Codes.SERVERID, adv.options().get(Option6Codes.SERVERID).orElseThrow());
        for (Option6 o : adv.options()) {
            if (o.code() == Option6Codes.IA_NA || o.code() == Option6Codes.IA_PD) {
                request.add(o);
            }
        }
        Dhcp6Packet reply = Dhcp6TestClient.exchange(ch, server, new Dhcp6Packet(Dhcp6MessageType.REQUEST.code(),
                2 * n + 1, request.build(), relays));
        System.out.println(name + " " + describe(reply));
        System.out.flush();
    }

    static String describe(Dhcp6Packet p) throws Exception {
        if (p == null) {
            return "NONE";
        }
        List<String> out = new ArrayList<>();
        out.add(p.messageType().map(Enum::name).orElse("?"));
        TreeMap<Integer, List<String>> others = new TreeMap<>();
        for (Option6 o : p.options()) {
            switch (o.code()) {
                case Option6Codes.SERVERID, Option6Codes.CLIENTID -> { }
                case Option6Codes.IA_NA, Option6Codes.IA_PD -> {
                    for (Ia ia : Ia.all(Dhcp6Options.of(List.of(o)), o.code() == Option6Codes.IA_NA ? IaType.NA
                            : IaType.PD)) {
                        out.add(ia(ia));
                    }
                }
                default -> others.computeIfAbsent(o.code(), c -> new ArrayList<>()).add(HEX.formatHex(o.data()));
            }
        }
        others.forEach((code, values) -> out.add(code + "=" + String.join("+", values)));
        return String.join(" ", out);
    }

    private static String ia(Ia ia) throws Exception {
        StringBuilder b = new StringBuilder(ia.type() + "(t1=" + ia.t1() + ",t2=" + ia.t2());
        if (ia.type() == IaType.PD) {
            for (IaPrefix p : ia.prefixes()) {
                b.append(',').append(p.toPrefix()).append('/').append(p.preferredLifetime()).append('/')
                        .append(p.validLifetime());
            }
        } else {
            for (IaAddress a : ia.addresses()) {
                b.append(',').append(a.address()).append('/').append(a.preferredLifetime()).append('/')
                        .append(a.validLifetime());
            }
        }
        var status = ia.options().get(Option6Codes.STATUS_CODE);
        if (status.isPresent()) {
            StatusCode s = StatusCode.parse(status.get());
            b.append(",status=").append(s.code()).append(':').append(s.message());
        }
        return b.append(')').toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] tuple(String s) {
        byte[] d = ascii(s);
        return concat(new byte[] {(byte) (d.length >>> 8), (byte) d.length}, d);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
