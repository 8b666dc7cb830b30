package ruru.dhcp6.service;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp6.service.Fixture6.duid;
import static ruru.dhcp6.service.Fixture6.ias;
import static ruru.dhcp6.service.Fixture6.ip;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ruru.daemon.hooks.CalloutRegistry;
import ruru.ddns.ncr.ChangeType;
import ruru.ddns.ncr.NameChangeRequest;
import ruru.ddns.ncr.NcrJson;
import ruru.dhcp6.ddns.Ddns6;
import ruru.hooks.Ddns6UpdateCallout;
import ruru.hooks.HookPoint;
import ruru.hooks.NextStep;
import ruru.lease.Lease6;
import ruru.net.Received6;
import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.IaAddress;
import ruru.wire.v6.IaType;
import ruru.wire.v6.Option6Codes;

/**
 * DDNS in the DHCPv6 flows without sockets on the DHCP side: option 39 in the replies, the lease's
 * name and directions, and the NCRs a real UDP socket receives from the service's sender (new
 * lease, unchanged and changed renewals, ddns-update-on-renew, RELEASE, DECLINE, a reserved name,
 * a generated one, both S and N refused, the ddns6_update hook point).
 */
class Ddns6FlowsTest {

    private final DatagramSocket d2;
    private final List<AutoCloseable> open = new ArrayList<>();

    Ddns6FlowsTest() throws Exception {
        d2 = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        d2.setSoTimeout(3000);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        d2.close();
    }

    private record Setup(Fixture6 f, Snapshot6 snap) {
        Optional<Dhcp6Packet> send(Fixture6.Q q) throws Exception {
            Dhcp6Packet p = q.build();
            byte[] data = p.encode();
            Received6 rx = new Received6(data, data.length, Fixture6.ETH0, ip("fe80::2"), 546,
                    ruru.wire.Ipv6Address.ALL_DHCP_RELAY_AGENTS_AND_SERVERS);
            return f.processor.process(rx, snap).map(o -> o.answer().reply());
        }
    }

    private Setup setup(String extra, CalloutRegistry callouts) throws Exception {
        Fixture6 f = new Fixture6("""
                { "interfaces-config": { "interfaces": [ "eth0" ] },
                  "preferred-lifetime": 3000, "valid-lifetime": 4000,
                  "dhcp-ddns": { "enable-updates": true, "server-ip": "127.0.0.1", "server-port": %d },
                  "ddns-qualifying-suffix": "example.org", %s
                  "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "eth0",
                      "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ],
                      "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 56, "delegated-len": 64 } ],
                      "reservations": [ { "duid": "00:03:00:01:02:00:00:00:00:09", "hostname": "Resv" } ] } ] }
                """.formatted(d2.getLocalPort(), extra));
        Ddns6 ddns = new Ddns6();
        ddns.configure(f.snap.config().ddns());
        open.add(ddns);
        return new Setup(f, Snapshot6.of(f.snap.config(), f.store, Fixture6.SERVER, new Dhcp6Hooks(callouts), ddns));
    }

    private Setup setup(String extra) throws Exception {
        return setup(extra, new CalloutRegistry());
    }

    private NameChangeRequest ncr() throws Exception {
        byte[] buf = new byte[4096];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        d2.receive(p);
        return NcrJson.fromDatagram(java.util.Arrays.copyOf(buf, p.getLength()), p.getLength());
    }

    private void noNcr() throws Exception {
        d2.setSoTimeout(300);
        try {
            DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
            d2.receive(p);
            throw new AssertionError("an unexpected NCR: " + new String(p.getData(), 2, p.getLength() - 2));
        } catch (SocketTimeoutException expected) {
            // nothing sent
        } finally {
            d2.setSoTimeout(3000);
        }
    }

    private static byte[] fqdn(int flags, String wireHex) {
        return HexFormat.of().parseHex(String.format("%02x", flags) + wireHex);
    }

    private static final String V6HOST = "067636686f7374"; // "v6host", partial
    private static final String V6HOST_FULL = "067636686f7374076578616d706c65036f726700"; // v6host.example.org.

    private static Fixture6.Q request(int client, byte[] option39, IaAddress... addresses) {
        Fixture6.Q q = new Fixture6.Q(Dhcp6MessageType.REQUEST).client(duid(client)).server(Fixture6.SERVER)
                .na(1, addresses);
        return option39 == null ? q : q.option(Option6Codes.CLIENT_FQDN, option39);
    }

    private static Fixture6.Q renew(int client, byte[] option39, IaAddress a) {
        Fixture6.Q q = new Fixture6.Q(Dhcp6MessageType.RENEW).client(duid(client)).server(Fixture6.SERVER).na(1, a);
        return option39 == null ? q : q.option(Option6Codes.CLIENT_FQDN, option39);
    }

