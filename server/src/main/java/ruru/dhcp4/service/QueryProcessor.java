package ruru.dhcp4.service;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ruru.daemon.state.NetworkState;
import ruru.dhcp4.config.Subnet4;
import ruru.lease.Lease4;
import ruru.lease.LeaseState;
import ruru.lease.LeaseStoreException;
import ruru.net.InterfaceAddress4;
import ruru.net.Received4;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/**
 * One query in, at most one reply out: decode, count, consult the service state, then the flow
 * of its message type (RFC 2131 section 4.3). Nothing in a packet can throw out of here: bad input
 * is a counted drop.
 */
final class QueryProcessor {

    private static final Logger PACKETS = LoggerFactory.getLogger("kea-dhcp4.packets");
    private static final Logger LEASES = LoggerFactory.getLogger("kea-dhcp4.leases");

    private final PacketStats packetStats;
    private final LeaseStats leaseStats;
    private final NetworkState networkState;
    private final AllocationEngine engine;
    private final java.time.Clock clock;

    QueryProcessor(PacketStats packetStats, LeaseStats leaseStats, NetworkState networkState, AllocationEngine engine,
                   java.time.Clock clock) {
        this.packetStats = packetStats;
        this.leaseStats = leaseStats;
        this.networkState = networkState;
        this.engine = engine;
        this.clock = clock;
    }

    /** A reply and the query it answers (routing needs the query's giaddr, ciaddr and flags). */
    record Answered(Dhcp4Packet query, Dhcp4Packet reply) {
    }

    /** The reply to send, if any. */
    Optional<Answered> process(Received4 rx, Snapshot snap) {
        Dhcp4Packet query;
        try {
            query = Dhcp4Packet.decode(rx.data(), 0, rx.length());
        } catch (WireFormatException e) {
            packetStats.parseFailed();
            PACKETS.debug("DHCP4_PACKET_DROP_0001 failed to parse packet from {} on {}: {}", rx.source(),
                    rx.iface().name(), e.getMessage());
            return Optional.empty();
        }
        MessageType type = query.messageType().orElse(null);
        packetStats.received(type);
        if (query.op() != 1 || type == null) {
            packetStats.dropped();
            return Optional.empty();
        }
        if (!networkState.isServiceEnabled()) {
            packetStats.dropped();
            return Optional.empty();
        }
        Exchange ex = new Exchange(query, rx, snap, ClientIdentity.of(query), clock.instant().getEpochSecond());
        try {
            Optional<Dhcp4Packet> reply = switch (type) {
                case DISCOVER -> discover(ex);
                case REQUEST -> request(ex);
                case RELEASE -> release(ex);
                case DECLINE -> decline(ex);
                case INFORM -> inform(ex);
                default -> drop(ex, "message type " + type + " is not for a server");
            };
            reply.ifPresent(r -> packetStats.sent(r.messageType().orElseThrow()));
            return reply.map(r -> new Answered(query, r));
        } catch (LeaseStoreException e) {
            LEASES.error("DHCP4_LEASE_STORE_FAIL could not write the lease for {}: {}", ex.client(), e.getMessage());
            packetStats.dropped();
            return Optional.empty();
        }
    }

    private Optional<Dhcp4Packet> drop(Exchange ex, String why) {
        PACKETS.debug("DHCP4_PACKET_DROP {} xid 0x{}: {}", ex.client(), Integer.toHexString(ex.query().xid()), why);
        packetStats.dropped();
        return Optional.empty();
    }

    private Optional<Subnet4> subnet(Exchange ex) {
        return SubnetSelector.select(ex.snap().config().subnets(), ex.query(), ex.received());
    }

    private Optional<Dhcp4Packet> discover(Exchange ex) {
        Optional<Subnet4> subnet = subnet(ex);
        if (subnet.isEmpty()) {
            return drop(ex, "no subnet selected (DHCP4_SUBNET_SELECTION_FAILED)");
        }
        Optional<AllocationEngine.Choice> choice = engine.offer(ex, subnet.get());
        if (choice.isEmpty()) {
            return drop(ex, "no address available in subnet " + subnet.get().id() + " (DHCP4_PACKET_NAK_0001)");
        }
        AllocationEngine.Choice c = choice.get();
        long valid = c.reusedLifetime() > 0 ? c.reusedLifetime() : Lifetimes.valid(c.subnet(), ex.query());
        if (c.reusedLifetime() > 0) {
            LEASES.info("DHCP4_LEASE_REUSE {}: lease {} has been reused for {} seconds", ex.client(), c.address(), valid);
        }
        return Optional.of(ResponseBuilder.build(ex, MessageType.OFFER, c.subnet(), c.address(), valid, c.pool(), c.host()));
    }

