package ruru.dhcp.leasecmds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import ruru.classify.expr.Universe;
import ruru.json.Json;
import ruru.json.MapElement;
import ruru.json.ParseOptions;

/**
 * Kea 3's binding-variables parameter of libdhcp_lease_cmds.so (Kea 2.2 has none): accepted
 * configurations, refusals with Kea 3's texts (its binding_variables_unittest.cc), and the
 * user-context update as Kea 3's evaluateVariables / Lease::updateUserContextISC.
 */
class BindingVariablesTest {

    private static MapElement params(String json) throws Exception {
        return (MapElement) Json.parse(json, ParseOptions.string());
    }

    private static BindingVariables parse(String json, Universe u) throws Exception {
        return BindingVariables.parse(params(json), u, name -> name.equals("host-name") ? OptionalInt.of(12)
                : OptionalInt.empty());
    }

    private static String refusal(String json, Universe u) {
        try {
            parse(json, u);
        } catch (BindingVariables.BindingVariablesException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void acceptsBothSourcesInOrderAndDropsALaterDuplicateName() throws Exception {
        assertThat(parse("{}", Universe.V4).isEmpty()).isTrue();
        assertThat(parse("{\"binding-variables\": []}", Universe.V4).isEmpty()).isTrue();
        BindingVariables v = parse("""
                {"binding-variables": [
                  {"name": "one", "expression": "hexstring(pkt4.mac, ':')", "source": "query"},
                  {"name": "two", "expression": "addrtotext(pkt4.yiaddr)", "source": "response"},
                  {"name": "one", "expression": "option[host-name].text", "source": "response"} ]}""", Universe.V4);
        assertThat(v.variables()).extracting(BindingVariables.Variable::name).containsExactly("one", "two");
        assertThat(v.variables()).extracting(BindingVariables.Variable::source)
                .containsExactly(BindingVariables.Source.QUERY, BindingVariables.Source.RESPONSE);
        assertThat(parse("""
                {"binding-variables": [{"name": "t", "expression": "uint32totext(pkt6.transid)", "source": "query"}]}""",
                Universe.V6).variables()).hasSize(1);
    }

    @Test
    void refusalsAreKea3s() {
        String prefix = "cannot add BindingVariable to cache: ";
        assertThat(refusal("{\"binding-variables\": \"bogus\"}", Universe.V4))
                .isEqualTo("'binding-variables' must be a list");
        assertThat(refusal("{\"binding-variables\": [{\"name\": \"\", \"expression\": \"pkt4.mac\", "
                + "\"source\": \"query\"}]}", Universe.V4))
                .isEqualTo(prefix + "invalid config: BindingVariable - name cannot be empty");
        assertThat(refusal("{\"binding-variables\": [{\"name\": \"myvar\", \"expression\": \"\", "
                + "\"source\": \"response\"}]}", Universe.V4))
                .isEqualTo(prefix + "invalid config: BindingVariable - 'myvar' expression_str cannot be empty");
        assertThat(refusal("{\"binding-variables\": [{\"name\": \"myvar\", \"expression\": \"pkt4.mac\", "
                + "\"source\": \"BOGUS\"}]}", Universe.V4))
                .isEqualTo(prefix + "invalid config: invalid source 'BOGUS', must be either 'query' or 'response'");
        assertThat(refusal("{\"binding-variables\": [{\"name\": \"myvar\", \"expression\": \"pkt4.mac\", "
                + "\"source\": \"query\", \"bogus\": \"foo\"}]}", Universe.V4))
                .isEqualTo(prefix + "spurious 'bogus' parameter");
        assertThat(refusal("{\"binding-variables\": [{\"name\": \"my-var\", \"expression\": \"bogus + stuff\", "
                + "\"source\": \"query\"}]}", Universe.V4))
                .isEqualTo(prefix + "invalid config: BindingVariable - 'my-var', error parsing expression: "
                        + "'bogus + stuff' : <string>:1.1: Invalid character: b");
        assertThat(refusal("{\"binding-variables\": [{\"name\": \"my-var\", \"expression\": \"pkt4.mac\", "
                + "\"source\": \"query\"}]}", Universe.V6))
                .isEqualTo(prefix + "invalid config: BindingVariable - 'my-var', error parsing expression: "
                        + "'pkt4.mac' : <string>:1.1-4: pkt4 can only be used in DHCPv4.");
        assertThat(refusal("{\"binding-variables\": [{\"name\": \"my-var\", \"expression\": \"pkt6.transid\", "
                + "\"source\": \"query\"}]}", Universe.V4))
                .isEqualTo(prefix + "invalid config: BindingVariable - 'my-var', error parsing expression: "
                        + "'pkt6.transid' : <string>:1.1-4: pkt6 can only be used in DHCPv6.");
        assertThat(refusal("{\"binding-variables\": [{\"name\": \"myvar\", \"expression\": \"pkt5.bogus\", "
                + "\"source\": \"query\"}]}", Universe.V4))
                .isEqualTo(prefix + "invalid config: BindingVariable - 'myvar', error parsing expression: "
                        + "'pkt5.bogus' : <string>:1.4: syntax error, unexpected integer, expecting .");
        assertThat(refusal("{\"binding-variables\": [{\"name\": 5, \"expression\": \"pkt4.mac\", "
                + "\"source\": \"query\"}]}", Universe.V4))
                .startsWith(prefix + "'name' parameter is not a string (");
        assertThat(refusal("{\"binding-variables\": [{\"expression\": \"pkt4.mac\", \"source\": \"query\"}]}",
                Universe.V4)).startsWith(prefix + "missing parameter 'name' (");
    }

    @Test
    void valuesGoUnderIscAndAreWrittenOnlyWhenTheyChange() throws Exception {
        BindingVariables v = parse("""
                {"binding-variables": [
                  {"name": "zeta", "expression": "'woo hoo'", "source": "response"},
                  {"name": "alpha", "expression": "''", "source": "query"} ]}""", Universe.V4);
        String first = v.apply(null, null, null);
        assertThat(first).isEqualTo(
                "{ \"ISC\": { \"binding-variables\": { \"alpha\": \"\", \"zeta\": \"woo hoo\" } } }");
        // the same values again: the very same context, nothing to write
        assertThat(v.apply(first, null, null)).isSameAs(first);
        // other content is kept, an older value replaced
        String other = "{ \"ISC\": { \"binding-variables\": { \"alpha\": \"old\" }, \"relay-agent-info\": "
                + "{ \"sub-options\": \"0x0102\" } }, \"comment\": \"keep\" }";
        String updated = v.apply(other, null, null);
        assertThat(Json.parse(updated, ParseOptions.string())).isEqualTo(Json.parse(
                "{ \"ISC\": { \"binding-variables\": { \"alpha\": \"\", \"zeta\": \"woo hoo\" }, \"relay-agent-info\": "
                        + "{ \"sub-options\": \"0x0102\" } }, \"comment\": \"keep\" }", ParseOptions.string()));
        // none configured: a lease keeps the values it has (Kea 3's current logic)
        assertThat(BindingVariables.NONE.apply(other, null, null)).isSameAs(other);
    }
}
