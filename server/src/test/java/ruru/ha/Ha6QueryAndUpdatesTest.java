package ruru.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import ruru.ha.v6.Dhcp6HaFamily;
import ruru.ha.v6.Ha6Query;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Dhcp6Options;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Option6Codes;

/**
 * What HA reads of a DHCPv6 query (the DUID as load-balancing key and client, elapsed time in
 * hundredths of a second, Kea's label and HA message types) and what it sends: one
 * lease6-bulk-apply per query, in Kea's form (CommandCreator::createLease6BulkApply).
 */
class Ha6QueryAndUpdatesTest {

    private static final byte[] DUID = HexFormat.of().parseHex("00030001026600000001");

    private static Dhcp6Packet packet(Dhcp6MessageType type, byte[] duid, int elapsed) {
        Dhcp6Options.Builder o = Dhcp6Options.builder();
        if (duid != null) {
            o.add(Option6Codes.CLIENTID, duid);
        }
        o.add(Option6Codes.ELAPSED_TIME, new byte[] {(byte) (elapsed >>> 8), (byte) elapsed});
        return new Dhcp6Packet(type, 0x1234, o.build());
    }

    @Test
    void theDuidIsTheKeyAndTheClient() {
        Ha6Query q = new Ha6Query(packet(Dhcp6MessageType.SOLICIT, DUID, 150));
        assertThat(q.loadBalanceKey()).isEqualTo(DUID);
        assertThat(q.clientKey()).isEqualTo(new Ha6Query(packet(Dhcp6MessageType.REQUEST, DUID, 0)).clientKey());
        assertThat(q.waitedMillis()).isEqualTo(1500);
        assertThat(q.label()).isEqualTo("duid=[00:03:00:01:02:66:00:00:00:01], tid=0x1234");
        assertThat(q.isHaType()).isTrue();
        assertThat(new Ha6Query(packet(Dhcp6MessageType.INFORMATION_REQUEST, DUID, 0)).isHaType()).isFalse();
        Ha6Query anonymous = new Ha6Query(packet(Dhcp6MessageType.SOLICIT, null, 0));
        assertThat(anonymous.loadBalanceKey()).isNull();
        assertThat(anonymous.clientKey()).isNull();
        assertThat(anonymous.label()).startsWith("duid=[no info]");
    }

    @Test
    void oneBulkApplyCarriesDeletedAndNewLeasesWithExpire() throws Exception {
        MapElement lease = (MapElement) Json.parse("{ \"cltt\": 1000, \"duid\": \"00:03:00:01\", \"fqdn-fwd\": false, "
                + "\"fqdn-rev\": false, \"hostname\": \"\", \"iaid\": 1, \"ip-address\": \"2001:db8:1::1:0\", "
                + "\"preferred-lft\": 3000, \"state\": 0, \"subnet-id\": 1, \"type\": \"IA_NA\", "
                + "\"valid-lft\": 3600 }", ParseOptions.string());
        Dhcp6HaFamily family = new Dhcp6HaFamily(l -> HaFamily.SyncOutcome.STALE);
        List<MapElement> commands = family.updateCommands(List.of(LeaseChange.delete(lease),
                LeaseChange.update(lease.with("ip-address", ruru.json.Element.of("2001:db8:1::1:1")))),
                HaFamily.PeerForm.KEA3);
        assertThat(commands).hasSize(1);
        assertThat(Json.toCompact(commands.get(0))).isEqualTo("{ \"arguments\": { \"deleted-leases\": [ { "
                + "\"duid\": \"00:03:00:01\", \"expire\": 4600, \"fqdn-fwd\": false, \"fqdn-rev\": false, "
                + "\"hostname\": \"\", \"iaid\": 1, \"ip-address\": \"2001:db8:1::1:0\", \"preferred-lft\": 3000, "
                + "\"state\": 0, \"subnet-id\": 1, \"type\": \"IA_NA\", \"valid-lft\": 3600 } ], \"leases\": [ { "
                + "\"duid\": \"00:03:00:01\", \"expire\": 4600, \"fqdn-fwd\": false, \"fqdn-rev\": false, "
                + "\"hostname\": \"\", \"iaid\": 1, \"ip-address\": \"2001:db8:1::1:1\", \"preferred-lft\": 3000, "
                + "\"state\": 0, \"subnet-id\": 1, \"type\": \"IA_NA\", \"valid-lft\": 3600 } ], "
                + "\"origin\": \"ha-partner\" }, \"command\": \"lease6-bulk-apply\", \"service\": [ \"dhcp6\" ] }");
        assertThat(family.updateCommands(List.of(), HaFamily.PeerForm.KEA3)).isEmpty();
        assertThat(family.pageCommand()).isEqualTo("lease6-get-page");
        assertThat(family.peerCommands()).contains("lease6-bulk-apply", "lease6-get-page", "ha-heartbeat")
                .doesNotContain("lease4-update");
    }

    /**
     * A lease released and kept for affinity: Kea 3 sends it in {@code leases} with state 3; a Kea
     * 2.2 partner refuses that (its lease_cmds text, observed on kea-dhcp6 2.2: the whole command
     * fails), so it gets the release as a deletion, its own form.
     */
    @Test
    void aReleasedLeaseGoesInLeasesWithState3OrToKea22AsADeletion() throws Exception {
        MapElement released = (MapElement) Json.parse("{ \"cltt\": 1000, \"duid\": \"00:03:00:01\", "
                + "\"fqdn-fwd\": false, \"fqdn-rev\": false, \"hostname\": \"\", \"iaid\": 1, "
                + "\"ip-address\": \"2001:db8:1::1:0\", \"preferred-lft\": 0, \"state\": 3, \"subnet-id\": 1, "
                + "\"type\": \"IA_NA\", \"valid-lft\": 3600 }", ParseOptions.string());
        Dhcp6HaFamily family = new Dhcp6HaFamily(l -> HaFamily.SyncOutcome.STALE);
        MapElement kea3 = (MapElement) family.updateCommands(List.of(LeaseChange.release(released)),
                HaFamily.PeerForm.KEA3).get(0).get("arguments");
        assertThat(Json.toCompact(kea3.get("deleted-leases"))).isEqualTo("[  ]");
        assertThat(Json.toCompact(kea3.get("leases"))).contains("\"ip-address\": \"2001:db8:1::1:0\"",
                "\"state\": 3", "\"expire\": 4600");
        MapElement kea22 = (MapElement) family.updateCommands(List.of(LeaseChange.release(released)),
                HaFamily.PeerForm.KEA22).get(0).get("arguments");
        assertThat(Json.toCompact(kea22.get("leases"))).isEqualTo("[  ]");
        assertThat(Json.toCompact(kea22.get("deleted-leases"))).contains("\"ip-address\": \"2001:db8:1::1:0\"",
                "\"state\": 0");
        assertThat(family.refusesKea3Form("Invalid state value: 3, supported values are: 0 (default), 1 (declined) "
                + "and 2 (expired-reclaimed) (error code 1)")).isTrue();
        assertThat(family.refusesKea3Form("Invalid state value: 4, supported values are: 0 (default), 1 (declined), "
                + "2 (expired-reclaimed) and 3 (released) (error code 1)")).isFalse();
    }
}
