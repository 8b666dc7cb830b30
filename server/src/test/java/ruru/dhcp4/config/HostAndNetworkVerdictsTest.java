package ruru.dhcp4.config;

import static org.assertj.core.api.Assertions.assertThat;
import static ruru.dhcp4.config.KeaVerdictsTest.row;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reservations, shared networks and global sections; each row's text is Kea 2.2's ({@link KeaVerdictsTest}). */
class HostAndNetworkVerdictsTest {

    static final String SUB = KeaVerdictsTest.SUB;

    static Stream<Arguments> reservations() {
        return Stream.of(
                row(SUB + ",`reservations`:[{`ip-address`:`192.0.2.5`}]}]",
                        "one of the supported identifiers must be specified for host reservation: circuit-id, client-id, duid, flex-id, hw-address (t.json:2:60)"),
                row(SUB + ",`reservations`:[{`hw-address`:`aa:bb:cc:dd:ee:ff`,`client-id`:`01aa`,`ip-address`:`192.0.2.5`}]}]",
                        "the 'hw-address' and 'client-id' are mutually exclusive (t.json:2:60)"),
                // [no position]: ruru names the address.
                row(SUB + ",`reservations`:[{`hw-address`:`aa:bb:cc:dd:ee:ff`,`ip-address`:`192.0.3.5`}]}]",
                        "specified reservation '192.0.3.5' is not within the IPv4 subnet '192.0.2.0/24' (t.json:2:107)"),
                // [no position] for the duplicates: ruru names the second reservation.
                row(SUB + ",`reservations`:[{`hw-address`:`aa:bb:cc:dd:ee:ff`,`ip-address`:`192.0.2.5`},{`hw-address`:`aa:bb:cc:dd:ee:ff`,`ip-address`:`192.0.2.6`}]}]",
                        "failed to add new host using the HW address 'aa:bb:cc:dd:ee:ff' to the IPv4 subnet id '1' as this host has already been added (t.json:2:120)"),
                row(SUB + ",`reservations`:[{`hw-address`:`aa:bb:cc:dd:ee:ff`,`ip-address`:`192.0.2.5`},{`hw-address`:`aa:bb:cc:dd:ee:01`,`ip-address`:`192.0.2.5`}]}]",
                        "failed to add new host using the HW address 'aa:bb:cc:dd:ee:01 and DUID '(null)' to the IPv4 subnet id '1' for the address 192.0.2.5: There's already a reservation for this address (t.json:2:120)"),
                row(SUB + ",`reservations`:[{`duid`:`01:02`,`ip-address`:`192.0.2.5`},{`duid`:`01:03`,`ip-address`:`192.0.2.5`}]}]",
                        "failed to add new host using the HW address '(null) and DUID '01:03' to the IPv4 subnet id '1' for the address 192.0.2.5: There's already a reservation for this address (t.json:2:102)"),
                row(SUB + ",`reservations`:[{`circuit-id`:`'ab'`,`ip-address`:`192.0.2.5`},{`circuit-id`:`6162`,`ip-address`:`192.0.2.6`}]}]",
                        "failed to add duplicate IPv4 host using identifier: circuit-id=6162 (t.json:2:107)"),
                row(SUB + ",`reservations`:[{`duid`:`01:02`,`ip-address`:`192.0.2.5`},{`duid`:`01:02`,`ip-address`:`192.0.2.6`}]}]",
                        "failed to add new host using the DUID '01:02' to the IPv4 subnet id '1' as this host has already been added (t.json:2:102)"),
                row("`reservations`:[{`hw-address`:`aa:bb:cc:dd:ee:ff`,`ip-address`:`10.0.0.1`},{`hw-address`:`aa:bb:cc:dd:ee:ff`,`ip-address`:`10.0.0.2`}]",
                        "failed to add new host using the HW address 'aa:bb:cc:dd:ee:ff' to the IPv4 subnet id '0' as this host has already been added (t.json:2:76)"),
                row(SUB + ",`reservations`:[{`hw-address`:`zz:bb`}]}]", "invalid host identifier value 'zz:bb' (t.json:2:60)"),
                row(SUB + ",`reservations`:[{`hw-address`:`aa-bb-cc-dd-ee-ff`}]}]", "invalid host identifier value 'aa-bb-cc-dd-ee-ff' (t.json:2:60)"),
                row(SUB + ",`reservations`:[{`hw-address`:`aabb.ccdd.eeff`}]}]", "invalid host identifier value 'aabb.ccdd.eeff' (t.json:2:60)"),
                row(SUB + ",`reservations`:[{`client-id`:`xyz`}]}]", "invalid host identifier value 'xyz' (t.json:2:60)"),
                row(SUB + ",`reservations`:[{`duid`:``}]}]", "empty host identifier used (t.json:2:60)"),
                row(SUB + ",`reservations`:[{`hw-address`:`aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee`,`hostname`:`x`}]}]",
                        "address vector size exceeds MAX_HWADDR_LEN (t.json:2:60)"),
                row(SUB + ",`reservations`:[{`circuit-id`:`'abc'`}]}]",
                        "specified reservation  must include at least one resource, i.e. hostname, IPv4 address, IPv6 address/prefix, options (t.json:2:60)"),
                row(SUB + ",`reservations`:[{`flex-id`:`'abc'`,`ip-address`:`0.0.0.0`}]}]",
                        "must not make reservation for the '0.0.0.0' address (t.json:2:92)"),
                row(SUB + ",`reservations`:[{`duid`:`01:02:03`,`ip-address`:`192.0.2.x`}]}]",
                        "Failed to convert string to address '192.0.2.x': Invalid argument (t.json:2:92)"),
                row(SUB + ",`reservations`:[{`duid`:`01:02:03`,`next-server`:`192.0.2.x`}]}]",
                        "Failed to convert string to address '192.0.2.x': Invalid argument (t.json:2:93)"),
                row(SUB + ",`reservations`:[{`duid`:`01:02:03`,`server-hostname`:`" + "a".repeat(70) + "`}]}]",
                        "server hostname length must not exceed 63 (t.json:2:97)"),
                row(SUB + ",`reservations`:[{`duid`:`01:02:03`,`boot-file-name`:`" + "a".repeat(130) + "`}]}]",
                        "boot file length must not exceed 127 (t.json:2:96)"));
    }

