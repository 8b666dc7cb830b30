package ruru.hooks;

/**
 * {@code lease6_recover}: a declined address's probation is over and it is about to become available again. SKIP: it stays
 * declined.
 */
@FunctionalInterface
public interface Lease6RecoverCallout {

    NextStep lease6Recover(Args args);

    final class Args {
        private final Lease6Info lease6;

        public Args(Lease6Info lease6) {
            this.lease6 = lease6;
        }

        public Lease6Info lease6() {
            return lease6;
        }
    }
}
