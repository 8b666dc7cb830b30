package ruru.dhcp4.service;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp4.service.ServiceFixture.ip;
import static ruru.dhcp4.service.ServiceFixture.mac;
import static ruru.dhcp4.service.ServiceFixture.query;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ruru.hooks.HookPoint;
import ruru.hooks.NextStep;
import ruru.hooks.Pkt4ReceiveCallout;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.MessageType;

/** A pkt4_receive callout sees the query's classes and may add one (Kea's addClass): it then counts everywhere. */
class HookClassesTest {

    static final String CONFIG = """
            {
              "client-classes": [ { "name": "vip", "option-data": [ { "code": 72, "data": "10.0.0.72" } ] },
                                  { "name": "tested", "test": "member('vip')" } ],
              "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24",
                "pools": [ { "pool": "192.0.2.10 - 192.0.2.19", "client-classes": [ "vip" ] },
                           { "pool": "192.0.2.100 - 192.0.2.109" } ] } ]
            }
            """;

    @Test
    void aCalloutClassifiesAQuery() throws Exception {
        HookFixture f = new HookFixture(CONFIG);
        List<List<String>> seen = new ArrayList<>();
        f.callouts.add(HookPoint.PKT4_RECEIVE, (Pkt4ReceiveCallout) a -> {
            seen.add(a.classes().names());
            if (a.query4().chaddr().equals(mac(7))) {
                a.classes().add("vip");
            }
            return NextStep.CONTINUE;
        }, "t");
        var vip = f.send(query(MessageType.DISCOVER, mac(7), Dhcp4Options.builder()
                .put(55, new byte[] {72})).build()).orElseThrow();
        assertThat(vip.yiaddr()).isEqualTo(ip("192.0.2.10"));
        assertThat(vip.options().address(72)).contains(ip("10.0.0.72"));
        var plain = f.send(query(MessageType.DISCOVER, mac(8), Dhcp4Options.builder()).build()).orElseThrow();
        assertThat(plain.yiaddr()).isEqualTo(ip("192.0.2.100"));
        // Tests run before pkt4_receive (Kea's order): a class added there does not make 'tested' match.
        assertThat(seen.getFirst()).containsExactly("ALL");
    }
}
