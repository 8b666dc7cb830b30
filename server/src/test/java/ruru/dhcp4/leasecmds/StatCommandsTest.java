package ruru.dhcp4.leasecmds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ruru.control.Answer;

/** stat-lease4-get; texts recorded from Kea 2.2 with libdhcp_stat_cmds.so [OBS]. */
class StatCommandsTest {

    static final String COLUMNS = "\"columns\": [ \"subnet-id\", \"total-addresses\", \"cumulative-assigned-addresses\", "
            + "\"assigned-addresses\", \"declined-addresses\" ]";
    /** The fixed clock's instant, in its zone (UTC), to the microsecond. */
    static final String TIMESTAMP = "\"timestamp\": \"2026-11-21 12:00:00.123456\"";

    @TempDir
    Path tmp;
    TestContext ctx;

    @BeforeEach
    void setUp() throws Exception {
        ctx = new TestContext(tmp, tmp);
        ctx.send(LeaseAddGetTest.add("\"ip-address\":\"192.0.2.202\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\""));
        ctx.send(LeaseAddGetTest.add("\"ip-address\":\"192.0.2.20\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\""));
        ctx.send(LeaseAddGetTest.add("\"ip-address\":\"10.0.0.5\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\""));
        // expired-reclaimed counts in neither column; declined only in its own [OBS]
        ctx.send(LeaseAddGetTest.add("\"ip-address\":\"10.0.0.6\",\"hw-address\":\"1a:1b:1c:1d:1e:2f\",\"state\":2"));
        ctx.send(LeaseAddGetTest.add("\"ip-address\":\"10.0.0.9\",\"hw-address\":\"1a:1b:1c:1d:1e:3f\",\"state\":1"));
        ctx.stats.setValue("subnet[1].cumulative-assigned-addresses", 7L);
    }

    static String stat(String args) {
        return LeaseListTest.cmd("stat-lease4-get", args);
    }

    static String answer(String rows, String text) {
        return "{ \"arguments\": { \"result-set\": { " + COLUMNS + ", \"rows\": [ " + rows + " ], " + TIMESTAMP
                + " } }, \"result\": 0, \"text\": \"" + text + "\" }";
    }

    @Test
    void allSubnets() throws Exception {
        // total-addresses falls back to the pool sizes when the statistic is absent (91 and 10 [OBS])
        String rows = "[ 1, 91, 7, 2, 0 ], [ 2, 10, 0, 1, 1 ]";
        assertThat(ctx.wire(stat(null))).isEqualTo(answer(rows, "stat-lease4-get[all subnets]: 2 rows found"));
        assertThat(ctx.wire(stat("{}"))).isEqualTo(answer(rows, "stat-lease4-get[all subnets]: 2 rows found"));
    }

    @Test
    void oneSubnetReadsTotalFromTheStatistics() throws Exception {
        ctx.stats.setValue("subnet[1].total-addresses", 241L);
        assertThat(ctx.wire(stat("{\"subnet-id\":1}")))
                .isEqualTo(answer("[ 1, 241, 7, 2, 0 ]", "stat-lease4-get[subnet-id=1]: 1 rows found"));
        assertThat(ctx.wire(stat("{\"subnet-id\":99}"))).isEqualTo("{ \"arguments\": {  }, \"result\": 3, "
                + "\"text\": \"stat-lease4-get[subnet-id=99]: no matching data, subnet-id: 99 does not exist\" }");
    }

    @Test
    void range() throws Exception {
        assertThat(ctx.wire(stat("{\"subnet-range\":{\"first-subnet-id\":1,\"last-subnet-id\":2}}"))).isEqualTo(
                answer("[ 1, 91, 7, 2, 0 ], [ 2, 10, 0, 1, 1 ]", "stat-lease4-get[subnets 1 through 2]: 2 rows found"));
        assertThat(ctx.send(stat("{\"subnet-range\":{\"first-subnet-id\":2,\"last-subnet-id\":5}}")).text())
                .isEqualTo("stat-lease4-get[subnets 2 through 5]: 1 rows found");
        assertThat(ctx.wire(stat("{\"subnet-range\":{\"first-subnet-id\":3,\"last-subnet-id\":9}}")))
                .isEqualTo("{ \"arguments\": {  }, \"result\": 3, \"text\": \"stat-lease4-get[subnets 3 through 9]: "
                        + "no matching data, selected ID range: 3 through 9 includes no known subnets\" }");
    }

    @Test
    void noSubnetsConfigured() throws Exception {
        TestContext empty = new TestContext("{ }", tmp, tmp);
        assertThat(empty.wire(stat(null))).isEqualTo("{ \"arguments\": {  }, \"result\": 3, \"text\": "
                + "\"stat-lease4-get[all subnets]: no matching data, selected ID range: 0 through 0 includes no known subnets\" }");
    }

    @Test
    void errors() throws Exception {
        assertError(stat("{\"subnet-range\":{\"first-subnet-id\":2,\"last-subnet-id\":2}}"),
                "LeaseStatsQuery: last_subnet_id_must be > first_subnet_id_");
        assertError(stat("{\"subnet-range\":{\"first-subnet-id\":2,\"last-subnet-id\":1}}"),
                "'last-subnet-id' must be greater than 'first-subnet-id'");
        assertError(stat("{\"subnet-range\":{\"first-subnet-id\":1}}"), "'last-subnet-id' parameter missing or not an integer");
        assertError(stat("{\"subnet-range\":{\"last-subnet-id\":1}}"), "'first-subnet-id' parameter missing or not an integer");
        assertError(stat("{\"subnet-range\":{\"first-subnet-id\":0,\"last-subnet-id\":5}}"), "'first-subnet-id' parameter must be > 0");
        assertError(stat("{\"subnet-range\":5}"), "subnet-range parameter is not a map");
        assertError(stat("{\"subnet-id\":\"x\"}"), "'subnet-id' parameter is not integer");
        assertError(stat("{\"subnet-id\":0}"), "'subnet-id' parameter must be > 0");
        assertError(stat("{\"subnet-id\":-1}"), "'subnet-id' parameter must be > 0");
        assertError(stat("{\"subnet-id\":1,\"subnet-range\":{\"first-subnet-id\":1,\"last-subnet-id\":2}}"),
                "cannot specify both subnet-id and subnet-range");
        // Kea's order (kea-dhcp4 and kea-dhcp6 2.2 alike): subnet-id checked first, then "both", then the range
        assertError(stat("{\"subnet-id\":\"x\",\"subnet-range\":{\"first-subnet-id\":1,\"last-subnet-id\":3}}"),
                "'subnet-id' parameter is not integer");
        assertError(stat("{\"subnet-id\":0,\"subnet-range\":{\"first-subnet-id\":1,\"last-subnet-id\":3}}"),
                "'subnet-id' parameter must be > 0");
        assertError(stat("{\"subnet-id\":1,\"subnet-range\":3}"), "cannot specify both subnet-id and subnet-range");
        assertError(stat("{\"subnet-id\":1,\"subnet-range\":{\"first-subnet-id\":3,\"last-subnet-id\":3}}"),
                "cannot specify both subnet-id and subnet-range");
        assertError(stat("[1]"), "'arguments' parameter is not a map");
    }

    private void assertError(String command, String text) throws Exception {
        Answer a = ctx.send(command);
        assertThat(a.text()).isEqualTo(text);
        assertThat(a.result().value()).as(text).isEqualTo(1);
    }
}
