package ruru.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.Random;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/**
 * A scripted relay agent for end-to-end tests, run inside the client namespace:
 * {@code dora RELAY SERVER COUNT} does that many sequential DORA exchanges for distinct clients and
 * prints {@code ACK <address> <mac>} as each ACK arrives (it stops after three exchanges in a row
 * fail, e.g. when the server was killed); {@code decline RELAY SERVER COUNT} does the same and then
 * declines each address ({@code DECLINED <address>}); {@code garbage RELAY SERVER COUNT} sends that
 * many malformed datagrams and prints how many of them cannot be a DHCP packet;
 * {@code steady RELAY SERVER STOPFILE TIMEOUT_MS} does DORA exchanges for distinct clients until
 * STOPFILE exists, whatever fails, each reply awaited at most TIMEOUT_MS, printing
 * {@code ACK <address> <mac> <epoch ms>} or {@code FAIL <mac> <epoch ms>} per exchange;
 * {@code discover RELAY SERVER INDEX[,INDEX...] [TIMEOUT_MS]} sends one DISCOVER for client INDEX and prints
 * {@code OFFER <address> <lease time> [<domain name>]} or {@code NONE} (after 2 s, or TIMEOUT_MS), for
 * each client of the list in turn (one line each, the next DISCOVER right after the previous
 * answer, so a test's steps are not seconds of process start-up apart); {@code request RELAY SERVER INDEX ADDRESS}
 * sends that client's REQUEST (SELECTING, server id SERVER) and prints {@code ACK|NAK <address>
 * <lease time>} or {@code NONE}.
 */
public final class DoraClient {

    private DoraClient() {
    }

