package ruru.hooks;

/**
 * What a callout tells the server to do next (Kea's {@code CalloutHandle::CalloutNextStep}). What
 * SKIP and DROP mean depends on the hook point; see each callout interface. PARK is honoured where
 * Kea honours it ({@code leases4_committed}, {@code leases6_committed}, {@code lease4_offer});
 * elsewhere it counts as CONTINUE.
 */
public enum NextStep {
    CONTINUE, SKIP, DROP, PARK
}
