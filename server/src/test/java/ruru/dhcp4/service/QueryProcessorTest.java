package ruru.dhcp4.service;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp4.service.ServiceFixture.ip;
import static ruru.dhcp4.service.ServiceFixture.mac;
import static ruru.dhcp4.service.ServiceFixture.query;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ruru.daemon.state.Origin;
import ruru.lease.Lease4;
import ruru.lease.LeaseState;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/** The message flows of RFC 2131 section 4.3, as Kea runs them, without sockets. */
class QueryProcessorTest {

    static final String CONFIG = """
            {
              "valid-lifetime": 3600, "renew-timer": 900, "rebind-timer": 1800,
              "subnet4": [ {
                "id": 1, "subnet": "192.0.2.0/24",
                "pools": [ { "pool": "192.0.2.10 - 192.0.2.14" } ],
                "option-data": [
                  { "name": "routers", "data": "192.0.2.1" },
                  { "name": "domain-name-servers", "data": "192.0.2.53" },
                  { "name": "ntp-servers", "data": "192.0.2.123" }
                ],
                "reservations": [ { "hw-address": "02:11:00:00:00:63", "ip-address": "192.0.2.99", "hostname": "printer" } ]
              }, {
                "id": 2, "subnet": "198.51.100.0/24",
                "relay": { "ip-addresses": [ "203.0.113.7" ] },
                "pools": [ { "pool": "198.51.100.10 - 198.51.100.20" } ]
              } ]
            }
            """;

    private final ServiceFixture f;

    QueryProcessorTest() throws Exception {
        f = new ServiceFixture(CONFIG);
    }

    private Dhcp4Packet discover(HardwareAddress hw) {
        return f.send(query(MessageType.DISCOVER, hw, Dhcp4Options.builder()).build()).orElseThrow();
    }

    private Optional<Dhcp4Packet> request(HardwareAddress hw, Ipv4Address address, boolean selecting) {
        Dhcp4Options.Builder o = Dhcp4Options.builder().put(OptionCodes.REQUESTED_ADDRESS, address);
        if (selecting) {
            o.put(OptionCodes.SERVER_ID, ip("192.0.2.1"));
        }
        return f.send(query(MessageType.REQUEST, hw, o).build());
    }

    private Dhcp4Packet dora(HardwareAddress hw) {
        Dhcp4Packet offer = discover(hw);
        return request(hw, offer.yiaddr(), true).orElseThrow();
    }

    @Test
    void discoverGetsAnOfferWithTheConfiguredOptions() {
        Dhcp4Packet offer = discover(mac(1));
        assertThat(offer.messageType()).contains(MessageType.OFFER);
        assertThat(offer.yiaddr()).isEqualTo(ip("192.0.2.10"));
        assertThat(offer.options().address(OptionCodes.SERVER_ID)).contains(ip("192.0.2.1"));
        assertThat(offer.options().u32(OptionCodes.LEASE_TIME)).hasValue(3600);
        assertThat(offer.options().u32(OptionCodes.RENEWAL_TIME)).hasValue(900);
        assertThat(offer.options().u32(OptionCodes.REBINDING_TIME)).hasValue(1800);
        assertThat(offer.options().address(OptionCodes.SUBNET_MASK)).contains(ip("255.255.255.0"));
        assertThat(offer.options().address(OptionCodes.ROUTERS)).contains(ip("192.0.2.1"));
        assertThat(offer.options().address(OptionCodes.DOMAIN_NAME_SERVERS)).contains(ip("192.0.2.53"));
        assertThat(offer.options().has(OptionCodes.NTP_SERVERS)).as("not requested").isFalse();
        assertThat(offer.chaddr()).isEqualTo(mac(1));
        assertThat(offer.xid()).isEqualTo(0x1234);
        assertThat(f.leases.get(offer.yiaddr())).as("an offer is not a lease").isEmpty();
        assertThat(f.stat("pkt4-discover-received")).isEqualTo(1);
        assertThat(f.stat("pkt4-offer-sent")).isEqualTo(1);
    }

