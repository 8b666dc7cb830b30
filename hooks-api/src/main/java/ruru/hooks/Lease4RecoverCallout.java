package ruru.hooks;

/**
 * {@code lease4_recover}: a declined address's probation is over and the server is about to make
 * it available again. SKIP: do not recover it now (the declined lease stays).
 */
@FunctionalInterface
public interface Lease4RecoverCallout {

    NextStep lease4Recover(Args args);

    record Args(Lease4Info lease4) {
    }
}
