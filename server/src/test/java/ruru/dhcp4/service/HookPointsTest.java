package ruru.dhcp4.service;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp4.service.ServiceFixture.ip;
import static ruru.dhcp4.service.ServiceFixture.mac;
import static ruru.dhcp4.service.ServiceFixture.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ruru.hooks.Buffer4ReceiveCallout;
import ruru.hooks.Buffer4SendCallout;
import ruru.hooks.HookPoint;
import ruru.hooks.Lease4DeclineCallout;
import ruru.hooks.Lease4ExpireCallout;
import ruru.hooks.Lease4Info;
import ruru.hooks.Lease4RecoverCallout;
import ruru.hooks.Lease4ReleaseCallout;
import ruru.hooks.Lease4RenewCallout;
import ruru.hooks.Lease4SelectCallout;
import ruru.hooks.Leases4CommittedCallout;
import ruru.hooks.NextStep;
import ruru.hooks.ParkHandle;
import ruru.hooks.Pkt4ReceiveCallout;
import ruru.hooks.Pkt4SendCallout;
import ruru.hooks.Subnet4SelectCallout;
import ruru.lease.Lease4;
import ruru.lease.LeaseState;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/** Each DHCPv4 hook point's statuses change what the server does as Kea's table says (FACTS 7). */
class HookPointsTest {

    private final HookFixture f;

    HookPointsTest() throws Exception {
        f = new HookFixture(QueryProcessorTest.CONFIG);
    }

    private Optional<Dhcp4Packet> discover(HardwareAddress hw) {
        return f.send(query(MessageType.DISCOVER, hw, Dhcp4Options.builder()).build());
    }

    private Optional<Dhcp4Packet> request(HardwareAddress hw, Ipv4Address address) {
        return f.send(query(MessageType.REQUEST, hw, Dhcp4Options.builder()
                .put(OptionCodes.REQUESTED_ADDRESS, address).put(OptionCodes.SERVER_ID, ip("192.0.2.1"))).build());
    }

    private Dhcp4Packet dora(HardwareAddress hw) {
        return request(hw, discover(hw).orElseThrow().yiaddr()).orElseThrow();
    }

    /** As Kea: the datagram counts as received; counting the drop is the callout's business (HA counts none). */
    @Test
    void buffer4ReceiveDropDropsAndCountsOnlyTheReception() {
        f.callouts.add(HookPoint.BUFFER4_RECEIVE, a -> NextStep.DROP, "t");
        assertThat(discover(mac(1))).isEmpty();
        assertThat(f.stat("pkt4-received")).isEqualTo(1);
        assertThat(f.stat("pkt4-receive-drop")).isZero();
    }

    @Test
    void buffer4ReceiveSkipUsesThePacketTheCalloutParsedAndContinueTheBufferItSet() {
        Dhcp4Packet real = query(MessageType.DISCOVER, mac(7), Dhcp4Options.builder()).build();
        f.callouts.add(HookPoint.BUFFER4_RECEIVE, (Buffer4ReceiveCallout) a -> {
            a.setQuery4(real);
            return NextStep.SKIP;
        }, "t");
        assertThat(f.sendRaw(new byte[] {1, 2, 3}).orElseThrow().chaddr()).isEqualTo(mac(7));

        HookFixture g = fixture();
        g.callouts.add(HookPoint.BUFFER4_RECEIVE, (Buffer4ReceiveCallout) a -> {
            a.setBuffer(real.encode());
            return NextStep.CONTINUE;
        }, "t");
        assertThat(g.sendRaw(new byte[] {9}).orElseThrow().messageType()).contains(MessageType.OFFER);
    }

    @Test
    void pkt4ReceiveSkipOrDropDropsAndAReplacedQueryIsAnswered() {
        f.callouts.add(HookPoint.PKT4_RECEIVE, a -> a.query4().chaddr().equals(mac(1)) ? NextStep.DROP
                : a.query4().chaddr().equals(mac(2)) ? NextStep.SKIP : NextStep.CONTINUE, "t");
        assertThat(discover(mac(1))).isEmpty();
        assertThat(discover(mac(2))).isEmpty();
        assertThat(discover(mac(3))).isPresent();
        assertThat(f.stat("pkt4-receive-drop")).isEqualTo(2);

        HookFixture g = fixture();
        g.callouts.add(HookPoint.PKT4_RECEIVE, (Pkt4ReceiveCallout) a -> {
            a.setQuery4(a.query4().toBuilder().chaddr(mac(9)).build());
            return NextStep.CONTINUE;
        }, "t");
        assertThat(g.send(query(MessageType.DISCOVER, mac(4), Dhcp4Options.builder()).build()).orElseThrow().chaddr())
                .isEqualTo(mac(9));
    }