    @Test
    void requestedOptionsAreSentAndTheClientIdIsEchoed() {
        Dhcp4Packet q = query(MessageType.DISCOVER, mac(1), Dhcp4Options.builder()
                .put(OptionCodes.PARAMETER_LIST, new byte[] {42})
                .put(OptionCodes.CLIENT_ID, new byte[] {1, 2, 0x11, 0, 0, 0, 1})).build();
        Dhcp4Packet offer = f.send(q).orElseThrow();
        assertThat(offer.options().address(OptionCodes.NTP_SERVERS)).contains(ip("192.0.2.123"));
        assertThat(offer.options().get(OptionCodes.CLIENT_ID)).contains(new byte[] {1, 2, 0x11, 0, 0, 0, 1});
    }

    @Test
    void selectingRequestIsAckedAndTheLeaseWrittenFirst() {
        Dhcp4Packet ack = dora(mac(1));
        assertThat(ack.messageType()).contains(MessageType.ACK);
        Lease4 lease = f.leases.get(ack.yiaddr()).orElseThrow();
        assertThat(lease.hwAddress()).isEqualTo(mac(1));
        assertThat(lease.validLifetime()).isEqualTo(3600);
        assertThat(lease.subnetId()).isEqualTo(1);
        assertThat(f.stat("subnet[1].assigned-addresses")).isEqualTo(1);
        assertThat(f.stat("cumulative-assigned-addresses")).isEqualTo(1);
        assertThat(f.stat("subnet[1].pool[0].assigned-addresses")).isEqualTo(1);
    }

    @Test
    void aReturningClientGetsItsAddressBackAndARenewalExtendsIt() {
        Ipv4Address first = dora(mac(1)).yiaddr();
        assertThat(discover(mac(1)).yiaddr()).isEqualTo(first);
        f.clock.advance(1000);
        Dhcp4Packet renew = f.send(query(MessageType.REQUEST, mac(1), Dhcp4Options.builder()).ciaddr(first).build(),
                first, false).orElseThrow();
        assertThat(renew.messageType()).contains(MessageType.ACK);
        assertThat(renew.ciaddr()).isEqualTo(first);
        assertThat(f.leases.get(first).orElseThrow().cltt()).isEqualTo(f.clock.instant().getEpochSecond());
        assertThat(f.stat("subnet[1].assigned-addresses")).as("a renewal is not a new lease").isEqualTo(1);
        assertThat(f.stat("cumulative-assigned-addresses")).isEqualTo(1);
    }

    @Test
    void concurrentDiscoversAreOfferedDifferentAddresses() {
        Set<Ipv4Address> offered = new HashSet<>();
        for (int i = 1; i <= 5; i++) {
            offered.add(discover(mac(i)).yiaddr());
        }
        assertThat(offered).hasSize(5);
    }

    @Test
    void aRequestForAnotherClientsAddressIsNaked() {
        Ipv4Address taken = dora(mac(1)).yiaddr();
        Dhcp4Packet nak = request(mac(2), taken, true).orElseThrow();
        assertThat(nak.messageType()).contains(MessageType.NAK);
        assertThat(nak.yiaddr()).isEqualTo(Ipv4Address.ANY);
        assertThat(nak.options().has(OptionCodes.LEASE_TIME)).isFalse();
        assertThat(f.stat("pkt4-nak-sent")).isEqualTo(1);
        assertThat(f.leases.get(taken).orElseThrow().hwAddress()).isEqualTo(mac(1));
    }

    @Test
    void initRebootOfAnUnknownClientIsIgnoredByANonAuthoritativeServer() {
        assertThat(request(mac(7), ip("192.0.2.12"), false)).isEmpty();
        assertThat(request(mac(7), ip("10.9.9.9"), false))
                .as("an unknown client is not answered whatever it asks for (Kea 2.2 observed)").isEmpty();
    }

