package ruru.dhcp4.service;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp4.service.ServiceFixture.ip;
import static ruru.dhcp4.service.ServiceFixture.mac;
import static ruru.dhcp4.service.ServiceFixture.query;

import org.junit.jupiter.api.Test;

import ruru.lease.Lease4;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/** Kea's lease caching: cache-threshold and cache-max-age (AllocEngine::setLeaseReusable). */
class LeaseCachingTest {

    private static String config(String caching) {
        return """
                {
                  "valid-lifetime": 1000, "min-valid-lifetime": 500, "max-valid-lifetime": 2000,
                  "calculate-tee-times": true,
                  %s
                  "subnet4": [ {
                    "id": 1, "subnet": "192.0.2.0/24",
                    "pools": [ { "pool": "192.0.2.10 - 192.0.2.14" } ]
                  } ]
                }
                """.formatted(caching);
    }

    private ServiceFixture f;

    private Dhcp4Packet dora(HardwareAddress hw) {
        Dhcp4Packet offer = f.send(query(MessageType.DISCOVER, hw, Dhcp4Options.builder()).build()).orElseThrow();
        Dhcp4Options.Builder o = Dhcp4Options.builder().put(OptionCodes.REQUESTED_ADDRESS, offer.yiaddr())
                .put(OptionCodes.SERVER_ID, ip("192.0.2.1"));
        return f.send(query(MessageType.REQUEST, hw, o).build()).orElseThrow();
    }

    private Dhcp4Packet renew(HardwareAddress hw, Ipv4Address a, Dhcp4Options.Builder o) {
        return f.send(query(MessageType.REQUEST, hw, o).ciaddr(a).build(), a, false).orElseThrow();
    }

    private Dhcp4Packet renew(HardwareAddress hw, Ipv4Address a) {
        return renew(hw, a, Dhcp4Options.builder());
    }

    private long now() {
        return f.clock.instant().getEpochSecond();
    }

    @Test
    void aRenewalWithinTheThresholdKeepsTheLeaseAndAnswersWhatIsLeft() throws Exception {
        f = new ServiceFixture(config("\"cache-threshold\": 0.25,"));
        Ipv4Address a = dora(mac(1)).yiaddr();
        Lease4 written = f.leases.get(a).orElseThrow();
        f.clock.advance(200);
        Dhcp4Packet ack = renew(mac(1), a);
        assertThat(ack.messageType()).contains(MessageType.ACK);
        assertThat(f.leases.get(a)).as("not rewritten: same record, old cltt").contains(written);
        assertThat(ack.options().u32(OptionCodes.LEASE_TIME)).hasValue(800);
        assertThat(ack.options().u32(OptionCodes.RENEWAL_TIME)).as("t1-percent of what is left").hasValue(400);
        assertThat(ack.options().u32(OptionCodes.REBINDING_TIME)).as("t2-percent of what is left").hasValue(700);
        assertThat(f.stat("v4-lease-reuses")).isEqualTo(1);
        assertThat(f.stat("subnet[1].v4-lease-reuses")).isEqualTo(1);
        assertThat(f.stat("subnet[1].assigned-addresses")).isEqualTo(1);

        f.clock.advance(50); // age 250 = 0.25 x 1000: Kea still reuses at the threshold itself
        assertThat(renew(mac(1), a).options().u32(OptionCodes.LEASE_TIME)).hasValue(750);
        assertThat(f.leases.get(a)).contains(written);
        assertThat(f.stat("v4-lease-reuses")).isEqualTo(2);
    }

    @Test
    void pastTheThresholdTheLeaseIsRewritten() throws Exception {
        f = new ServiceFixture(config("\"cache-threshold\": 0.25,"));
        Ipv4Address a = dora(mac(1)).yiaddr();
        f.clock.advance(251);
        Dhcp4Packet ack = renew(mac(1), a);
        assertThat(ack.options().u32(OptionCodes.LEASE_TIME)).hasValue(1000);
        assertThat(f.leases.get(a).orElseThrow().cltt()).isEqualTo(now());
        assertThat(f.stat("v4-lease-reuses")).isZero();
    }

    @Test
    void cacheMaxAgeCapsTheAgeEvenBelowTheThreshold() throws Exception {
        f = new ServiceFixture(config("\"cache-threshold\": 0.5, \"cache-max-age\": 100,"));
        Ipv4Address a = dora(mac(1)).yiaddr();
        long first = now();
        f.clock.advance(100);
        assertThat(renew(mac(1), a).options().u32(OptionCodes.LEASE_TIME)).hasValue(900);
        assertThat(f.leases.get(a).orElseThrow().cltt()).isEqualTo(first);
        f.clock.advance(50); // age 150: below 0.5 x 1000 but above cache-max-age
        assertThat(renew(mac(1), a).options().u32(OptionCodes.LEASE_TIME)).hasValue(1000);
        assertThat(f.leases.get(a).orElseThrow().cltt()).isEqualTo(now());
        assertThat(f.stat("v4-lease-reuses")).isEqualTo(1);
    }

