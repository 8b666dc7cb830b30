package ruru.dhcp4.leasecmds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ruru.lease.LeaseState;
import ruru.wire.Ipv4Address;

/**
 * lease4-add and lease4-get. Expected texts were recorded from Kea 2.2.0 with
 * libdhcp_lease_cmds.so driven over socat ([OBS]); where Kea 3 differs from 2.2 the test says so.
 */
class LeaseAddGetTest {

    static final String FULL_ADD = """
            {"command":"lease4-add","arguments":{"ip-address":"192.0.2.20","hw-address":"1a:1b:1c:1d:1e:1f",\
            "subnet-id":1,"valid-lft":1000,"expire":1795280592,"hostname":"Host.Example.org.","fqdn-fwd":true,\
            "client-id":"01:02:03:04","user-context":{"b":[1,"x"],"a":{"c":null}}}}""";

    /** [OBS] Kea 2.2's lease4-get answer for FULL_ADD, byte for byte. */
    static final String FULL_LEASE = "{ \"client-id\": \"01:02:03:04\", \"cltt\": 1795279592, \"fqdn-fwd\": true, "
            + "\"fqdn-rev\": false, \"hostname\": \"host.example.org.\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\", "
            + "\"ip-address\": \"192.0.2.20\", \"state\": 0, \"subnet-id\": 1, "
            + "\"user-context\": { \"a\": { \"c\": null }, \"b\": [ 1, \"x\" ] }, \"valid-lft\": 1000 }";

    @TempDir
    Path tmp;
    TestContext ctx;

    @BeforeEach
    void setUp() throws Exception {
        ctx = new TestContext(tmp, tmp);
    }

    static String add(String args) {
        return "{\"command\":\"lease4-add\",\"arguments\":{" + args + "}}";
    }

    @Test
    void addSelectsTheSubnetAndGetShowsKeasLeaseMap() throws Exception {
        assertThat(ctx.wire(add("\"ip-address\":\"192.0.2.202\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\"")))
                .isEqualTo("{ \"result\": 0, \"text\": \"Lease for address 192.0.2.202, subnet-id 1 added.\" }");
        assertThat(ctx.wire(FULL_ADD))
                .isEqualTo("{ \"result\": 0, \"text\": \"Lease for address 192.0.2.20, subnet-id 1 added.\" }");
        assertThat(ctx.wire("{\"command\":\"lease4-get\",\"arguments\":{\"ip-address\":\"192.0.2.20\"}}"))
                .isEqualTo("{ \"arguments\": " + FULL_LEASE + ", \"result\": 0, \"text\": \"IPv4 lease found.\" }");
        // default lifetime of the subnet, cltt = now, no client-id key when there is none
        assertThat(ctx.wire("{\"command\":\"lease4-get\",\"arguments\":{\"ip-address\":\"192.0.2.202\"}}"))
                .isEqualTo("{ \"arguments\": { \"cltt\": " + TestContext.NOW + ", \"fqdn-fwd\": false, \"fqdn-rev\": false, "
                        + "\"hostname\": \"\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"ip-address\": \"192.0.2.202\", "
                        + "\"state\": 0, \"subnet-id\": 1, \"valid-lft\": 4000 }, \"result\": 0, \"text\": \"IPv4 lease found.\" }");
        assertThat(ctx.added).hasSize(2);
        // the store keeps the context as Kea's compact text (what the CSV holds)
        assertThat(ctx.store.get(Ipv4Address.parse("192.0.2.20")).orElseThrow().userContext())
                .isEqualTo("{ \"a\": { \"c\": null }, \"b\": [ 1, \"x\" ] }");
    }

    @Test
    void addUsesTheSubnetLifetimeAndThePoolId() throws Exception {
        TestContext c = new TestContext("""
                { "subnet4": [ { "id": 7, "subnet": "10.1.0.0/16", "valid-lifetime": 600,
                  "pools": [ { "pool": "10.1.0.10 - 10.1.0.20", "pool-id": 5 } ] } ] }""", tmp, tmp);
        assertThat(c.send(add("\"ip-address\":\"10.1.0.11\",\"hw-address\":\"01:02:03:04:05:06\"")).text())
                .isEqualTo("Lease for address 10.1.0.11, subnet-id 7 added.");
        assertThat(c.wire("{\"command\":\"lease4-get\",\"arguments\":{\"ip-address\":\"10.1.0.11\"}}"))
                .contains("\"pool-id\": 5, \"state\": 0, \"subnet-id\": 7, \"valid-lft\": 600 }");
    }

    @Test
    void addStoresCommentAndLowerCasesTheHostname() throws Exception {
        ctx.send(add("\"ip-address\":\"10.0.0.5\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\",\"comment\":\"hi\","
                + "\"hostname\":\"UPPER.example.\",\"state\":1"));
        var lease = ctx.store.get(Ipv4Address.parse("10.0.0.5")).orElseThrow();
        assertThat(lease.userContext()).isEqualTo("{ \"comment\": \"hi\" }");
        assertThat(lease.hostname()).isEqualTo("upper.example.");
        assertThat(lease.state()).isEqualTo(LeaseState.DECLINED);
        assertThat(lease.validLifetime()).isEqualTo(7200);
    }