    @Test
    void initRebootOfAKnownClientForAnotherAddressIsNaked() {
        Ipv4Address mine = dora(mac(1)).yiaddr();
        Ipv4Address other = mine.equals(ip("192.0.2.13")) ? ip("192.0.2.14") : ip("192.0.2.13");
        assertThat(request(mac(1), other, false).orElseThrow().messageType()).contains(MessageType.NAK);
        assertThat(request(mac(1), mine, false).orElseThrow().messageType()).contains(MessageType.ACK);
    }

    @Test
    void aRequestForAnotherServerIsDropped() {
        Dhcp4Options.Builder o = Dhcp4Options.builder().put(OptionCodes.REQUESTED_ADDRESS, ip("192.0.2.10"))
                .put(OptionCodes.SERVER_ID, ip("192.0.2.250"));
        assertThat(f.send(query(MessageType.REQUEST, mac(1), o).build())).isEmpty();
        assertThat(f.stat("pkt4-receive-drop")).isEqualTo(1);
    }

    @Test
    void reservedAddressGoesToItsHostAndToNobodyElse() {
        HardwareAddress printer = mac(0x63);
        Dhcp4Packet offer = discover(printer);
        assertThat(offer.yiaddr()).isEqualTo(ip("192.0.2.99"));
        assertThat(offer.options().string(OptionCodes.HOST_NAME)).contains("printer");
        assertThat(request(printer, ip("192.0.2.99"), true).orElseThrow().messageType()).contains(MessageType.ACK);
        Dhcp4Packet other = request(mac(1), ip("192.0.2.99"), true).orElseThrow();
        assertThat(other.messageType()).contains(MessageType.NAK);
        assertThat(request(printer, ip("192.0.2.11"), false).orElseThrow().messageType())
                .as("a host asking for another address than its reserved one is NAKed").contains(MessageType.NAK);
    }

    @Test
    void exhaustedPoolGivesNoOfferAndCountsTheFailure() {
        for (int i = 1; i <= 5; i++) {
            dora(mac(i));
        }
        assertThat(f.send(query(MessageType.DISCOVER, mac(6), Dhcp4Options.builder()).build())).isEmpty();
        assertThat(f.stat("v4-allocation-fail")).isEqualTo(1);
        assertThat(f.stat("subnet[1].v4-allocation-fail")).isEqualTo(1);
        assertThat(f.stat("v4-allocation-fail-subnet")).isEqualTo(1);
        assertThat(f.stat("v4-allocation-fail-no-pools")).isZero();
    }

    @Test
    void releaseFreesTheAddress() {
        Ipv4Address a = dora(mac(1)).yiaddr();
        Dhcp4Packet release = query(MessageType.RELEASE, mac(1), Dhcp4Options.builder()).ciaddr(a).build();
        assertThat(f.send(release, a, false)).isEmpty();
        assertThat(f.leases.get(a).map(Lease4::state)).as("with affinity (Kea's defaults) the lease is kept as released")
                .contains(LeaseState.RELEASED);
        assertThat(f.stat("subnet[1].assigned-addresses")).isZero();
        Dhcp4Packet someoneElse = dora(mac(2));
        assertThat(someoneElse.messageType()).contains(MessageType.ACK);
    }

    @Test
    void aReleaseByAnotherClientIsIgnored() {
        Ipv4Address a = dora(mac(1)).yiaddr();
        f.send(query(MessageType.RELEASE, mac(2), Dhcp4Options.builder()).ciaddr(a).build(), a, false);
        assertThat(f.leases.get(a).map(Lease4::state)).contains(LeaseState.DEFAULT);
    }

    @Test
    void declineWithholdsTheAddressForTheProbationPeriod() {
        Ipv4Address a = dora(mac(1)).yiaddr();
        f.send(query(MessageType.DECLINE, mac(1), Dhcp4Options.builder().put(OptionCodes.REQUESTED_ADDRESS, a)
                .put(OptionCodes.SERVER_ID, ip("192.0.2.1"))).build());
        Lease4 declined = f.leases.get(a).orElseThrow();
        assertThat(declined.state()).isEqualTo(LeaseState.DECLINED);
        assertThat(declined.hwAddress()).isNull();
        assertThat(declined.validLifetime()).isEqualTo(86400);
        assertThat(f.stat("declined-addresses")).isEqualTo(1);
        assertThat(f.stat("subnet[1].declined-addresses")).isEqualTo(1);
        for (int i = 2; i <= 5; i++) {
            assertThat(discover(mac(i)).yiaddr()).isNotEqualTo(a);
        }
    }

