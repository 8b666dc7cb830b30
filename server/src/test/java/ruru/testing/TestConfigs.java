package ruru.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small, valid Kea configurations for end-to-end tests, written into a test's directory. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** A Dhcp4 config with its control socket {@code ctl.sock} in the socket directory ({@link DaemonDirs}). */
    public static String dhcp4(int validLifetime) {
        return """
                // written by a test
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ ] },
                    "lease-database": { "type": "memfile", "persist": false },
                    "control-socket": { "socket-type": "unix", "socket-name": "ctl.sock" },
                    "valid-lifetime": %d,
                    "subnet4": [ {
                      "id": 1,
                      "subnet": "127.0.0.0/8",
                      "pools": [ { "pool": "127.1.0.1 - 127.1.0.200" } ],
                      "comment": "first floor"
                    } ],
                    "statistic-default-sample-count": 5
                  }
                }
                """.formatted(validLifetime);
    }

    /**
     * A Dhcp4 config for relayed clients (NetnsPair's relay 192.0.2.2, subnet 198.18.0.0/15) on
     * {@code iface} with UDP sockets; {@code entries} are further top-level entries, each a
     * complete {@code "key": value} text.
     */
    public static String relayed(String iface, String... entries) {
        StringBuilder extra = new StringBuilder();
        for (String e : entries) {
            extra.append("    ").append(e).append(",\n");
        }
        return """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "%s" ], "dhcp-socket-type": "udp" },
                %s    "subnet4": [ {
                      "id": 1,
                      "subnet": "198.18.0.0/15",
                      "relay": { "ip-addresses": [ "192.0.2.2" ] },
                      "pools": [ { "pool": "198.18.0.1 - 198.19.255.254" } ]
                    } ]
                  }
                }
                """.formatted(iface, extra);
    }

    public static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** A short temporary directory: UNIX socket paths must stay under 108 bytes. */
    public static Path shortTempDir() throws IOException {
        return Files.createTempDirectory(Path.of("/tmp"), "ru");
    }
}
