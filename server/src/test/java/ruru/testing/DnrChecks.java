package ruru.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** Shared steps of the two families' Encrypted DNS (RFC 9463) end-to-end tests. */
public final class DnrChecks {

    private DnrChecks() {
    }

    /** dhclient's text of a "string" option ("0:18:0:1:15:7:6d...", octets not zero-padded) as plain hex. */
    public static String dhclientHex(String dhclientText) {
        StringBuilder sb = new StringBuilder();
        for (String octet : dhclientText.split(":")) {
            sb.append(String.format("%02x", Integer.parseInt(octet, 16)));
        }
        return sb.toString();
    }

    /**
     * {@code ruru DAEMON -t} of a global option-data entry with each case's data: exit 1 and Kea's
     * text, {@code prefix} then the case's reason, with the position of the data value.
     *
     * @param family "4" or "6"
     */
    public static void refusedAtCheck(DaemonDirs dirs, String family, String[][] cases) throws Exception {
        String code = family.equals("4") ? "162" : "144";
        String prefix = "option data does not match option definition (space: dhcp" + family + ", code: " + code
                + "): DHCPv" + family + " Encrypted DNS Option (" + code + ") malformed: ";
        for (String[] c : cases) {
            Path f = dirs.writeConfig("bad.json", "{ \"Dhcp" + family + "\": {\n  \"option-data\": [ { \"name\": \"v"
                    + family + "-dnr\", \"data\": \"" + c[0] + "\" } ] } }\n");
            DaemonProcess.Result r = DaemonProcess.runToEnd(dirs, "dhcp" + family, "-t", f.toString());
            assertThat(r.exit()).as(c[0]).isEqualTo(1);
            assertThat(r.err()).as(c[0]).contains(prefix + c[1] + " (" + f + ":2:48)");
        }
    }

    /** {@code ruru DAEMON -t} of {@code csv-format: false} data: exit 1 and {@code reason} at the entry. */
    public static void hexRefusedAtCheck(DaemonDirs dirs, String family, String hex, String reason) throws Exception {
        String code = family.equals("4") ? "162" : "144";
        Path f = dirs.writeConfig("hex.json", "{ \"Dhcp" + family + "\": {\n  \"option-data\": [ { \"code\": " + code
                + ", \"csv-format\": false, \"data\": \"" + hex + "\" } ] } }\n");
        DaemonProcess.Result r = DaemonProcess.runToEnd(dirs, "dhcp" + family, "-t", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("DHCPv" + family + " Encrypted DNS Option (" + code + ") malformed: " + reason
                + " (" + f + ":2:");
    }
}
