package ruru.lease;

import ruru.wire.v6.IaType;

/**
 * A family's packed form of its leases ({@link LeaseRecord}'s layout): the address length, where
 * the variable fields start, how many of them are identity keys (indexed after the hostname), and
 * the conversions both ways. {@link LeaseTable} keeps only records and turns them into leases when
 * asked.
 */
interface LeaseCodec<A extends Comparable<A>, L extends Lease<A>> {

    /** 4 for IPv4, 16 for IPv6. */
    int addressLength();

    /** Offset of the first variable field (the hostname). */
    int fixedLength();

    /** Variable fields 1..identityKeys() are the family's identity keys (indexed when present and not empty). */
    int identityKeys();

    byte[] encode(L lease);

    L decode(byte[] record);

    /** The address as the record starts with it. */
    byte[] addressKey(A address);

    /** The lease type a record counts as (statistics). */
    IaType type(byte[] record);
}
