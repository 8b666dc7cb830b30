package ruru.dhcp6.service;

import java.util.ArrayList;
import java.util.List;

import ruru.dhcp6.config.Subnet6;
import ruru.dhcp6.log.Dhcp6Messages;
import ruru.dhcp6.log.Labels6;
import ruru.lease.Lease6;
import ruru.net.Received6;
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

/** How a DHCPv6 reply is put together: the common options, the IA options, the relay levels. */
final class Reply6 {

    private Reply6() {
    }

    /** A reply of {@code type} to the query: its transaction id, the client's id echoed, our server id. */
    static Dhcp6Options.Builder start(Exchange6 ex) {
        Dhcp6Options.Builder b = Dhcp6Options.builder();
        if (ex.client().duid() != null) {
            b.add(Option6Codes.CLIENTID, ex.client().duid());
        }
        b.add(Option6Codes.SERVERID, ex.snap().serverId().bytes());
        return b;
    }

    /**
     * The finished message: options in ascending code order (Kea's), wrapped in Relay-Repl levels
     * that echo each level's hop count, addresses, interface-id and relay-source-port.
     */
    static Dhcp6Packet finish(Exchange6 ex, Dhcp6MessageType type, Dhcp6Options.Builder options) {
        List<RelayInfo> relays = new ArrayList<>();
        for (RelayInfo r : ex.query().relays()) {
            Dhcp6Options.Builder echo = Dhcp6Options.builder();
            r.options().all(Option6Codes.INTERFACE_ID).forEach(echo::add);
            r.options().all(Option6Codes.RELAY_SOURCE_PORT).forEach(echo::add);
            relays.add(r.reply(echo.build()));
        }
        return new Dhcp6Packet(type.code(), ex.query().transactionId(), options.sorted().build(), relays);
    }

    /**
     * The IA option for an outcome: the granted leases (with PD_EXCLUDE inside an IAPREFIX when the
     * client asked for option 67), the echoed ones, then the status; T1/T2 from the smallest
     * preferred lifetime, zero when the IA failed.
     */
    static Option6 ia(Exchange6 ex, IaOutcome o) {
        Ia request = o.request();
        Dhcp6Options.Builder inner = Dhcp6Options.builder();
        long minPreferred = Long.MAX_VALUE;
        Subnet6 subnet = null;
        boolean wantExclude = Oro.contains(Oro.requested(ex.query().options()), Option6Codes.PD_EXCLUDE);
        for (IaOutcome.Granted g : o.granted()) {
            Lease6 l = g.lease();
            minPreferred = Math.min(minPreferred, l.preferredLifetime());
            subnet = g.subnet();
            if (request.type() == IaType.PD) {
                Dhcp6Options.Builder sub = Dhcp6Options.builder();
                if (wantExclude && g.excluded().isPresent()) {
                    sub.add(Option6Codes.PD_EXCLUDE, ruru.wire.v6.PdExclude.encode(l.prefixLength(), g.excluded().get()));
                }
                inner.add(new IaPrefix(l.preferredLifetime(), l.validLifetime(), l.prefixLength(), l.address(),
                        sub.build()).toOption());
            } else {
                inner.add(new IaAddress(l.address(), l.preferredLifetime(), l.validLifetime()).toOption());
            }
        }
        o.echoed().forEach(inner::add);
        o.status().ifPresent(s -> {
            logIaStatus(ex, request, s);
            inner.add(s.toOption());
        });
        long t1 = 0;
        long t2 = 0;
        if (!o.zeroTimers() && subnet != null) {
            long[] tee = Lifetimes6.teeTimes(subnet, minPreferred);
            t1 = tee[0];
            t2 = tee[1];
        }
        return new Ia(request.type(), request.iaid(), t1, t2, inner.build()).toOption();
    }

    /** An IA answered with only a status (RELEASE, DECLINE, failures): T1 and T2 zero. */
    static Option6 iaStatus(Exchange6 ex, Ia request, StatusCode status) {
        logIaStatus(ex, request, status);
        return new Ia(request.type(), request.iaid(), 0, 0,
                Dhcp6Options.builder().add(status.toOption()).build()).toOption();
    }

    /** A status for the whole message (CONFIRM, RELEASE's summary), logged as Kea does. */
    static Option6 globalStatus(Exchange6 ex, StatusCode status) {
        if (Dhcp6Messages.DHCP6_ADD_GLOBAL_STATUS_CODE.enabled()) {
            Dhcp6Messages.DHCP6_ADD_GLOBAL_STATUS_CODE.log(ex.label(), Labels6.status(status));
        }
        return status.toOption();
    }

    private static void logIaStatus(Exchange6 ex, Ia request, StatusCode status) {
        if (Dhcp6Messages.DHCP6_ADD_STATUS_CODE_FOR_IA.enabled()) {
            Dhcp6Messages.DHCP6_ADD_STATUS_CODE_FOR_IA.log(ex.label(), request.iaid(), Labels6.status(status));
        }
    }

    /**
     * Where a reply goes: to the relay (its source address; port 547, or its own source port when
     * the outermost relay sent a relay-source-port option, RFC 8357), or to the client on the client
     * port; from the address the query arrived on (a link-local one when it came by multicast).
     */
    static ruru.net.Reply6 route(Received6 rx, Dhcp6Packet query, byte[] payload, int serverPort, int clientPort) {
        int port;
        if (query.isRelayed()) {
            port = query.relays().getFirst().options().has(Option6Codes.RELAY_SOURCE_PORT) ? rx.sourcePort()
                    : serverPort;
        } else {
            port = clientPort;
        }
        var source = rx.local();
        if (rx.multicast()) {
            source = rx.iface().linkLocal().isEmpty() ? null : rx.iface().linkLocal().getFirst();
        }
        return new ruru.net.Reply6(rx.iface(), source, rx.source(), port, payload);
    }
}
