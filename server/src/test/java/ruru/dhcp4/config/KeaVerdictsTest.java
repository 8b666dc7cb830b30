package ruru.dhcp4.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each row was run through Kea 2.2.0's {@code kea-dhcp4 -t} in the same layout (see {@link Configs}):
 * the expected detail is Kea's text (after its "failed to create or run parser for configuration
 * element X:" log prefix). Where Kea printed a position it is the same line:col here; where Kea
 * printed none (it says "[no position]" in the comment) ruru names the subnet map (2:12), the
 * reservation map or the value.
 */
class KeaVerdictsTest {

    /** Backticks stand for double quotes, so the JSON stays readable. */
    static String q(String s) {
        return s.replace('`', '"');
    }

    static Arguments row(String body, String expected) {
        return Arguments.of(q(body), expected);
    }

    static final String SUB = "`subnet4`:[{`id`:1,`subnet`:`192.0.2.0/24`";

    static Stream<Arguments> subnetsAndPools() {
        return Stream.of(
                row("`subnet4`:[{`id`:1,`subnet`:`192.0.2.0`}]",
                        "subnet configuration failed: Invalid subnet syntax (prefix/len expected):192.0.2.0 (t.json:2:29)"),
                row("`subnet4`:[{`id`:1,`subnet`:`192.0.2.0/33`}]",
                        "subnet configuration failed: Invalid prefix length specified for subnet: 33 (t.json:2:29)"),
                row("`subnet4`:[{`id`:1,`subnet`:`10.0.0.1/x`}]",
                        "subnet configuration failed: prefix length: 'x' is not an integer (t.json:2:29)"),
                // [no position]
                row("`subnet4`:[{`id`:1,`subnet`:`192.0.2.x/24`}]",
                        "subnet configuration failed: Failed to convert string to address '192.0.2.x': Invalid argument (t.json:2:29)"),
                row("`subnet4`:[{`id`:1}]", "missing parameter 'subnet' (t.json:2:12)"),
                // [no position]
                row("`subnet4`:[{`id`:4294967295,`subnet`:`10.0.0.0/8`}]",
                        "subnet configuration failed: The 'id' value (4294967295) is not within expected range: (0 - 4294967294) (t.json:2:18)"),
                row("`subnet4`:[{`id`:1,`subnet`:`192.0.2.0/24`},{`id`:1,`subnet`:`192.0.3.0/24`}]",
                        "ID of the new IPv4 subnet '1' is already in use (t.json:2:45)"),
                // [no position]
                row("`subnet4`:[{`id`:1,`subnet`:`192.0.2.0/24`},{`id`:2,`subnet`:`192.0.2.0/24`}]",
                        "subnet with the prefix of '192.0.2.0/24' already exists (t.json:2:45)"),
                // Kea 2.2 numbers id-less subnets 1, 2, ... whatever explicit ids exist.
                row("`subnet4`:[{`subnet`:`192.0.2.0/24`},{`id`:1,`subnet`:`192.0.3.0/24`},{`subnet`:`192.0.4.0/24`}]",
                        "ID of the new IPv4 subnet '1' is already in use (t.json:2:38)"),
                row("`subnet4`:[{`subnet`:`192.0.2.0/24`},{`id`:5,`subnet`:`192.0.3.0/24`},{`subnet`:`192.0.4.0/24`},{`id`:2,`subnet`:`192.0.5.0/24`}]",
                        "ID of the new IPv4 subnet '2' is already in use (t.json:2:97)"),
                row(SUB + ",`pools`:[{`pool`:`192.0.2.20 - 192.0.2.10`}]}]",
                        "Failed to create pool defined by: 192.0.2.20-192.0.2.10 (t.json:2:61)"),
                row(SUB + ",`pools`:[{`pool`:`192.0.3.20 - 192.0.3.30`}]}]",
                        "subnet configuration failed: a pool of type V4, with the following address range: 192.0.3.20-192.0.3.30 does not match the prefix of a subnet: 192.0.2.0/24 to which it is being added (t.json:2:12)"),
                row(SUB + ",`pools`:[{`pool`:`192.0.2.200 - 192.0.3.30`}]}]",
                        "subnet configuration failed: a pool of type V4, with the following address range: 192.0.2.200-192.0.3.30 does not match the prefix of a subnet: 192.0.2.0/24 to which it is being added (t.json:2:12)"),
                row(SUB + ",`pools`:[{`pool`:`192.0.2.10 - 192.0.2.30`},{`pool`:`192.0.2.30 - 192.0.2.40`}]}]",
                        "subnet configuration failed: a pool of type V4, with the following address range: 192.0.2.30-192.0.2.40 overlaps with an existing pool in the subnet: 192.0.2.0/24 to which it is being added (t.json:2:12)"),
                row(SUB + ",`pools`:[{`pool`:`192.0.2.64/33`}]}]", "Failed to create pool defined by: 192.0.2.64/33 (t.json:2:61)"),
                row(SUB + ",`pools`:[{`pool`:`192.0.2.64/0`}]}]", "Failed to create pool defined by: 192.0.2.64/0 (t.json:2:61)"),
                row(SUB + ",`pools`:[{`pool`:`192.0.2.x - 192.0.2.9`}]}]", "Failed to parse pool definition: 192.0.2.x-192.0.2.9 (t.json:2:61)"),
                row(SUB + ",`pools`:[{`pool`:`192.0.2.1`}]}]",
                        "invalid pool definition: 192.0.2.1. There are two acceptable formats <min address-max address> or <prefix/len> (t.json:2:61)"),
                row(SUB + ",`pools`:[{`pool`:`2001:db8::1 - 2001:db8::5`}]}]",
                        "Failed to create pool defined by: 2001:db8::1-2001:db8::5 (t.json:2:61)"));
    }

