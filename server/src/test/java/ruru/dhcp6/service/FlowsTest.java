package ruru.dhcp6.service;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp6.service.Fixture6.duid;
import static ruru.dhcp6.service.Fixture6.ip;
import static ruru.dhcp6.service.Fixture6.ias;
import static ruru.dhcp6.service.Fixture6.status;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ruru.lease.Lease6;
import ruru.lease.LeaseState;
import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Ia;
import ruru.wire.v6.IaAddress;
import ruru.wire.v6.IaPrefix;
import ruru.wire.v6.IaType;
import ruru.wire.v6.Option6;
import ruru.wire.v6.Option6Codes;
import ruru.wire.v6.StatusCode;

/** The DHCPv6 flows of FACTS 10.2: what kea-dhcp6 2.2 answered, with its exact status texts. */
class FlowsTest {

    static final String CONFIG = """
            { "preferred-lifetime": 300, "valid-lifetime": 600,
              "option-data": [ { "name": "dns-servers", "data": "2001:db8::53" },
                               { "name": "domain-search", "data": "example.org, example.com" },
                               { "name": "sntp-servers", "data": "2001:db8::123" },
                               { "name": "information-refresh-time", "data": "3600" } ],
              "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "eth0",
                  "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ],
                  "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 56, "delegated-len": 64,
                                  "excluded-prefix": "2001:db8:8:0:1::", "excluded-prefix-len": 80 } ] },
                { "id": 2, "subnet": "2001:db8:2::/64", "interface-id": "relay-if-2",
                  "pools": [ { "pool": "2001:db8:2::/120" } ] },
                { "id": 3, "subnet": "2001:db8:3::/64", "relay": { "ip-addresses": [ "2001:db8:ff::1" ] },
                  "pools": [ { "pool": "2001:db8:3::/120" } ] },
                { "id": 4, "subnet": "2001:db8:4::/64", "pools": [ { "pool": "2001:db8:4::/120" } ] },
                { "id": 6, "subnet": "2001:db8:6::/64", "interface-id": "tiny", "rapid-commit": true,
                  "pools": [ { "pool": "2001:db8:6::1 - 2001:db8:6::1" } ] } ] }
            """;

    private final Fixture6 f;

    FlowsTest() throws Exception {
        f = new Fixture6(CONFIG);
    }

    private static Fixture6.Q solicit(int client) {
        return new Fixture6.Q(Dhcp6MessageType.SOLICIT).client(duid(client));
    }

    @Test
    void solicitGetsAnAddressAndAPrefixWithPdExcludeAndTheRequestedOptions() throws Exception {
        Dhcp6Packet adv = f.send(solicit(1).na(11).pd(22).oro(23, 24, 31, 32, 67)).orElseThrow();
        assertThat(adv.messageType()).contains(Dhcp6MessageType.ADVERTISE);
        assertThat(adv.options().list()).extracting(Option6::code).containsExactly(1, 2, 3, 23, 24, 25, 31, 32);
        Ia na = ias(adv, IaType.NA).getFirst();
        assertThat(na.iaid()).isEqualTo(11);
        assertThat(na.t1()).isEqualTo(150);
        assertThat(na.t2()).isEqualTo(240);
        IaAddress a = na.addresses().getFirst();
        assertThat(a.address()).isEqualTo(ip("2001:db8:1::100"));
        assertThat(a.preferredLifetime()).isEqualTo(300);
        assertThat(a.validLifetime()).isEqualTo(600);
        IaPrefix p = ias(adv, IaType.PD).getFirst().prefixes().getFirst();
        assertThat(p.toPrefix().toString()).isEqualTo("2001:db8:8::/64");
        assertThat(HexFormat.of().formatHex(p.options().get(Option6Codes.PD_EXCLUDE).orElseThrow())).isEqualTo("500001");
        assertThat(f.store.size()).as("an ADVERTISE writes nothing").isZero();
        assertThat(adv.options().get(Option6Codes.SERVERID)).hasValueSatisfying(
                s -> assertThat(s).isEqualTo(Fixture6.SERVER.bytes()));
    }