    private Optional<Dhcp4Packet> request(Exchange ex) throws LeaseStoreException {
        Dhcp4Packet q = ex.query();
        Optional<Ipv4Address> serverId = q.options().address(OptionCodes.SERVER_ID);
        if (serverId.isPresent() && !isOurs(ex, serverId.get())) {
            return drop(ex, "REQUEST for server " + serverId.get() + ", not this one");
        }
        Optional<Ipv4Address> requested = q.options().address(OptionCodes.REQUESTED_ADDRESS);
        Ipv4Address address = requested.orElse(q.ciaddr());
        if (address.isZero()) {
            return drop(ex, "REQUEST names no address (neither option 50 nor ciaddr)");
        }
        boolean initReboot = serverId.isEmpty() && requested.isPresent() && q.ciaddr().isZero();
        Optional<Subnet4> subnet = subnet(ex);
        if (subnet.isEmpty()) {
            return drop(ex, "no subnet selected (DHCP4_SUBNET_SELECTION_FAILED)");
        }
        return switch (engine.request(ex, subnet.get(), address, initReboot)) {
            case AllocationEngine.Granted g -> {
                LEASES.info("DHCP4_LEASE_ALLOC {}: lease {} has been allocated for {} seconds", ex.client(),
                        g.lease().address(), g.lease().validLifetime());
                if (g.reused()) {
                    LEASES.info("DHCP4_LEASE_REUSE {}: lease {} has been reused for {} seconds", ex.client(),
                            g.lease().address(), g.lifetime());
                }
                yield Optional.of(ResponseBuilder.build(ex, MessageType.ACK, g.subnet(), g.lease().address(),
                        g.lifetime(), AllocationEngine.poolOf(g.subnet(), g.lease().address()), g.host()));
            }
            case AllocationEngine.Refused r -> {
                LEASES.info("DHCP4_PACKET_NAK {}: {}", ex.client(), r.reason());
                yield Optional.of(ResponseBuilder.nak(ex, r.reason()));
            }
            case AllocationEngine.Ignored i -> drop(ex, i.reason());
        };
    }

    /** RFC 2131 4.3.4: the lease at ciaddr, if it is this client's, is released; no reply. */
    private Optional<Dhcp4Packet> release(Exchange ex) throws LeaseStoreException {
        Ipv4Address address = ex.query().ciaddr();
        Optional<Lease4> lease = ex.snap().leases().get(address);
        Optional<Subnet4> subnet = lease.flatMap(l -> ex.snap().subnet(l.subnetId()));
        boolean match = subnet.map(Subnet4::matchClientId).orElse(true);
        if (lease.isEmpty() || !ex.client().owns(lease.get(), match) || lease.get().state() != LeaseState.DEFAULT) {
            return drop(ex, "RELEASE of " + address + " which is not this client's lease");
        }
        Lease4 l = lease.get();
        boolean affinity = ex.snap().config().expiredLeases().holdReclaimedTime() > 0
                && ex.snap().config().expiredLeases().flushReclaimedTimerWaitTime() > 0;
        boolean done = affinity
                ? ex.snap().leases().replace(l, Reclaimer.withState(l, LeaseState.RELEASED, ex.now()))
                : ex.snap().leases().delete(l);
        if (done) {
            leaseStats.assigned(l.subnetId(), l.poolId(), -1);
            LEASES.info("DHCP4_RELEASE {}: address {} was released", ex.client(), address);
        }
        return Optional.empty();
    }

    /**
     * RFC 2131 4.3.3: the address is in use elsewhere; it is withheld for decline-probation-period
     * and forgets its client, as Kea does. No reply.
     */
    private Optional<Dhcp4Packet> decline(Exchange ex) throws LeaseStoreException {
        Optional<Ipv4Address> address = ex.query().options().address(OptionCodes.REQUESTED_ADDRESS);
        if (address.isEmpty()) {
            return drop(ex, "DECLINE without a requested address (option 50)");
        }
        Optional<Lease4> lease = ex.snap().leases().get(address.get());
        Optional<Subnet4> subnet = lease.flatMap(l -> ex.snap().subnet(l.subnetId()));
        boolean match = subnet.map(Subnet4::matchClientId).orElse(true);
        if (lease.isEmpty() || !ex.client().owns(lease.get(), match) || lease.get().state() != LeaseState.DEFAULT) {
            return drop(ex, "DECLINE of " + address.get() + " which is not this client's lease");
        }
        Lease4 l = lease.get();
        Lease4 declined = new Lease4(l.address(), null, null, ex.snap().config().declineProbationPeriod(), ex.now(),
                l.subnetId(), false, false, "", LeaseState.DECLINED, null, l.poolId());
        if (ex.snap().leases().replace(l, declined)) {
            leaseStats.declined(l.subnetId(), l.poolId(), 1);
            LEASES.info("DHCP4_DECLINE_LEASE {}: address {} was declined and is withheld for {} seconds", ex.client(),
                    l.address(), declined.validLifetime());
        }
        return Optional.empty();
    }

    /** RFC 2131 4.3.5: local configuration for a client that has its address already. */
    private Optional<Dhcp4Packet> inform(Exchange ex) {
        Optional<Subnet4> subnet = subnet(ex);
        if (subnet.isEmpty()) {
            return drop(ex, "no subnet selected for INFORM");
        }
        return Optional.of(ResponseBuilder.inform(ex, subnet.get(), Hosts.find(ex.snap(), subnet.get(), ex.query())));
    }

    private static boolean isOurs(Exchange ex, Ipv4Address id) {
        if (id.equals(ResponseBuilder.serverId(ex))) {
            return true;
        }
        for (InterfaceAddress4 a : ex.received().iface().addresses()) {
            if (a.address().equals(id)) {
                return true;
            }
        }
        return false;
    }
}
