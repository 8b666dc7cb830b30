package ruru.dhcp4.service;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp4.service.ServiceFixture.ip;
import static ruru.dhcp4.service.ServiceFixture.mac;
import static ruru.dhcp4.service.ServiceFixture.query;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import ruru.lease.Lease4;
import ruru.lease.LeaseState;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/**
 * Kea 3's {@code offer-lifetime} (Kea 2.6 and later; Kea 2.2 refuses the key): a DISCOVER's
 * address is written to the lease store for the offer lifetime, the REQUEST extends it to the
 * valid lifetime, and an unclaimed offer expires and is reclaimed. The value comes from the first
 * of the client's classes that sets it, else the subnet, its shared network, the global scope.
 */
class OfferLifetimeTest {

    private static final String POOL = "\"pools\": [ { \"pool\": \"192.0.2.10 - 192.0.2.11\" } ]";

    private ServiceFixture f;

    private Optional<Dhcp4Packet> discover(HardwareAddress hw) {
        return f.send(query(MessageType.DISCOVER, hw, Dhcp4Options.builder()).build());
    }

    private Dhcp4Packet request(HardwareAddress hw, Ipv4Address a) {
        Dhcp4Options.Builder o = Dhcp4Options.builder().put(OptionCodes.REQUESTED_ADDRESS, a)
                .put(OptionCodes.SERVER_ID, ip("192.0.2.1"));
        return f.send(query(MessageType.REQUEST, hw, o).build()).orElseThrow();
    }

    private long now() {
        return f.clock.instant().getEpochSecond();
    }

    private static String subnet(String extra) {
        return "{ \"id\": 1, \"subnet\": \"192.0.2.0/24\", " + POOL + extra + " }";
    }

    @Test
    void theOfferIsStoredForTheOfferLifetimeAndTheRequestExtendsIt() throws Exception {
        f = new ServiceFixture("{ \"valid-lifetime\": 600, \"offer-lifetime\": 60, \"subnet4\": [ " + subnet("")
                + " ] }");
        Dhcp4Packet offer = discover(mac(1)).orElseThrow();
        Ipv4Address a = offer.yiaddr();
        assertThat(offer.options().u32(OptionCodes.LEASE_TIME)).as("the OFFER carries the valid lifetime").hasValue(600);
        Lease4 held = f.leases.get(a).orElseThrow();
        assertThat(held.validLifetime()).isEqualTo(60);
        assertThat(held.cltt()).isEqualTo(now());
        assertThat(held.state()).isEqualTo(LeaseState.DEFAULT);
        assertThat(held.hwAddress()).isEqualTo(mac(1));
        assertThat(held.fqdnFwd() || held.fqdnRev()).as("no DNS update for an offer").isFalse();
        assertThat(f.stat("subnet[1].assigned-addresses")).isEqualTo(1);
        assertThat(f.stat("subnet[1].cumulative-assigned-addresses")).isEqualTo(1);
        assertThat(f.stat("cumulative-assigned-addresses")).isEqualTo(1);

        assertThat(discover(mac(1)).orElseThrow().yiaddr()).as("the same client is offered its held address").isEqualTo(a);
        assertThat(f.leases.get(a).orElseThrow()).as("an active offer is not rewritten").isEqualTo(held);

        f.clock.advance(5);
        Dhcp4Packet ack = request(mac(1), a);
        assertThat(ack.messageType()).contains(MessageType.ACK);
        assertThat(ack.options().u32(OptionCodes.LEASE_TIME)).hasValue(600);
        Lease4 bound = f.leases.get(a).orElseThrow();
        assertThat(bound.validLifetime()).isEqualTo(600);
        assertThat(bound.cltt()).isEqualTo(now());
        assertThat(f.stat("subnet[1].assigned-addresses")).as("the REQUEST renews the offered lease").isEqualTo(1);
        assertThat(f.stat("subnet[1].cumulative-assigned-addresses")).isEqualTo(1);
    }

    @Test
    void anotherClientIsNotOfferedAHeldAddressUntilTheOfferExpires() throws Exception {
        f = new ServiceFixture("{ \"valid-lifetime\": 600, \"offer-lifetime\": 30, \"subnet4\": [ " + subnet("")
                + " ] }");
        Ipv4Address a1 = discover(mac(1)).orElseThrow().yiaddr();
        Ipv4Address a2 = discover(mac(2)).orElseThrow().yiaddr();
        assertThat(a2).isNotEqualTo(a1);
        assertThat(discover(mac(3))).as("both addresses of the pool are held by offers").isEmpty();
        assertThat(f.stat("subnet[1].assigned-addresses")).isEqualTo(2);

        f.clock.advance(31);
        int reclaimed = Reclaim4.reclaimer(f.leaseStats).reclaim(f.leases, now(), 0, 0, false, 5);
        assertThat(reclaimed).as("both unclaimed offers").isEqualTo(2);
        assertThat(f.leases.get(a1).map(Lease4::state)).contains(LeaseState.EXPIRED_RECLAIMED);
        assertThat(f.stat("subnet[1].assigned-addresses")).isZero();
        assertThat(f.stat("reclaimed-leases")).isEqualTo(2);
        Ipv4Address a3 = discover(mac(3)).orElseThrow().yiaddr();
        assertThat(a3).isIn(a1, a2);
        assertThat(f.leases.get(a3).orElseThrow().hwAddress()).isEqualTo(mac(3));
        assertThat(f.stat("subnet[1].assigned-addresses")).isEqualTo(1);
    }

