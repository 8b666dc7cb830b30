package ruru.dhcp6.service;

import java.util.List;

import ruru.wire.WireFormatException;
import ruru.wire.v6.Ia;
import ruru.wire.v6.IaPrefix;
import ruru.wire.v6.IaType;

/**
 * Kea 3's passes over the pd-pools for a PD hint's requested length (Allocator::PrefixLenMatchType
 * and AllocEngine::allocateUnreservedLeases6): first the pools delegating exactly that length, then
 * those delegating shorter (larger) prefixes, then longer ones; each pass tries the hint and walks
 * every subnet of the shared network before the next pass. Without a requested length one pass
 * takes every pool. Kea 2.2 ignores the length (kea-dhcp6 2.2 live: the walk goes on through the
 * pools in order); ruru follows Kea 3.
 */
enum PrefixLengthMatch {
    EQUAL, LOWER, HIGHER;

    private static final List<PrefixLengthMatch> ALL = List.of(EQUAL, LOWER, HIGHER);
    private static final List<PrefixLengthMatch> ANY = List.of(HIGHER);

    /** Whether a pool delegating {@code delegated} takes part in this pass for the requested {@code length} (0: none). */
    boolean admits(int delegated, int length) {
        if (length == 0) {
            return true;
        }
        return switch (this) {
            case EQUAL -> delegated == length;
            case LOWER -> delegated < length;
            case HIGHER -> delegated > length;
        };
    }

    /** The passes for a requested length (0: none, and every IA_NA). */
    static List<PrefixLengthMatch> passes(int length) {
        return length == 0 ? ANY : ALL;
    }

    /**
     * The length an IA_PD requests, as Kea 3 reads its hint: the first IAPREFIX's length, where 0
     * and 128 (no valid delegated length) mean none; 0 for an IA_NA.
     */
    static int requested(Ia ia) throws WireFormatException {
        if (ia.type() != IaType.PD) {
            return 0;
        }
        List<IaPrefix> prefixes = ia.prefixes();
        if (prefixes.isEmpty()) {
            return 0;
        }
        int length = prefixes.getFirst().prefixLength();
        return length >= 128 ? 0 : length;
    }
}
