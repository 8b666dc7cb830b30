package ruru.ddns.names;

/**
 * The server's decision on a lease's name: what the lease stores and the NCRs carry, and what the
 * reply tells the client.
 *
 * @param hostname  the lease's hostname ("" for none); option 81/39 and generated names end with a dot
 * @param forward   the server updates the A/AAAA record (lease {@code fqdn-fwd})
 * @param reverse   the server updates the PTR record (lease {@code fqdn-rev})
 * @param reply     which option the reply carries the name in
 * @param serverS   the S flag of the reply's FQDN option
 * @param serverO   its O flag (the server overrode the client's S)
 * @param serverN   its N flag (no updates at all)
 */
public record NameDecision(String hostname, boolean forward, boolean reverse, Reply reply, boolean serverS,
                           boolean serverO, boolean serverN) {

    /** The option the reply carries. */
    public enum Reply {
        NONE, FQDN, HOST_NAME
    }

    public static final NameDecision NONE = new NameDecision("", false, false, Reply.NONE, false, false, false);

    public boolean updatesDns() {
        return !hostname.isEmpty() && (forward || reverse);
    }

    public NameDecision with(String newHostname, boolean fwd, boolean rev) {
        return new NameDecision(newHostname, fwd, rev, reply, serverS, serverO, serverN);
    }

    /**
     * What a {@code ddns4_update}/{@code ddns6_update} callout's change leaves, as Kea applies it: the
     * name and directions it chose, and a reply FQDN option saying the server does no updates (S 0,
     * N 1) whatever the directions.
     */
    public NameDecision changedByHook(String newHostname, boolean fwd, boolean rev) {
        return new NameDecision(newHostname, fwd, rev, reply, false, serverO, true);
    }
}