    @Test
    void cacheMaxAgeAloneEnablesCaching() throws Exception {
        f = new ServiceFixture(config("\"cache-max-age\": 60,"));
        Ipv4Address a = dora(mac(1)).yiaddr();
        f.clock.advance(60);
        assertThat(renew(mac(1), a).options().u32(OptionCodes.LEASE_TIME)).hasValue(940);
        assertThat(f.stat("subnet[1].v4-lease-reuses")).isEqualTo(1);
    }

    @Test
    void withoutCachingEveryRenewalIsWritten() throws Exception {
        f = new ServiceFixture(config(""));
        Ipv4Address a = dora(mac(1)).yiaddr();
        f.clock.advance(10);
        assertThat(renew(mac(1), a).options().u32(OptionCodes.LEASE_TIME)).hasValue(1000);
        assertThat(f.leases.get(a).orElseThrow().cltt()).isEqualTo(now());
        assertThat(f.stat("v4-lease-reuses")).isZero();
    }

    @Test
    void aChangedLeaseIsRewrittenEvenWhenYoung() throws Exception {
        f = new ServiceFixture(config("\"cache-threshold\": 0.5,"));
        Ipv4Address a = dora(mac(1)).yiaddr();
        f.clock.advance(10);
        // the client now asks for 1500 s: the valid lifetime changes, so Kea updates the lease
        Dhcp4Packet ack = renew(mac(1), a, Dhcp4Options.builder().putU32(OptionCodes.LEASE_TIME, 1500));
        assertThat(ack.options().u32(OptionCodes.LEASE_TIME)).hasValue(1500);
        Lease4 lease = f.leases.get(a).orElseThrow();
        assertThat(lease.validLifetime()).isEqualTo(1500);
        assertThat(lease.cltt()).isEqualTo(now());
        assertThat(f.stat("v4-lease-reuses")).isZero();
    }

    @Test
    void aDiscoverFromAClientWithAYoungLeaseIsOfferedWhatIsLeft() throws Exception {
        f = new ServiceFixture(config("\"cache-threshold\": 0.25,"));
        Ipv4Address a = dora(mac(1)).yiaddr();
        f.clock.advance(100);
        Dhcp4Packet offer = f.send(query(MessageType.DISCOVER, mac(1), Dhcp4Options.builder()).build()).orElseThrow();
        assertThat(offer.yiaddr()).isEqualTo(a);
        assertThat(offer.options().u32(OptionCodes.LEASE_TIME)).hasValue(900);
        assertThat(f.stat("v4-lease-reuses")).as("Kea counts the offer's reuse too").isEqualTo(1);
        assertThat(f.send(query(MessageType.DISCOVER, mac(2), Dhcp4Options.builder()).build()).orElseThrow()
                .options().u32(OptionCodes.LEASE_TIME)).as("a new client gets a full lease").hasValue(1000);
    }

    @Test
    void theDecisionFollowsKeasRules() throws Exception {
        f = new ServiceFixture(config("\"cache-threshold\": 0.25,"));
        var subnet = f.snap.subnet(1).orElseThrow();
        Lease4 lease = new Lease4(ip("192.0.2.10"), mac(1), null, 1000, 5000, 1, false, false, "",
                ruru.lease.LeaseState.DEFAULT, null, 0);
        assertThat(Lifetimes.reusable(subnet, lease, 1000, 5100)).isEqualTo(900);
        assertThat(Lifetimes.reusable(subnet, lease, 1000, 4999)).as("time went backwards").isZero();
        assertThat(Lifetimes.reusable(subnet, lease, 1000, 6000)).as("expired").isZero();
        assertThat(Lifetimes.reusable(subnet, lease.withState(ruru.lease.LeaseState.EXPIRED_RECLAIMED), 1000, 5100))
                .isZero();
        Lease4 forever = new Lease4(ip("192.0.2.10"), mac(1), null, Lease4.INFINITE_LIFETIME, 5000, 1, false, false,
                "", ruru.lease.LeaseState.DEFAULT, null, 0);
        assertThat(Lifetimes.reusable(subnet, forever, Lease4.INFINITE_LIFETIME, 900_000))
                .as("an infinite lease is always reused").isEqualTo(Lease4.INFINITE_LIFETIME);
    }
}