    @Test
    void zeroKeepsOffersOutOfTheStore() throws Exception {
        f = new ServiceFixture("{ \"valid-lifetime\": 600, \"subnet4\": [ " + subnet("") + " ] }");
        Ipv4Address a = discover(mac(1)).orElseThrow().yiaddr();
        assertThat(f.leases.get(a)).isEmpty();
        assertThat(f.stat("subnet[1].assigned-addresses")).isZero();
        assertThat(discover(mac(2)).orElseThrow().yiaddr()).as("not held: the iterative cursor moves on")
                .isNotEqualTo(a);
    }

    @Test
    void anActiveLeaseOfTheClientIsOfferedAsItIsNotShortened() throws Exception {
        f = new ServiceFixture("{ \"valid-lifetime\": 600, \"offer-lifetime\": 60, \"subnet4\": [ " + subnet("")
                + " ] }");
        Ipv4Address a = discover(mac(1)).orElseThrow().yiaddr();
        request(mac(1), a);
        Lease4 bound = f.leases.get(a).orElseThrow();
        f.clock.advance(100);
        assertThat(discover(mac(1)).orElseThrow().yiaddr()).isEqualTo(a);
        assertThat(f.leases.get(a)).contains(bound);
    }

    @Test
    void classWinsOverSubnetWhichWinsOverSharedNetworkWhichWinsOverGlobal() throws Exception {
        String config = """
                {
                  "valid-lifetime": 600, "offer-lifetime": 10,
                  "client-classes": [
                    { "name": "short", "test": "pkt4.mac == 0x021100000009", "offer-lifetime": 40 },
                    { "name": "none", "test": "pkt4.mac == 0x021100000009" }
                  ],
                  "shared-networks": [ {
                    "name": "net", "offer-lifetime": 20,
                    "subnet4": [
                      { "id": 1, "subnet": "192.0.2.0/24", "offer-lifetime": 30,
                        "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ] }
                    ]
                  }, {
                    "name": "net2", "offer-lifetime": 20,
                    "subnet4": [
                      { "id": 2, "subnet": "198.51.100.0/24", "relay": { "ip-addresses": [ "198.51.100.1" ] },
                        "pools": [ { "pool": "198.51.100.10 - 198.51.100.20" } ] }
                    ]
                  } ],
                  "subnet4": [
                    { "id": 3, "subnet": "203.0.113.0/24", "relay": { "ip-addresses": [ "203.0.113.1" ] },
                      "pools": [ { "pool": "203.0.113.10 - 203.0.113.20" } ] }
                  ]
                }
                """;
        f = new ServiceFixture(config);
        assertThat(heldFor(discover(mac(1)))).as("subnet").isEqualTo(30);
        assertThat(heldFor(discover(mac(9)))).as("class").isEqualTo(40);
        assertThat(heldFor(relayed(mac(2), "198.51.100.1"))).as("shared network").isEqualTo(20);
        assertThat(heldFor(relayed(mac(3), "203.0.113.1"))).as("global").isEqualTo(10);
    }

    @Test
    void aClassOfferLifetimeOfZeroTurnsStoringOffOverTheSubnet() throws Exception {
        f = new ServiceFixture("""
                { "valid-lifetime": 600, "offer-lifetime": 60,
                  "client-classes": [ { "name": "no", "test": "pkt4.mac == 0x021100000009", "offer-lifetime": 0 } ],
                  "subnet4": [ %s ] }
                """.formatted(subnet("")));
        Ipv4Address a = discover(mac(9)).orElseThrow().yiaddr();
        assertThat(f.leases.get(a)).isEmpty();
    }

    private Optional<Dhcp4Packet> relayed(HardwareAddress hw, String giaddr) {
        Dhcp4Packet q = query(MessageType.DISCOVER, hw, Dhcp4Options.builder()).giaddr(ip(giaddr)).hops(1).build();
        return f.send(q, ip(giaddr), false);
    }

    private long heldFor(Optional<Dhcp4Packet> offer) {
        Dhcp4Packet o = offer.orElseThrow();
        assertThat(o.options().u32(OptionCodes.LEASE_TIME)).hasValue(600);
        return f.leases.get(o.yiaddr()).orElseThrow().validLifetime();
    }
}
