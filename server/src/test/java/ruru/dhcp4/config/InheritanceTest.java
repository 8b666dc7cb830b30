package ruru.dhcp4.config;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp4.config.KeaVerdictsTest.q;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import ruru.daemon.config.PathPolicy;
import ruru.wire.Ipv4Address;
import ruru.dhcp.config.Lifetime;
import ruru.dhcp.config.ExpiredLeasesProcessing;
import ruru.dhcp.config.LeaseDatabase;
import ruru.dhcp.config.Allocator;
import ruru.dhcp.config.HostIdentifierType;

/** Global -> shared network -> subnet resolution and the defaults Kea 2.2 fills in. */
class InheritanceTest {

    static Ipv4Address ip(String s) throws Exception {
        return Ipv4Address.parse(s);
    }

    @Test
    void defaultsAreKeas() throws Exception {
        Dhcp4ServiceConfig c = Configs.parseBare(q("`subnet4`:[{`id`:1,`subnet`:`192.0.2.0/24`}]"));
        Subnet4 s = c.subnetById(1).orElseThrow();
        assertThat(s.validLifetime()).isEqualTo(new Lifetime(7200, 7200, 7200));
        assertThat(s.renewTimer()).isEmpty();
        assertThat(s.rebindTimer()).isEmpty();
        assertThat(s.calculateTeeTimes()).isFalse();
        assertThat(s.t1Percent()).isEqualTo(0.5);
        assertThat(s.t2Percent()).isEqualTo(0.875);
        assertThat(s.matchClientId()).isTrue();
        assertThat(s.authoritative()).isFalse();
        assertThat(List.of(s.reservationsGlobal(), s.reservationsInSubnet(), s.reservationsOutOfPool()))
                .containsExactly(false, true, false);
        assertThat(s.nextServer()).isEqualTo(Ipv4Address.ANY);
        assertThat(s.serverHostname()).isEmpty();
        assertThat(s.bootFileName()).isEmpty();
        assertThat(s.allocator()).isEqualTo(Allocator.ITERATIVE);
        assertThat(s.cacheThreshold()).isEmpty();
        assertThat(s.cacheMaxAge()).isEmpty();
        assertThat(s.interfaceName()).isEmpty();
        assertThat(s.sharedNetworkName()).isEmpty();
        assertThat(s.totalAddresses()).isZero();

        assertThat(c.declineProbationPeriod()).isEqualTo(86400);
        assertThat(c.echoClientId()).isTrue();
        assertThat(c.defaultAllocator()).isEqualTo(Allocator.ITERATIVE);
        assertThat(c.hostIdentifiers()).containsExactly(HostIdentifierType.HW_ADDRESS, HostIdentifierType.DUID,
                HostIdentifierType.CIRCUIT_ID, HostIdentifierType.CLIENT_ID);
        assertThat(c.interfaces()).isEqualTo(InterfacesConfig.defaults());
        assertThat(c.interfaces().socketType()).isEqualTo(InterfacesConfig.SocketType.RAW);
        assertThat(c.expiredLeases()).isEqualTo(new ExpiredLeasesProcessing(10, 25, 3600, 100, 250, 5));
        // No lease-database at all: memfile, persistent, Kea's file in the data directory.
        assertThat(c.leaseDatabase()).isEqualTo(new LeaseDatabase("memfile", true,
                Optional.of(Path.of("/var/lib/kea/kea-leases4.csv")), 3600, 0));
    }

