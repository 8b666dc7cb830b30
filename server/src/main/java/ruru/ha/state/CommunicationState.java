package ruru.ha.state;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;

import ruru.daemon.logging.KeaLog;
import ruru.ha.config.HaConfig;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/**
 * What this server knows about its partner (Kea's CommunicationState): the last good contact
 * ("poke"), the partner's state, scopes, clock and unsent-update count, the clients seen trying to
 * reach the partner while communication is interrupted (the unacked-clients rule), and the clients
 * whose lease updates the partner rejected. Thread-safe: packet threads analyze queries while the
 * HA thread runs the state machine.
 */
public final class CommunicationState {

    /** A clock skew above this many seconds is warned about; above {@link #TERM_CLOCK_SKEW} HA terminates. */
    static final long WARN_CLOCK_SKEW = 30;
    static final long TERM_CLOCK_SKEW = 60;
    private static final long MIN_TIME_SINCE_CLOCK_SKEW_WARN = 60;

    /** RFC 1123 dates as heartbeats carry them, e.g. {@code Sun, 06 Dec 2026 21:25:42 GMT}. */
    public static final DateTimeFormatter RFC_1123 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    /** status-get's {@code system-time}: {@code %Y-%m-%d %H:%M:%S} in UTC. */
    public static final DateTimeFormatter SYSTEM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final HaConfig config;
    private final Clock clock;
    private final Logger log;
    private final String dhcpName;

    private Instant pokeTime;
    private HaState partnerState;
    private Instant partnerStateTime;
    private Set<String> partnerScopes = Set.of();
    private Duration clockSkew = Duration.ZERO;
    private Instant lastClockSkewWarn;
    private Instant myTimeAtSkew;
    private Instant partnerTimeAtSkew;
    private long analyzedMessages;
    private long unsentUpdateCount;
    private long partnerUnsentPrevious;
    private long partnerUnsentCurrent;
    private final Map<Object, Boolean> connectingClients = new HashMap<>();
    private final Set<Object> rejectedClients = new HashSet<>();

    /** @param dhcpName "DHCPv4" or "DHCPv6", as the per-client messages name the family */
    public CommunicationState(HaConfig config, Clock clock, Logger log, String dhcpName) {
        this.config = config;
        this.clock = clock;
        this.log = log;
        this.dhcpName = dhcpName;
        this.pokeTime = clock.instant();
    }

    /** A successful exchange with the partner: the contact time is now and the tracked clients are forgotten. */
    public synchronized void poke() {
        pokeTime = clock.instant();
        connectingClients.clear();
        analyzedMessages = 0;
    }

    public synchronized long millisSincePoke() {
        return Duration.between(pokeTime, clock.instant()).toMillis();
    }

    /** No good contact for longer than max-response-delay. */
    public synchronized boolean isCommunicationInterrupted() {
        return millisSincePoke() > config.maxResponseDelay();
    }

    /** The partner's state as last reported; null before any heartbeat answered or failed. */
    public synchronized HaState partnerState() {
        return partnerState;
    }

    /** Records the state a heartbeat returned; an unknown name is an error with Kea's text. */
    public synchronized void setPartnerState(String name) {
        HaState s = HaState.byName(name).orElseThrow(() -> new IllegalArgumentException(
                "unsupported HA partner state returned " + name));
        setPartnerState(s);
    }

    private void setPartnerState(HaState s) {
        if (s != partnerState) {
            partnerStateTime = clock.instant();
        }
        partnerState = s;
    }

    public synchronized void setPartnerUnavailable() {
        setPartnerState(HaState.UNAVAILABLE);
    }

    /** How long the partner has been in its current state; null when its state is unknown. */
    public synchronized Duration sincePartnerStateChange() {
        return partnerStateTime == null ? null : Duration.between(partnerStateTime, clock.instant());
    }

    public synchronized Set<String> partnerScopes() {
        return partnerScopes;
    }