    @Test
    void addAcceptsKea3StateReleased() throws Exception {
        assertThat(ctx.send(add("\"ip-address\":\"10.0.0.7\",\"hw-address\":\"1a:1b:1c:1d:1e:2f\",\"state\":3"))
                .isSuccess()).isTrue();
        assertThat(ctx.store.get(Ipv4Address.parse("10.0.0.7")).orElseThrow().state()).isEqualTo(LeaseState.RELEASED);
    }

    @Test
    void duplicateIsAConflictInKea3() throws Exception {
        ctx.send(add("\"ip-address\":\"192.0.2.20\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\""));
        // Kea 3 throws LeaseCmdsConflict (result 4); Kea 2.2 [OBS] answered 1 with the same text
        assertThat(ctx.wire(add("\"ip-address\":\"192.0.2.20\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\"")))
                .isEqualTo("{ \"result\": 4, \"text\": \"IPv4 lease already exists.\" }");
        assertThat(ctx.added).hasSize(1);
    }

    @Test
    void addErrorsCarryKeasTextsAndPositions() throws Exception {
        String hw = "\"hw-address\":\"1a:1b:1c:1d:1e:1f\"";
        // every text below is Kea 2.2's answer to the same command text [OBS]
        assertError(add("\"ip-address\":\"10.9.9.9\"," + hw),
                "subnet-id not specified and failed to find a subnet for address 10.9.9.9");
        assertError(add("\"ip-address\":\"10.9.9.9\"," + hw + ",\"subnet-id\":1"),
                "The address 10.9.9.9 does not belong to subnet 192.0.2.0/24, subnet-id=1");
        assertError(add("\"ip-address\":\"10.9.9.9\"," + hw + ",\"subnet-id\":7"),
                "Invalid subnet-id: No IPv4 subnet with subnet-id=7 currently configured.");
        assertError(add(hw), "missing parameter 'ip-address' (<wire>:0:37)");
        assertError(add("\"ip-address\":\"10.0.0.5\""), "missing parameter 'hw-address' (<wire>:0:37)");
        assertError(add("\"ip-address\":\"10.0.0.5\",\"hw-address\":\"zz\""),
                "'z' is not a valid hexadecimal digit in decoded string 'zz'");
        assertError(add("\"ip-address\":\"10.0.0.5\",\"hw-address\":\"\""),
                "Lease4: 10.0.0.5, state: default has neither hardware address or client id");
        // Kea [OBS]: "...Invalid argument(<wire>:0:50)", the position glued on without a space
        var foo = ctx.send(add("\"ip-address\":\"foo\"," + hw));
        assertThat(foo.result().value()).isEqualTo(1);
        assertThat(foo.text()).startsWith("Failed to convert 'foo' to address: Failed to convert "
                + "string to address 'foo': Invalid argument" + at(50).substring(1));
        assertError(add("\"ip-address\":\"2001:db8::1\"," + hw), "Non-IPv4 address specified: 2001:db8::1");
        assertError(add("\"ip-address\":5," + hw), "invalid type specified for parameter 'ip-address'" + at(50));
        assertError(add("\"ip-address\":\"10.0.0.5\"," + hw + ",\"state\":\"x\""),
                "invalid type specified for parameter 'state'" + at(102));
        assertError(add("\"ip-address\":\"10.0.0.5\"," + hw + ",\"subnet-id\":\"x\""),
                "invalid type specified for parameter 'subnet-id'" + at(106));
        assertError(add("\"ip-address\":\"10.0.0.5\"," + hw + ",\"subnet-id\":-1"),
                "out of range value (-1) specified for parameter 'subnet-id'" + at(106));
        assertError(add("\"ip-address\":\"10.0.0.5\"," + hw + ",\"valid-lft\":4294967296"),
                "out of range value (4294967296) specified for parameter 'valid-lft'" + at(106));
        assertError(add("\"ip-address\":\"10.0.0.5\"," + hw + ",\"state\":300"),
                "out of range value (300) specified for parameter 'state'" + at(102));
        assertError(add("\"ip-address\":\"10.0.0.5\"," + hw + ",\"expire\":-5"),
                "expiration time must be positive for address 10.0.0.5");
        assertError(add("\"ip-address\":\"10.0.0.5\"," + hw + ",\"expire\":5,\"valid-lft\":10"),
                "expiration time must be greater than valid lifetime for address 10.0.0.5");
        assertError(add("\"ip-address\":\"10.0.0.5\"," + hw + ",\"fqdn-fwd\":\"yes\""),
                "invalid type specified for parameter 'fqdn-fwd'" + at(105));
        assertError(add("\"ip-address\":\"10.0.0.5\"," + hw + ",\"fqdn-rev\":true"),
                "No hostname specified and either forward or reverse fqdn was set to true.");
        assertError(add("\"ip-address\":\"10.0.0.5\"," + hw + ",\"user-context\":5"),
                "Invalid user context '5' is not a JSON map.");
        assertError(add("\"ip-address\":\"10.0.0.6\"," + hw + ",\"comment\":\"hi\",\"user-context\":{\"comment\":\"x\"}"),
                "Duplicated comment entry '\"hi\"' in user context '{ \"comment\": \"x\" }'");
        assertError(add("\"ip-address\":\"10.0.0.5\"," + hw + ",\"client-id\":\"\""), "Empty DUIDs are not allowed");
        assertError("{\"command\":\"lease4-add\"}", "no parameters specified for the command");
        assertError("{\"command\":\"lease4-add\",\"arguments\":[1]}",
                "get(string) called on a non-map Element in (<wire>:0:37)");
        // Kea 3 accepts 3 (released); the text names it (2.2 stopped at 2)
        assertError(add("\"ip-address\":\"10.0.0.5\"," + hw + ",\"state\":4"), "Invalid state value: 4, supported "
                + "values are: 0 (default), 1 (declined), 2 (expired-reclaimed) and 3 (released)");
        assertThat(ctx.store.size()).isZero();
        assertThat(ctx.added).isEmpty();
    }