    @Test
    void hintsAreHonouredAndLifetimesClamped() throws Exception {
        Dhcp6Packet adv = f.send(solicit(2).na(1, new IaAddress(ip("2001:db8:1::1aa"), 7000, 8000))
                .pd(2, new IaPrefix(0, 0, 60, ip("::"), ruru.wire.v6.Dhcp6Options.empty()))).orElseThrow();
        IaAddress a = ias(adv, IaType.NA).getFirst().addresses().getFirst();
        assertThat(a.address()).isEqualTo(ip("2001:db8:1::1aa"));
        assertThat(a.preferredLifetime()).isEqualTo(300);
        assertThat(a.validLifetime()).isEqualTo(600);
        assertThat(ias(adv, IaType.PD).getFirst().prefixes().getFirst().prefixLength()).isEqualTo(64);
    }

    @Test
    void requestCommitsAndRenewExtendsAndAllocatesUnknownIas() throws Exception {
        Dhcp6Packet reply = f.send(new Fixture6.Q(Dhcp6MessageType.REQUEST).client(duid(3)).server(Fixture6.SERVER)
                .na(1).pd(2)).orElseThrow();
        assertThat(reply.messageType()).contains(Dhcp6MessageType.REPLY);
        assertThat(f.store.size()).isEqualTo(2);
        assertThat(f.stat("subnet[1].assigned-nas")).isEqualTo(1);
        assertThat(f.stat("subnet[1].assigned-pds")).isEqualTo(1);
        IaAddress given = ias(reply, IaType.NA).getFirst().addresses().getFirst();
        f.now += 100;
        Dhcp6Packet renew = f.send(new Fixture6.Q(Dhcp6MessageType.RENEW).client(duid(3)).server(Fixture6.SERVER)
                .na(1, given).na(99, new IaAddress(ip("2001:db8:1::150"), 0, 0)).pd(98)).orElseThrow();
        List<Ia> nas = ias(renew, IaType.NA);
        assertThat(nas).hasSize(2);
        assertThat(nas.get(0).addresses().getFirst().address()).isEqualTo(given.address());
        assertThat(nas.get(1).addresses().getFirst().address()).isEqualTo(ip("2001:db8:1::150"));
        assertThat(ias(renew, IaType.PD).getFirst().prefixes()).hasSize(1);
        Lease6 renewed = f.store.get(given.address()).orElseThrow();
        assertThat(renewed.cltt()).isEqualTo(f.now);
        assertThat(f.stat("cumulative-assigned-nas")).isEqualTo(2);
    }

    @Test
    void rebindOfAForeignAddressGetsANewOneAndTheForeignEchoedWithZeroLifetimes() throws Exception {
        Dhcp6Packet reply = f.send(new Fixture6.Q(Dhcp6MessageType.REBIND).client(duid(4))
                .na(5, new IaAddress(ip("2001:db8:99::1"), 300, 600))).orElseThrow();
        List<IaAddress> addrs = ias(reply, IaType.NA).getFirst().addresses();
        assertThat(addrs).hasSize(2);
        assertThat(addrs.get(0).address()).isEqualTo(ip("2001:db8:1::100"));
        assertThat(addrs.get(1).address()).isEqualTo(ip("2001:db8:99::1"));
        assertThat(addrs.get(1).validLifetime()).isZero();
        assertThat(addrs.get(1).preferredLifetime()).isZero();
    }

    @Test
    void renewAndRebindWithoutASubnet() throws Exception {
        Fixture6.Q renew = new Fixture6.Q(Dhcp6MessageType.RENEW).client(duid(5)).server(Fixture6.SERVER).na(1).pd(2)
                .relay("2001:db8:77::1", "fe80::9");
        Dhcp6Packet r = f.send(renew).orElseThrow();
        assertThat(status(ias(r, IaType.NA).getFirst().options())).contains(new StatusCode(3,
                "Sorry, no known leases for this duid/iaid."));
        assertThat(status(ias(r, IaType.PD).getFirst().options())).contains(new StatusCode(3,
                "Sorry, no known PD leases for this duid/iaid."));
        Fixture6.Q rebind = new Fixture6.Q(Dhcp6MessageType.REBIND).client(duid(5)).pd(2)
                .relay("2001:db8:77::1", "fe80::9");
        assertThat(f.send(rebind)).as("Kea discards a REBIND whose IA_PD has no subnet").isEmpty();
        assertThat(f.stat("pkt6-receive-drop")).as("counted as kea-dhcp6 2.2 counts it").isEqualTo(1);
    }

