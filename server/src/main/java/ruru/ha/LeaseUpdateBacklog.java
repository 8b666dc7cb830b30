package ruru.ha;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The lease updates held in communication-recovery, up to {@code delayed-updates-limit}; one more
 * marks the backlog overflown, and the server then resynchronizes instead of replaying it.
 */
final class LeaseUpdateBacklog {

    private final long limit;
    private final Deque<LeaseChange> updates = new ArrayDeque<>();
    private boolean overflown;

    LeaseUpdateBacklog(long limit) {
        this.limit = limit;
    }

    synchronized boolean push(LeaseChange change) {
        if (updates.size() >= limit) {
            overflown = true;
            return false;
        }
        updates.addLast(change);
        return true;
    }

    synchronized boolean wasOverflown() {
        return overflown;
    }

    synchronized int size() {
        return updates.size();
    }

    /** Takes everything held, oldest first. */
    synchronized List<LeaseChange> drain() {
        List<LeaseChange> all = new ArrayList<>(updates);
        updates.clear();
        return all;
    }

    synchronized void clear() {
        updates.clear();
        overflown = false;
    }
}
