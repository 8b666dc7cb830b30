package ruru.dhcp4.service;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp4.service.ServiceFixture.ip;

import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ruru.lease.Lease4;
import ruru.net.Received4;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.OptionCodes;

/**
 * BOOTP as kea-dhcp4 2.2 answers it with libdhcp_bootp.so (observed: a relayed BOOTREQUEST with
 * the magic cookie and no option 53 got yiaddr from the pool, the BOOTP class's file, options 1, 3
 * and 15 only, a 300-byte reply, and a lease "allocated for infinity seconds"; without the cookie,
 * no reply).
 */
class BootpTest {

    static final String CONFIG = """
            {
              "client-classes": [ { "name": "BOOTP", "boot-file-name": "bootp.img" }, { "name": "lab" },
                                  { "name": "bootp-request", "test": "member('BOOTP') and pkt4.msgtype == 3",
                                    "option-data": [ { "name": "domain-name-servers", "data": "10.9.9.9" } ] } ],
              "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.50-192.0.2.60" } ],
                "reservations": [ { "hw-address": "0a:0b:0c:0d:0e:01", "client-classes": [ "lab" ] } ],
                "option-data": [ { "name": "routers", "data": "192.0.2.1" },
                                 { "name": "domain-name", "data": "x.example" } ] } ]
            }
            """;

    private final HookFixture f = new HookFixture(CONFIG);

    BootpTest() throws Exception {
    }

    private static Dhcp4Packet.Builder bootRequest() {
        return Dhcp4Packet.builder().op(1).htype(1).hlen(6).xid(0x11223344)
                .chaddr(new HardwareAddress(1, HexFormat.of().parseHex("0a0b0c0d0e0f")))
                .options(Dhcp4Options.empty());
    }

    private Optional<byte[]> answer(Dhcp4Packet q) {
        byte[] bytes = q.encode();
        Received4 rx = new Received4(bytes, bytes.length, ServiceFixture.ETH0, Ipv4Address.ANY, 68,
                Ipv4Address.BROADCAST, true);
        return f.processor.process(rx, f.snap).map(a -> f.processor.finish(a, f.snap).bytes());
    }

    @Test
    void bootpQueriesAreAnsweredOnlyWithTheLibrary() throws Exception {
        assertThat(answer(bootRequest().build())).isEmpty();
        f.hooks.bootp(true);
        byte[] wire = answer(bootRequest().build()).orElseThrow();
        assertThat(wire).hasSize(300);
        Dhcp4Packet r = Dhcp4Packet.decode(wire);
        assertThat(r.op()).isEqualTo(2);
        assertThat(r.yiaddr()).isEqualTo(ip("192.0.2.50"));
        assertThat(r.bootFileName()).isEqualTo("bootp.img");
        // The class whose test needs BOOTP and a DHCPREQUEST matched (its tests run after the library's work).
        assertThat(r.options().codes()).containsExactlyInAnyOrder(OptionCodes.SUBNET_MASK, OptionCodes.ROUTERS,
                OptionCodes.DOMAIN_NAME, OptionCodes.DOMAIN_NAME_SERVERS);
        assertThat(r.options().address(OptionCodes.DOMAIN_NAME_SERVERS)).contains(ip("10.9.9.9"));
        Lease4 lease = f.leases.get(ip("192.0.2.50")).orElseThrow();
        assertThat(lease.validLifetime()).isEqualTo(Lease4.INFINITE_LIFETIME);
        // The same client asks again: the same address.
        assertThat(Dhcp4Packet.decode(answer(bootRequest().build()).orElseThrow()).yiaddr())
                .isEqualTo(ip("192.0.2.50"));
    }

    @Test
    void aReservedBootpClientKeepsItsBootpClass() throws Exception {
        f.hooks.bootp(true);
        Dhcp4Packet q = bootRequest().chaddr(new HardwareAddress(1, HexFormat.of().parseHex("0a0b0c0d0e01"))).build();
        Dhcp4Packet r = Dhcp4Packet.decode(answer(q).orElseThrow());
        assertThat(r.bootFileName()).isEqualTo("bootp.img");
        assertThat(f.leases.get(r.yiaddr()).orElseThrow().validLifetime()).isEqualTo(Lease4.INFINITE_LIFETIME);
    }

    @Test
    void aBootpPacketWithoutTheMagicCookieIsNotAnswered() {
        f.hooks.bootp(true);
        assertThat(answer(bootRequest().bootp(true).build())).isEmpty();
    }
}
