package ruru.dhcp4.leasecmds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ruru.control.Answer;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/** lease4-get-all, -get-page and -get-by-*: texts and codes as Kea 2.2 answered them [OBS]. */
class LeaseListTest {

    @TempDir
    Path tmp;
    TestContext ctx;

    @BeforeEach
    void setUp() throws Exception {
        ctx = new TestContext(tmp, tmp);
        ctx.send(LeaseAddGetTest.add("\"ip-address\":\"192.0.2.202\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\""));
        ctx.send(LeaseAddGetTest.FULL_ADD);
        ctx.send(LeaseAddGetTest.add("\"ip-address\":\"10.0.0.5\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\""));
        ctx.send(LeaseAddGetTest.add("\"ip-address\":\"10.0.0.6\",\"hw-address\":\"1a:1b:1c:1d:1e:2f\",\"state\":2,"
                + "\"hostname\":\"UPPER.example.\""));
    }

    static String cmd(String name, String args) {
        return "{\"command\":\"" + name + "\"" + (args == null ? "" : ",\"arguments\":" + args) + "}";
    }

    static List<String> addresses(Answer a) {
        ListElement leases = (ListElement) ((MapElement) a.arguments()).get("leases");
        return leases.items().stream()
                .map(e -> ((StringElement) ((MapElement) e).get("ip-address")).value()).toList();
    }

    @Test
    void getAllOrdersByAddress() throws Exception {
        Answer all = ctx.send(cmd("lease4-get-all", null));
        assertThat(all.text()).isEqualTo("4 IPv4 lease(s) found.");
        assertThat(addresses(all)).containsExactly("10.0.0.5", "10.0.0.6", "192.0.2.20", "192.0.2.202");
        // [OBS] the second lease of subnet 2, exactly
        assertThat(ctx.wire(cmd("lease4-get-all", "{\"subnets\":[2]}"))).isEqualTo("{ \"arguments\": { \"leases\": [ "
                + "{ \"cltt\": " + TestContext.NOW + ", \"fqdn-fwd\": false, \"fqdn-rev\": false, \"hostname\": \"\", "
                + "\"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"ip-address\": \"10.0.0.5\", \"state\": 0, \"subnet-id\": 2, "
                + "\"valid-lft\": 7200 }, { \"cltt\": " + TestContext.NOW + ", \"fqdn-fwd\": false, \"fqdn-rev\": false, "
                + "\"hostname\": \"upper.example.\", \"hw-address\": \"1a:1b:1c:1d:1e:2f\", \"ip-address\": \"10.0.0.6\", "
                + "\"state\": 2, \"subnet-id\": 2, \"valid-lft\": 7200 } ] }, \"result\": 0, "
                + "\"text\": \"2 IPv4 lease(s) found.\" }");
        assertThat(addresses(ctx.send(cmd("lease4-get-all", "{\"subnets\":[2,1]}"))))
                .containsExactly("10.0.0.5", "10.0.0.6", "192.0.2.20", "192.0.2.202");
        assertThat(ctx.wire(cmd("lease4-get-all", "{\"subnets\":[5]}")))
                .isEqualTo("{ \"arguments\": { \"leases\": [  ] }, \"result\": 3, \"text\": \"0 IPv4 lease(s) found.\" }");
        assertThat(ctx.send(cmd("lease4-get-all", "{\"subnets\":[]}")).result().value()).isEqualTo(3);
    }

    @Test
    void getAllErrors() throws Exception {
        assertError(cmd("lease4-get-all", "{\"subnets\":5}"), "'subnets' parameter must be a list");
        assertError(cmd("lease4-get-all", "{\"subnets\":[\"x\"]}"), "listed subnet identifiers must be numbers");
        assertError(cmd("lease4-get-all", "{}"), "'subnets' parameter not specified");
        assertError(cmd("lease4-get-all", "[1]"), "get(string) called on a non-map Element in (<wire>:0:41)");
    }

    @Test
    void getAllOnAnEmptyStoreIsEmpty() throws Exception {
        TestContext empty = new TestContext(tmp, tmp);
        assertThat(empty.wire(cmd("lease4-get-all", null)))
                .isEqualTo("{ \"arguments\": { \"leases\": [  ] }, \"result\": 3, \"text\": \"0 IPv4 lease(s) found.\" }");
    }

    @Test
    void pagesWalkTheStoreInAddressOrder() throws Exception {
        Answer first = ctx.send(cmd("lease4-get-page", "{\"from\":\"start\",\"limit\":2}"));
        assertThat(first.text()).isEqualTo("2 IPv4 lease(s) found.");
        assertThat(((MapElement) first.arguments()).get("count").asLong()).contains(2L);
        assertThat(addresses(first)).containsExactly("10.0.0.5", "10.0.0.6");
        // the page excludes the 'from' lease itself [OBS]
        Answer second = ctx.send(cmd("lease4-get-page", "{\"from\":\"10.0.0.6\",\"limit\":2}"));
        assertThat(addresses(second)).containsExactly("192.0.2.20", "192.0.2.202");
        Answer third = ctx.send(cmd("lease4-get-page", "{\"from\":\"192.0.2.202\",\"limit\":2}"));
        assertThat(Json(third)).isEqualTo(
                "{ \"arguments\": { \"count\": 0, \"leases\": [  ] }, \"result\": 3, \"text\": \"0 IPv4 lease(s) found.\" }");
        assertThat(addresses(ctx.send(cmd("lease4-get-page", "{\"from\":\"10.0.0.200\",\"limit\":1}"))))
                .containsExactly("192.0.2.20");
    }

