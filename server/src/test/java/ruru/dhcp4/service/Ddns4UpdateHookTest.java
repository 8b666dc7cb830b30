package ruru.dhcp4.service;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp4.service.ServiceFixture.ip;
import static ruru.dhcp4.service.ServiceFixture.mac;
import static ruru.dhcp4.service.ServiceFixture.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ruru.hooks.Ddns4UpdateCallout;
import ruru.hooks.HookPoint;
import ruru.hooks.NextStep;
import ruru.lease.Lease4;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/**
 * Where {@code ddns4_update} runs: as Kea's processClientName, once for every DISCOVER and REQUEST
 * that gets an address (offers, new leases, renewals and reused cached leases alike), before the
 * lease is made; what the callout leaves is what the lease stores and the reply carries.
 */
class Ddns4UpdateHookTest {

    /** Updates on; NCRs go to a loopback port nobody listens on (they are not what is tested here). */
    private static final String CONFIG = """
            {
              "valid-lifetime": 1000, "cache-threshold": 0.25,
              "dhcp-ddns": { "enable-updates": true, "server-ip": "127.0.0.1", "server-port": %d },
              "ddns-qualifying-suffix": "example.org",
              "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.14" } ] } ]
            }
            """;

    private final HookFixture f;
    private final List<Ddns4UpdateCallout.Args> calls = new ArrayList<>();

    Ddns4UpdateHookTest() throws Exception {
        f = new HookFixture(CONFIG.formatted(ruru.testing.BindServer.freePort()));
        f.callouts.add(HookPoint.DDNS4_UPDATE, (Ddns4UpdateCallout) a -> {
            calls.add(a);
            a.setHostname(a.hostname().replace("laptop", "desk"));
            a.setFwdUpdate(true);
            return NextStep.CONTINUE;
        }, "t");
    }

    private static Dhcp4Options.Builder hostName(String name) {
        return Dhcp4Options.builder().put(OptionCodes.HOST_NAME, name.getBytes(StandardCharsets.US_ASCII));
    }

    private static String text(Dhcp4Packet p, int code) {
        return new String(p.options().get(code).orElseThrow(), StandardCharsets.US_ASCII);
    }

    private Dhcp4Packet request(HardwareAddress hw, Ipv4Address a, Dhcp4Options.Builder o) {
        return f.send(query(MessageType.REQUEST, hw, o.put(OptionCodes.REQUESTED_ADDRESS, a)
                .put(OptionCodes.SERVER_ID, ip("192.0.2.1"))).build()).orElseThrow();
    }

    @Test
    void theOfferAndTheAckCarryTheCalloutsNameAndTheLeaseStoresIt() {
        Dhcp4Packet offer = f.send(query(MessageType.DISCOVER, mac(1), hostName("laptop")).build()).orElseThrow();
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().hostname()).isEqualTo("desk.example.org");
        assertThat(calls.getFirst().response4().messageType()).contains(MessageType.OFFER);
        assertThat(text(offer, OptionCodes.HOST_NAME)).isEqualTo("desk.example.org");

        Dhcp4Packet ack = request(mac(1), offer.yiaddr(), hostName("laptop"));
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).response4().messageType()).contains(MessageType.ACK);
        assertThat(text(ack, OptionCodes.HOST_NAME)).isEqualTo("desk.example.org");
        Lease4 lease = f.leases.get(ack.yiaddr()).orElseThrow();
        assertThat(lease.hostname()).isEqualTo("desk.example.org");
        assertThat(lease.fqdnFwd()).isTrue();
        assertThat(lease.fqdnRev()).isTrue();
    }

    @Test
    void aReusedCachedLeaseGoesThroughTheCalloutToo() {
        Ipv4Address a = request(mac(2), f.send(query(MessageType.DISCOVER, mac(2), hostName("laptop2")).build())
                .orElseThrow().yiaddr(), hostName("laptop2")).yiaddr();
        Lease4 written = f.leases.get(a).orElseThrow();
        int before = calls.size();
        f.clock.advance(100);
        Dhcp4Packet renewed = request(mac(2), a, hostName("laptop2"));
        assertThat(calls).hasSize(before + 1);
        assertThat(f.stat("v4-lease-reuses")).as("the callout's name is the stored one: reused").isEqualTo(1);
        assertThat(f.leases.get(a)).contains(written);
        assertThat(text(renewed, OptionCodes.HOST_NAME)).isEqualTo("desk2.example.org");
    }

    @Test
    void aChangedFqdnReplySaysTheServerDoesNoUpdatesAsKea() {
        // Without the change the server would answer S 1 (it updates, as the client asked).
        // option 81: flags S, name "laptop3" in ASCII
        Dhcp4Options.Builder fqdn = Dhcp4Options.builder().put(OptionCodes.FQDN,
                new byte[] {0x01, 0, 0, 'l', 'a', 'p', 't', 'o', 'p', '3'});
        Dhcp4Packet offer = f.send(query(MessageType.DISCOVER, mac(3), fqdn).build()).orElseThrow();
        byte[] option = offer.options().get(OptionCodes.FQDN).orElseThrow();
        assertThat(option[0] & 0x01).as("S").isZero();
        assertThat(option[0] & 0x08).as("N").isEqualTo(0x08);
        assertThat(new String(option, 3, option.length - 3, StandardCharsets.US_ASCII)).isEqualTo("desk3.example.org.");
    }
}
