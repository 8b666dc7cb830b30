package ruru.ddns.d2.update;

/**
 * One DNS exchange of a name change transaction (the update states of Kea's D2), with the words
 * Kea's log messages use for it.
 */
enum Step {
    FWD_ADD("FORWARD_ADD", "forward mapping add", "adding forward address mapping",
            "add the address mapping"),
    FWD_REPLACE("FORWARD_REPLACE", "forward mapping replace", "replacing forward address mapping",
            "replace the address mapping"),
    FWD_REMOVE_ADDRS("FORWARD_REMOVE_ADDRS", "forward mapping address removal", "removing forward address mapping",
            "remove the forward address mapping"),
    FWD_REMOVE_RRS("FORWARD_REMOVE_RRS", "forward RR removal", "removing forward RRs",
            "remove forward RR entries"),
    REV_REPLACE("REVERSE_REPLACE", "reverse mapping replacement", "replacing reverse address mapping",
            "replace the reverse mapping"),
    REV_REMOVE("REVERSE_REMOVE", "reverse mapping remove", "removing reverse address mapping",
            "remove the reverse mapping");

    private final String id;
    private final String ioWords;
    private final String corruptWords;
    private final String rejectWords;

    Step(String id, String ioWords, String corruptWords, String rejectWords) {
        this.id = id;
        this.ioWords = ioWords;
        this.corruptWords = corruptWords;
        this.rejectWords = rejectWords;
    }

    boolean forward() {
        return this == FWD_ADD || this == FWD_REPLACE || this == FWD_REMOVE_ADDRS || this == FWD_REMOVE_RRS;
    }

    /** {@code DHCP_DDNS_<id>_IO_ERROR} */
    String ioError(String requestId, String fqdn, String server) {
        return "DHCP_DDNS_" + id + "_IO_ERROR DHCP_DDNS Request ID " + requestId + ": encountered an IO error sending a "
                + ioWords + " for FQDN " + fqdn + " to DNS server " + server;
    }

    /** {@code DHCP_DDNS_<id>_RESP_CORRUPT} */
    String corrupt(String requestId, String server, String fqdn) {
        return "DHCP_DDNS_" + id + "_RESP_CORRUPT DHCP_DDNS Request ID " + requestId
                + ": received a corrupt response from the DNS server, " + server + ", while " + corruptWords
                + " for FQDN, " + fqdn;
    }

    /** {@code DHCP_DDNS_<id>_REJECTED} */
    String rejected(String requestId, String server, String fqdn, int rcode) {
        return "DHCP_DDNS_" + id + "_REJECTED DNS Request ID " + requestId + ": Server, " + server
                + ", rejected a DNS update request to " + rejectWords + " for FQDN, " + fqdn + ", with an RCODE: "
                + rcode;
    }
}
