package ruru.dhcp4.service;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;


import ruru.dhcp.config.OptionValue;
import ruru.dhcp4.config.Pool4;
import ruru.dhcp4.config.Reservation4;
import ruru.dhcp4.config.Subnet4;
import ruru.dhcp4.ddns.Ddns4;
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
 * pool, then subnet (which already carries its shared network's and the global ones), per option
 * space; options of other spaces travel inside the option that encapsulates them (43, 125, custom
 * ones; see {@link ReplyOptions}).
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
        addConfigured(o, ex, subnet, pool, host, true);
        // The client's name as the server decided it (option 81, or option 12), Kea's processClientName.
        Ddns4.replyOption(q, DdnsFlow.name(ex, subnet, host.map(Reservation4::hostname).filter(h -> !h.isEmpty()),
                yiaddr))
                .ifPresent(r -> o.put(r.code(), r.data()));
        echo(o, ex);
        Dhcp4Packet.Builder b = q.toBuilder()
                .op(2)
                .minLength(0)
                .secs(0)
                .ciaddr(type == MessageType.OFFER ? Ipv4Address.ANY : q.ciaddr())
                .yiaddr(yiaddr)
                .siaddr(nextServer(ex, subnet, host))
                .sname(field(bootField(ex, subnet, host, true), 64))
                .file(field(bootField(ex, subnet, host, false), 128))
                .options(inKeaOrder(o.build()));
        return b.build();
    }

    /** siaddr, Kea's setFixedFields: the reservation's, else the first class's, else the subnet's. */
    private static Ipv4Address nextServer(Exchange ex, Subnet4 subnet, Optional<Reservation4> host) {
        Optional<Ipv4Address> reserved = host.flatMap(Reservation4::nextServer).filter(a -> !a.isZero());
        if (reserved.isPresent()) {
            return reserved.get();
        }
        Ipv4Address byClass = ex.classes().nextServer();
        return byClass != null ? byClass : subnet.nextServer();
    }

    /** sname (true) or file, in the same order as siaddr. */
    private static String bootField(Exchange ex, Subnet4 subnet, Optional<Reservation4> host, boolean sname) {
        String reserved = host.map(sname ? Reservation4::serverHostname : Reservation4::bootFileName).orElse("");
        if (!reserved.isEmpty()) {
            return reserved;
        }
        String byClass = ex.classes().bootField(sname);
        return !byClass.isEmpty() ? byClass : sname ? subnet.serverHostname() : subnet.bootFileName();
    }

    /**
     * INFORM's ACK (RFC 2131 4.3.5): configuration only, no yiaddr, no lease time, and (as Kea) no
     * subnet mask unless configured and asked for. An INFORM with ciaddr is answered straight to
     * ciaddr, so the reply carries neither giaddr nor hops even when a relay brought the query.
     */
    static Dhcp4Packet inform(Exchange ex, Subnet4 subnet, Optional<Reservation4> host) {
        Dhcp4Options.Builder o = Dhcp4Options.builder();
        o.put(OptionCodes.MESSAGE_TYPE, new byte[] {(byte) MessageType.ACK.code()});
        o.put(OptionCodes.SERVER_ID, serverId(ex).toBytes());
        addConfigured(o, ex, subnet, Optional.empty(), host, false);
        echo(o, ex);
        Dhcp4Packet.Builder b = ex.query().toBuilder().op(2).minLength(0).secs(0).yiaddr(Ipv4Address.ANY)
                .siaddr(nextServer(ex, subnet, host));
        if (!ex.query().ciaddr().isZero()) {
            b.giaddr(Ipv4Address.ANY).hops(0);
        }
        return b.options(inKeaOrder(o.build())).build();
    }

    /**
     * DHCPNAK (RFC 2131 table 3) as Kea sends it: message type, server identifier, the echoed client
     * identifier and relay agent information; no message (option 56), the reason goes to the log.
     */
    static Dhcp4Packet nak(Exchange ex) {
        Dhcp4Options.Builder o = Dhcp4Options.builder();
        o.put(OptionCodes.MESSAGE_TYPE, new byte[] {(byte) MessageType.NAK.code()});
        o.put(OptionCodes.SERVER_ID, serverId(ex).toBytes());
        echo(o, ex);
        return ex.query().toBuilder().op(2).minLength(0).secs(0).ciaddr(Ipv4Address.ANY).yiaddr(Ipv4Address.ANY)
                .siaddr(Ipv4Address.ANY).sname(EMPTY).file(EMPTY).options(inKeaOrder(o.build())).build();
    }

    /**
     * Kea's option order on the wire: message type first, then by code (Kea keeps a reply's options
     * in a map ordered by code).
     */
    static Dhcp4Options inKeaOrder(Dhcp4Options options) {
        return options.sortedByCode(OptionCodes.MESSAGE_TYPE);
    }

    /** {@code lease}: a DISCOVER or REQUEST, whose reply always has the subnet mask (Kea's assignLease). */
    private static void addConfigured(Dhcp4Options.Builder o, Exchange ex, Subnet4 subnet, Optional<Pool4> pool,
                                      Optional<Reservation4> host, boolean lease) {
        ReplyOptions configured = ReplyOptions.of(ex, host, pool, subnet);
        if (lease) {
            o.put(OptionCodes.SUBNET_MASK, mask(subnet.prefixLength()));
        }
        byte[] prl = ex.query().options().get(OptionCodes.PARAMETER_LIST).orElse(new byte[0]);
        for (Map.Entry<Integer, OptionValue> e : configured.topLevel().entrySet()) {
            int code = e.getKey();
            if (configured.neverSend(OptionValue.DHCP4, code)) {
                if (code == OptionCodes.SUBNET_MASK) {
                    o.remove(OptionCodes.SUBNET_MASK);
                }
                continue;
            }
            if (code == OptionCodes.VIVSO_SUBOPTIONS) {
                continue; // assembled per enterprise below
            }
            if (code == OptionCodes.SUBNET_MASK && lease || contains(ALWAYS_WHEN_CONFIGURED, code) || contains(prl, code)
                    || configured.alwaysSend(OptionValue.DHCP4, code)) {
                if (code == OptionCodes.VIVCO_SUBOPTIONS) {
                    o.put(code, configured.vendorClasses());
                    continue;
                }
                // one instance per code, the winning level's last configured (kea-dhcp4 2.2)
                o.put(code, configured.payload(e.getValue()));
            }
        }
        boolean offer125 = (contains(prl, OptionCodes.VIVSO_SUBOPTIONS)
                || configured.alwaysSend(OptionValue.DHCP4, OptionCodes.VIVSO_SUBOPTIONS))
                && !configured.neverSend(OptionValue.DHCP4, OptionCodes.VIVSO_SUBOPTIONS);
        configured.vendorSpecific(ex.query(), offer125).ifPresent(v -> o.put(OptionCodes.VIVSO_SUBOPTIONS, v));
    }

    /**
     * The reply's bytes, as kea-dhcp4 packs them: every option in the options field however long
     * the reply gets. Kea reads no Maximum DHCP Message Size (option 57) when packing and never
     * overloads sname/file with options (option 52); the overload conformance cases compare this
     * byte for byte with kea-dhcp4 2.2 (a 666-byte OFFER to a client that sent option 57 = 576).
     * A BOOTP query (no message type) gets a BOOTP reply, as Kea's bootp library makes it.
     */
    static byte[] encode(Dhcp4Packet query, Dhcp4Packet reply) {
        if (query.messageType().isEmpty()) {
            return encodeBootp(reply);
        }
        return reply.encode();
    }

    /** The DHCP-only options a BOOTP reply leaves out (Kea's bootp library packs the reply without them). */
    private static final int[] NOT_BOOTP = {OptionCodes.MESSAGE_TYPE, OptionCodes.SERVER_ID, OptionCodes.LEASE_TIME,
            OptionCodes.RENEWAL_TIME, OptionCodes.REBINDING_TIME};

    /** A BOOTP reply: the ACK without the DHCP-only options, at least 300 bytes (RFC 951). */
    private static byte[] encodeBootp(Dhcp4Packet reply) {
        Dhcp4Options.Builder o = reply.options().toBuilder();
        for (int code : NOT_BOOTP) {
            o.remove(code);
        }
        // A BOOTP reply keeps the 300 bytes of RFC 951 (DHCP replies go out as long as they are, as Kea's).
        return reply.toBuilder().options(o.build()).minLength(Dhcp4Packet.MIN_LENGTH).build().encode();
    }


    private static void echo(Dhcp4Options.Builder o, Exchange ex) {
        Dhcp4Options q = ex.query().options();
        if (ex.snap().config().echoClientId()) {
            q.get(OptionCodes.CLIENT_ID).ifPresent(id -> o.put(OptionCodes.CLIENT_ID, id));
        }
        // Kea sends option 82 back as it read it (sub-options by code, a truncated tail left out),
        // and only when something is left
        byte[] rai = q.peek(OptionCodes.AGENT_INFO);
        if (rai != null) {
            byte[] back = Dhcp4Options.repackSubOptions(rai);
            if (back.length > 0) {
                o.put(OptionCodes.AGENT_INFO, back);
            }
        }
        // RFC 3011: the Subnet Selection option comes back unchanged, asked for or not (Kea does).
        q.get(OptionCodes.SUBNET_SELECTION).ifPresent(sel -> o.put(OptionCodes.SUBNET_SELECTION, sel));
    }

    /** RFC 5107 server identifier override sub-option of Relay Agent Information. */
    static final int RAI_SERVER_ID_OVERRIDE = 11;

    /** The relay's server-identifier-override (RAI sub-option 11, RFC 5107), if the query carries one. */
    static java.util.Optional<Ipv4Address> serverIdOverride(Dhcp4Packet query) {
        byte[] override = Hosts.subOption(query.options().get(OptionCodes.AGENT_INFO).orElse(null), RAI_SERVER_ID_OVERRIDE);
        return override != null && override.length == 4 ? java.util.Optional.of(Ipv4Address.of(override, 0))
                : java.util.Optional.empty();
    }

    /**
     * The server identifier: the address the query reached us on, else the receiving interface's
     * first address (Kea uses the socket's address). A relay's server-identifier-override does not
     * change it (kea-dhcp4 2.2 observed); it only makes the server accept REQUESTs naming it.
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

    private static final byte[] EMPTY = new byte[0];

    /** Text as a fixed field (the packet pads it with zeros; an empty one shares the packet's zeros). */
    private static byte[] field(String text, int size) {
        if (text.isEmpty()) {
            return EMPTY;
        }
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