    static Stream<Arguments> lifetimesAndTimers() {
        return Stream.of(
                // Kea: "<post parsing>: ..." [no position]; ruru names the first lifetime key.
                row("`valid-lifetime`:100,`min-valid-lifetime`:200",
                        "the value of min-valid-lifetime (200) is not less than (default) valid-lifetime (100) (t.json:2:43)"),
                row("`valid-lifetime`:300,`max-valid-lifetime`:200",
                        "the value of (default) valid-lifetime (300) is not less than max-valid-lifetime (200) (t.json:2:18)"),
                row("`min-valid-lifetime`:300,`max-valid-lifetime`:200",
                        "the value of min-valid-lifetime (300) is not less than max-valid-lifetime (200) (t.json:2:22)"),
                // Kea 2.2's global default valid-lifetime 7200 takes part.
                row("`min-valid-lifetime`:100,`max-valid-lifetime`:200",
                        "the value of (default) valid-lifetime (7200) is not between min-valid-lifetime (100) and max-valid-lifetime (200) (t.json:2:22)"),
                // Subnet-level ones [no position]: ruru names the subnet map.
                row("`valid-lifetime`:100," + SUB + ",`min-valid-lifetime`:200}]",
                        "subnet configuration failed: the value of min-valid-lifetime (200) is not less than (default) valid-lifetime (100) (t.json:2:33)"),
                row(SUB + ",`valid-lifetime`:100,`max-valid-lifetime`:50}]",
                        "subnet configuration failed: the value of (default) valid-lifetime (100) is not less than max-valid-lifetime (50) (t.json:2:12)"),
                row(SUB + ",`max-valid-lifetime`:100}]",
                        "subnet configuration failed: the value of (default) valid-lifetime (7200) is not less than max-valid-lifetime (100) (t.json:2:12)"),
                row(SUB + ",`max-valid-lifetime`:100000,`min-valid-lifetime`:10000}]",
                        "subnet configuration failed: the value of (default) valid-lifetime (7200) is not between min-valid-lifetime (10000) and max-valid-lifetime (100000) (t.json:2:12)"),
                row("`min-valid-lifetime`:50," + SUB + ",`valid-lifetime`:40}]",
                        "subnet configuration failed: the value of min-valid-lifetime (50) is not less than (default) valid-lifetime (40) (t.json:2:36)"),
                row(SUB + ",`valid-lifetime`:1000,`renew-timer`:300,`rebind-timer`:200}]",
                        "subnet configuration failed: the value of renew-timer (300) is greater than the value of rebind-timer (200) (t.json:2:12)"),
                row("`renew-timer`:300,`rebind-timer`:200," + SUB + "}]",
                        "subnet configuration failed: the value of renew-timer (300) is greater than the value of rebind-timer (200) (t.json:2:49)"),
                row(SUB + ",`calculate-tee-times`:true,`t1-percent`:1.5}]",
                        "subnet configuration failed: t1-percent:  1.5 is invalid it must be greater than 0.0 and less than 1.0 (t.json:2:12)"),
                row(SUB + ",`calculate-tee-times`:true,`t1-percent`:0.0}]",
                        "subnet configuration failed: t1-percent:  0 is invalid it must be greater than 0.0 and less than 1.0 (t.json:2:12)"),
                row(SUB + ",`calculate-tee-times`:true,`t2-percent`:1.0}]",
                        "subnet configuration failed: t2-percent:  1 is invalid, it must be greater than 0.0 and less than 1.0 (t.json:2:12)"),
                row(SUB + ",`calculate-tee-times`:true,`t1-percent`:0.9,`t2-percent`:0.8}]",
                        "subnet configuration failed: t1-percent:  0.9 is invalid, it must be less than t2-percent: 0.8 (t.json:2:12)"),
                row(SUB + ",`calculate-tee-times`:true,`t1-percent`:0.9}]",
                        "subnet configuration failed: t1-percent:  0.9 is invalid, it must be less than t2-percent: 0.875 (t.json:2:12)"),
                row(SUB + ",`cache-threshold`:1.5}]",
                        "subnet configuration failed: cache-threshold: 1.5 is invalid, it must be greater than 0.0 and less than 1.0 (t.json:2:12)"),
                // Kea 2.2 refuses cache-threshold 0; Kea 3 accepts it as "no caching" (DecisionsConformanceTest).
                row(SUB + ",`cache-threshold`:-0.5}]",
                        "subnet configuration failed: cache-threshold: -0.5 is invalid, it must be greater than 0.0 and less than 1.0 (t.json:2:12)"),
                row("`cache-threshold`:2.0," + SUB + "}]",
                        "subnet configuration failed: cache-threshold: 2 is invalid, it must be greater than 0.0 and less than 1.0 (t.json:2:34)"),
                // Kea glues its position on without a space ("1.2.3.x(file:2:58)").
                row(SUB + ",`next-server`:`1.2.3.x`}]",
                        "subnet configuration failed: invalid parameter next-server : 1.2.3.x(t.json:2:58)"),
                row(SUB + ",`next-server`:`2001:db8::1`}]",
                        "subnet configuration failed: invalid parameter next-server : 2001:db8::1(t.json:2:58)"),
                row(SUB + ",`server-hostname`:`" + "a".repeat(70) + "`}]",
                        "subnet configuration failed: server-hostname must be at most 63 bytes long, it is 70 (t.json:2:62)"),
                row(SUB + ",`boot-file-name`:`" + "a".repeat(130) + "`}]",
                        "subnet configuration failed: boot-file-name must be at most 127 bytes long, it is 130 (t.json:2:61)"),
                // Kea said 2:53, one column past the relay map ruru names.
                row(SUB + ",`relay`:{`ip-addresses`:[`1.2.3.x`]}}]", "address 1.2.3.x is not a valid: IPv4address (t.json:2:52)"),
                row(SUB + ",`relay`:{`ip-addresses`:[`2001:db8::1`]}}]", "address 2001:db8::1 is not a: IPv4address (t.json:2:52)"));
    }

    @ParameterizedTest
    @MethodSource({"subnetsAndPools", "lifetimesAndTimers"})
    void refusedAsKeaRefusesIt(String body, String expected) throws Exception {
        assertThat(Configs.error(body)).isEqualTo(expected);
    }
}