    @Test
    void leaseFileNamesResolveThroughThePathPolicy(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        PathPolicy checked = new PathPolicy(dir, Map.of("KEA_DHCP_DATA_DIR", dir.resolve("data").toString()), false);
        var relative = Configs.bare(q("`lease-database`:{`type`:`memfile`,`name`:`leases.csv`,`lfc-interval`:0,`max-row-errors`:7}"));
        LeaseDatabase db = Dhcp4ServiceConfigParser.parse(relative, checked, ruru.testing.StandInInterfaces.ALL).leaseDatabase();
        assertThat(db.file()).as("a bare name lands in the data directory").contains(dir.resolve("data/leases.csv"));
        assertThat(db.lfcInterval()).isZero();
        assertThat(db.maxRowErrors()).isEqualTo(7);
        var absent = Configs.bare(q("`lease-database`:{`type`:`memfile`}"));
        assertThat(Dhcp4ServiceConfigParser.parse(absent, checked, ruru.testing.StandInInterfaces.ALL).leaseDatabase().file())
                .contains(dir.resolve("data/kea-leases4.csv"));
        var outside = Configs.bare(q("`lease-database`:{`type`:`memfile`,`name`:`/etc/leases.csv`}"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Dhcp4ServiceConfigParser.parse(outside, checked, ruru.testing.StandInInterfaces.ALL))
                .hasMessageContaining("'name' is invalid: invalid path specified: '/etc', supported path is '"
                        + dir.resolve("data") + "'")
                .hasMessageEndingWith("(t.json:2:43)");
        var volatileDb = Configs.bare(q("`lease-database`:{`type`:`memfile`,`persist`:false,`name`:`/etc/x`}"));
        assertThat(Dhcp4ServiceConfigParser.parse(volatileDb, checked, ruru.testing.StandInInterfaces.ALL).leaseDatabase().file()).isEmpty();
    }

    @Test
    void everyInheritableKeyFlowsGlobalToNetworkToSubnet() throws Exception {
        String global = "`valid-lifetime`:1000,`min-valid-lifetime`:500,`renew-timer`:100,`rebind-timer`:200,"
                + "`calculate-tee-times`:true,`t1-percent`:0.4,`t2-percent`:0.7,`match-client-id`:false,"
                + "`authoritative`:true,`reservations-global`:true,`reservations-in-subnet`:false,"
                + "`reservations-out-of-pool`:true,`next-server`:`10.0.0.1`,`server-hostname`:`g`,"
                + "`boot-file-name`:`g.bin`,`allocator`:`random`,`cache-threshold`:0.25,`cache-max-age`:60,";
        String network = "`name`:`net`,`valid-lifetime`:2000,`max-valid-lifetime`:3000,`renew-timer`:150,"
                + "`t1-percent`:0.5,`authoritative`:false,`next-server`:`10.0.0.2`,`interface`:`eth0`,"
                + "`relay`:{`ip-addresses`:[`10.9.9.9`]},`cache-max-age`:90,";
        String subnetA = "{`id`:1,`subnet`:`192.0.2.0/24`,`renew-timer`:180,`server-hostname`:`a`,`allocator`:`iterative`}";
        String subnetB = "{`id`:2,`subnet`:`192.0.3.0/24`,`relay`:{`ip-address`:`10.8.8.8`},`valid-lifetime`:2500}";
        String plain = "`subnet4`:[{`id`:3,`subnet`:`192.0.4.0/24`}]";
        Dhcp4ServiceConfig c = Configs.parseBare(q(global + "`shared-networks`:[{" + network + "`subnet4`:["
                + subnetA + "," + subnetB + "]}]," + plain));

        Subnet4 a = c.subnetById(1).orElseThrow();
        Subnet4 b = c.subnetById(2).orElseThrow();
        Subnet4 p = c.subnetById(3).orElseThrow();
        // key                      subnet A (own / network / global)        subnet B            plain subnet (global)
        assertThat(a.validLifetime()).isEqualTo(new Lifetime(500, 2000, 3000));
        assertThat(b.validLifetime()).isEqualTo(new Lifetime(500, 2500, 3000));
        assertThat(p.validLifetime()).isEqualTo(new Lifetime(500, 1000, 1000));
        assertThat(List.of(a.renewTimer(), b.renewTimer(), p.renewTimer()))
                .containsExactly(OptionalLong.of(180), OptionalLong.of(150), OptionalLong.of(100));
        assertThat(List.of(a.rebindTimer(), b.rebindTimer(), p.rebindTimer())).containsOnly(OptionalLong.of(200));
        assertThat(List.of(a.calculateTeeTimes(), p.calculateTeeTimes())).containsOnly(true);
        assertThat(List.of(a.t1Percent(), p.t1Percent())).containsExactly(0.5, 0.4);
        assertThat(a.t2Percent()).isEqualTo(0.7);
        assertThat(List.of(a.matchClientId(), p.matchClientId())).containsOnly(false);
        assertThat(List.of(a.authoritative(), p.authoritative())).containsExactly(false, true);
        assertThat(List.of(a.reservationsGlobal(), a.reservationsInSubnet(), a.reservationsOutOfPool()))
                .containsExactly(true, false, true);
        assertThat(List.of(a.nextServer(), p.nextServer())).containsExactly(ip("10.0.0.2"), ip("10.0.0.1"));
        assertThat(List.of(a.serverHostname(), b.serverHostname())).containsExactly("a", "g");
        assertThat(b.bootFileName()).isEqualTo("g.bin");
        assertThat(List.of(a.allocator(), b.allocator())).containsExactly(Allocator.ITERATIVE, Allocator.RANDOM);
        assertThat(c.defaultAllocator()).isEqualTo(Allocator.RANDOM);
        assertThat(a.cacheThreshold()).isEqualTo(OptionalDouble.of(0.25));
        assertThat(List.of(a.cacheMaxAge(), p.cacheMaxAge())).containsExactly(OptionalLong.of(90), OptionalLong.of(60));
        // interface and relay come from the shared network only; a subnet's own relay replaces it.
        assertThat(List.of(a.interfaceName(), p.interfaceName())).containsExactly(Optional.of("eth0"), Optional.empty());
        assertThat(a.relayAddresses()).containsExactly(ip("10.9.9.9"));
        assertThat(b.relayAddresses()).containsExactly(ip("10.8.8.8"));
        assertThat(p.relayAddresses()).isEmpty();
        assertThat(List.of(a.sharedNetworkName(), p.sharedNetworkName()))
                .containsExactly(Optional.of("net"), Optional.empty());
        SharedNetwork4 net = c.sharedNetwork("net").orElseThrow();
        assertThat(net.subnetIds()).containsExactly(1L, 2L);
        assertThat(net.interfaceName()).contains("eth0");
        assertThat(net.relayAddresses()).containsExactly(ip("10.9.9.9"));
    }

    @Test
    void subnetsWithoutIdAreNumberedAsKea22DoesAndListedById() throws Exception {
        Dhcp4ServiceConfig c = Configs.parseBare(q("`subnet4`:[{`id`:7,`subnet`:`10.0.7.0/24`},"
                + "{`subnet`:`10.0.1.0/24`},{`id`:0,`subnet`:`10.0.2.0/24`}]"));
        assertThat(c.subnets()).extracting(Subnet4::id).containsExactly(1L, 2L, 7L);
        assertThat(c.subnets()).extracting(Subnet4::prefixText).containsExactly("10.0.1.0/24", "10.0.2.0/24", "10.0.7.0/24");
    }

    @Test
    void poolsAndTotals() throws Exception {
        Dhcp4ServiceConfig c = Configs.parseBare(q("`subnet4`:[{`id`:1,`subnet`:`192.0.2.5/24`,`pools`:["
                + "{`pool`:`192.0.2.10-192.0.2.19`,`pool-id`:4},{`pool`:` 192.0.2.65/26 `},{`pool`:`192.0.2.200 - 192.0.2.200`}]}]"));
        Subnet4 s = c.subnetById(1).orElseThrow();
        // Kea keeps a non-network prefix as written; membership masks it.
        assertThat(s.prefixText()).isEqualTo("192.0.2.5/24");
        assertThat(s.network()).isEqualTo(ip("192.0.2.0"));
        assertThat(s.contains(ip("192.0.2.255"))).isTrue();
        assertThat(s.contains(ip("192.0.3.0"))).isFalse();
        assertThat(s.pools()).extracting(Pool4::rangeText)
                .containsExactly("192.0.2.10-192.0.2.19", "192.0.2.64-192.0.2.127", "192.0.2.200-192.0.2.200");
        assertThat(s.pools()).extracting(Pool4::poolId).containsExactly(4L, 0L, 0L);
        assertThat(s.totalAddresses()).isEqualTo(10 + 64 + 1);
        assertThat(s.poolOf(ip("192.0.2.100")).map(Pool4::poolId)).contains(0L);
        assertThat(s.poolOf(ip("192.0.2.150"))).isEmpty();
    }

    @Test
    void lifetimeDerivation() throws Exception {
        // Only one bound given: the other is the default (Kea's triplet rules).
        assertThat(lifetimeOf("`valid-lifetime`:100,`max-valid-lifetime`:300")).isEqualTo(new Lifetime(100, 100, 300));
        assertThat(lifetimeOf("`valid-lifetime`:100,`min-valid-lifetime`:50")).isEqualTo(new Lifetime(50, 100, 100));
        assertThat(lifetimeOf("`valid-lifetime`:100,`min-valid-lifetime`:100,`max-valid-lifetime`:100"))
                .isEqualTo(new Lifetime(100, 100, 100));
        assertThat(lifetimeOf("`min-valid-lifetime`:5000,`max-valid-lifetime`:9000")).isEqualTo(new Lifetime(5000, 7200, 9000));
        assertThat(new Lifetime(50, 100, 300).grant(0)).isEqualTo(100);
        assertThat(new Lifetime(50, 100, 300).grant(10)).isEqualTo(50);
        assertThat(new Lifetime(50, 100, 300).grant(1000)).isEqualTo(300);
    }

    private static Lifetime lifetimeOf(String subnetKeys) throws Exception {
        return Configs.parseBare(q("`subnet4`:[{`id`:1,`subnet`:`10.0.0.0/8`," + subnetKeys + "}]"))
                .subnetById(1).orElseThrow().validLifetime();
    }

    @Test
    void keaAcceptsTheseAndSoDoesRuru() throws Exception {
        // Each was accepted by kea-dhcp4 -t (2.2): equal timers, timers above the lifetime, percents
        // out of range while calculate-tee-times is off, an empty interface name, id 0.
        for (String body : List.of(
                Configs.subnet("`valid-lifetime`:1000,`renew-timer`:300,`rebind-timer`:300"),
                Configs.subnet("`valid-lifetime`:1000,`renew-timer`:1300"),
                Configs.subnet("`t1-percent`:5.0,`t2-percent`:0.0"),
                Configs.subnet("`interface`:``"),
                "`subnet4`:[{`id`:0,`subnet`:`0.0.0.0/0`}]",
                "`subnet4`:[{`id`:1,`subnet`:`10.0.0.1/32`}]",
                Configs.subnet("`reservations`:[{`hw-address`:`aabbccddeeff`,`hostname`:`x`},"
                        + "{`hw-address`:`a:b:c:d:e:f`,`hostname`:`y`},{`client-id`:`'abc'`,`hostname`:`z`},"
                        + "{`duid`:`01:02:03`,`ip-address`:`192.0.2.255`},{`hw-address`:`01:02`,`ip-address`:`192.0.2.5`},"
                        + "{`client-id`:`01:02`,`ip-address`:`192.0.2.6`}]"),
                "`host-reservation-identifiers`:[`flex-id`]",
                "`expired-leases-processing`:{`reclaim-timer-wait-time`:0,`hold-reclaimed-time`:100000}")) {
            Configs.parse(q(body));
        }
    }
}
