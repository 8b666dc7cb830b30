package ruru.dhcp4.service;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import ruru.dhcp4.config.OptionValue;
import ruru.dhcp4.config.Pool4;
import ruru.dhcp4.config.Reservation4;
import ruru.dhcp4.config.Subnet4;
import ruru.net.InterfaceAddress4;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/**
 * Builds a reply from its query, as small modifiers on a copy of the query's header (RFC 2131
 * section 4.3: xid, flags, giaddr, chaddr and, for renewals, ciaddr come back).
 *
 * <p>Options follow Kea: message type and server identifier first; the subnet mask always; routers,
 * domain name servers and domain name whenever configured; any other configured option the client
 * lists in its Parameter Request List (55) or that is {@code always-send}, never one that is
 * {@code never-send}; the client identifier echoed (RFC 6842, {@code echo-client-id}); Relay Agent
 * Information echoed last (RFC 3046 section 2.2). Precedence of configured values: reservation, then
 * pool, then subnet (which already carries its shared network's and the global ones). Options of
 * other spaces (vendor sub-options) are not sent yet.
 */
final class ResponseBuilder {

    private static final int[] ALWAYS_WHEN_CONFIGURED = {OptionCodes.ROUTERS, OptionCodes.DOMAIN_NAME_SERVERS,
            OptionCodes.DOMAIN_NAME};

    private ResponseBuilder() {
    }

    static Dhcp4Packet build(Exchange ex, MessageType type, Subnet4 subnet, Ipv4Address yiaddr, long validLifetime,
                             Optional<Pool4> pool, Optional<Reservation4> host) {
        Dhcp4Packet q = ex.query();
        Dhcp4Options.Builder o = Dhcp4Options.builder();
        o.put(OptionCodes.MESSAGE_TYPE, new byte[] {(byte) type.code()});
        o.put(OptionCodes.SERVER_ID, serverId(ex).toBytes());
        if (type != MessageType.ACK || validLifetime > 0) {
            o.put(OptionCodes.LEASE_TIME, u32(validLifetime));
            OptionalLong t1 = Lifetimes.renew(subnet, validLifetime);
            OptionalLong t2 = Lifetimes.rebind(subnet, validLifetime);
            t1.ifPresent(v -> o.put(OptionCodes.RENEWAL_TIME, u32(v)));
            t2.ifPresent(v -> o.put(OptionCodes.REBINDING_TIME, u32(v)));
        }
        addConfigured(o, ex, subnet, pool, host);
        host.map(Reservation4::hostname).filter(h -> !h.isEmpty())
                .ifPresent(h -> o.put(OptionCodes.HOST_NAME, h.getBytes(StandardCharsets.UTF_8)));
        echo(o, ex);
        Dhcp4Packet.Builder b = q.toBuilder()
                .op(2)
                .hops(0)
                .secs(0)
                .yiaddr(yiaddr)
                .siaddr(host.flatMap(Reservation4::nextServer).orElse(subnet.nextServer()))
                .sname(field(host.map(Reservation4::serverHostname).filter(s -> !s.isEmpty())
                        .orElse(subnet.serverHostname()), 64))
                .file(field(host.map(Reservation4::bootFileName).filter(s -> !s.isEmpty())
                        .orElse(subnet.bootFileName()), 128))
                .options(o.build());
        return b.build();
    }

    /** INFORM's ACK (RFC 2131 4.3.5): configuration only, no yiaddr, no lease time. */
    static Dhcp4Packet inform(Exchange ex, Subnet4 subnet, Optional<Reservation4> host) {
        Dhcp4Options.Builder o = Dhcp4Options.builder();
        o.put(OptionCodes.MESSAGE_TYPE, new byte[] {(byte) MessageType.ACK.code()});
        o.put(OptionCodes.SERVER_ID, serverId(ex).toBytes());
        addConfigured(o, ex, subnet, Optional.empty(), host);
        echo(o, ex);
        return ex.query().toBuilder().op(2).hops(0).secs(0).yiaddr(Ipv4Address.ANY)
                .siaddr(subnet.nextServer()).options(o.build()).build();
    }

