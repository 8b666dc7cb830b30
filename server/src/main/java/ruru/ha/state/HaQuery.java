package ruru.ha.state;

/**
 * A DHCP query as the HA service sees it, whatever the address family: what load balancing hashes,
 * how long the client has been trying, and who it is.
 */
public interface HaQuery {

    /** Whether the message type is one HA divides between servers (Kea's isHaType). */
    boolean isHaType();

    /**
     * The load-balancing key: DHCPv4 option 61's payload when present and non-empty, else the
     * hardware address; DHCPv6 the client DUID. Null when there is none.
     */
    byte[] loadBalanceKey();

    /** The transaction id, for logs. */
    int transactionId();

    /** Kea's packet label for logs, e.g. {@code [hwtype=1 0d:00:00:00:00:01], cid=[01:0d:...], tid=0x1}. */
    String label();

    /** How long the client has been trying, in milliseconds (v4 {@code secs}, v6 elapsed time). */
    long waitedMillis();

    /**
     * Who the client is, for counting distinct unacked clients and rejected lease updates: an object
     * with value equality (v4 hardware address and client id, v6 DUID). Null when it cannot be told.
     */
    Object clientKey();
}