    @Test
    void aNewLeaseRenewalsAndReleaseSendKeasNcrs() throws Exception {
        Setup s = setup("");
        Dhcp6Packet reply = s.send(request(1, fqdn(0x01, V6HOST))).orElseThrow();
        assertThat(HexFormat.of().formatHex(reply.options().get(Option6Codes.CLIENT_FQDN).orElseThrow()))
                .isEqualTo("01" + V6HOST_FULL);
        IaAddress a = ias(reply, IaType.NA).getFirst().addresses().getFirst();
        Lease6 lease = s.f().store.get(a.address()).orElseThrow();
        assertThat(lease.hostname()).isEqualTo("v6host.example.org.");
        assertThat(lease.fqdnFwd()).isTrue();
        assertThat(lease.fqdnRev()).isTrue();
        NameChangeRequest add = ncr();
        assertThat(add.type()).isEqualTo(ChangeType.ADD);
        assertThat(add.fqdn()).isEqualTo("v6host.example.org.");
        assertThat(add.address()).isEqualTo(InetAddress.ofLiteral(a.address().toString()));
        assertThat(add.forward()).isTrue();
        assertThat(add.reverse()).isTrue();
        assertThat(add.dhcid().toHex()).startsWith("000201").hasSize(70);
        assertThat(NcrJson.toJson(add)).contains("\"lease-expires-on\":\"19700101000000\"")
                .contains("\"lease-length\":1333");

        // A renewal with the same name sends nothing; one with another name removes the old, adds the new.
        s.f().now += 10;
        s.send(renew(1, fqdn(0x01, V6HOST), a)).orElseThrow();
        noNcr();
        s.f().now += 10;
        Dhcp6Packet renamed = s.send(renew(1, fqdn(0x01, "0576366e6577"), a)).orElseThrow();
        assertThat(HexFormat.of().formatHex(renamed.options().get(Option6Codes.CLIENT_FQDN).orElseThrow()))
                .isEqualTo("010576366e6577076578616d706c65036f726700");
        NameChangeRequest remove = ncr();
        assertThat(remove.type()).isEqualTo(ChangeType.REMOVE);
        assertThat(remove.fqdn()).isEqualTo("v6host.example.org.");
        assertThat(NcrJson.toJson(remove)).doesNotContain("19700101000000");
        assertThat(ncr().fqdn()).isEqualTo("v6new.example.org.");

        // RELEASE removes the name.
        s.send(new Fixture6.Q(Dhcp6MessageType.RELEASE).client(duid(1)).server(Fixture6.SERVER).na(1, a)).orElseThrow();
        NameChangeRequest released = ncr();
        assertThat(released.type()).isEqualTo(ChangeType.REMOVE);
        assertThat(released.fqdn()).isEqualTo("v6new.example.org.");
    }

    @Test
    void updateOnRenewSendsRemoveAndAddEachTimeAndDeclineRemoves() throws Exception {
        Setup s = setup("\"ddns-update-on-renew\": true,");
        Dhcp6Packet reply = s.send(request(2, fqdn(0x01, V6HOST))).orElseThrow();
        IaAddress a = ias(reply, IaType.NA).getFirst().addresses().getFirst();
        assertThat(ncr().type()).isEqualTo(ChangeType.ADD);
        s.f().now += 10;
        s.send(renew(2, fqdn(0x01, V6HOST), a)).orElseThrow();
        assertThat(ncr().type()).isEqualTo(ChangeType.REMOVE);
        assertThat(ncr().type()).isEqualTo(ChangeType.ADD);
        s.send(new Fixture6.Q(Dhcp6MessageType.DECLINE).client(duid(2)).server(Fixture6.SERVER).na(1, a)).orElseThrow();
        NameChangeRequest declined = ncr();
        assertThat(declined.type()).isEqualTo(ChangeType.REMOVE);
        assertThat(declined.fqdn()).isEqualTo("v6host.example.org.");
    }

