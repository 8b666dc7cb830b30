package ruru.lease.pgsql;

/**
 * Kea's {@code schema_version} row. ruru serves the lease tables of Kea 2.2 (13.0) through Kea 3.0
 * (29.0), using the columns each has; other versions are refused with Kea's text.
 */
public record SchemaVersion(int major, int minor) implements Comparable<SchemaVersion> {

    /** Kea 2.2's schema. */
    public static final SchemaVersion KEA_2_2 = new SchemaVersion(13, 0);
    /** Kea 3.0's schema: what {@code ruru admin db-init} creates and {@code db-upgrade} reaches. */
    public static final SchemaVersion KEA_3_0 = new SchemaVersion(29, 0);

    public boolean servable() {
        return major >= KEA_2_2.major && major <= KEA_3_0.major;
    }

    /** Kea's refusal: {@code PostgreSQL schema version mismatch: need version: 29.0 found version: 12.0}. */
    public String mismatch() {
        SchemaVersion need = major < KEA_2_2.major ? KEA_2_2 : KEA_3_0;
        return "PostgreSQL schema version mismatch: need version: " + need + " found version: " + this;
    }

    @Override
    public int compareTo(SchemaVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
