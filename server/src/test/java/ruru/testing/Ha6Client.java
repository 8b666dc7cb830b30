package ruru.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ruru.wire.Ipv6Address;
import ruru.wire.WireFormatException;
import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Dhcp6Options;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Ia;
import ruru.wire.v6.IaAddress;
import ruru.wire.v6.IaPrefix;
import ruru.wire.v6.IaType;
import ruru.wire.v6.Option6Codes;
import ruru.wire.v6.RelayInfo;

/**
 * A DHCPv6 relay agent that forwards each client's messages to every server of an HA pair (as a
 * relay with two destinations does) and reports who answered; for the DHCPv6 HA tests. Runs in the
 * clients' namespace, bound to [RELAY]:547, and reads commands on stdin, one per line:
 * <pre>
 * sarr FIRST COUNT SERVER[,SERVER] [elapsed=N] [tries=N] [check=LEASEFILE] [pd]
 * solicit FIRST COUNT SERVER[,SERVER] [elapsed=N]
 * release FIRST COUNT SERVER[,SERVER]
 * </pre>
 * Client n has DUID-LL 00:03:00:01:02:66:00:00:hh:ll (n's two bytes). Results, one line per client:
 * {@code CLIENT duid ADVERTS ip,ip REPLY address BY ip FILE yes|no|- TRIES n} (sarr; "-" when no
 * address; with {@code pd} the client also asks for a prefix (IA_PD) and the line ends with
 * {@code PD prefix/len FILE yes|no|-}), {@code CLIENT duid ADVERTS ip,...} (solicit), {@code CLIENT duid RELEASED address BY ip}
 * (release of the address sarr got); then {@code DONE}. With {@code check}, the lease file is read
 * the moment the REPLY arrives: "yes" means the lease was there before the client saw its REPLY.
 */
public final class Ha6Client {

    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

    private final DatagramChannel ch;
    private final Ipv6Address relay;
    private final Map<Integer, Bound> bound = new HashMap<>();
    private int xid = 1;

    private record Bound(Ipv6Address address, byte[] serverId, InetSocketAddress server) {
    }

    private Ha6Client(DatagramChannel ch, Ipv6Address relay) {
        this.ch = ch;
        this.relay = relay;
    }