    /** Records the scopes a heartbeat returned (empty names ignored). */
    public synchronized void setPartnerScopes(Element scopes) {
        if (!(scopes instanceof ListElement list)) {
            throw new IllegalArgumentException("unable to record partner's HA scopes because the received value is "
                    + "not a valid JSON list");
        }
        Set<String> s = new TreeSet<>();
        for (Element e : list.items()) {
            if (!(e instanceof StringElement str)) {
                throw new IllegalArgumentException("unable to record partner's HA scopes because the received scope "
                        + "value is not a valid JSON string");
            }
            if (!str.value().isEmpty()) {
                s.add(str.value());
            }
        }
        partnerScopes = Set.copyOf(s);
    }

    /** Records the partner's clock from a heartbeat's {@code date-time}. */
    public synchronized void setPartnerTime(String rfc1123) {
        Instant partner;
        try {
            partner = ZonedDateTime.parse(rfc1123, RFC_1123).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("unable to parse time: " + rfc1123);
        }
        myTimeAtSkew = clock.instant();
        partnerTimeAtSkew = partner;
        clockSkew = Duration.between(myTimeAtSkew, partnerTimeAtSkew);
    }

    /** Kea's HttpDateTime().rfc1123Format(): this server's time for its heartbeat answers. */
    public String now() {
        return RFC_1123.format(clock.instant());
    }

    public synchronized Duration clockSkew() {
        return clockSkew;
    }

    private boolean clockSkewGreater(long seconds) {
        long s = clockSkew.getSeconds() + (clockSkew.isNegative() && clockSkew.getNano() > 0 ? 1 : 0);
        return s > seconds || s < -seconds;
    }

    /** Warns (at most once a minute) when the skew exceeds 30 s. */
    public synchronized boolean clockSkewShouldWarn() {
        if (clockSkewGreater(WARN_CLOCK_SKEW)) {
            Instant now = clock.instant();
            if (lastClockSkewWarn == null
                    || Duration.between(lastClockSkewWarn, now).getSeconds() > MIN_TIME_SINCE_CLOCK_SKEW_WARN) {
                lastClockSkewWarn = now;
                KeaLog.warn(log, "HA_HIGH_CLOCK_SKEW", "{}: {}, please synchronize clocks!", config.thisServerName(),
                        clockSkewText());
                return true;
            }
        }
        return false;
    }

    /** A skew above 60 s terminates the HA service. */
    public synchronized boolean clockSkewShouldTerminate() {
        if (clockSkewGreater(TERM_CLOCK_SKEW)) {
            KeaLog.error(log, "HA_HIGH_CLOCK_SKEW_CAUSES_TERMINATION", "{}: {}, causing HA service to terminate",
                    config.thisServerName(), clockSkewText());
            return true;
        }
        return false;
    }

    private String clockSkewText() {
        if (myTimeAtSkew == null || partnerTimeAtSkew == null) {
            return "skew not initialized";
        }
        long seconds = Math.abs(truncatedSeconds(clockSkew));
        return "my time: " + LOG_TIME.format(myTimeAtSkew) + ", partner's time: " + LOG_TIME.format(partnerTimeAtSkew)
                + ", partner's clock is " + seconds + (clockSkew.isNegative() ? "s behind" : "s ahead");
    }

    private static long truncatedSeconds(Duration d) {
        return d.isNegative() ? -d.negated().getSeconds() : d.getSeconds();
    }

    /**
     * The failure-detection part of the unacked-clients rule: a query the partner should answer,
     * seen while communication is interrupted. A client counts as unacked once it has been trying
     * longer than max-ack-delay.
     */
    public synchronized void analyzeMessage(HaQuery query) {
        analyzedMessages++;
        boolean unacked = query.waitedMillis() > config.maxAckDelay();
        Object key = query.clientKey();
        if (key == null) {
            return;
        }
        Boolean known = connectingClients.get(key);
        boolean logUnacked = false;
        if (known != null) {
            if (!known && unacked) {
                connectingClients.put(key, true);
                logUnacked = true;
            }
        } else {
            connectingClients.put(key, unacked);
            logUnacked = unacked;
            if (!unacked) {
                KeaLog.info(log, "HA_COMMUNICATION_INTERRUPTED_CLIENT" + family(), "{}: {}: new client attempting to get "
                        + "a lease from the partner", config.thisServerName(), query.label());
            }
        }
        if (logUnacked) {
            long total = unackedClients();
            long left = config.maxUnackedClients() >= total ? config.maxUnackedClients() - total + 1 : 0;
            KeaLog.info(log, "HA_COMMUNICATION_INTERRUPTED_CLIENT" + family() + "_UNACKED", "{}: {}: partner server "
                    + "failed to respond, {} clients unacked so far, {} clients left before transitioning to the "
                    + "partner-down state", config.thisServerName(), query.label(), total, left);
        }
    }

