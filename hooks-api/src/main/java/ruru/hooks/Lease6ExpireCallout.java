package ruru.hooks;

/**
 * {@code lease6_expire}: an expired lease is about to be reclaimed ({@code removeLease}: deleted rather than kept). SKIP:
 * the callout reclaimed it itself and the server leaves it alone.
 */
@FunctionalInterface
public interface Lease6ExpireCallout {

    NextStep lease6Expire(Args args);

    final class Args {
        private final Lease6Info lease6;
        private final boolean removeLease;

        public Args(Lease6Info lease6, boolean removeLease) {
            this.lease6 = lease6;
            this.removeLease = removeLease;
        }

        public Lease6Info lease6() {
            return lease6;
        }

        public boolean removeLease() {
            return removeLease;
        }
    }
}
