package ruru.dhcp6.service;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp6.service.Fixture6.duid;
import static ruru.dhcp6.service.Fixture6.ias;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.IaAddress;
import ruru.wire.v6.IaType;

/**
 * What DHCPv6 classes do to the packet path beyond the answers compared with kea-dhcp6 2.2 in
 * Classification6AgainstKeaTest, mostly Kea 3.0's: template classes spawning SPAWN_ classes,
 * option class-tagging, additional classes in 3.0's order (pool, subnet, shared network) with a
 * test-less one joining, a lease in a pool the client may no longer use not renewed, the
 * allocation failure counted as v6-allocation-fail-classes, DROP decided after the host lookup,
 * and class options in an INFORMATION-REQUEST's reply.
 */
class Classification6Test {

    static final String CONFIG = """
            { "preferred-lifetime": 300, "valid-lifetime": 600,
              "option-data": [ { "name": "dns-servers", "data": "2001:db8::53" },
                               { "name": "domain-search", "data": "tagged.example", "client-classes": [ "tagme" ] } ],
              "client-classes": [
                { "name": "tpl", "template-test": "substring(option[16].hex, 6, 3)" },
                { "name": "SPAWN_tpl_abc", "option-data": [ { "name": "sntp-servers", "data": "2001:db8::abc" } ] },
                { "name": "tagme", "test": "option[15].exists" },
                { "name": "notag", "test": "not member('tagme')" },
                { "name": "DROP", "test": "member('KNOWN') and option[15].exists" },
                { "name": "add1", "only-in-additional-list": true,
                  "option-data": [ { "name": "nis-domain-name", "data": "pool.example" } ] },
                { "name": "add2", "only-in-additional-list": true, "test": "member('ALL')",
                  "option-data": [ { "name": "nis-domain-name", "data": "subnet.example" },
                                   { "name": "nisp-domain-name", "data": "subnet.example" } ] },
                { "name": "add3", "only-in-additional-list": true,
                  "option-data": [ { "name": "nisp-domain-name", "data": "network.example" },
                                   { "name": "information-refresh-time", "data": "777" } ] }
              ],
              "shared-networks": [ { "name": "net", "interface": "eth0", "evaluate-additional-classes": [ "add3" ],
                "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "evaluate-additional-classes": [ "add2" ],
                  "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff", "client-classes": [ "tagme" ],
                               "evaluate-additional-classes": [ "add1" ] },
                             { "pool": "2001:db8:1::200 - 2001:db8:1::2ff", "client-classes": [ "notag" ] } ],
                  "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 56, "delegated-len": 64,
                                  "client-classes": [ "tagme" ] } ],
                  "reservations": [ { "duid": "00:03:00:01:02:00:00:00:00:63", "hostname": "known" } ] } ] } ] }
            """;

    private final Fixture6 f;

    Classification6Test() throws Exception {
        f = new Fixture6(CONFIG);
    }

    private static byte[] userClass(String s) {
        byte[] d = s.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[d.length + 2];
        out[1] = (byte) d.length;
        System.arraycopy(d, 0, out, 2, d.length);
        return out;
    }

    private static String text(Dhcp6Packet p, int code) {
        Optional<byte[]> v = p.options().get(code);
        return v.map(b -> HexFormat.of().formatHex(b)).orElse(null);
    }

    /** A DNS name in wire form, hex (domain-search and the NIS domain names). */
    private static String name(String dotted) {
        StringBuilder b = new StringBuilder();
        for (String label : dotted.split("\\.")) {
            b.append(String.format("%02x", label.length()))
                    .append(HexFormat.of().formatHex(label.getBytes(StandardCharsets.US_ASCII)));
        }
        return b.append("00").toString();
    }

    @Test
    void aTemplateClassSpawnsAClassWhoseOptionsTheClientGets() throws Exception {
        byte[] vendorClass = {0, 0, 0x11, (byte) 0x8b, 0, 3, 'a', 'b', 'c'};
        Dhcp6Packet adv = f.send(new Fixture6.Q(Dhcp6MessageType.SOLICIT).client(duid(1)).oro(31)
                .option(16, vendorClass).na(1)).orElseThrow();
        assertThat(text(adv, 31)).isEqualTo("20010db8000000000000000000000abc");
        Dhcp6Packet other = f.send(new Fixture6.Q(Dhcp6MessageType.SOLICIT).client(duid(2)).oro(31).na(1))
                .orElseThrow();
        assertThat(text(other, 31)).isNull();
    }

