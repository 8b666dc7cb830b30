package ruru.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/**
 * A relay agent with several helper addresses, for HA tests: it relays each client's DISCOVER and
 * REQUEST to every server of an HA pair (as a real relay does) and reports which servers answered.
 * Runs in the clients' network namespace and reads commands on stdin, one per line:
 * <pre>
 * dora FIRST COUNT SERVER[,SERVER] [cid] [secs=N] [tries=N] [check=LEASEFILE]
 * discover FIRST COUNT SERVER[,SERVER] [cid] [secs=N]
 * release FIRST COUNT SERVER[,SERVER]
 * decline FIRST COUNT SERVER[,SERVER]
 * </pre>
 * Client n has MAC 02:43:00:00:hh:ll (n's two bytes) and, with {@code cid}, client-id 01+MAC. Each
 * result is one line: {@code CLIENT mac OFFERS ip,ip ACK address BY ip FILE yes|no|- TRIES n} (dora),
 * {@code CLIENT mac OFFERS ip,...} (discover); then {@code DONE}. With {@code check}, the lease file
 * is read the moment the ACK arrives: "yes" means the lease was there before the client saw its ACK.
 */
public final class HaClient {

    private final DatagramChannel ch;
    private final Ipv4Address relay;
    private int xid = 1;

    private HaClient(DatagramChannel ch, Ipv4Address relay) {
        this.ch = ch;
        this.relay = relay;
    }

    public static void main(String[] args) throws Exception {
        Ipv4Address relay = Ipv4Address.parse(args[0]);
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress(args[0], 67));
            ch.configureBlocking(false);
            HaClient c = new HaClient(ch, relay);
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

