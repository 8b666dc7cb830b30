package ruru.dhcp4.service;

import java.util.concurrent.ConcurrentHashMap;

import ruru.wire.Ipv4Address;

/**
 * Addresses offered but not yet requested. Kea does not persist an offer (offer-lifetime 0), so
 * two clients may be offered the same address and the second REQUEST is NAKed; holding offers in
 * memory for a few seconds lets concurrent DISCOVERs get different addresses, which keeps NAKs out
 * of a busy DORA stream. Nothing here is durable: a restart forgets offers, as Kea does.
 */
final class OfferCache {

    private record Offer(ClientIdentity client, long expiresNanos) {
    }

    private static final long HOLD_NANOS = 10_000_000_000L;
    private static final int PURGE_ABOVE = 65_536;

    private final ConcurrentHashMap<Ipv4Address, Offer> offers = new ConcurrentHashMap<>();

    /** Holds {@code address} for {@code client}; false when another client's offer holds it. */
    boolean hold(Ipv4Address address, ClientIdentity client, long nowNanos) {
        Offer mine = new Offer(client, nowNanos + HOLD_NANOS);
        Offer result = offers.merge(address, mine,
                (old, fresh) -> old.client.equals(client) || old.expiresNanos < nowNanos ? fresh : old);
        if (offers.size() > PURGE_ABOVE) {
            offers.values().removeIf(o -> o.expiresNanos < nowNanos);
        }
        return result == mine;
    }

    /** Whether another client holds an unexpired offer for {@code address}. */
    boolean heldByOther(Ipv4Address address, ClientIdentity client, long nowNanos) {
        Offer o = offers.get(address);
        return o != null && o.expiresNanos >= nowNanos && !o.client.equals(client);
    }

    /** The offer is consumed by a REQUEST (or given up). */
    void release(Ipv4Address address) {
        offers.remove(address);
    }

    void clear() {
        offers.clear();
    }
}
