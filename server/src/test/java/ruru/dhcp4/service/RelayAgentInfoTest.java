package ruru.dhcp4.service;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp4.service.ServiceFixture.ip;
import static ruru.dhcp4.service.ServiceFixture.mac;
import static ruru.dhcp4.service.ServiceFixture.query;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/**
 * Kea 3's {@code compatibility.ignore-rai-link-selection} (kea-dhcp4 2.2 refuses the key, so the
 * conformance tests cannot ask it): with it, the RAI link-selection sub-option is not used and the
 * subnet comes from giaddr; without it, link-selection wins (RelayInfoConformanceTest shows Kea).
 */
class RelayAgentInfoTest {

    static String config(boolean ignore) {
        return """
                { "compatibility": { "ignore-rai-link-selection": %s },
                  "subnet4": [
                    { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ] },
                    { "id": 2, "subnet": "198.51.100.0/24", "pools": [ { "pool": "198.51.100.10 - 198.51.100.20" } ] },
                    { "id": 3, "subnet": "203.0.113.0/24", "pools": [ { "pool": "203.0.113.10 - 203.0.113.20" } ] } ] }
                """.formatted(ignore);
    }

    static Dhcp4Packet relayedDiscover() {
        Dhcp4Options.Builder o = Dhcp4Options.builder();
        o.put(OptionCodes.AGENT_INFO, HexFormat.of().parseHex("0104000000ff0504cb007100"));
        return query(MessageType.DISCOVER, mac(1), o).giaddr(ip("198.51.100.1")).hops(1).build();
    }

    @Test
    void linkSelectionPicksTheSubnetUnlessIgnored() throws Exception {
        ServiceFixture used = new ServiceFixture(config(false));
        assertThat(used.send(relayedDiscover(), ip("198.51.100.1"), false).orElseThrow().yiaddr())
                .isEqualTo(ip("203.0.113.10"));
        ServiceFixture ignored = new ServiceFixture(config(true));
        assertThat(ignored.send(relayedDiscover(), ip("198.51.100.1"), false).orElseThrow().yiaddr())
                .as("link-selection ignored: giaddr's subnet").isEqualTo(ip("198.51.100.10"));
    }
}
