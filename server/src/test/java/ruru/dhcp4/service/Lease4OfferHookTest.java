package ruru.dhcp4.service;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp4.service.ServiceFixture.ip;
import static ruru.dhcp4.service.ServiceFixture.mac;
import static ruru.dhcp4.service.ServiceFixture.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ruru.hooks.HookPoint;
import ruru.hooks.Lease4Info;
import ruru.hooks.Lease4OfferCallout;
import ruru.hooks.Lease4ServerDeclineCallout;
import ruru.hooks.Leases4CommittedCallout;
import ruru.hooks.NextStep;
import ruru.hooks.ParkHandle;
import ruru.lease.LeaseState;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/**
 * lease4_offer as Kea 2.6/3 calls it (dhcp4_srv.cc processLocalizedQuery4: the OFFER built, before
 * pkt4_send), its arguments, DROP, PARK with its own parking lot, a changed response, and the
 * server-initiated decline of offer_address_in_use with lease4_server_decline.
 */
class Lease4OfferHookTest {

    /** QueryProcessorTest's configuration with offer-lifetime 60 in subnet 1. */
    static final String OFFER_LIFETIME_CONFIG = QueryProcessorTest.CONFIG.replace("\"id\": 1, \"subnet\": \"192.0.2.0/24\",",
            "\"id\": 1, \"subnet\": \"192.0.2.0/24\", \"offer-lifetime\": 60,");

    private static Dhcp4Packet discoverPacket(HardwareAddress hw) {
        return query(MessageType.DISCOVER, hw, Dhcp4Options.builder()).build();
    }

    private static Optional<Dhcp4Packet> request(HookFixture f, HardwareAddress hw, Ipv4Address address) {
        return f.send(query(MessageType.REQUEST, hw, Dhcp4Options.builder()
                .put(OptionCodes.REQUESTED_ADDRESS, address).put(OptionCodes.SERVER_ID, ip("192.0.2.1"))).build());
    }

    @Test
    void theArgumentsAreTheDiscoverTheOfferTheHeldLeaseTheOfferLifetimeTheOldLeaseAndTheHost() throws Exception {
        HookFixture f = new HookFixture(OFFER_LIFETIME_CONFIG);
        List<Lease4OfferCallout.Args> seen = new ArrayList<>();
        f.callouts.add(HookPoint.LEASE4_OFFER, (Lease4OfferCallout) a -> {
            seen.add(a);
            return NextStep.CONTINUE;
        }, "t");
        Dhcp4Packet discover = discoverPacket(mac(1));
        Dhcp4Packet offer = f.send(discover).orElseThrow();

        assertThat(seen).hasSize(1);
        Lease4OfferCallout.Args a = seen.get(0);
        assertThat(a.query4().xid()).isEqualTo(discover.xid());
        assertThat(a.query4().messageType()).contains(MessageType.DISCOVER);
        assertThat(a.response4().messageType()).contains(MessageType.OFFER);
        assertThat(a.response4().yiaddr()).isEqualTo(offer.yiaddr());
        assertThat(a.offerLifetime()).isEqualTo(60);
        assertThat(a.leases4()).singleElement().satisfies(l -> {
            assertThat(l.address()).isEqualTo(offer.yiaddr());
            assertThat(l.validLifetime()).as("held for offer-lifetime").isEqualTo(60);
            assertThat(l.hwAddress()).contains(mac(1));
            assertThat(l.state()).isZero();
        });
        assertThat(f.leases.get(offer.yiaddr()).orElseThrow().validLifetime()).as("stored before the callout").isEqualTo(60);
        assertThat(a.oldLease()).as("nothing was there before").isEmpty();
        assertThat(a.host()).isEmpty();

        // the same client again: the lease held for it is the old lease now
        f.send(discoverPacket(mac(1))).orElseThrow();
        assertThat(seen.get(1).oldLease()).map(Lease4Info::address).contains(offer.yiaddr());
        assertThat(seen.get(1).oldLease().orElseThrow().validLifetime()).isEqualTo(60);

        // a client with a reservation: its host, in the subnet
        Dhcp4Packet reserved = f.send(discoverPacket(mac(0x63))).orElseThrow();
        assertThat(reserved.yiaddr()).isEqualTo(ip("192.0.2.99"));
        assertThat(seen.get(2).host()).hasValueSatisfying(h -> {
            assertThat(h.identifierType()).isEqualTo("hw-address");
            assertThat(h.identifier()).isEqualTo(mac(0x63).bytes());
            assertThat(h.address()).contains(ip("192.0.2.99"));
            assertThat(h.hostname()).isEqualTo("printer");
            assertThat(h.subnetId()).isEqualTo(1);
        });
    }