    public static void main(String[] args) throws Exception {
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET6)) {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress(args[0], 547));
            ch.configureBlocking(false);
            Ha6Client c = new Ha6Client(ch, Ipv6Address.parse(args[0]));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            System.out.println("READY");
            System.out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                c.run(line.trim().split("\\s+"));
                System.out.println("DONE");
                System.out.flush();
            }
        }
    }

    private void run(String[] w) throws IOException, WireFormatException {
        int first = Integer.parseInt(w[1]);
        int count = Integer.parseInt(w[2]);
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String s : w[3].split(",")) {
            servers.add(new InetSocketAddress(s, 547));
        }
        int elapsed = 0;
        int tries = 1;
        Path check = null;
        boolean pd = false;
        for (int i = 4; i < w.length; i++) {
            if (w[i].equals("pd")) {
                pd = true;
            }
            if (w[i].startsWith("elapsed=")) {
                elapsed = Integer.parseInt(w[i].substring(8));
            } else if (w[i].startsWith("tries=")) {
                tries = Integer.parseInt(w[i].substring(6));
            } else if (w[i].startsWith("check=")) {
                check = Path.of(w[i].substring(6));
            }
        }
        for (int n = first; n < first + count; n++) {
            switch (w[0]) {
                case "sarr" -> {
                    String result = null;
                    for (int attempt = 1; attempt <= tries && (result == null || result.contains(" REPLY - "));
                         attempt++) {
                        result = sarr(n, elapsed, servers, check, pd) + " TRIES " + attempt;
                    }
                    System.out.println(result);
                }
                case "solicit" -> System.out.println("CLIENT " + COLONS.formatHex(duid(n)) + " ADVERTS "
                        + names(exchange(solicit(n, elapsed, false), servers, servers.size())));
                case "release" -> System.out.println(release(n, servers));
                default -> System.out.println("ERROR unknown command " + w[0]);
            }
            System.out.flush();
        }
    }

    static byte[] duid(int n) {
        return new byte[] {0, 3, 0, 1, 0x02, 0x66, 0, 0, (byte) (n >>> 8), (byte) n};
    }

    private Dhcp6Packet query(Dhcp6MessageType type, int n, int elapsed, byte[] serverId, Ia... ias)
            throws WireFormatException {
        Dhcp6Options.Builder o = Dhcp6Options.builder().add(Option6Codes.CLIENTID, duid(n));
        if (serverId != null) {
            o.add(Option6Codes.SERVERID, serverId);
        }
        for (Ia ia : ias) {
            o.add(ia.toOption());
        }
        o.add(Option6Codes.ELAPSED_TIME, new byte[] {(byte) (elapsed >>> 8), (byte) elapsed});
        return new Dhcp6Packet(type.code(), xid++ & 0xffffff, o.build(), List.of(new RelayInfo(
                Dhcp6MessageType.RELAY_FORW, 0, relay, Ipv6Address.parse("fe80::66:0").plus(n & 0xffff),
                Dhcp6Options.empty())));
    }

    private Dhcp6Packet solicit(int n, int elapsed, boolean pd) throws WireFormatException {
        Ia na = new Ia(IaType.NA, 1, 0, 0, Dhcp6Options.empty());
        return pd ? query(Dhcp6MessageType.SOLICIT, n, elapsed, null, na, new Ia(IaType.PD, 1, 0, 0,
                Dhcp6Options.empty())) : query(Dhcp6MessageType.SOLICIT, n, elapsed, null, na);
    }

    private String sarr(int n, int elapsed, List<InetSocketAddress> servers, Path check, boolean pd)
            throws IOException, WireFormatException {
        String head = "CLIENT " + COLONS.formatHex(duid(n));
        Map<InetSocketAddress, Dhcp6Packet> adverts = exchange(solicit(n, elapsed, pd), servers, servers.size());
        if (adverts.isEmpty()) {
            return head + " ADVERTS - REPLY - BY - FILE -";
        }
        var chosen = adverts.entrySet().iterator().next();
        byte[] sid = chosen.getValue().options().get(Option6Codes.SERVERID).orElseThrow();
        Ia offered = Ia.all(chosen.getValue().options(), IaType.NA).getFirst();
        Ia na = new Ia(IaType.NA, 1, 0, 0, offered.options());
        Dhcp6Packet request = pd ? query(Dhcp6MessageType.REQUEST, n, elapsed, sid, na, new Ia(IaType.PD, 1, 0, 0,
                Ia.all(chosen.getValue().options(), IaType.PD).getFirst().options()))
                : query(Dhcp6MessageType.REQUEST, n, elapsed, sid, na);
        Map<InetSocketAddress, Dhcp6Packet> replies = exchange(request, List.of(chosen.getKey()), 1);
        String prefix = "";
        if (pd) {
            List<IaPrefix> p = replies.isEmpty() ? List.of()
                    : Ia.all(replies.values().iterator().next().options(), IaType.PD).getFirst().prefixes();
            String pfile = "-";
            if (!p.isEmpty() && check != null) {
                pfile = Files.exists(check) && Files.readString(check).contains(p.getFirst().prefix() + ",") ? "yes"
                        : "no";
            }
            prefix = p.isEmpty() || p.getFirst().validLifetime() == 0 ? " PD - FILE -"
                    : " PD " + p.getFirst().prefix() + "/" + p.getFirst().prefixLength() + " FILE " + pfile;
        }
        List<IaAddress> got = replies.isEmpty() ? List.of()
                : Ia.all(replies.values().iterator().next().options(), IaType.NA).getFirst().addresses();
        String file = "-";
        if (!got.isEmpty() && got.getFirst().validLifetime() > 0) {
            Ipv6Address a = got.getFirst().address();
            if (check != null) {
                file = Files.exists(check) && Files.readString(check).contains(a + ",") ? "yes" : "no";
            }
            bound.put(n, new Bound(a, sid, chosen.getKey()));
            return head + " ADVERTS " + names(adverts) + " REPLY " + a + " BY " + name(chosen.getKey()) + " FILE "
                    + file + prefix;
        }
        return head + " ADVERTS " + names(adverts) + " REPLY - BY - FILE -" + prefix;
    }

    private String release(int n, List<InetSocketAddress> servers) throws IOException, WireFormatException {
        Bound b = bound.get(n);
        String head = "CLIENT " + COLONS.formatHex(duid(n));
        if (b == null) {
            return head + " RELEASED - BY -";
        }
        Dhcp6Packet q = query(Dhcp6MessageType.RELEASE, n, 0, b.serverId(), new Ia(IaType.NA, 1, 0, 0,
                Dhcp6Options.builder().add(new IaAddress(b.address(), 0, 0, Dhcp6Options.empty()).toOption()).build()));
        Map<InetSocketAddress, Dhcp6Packet> replies = exchange(q, servers, 1);
        return head + " RELEASED " + (replies.isEmpty() ? "-" : b.address()) + " BY " + names(replies);
    }

    private static String name(InetSocketAddress a) {
        return Ipv6Address.of(a.getAddress().getAddress()).toString();
    }

    private static String names(Map<InetSocketAddress, Dhcp6Packet> answers) {
        return answers.isEmpty() ? "-" : String.join(",", answers.keySet().stream().map(Ha6Client::name).toList());
    }

    /**
     * Sends {@code q} to each server and collects the answers (by server, in arrival order) until
     * {@code wanted} servers answered or a second passed without all of them (3 s for a REQUEST,
     * whose reply waits for the partner's acknowledgment).
     */
    private Map<InetSocketAddress, Dhcp6Packet> exchange(Dhcp6Packet q, List<InetSocketAddress> servers, int wanted)
            throws IOException, WireFormatException {
        ByteBuffer drain = ByteBuffer.allocate(65536);
        while (ch.receive(drain) != null) {
            drain.clear();
        }
        byte[] bytes = q.encode();
        for (InetSocketAddress s : servers) {
            ch.send(ByteBuffer.wrap(bytes), s);
        }
        Map<InetSocketAddress, Dhcp6Packet> answers = new LinkedHashMap<>();
        long wait = q.type() == Dhcp6MessageType.SOLICIT.code() ? 1_000_000_000L : 3_000_000_000L;
        long deadline = System.nanoTime() + wait;
        ByteBuffer buf = ByteBuffer.allocate(65536);
        while (System.nanoTime() < deadline && answers.size() < wanted) {
            buf.clear();
            SocketAddress from = ch.receive(buf);
            if (from == null) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                continue;
            }
            try {
                Dhcp6Packet p = Dhcp6Packet.decode(Arrays.copyOf(buf.array(), buf.position()));
                if (p.transactionId() == q.transactionId() && from instanceof InetSocketAddress isa) {
                    answers.put(new InetSocketAddress(isa.getAddress(), 547), p);
                }
            } catch (WireFormatException e) {
                // not a reply of ours
            }
        }
        return answers;
    }
}
