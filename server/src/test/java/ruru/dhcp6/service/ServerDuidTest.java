package ruru.dhcp6.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ruru.dhcp6.config.ServerIdConfig;
import ruru.wire.HardwareAddress;
import ruru.net.NetInterface6;

/** The server's DUID as Kea makes it, kept in kea-dhcp6-serverid as Kea keeps it. */
class ServerDuidTest {

    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");
    private static final List<NetInterface6> LINKS = List.of(
            new NetInterface6("lo", 1, null, List.of(), List.of(), true, true, false),
            new NetInterface6("eth0", 2, new HardwareAddress(HardwareAddress.ETHERNET,
                    COLONS.parseHex("02:fc:00:00:00:01")), List.of(), List.of(), true, false, true));

    @TempDir
    Path dir;

    private String resolve(ServerIdConfig c, Instant now) {
        try {
            return COLONS.formatHex(ServerDuid.resolve(c, dir.resolve(ServerDuid.FILE_NAME), LINKS, now).bytes());
        } catch (ruru.daemon.config.ConfigException e) {
            throw new AssertionError(e);
        }
    }

    /** As kea-dhcp6: an identifier that cannot be stored refuses the configuration, with Kea's text. */
    @Test
    void anIdentifierThatCannotBeStoredRefusesTheConfiguration() {
        Path missing = dir.resolve("no-such-dir").resolve(ServerDuid.FILE_NAME);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerDuid.resolve(ServerIdConfig.defaults(), missing,
                LINKS, Instant.ofEpochSecond(ServerDuid.EPOCH_2000 + 1)))
                .isInstanceOf(ruru.daemon.config.ConfigException.class)
                .hasMessageContaining("unable to configure server identifier: unable to open '" + missing
                        + "' for writing");
    }

    @Test
    void lltFromTheFirstEthernetLinkAndTheTimeSince2000IsKeptAcrossRestarts() throws Exception {
        Instant now = Instant.ofEpochSecond(ServerDuid.EPOCH_2000 + 0x2b3c4d5e);
        String duid = resolve(ServerIdConfig.defaults(), now);
        assertThat(duid).isEqualTo("00:01:00:01:2b:3c:4d:5e:02:fc:00:00:00:01");
        assertThat(Files.readString(dir.resolve("kea-dhcp6-serverid"))).isEqualTo(duid);
        assertThat(resolve(ServerIdConfig.defaults(), now.plusSeconds(86400))).isEqualTo(duid);
    }

    @Test
    void aFileKeaWroteIsUsedAsIs() throws Exception {
        Files.writeString(dir.resolve("kea-dhcp6-serverid"), "00:01:00:01:2e:f0:11:22:aa:bb:cc:dd:ee:ff\n");
        assertThat(resolve(ServerIdConfig.defaults(), Instant.now()))
                .isEqualTo("00:01:00:01:2e:f0:11:22:aa:bb:cc:dd:ee:ff");
    }

    @Test
    void configuredPartsOverrideTheStoredOnes() throws Exception {
        Files.writeString(dir.resolve("kea-dhcp6-serverid"), "00:01:00:01:2e:f0:11:22:aa:bb:cc:dd:ee:ff");
        ServerIdConfig c = new ServerIdConfig(ServerIdConfig.Type.LLT, Optional.of(COLONS.parseHex("01:02:03")), 0,
                0x11223344L, 0, true);
        assertThat(resolve(c, Instant.now())).isEqualTo("00:01:00:01:11:22:33:44:01:02:03");
    }

    @Test
    void enterpriseNumberDefaultsToIscsAndTheIdentifierIsRandomButKept() {
        ServerIdConfig en = new ServerIdConfig(ServerIdConfig.Type.EN, Optional.empty(), 0, 0, 0, true);
        String duid = resolve(en, Instant.now());
        assertThat(duid).startsWith("00:02:00:00:09:bf:").hasSize(6 * 3 + 6 * 3 - 1);
        assertThat(resolve(en, Instant.now())).isEqualTo(duid);
    }

    @Test
    void linkLayerAndNoFileWhenNotPersisted() {
        ServerIdConfig ll = new ServerIdConfig(ServerIdConfig.Type.LL, Optional.empty(), 0, 0, 0, false);
        assertThat(resolve(ll, Instant.now())).isEqualTo("00:03:00:01:02:fc:00:00:00:01");
        assertThat(dir.resolve("kea-dhcp6-serverid")).doesNotExist();
    }
}
