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
