package ruru.dhcp4.leasecmds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ruru.control.Answer;
import ruru.lease.LeaseState;
import ruru.lease.MemfileLease4Store;
import ruru.lease.MemfileSettings;
import ruru.wire.Ipv4Address;

/** lease4-update, -del, -wipe and -write, with the statistics callbacks each one makes. */
class LeaseChangeTest {

    @TempDir
    Path tmp;
    Path data;
    TestContext ctx;

    @BeforeEach
    void setUp() throws Exception {
        data = Files.createDirectory(tmp.resolve("data"));
        ctx = new TestContext(tmp, data);
        ctx.send(LeaseAddGetTest.FULL_ADD);
        ctx.send(LeaseAddGetTest.add("\"ip-address\":\"10.0.0.5\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\""));
        ctx.send(LeaseAddGetTest.add("\"ip-address\":\"10.0.0.6\",\"hw-address\":\"1a:1b:1c:1d:1e:2f\""));
        ctx.added.clear();
    }

    static String cmd(String name, String args) {
        return LeaseListTest.cmd(name, args);
    }

    @Test
    void updateReplacesTheWholeLease() throws Exception {
        assertThat(ctx.wire(cmd("lease4-update", "{\"ip-address\":\"10.0.0.5\",\"hw-address\":\"1a:1b:1c:1d:1e:4f\","
                + "\"hostname\":\"New.Name\",\"state\":1,\"expire\":100000,\"valid-lft\":100}")))
                .isEqualTo("{ \"result\": 0, \"text\": \"IPv4 lease updated.\" }");
        var l = ctx.store.get(Ipv4Address.parse("10.0.0.5")).orElseThrow();
        assertThat(l.hostname()).isEqualTo("new.name");
        assertThat(l.state()).isEqualTo(LeaseState.DECLINED);
        assertThat(l.cltt()).isEqualTo(99_900); // [OBS] expire 100000 - valid 100
        assertThat(ctx.updated).hasSize(1);
        assertThat(ctx.updated.get(0)[0].hwAddress().toString()).isEqualTo("1a:1b:1c:1d:1e:1f");
        assertThat(ctx.updated.get(0)[1]).isEqualTo(l);
        // [OBS] an update without user-context drops the context
        ctx.send(cmd("lease4-update", "{\"ip-address\":\"192.0.2.20\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\"}"));
        assertThat(ctx.store.get(Ipv4Address.parse("192.0.2.20")).orElseThrow().userContext()).isNull();
    }

    @Test
    void updateOfAMissingLease() throws Exception {
        // Kea 3 answers 4 (conflict); 2.2 [OBS] answered 1 with the same text
        assertThat(ctx.wire(cmd("lease4-update", "{\"ip-address\":\"10.0.0.50\",\"hw-address\":\"1a:1b:1c:1d:1e:4f\"}")))
                .isEqualTo("{ \"result\": 4, \"text\": \"failed to update the lease with address 10.0.0.50 either "
                        + "because the lease has been deleted or it has changed in the database, in both cases a retry "
                        + "might succeed\" }");
        assertThat(ctx.wire(cmd("lease4-update", "{\"ip-address\":\"10.0.0.50\",\"hw-address\":\"1a:1b:1c:1d:1e:4f\","
                + "\"force-create\":true}"))).isEqualTo("{ \"result\": 0, \"text\": \"IPv4 lease added.\" }");
        assertThat(ctx.added).extracting(l -> l.address().toString()).containsExactly("10.0.0.50");
        assertThat(ctx.updated).isEmpty();
    }

    @Test
    void updateErrors() throws Exception {
        assertError(cmd("lease4-update", "{\"ip-address\":\"10.0.0.51\",\"hw-address\":\"1a:1b:1c:1d:1e:4f\","
                + "\"force-create\":\"yes\"}"), "invalid type specified for parameter 'force-create'" + at(113));
        assertError(cmd("lease4-update", "{\"ip-address\":\"10.0.0.5\",\"hw-address\":\"1a:1b:1c:1d:1e:4f\",\"subnet-id\":1}"),
                "The address 10.0.0.5 does not belong to subnet 192.0.2.0/24, subnet-id=1");
        assertError(cmd("lease4-update", "{\"hw-address\":\"1a:1b:1c:1d:1e:4f\"}"),
                "missing parameter 'ip-address' (<wire>:0:40)");
        assertError(cmd("lease4-update", null), "no parameters specified for lease4-update command");
    }

    @Test
    void deleteByAddressAndIdentifier() throws Exception {
        String del = "{\"ip-address\":\"10.0.0.5\"}";
        assertThat(ctx.wire(cmd("lease4-del", del))).isEqualTo("{ \"result\": 0, \"text\": \"IPv4 lease deleted.\" }");
        assertThat(ctx.wire(cmd("lease4-del", del))).isEqualTo("{ \"result\": 3, \"text\": \"IPv4 lease not found.\" }");
        String byHw = "{\"identifier-type\":\"hw-address\",\"identifier\":\"1a:1b:1c:1d:1e:2f\",\"subnet-id\":2}";
        assertThat(ctx.send(cmd("lease4-del", byHw)).text()).isEqualTo("IPv4 lease deleted.");
        assertThat(ctx.send(cmd("lease4-del", byHw)).result().value()).isEqualTo(3);
        assertThat(ctx.send(cmd("lease4-del", "{\"identifier-type\":\"client-id\",\"identifier\":\"01:02:03:04\","
                + "\"subnet-id\":1,\"update-ddns\":true}")).text()).isEqualTo("IPv4 lease deleted.");
        assertThat(ctx.removed).extracting(l -> l.address().toString())
                .containsExactly("10.0.0.5", "10.0.0.6", "192.0.2.20");
        assertThat(ctx.store.size()).isZero();
    }

