package ruru.hooks;

/**
 * The DDNS behaviour in force for a lease's scope (Kea's {@code DdnsParams}), read-only.
 *
 * @param enableUpdates          updates are sent (dhcp-ddns enable-updates and ddns-send-updates)
 * @param conflictResolutionMode Kea 3's {@code ddns-conflict-resolution-mode} name
 */
public record DdnsParamsInfo(boolean enableUpdates, boolean overrideNoUpdate, boolean overrideClientUpdate,
                             String replaceClientName, String generatedPrefix, String qualifyingSuffix,
                             boolean updateOnRenew, String conflictResolutionMode, String hostnameCharSet,
                             String hostnameCharReplacement) {
}