    @Test
    void withoutOfferLifetimeTheCalloutSeesTheLeaseThatWouldBeAllocatedAndNothingIsStored() throws Exception {
        HookFixture f = new HookFixture(QueryProcessorTest.CONFIG);
        List<Lease4OfferCallout.Args> seen = new ArrayList<>();
        List<String> committed = new ArrayList<>();
        f.callouts.add(HookPoint.LEASE4_OFFER, (Lease4OfferCallout) a -> {
            seen.add(a);
            return NextStep.CONTINUE;
        }, "t");
        f.callouts.add(HookPoint.LEASES4_COMMITTED, (Leases4CommittedCallout) a -> {
            committed.add(a.query4().messageType().orElseThrow().toString());
            return NextStep.CONTINUE;
        }, "t");
        Dhcp4Packet offer = f.send(discoverPacket(mac(2))).orElseThrow();
        assertThat(seen).singleElement().satisfies(a -> {
            assertThat(a.offerLifetime()).isZero();
            assertThat(a.leases4()).singleElement().satisfies(l -> {
                assertThat(l.address()).isEqualTo(offer.yiaddr());
                assertThat(l.validLifetime()).isEqualTo(3600);
            });
        });
        assertThat(f.leases.get(offer.yiaddr())).isEmpty();
        assertThat(committed).as("a DISCOVER runs lease4_offer, not leases4_committed").isEmpty();
        request(f, mac(2), offer.yiaddr()).orElseThrow();
        assertThat(committed).containsExactly("REQUEST");
        assertThat(seen).as("a REQUEST does not run lease4_offer").hasSize(1);
    }

    @Test
    void dropSendsNoOfferCountsNoDropAndTheHeldLeaseStays() throws Exception {
        HookFixture f = new HookFixture(OFFER_LIFETIME_CONFIG);
        f.callouts.add(HookPoint.LEASE4_OFFER, a -> NextStep.DROP, "t");
        assertThat(f.send(discoverPacket(mac(3)))).isEmpty();
        assertThat(f.stat("pkt4-offer-sent")).isZero();
        assertThat(f.stat("pkt4-receive-drop")).as("Kea resets the response without counting").isZero();
        assertThat(f.leases.get(ip("192.0.2.10"))).as("held for offer-lifetime").isPresent();
    }

    @Test
    void aCalloutCanChangeTheOffer() throws Exception {
        HookFixture f = new HookFixture(QueryProcessorTest.CONFIG);
        f.callouts.add(HookPoint.LEASE4_OFFER, (Lease4OfferCallout) a -> {
            a.setResponse4(a.response4().toBuilder().options(a.response4().options().toBuilder()
                    .putString(OptionCodes.DOMAIN_NAME, "offer-hook.example").build()).build());
            return NextStep.CONTINUE;
        }, "t");
        Dhcp4Packet offer = f.send(discoverPacket(mac(4))).orElseThrow();
        assertThat(offer.options().string(OptionCodes.DOMAIN_NAME)).contains("offer-hook.example");
        assertThat(f.stat("pkt4-offer-sent")).isEqualTo(1);
    }

    @Test
    void parkHoldsTheOfferUntilResumedInItsOwnLotBoundedByParkedPacketLimit() throws Exception {
        HookFixture f = new HookFixture(OFFER_LIFETIME_CONFIG);
        f.hooks.parkedPacketLimit(1);
        List<ParkHandle> parked = new ArrayList<>();
        f.callouts.add(HookPoint.LEASE4_OFFER, (Lease4OfferCallout) a -> {
            parked.add(a.park());
            return NextStep.PARK;
        }, "t");
        assertThat(f.send(discoverPacket(mac(5)))).as("parked").isEmpty();
        assertThat(f.hooks.offerParking().parked()).isEqualTo(1);
        assertThat(f.hooks.parking().parked()).as("leases4_committed's lot is apart").isZero();
        assertThat(f.send(discoverPacket(mac(6)))).as("over parked-packet-limit").isEmpty();
        assertThat(parked).as("dropped before the callouts ran").hasSize(1);
        assertThat(f.stat("pkt4-receive-drop")).isEqualTo(1);
        assertThat(f.resumed).isEmpty();

        parked.get(0).resume();
        parked.get(0).resume(); // a second end is ignored
        assertThat(f.resumed).singleElement().satisfies(o -> {
            assertThat(o.messageType()).contains(MessageType.OFFER);
            assertThat(o.chaddr()).isEqualTo(mac(5));
        });
        assertThat(f.stat("pkt4-offer-sent")).isEqualTo(1);
        assertThat(f.hooks.parked()).isZero();

        assertThat(f.send(discoverPacket(mac(7)))).isEmpty();
        parked.get(1).drop();
        assertThat(f.resumed).hasSize(1);
        assertThat(f.hooks.parked()).isZero();
    }