    @Test
    void taggedOptionsGuardedPoolsAndAdditionalClassesInKea3Order() throws Exception {
        Dhcp6Packet tagged = f.send(new Fixture6.Q(Dhcp6MessageType.SOLICIT).client(duid(3)).oro(24, 29, 30, 32)
                .option(15, userClass("x")).na(1).pd(2)).orElseThrow();
        assertThat(ias(tagged, IaType.NA).getFirst().addresses().getFirst().address().toString())
                .startsWith("2001:db8:1::1");
        assertThat(ias(tagged, IaType.PD).getFirst().prefixes()).isNotEmpty();
        assertThat(text(tagged, 24)).as("option tagged for tagme").isEqualTo(name("tagged.example"));
        // pool's add1 (no test: joins) before subnet's add2 before the network's add3.
        assertThat(text(tagged, 29)).isEqualTo(name("pool.example"));
        assertThat(text(tagged, 30)).isEqualTo(name("subnet.example"));
        assertThat(text(tagged, 32)).isEqualTo("00000309");

        Dhcp6Packet plain = f.send(new Fixture6.Q(Dhcp6MessageType.SOLICIT).client(duid(4)).oro(24, 29, 30)
                .na(1).pd(2)).orElseThrow();
        assertThat(ias(plain, IaType.NA).getFirst().addresses().getFirst().address().toString())
                .startsWith("2001:db8:1::2");
        assertThat(text(plain, 24)).as("a tagged option is not there for others").isNull();
        assertThat(text(plain, 29)).as("no pool add1 for the other pool").isEqualTo(name("subnet.example"));
        assertThat(ias(plain, IaType.PD).getFirst().prefixes()).as("the only pd-pool is tagme's").isEmpty();
        assertThat(f.stat("v6-allocation-fail-classes")).isEqualTo(1);
    }

    @Test
    void aLeaseInAPoolTheClientMayNoLongerUseIsNotRenewed() throws Exception {
        Dhcp6Packet granted = f.send(new Fixture6.Q(Dhcp6MessageType.REQUEST).client(duid(5)).server(Fixture6.SERVER)
                .option(15, userClass("x")).na(1)).orElseThrow();
        IaAddress a = ias(granted, IaType.NA).getFirst().addresses().getFirst();
        assertThat(a.address().toString()).startsWith("2001:db8:1::1");
        Dhcp6Packet renewed = f.send(new Fixture6.Q(Dhcp6MessageType.RENEW).client(duid(5)).server(Fixture6.SERVER)
                .na(1, a)).orElseThrow();
        var addresses = ias(renewed, IaType.NA).getFirst().addresses();
        assertThat(addresses).anySatisfy(x -> {
            assertThat(x.address().toString()).startsWith("2001:db8:1::2");
            assertThat(x.validLifetime()).isEqualTo(600);
        });
        assertThat(addresses).anySatisfy(x -> {
            assertThat(x.address()).isEqualTo(a.address());
            assertThat(x.validLifetime()).isZero();
        });
    }

    @Test
    void dropDependingOnKnownDropsAfterTheHostLookupAndIsCounted() throws Exception {
        long before = f.stat("pkt6-receive-drop");
        assertThat(f.send(new Fixture6.Q(Dhcp6MessageType.SOLICIT).client(duid(0x63)).option(15, userClass("x"))
                .na(1))).isEmpty();
        assertThat(f.stat("pkt6-receive-drop")).isEqualTo(before + 1);
        assertThat(f.send(new Fixture6.Q(Dhcp6MessageType.SOLICIT).client(duid(0x63)).na(1))).isPresent();
        assertThat(f.send(new Fixture6.Q(Dhcp6MessageType.SOLICIT).client(duid(6)).option(15, userClass("x"))
                .na(1))).isPresent();
    }

    @Test
    void aPkt6ReceiveCalloutSeesTheClassesAndMayAddOne() throws Exception {
        ruru.daemon.hooks.CalloutRegistry callouts = new ruru.daemon.hooks.CalloutRegistry();
        java.util.List<java.util.List<String>> seen = new java.util.ArrayList<>();
        callouts.add(ruru.hooks.HookPoint.PKT6_RECEIVE, (ruru.hooks.Pkt6ReceiveCallout) a -> {
            seen.add(a.classes().names());
            a.classes().add("tagme");
            return ruru.hooks.NextStep.CONTINUE;
        }, "t");
        Fixture6 hooked = new Fixture6(CONFIG, new Dhcp6Hooks(callouts));
        Dhcp6Packet adv = hooked.send(new Fixture6.Q(Dhcp6MessageType.SOLICIT).client(duid(8)).oro(24).na(1))
                .orElseThrow();
        assertThat(seen.getFirst()).containsExactly("ALL", "notag");
        assertThat(ias(adv, IaType.NA).getFirst().addresses().getFirst().address().toString())
                .as("tagme's pool, though notag's test matched before the callout").startsWith("2001:db8:1::1");
        assertThat(text(adv, 24)).isEqualTo(name("tagged.example"));
    }

    @Test
    void anInformationRequestGetsClassOptionsToo() throws Exception {
        Dhcp6Packet info = f.send(new Fixture6.Q(Dhcp6MessageType.INFORMATION_REQUEST).client(duid(7)).oro(24, 30, 31)
                .option(15, userClass("x")).option(16, new byte[] {0, 0, 0x11, (byte) 0x8b, 0, 3, 'a', 'b', 'c'}))
                .orElseThrow();
        assertThat(text(info, 24)).isEqualTo(name("tagged.example"));
        assertThat(text(info, 31)).isEqualTo("20010db8000000000000000000000abc");
        assertThat(text(info, 30)).as("the subnet's and network's additional classes").isEqualTo(name("subnet.example"));
    }
}
