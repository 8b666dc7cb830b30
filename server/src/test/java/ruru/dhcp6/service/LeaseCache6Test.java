package ruru.dhcp6.service;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp6.service.Fixture6.duid;
import static ruru.dhcp6.service.Fixture6.ias;

import org.junit.jupiter.api.Test;

import ruru.lease.Lease6;
import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.IaAddress;
import ruru.wire.v6.IaPrefix;
import ruru.wire.v6.IaType;

/**
 * Lease caching for DHCPv6 ({@code cache-threshold}, {@code cache-max-age}, Kea 2.2's and 3's
 * {@code setLeaseReusable}): a renewal early in a lease's life hands out what is left of it and
 * writes nothing; later, or with caching off, the lease is rewritten with fresh lifetimes.
 */
class LeaseCache6Test {

    private static String config(String caching) {
        return """
                { "preferred-lifetime": 3000, "valid-lifetime": 4000, %s
                  "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "eth0",
                      "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ],
                      "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 56, "delegated-len": 64 } ] } ] }
                """.formatted(caching);
    }

    private static Dhcp6Packet bind(Fixture6 f, int client) throws Exception {
        Dhcp6Packet adv = f.send(new Fixture6.Q(Dhcp6MessageType.SOLICIT).client(duid(client)).na(1).pd(2))
                .orElseThrow();
        return f.send(new Fixture6.Q(Dhcp6MessageType.REQUEST).client(duid(client)).server(Fixture6.SERVER)
                .na(1, ias(adv, IaType.NA).getFirst().addresses().getFirst())
                .pd(2, ias(adv, IaType.PD).getFirst().prefixes().getFirst())).orElseThrow();
    }

    private static Dhcp6Packet renew(Fixture6 f, int client, Dhcp6Packet bound) throws Exception {
        IaAddress a = ias(bound, IaType.NA).getFirst().addresses().getFirst();
        IaPrefix p = ias(bound, IaType.PD).getFirst().prefixes().getFirst();
        return f.send(new Fixture6.Q(Dhcp6MessageType.RENEW).client(duid(client)).server(Fixture6.SERVER).na(1, a)
                .pd(2, p)).orElseThrow();
    }

    @Test
    void aYoungLeaseIsReusedForWhatIsLeftOfItAndNotWritten() throws Exception {
        Fixture6 f = new Fixture6(config("\"cache-threshold\": 0.25,"));
        Dhcp6Packet bound = bind(f, 1);
        IaAddress a = ias(bound, IaType.NA).getFirst().addresses().getFirst();
        Lease6 stored = f.store.get(a.address()).orElseThrow();
        f.now += 600;
        Dhcp6Packet renewed = renew(f, 1, bound);
        IaAddress again = ias(renewed, IaType.NA).getFirst().addresses().getFirst();
        assertThat(again.address()).isEqualTo(a.address());
        assertThat(again.validLifetime()).as("4000 - 600 s of age").isEqualTo(3400);
        assertThat(again.preferredLifetime()).isEqualTo(2400);
        IaPrefix p = ias(renewed, IaType.PD).getFirst().prefixes().getFirst();
        assertThat(p.validLifetime()).isEqualTo(3400);
        assertThat(f.store.get(a.address()).orElseThrow()).as("nothing written").isEqualTo(stored);
        assertThat(f.stat("v6-ia-na-lease-reuses")).isEqualTo(1);
        assertThat(f.stat("subnet[1].v6-ia-na-lease-reuses")).isEqualTo(1);
        assertThat(f.stat("v6-ia-pd-lease-reuses")).isEqualTo(1);
        assertThat(f.stat("subnet[1].v6-ia-pd-lease-reuses")).isEqualTo(1);
        // older than a quarter of the valid lifetime: rewritten, fresh lifetimes
        f.now += 500;
        Dhcp6Packet late = renew(f, 1, renewed);
        assertThat(ias(late, IaType.NA).getFirst().addresses().getFirst().validLifetime()).isEqualTo(4000);
        assertThat(f.store.get(a.address()).orElseThrow().cltt()).isEqualTo(f.now);
        assertThat(f.stat("v6-ia-na-lease-reuses")).isEqualTo(1);
    }

    @Test
    void cacheMaxAgeCapsTheAgeAndZeroOrNoSettingMeansNoCaching() throws Exception {
        Fixture6 capped = new Fixture6(config("\"cache-threshold\": 0.9, \"cache-max-age\": 100,"));
        Dhcp6Packet bound = bind(capped, 2);
        capped.now += 100;
        Dhcp6Packet renewed = renew(capped, 2, bound);
        assertThat(ias(renewed, IaType.NA).getFirst().addresses().getFirst().validLifetime()).isEqualTo(3900);
        capped.now += 101;
        assertThat(ias(renew(capped, 2, renewed), IaType.NA).getFirst().addresses().getFirst().validLifetime())
                .as("older than cache-max-age").isEqualTo(4000);
        for (String off : new String[] {"", "\"cache-threshold\": 0.5, \"cache-max-age\": 0,"}) {
            Fixture6 f = new Fixture6(config(off));
            Dhcp6Packet b = bind(f, 3);
            f.now += 10;
            assertThat(ias(renew(f, 3, b), IaType.NA).getFirst().addresses().getFirst().validLifetime())
                    .as("no caching with '%s'", off).isEqualTo(4000);
            assertThat(f.stat("v6-ia-na-lease-reuses")).isZero();
        }
    }
}
