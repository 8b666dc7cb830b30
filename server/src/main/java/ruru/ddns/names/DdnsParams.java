package ruru.ddns.names;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import ruru.ddns.ncr.ConflictResolutionMode;

/**
 * The DDNS behaviour of one scope (Kea's {@code DdnsParams}), inheritance resolved: global, shared
 * network, subnet. Family-neutral: dhcp4 and dhcp6 read the same keys.
 *
 * @param enableUpdates   {@code dhcp-ddns.enable-updates} and the scope's {@code ddns-send-updates}
 * @param hostnameCharSet the compiled {@code hostname-char-set}, empty when it is ""
 * @param ttl             {@code ddns-ttl} when set (> 0); the percent/min/max follow Kea 3's calculateDdnsTtl
 */
public record DdnsParams(boolean enableUpdates, boolean overrideNoUpdate, boolean overrideClientUpdate,
                         ReplaceClientName replaceClientName, String generatedPrefix, String qualifyingSuffix,
                         boolean updateOnRenew, ConflictResolutionMode conflictResolutionMode,
                         Optional<Pattern> hostnameCharSet, String hostnameCharReplacement, OptionalLong ttl,
                         OptionalDouble ttlPercent, OptionalLong ttlMin, OptionalLong ttlMax) {

    /** Kea's defaults, with updates off (no dhcp-ddns block). */
    public static final DdnsParams DISABLED = new DdnsParams(false, false, false, ReplaceClientName.NEVER, "myhost", "",
            false, ConflictResolutionMode.CHECK_WITH_DHCID, Optional.of(Pattern.compile("[^A-Za-z0-9.-]")), "",
            OptionalLong.empty(), OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty());

    /**
     * The TTL of the DNS records for a lease of {@code validLifetime} seconds (Kea 3's
     * {@code calculateDdnsTtl}): {@code ddns-ttl} if set, else a third (or {@code ddns-ttl-percent})
     * of the lifetime, at least {@code ddns-ttl-min} (600 by default), at most {@code ddns-ttl-max}.
     */
    public long ttlFor(long validLifetime) {
        if (ttl.isPresent() && ttl.getAsLong() > 0) {
            return ttl.getAsLong();
        }
        double percent = ttlPercent.isPresent() && ttlPercent.getAsDouble() > 0 ? ttlPercent.getAsDouble() : 0.33333;
        long value = Math.round(percent * validLifetime);
        long min = ttlMin.isPresent() && ttlMin.getAsLong() > 0 ? ttlMin.getAsLong() : 600;
        value = Math.max(value, min);
        if (ttlMax.isPresent() && ttlMax.getAsLong() > 0) {
            value = Math.min(value, ttlMax.getAsLong());
        }
        return value;
    }

    /** The view hook callouts get ({@code ddns-params} of ddns4_update / ddns6_update). */
    public ruru.hooks.DdnsParamsInfo info() {
        return new ruru.hooks.DdnsParamsInfo(enableUpdates, overrideNoUpdate, overrideClientUpdate,
                replaceClientName.keaName(), generatedPrefix, qualifyingSuffix, updateOnRenew,
                conflictResolutionMode.keaName(), hostnameCharSet.map(Object::toString).orElse(""),
                hostnameCharReplacement);
    }
}