    @Test
    void informGetsConfigurationWithoutALease() {
        Dhcp4Packet ack = f.send(query(MessageType.INFORM, mac(1), Dhcp4Options.builder()).ciaddr(ip("192.0.2.200"))
                .build(), ip("192.0.2.200"), false).orElseThrow();
        assertThat(ack.messageType()).contains(MessageType.ACK);
        assertThat(ack.yiaddr()).isEqualTo(Ipv4Address.ANY);
        assertThat(ack.options().has(OptionCodes.LEASE_TIME)).isFalse();
        assertThat(ack.options().address(OptionCodes.ROUTERS)).contains(ip("192.0.2.1"));
        assertThat(f.leases.size()).isZero();
    }

    @Test
    void relayedQueriesSelectTheSubnetByRelayAddressAndEchoOption82() {
        byte[] rai = {1, 3, 'p', 'o', 'e'};
        Dhcp4Packet q = query(MessageType.DISCOVER, mac(1), Dhcp4Options.builder().put(OptionCodes.AGENT_INFO, rai))
                .giaddr(ip("203.0.113.7")).hops(1).build();
        Dhcp4Packet offer = f.send(q, ip("203.0.113.7"), false).orElseThrow();
        assertThat(offer.yiaddr()).isEqualTo(ip("198.51.100.10"));
        assertThat(offer.giaddr()).isEqualTo(ip("203.0.113.7"));
        assertThat(offer.options().get(OptionCodes.AGENT_INFO)).contains(rai);
        assertThat(offer.options().codes().getLast()).as("RFC 3046: relay information last").isEqualTo(OptionCodes.AGENT_INFO);
    }

    @Test
    void subnetSelectionOptionChoosesTheSubnet() {
        Dhcp4Packet q = query(MessageType.DISCOVER, mac(1), Dhcp4Options.builder()
                .put(OptionCodes.SUBNET_SELECTION, ip("198.51.100.1"))).build();
        assertThat(f.send(q).orElseThrow().yiaddr()).isEqualTo(ip("198.51.100.10"));
    }

    @Test
    void aDisabledServiceDropsEverything() {
        f.networkState.disable(Origin.USER);
        assertThat(f.send(query(MessageType.DISCOVER, mac(1), Dhcp4Options.builder()).build())).isEmpty();
        assertThat(f.stat("pkt4-receive-drop")).isEqualTo(1);
        f.networkState.enable(Origin.USER);
        assertThat(discover(mac(1)).messageType()).contains(MessageType.OFFER);
    }

    @Test
    void garbageIsACountedDrop() {
        assertThat(f.sendRaw(new byte[] {1, 2, 3})).isEmpty();
        assertThat(f.sendRaw(new byte[300])).isEmpty();
        assertThat(f.stat("pkt4-parse-failed")).isGreaterThanOrEqualTo(1);
        assertThat(f.stat("pkt4-receive-drop")).isEqualTo(2);
        assertThat(discover(mac(1)).messageType()).contains(MessageType.OFFER);
    }

    @Test
    void expiredLeasesAreReclaimed() throws Exception {
        Ipv4Address a = dora(mac(1)).yiaddr();
        f.clock.advance(3601);
        int n = new Reclaimer(f.leaseStats).reclaim(f.leases, f.clock.instant().getEpochSecond(), 0, 0, false, 5);
        assertThat(n).isEqualTo(1);
        assertThat(f.leases.get(a).map(Lease4::state)).contains(LeaseState.EXPIRED_RECLAIMED);
        assertThat(f.stat("reclaimed-leases")).isEqualTo(1);
        assertThat(f.stat("subnet[1].assigned-addresses")).isZero();
        assertThat(discover(mac(1)).yiaddr()).as("lease affinity: the same client gets it back").isEqualTo(a);
    }
}