    @Test
    void flagsReservedAndGeneratedNames() throws Exception {
        Setup s = setup("");
        // S=0 N=0: the client updates AAAA itself; the server only the PTR.
        Dhcp6Packet r = s.send(request(3, fqdn(0x00, V6HOST))).orElseThrow();
        assertThat(HexFormat.of().formatHex(r.options().get(Option6Codes.CLIENT_FQDN).orElseThrow()))
                .isEqualTo("00" + V6HOST_FULL);
        NameChangeRequest n = ncr();
        assertThat(n.forward()).isFalse();
        assertThat(n.reverse()).isTrue();
        // N=1: no updates, no NCR.
        Dhcp6Packet none = s.send(request(4, fqdn(0x04, V6HOST))).orElseThrow();
        assertThat(none.options().get(Option6Codes.CLIENT_FQDN).orElseThrow()[0]).isEqualTo((byte) 0x04);
        noNcr();
        // A reserved hostname wins over the client's (qualified, lower case).
        Dhcp6Packet resv = s.send(request(9, fqdn(0x01, V6HOST))).orElseThrow();
        assertThat(HexFormat.of().formatHex(resv.options().get(Option6Codes.CLIENT_FQDN).orElseThrow()))
                .isEqualTo("010472657376076578616d706c65036f726700");
        assertThat(ncr().fqdn()).isEqualTo("resv.example.org.");
        // An empty name: generated from the address leased.
        Dhcp6Packet gen = s.send(request(5, fqdn(0x01, ""))).orElseThrow();
        IaAddress a = ias(gen, IaType.NA).getFirst().addresses().getFirst();
        String generated = "myhost-" + a.address().toString().replace(':', '-') + ".example.org.";
        assertThat(s.f().store.get(a.address()).orElseThrow().hostname()).isEqualTo(generated);
        assertThat(ncr().fqdn()).isEqualTo(generated);
        // No option 39 and replace mode never: no option back, no name, no NCR.
        Dhcp6Packet plain = s.send(request(6, null)).orElseThrow();
        assertThat(plain.options().has(Option6Codes.CLIENT_FQDN)).isFalse();
        noNcr();
        // Both S and N: dropped as unparsable.
        assertThat(s.send(request(7, fqdn(0x05, V6HOST)))).isEmpty();
        assertThat(s.f().stat("pkt6-parse-failed")).isEqualTo(1);
    }

    @Test
    void ddns6UpdateCalloutsChangeTheNameAndTheReplySaysServerDoesNoUpdates() throws Exception {
        CalloutRegistry callouts = new CalloutRegistry();
        List<String> seen = new ArrayList<>();
        callouts.add(HookPoint.DDNS6_UPDATE, (Ddns6UpdateCallout) args -> {
            seen.add(args.hostname() + " " + args.fwdUpdate() + " " + args.revUpdate() + " "
                    + args.response6().messageType().orElseThrow() + " " + args.ddnsParams().qualifyingSuffix());
            args.setHostname("hooked.example.net.");
            args.setRevUpdate(false);
            return NextStep.CONTINUE;
        }, "test");
        Setup s = setup("", callouts);
        Dhcp6Packet r = s.send(request(8, fqdn(0x01, V6HOST))).orElseThrow();
        assertThat(seen).containsExactly("v6host.example.org. true true REPLY example.org");
        // S 0, N 1 and the callout's name, as Kea answers after a ddns6_update change.
        assertThat(HexFormat.of().formatHex(r.options().get(Option6Codes.CLIENT_FQDN).orElseThrow()))
                .isEqualTo("04" + "06686f6f6b6564" + "076578616d706c65" + "036e6574" + "00");
        IaAddress a = ias(r, IaType.NA).getFirst().addresses().getFirst();
        Lease6 lease = s.f().store.get(a.address()).orElseThrow();
        assertThat(lease.hostname()).isEqualTo("hooked.example.net.");
        assertThat(lease.fqdnFwd()).isTrue();
        assertThat(lease.fqdnRev()).isFalse();
        NameChangeRequest n = ncr();
        assertThat(n.fqdn()).isEqualTo("hooked.example.net.");
        assertThat(n.reverse()).isFalse();
    }

    @Test
    void reclaimingAnExpiredLeaseRemovesItsName() throws Exception {
        Setup s = setup("");
        Dhcp6Packet reply = s.send(request(10, fqdn(0x01, V6HOST))).orElseThrow();
        IaAddress a = ias(reply, IaType.NA).getFirst().addresses().getFirst();
        assertThat(ncr().type()).isEqualTo(ChangeType.ADD);
        ruru.dhcp.engine.LeaseCounters nas = new ruru.dhcp.engine.LeaseCounters(s.f().stats,
                ruru.dhcp.engine.LeaseCounters.Kind.V6_ADDRESSES);
        ruru.dhcp.engine.LeaseCounters pds = new ruru.dhcp.engine.LeaseCounters(s.f().stats,
                ruru.dhcp.engine.LeaseCounters.Kind.V6_PREFIXES);
        var reclaimer = new ruru.dhcp.engine.Reclaimer<>(new Reclaim6(Dhcp6Hooks.NONE, nas, pds, s.snap().ddns()),
                org.slf4j.LoggerFactory.getLogger("kea-dhcp6.alloc-engine"));
        assertThat(reclaimer.reclaim(s.f().store, s.f().now + 5000, 0, 0, false, 0)).isEqualTo(1);
        NameChangeRequest gone = ncr();
        assertThat(gone.type()).isEqualTo(ChangeType.REMOVE);
        assertThat(gone.fqdn()).isEqualTo("v6host.example.org.");
        Lease6 reclaimed = s.f().store.get(a.address()).orElseThrow();
        assertThat(reclaimed.fqdnFwd()).isFalse();
        assertThat(reclaimed.fqdnRev()).isFalse();
    }
}