    @Test
    void exhaustedPoolsAndNoSubnetGiveKeasStatuses() throws Exception {
        Fixture6.Q first = new Fixture6.Q(Dhcp6MessageType.REQUEST).client(duid(6)).server(Fixture6.SERVER).na(1)
                .relay("2001:db8:6::1", "fe80::9", new Option6(Option6Codes.INTERFACE_ID, "tiny".getBytes()));
        f.send(first).orElseThrow();
        Dhcp6Packet adv = f.send(solicit(7).na(1).pd(2).relay("2001:db8:6::1", "fe80::9",
                new Option6(Option6Codes.INTERFACE_ID, "tiny".getBytes()))).orElseThrow();
        Ia na = ias(adv, IaType.NA).getFirst();
        assertThat(status(na.options())).contains(new StatusCode(2, "Sorry, no address could be allocated."));
        assertThat(na.t1()).isZero();
        assertThat(status(ias(adv, IaType.PD).getFirst().options()))
                .contains(new StatusCode(6, "Sorry, no prefixes could be allocated."));
        // the IA_NA found the pool full, the IA_PD no pd-pool at all (Kea: no-pools instead)
        assertThat(f.stat("subnet[6].v6-allocation-fail")).isEqualTo(1);
        assertThat(f.stat("subnet[6].v6-allocation-fail-no-pools")).isEqualTo(1);
        assertThat(f.stat("subnet[6].v6-allocation-fail-subnet")).isEqualTo(2);
        Dhcp6Packet renew = f.send(new Fixture6.Q(Dhcp6MessageType.RENEW).client(duid(7)).server(Fixture6.SERVER)
                .na(9, new IaAddress(ip("2001:db8:6::5"), 0, 0)).relay("2001:db8:6::1", "fe80::9",
                        new Option6(Option6Codes.INTERFACE_ID, "tiny".getBytes()))).orElseThrow();
        Ia rna = ias(renew, IaType.NA).getFirst();
        assertThat(status(rna.options())).contains(new StatusCode(2, "Sorry, no addresses could be assigned at this time."));
        assertThat(rna.addresses().getFirst().validLifetime()).isZero();
        Dhcp6Packet none = f.send(solicit(8).na(1).pd(2).relay("2001:db8:77::1", "fe80::9")).orElseThrow();
        assertThat(status(ias(none, IaType.NA).getFirst().options()))
                .contains(new StatusCode(2, "Server could not select subnet for this client"));
        assertThat(status(ias(none, IaType.PD).getFirst().options()))
                .contains(new StatusCode(6, "Sorry, no subnet available."));
    }

    @Test
    void rapidCommitOnlyWhereTheSubnetAllowsIt() throws Exception {
        Option6 iid = new Option6(Option6Codes.INTERFACE_ID, "tiny".getBytes());
        Dhcp6Packet reply = f.send(solicit(9).na(1).option(Option6Codes.RAPID_COMMIT, new byte[0])
                .relay("2001:db8:6::1", "fe80::9", iid)).orElseThrow();
        assertThat(reply.messageType()).contains(Dhcp6MessageType.REPLY);
        assertThat(reply.options().has(Option6Codes.RAPID_COMMIT)).isTrue();
        assertThat(f.store.size()).isEqualTo(1);
        Dhcp6Packet adv = f.send(solicit(10).na(1).option(Option6Codes.RAPID_COMMIT, new byte[0])).orElseThrow();
        assertThat(adv.messageType()).contains(Dhcp6MessageType.ADVERTISE);
        assertThat(adv.options().has(Option6Codes.RAPID_COMMIT)).isFalse();
    }