    @Test
    void subnet4SelectSkipMeansNoSubnetDropDropsAndAnotherSubnetCanBeChosen() {
        f.callouts.add(HookPoint.SUBNET4_SELECT, a -> NextStep.SKIP, "t");
        assertThat(discover(mac(1))).isEmpty();

        HookFixture g = fixture();
        g.callouts.add(HookPoint.SUBNET4_SELECT, a -> NextStep.DROP, "t");
        assertThat(g.send(query(MessageType.DISCOVER, mac(1), Dhcp4Options.builder()).build())).isEmpty();
        assertThat(g.stat("pkt4-receive-drop")).isEqualTo(1);

        HookFixture h = fixture();
        List<Long> seen = new ArrayList<>();
        h.callouts.add(HookPoint.SUBNET4_SELECT, (Subnet4SelectCallout) a -> {
            seen.add(a.subnet4().orElseThrow().id());
            a.setSubnet4(a.subnet4collection().stream().filter(s -> s.id() == 2).findFirst().orElseThrow());
            return NextStep.CONTINUE;
        }, "t");
        Dhcp4Packet offer = h.send(query(MessageType.DISCOVER, mac(1), Dhcp4Options.builder()).build()).orElseThrow();
        assertThat(seen).containsExactly(1L);
        assertThat(offer.yiaddr()).isEqualTo(ip("198.51.100.10"));
    }

    @Test
    void lease4SelectSkipMeansNoOfferOrANakAndAChangedLeaseIsStored() {
        f.callouts.add(HookPoint.LEASE4_SELECT, a -> a.fakeAllocation() ? NextStep.SKIP : NextStep.CONTINUE, "t");
        assertThat(discover(mac(1))).isEmpty();
        assertThat(request(mac(1), ip("192.0.2.10")).orElseThrow().messageType()).contains(MessageType.ACK);

        HookFixture g = fixture();
        g.callouts.add(HookPoint.LEASE4_SELECT, (Lease4SelectCallout) a -> {
            if (a.fakeAllocation()) {
                return NextStep.CONTINUE;
            }
            Lease4Info l = a.lease4();
            a.setLease4(new Lease4Info(l.address(), l.hwAddress(), l.clientId(), 600, l.cltt(), l.subnetId(),
                    false, false, "chosen-by-hook", l.state(), l.userContext()));
            return NextStep.CONTINUE;
        }, "t");
        Dhcp4Packet ack = g.send(query(MessageType.REQUEST, mac(2), Dhcp4Options.builder()
                .put(OptionCodes.REQUESTED_ADDRESS, ip("192.0.2.11"))
                .put(OptionCodes.SERVER_ID, ip("192.0.2.1"))).build()).orElseThrow();
        Lease4 stored = g.leases.get(ack.yiaddr()).orElseThrow();
        assertThat(stored.hostname()).isEqualTo("chosen-by-hook");
        assertThat(stored.validLifetime()).isEqualTo(600);

        HookFixture h = fixture();
        h.callouts.add(HookPoint.LEASE4_SELECT, a -> NextStep.SKIP, "t");
        assertThat(h.send(query(MessageType.REQUEST, mac(3), Dhcp4Options.builder()
                .put(OptionCodes.REQUESTED_ADDRESS, ip("192.0.2.12"))
                .put(OptionCodes.SERVER_ID, ip("192.0.2.1"))).build()).orElseThrow().messageType())
                .contains(MessageType.NAK);
        assertThat(h.leases.get(ip("192.0.2.12"))).isEmpty();
    }

    @Test
    void lease4RenewSkipKeepsTheOldLease() {
        Ipv4Address a = dora(mac(1)).yiaddr();
        long cltt = f.leases.get(a).orElseThrow().cltt();
        List<Lease4Info> seen = new ArrayList<>();
        f.callouts.add(HookPoint.LEASE4_RENEW, (Lease4RenewCallout) args -> {
            seen.add(args.lease4());
            return NextStep.SKIP;
        }, "t");
        f.clock.advance(2000);
        assertThat(request(mac(1), a).orElseThrow().messageType()).contains(MessageType.ACK);
        assertThat(seen).hasSize(1);
        assertThat(f.leases.get(a).orElseThrow().cltt()).as("not renewed").isEqualTo(cltt);
    }