    @Test
    void resumedBeforeTheCalloutReturnedTheOfferGoesOutAtOnce() throws Exception {
        HookFixture f = new HookFixture(QueryProcessorTest.CONFIG);
        f.callouts.add(HookPoint.LEASE4_OFFER, (Lease4OfferCallout) a -> {
            a.park().resume();
            return NextStep.PARK;
        }, "t");
        assertThat(f.send(discoverPacket(mac(8)))).hasValueSatisfying(o ->
                assertThat(o.messageType()).contains(MessageType.OFFER));
        assertThat(f.hooks.parked()).isZero();
    }

    @Test
    void anAddressFoundInUseIsDeclinedByTheServerInsteadOfOffered() throws Exception {
        HookFixture f = new HookFixture(OFFER_LIFETIME_CONFIG);
        List<ParkHandle> parked = new ArrayList<>();
        List<Lease4ServerDeclineCallout.Args> declined = new ArrayList<>();
        f.callouts.add(HookPoint.LEASE4_OFFER, (Lease4OfferCallout) a -> {
            ParkHandle h = a.park();
            if (a.query4().chaddr().equals(mac(9))) {
                // the ping check's answer: someone answers at that address
                a.setOfferAddressInUse(true);
            }
            parked.add(h);
            return NextStep.PARK;
        }, "t");
        f.callouts.add(HookPoint.LEASE4_SERVER_DECLINE, (Lease4ServerDeclineCallout) a -> {
            declined.add(a);
            return NextStep.CONTINUE;
        }, "t");
        long assignedBefore = f.stat("subnet[1].assigned-addresses");
        assertThat(f.send(discoverPacket(mac(9)))).isEmpty();
        Ipv4Address address = ip("192.0.2.10");
        assertThat(f.leases.get(address).orElseThrow().state()).as("held, not yet declined").isEqualTo(LeaseState.DEFAULT);
        parked.get(0).resume();

        assertThat(f.resumed).as("no OFFER").isEmpty();
        assertThat(f.stat("pkt4-offer-sent")).isZero();
        var lease = f.leases.get(address).orElseThrow();
        assertThat(lease.state()).isEqualTo(LeaseState.DECLINED);
        assertThat(lease.validLifetime()).as("decline-probation-period").isEqualTo(86400);
        assertThat(lease.hwAddress()).isNull();
        assertThat(f.stat("declined-addresses")).isEqualTo(1);
        assertThat(f.stat("subnet[1].declined-addresses")).isEqualTo(1);
        assertThat(f.stat("subnet[1].assigned-addresses")).as("the held lease counted already")
                .isEqualTo(assignedBefore + 1);
        assertThat(declined).singleElement().satisfies(d -> {
            assertThat(d.query4().chaddr()).isEqualTo(mac(9));
            assertThat(d.lease4().address()).isEqualTo(address);
            assertThat(d.lease4().state()).isEqualTo(LeaseState.DECLINED.code());
        });

        // the next client is offered another address; the declined one is withheld
        assertThat(f.send(discoverPacket(mac(10)))).isEmpty();
        parked.get(1).resume();
        assertThat(f.resumed).singleElement().satisfies(o -> assertThat(o.yiaddr()).isNotEqualTo(address));
    }

    @Test
    void withoutOfferLifetimeTheDeclinedLeaseIsAddedAndCountsAsAssignedToo() throws Exception {
        HookFixture f = new HookFixture(QueryProcessorTest.CONFIG);
        f.callouts.add(HookPoint.LEASE4_OFFER, (Lease4OfferCallout) a -> {
            a.setOfferAddressInUse(true);
            a.park().resume();
            return NextStep.PARK;
        }, "t");
        assertThat(f.send(discoverPacket(mac(11)))).isEmpty();
        var lease = f.leases.get(ip("192.0.2.10")).orElseThrow();
        assertThat(lease.state()).isEqualTo(LeaseState.DECLINED);
        assertThat(f.stat("subnet[1].assigned-addresses")).isEqualTo(1);
        assertThat(f.stat("subnet[1].declined-addresses")).isEqualTo(1);
    }

    @Test
    void offerAddressInUseMattersOnlyForAParkedOffer() throws Exception {
        HookFixture f = new HookFixture(OFFER_LIFETIME_CONFIG);
        f.callouts.add(HookPoint.LEASE4_OFFER, (Lease4OfferCallout) a -> {
            a.setOfferAddressInUse(true);
            return NextStep.CONTINUE;
        }, "t");
        assertThat(f.send(discoverPacket(mac(12)))).isPresent();
        assertThat(f.leases.get(ip("192.0.2.10")).orElseThrow().state()).isEqualTo(LeaseState.DEFAULT);
    }
}
