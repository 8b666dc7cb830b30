package ruru.classify.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Values as Kea 2.2 computed them (FACTS 12.7, observed through flex_option probes) and as Kea's
 * manual defines each operator, over a hand-made DHCPv4 query.
 */
class ExpressionEvaluationTest {

    /** A query: chaddr 0a:00:00:00:00:01, client-id 01 0a..01, hostname barhost, RAI circuit-id port7, remote-id r1. */
    static final class Query implements PacketView.V4 {
        final Map<Integer, byte[]> options = new HashMap<>();
        Set<String> classes = Set.of("ALL");
        byte[] rai = HexFormat.of().parseHex("0105706f72743702027231");

        Query() {
            options.put(61, HexFormat.of().parseHex("010a0000000001"));
            options.put(12, "barhost".getBytes(StandardCharsets.US_ASCII));
            options.put(82, rai);
        }

        @Override
        public byte[] option(int code) {
            return options.get(code);
        }

        @Override
        public byte[] subOption(int code, int subCode) {
            byte[] p = options.get(code);
            if (p == null) {
                return null;
            }
            for (int i = 0; i + 1 < p.length; i += 2 + (p[i + 1] & 0xff)) {
                if ((p[i] & 0xff) == subCode) {
                    return java.util.Arrays.copyOfRange(p, i + 2, i + 2 + (p[i + 1] & 0xff));
                }
            }
            return null;
        }

        @Override
        public byte[] text(String space, int code, byte[] payload) {
            return space.equals("dhcp4") && code == 12 ? OptionText.string(payload)
                    : OptionText.debug(Universe.V4, code, payload);
        }

        @Override
        public String subOptionSpace(int code) {
            return "dhcp-agent-options-space";
        }

        @Override
        public long vendorEnterprise() {
            return options.containsKey(125) ? 4491 : -1;
        }

        @Override
        public byte[] vendorOption(int subCode) {
            return subCode == 1 && options.containsKey(125) ? "docsis3.0".getBytes(StandardCharsets.US_ASCII) : null;
        }

        @Override
        public long vendorClassEnterprise() {
            return options.containsKey(124) ? 4491 : -1;
        }

        @Override
        public byte[] vendorClassData(int index) {
            return index == 0 && options.containsKey(124) ? HexFormat.of().parseHex("0568656c6c6f") : null;
        }

        @Override
        public boolean inClass(String name) {
            return classes.contains(name);
        }

        @Override
        public String iface() {
            return "lo";
        }

        @Override
        public String label() {
            return "[hwtype=1 0a:00:00:00:00:01], cid=[01:0a:00:00:00:00:01], tid=0x1";
        }

        @Override
        public byte[] source() {
            return new byte[] {127, 0, 0, 2};
        }

        @Override
        public byte[] destination() {
            return new byte[] {127, 0, 0, 1};
        }

        @Override
        public long length() {
            return 282;
        }

        @Override
        public byte[] chaddr() {
            return HexFormat.of().parseHex("0a0000000001");
        }

        @Override
        public int hlen() {
            return 6;
        }

        @Override
        public int htype() {
            return 1;
        }

        @Override
        public byte[] ciaddr() {
            return new byte[4];
        }

        @Override
        public byte[] giaddr() {
            return new byte[] {127, 0, 0, 2};
        }

        @Override
        public byte[] yiaddr() {
            return new byte[4];
        }

        @Override
        public byte[] siaddr() {
            return new byte[4];
        }

        @Override
        public int messageType() {
            return 3;
        }

        @Override
        public long transactionId() {
            return 0x12345678L;
        }

        @Override
        public byte[] relay4(int subCode) {
            byte[] saved = options.get(82);
            return saved == null ? null : subOption(82, subCode);
        }
    }

    static final ExpressionEnvironment V4 = ExpressionErrorsTest.env(Universe.V4, Set.of("foo"));

    static String hex(String expression, PacketView p) throws ExpressionException {
        return HexFormat.of().formatHex(Expression.string(expression, V4).evaluate(p));
    }

    static String text(String expression, PacketView p) throws ExpressionException {
        return new String(Expression.string(expression, V4).evaluate(p), StandardCharsets.ISO_8859_1);
    }

    static boolean test(String expression, PacketView p) throws ExpressionException {
        return Expression.bool(expression, V4).test(p);
    }

    @Test
    void literals() throws Exception {
        Query q = new Query();
        assertThat(hex("10.0.0.1", q)).isEqualTo("0a000001");
        assertThat(hex("123", q)).isEqualTo("0000007b");
        assertThat(hex("0x5a7d", q)).isEqualTo("5a7d");
        assertThat(hex("0X5a7", q)).isEqualTo("05a7");
        assertThat(hex("2001:db8::1", q)).isEqualTo("20010db8000000000000000000000001");
        assertThat(hex("::ffff:10.0.0.1", q)).isEqualTo("00000000000000000000ffff0a000001");
        assertThat(text("'abc' + 'def'", q)).isEqualTo("abcdef");
    }