    @Test
    void lease4ReleaseAndDeclineSkipOrDropKeepTheLease() {
        Ipv4Address a = dora(mac(1)).yiaddr();
        f.callouts.add(HookPoint.LEASE4_RELEASE, (Lease4ReleaseCallout) x -> NextStep.SKIP, "t");
        f.callouts.add(HookPoint.LEASE4_DECLINE, (Lease4DeclineCallout) x -> NextStep.DROP, "t");
        f.send(query(MessageType.RELEASE, mac(1), Dhcp4Options.builder()).ciaddr(a).build());
        assertThat(f.leases.get(a).orElseThrow().state()).isEqualTo(LeaseState.DEFAULT);
        f.send(query(MessageType.DECLINE, mac(1), Dhcp4Options.builder().put(OptionCodes.REQUESTED_ADDRESS, a)).build());
        assertThat(f.leases.get(a).orElseThrow().state()).isEqualTo(LeaseState.DEFAULT);
        assertThat(f.stat("declined-addresses")).isZero();
    }

    @Test
    void leases4CommittedDropDropsTheReplyButTheLeaseIsCommitted() {
        List<Lease4Info> seen = new ArrayList<>();
        f.callouts.add(HookPoint.LEASES4_COMMITTED, (Leases4CommittedCallout) a -> {
            seen.addAll(a.leases4());
            return NextStep.DROP;
        }, "t");
        Ipv4Address offered = discover(mac(1)).orElseThrow().yiaddr();
        assertThat(request(mac(1), offered)).isEmpty();
        assertThat(seen).extracting(Lease4Info::address).containsExactly(offered);
        assertThat(f.leases.get(offered)).isPresent();
    }

    @Test
    void leases4CommittedParkHoldsTheReplyUntilResumedAndTheLimitDropsNewOnes() {
        f.hooks.parkedPacketLimit(1);
        List<ParkHandle> parked = new ArrayList<>();
        f.callouts.add(HookPoint.LEASES4_COMMITTED, (Leases4CommittedCallout) a -> {
            parked.add(a.park());
            return NextStep.PARK;
        }, "t");
        Ipv4Address first = discover(mac(1)).orElseThrow().yiaddr();
        assertThat(request(mac(1), first)).as("parked").isEmpty();
        assertThat(f.hooks.parked()).isEqualTo(1);
        long dropsBefore = f.stat("pkt4-receive-drop");
        Ipv4Address second = discover(mac(2)).orElseThrow().yiaddr();
        assertThat(request(mac(2), second)).as("over parked-packet-limit").isEmpty();
        assertThat(f.stat("pkt4-receive-drop")).isEqualTo(dropsBefore + 1);
        assertThat(parked).hasSize(1);

        parked.get(0).resume();
        parked.get(0).resume(); // a second end is ignored
        assertThat(f.resumed).singleElement().satisfies(r -> {
            assertThat(r.messageType()).contains(MessageType.ACK);
            assertThat(r.yiaddr()).isEqualTo(first);
        });
        assertThat(f.hooks.parked()).isZero();

        assertThat(request(mac(2), second)).isEmpty();
        parked.get(1).drop();
        assertThat(f.resumed).hasSize(1);
        assertThat(f.hooks.parked()).isZero();
    }

    @Test
    void anExchangeResumedBeforeTheCalloutReturnsIsAnsweredAtOnce() {
        f.callouts.add(HookPoint.LEASES4_COMMITTED, (Leases4CommittedCallout) a -> {
            a.park().resume();
            return NextStep.PARK;
        }, "t");
        assertThat(dora(mac(1)).messageType()).contains(MessageType.ACK);
        assertThat(f.hooks.parked()).isZero();
    }