    /** DHCPNAK (RFC 2131 table 3): only message type, server id, a message, client id and relay info. */
    static Dhcp4Packet nak(Exchange ex, String reason) {
        Dhcp4Options.Builder o = Dhcp4Options.builder();
        o.put(OptionCodes.MESSAGE_TYPE, new byte[] {(byte) MessageType.NAK.code()});
        o.put(OptionCodes.SERVER_ID, serverId(ex).toBytes());
        o.put(OptionCodes.MESSAGE, reason.getBytes(StandardCharsets.US_ASCII));
        echo(o, ex);
        return ex.query().toBuilder().op(2).hops(0).secs(0).ciaddr(Ipv4Address.ANY).yiaddr(Ipv4Address.ANY)
                .siaddr(Ipv4Address.ANY).sname(new byte[64]).file(new byte[128]).options(o.build()).build();
    }

    private static void addConfigured(Dhcp4Options.Builder o, Exchange ex, Subnet4 subnet, Optional<Pool4> pool,
                                      Optional<Reservation4> host) {
        // Highest precedence first: reservation, pool, then the subnet's merged list (which already
        // lists subnet before shared network before global). The first value per code wins.
        Map<Integer, OptionValue> values = new LinkedHashMap<>();
        host.ifPresent(h -> putAll(values, h.options()));
        pool.ifPresent(p -> putAll(values, p.options()));
        putAll(values, subnet.options());
        o.put(OptionCodes.SUBNET_MASK, mask(subnet.prefixLength()));
        byte[] prl = ex.query().options().get(OptionCodes.PARAMETER_LIST).orElse(new byte[0]);
        for (OptionValue v : values.values()) {
            if (v.neverSend()) {
                if (v.code() == OptionCodes.SUBNET_MASK) {
                    o.remove(OptionCodes.SUBNET_MASK);
                }
                continue;
            }
            if (v.alwaysSend() || v.code() == OptionCodes.SUBNET_MASK || contains(ALWAYS_WHEN_CONFIGURED, v.code())
                    || contains(prl, v.code())) {
                o.put(v.code(), v.data());
            }
        }
    }

    private static void putAll(Map<Integer, OptionValue> values, List<OptionValue> list) {
        for (OptionValue v : list) {
            if ("dhcp4".equals(v.space())) {
                values.putIfAbsent(v.code(), v);
            }
        }
    }

    private static void echo(Dhcp4Options.Builder o, Exchange ex) {
        Dhcp4Options q = ex.query().options();
        if (ex.snap().config().echoClientId()) {
            q.get(OptionCodes.CLIENT_ID).ifPresent(id -> o.put(OptionCodes.CLIENT_ID, id));
        }
        q.get(OptionCodes.AGENT_INFO).ifPresent(rai -> o.put(OptionCodes.AGENT_INFO, rai));
    }

    /**
     * The server identifier: the address the query reached us on, else the receiving interface's
     * first address (Kea uses the socket's address).
     */
    static Ipv4Address serverId(Exchange ex) {
        Ipv4Address local = ex.received().local();
        if (local != null && !local.isZero() && !local.equals(Ipv4Address.BROADCAST) && !ex.received().toBroadcast()) {
            return local;
        }
        List<InterfaceAddress4> addresses = ex.received().iface().addresses();
        return addresses.isEmpty() ? Ipv4Address.ANY : addresses.get(0).address();
    }

    static byte[] u32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] mask(int prefixLength) {
        int m = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
        return new Ipv4Address(m).toBytes();
    }

    private static byte[] field(String text, int size) {
        byte[] out = new byte[size];
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, out, 0, Math.min(b.length, size - 1));
        return out;
    }

    private static boolean contains(int[] codes, int code) {
        for (int c : codes) {
            if (c == code) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(byte[] prl, int code) {
        for (byte b : prl) {
            if ((b & 0xff) == code) {
                return true;
            }
        }
        return false;
    }
}
