package ruru.wire.v4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import ruru.wire.WireFormatException;

/**
 * Kea's example configurations as a conformance corpus for the option text parser: every
 * "option-data" entry with a definition (standard, or the file's own "option-def") must parse, and
 * its bytes must print back to text that parses to the same bytes.
 */
class KeaExamplesOptionDataTest {

    @Test
    void allOptionsExampleParsesCompletely() throws Exception {
        Path file = KeaExampleOptions.examples().resolve("kea4/all-options.json");
        assertThat(file).exists();
        List<String> checked = check(file);
        // all-options.json carries one entry per standard option plus the custom ones.
        assertThat(checked).hasSizeGreaterThan(100);
        assertThat(checked).contains("dhcp4.classless-static-route", "dhcp4.v4-dnr", "dhcp4.vivso-suboptions",
                "my-fancy-space.my-fancy-option", "docsis3-v4.tftp-servers");
    }

    @Test
    void everyKea4Example() throws Exception {
        Path dir = KeaExampleOptions.examples().resolve("kea4");
        int total = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                total += check(f).size();
            }
        }
        assertThat(total).isGreaterThan(120);
    }

    @Test
    void knownBytesFromTheExample() throws Exception {
        OptionDefinitions defs = OptionDefinitions.standardV4();
        assertThat(bytes(defs, "classless-static-route",
                "10.229.0.128/25 - 10.229.0.1, 10.198.122.47/32 - 10.198.122.1"))
                .isEqualTo(Golden.hex("19 0ae50080 0ae50001 20 0ac67a2f 0ac67a01"));
        assertThat(bytes(defs, "v4-portparams", "2, 3/4")).isEqualTo(Golden.hex("02 04 3000"));
        assertThat(bytes(defs, "vivso-suboptions", "4491")).isEqualTo(Golden.hex("0000118b 00"));
        assertThat(bytes(defs, "v4-sztp-redirect", "https://a, https://bc")).isEqualTo(concat(Golden.hex("0009"),
                "https://a".getBytes(), Golden.hex("000a"), "https://bc".getBytes()));
        assertThat(bytes(defs, "pcode", "EST5EDT4\\,M3.2.0/02:00\\,M11.1.0/02:00"))
                .isEqualTo("EST5EDT4,M3.2.0/02:00,M11.1.0/02:00".getBytes());
        // ADN-only DNR instance: length 28, priority 3, ADN length 25, the name.
        assertThat(bytes(defs, "v4-dnr", "3, fooexp.resolver.example.")).isEqualTo(concat(
                Golden.hex("001c 0003 19"), Golden.hex("06666f6f657870 087265736f6c766572 076578616d706c65 00")));
        assertThat(bytes(defs, "v4-dnr", "2, resolver.example., 10.0.5.6, alpn=dot port=8530")).isEqualTo(concat(
                Golden.hex("0028 0002 12"), Golden.hex("087265736f6c766572 076578616d706c65 00"),
                Golden.hex("04 0a000506"), Golden.hex("0001 0004 03646f74"), Golden.hex("0003 0002 2152")));
    }

    private static byte[] bytes(OptionDefinitions defs, String name, String data) throws WireFormatException {
        return OptionValues.fromText(defs.byName("dhcp4", name).orElseThrow(), data, true);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    /** Parses a file's option-data entries; returns "space.name" of each one checked. */
    private static List<String> check(Path file) throws Exception {
        Object tree = KeaExampleOptions.read(file);
        List<OptionDefinition> custom = new ArrayList<>();
        for (Map<String, Object> d : KeaExampleOptions.entries(tree, "option-def")) {
            custom.add(OptionDefinitions.parse((String) d.get("name"), ((Number) d.get("code")).longValue(),
                    (String) d.getOrDefault("space", "dhcp4"), (String) d.get("type"),
                    Boolean.TRUE.equals(d.get("array")), (String) d.getOrDefault("record-types", ""),
                    (String) d.getOrDefault("encapsulate", "")));
        }
        OptionDefinitions defs = OptionDefinitions.standardV4().withCustom(custom);
        List<String> checked = new ArrayList<>();
        for (Map<String, Object> o : KeaExampleOptions.entries(tree, "option-data")) {
            String space = (String) o.getOrDefault("space", "dhcp4");
            OptionDefinition def = o.containsKey("code")
                    ? defs.byCode(space, ((Number) o.get("code")).intValue()).orElse(null)
                    : defs.byName(space, (String) o.get("name")).orElse(null);
            String data = (String) o.getOrDefault("data", "");
            boolean csv = !Boolean.FALSE.equals(o.get("csv-format"));
            String where = file.getFileName() + ": " + o;
            if (def == null) {
                if (!csv || o.containsKey("code")) {
                    OptionValues.fromHex(data);
                }
                continue;
            }
            if (o.containsKey("name")) {
                assertThat(def.name()).as(where).isEqualTo(o.get("name"));
            }
            byte[] bytes;
            try {
                bytes = OptionValues.fromText(def, data, csv);
            } catch (WireFormatException e) {
                throw new AssertionError(where + ": " + e.getMessage(), e);
            }
            String text = OptionValues.toText(def, bytes);
            boolean csvText = OptionValues.hasCsvText(def, bytes);
            assertThat(OptionValues.fromText(def, text, csvText)).as(where + " via " + text).isEqualTo(bytes);
            checked.add(space + "." + def.name());
        }
        return checked;
    }
}