    @Test
    void packetData() throws Exception {
        Query q = new Query();
        assertThat(hex("option[61].hex", q)).isEqualTo("010a0000000001");
        assertThat(text("option[61].text", q)).isEqualTo("type=061, len=007: 01:0a:00:00:00:00:01");
        assertThat(text("option[12].text", q)).isEqualTo("barhost");
        assertThat(text("option[13].text", q)).isEmpty();
        assertThat(text("ifelse(option[12].exists,'yes','no')", q)).isEqualTo("yes");
        assertThat(text("ifelse(option[13].exists,'yes','no')", q)).isEqualTo("no");
        assertThat(text("ifelse(relay4[2].exists,'T','F')", q)).isEqualTo("T");
        assertThat(text("hexstring(option[82].option[2].hex,'-')", q)).isEqualTo("72-31");
        assertThat(text("relay4[1].hex", q)).isEqualTo("port7");
        assertThat(text("relay4[1].text", q)).isEqualTo("type=001, len=005: 70:6f:72:74:37");
        assertThat(test("relay4[3].exists", q)).isFalse();
        assertThat(text("hexstring(pkt4.mac, ':')", q)).isEqualTo("0a:00:00:00:00:01");
        assertThat(hex("pkt4.hlen", q)).isEqualTo("00000006");
        assertThat(hex("pkt4.msgtype", q)).isEqualTo("00000003");
        assertThat(hex("pkt.len", q)).isEqualTo("0000011a");
        assertThat(text("addrtotext(pkt.src)", q)).isEqualTo("127.0.0.2");
        assertThat(text("addrtotext(pkt4.giaddr)", q)).isEqualTo("127.0.0.2");
        assertThat(text("pkt.iface", q)).isEqualTo("lo");
        assertThat(text("uint32totext(pkt4.transid)", q)).isEqualTo("305419896");
        assertThat(test("pkt4.mac == 0x0a0000000001", q)).isTrue();
        assertThat(test("pkt4.msgtype == 3", q)).isTrue();
        assertThat(test("pkt4.msgtype == 0x03", q)).isFalse();
    }

    @Test
    void vendorOptions() throws Exception {
        Query q = new Query();
        assertThat(text("vendor-class.enterprise", q)).isEmpty();
        assertThat(test("vendor-class[*].exists", q)).isFalse();
        q.options.put(124, new byte[0]);
        q.options.put(125, new byte[0]);
        assertThat(hex("vendor-class[4491].data", q)).isEqualTo("0568656c6c6f");
        assertThat(hex("vendor-class[4491].data[1]", q)).isEmpty();
        assertThat(hex("vendor-class[1].data", q)).isEmpty();
        assertThat(hex("vendor-class.enterprise", q)).isEqualTo("0000118b");
        assertThat(test("vendor-class[4491].exists and vendor-class[0].exists and not vendor-class[9].exists", q))
                .isTrue();
        assertThat(text("vendor[4491].option[1].hex", q)).isEqualTo("docsis3.0");
        assertThat(test("vendor[*].option[1].exists and not vendor[9].option[1].exists", q)).isTrue();
        assertThat(hex("vendor.enterprise", q)).isEqualTo("0000118b");
    }

