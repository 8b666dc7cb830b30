package ruru.daemon.state;

/**
 * Who disabled (or enables) the DHCP service. Kea numbers origins (src/lib/dhcpsrv/network_state.h):
 * 1 is the administrator, 1000-1999 the local HA service (one id per HA relationship),
 * 2000-2999 an HA partner's command, 3000 and above a lost database connection. The id is
 * unsigned 32-bit, as in Kea.
 */
public record Origin(long id) implements Comparable<Origin> {

    public static final long HA_LOCAL_COMMAND = 1000;
    public static final long HA_REMOTE_COMMAND = 2000;
    public static final long DB_CONNECTION = 3000;

    /** dhcp-enable/dhcp-disable without origin, or with {@code "origin": "user"}. */
    public static final Origin USER = new Origin(1);
    /** {@code "origin": "ha-partner"} maps to the first HA remote id. */
    public static final Origin HA_PARTNER = new Origin(HA_REMOTE_COMMAND);

    public enum Kind { USER, HA_LOCAL, HA_REMOTE, DB_CONNECTION, OTHER }

    public Origin {
        if (id < 0 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("origin id out of range: " + id);
        }
    }

    /** Kea assigns a JSON integer to an unsigned int: the value wraps modulo 2^32. */
    public static Origin fromJson(long value) {
        return new Origin(value & 0xFFFF_FFFFL);
    }

    public Kind kind() {
        if (id == 1) {
            return Kind.USER;
        }
        if (id >= HA_LOCAL_COMMAND && id < HA_REMOTE_COMMAND) {
            return Kind.HA_LOCAL;
        }
        if (id >= HA_REMOTE_COMMAND && id < DB_CONNECTION) {
            return Kind.HA_REMOTE;
        }
        if (id >= DB_CONNECTION) {
            return Kind.DB_CONNECTION;
        }
        return Kind.OTHER;
    }

    @Override
    public int compareTo(Origin o) {
        return Long.compare(id, o.id);
    }
}