    private void run(String[] w) throws IOException {
        int first = Integer.parseInt(w[1]);
        int count = Integer.parseInt(w[2]);
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String s : w[3].split(",")) {
            servers.add(new InetSocketAddress(s, 67));
        }
        boolean cid = false;
        int secs = 0;
        int tries = 1;
        Path check = null;
        for (int i = 4; i < w.length; i++) {
            if (w[i].equals("cid")) {
                cid = true;
            } else if (w[i].startsWith("secs=")) {
                secs = Integer.parseInt(w[i].substring(5));
            } else if (w[i].startsWith("tries=")) {
                tries = Integer.parseInt(w[i].substring(6));
            } else if (w[i].startsWith("check=")) {
                check = Path.of(w[i].substring(6));
            }
        }
        for (int n = first; n < first + count; n++) {
            byte[] mac = {0x02, 0x43, 0, 0, (byte) (n >>> 8), (byte) n};
            HardwareAddress hw = new HardwareAddress(HardwareAddress.ETHERNET, mac);
            byte[] clientId = cid ? concat(new byte[] {1}, mac) : null;
            switch (w[0]) {
                case "dora" -> {
                    String result = null;
                    for (int attempt = 1; attempt <= tries && (result == null || result.contains(" ACK - ")); attempt++) {
                        result = dora(hw, clientId, secs, servers, check) + " TRIES " + attempt;
                    }
                    System.out.println(result);
                }
                case "discover" -> {
                    Map<String, Dhcp4Packet> offers = exchange(query(hw, clientId, secs, MessageType.DISCOVER, null,
                            null), servers, MessageType.OFFER);
                    System.out.println("CLIENT " + hw + " OFFERS " + names(offers));
                }
                case "release" -> release(hw, clientId, servers);
                case "decline" -> decline(hw, clientId, servers);
                default -> System.out.println("ERROR unknown command " + w[0]);
            }
            System.out.flush();
        }
    }

    /** One DORA through the relay; the result line. A client that gets no ACK tries again (tries=N). */
    private String dora(HardwareAddress hw, byte[] clientId, int secs, List<InetSocketAddress> servers, Path check)
            throws IOException {
        Map<String, Dhcp4Packet> offers = exchange(query(hw, clientId, secs, MessageType.DISCOVER, null, null), servers,
                MessageType.OFFER);
        StringBuilder out = new StringBuilder("CLIENT " + hw + " OFFERS " + names(offers));
        if (offers.isEmpty()) {
            return out.append(" ACK - BY - FILE -").toString();
        }
        Dhcp4Packet offer = offers.values().iterator().next();
        Ipv4Address sid = offer.options().address(OptionCodes.SERVER_ID).orElseThrow();
        Map<String, Dhcp4Packet> acks = new LinkedHashMap<>();
        String file = "-";
        Dhcp4Packet request = query(hw, clientId, secs, MessageType.REQUEST, offer.yiaddr(), sid);
        send(request, servers);
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < deadline && acks.isEmpty()) {
            Received r = receive(request.xid(), deadline);
            if (r != null && r.packet.messageType().orElse(null) == MessageType.ACK) {
                // read the partner's lease file at once: the lease must be there before the ACK arrived
                if (check != null) {
                    file = leaseIn(check, r.packet.yiaddr(), hw) ? "yes" : "no";
                }
                acks.put(r.from, r.packet);
            }
        }
        if (acks.isEmpty()) {
            return out.append(" ACK - BY - FILE -").toString();
        }
        var ack = acks.entrySet().iterator().next();
        return out.append(" ACK ").append(ack.getValue().yiaddr()).append(" BY ").append(ack.getKey())
                .append(" FILE ").append(file).toString();
    }

    private void release(HardwareAddress hw, byte[] clientId, List<InetSocketAddress> servers) throws IOException {
        Map<String, Dhcp4Packet> offers = exchange(query(hw, clientId, 0, MessageType.DISCOVER, null, null), servers,
                MessageType.OFFER);
        if (offers.isEmpty()) {
            System.out.println("CLIENT " + hw + " RELEASED -");
            return;
        }
        Dhcp4Packet offer = offers.values().iterator().next();
        Ipv4Address sid = offer.options().address(OptionCodes.SERVER_ID).orElseThrow();
        Dhcp4Packet.Builder b = query(hw, clientId, 0, MessageType.RELEASE, null, sid).toBuilder();
        send(b.ciaddr(offer.yiaddr()).build(), servers);
        System.out.println("CLIENT " + hw + " RELEASED " + offer.yiaddr());
    }

    /** DORA, then DECLINE of the address acknowledged; prints {@code CLIENT mac DECLINED address}. */
    private void decline(HardwareAddress hw, byte[] clientId, List<InetSocketAddress> servers) throws IOException {
        String line = dora(hw, clientId, 0, servers, null);
        String[] w = line.split(" ");
        if (w[5].equals("-")) {
            System.out.println("CLIENT " + hw + " DECLINED -");
            return;
        }
        Ipv4Address address;
        Ipv4Address sid;
        try {
            address = Ipv4Address.parse(w[5]);
            sid = Ipv4Address.parse(w[7]);
        } catch (WireFormatException e) {
            throw new IOException(e);
        }
        send(query(hw, clientId, 0, MessageType.DECLINE, address, sid), servers);
        System.out.println("CLIENT " + hw + " DECLINED " + address);
    }

    private static String names(Map<String, Dhcp4Packet> answers) {
        return answers.isEmpty() ? "-" : String.join(",", answers.keySet());
    }

    private static boolean leaseIn(Path file, Ipv4Address address, HardwareAddress hw) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        String prefix = address + "," + hw + ",";
        return Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream().anyMatch(l -> l.startsWith(prefix));
    }

    private Dhcp4Packet query(HardwareAddress hw, byte[] clientId, int secs, MessageType type, Ipv4Address requested,
                              Ipv4Address serverId) {
        Dhcp4Options.Builder o = Dhcp4Options.builder().put(OptionCodes.MESSAGE_TYPE, new byte[] {(byte) type.code()});
        if (clientId != null) {
            o.put(OptionCodes.CLIENT_ID, clientId);
        }
        if (requested != null) {
            o.put(OptionCodes.REQUESTED_ADDRESS, requested);
        }
        if (serverId != null) {
            o.put(OptionCodes.SERVER_ID, serverId);
        }
        return Dhcp4Packet.builder().op(1).xid(xid++).secs(secs).hops(1).giaddr(relay).chaddr(hw).options(o.build())
                .build();
    }

    private void send(Dhcp4Packet q, List<InetSocketAddress> servers) throws IOException {
        for (InetSocketAddress s : servers) {
            ch.send(ByteBuffer.wrap(q.encode()), s);
        }
    }

    /** Sends to every server and gathers the answers of the expected type for a while. */
    private Map<String, Dhcp4Packet> exchange(Dhcp4Packet q, List<InetSocketAddress> servers, MessageType expected)
            throws IOException {
        send(q, servers);
        Map<String, Dhcp4Packet> answers = new LinkedHashMap<>();
        long deadline = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < deadline && answers.size() < servers.size()) {
            Received r = receive(q.xid(), deadline);
            if (r != null && r.packet.messageType().orElse(null) == expected) {
                answers.put(r.from, r.packet);
                // once one server answered, give the other a short while to answer too
                deadline = Math.min(deadline, System.nanoTime() + 400_000_000L);
            }
        }
        return answers;
    }

    private record Received(String from, Dhcp4Packet packet) {
    }

    private Received receive(int id, long deadline) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (System.nanoTime() < deadline) {
            buf.clear();
            InetSocketAddress from = (InetSocketAddress) ch.receive(buf);
            if (from == null) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                continue;
            }
            try {
                Dhcp4Packet r = Dhcp4Packet.decode(Arrays.copyOf(buf.array(), buf.position()));
                if (r.xid() == id) {
                    return new Received(from.getAddress().getHostAddress(), r);
                }
            } catch (WireFormatException e) {
                // not a DHCP answer
            }
        }
        return null;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
