package ruru.dhcp6.service;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp6.service.Fixture6.duid;
import static ruru.dhcp6.service.Fixture6.ias;
import static ruru.dhcp6.service.Fixture6.ip;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.IaPrefix;
import ruru.wire.v6.IaType;

/**
 * {@code pd-allocator: random} with a PD hint's length, as Kea 3's source does it (kea-dhcp6 2.2
 * has no pd-allocator: it refuses the key as a syntax error, so Kea 3 is the only reference):
 * AllocEngine::allocateUnreservedLeases6 makes its passes (pools delegating the hinted length,
 * then shorter, then longer) whatever the allocator, and RandomAllocator::pickPrefixInternal picks
 * a pool at random among those of the pass the client may use, not the first configured.
 */
class RandomPdAllocator6Test {

    private static final String CONFIG = """
            { "preferred-lifetime": 300, "valid-lifetime": 600,
              "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "eth0", "pd-allocator": "random",
                  "pd-pools": [ { "prefix": "2001:db8:a000::", "prefix-len": 62, "delegated-len": 64 },
                                { "prefix": "2001:db8:b000::", "prefix-len": 59, "delegated-len": 60 },
                                { "prefix": "2001:db8:c000::", "prefix-len": 55, "delegated-len": 56 },
                                { "prefix": "2001:db8:d000::", "prefix-len": 59, "delegated-len": 60 } ] } ] }
            """;

    private final Fixture6 f;

    RandomPdAllocator6Test() throws Exception {
        f = new Fixture6(CONFIG);
    }

    /** The prefix a SOLICIT (or, {@code commit}, a REQUEST) of client {@code n} with a /{@code length} hint gets, or null. */
    private String delegate(int n, int length, boolean commit) throws Exception {
        Fixture6.Q q = new Fixture6.Q(commit ? Dhcp6MessageType.REQUEST : Dhcp6MessageType.SOLICIT).client(duid(n))
                .pd(n, new IaPrefix(0, 0, length, ip("::"), ruru.wire.v6.Dhcp6Options.empty()));
        if (commit) {
            q.server(Fixture6.SERVER);
        }
        Dhcp6Packet answer = f.send(q).orElseThrow();
        List<IaPrefix> got = ias(answer, IaType.PD).getFirst().prefixes();
        return got.isEmpty() ? null : got.getFirst().toPrefix().toString();
    }

    @Test
    void eachPassPicksAmongItsPoolsAtRandomThenTheNextPass() throws Exception {
        // advertised only (nothing written): both /60 pools are picked, never the /56 or /64 ones
        Set<String> pools = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String p = delegate(100 + i, 60, false);
            assertThat(p).endsWith("/60");
            pools.add(p.substring(0, "2001:db8:b".length()));
        }
        assertThat(pools).as("a pool at random, not the first one (2^-39 to fail by chance)")
                .containsExactlyInAnyOrder("2001:db8:b", "2001:db8:d");
        // the four /60s of the equal pass, in whatever order, before any other length
        List<String> got = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            got.add(delegate(n, 60, true));
        }
        assertThat(got).containsExactlyInAnyOrder("2001:db8:b000::/60", "2001:db8:b000:10::/60",
                "2001:db8:d000::/60", "2001:db8:d000:10::/60");
        // then the shorter pass (the /56s), then the longer one (the /64s), then nothing
        assertThat(List.of(delegate(5, 60, true), delegate(6, 60, true)))
                .containsExactlyInAnyOrder("2001:db8:c000::/56", "2001:db8:c000:100::/56");
        got.clear();
        for (int n = 7; n <= 10; n++) {
            got.add(delegate(n, 60, true));
        }
        assertThat(got).containsExactlyInAnyOrder("2001:db8:a000::/64", "2001:db8:a000:1::/64",
                "2001:db8:a000:2::/64", "2001:db8:a000:3::/64");
        assertThat(delegate(11, 60, true)).isNull();
        assertThat(f.stat("v6-allocation-fail")).isEqualTo(1);
    }
}