    static Stream<Arguments> sharedNetworks() {
        return Stream.of(
                // Kea points at 2:1; ruru at the second network.
                row("`shared-networks`:[{`name`:`a`},{`name`:`a`}]", "duplicate network 'a' found in the configuration (t.json:2:33)"),
                row("`shared-networks`:[{`subnet4`:[]}]", "missing parameter 'name' (t.json:2:20)"),
                // Kea: "<post parsing>: ..." [no position].
                row("`shared-networks`:[{`name`:``}]", "Shared-network with subnets  is missing mandatory 'name' parameter (t.json:2:28)"),
                row("`shared-networks`:[{`name`:`a`,`interface`:`lo`,`subnet4`:[{" + "`id`:1,`subnet`:`192.0.2.0/24`,`interface`:`eth0`}]}]",
                        "Subnet 192.0.2.0/24 has specified interface eth0, but earlier subnet in the same shared-network or the shared-network itself used lo (t.json:2:60)"),
                row("`shared-networks`:[{`name`:`a`,`subnet4`:[{`id`:1,`subnet`:`192.0.2.0/24`,`interface`:`lo`},{`id`:2,`subnet`:`192.0.3.0/24`,`interface`:`eth0`}]}]",
                        "Subnet 192.0.3.0/24 has specified interface eth0, but earlier subnet in the same shared-network or the shared-network itself used lo (t.json:2:93)"),
                row("`shared-networks`:[{`name`:`a`,`subnet4`:[{`id`:1,`subnet`:`192.0.2.0/24`}]}],`subnet4`:[{`id`:1,`subnet`:`192.0.3.0/24`}]",
                        "ID of the new IPv4 subnet '1' is already in use (t.json:2:90)"),
                row("`shared-networks`:[{`name`:`a`,`subnet4`:[{`id`:1,`subnet`:`192.0.2.0/24`}]},{`name`:`b`,`subnet4`:[{`id`:2,`subnet`:`192.0.2.0/24`}]}]",
                        "subnet with the prefix of '192.0.2.0/24' already exists (t.json:2:101)"),
                row("`shared-networks`:[{`name`:`a`,`subnet4`:[{`id`:1,`subnet`:`192.0.2.0/24`,`renew-timer`:300,`rebind-timer`:200}]}]",
                        "subnet configuration failed: the value of renew-timer (300) is greater than the value of rebind-timer (200) (t.json:2:43)"),
                // Kea said 2:41, one column past the relay map.
                row("`shared-networks`:[{`name`:`a`,`relay`:{`ip-addresses`:[`1.2.3.x`]}}]", "address 1.2.3.x is not a valid: IPv4address (t.json:2:40)"));
    }

    static Stream<Arguments> globals() {
        return Stream.of(
                row("`host-reservation-identifiers`:[`hw-address`,`hw-address`]", "duplicate host identifier 'hw-address' (t.json:2:46)"),
                row("`expired-leases-processing`:{`reclaim-timer-wait-time`:1000000}",
                        "out range value '1000000' for configuration parameter 'reclaim-timer-wait-time', expected maximum value of '65535' (t.json:2:56)"),
                row("`expired-leases-processing`:{`max-reclaim-time`:100000}",
                        "out range value '100000' for configuration parameter 'max-reclaim-time', expected maximum value of '10000' (t.json:2:49)"),
                row("`expired-leases-processing`:{`unwarned-reclaim-cycles`:100000}",
                        "out range value '100000' for configuration parameter 'unwarned-reclaim-cycles', expected maximum value of '65535' (t.json:2:56)"),
                row("`expired-leases-processing`:{`flush-reclaimed-timer-wait-time`:100000}",
                        "out range value '100000' for configuration parameter 'flush-reclaimed-timer-wait-time', expected maximum value of '65535' (t.json:2:64)"));
    }

    @ParameterizedTest
    @MethodSource({"reservations", "sharedNetworks", "globals"})
    void refusedAsKeaRefusesIt(String body, String expected) throws Exception {
        assertThat(Configs.error(body)).isEqualTo(expected);
    }
}