    @Test
    void deleteErrors() throws Exception {
        assertError(cmd("lease4-del", "{\"identifier-type\":\"duid\",\"identifier\":\"1a:1b\",\"subnet-id\":1}"),
                "Delete by duid is not allowed in v4.");
        assertError(cmd("lease4-del", "{}"), "Mandatory 'subnet-id' parameter missing.");
        assertError(cmd("lease4-del", null), "Parameters missing or are not a map.");
        assertError(cmd("lease4-del", "{\"ip-address\":\"foo\"}"), "Failed to convert string to address 'foo': Invalid argument");
        assertError(cmd("lease4-del", "{\"ip-address\":5}"), "'ip-address' is not a string.");
        assertError(cmd("lease4-del", "{\"ip-address\":\"10.0.0.5\",\"update-ddns\":5}"), "'update-ddns' is not a boolean");
        assertThat(ctx.removed).isEmpty();
    }

    @Test
    void wipeOneSubnetThenAll() throws Exception {
        assertThat(ctx.wire(cmd("lease4-wipe", "{\"subnet-id\":9}")))
                .isEqualTo("{ \"result\": 3, \"text\": \"Deleted 0 IPv4 lease(s) from subnet(s) 9\" }");
        assertThat(ctx.wire(cmd("lease4-wipe", "{\"subnet-id\":1}")))
                .isEqualTo("{ \"result\": 0, \"text\": \"Deleted 1 IPv4 lease(s) from subnet(s) 1\" }");
        assertThat(ctx.store.bySubnet(2)).hasSize(2);
        ctx.send(LeaseAddGetTest.add("\"ip-address\":\"192.0.2.30\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\""));
        assertThat(ctx.wire(cmd("lease4-wipe", null)))
                .isEqualTo("{ \"result\": 0, \"text\": \"Deleted 3 IPv4 lease(s) from subnet(s) 1 2\" }");
        assertThat(ctx.wire(cmd("lease4-wipe", "{\"subnet-id\":0}")))
                .isEqualTo("{ \"result\": 3, \"text\": \"Deleted 0 IPv4 lease(s) from subnet(s) 1 2\" }");
        assertThat(ctx.removed).hasSize(4);
        assertThat(ctx.store.size()).isZero();
        assertError(cmd("lease4-wipe", "{\"subnet-id\":\"x\"}"), "invalid type specified for parameter 'subnet-id'" + at(50));
        assertError(cmd("lease4-wipe", "{\"subnet-id\":-1}"), "out of range value (-1) specified for parameter 'subnet-id'" + at(50));
        assertError(cmd("lease4-wipe", "[1]"), "contains(string) called on a non-map Element in (<wire>:0:38)");
    }

    @Test
    void writeDumpsAKeaCsvThatReloads() throws Exception {
        Answer a = ctx.send(cmd("lease4-write", "{\"filename\":\"dump.csv\"}"));
        assertThat(a.text()).isEqualTo("IPv4 lease database into 'dump.csv'.");
        assertThat(a.isSuccess()).isTrue();
        Path dump = data.resolve("dump.csv");
        assertThat(Files.readAllLines(dump).get(0))
                .isEqualTo("address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context,pool_id");
        try (MemfileLease4Store reloaded = MemfileLease4Store.open(new MemfileSettings(dump, true, 0, 0), ctx.clock)) {
            assertThat(reloaded.all()).isEqualTo(ctx.store.all());
        }
        // an absolute name directly inside the data directory is fine too
        assertThat(ctx.send(cmd("lease4-write", "{\"filename\":\"" + data.resolve("b.csv") + "\"}")).isSuccess()).isTrue();
    }

    @Test
    void writeRefusesPathsOutsideTheDataDirectory() throws Exception {
        assertError(cmd("lease4-write", "{\"filename\":\"" + tmp.resolve("x.csv") + "\"}"),
                "invalid path specified: '" + tmp + "', supported path is '" + data + "'");
        assertError(cmd("lease4-write", "{\"filename\":\"../escape.csv\"}"),
                "invalid path specified: '" + tmp + "', supported path is '" + data + "'");
        assertError(cmd("lease4-write", "{\"filename\":\"sub/x.csv\"}"),
                "invalid path specified: '" + data.resolve("sub") + "', supported path is '" + data + "'");
        assertThat(tmp.resolve("x.csv")).doesNotExist();
        assertThat(tmp.resolve("escape.csv")).doesNotExist();
        assertError(cmd("lease4-write", null), "no parameters specified for the command");
        assertError(cmd("lease4-write", "{}"), "'filename' parameter not specified");
        assertError(cmd("lease4-write", "{\"filename\":5}"), "'filename' parameter must be a string");
        assertError(cmd("lease4-write", "{\"filename\":\"\"}"), "'filename' parameter is empty");
    }

    @Test
    void everyLeaseCommandOfKeaIsOffered() throws Exception {
        assertThat(LeaseCommands.handlers(ctx).keySet()).containsExactlyInAnyOrder("lease4-add", "lease4-get",
                "lease4-get-all", "lease4-get-page", "lease4-get-by-hw-address", "lease4-get-by-client-id",
                "lease4-get-by-hostname", "lease4-del", "lease4-update", "lease4-wipe", "lease4-write",
                "lease4-resend-ddns");
    }

    /** A scalar value's position as Kea 2.2 printed it [OBS]. */
    static String at(int keaColumn) {
        return LeaseAddGetTest.at(keaColumn);
    }

    private void assertError(String command, String text) throws Exception {
        Answer a = ctx.send(command);
        assertThat(a.text()).isEqualTo(text);
        assertThat(a.result().value()).as(text).isEqualTo(1);
    }
}