    @Test
    void stringFunctions() throws Exception {
        Query q = new Query();
        assertThat(text("substring('foobar', 0, 6)", q)).isEqualTo("foobar");
        assertThat(text("substring('foobar', 3, 3)", q)).isEqualTo("bar");
        assertThat(text("substring('foobar', 3, all)", q)).isEqualTo("bar");
        assertThat(text("substring('foobar', 1, 4)", q)).isEqualTo("ooba");
        assertThat(text("substring('foobar', -5, 4)", q)).isEqualTo("ooba");
        assertThat(text("substring('foobar', -1, -3)", q)).isEqualTo("oba");
        assertThat(text("substring('foobar', 4, -2)", q)).isEqualTo("ob");
        assertThat(text("substring('foobar', 10, 2)", q)).isEmpty();
        assertThat(text("substring('foobar', 2, -10)", q)).isEqualTo("fo");
        assertThat(text("split('one.two..four', '.', 1)", q)).isEqualTo("one");
        assertThat(text("split('one.two..four', '.', 2)", q)).isEqualTo("two");
        assertThat(text("split('one.two..four', '.', 3)", q)).isEmpty();
        assertThat(text("split('one.two..four', '.', 4)", q)).isEqualTo("four");
        assertThat(text("split('one.two..four', '.', 5)", q)).isEmpty();
        assertThat(text("split('one.two..four', '', 5)", q)).isEqualTo("one.two..four");
        assertThat(text("split('a,b;c', ',;', 3)", q)).isEqualTo("c");
        assertThat(text("concat('foo', 'bar')", q)).isEqualTo("foobar");
        assertThat(text("'abc' + 'def' + 'ghi'", q)).isEqualTo("abcdefghi");
        assertThat(text("hexstring('foo', '-')", q)).isEqualTo("66-6f-6f");
        assertThat(text("hexstring('foo', '')", q)).isEqualTo("666f6f");
        assertThat(text("lcase('LoWeR')", q)).isEqualTo("lower");
        assertThat(text("ucase('uPpEr')", q)).isEqualTo("UPPER");
        assertThat(text("int8totext(0xff)", q)).isEqualTo("-1");
        assertThat(text("uint8totext(0xff)", q)).isEqualTo("255");
        assertThat(text("int16totext(0xfffe)", q)).isEqualTo("-2");
        assertThat(text("uint16totext(0x0102)", q)).isEqualTo("258");
        assertThat(text("int32totext(0xffffffff)", q)).isEqualTo("-1");
        assertThat(text("uint32totext(4294967295)", q)).isEqualTo("4294967295");
        assertThat(text("uint8totext('')", q)).isEmpty();
        assertThat(text("addrtotext(2001:db8::)", q)).isEqualTo("2001:db8::");
        assertThat(text("addrtotext(192.10.0.1)", q)).isEqualTo("192.10.0.1");
        assertThat(text("addrtotext(0x00000000000000000000ffff0a000001)", q)).isEqualTo("::ffff:10.0.0.1");
    }

    @Test
    void conversionsOfTheWrongSizeAreEvaluationErrors() throws Exception {
        Query q = new Query();
        assertThatThrownBy(() -> text("int8totext(0x0102)", q)).isInstanceOf(EvalException.class)
                .hasMessage("Can not convert to valid int8.");
        assertThatThrownBy(() -> text("uint32totext(0x01)", q)).hasMessage("Can not convert to valid uint32.");
        assertThatThrownBy(() -> text("addrtotext('abc')", q)).hasMessage("Can not convert to valid address.");
        assertThatThrownBy(() -> text("substring('abc', 99999999999, 1)", q))
                .hasMessage("the parameter '99999999999' for substring must be a valid integer");
    }

    @Test
    void logicAndMembership() throws Exception {
        Query q = new Query();
        q.classes = Set.of("ALL", "foo");
        assertThat(text("ifelse(member('foo'),'in-foo','not-foo')", q)).isEqualTo("in-foo");
        q.classes = Set.of("ALL");
        assertThat(text("ifelse(member('foo'),'in-foo','not-foo')", q)).isEqualTo("not-foo");
        assertThat(test("member('ALL') and not member('foo')", q)).isTrue();
        assertThat(test("member('foo') or member('ALL') and member('foo')", q)).isFalse();
        assertThat(test("(member('foo') or member('ALL')) and member('ALL')", q)).isTrue();
        assertThat(test("not member('foo') and member('ALL')", q)).isTrue();
        assertThat(test("'a' + 'b' == 'ab'", q)).isTrue();
        assertThat(test("'ab' == 'a' + 'b'", q)).isTrue();
        assertThat(test("match('foo.*', 'foobar') and not match('bar', 'foobar')", q)).isTrue();
        assertThat(test("match('^.*foo.*$', lcase('is it FOO or bar'))", q)).isTrue();
    }

    @Test
    void andOrIfelseAreLazyTheStrictFormsAreNot() throws Exception {
        Query q = new Query();
        // The right side fails when evaluated: 3.0's and/or/ifelse never get there.
        assertThat(test("member('foo') and int8totext(0x0102) == 'x'", q)).isFalse();
        assertThat(test("member('ALL') or int8totext(0x0102) == 'x'", q)).isTrue();
        assertThat(text("ifelse(member('ALL'), 'a', int8totext(0x0102))", q)).isEqualTo("a");
        assertThatThrownBy(() -> test("member('foo') sand int8totext(0x0102) == 'x'", q))
                .isInstanceOf(EvalException.class);
        assertThatThrownBy(() -> test("member('ALL') sor int8totext(0x0102) == 'x'", q))
                .isInstanceOf(EvalException.class);
        assertThatThrownBy(() -> text("sifelse(member('ALL'), 'a', int8totext(0x0102))", q))
                .isInstanceOf(EvalException.class);
    }

    @Test
    void membersAreRecordedForDependencyOrdering() throws Exception {
        assertThat(Expression.bool("member('foo') and not member('KNOWN')", V4).members())
                .containsExactlyInAnyOrder("foo", "KNOWN");
    }
}