    private static String Json(Answer a) {
        return ruru.json.Json.toCompact(a.toElement());
    }

    @Test
    void pageErrors() throws Exception {
        assertError(cmd("lease4-get-page", "{\"from\":\"start\",\"limit\":0}"), "page size of retrieved leases must not be 0");
        assertError(cmd("lease4-get-page", "{\"from\":\"start\"}"), "'limit' parameter not specified");
        assertError(cmd("lease4-get-page", "{\"limit\":2}"), "'from' parameter not specified");
        assertError(cmd("lease4-get-page", "{\"from\":\"foo\",\"limit\":2}"),
                "'from' parameter value is neither 'start' keyword nor a valid IPv4 address");
        assertError(cmd("lease4-get-page", "{\"from\":5,\"limit\":2}"), "'from' parameter must be a string");
        assertError(cmd("lease4-get-page", "{\"from\":\"start\",\"limit\":\"2\"}"), "'limit' parameter must be a number");
        assertError(cmd("lease4-get-page", "{\"from\":\"start\",\"limit\":-1}"),
                "page size of retrieved leases must not be greater than 4294967295");
        assertError(cmd("lease4-get-page", "{\"from\":\"start\",\"limit\":4294967296}"),
                "page size of retrieved leases must not be greater than 4294967295");
        assertError(cmd("lease4-get-page", "{\"from\":\"2001:db8::1\",\"limit\":2}"),
                "'from' parameter value 2001:db8::1 is not an IPv4 address");
        assertError(cmd("lease4-get-page", null), "no parameters specified for the lease4-get-page command");
        assertError(cmd("lease4-get-page", "[1]"), "get(string) called on a non-map Element in (<wire>:0:42)");
    }

    @Test
    void byHwAddressClientIdAndHostname() throws Exception {
        Answer hw = ctx.send(cmd("lease4-get-by-hw-address", "{\"hw-address\":\"1a:1b:1c:1d:1e:1f\"}"));
        assertThat(hw.text()).isEqualTo("3 IPv4 lease(s) found.");
        assertThat(addresses(hw)).containsExactlyInAnyOrder("192.0.2.202", "192.0.2.20", "10.0.0.5");
        assertThat(ctx.wire(cmd("lease4-get-by-hw-address", "{\"hw-address\":\"1a:1b:1c:1d:1e:00\"}")))
                .isEqualTo("{ \"arguments\": { \"leases\": [  ] }, \"result\": 3, \"text\": \"0 IPv4 lease(s) found.\" }");
        assertThat(ctx.send(cmd("lease4-get-by-hw-address", "{\"hw-address\":\"\"}")).result().value()).isEqualTo(3);

        assertThat(ctx.wire(cmd("lease4-get-by-client-id", "{\"client-id\":\"01:02:03:04\"}"))).isEqualTo(
                "{ \"arguments\": { \"leases\": [ " + LeaseAddGetTest.FULL_LEASE
                        + " ] }, \"result\": 0, \"text\": \"1 IPv4 lease(s) found.\" }");
        assertThat(ctx.send(cmd("lease4-get-by-client-id", "{\"client-id\":\"01:02:03:05\"}")).result().value()).isEqualTo(3);

        // the name is lower-cased before the lookup, as stored names are [OBS]
        assertThat(addresses(ctx.send(cmd("lease4-get-by-hostname", "{\"hostname\":\"Host.Example.org.\"}"))))
                .containsExactly("192.0.2.20");
        assertThat(addresses(ctx.send(cmd("lease4-get-by-hostname", "{\"hostname\":\"upper.example.\"}"))))
                .containsExactly("10.0.0.6");
        assertThat(ctx.send(cmd("lease4-get-by-hostname", "{\"hostname\":\"nope\"}")).result().value()).isEqualTo(3);
    }

    @Test
    void byIdentifierErrors() throws Exception {
        assertError(cmd("lease4-get-by-hw-address", "{}"), "'hw-address' parameter not specified");
        assertError(cmd("lease4-get-by-hw-address", "{\"hw-address\":5}"), "'hw-address' parameter must be a string");
        assertError(cmd("lease4-get-by-hw-address", "{\"hw-address\":\"zz\"}"),
                "'z' is not a valid hexadecimal digit in decoded string 'zz'");
        assertError(cmd("lease4-get-by-hw-address", null), "Command arguments missing or a not a map.");
        assertError(cmd("lease4-get-by-client-id", "{}"), "'client-id' parameter not specified");
        assertError(cmd("lease4-get-by-client-id", "{\"client-id\":\"zz\"}"), "'zz' is not a valid string of hexadecimal digits");
        assertError(cmd("lease4-get-by-client-id", "{\"client-id\":\"\"}"), "Empty DUIDs are not allowed");
        assertError(cmd("lease4-get-by-hostname", "{\"hostname\":\"\"}"), "'hostname' parameter is empty");
        assertError(cmd("lease4-get-by-hostname", "{}"), "'hostname' parameter not specified");
        assertError(cmd("lease4-get-by-hostname", "{\"hostname\":5}"), "'hostname' parameter must be a string");
    }

    private void assertError(String command, String text) throws Exception {
        Answer a = ctx.send(command);
        assertThat(a.text()).isEqualTo(text);
        assertThat(a.result().value()).as(text).isEqualTo(1);
    }
}
