package ruru.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ruru.testing.Closer;
import ruru.testing.DaemonDirs;
import ruru.testing.DaemonProcess;
import ruru.testing.NetnsPair;
import ruru.testing.PgCluster;

/**
 * Kea 3's {@code offer-lifetime} with the leases in PostgreSQL (Kea 2.2's schema made by
 * kea-admin): the OFFER's address is a {@code lease4} row with the offer lifetime and state 0
 * before the OFFER leaves, and the REQUEST rewrites that row with the valid lifetime.
 */
class Dhcp4PgsqlOfferLifetimeTest {

    private static PgCluster pg;
    private static NetnsPair net;
    private static DaemonDirs dirs;
    private static DaemonProcess daemon;

    @BeforeAll
    static void start() throws Exception {
        NetnsPair.requireRoot();
        pg = PgsqlSite.cluster("offers");
        net = NetnsPair.create("po", true, null);
        dirs = DaemonDirs.create();
        Path cfg = dirs.writeConfig("offers.json", PgsqlSite.config(net.serverIface(), "ctl.sock",
                PgsqlSite.leaseDatabase(pg, "offers", ""), PgsqlSite.ruruHooks(), "\"offer-lifetime\": 30,"));
        daemon = DaemonProcess.startIn(net.server(), dirs, Map.of(), "dhcp4", "-c", cfg.toString());
        daemon.awaitSocket(dirs.socket("ctl.sock"));
    }

    @AfterAll
    static void stop() {
        Closer.closeAll(daemon, net, dirs, pg);
    }

    private static String[] client(String... args) throws Exception {
        return PgsqlSite.doraClient(net, dirs.root(), args);
    }

    private static String row(String address) throws Exception {
        return pg.psql("offers", "SELECT valid_lifetime || ' ' || state FROM lease4 WHERE address = ('" + address
                + "'::inet - '0.0.0.0'::inet)");
    }

    @Test
    void theOfferIsARowWithTheOfferLifetimeAndTheRequestExtendsIt() throws Exception {
        String[] offer = client("discover", "1");
        assertThat(offer[0]).isEqualTo("OFFER");
        assertThat(offer[2]).isEqualTo("4000");
        assertThat(row(offer[1])).isEqualTo("30 0");
        assertThat(client("discover", "2")[1]).as("a held address is not offered again").isNotEqualTo(offer[1]);
        assertThat(client("request", "1", offer[1])).containsExactly("ACK", offer[1], "4000");
        assertThat(row(offer[1])).isEqualTo("4000 0");
    }
}