    @Test
    void releaseAndDeclineWithKeasTexts() throws Exception {
        Dhcp6Packet reply = f.send(new Fixture6.Q(Dhcp6MessageType.REQUEST).client(duid(11)).server(Fixture6.SERVER)
                .na(1).pd(2)).orElseThrow();
        IaAddress a = ias(reply, IaType.NA).getFirst().addresses().getFirst();
        IaPrefix p = ias(reply, IaType.PD).getFirst().prefixes().getFirst();
        Dhcp6Packet wrongIaid = f.send(new Fixture6.Q(Dhcp6MessageType.RELEASE).client(duid(11))
                .server(Fixture6.SERVER).na(7, a)).orElseThrow();
        assertThat(status(ias(wrongIaid, IaType.NA).getFirst().options()))
                .contains(new StatusCode(3, "This is your address, but you used wrong IAID"));
        assertThat(status(wrongIaid.options())).contains(new StatusCode(3, "Summary status for all processed IA_NAs"));
        Dhcp6Packet notYours = f.send(new Fixture6.Q(Dhcp6MessageType.DECLINE).client(duid(12))
                .server(Fixture6.SERVER).na(1, a)).orElseThrow();
        assertThat(status(ias(notYours, IaType.NA).getFirst().options()))
                .contains(new StatusCode(3, "This address does not belong to you, you can't decline it"));
        Dhcp6Packet empty = f.send(new Fixture6.Q(Dhcp6MessageType.RELEASE).client(duid(11))
                .server(Fixture6.SERVER).pd(2)).orElseThrow();
        assertThat(status(ias(empty, IaType.PD).getFirst().options()))
                .contains(new StatusCode(3, "You did not include a prefix in your RELEASE"));
        Dhcp6Packet released = f.send(new Fixture6.Q(Dhcp6MessageType.RELEASE).client(duid(11))
                .server(Fixture6.SERVER).pd(2, p)).orElseThrow();
        assertThat(status(ias(released, IaType.PD).getFirst().options()))
                .contains(new StatusCode(0, "Lease released. Thank you, please come again."));
        assertThat(status(released.options())).contains(new StatusCode(0, "Summary status for all processed IA_NAs"));
        assertThat(f.stat("subnet[1].assigned-pds")).isZero();
        Dhcp6Packet declined = f.send(new Fixture6.Q(Dhcp6MessageType.DECLINE).client(duid(11))
                .server(Fixture6.SERVER).na(1, a)).orElseThrow();
        Ia d = ias(declined, IaType.NA).getFirst();
        assertThat(status(d.options())).contains(new StatusCode(0,
                "Lease declined. Hopefully the next one will be better."));
        assertThat(d.t1()).isZero();
        assertThat(status(declined.options())).isEmpty();
        Lease6 l = f.store.get(a.address()).orElseThrow();
        assertThat(l.state()).isEqualTo(LeaseState.DECLINED);
        assertThat(l.duid()).containsExactly(0);
        assertThat(l.validLifetime()).isEqualTo(86400);
        assertThat(l.preferredLifetime()).isZero();
        assertThat(f.stat("declined-addresses")).isEqualTo(1);
        Dhcp6Packet unknown = f.send(new Fixture6.Q(Dhcp6MessageType.DECLINE).client(duid(11))
                .server(Fixture6.SERVER).na(1, new IaAddress(ip("2001:db8:1::1ee"), 0, 0))).orElseThrow();
        assertThat(status(ias(unknown, IaType.NA).getFirst().options()))
                .contains(new StatusCode(3, "Server does not know about such an address."));
    }

    @Test
    void confirmAndInformationRequest() throws Exception {
        Dhcp6Packet ok = f.send(new Fixture6.Q(Dhcp6MessageType.CONFIRM).client(duid(13))
                .na(1, new IaAddress(ip("2001:db8:1::42"), 0, 0))).orElseThrow();
        assertThat(status(ok.options())).contains(new StatusCode(0, "All addresses are on-link"));
        Dhcp6Packet off = f.send(new Fixture6.Q(Dhcp6MessageType.CONFIRM).client(duid(13))
                .na(1, new IaAddress(ip("2001:db8:99::1"), 0, 0))).orElseThrow();
        assertThat(status(off.options())).contains(new StatusCode(4, "Address 2001:db8:99::1 is not on link."));
        assertThat(f.send(new Fixture6.Q(Dhcp6MessageType.CONFIRM).client(duid(13)).na(1))).isEmpty();
        assertThat(f.stat("pkt6-receive-drop")).as("kea-dhcp6 2.2 does not count a CONFIRM without addresses")
                .isZero();
        assertThat(f.stat("pkt6-confirm-received")).isEqualTo(3);
        Dhcp6Packet info = f.send(new Fixture6.Q(Dhcp6MessageType.INFORMATION_REQUEST).oro(23, 32)).orElseThrow();
        assertThat(info.options().list()).extracting(Option6::code).containsExactly(2, 23, 32);
        assertThat(HexFormat.of().formatHex(info.options().get(32).orElseThrow())).isEqualTo("00000e10");
    }