    @Test
    void pkt4SendDropSendsNothingAndSkipSendsTheCalloutsBytes() {
        f.callouts.add(HookPoint.PKT4_SEND, a -> NextStep.DROP, "t");
        assertThat(discover(mac(1))).isEmpty();

        HookFixture g = fixture();
        g.callouts.add(HookPoint.PKT4_SEND, (Pkt4SendCallout) a -> {
            a.setBuffer(a.response4().toBuilder().xid(0x4242).build().encode());
            return NextStep.SKIP;
        }, "t");
        assertThat(g.send(query(MessageType.DISCOVER, mac(1), Dhcp4Options.builder()).build()).orElseThrow().xid())
                .isEqualTo(0x4242);

        HookFixture h = fixture();
        h.callouts.add(HookPoint.PKT4_SEND, a -> NextStep.SKIP, "t");
        assertThat(h.send(query(MessageType.DISCOVER, mac(1), Dhcp4Options.builder()).build()))
                .as("SKIP without bytes").isEmpty();
    }

    @Test
    void buffer4SendSkipOrDropSendsNothingAndANewBufferIsSent() {
        f.callouts.add(HookPoint.BUFFER4_SEND, a -> NextStep.SKIP, "t");
        assertThat(discover(mac(1))).isEmpty();

        HookFixture g = fixture();
        g.callouts.add(HookPoint.BUFFER4_SEND, (Buffer4SendCallout) a -> {
            a.setBuffer(a.response4().toBuilder().xid(7).build().encode());
            return NextStep.CONTINUE;
        }, "t");
        assertThat(g.send(query(MessageType.DISCOVER, mac(1), Dhcp4Options.builder()).build()).orElseThrow().xid())
                .isEqualTo(7);
    }

    @Test
    void lease4ExpireSkipLeavesTheLeaseAndLease4RecoverSkipKeepsItDeclined() throws Exception {
        Ipv4Address a = dora(mac(1)).yiaddr();
        Ipv4Address b = dora(mac(2)).yiaddr();
        Lease4 lb = f.leases.get(b).orElseThrow();
        f.leases.replace(lb, new Lease4(b, null, null, 10, lb.cltt(), 1, false, false, "", LeaseState.DECLINED,
                null, lb.poolId()));
        f.clock.advance(7200);
        List<Boolean> removeFlags = new ArrayList<>();
        f.callouts.add(HookPoint.LEASE4_EXPIRE, (Lease4ExpireCallout) x -> {
            removeFlags.add(x.removeLease());
            return NextStep.SKIP;
        }, "t");
        f.callouts.add(HookPoint.LEASE4_RECOVER, (Lease4RecoverCallout) x -> NextStep.SKIP, "t");
        var r = Reclaim4.reclaimer(f.leaseStats, f.hooks);
        assertThat(r.reclaim(f.leases, f.clock.instant().getEpochSecond(), 0, 0, true, 0)).isZero();
        assertThat(removeFlags).containsExactly(true);
        assertThat(f.leases.get(a)).isPresent();
        assertThat(f.leases.get(b).orElseThrow().state()).isEqualTo(LeaseState.DECLINED);

        HookFixture g = fixture();
        Ipv4Address c = g.send(query(MessageType.REQUEST, mac(3), Dhcp4Options.builder()
                .put(OptionCodes.REQUESTED_ADDRESS, ip("192.0.2.13"))
                .put(OptionCodes.SERVER_ID, ip("192.0.2.1"))).build()).orElseThrow().yiaddr();
        g.clock.advance(7200);
        g.callouts.add(HookPoint.LEASE4_EXPIRE, x -> NextStep.CONTINUE, "t");
        assertThat(Reclaim4.reclaimer(g.leaseStats, g.hooks).reclaim(g.leases, g.clock.instant().getEpochSecond(), 0, 0,
                true, 0)).isEqualTo(1);
        assertThat(g.leases.get(c)).isEmpty();
    }

    @Test
    void theFirstStatusOtherThanContinueDecidesAndAThrowingCalloutCountsAsContinue() {
        List<String> calls = new ArrayList<>();
        f.callouts.add(HookPoint.PKT4_RECEIVE, a -> {
            calls.add("first");
            throw new IllegalStateException("boom");
        }, "one");
        f.callouts.add(HookPoint.PKT4_RECEIVE, a -> {
            calls.add("second");
            return NextStep.DROP;
        }, "two");
        f.callouts.add(HookPoint.PKT4_RECEIVE, a -> {
            calls.add("third");
            return NextStep.CONTINUE;
        }, "three");
        assertThat(discover(mac(1))).isEmpty();
        assertThat(calls).containsExactly("first", "second");
    }

    private static HookFixture fixture() {
        try {
            return new HookFixture(QueryProcessorTest.CONFIG);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
