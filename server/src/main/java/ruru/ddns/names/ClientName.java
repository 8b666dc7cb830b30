package ruru.ddns.names;

/**
 * What the client said about its name, family-neutral: the FQDN option (v4 option 81, v6 option
 * 39) with its flags, a plain host name (v4 option 12), or nothing.
 */
public sealed interface ClientName {

    /** @param name as sent; "" when empty; a name without trailing dot is partial */
    record Fqdn(boolean s, boolean o, boolean n, String name) implements ClientName {
    }

    record HostName(String name) implements ClientName {
    }

    record None() implements ClientName {
    }

    ClientName NONE = new None();
}
