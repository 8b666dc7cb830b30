package ruru.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Versions and the build report. {@code -v} and version-get's text give the Kea version ruru is
 * compatible with (scripts and Stork parse it and choose the 3.x protocol from it); {@code -V} and
 * version-get's {@code extended} say plainly that this is ruru.
 */
public final class BuildInfo {

    private static final Properties PROPS = load();

    private BuildInfo() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/ruru/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    public static String ruruVersion() {
        return PROPS.getProperty("ruru.version", "unknown");
    }

    /** The Kea release whose commands, texts and files ruru follows. */
    public static String keaVersion() {
        return PROPS.getProperty("kea.compat", "3.0.4");
    }

    /** {@code -V}: Kea 3's shape, {@code <version> (<extended>)} then what it is linked with. */
    public static String extendedVersion() {
        return keaVersion() + " (ruru " + ruruVersion() + ")\n"
                + "premium: no\n"
                + "linked with:\n"
                + "- Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")\n"
                + "- logback " + mavenVersion("ch.qos.logback", "logback-classic") + "\n"
                + "lease backends:\n"
                + "- Memfile backend 3.0\n"
                + "host backends:\n"
                + "- none\n"
                + "forensic backends:\n"
                + "- none";
    }

    /** {@code -W} and build-report: how this binary was built. */
    public static String buildReport() {
        return "\nruru build report\n"
                + "=================\n\n"
                + "Package:\n"
                + "  Name:              ruru\n"
                + "  Version:           " + ruruVersion() + "\n"
                + "  Kea compatibility: " + keaVersion() + "\n\n"
                + "Build:\n"
                + "  Built with Java:   " + PROPS.getProperty("build.java", "?") + "\n"
                + "  Build OS:          " + PROPS.getProperty("build.os", "?") + "\n\n"
                + "Runtime:\n"
                + "  Java:              " + Runtime.version() + "\n"
                + "  VM:                " + System.getProperty("java.vm.name", "?") + "\n"
                + "  OS:                " + System.getProperty("os.name", "?") + " "
                + System.getProperty("os.arch", "?") + "\n\n"
                + "Backends:\n"
                + "  Lease:             memfile\n"
                + "  Host:              configuration file\n";
    }

    /** A dependency's version from the pom.properties Maven puts in every jar (kept by the shade). */
    private static String mavenVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "(version unknown)";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "(version unknown)");
        } catch (IOException e) {
            return "(version unknown)";
        }
    }
}