    @Test
    void getByIdentifier() throws Exception {
        ctx.send(FULL_ADD);
        String found = "{ \"arguments\": " + FULL_LEASE + ", \"result\": 0, \"text\": \"IPv4 lease found.\" }";
        assertThat(ctx.wire(get("\"identifier-type\":\"hw-address\",\"identifier\":\"1a:1b:1c:1d:1e:1f\",\"subnet-id\":1")))
                .isEqualTo(found);
        assertThat(ctx.wire(get("\"identifier-type\":\"client-id\",\"identifier\":\"01:02:03:04\",\"subnet-id\":1")))
                .isEqualTo(found);
        assertThat(ctx.wire(get("\"identifier-type\":\"client-id\",\"identifier\":\"01:02:03:04\",\"subnet-id\":2")))
                .isEqualTo("{ \"result\": 3, \"text\": \"Lease not found.\" }");
        assertThat(ctx.wire(get("\"ip-address\":\"192.0.2.21\"")))
                .isEqualTo("{ \"result\": 3, \"text\": \"Lease not found.\" }");
        // an ip-address wins over identifiers [OBS]
        assertThat(ctx.wire(get("\"ip-address\":\"192.0.2.20\",\"identifier-type\":\"hw-address\","
                + "\"identifier\":\"ff:ff\",\"subnet-id\":2"))).isEqualTo(found);
    }

    @Test
    void getErrors() throws Exception {
        assertError(get("\"identifier-type\":\"duid\",\"identifier\":\"01:02:03:04\",\"subnet-id\":2"),
                "Query by duid is not allowed in v4.");
        assertError(get("\"identifier-type\":\"foo\",\"identifier\":\"01:02:03:04\",\"subnet-id\":2"),
                "Incorrect identifier type: foo, the only supported values are: address, hw-address, duid");
        assertError(get("\"identifier-type\":\"hw-address\",\"identifier\":\"01:02:03:04\""),
                "Mandatory 'subnet-id' parameter missing.");
        assertError(get("\"identifier-type\":\"hw-address\",\"subnet-id\":1"),
                "No 'ip-address' provided and 'identifier' is either missing or not a string.");
        assertError(get("\"identifier\":\"01:02\",\"subnet-id\":1"),
                "No 'ip-address' provided and 'identifier-type' is either missing or not a string.");
        assertError(get("\"identifier-type\":\"hw-address\",\"identifier\":\"1a\",\"subnet-id\":\"x\""),
                "'subnet-id' parameter is not integer.");
        assertError(get("\"identifier-type\":\"client-id\",\"identifier\":\"zz\",\"subnet-id\":1"),
                "'zz' is not a valid string of hexadecimal digits");
        assertError(get(""), "Mandatory 'subnet-id' parameter missing.");
        assertError("{\"command\":\"lease4-get\"}", "Parameters missing or are not a map.");
        assertError("{\"command\":\"lease4-get\",\"arguments\":[1]}", "Parameters missing or are not a map.");
        assertError(get("\"ip-address\":\"2001:db8::1\""), "Invalid IPv4 address specified: 2001:db8::1");
        assertError(get("\"ip-address\":\"foo\""), "Failed to convert string to address 'foo': Invalid argument");
        assertError(get("\"ip-address\":5"), "'ip-address' is not a string.");
    }

    static String get(String args) {
        return "{\"command\":\"lease4-get\",\"arguments\":{" + args + "}}";
    }

    /** A scalar value's position as Kea 2.2 printed it [OBS] (command text: one column before the value). */
    static String at(int keaColumn) {
        return " (<wire>:0:" + keaColumn + ")";
    }

    private void assertError(String command, String text) throws Exception {
        var a = ctx.send(command);
        assertThat(a.text()).isEqualTo(text);
        assertThat(a.result().value()).as(text).isEqualTo(1);
        assertThat(a.arguments()).isNull();
    }
}