    public static void main(String[] args) throws Exception {
        Ipv4Address relay = Ipv4Address.parse(args[1]);
        InetSocketAddress server = new InetSocketAddress(args[2], 67);
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress(args[1], 67));
            if (args[0].equals("steady")) {
                steady(ch, relay, server, java.nio.file.Path.of(args[3]), Long.parseLong(args[4]) * 1_000_000L);
                return;
            }
            if (args[0].equals("discover") || args[0].equals("request")) {
                boolean request = args[0].equals("request");
                long timeout = !request && args.length > 4 ? Long.parseLong(args[4]) * 1_000_000L : 2_000_000_000L;
                for (String index : args[3].split(",")) {
                    one(ch, relay, server, Integer.parseInt(index), request ? Ipv4Address.parse(args[4]) : null,
                            Ipv4Address.parse(args[2]), timeout);
                }
                return;
            }
            int count = Integer.parseInt(args[3]);
            if (args[0].equals("dora") || args[0].equals("decline")) {
                dora(ch, relay, server, count, args[0].equals("decline"));
            } else {
                garbage(ch, server, count);
            }
        }
    }

    private static void dora(DatagramChannel ch, Ipv4Address relay, InetSocketAddress server, int count,
                             boolean decline) throws IOException {
        int failures = 0;
        for (int i = 0; i < count && failures < 3; i++) {
            byte[] mac = {0x02, 0x42, (byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
            HardwareAddress hw = new HardwareAddress(HardwareAddress.ETHERNET, mac);
            Dhcp4Packet offer = exchange(ch, server, query(hw, relay, i, MessageType.DISCOVER, null, null));
            if (offer == null || offer.messageType().orElse(null) != MessageType.OFFER) {
                System.out.println("NO-OFFER " + hw);
                failures++;
                continue;
            }
            Ipv4Address sid = offer.options().address(OptionCodes.SERVER_ID).orElseThrow();
            Dhcp4Packet ack = exchange(ch, server, query(hw, relay, i, MessageType.REQUEST, offer.yiaddr(), sid));
            if (ack != null && ack.messageType().orElse(null) == MessageType.ACK) {
                failures = 0;
                System.out.println("ACK " + ack.yiaddr() + " " + hw);
                System.out.flush();
                if (decline) {
                    Dhcp4Packet d = query(hw, relay, i, MessageType.DECLINE, ack.yiaddr(), sid);
                    ch.send(ByteBuffer.wrap(d.encode()), server);
                    System.out.println("DECLINED " + ack.yiaddr());
                }
            } else {
                failures++;
                System.out.println("NO-ACK " + hw);
            }
        }
    }

    private static void one(DatagramChannel ch, Ipv4Address relay, InetSocketAddress server, int index,
                            Ipv4Address requested, Ipv4Address serverId, long timeoutNanos) throws IOException {
        byte[] mac = {0x02, 0x44, 0, 0, (byte) (index >>> 8), (byte) index};
        HardwareAddress hw = new HardwareAddress(HardwareAddress.ETHERNET, mac);
        MessageType type = requested == null ? MessageType.DISCOVER : MessageType.REQUEST;
        Dhcp4Packet r = exchange(ch, server, query(hw, relay, index, type, requested, serverId), timeoutNanos);
        if (r == null) {
            System.out.println("NONE");
        } else {
            MessageType got = r.messageType().orElse(null);
            System.out.println((got == MessageType.OFFER ? "OFFER" : got == MessageType.ACK ? "ACK" : "NAK") + " "
                    + r.yiaddr() + " " + r.options().u32(OptionCodes.LEASE_TIME).orElse(-1)
                    + r.options().string(OptionCodes.DOMAIN_NAME).map(d -> " " + d).orElse(""));
        }
        System.out.flush();
    }

    private static void steady(DatagramChannel ch, Ipv4Address relay, InetSocketAddress server,
                               java.nio.file.Path stop, long timeoutNanos) throws IOException {
        for (int i = 0; !java.nio.file.Files.exists(stop); i++) {
            byte[] mac = {0x02, 0x43, (byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
            HardwareAddress hw = new HardwareAddress(HardwareAddress.ETHERNET, mac);
            Dhcp4Packet offer = exchange(ch, server, query(hw, relay, i, MessageType.DISCOVER, null, null), timeoutNanos);
            Dhcp4Packet ack = null;
            if (offer != null && offer.messageType().orElse(null) == MessageType.OFFER) {
                Ipv4Address sid = offer.options().address(OptionCodes.SERVER_ID).orElseThrow();
                ack = exchange(ch, server, query(hw, relay, i, MessageType.REQUEST, offer.yiaddr(), sid), timeoutNanos);
            }
            if (ack != null && ack.messageType().orElse(null) == MessageType.ACK) {
                System.out.println("ACK " + ack.yiaddr() + " " + hw + " " + System.currentTimeMillis());
            } else {
                System.out.println("FAIL " + hw + " " + System.currentTimeMillis());
            }
            System.out.flush();
        }
    }

    private static Dhcp4Packet query(HardwareAddress hw, Ipv4Address relay, int xid, MessageType type,
                                     Ipv4Address requested, Ipv4Address serverId) {
        Dhcp4Options.Builder o = Dhcp4Options.builder();
        o.put(OptionCodes.MESSAGE_TYPE, new byte[] {(byte) type.code()});
        if (requested != null) {
            o.put(OptionCodes.REQUESTED_ADDRESS, requested);
            o.put(OptionCodes.SERVER_ID, serverId);
        }
        return Dhcp4Packet.builder().op(1).htype(1).hlen(6).xid(xid + 1).chaddr(hw).giaddr(relay).hops(1)
                .options(o.build()).build();
    }

    private static Dhcp4Packet exchange(DatagramChannel ch, InetSocketAddress server, Dhcp4Packet q) throws IOException {
        return exchange(ch, server, q, 2_000_000_000L);
    }

    private static Dhcp4Packet exchange(DatagramChannel ch, InetSocketAddress server, Dhcp4Packet q, long timeoutNanos)
            throws IOException {
        ch.send(ByteBuffer.wrap(q.encode()), server);
        ByteBuffer buf = ByteBuffer.allocate(4096);
        long deadline = System.nanoTime() + timeoutNanos;
        ch.configureBlocking(false);
        while (System.nanoTime() < deadline) {
            buf.clear();
            if (ch.receive(buf) == null) {
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
                if (r.xid() == q.xid()) {
                    return r;
                }
            } catch (WireFormatException e) {
                // not ours
            }
        }
        return null;
    }

    /** Truncated headers, lying option lengths and random bytes; prints how many are surely invalid. */
    private static void garbage(DatagramChannel ch, InetSocketAddress server, int count) throws IOException {
        Random random = new Random(42);
        int invalid = 0;
        byte[] good = query(new HardwareAddress(1, new byte[] {2, 0, 0, 0, 0, 9}), new Ipv4Address(0xC0000202), 7,
                MessageType.DISCOVER, null, null).encode();
        for (int i = 0; i < count; i++) {
            byte[] b;
            switch (i % 3) {
                case 0 -> b = Arrays.copyOf(good, random.nextInt(236));               // truncated header
                case 1 -> {                                                           // hlen over 16
                    // (an option running past the end is no longer one: Kea leaves it out and goes on)
                    b = good.clone();
                    b[2] = (byte) (17 + random.nextInt(200));
                }
                default -> {
                    b = new byte[1 + random.nextInt(600)];
                    random.nextBytes(b);
                    b[0] = 1;
                }
            }
            try {
                Dhcp4Packet.decode(b);
            } catch (WireFormatException e) {
                invalid++;
            }
            ch.send(ByteBuffer.wrap(b), server);
        }
        System.out.println("INVALID " + invalid);
    }
}