    @Test
    void keasChecksDropWhatTheyShould() throws Exception {
        assertThat(f.send(solicit(14).na(1), true)).as("a SOLICIT by unicast").isEmpty();
        assertThat(f.send(new Fixture6.Q(Dhcp6MessageType.RENEW).client(duid(14)).server(Fixture6.SERVER).na(1), true))
                .as("a RENEW by unicast is processed").isPresent();
        assertThat(f.send(solicit(14).na(1).server(Fixture6.SERVER))).as("SOLICIT with our server-id").isEmpty();
        assertThat(f.send(new Fixture6.Q(Dhcp6MessageType.REQUEST).client(duid(14))
                .server(new ruru.wire.v6.Duid(duid(99))).na(1))).as("foreign server-id").isEmpty();
        assertThat(f.send(new Fixture6.Q(Dhcp6MessageType.SOLICIT).client(new byte[] {1, 2}).na(1)))
                .as("a two-byte DUID").isEmpty();
        assertThat(f.send(new Fixture6.Q(Dhcp6MessageType.REQUEST).client(duid(14)).na(1))).as("no server-id").isEmpty();
        assertThat(f.stat("pkt6-receive-drop")).isEqualTo(5);
        f.state.disable(ruru.daemon.state.Origin.USER);
        assertThat(f.send(solicit(15).na(1))).isEmpty();
    }

    @Test
    void subnetSelectionAsKea() throws Exception {
        Option6 iid2 = new Option6(Option6Codes.INTERFACE_ID, "relay-if-2".getBytes());
        assertThat(subnetOf(solicit(20).na(1).relay("2001:db8:4::1", "fe80::9", iid2))).isEqualTo("2001:db8:2::");
        assertThat(subnetOf(solicit(21).na(1).relay("2001:db8:ff::1", "fe80::9"))).isEqualTo("2001:db8:3::");
        assertThat(subnetOf(solicit(22).na(1).relay("2001:db8:4::1", "fe80::9"))).isEqualTo("2001:db8:4::");
        assertThat(subnetOf(solicit(23).na(1).relay("::", "fe80::9", iid2)))
                .as("link-address :: : interface-id ignored, the receiving interface's subnet").isEqualTo("2001:db8:1::");
        Dhcp6Packet twoLevels = f.send(solicit(24).na(1)
                .relay("::", "fe80::a", new Option6(Option6Codes.INTERFACE_ID, "outer-if".getBytes()))
                .relay("2001:db8:4::1", "fe80::b", new Option6(Option6Codes.INTERFACE_ID, "inner-if".getBytes())))
                .orElseThrow();
        assertThat(twoLevels.relays()).hasSize(2);
        assertThat(twoLevels.relays().get(0).messageType()).isEqualTo(Dhcp6MessageType.RELAY_REPL);
        assertThat(twoLevels.relays().get(0).options().get(Option6Codes.INTERFACE_ID)).hasValueSatisfying(
                v -> assertThat(new String(v)).isEqualTo("outer-if"));
        assertThat(twoLevels.relays().get(1).hopCount()).isEqualTo(1);
        assertThat(ias(twoLevels, IaType.NA).getFirst().addresses().getFirst().address().toString())
                .startsWith("2001:db8:4::");
    }

    private String subnetOf(Fixture6.Q q) throws Exception {
        Optional<Dhcp6Packet> r = f.send(q);
        return ias(r.orElseThrow(), IaType.NA).getFirst().addresses().getFirst().address().masked(64).toString();
    }

    @Test
    void relaySuppliedOptionsAreCopiedWhenEnabled() throws Exception {
        byte[] erp = ruru.wire.v6.Dhcp6Options.builder().add(65, new byte[] {3, 'e', 'r', 'p', 0})
                .add(31, new byte[16]).build().toBytes();
        Dhcp6Packet r = f.send(solicit(30).na(1).relay("2001:db8:4::1", "fe80::9",
                new Option6(Option6Codes.RSOO, erp))).orElseThrow();
        assertThat(r.options().has(65)).isTrue();
        assertThat(r.options().has(31)).isFalse();
    }
}
