package ruru.ddns.ncr;

/** A NameChangeRequest's {@code change-type}: Kea's CHG_ADD (0) and CHG_REMOVE (1). */
public enum ChangeType {
    ADD(0, "CHG_ADD"),
    REMOVE(1, "CHG_REMOVE");

    private final int code;
    private final String keaName;

    ChangeType(int code, String keaName) {
        this.code = code;
        this.keaName = keaName;
    }

    /** The number carried in the NCR JSON. */
    public int code() {
        return code;
    }

    /** Kea's name in logs ({@code Type: 0 (CHG_ADD)}). */
    public String keaName() {
        return keaName;
    }
}