    private String family() {
        return dhcpName.endsWith("6") ? "6" : "4";
    }

    /** With max-unacked-clients 0 any interruption is a failure; else more than that many unacked clients. */
    public synchronized boolean failureDetected() {
        return config.maxUnackedClients() == 0 || unackedClients() > config.maxUnackedClients();
    }

    private long unackedClients() {
        return connectingClients.values().stream().filter(b -> b).count();
    }

    public synchronized long unsentUpdateCount() {
        return unsentUpdateCount;
    }

    /** A lease update this server did not send to its partner (0 is reserved for "just started"). */
    public synchronized void increaseUnsentUpdateCount() {
        unsentUpdateCount = unsentUpdateCount == Long.MAX_VALUE ? 1 : unsentUpdateCount + 1;
    }

    public synchronized void setPartnerUnsentUpdateCount(long count) {
        partnerUnsentPrevious = partnerUnsentCurrent;
        partnerUnsentCurrent = count;
    }

    /** The partner allocated leases it did not send us since the previous heartbeat. */
    public synchronized boolean hasPartnerNewUnsentUpdates() {
        return partnerUnsentCurrent > 0 && partnerUnsentPrevious != partnerUnsentCurrent;
    }

    /** The partner rejected a lease update (conflict) for this client. */
    public synchronized void reportRejectedLeaseUpdate(HaQuery query) {
        if (query.clientKey() != null) {
            rejectedClients.add(query.clientKey());
        }
    }

    public synchronized void reportSuccessfulLeaseUpdate(HaQuery query) {
        if (query.clientKey() != null) {
            rejectedClients.remove(query.clientKey());
        }
    }

    public synchronized void clearRejectedLeaseUpdates() {
        rejectedClients.clear();
    }

    /** max-rejected-lease-updates distinct clients rejected: terminate (0 disables the rule). */
    public synchronized boolean rejectedLeaseUpdatesShouldTerminate() {
        if (config.maxRejectedLeaseUpdates() > 0 && config.maxRejectedLeaseUpdates() <= rejectedClients.size()) {
            KeaLog.error(log, "HA_REJECTED_LEASE_UPDATES_CAUSE_TERMINATION", "{}: too many rejected lease updates "
                    + "cause the HA service to terminate", config.thisServerName());
            return true;
        }
        return false;
    }

    /** status-get's {@code remote} map (Kea's getReport), without role and server-name. */
    public synchronized MapElement.Builder report() {
        boolean inTouch = partnerState != null;
        boolean interrupted = isCommunicationInterrupted();
        long unacked = unackedClients();
        long left = interrupted && config.maxUnackedClients() >= unacked ? config.maxUnackedClients() - unacked + 1 : 0;
        return MapElement.builder()
                .put("age", inTouch ? millisSincePoke() / 1000 : 0)
                .put("analyzed-packets", analyzedMessages)
                .put("clock-skew", truncatedSeconds(clockSkew))
                .put("communication-interrupted", interrupted)
                .put("connecting-clients", (long) connectingClients.size())
                .put("in-touch", inTouch)
                .put("last-scopes", Element.list(List.copyOf(partnerScopes).stream().map(Element::of).toList()))
                .put("last-state", partnerState == null ? "" : partnerState.keaName())
                .put("system-time", partnerTimeAtSkew == null ? new ruru.json.NullElement(ruru.json.Position.NONE)
                        : Element.of(SYSTEM_TIME.format(partnerTimeAtSkew)))
                .put("unacked-clients", unacked)
                .put("unacked-clients-left", left);
    }
}
