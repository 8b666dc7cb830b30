package ruru.ddns.names;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import ruru.daemon.config.ConfigException;
import ruru.ddns.ncr.ConflictResolutionMode;
import ruru.json.BoolElement;
import ruru.json.DoubleElement;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.MapElement;
import ruru.json.StringElement;

/**
 * The {@code ddns-*} and {@code hostname-char-*} keys of one scope, each taken from the most specific
 * level that sets it (pool, subnet, shared network, global), with Kea's defaults. Schema-checked
 * maps come in, so only meaning is checked here.
 */
public final class DdnsParamsParser {

    /** The keys every level may carry. */
    public static final List<String> KEYS = List.of("ddns-send-updates", "ddns-override-no-update",
            "ddns-override-client-update", "ddns-replace-client-name", "ddns-generated-prefix", "ddns-qualifying-suffix",
            "ddns-update-on-renew", "ddns-use-conflict-resolution", "ddns-conflict-resolution-mode", "ddns-ttl-percent",
            "ddns-ttl", "ddns-ttl-min", "ddns-ttl-max", "hostname-char-set", "hostname-char-replacement");

    private DdnsParamsParser() {
    }

    /** Whether a level sets any DDNS key (a pool that sets none simply inherits its subnet's). */
    public static boolean setsAny(MapElement level) {
        return KEYS.stream().anyMatch(level::has);
    }

    /**
     * @param chain         the levels, most specific first
     * @param clientEnabled {@code dhcp-ddns.enable-updates}
     */
    public static DdnsParams parse(List<MapElement> chain, boolean clientEnabled) throws ConfigException {
        boolean send = bool(chain, "ddns-send-updates", true);
        String replaceText = string(chain, "ddns-replace-client-name", "never");
        ReplaceClientName replace = ReplaceClientName.byName(replaceText).orElseThrow(() -> new ConfigException(
                at(chain, "ddns-replace-client-name").position(), "Invalid ReplaceClientNameMode: " + replaceText));
        ConflictResolutionMode mode = ConflictResolutionMode.fromBoolean(bool(chain, "ddns-use-conflict-resolution",
                true));
        Element modeElement = find(chain, "ddns-conflict-resolution-mode");
        Element legacy = find(chain, "ddns-use-conflict-resolution");
        if (modeElement instanceof StringElement s && (legacy == null || depth(chain, "ddns-conflict-resolution-mode")
                <= depth(chain, "ddns-use-conflict-resolution"))) {
            mode = ConflictResolutionMode.byName(s.value()).orElseThrow(() -> new ConfigException(s.position(),
                    "invalid ddns-conflict-resolution-mode: " + s.value()));
        }
        String charSet = string(chain, "hostname-char-set", "[^A-Za-z0-9.-]");
        Optional<Pattern> pattern = Optional.empty();
        if (!charSet.isEmpty()) {
            try {
                pattern = Optional.of(Pattern.compile(charSet));
            } catch (PatternSyntaxException e) {
                throw new ConfigException(at(chain, "hostname-char-set").position(), "hostname-char-set '" + charSet
                        + "' is not a valid regular expression");
            }
        }
        String replacement = string(chain, "hostname-char-replacement", "");
        if (pattern.isPresent() && !replacement.isEmpty() && pattern.get().matcher(replacement).find()) {
            throw new ConfigException(at(chain, "hostname-char-replacement").position(),
                    "hostname-char-replacement '" + replacement + "' contains characters of hostname-char-set");
        }
        OptionalDouble percent = OptionalDouble.empty();
        if (find(chain, "ddns-ttl-percent") instanceof DoubleElement d) {
            percent = OptionalDouble.of(d.value());
        } else if (find(chain, "ddns-ttl-percent") instanceof IntElement i) {
            percent = OptionalDouble.of(i.value());
        }
        return new DdnsParams(clientEnabled && send, bool(chain, "ddns-override-no-update", false),
                bool(chain, "ddns-override-client-update", false), replace,
                string(chain, "ddns-generated-prefix", "myhost"), string(chain, "ddns-qualifying-suffix", ""),
                bool(chain, "ddns-update-on-renew", false), mode, pattern, replacement, integer(chain, "ddns-ttl"),
                percent, integer(chain, "ddns-ttl-min"), integer(chain, "ddns-ttl-max"));
    }

    private static Element find(List<MapElement> chain, String key) {
        for (MapElement m : chain) {
            if (m.has(key)) {
                return m.get(key);
            }
        }
        return null;
    }

    private static int depth(List<MapElement> chain, String key) {
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).has(key)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static Element at(List<MapElement> chain, String key) {
        Element e = find(chain, key);
        return e == null ? chain.getFirst() : e;
    }

    private static boolean bool(List<MapElement> chain, String key, boolean dflt) {
        return find(chain, key) instanceof BoolElement b ? b.value() : dflt;
    }

    private static String string(List<MapElement> chain, String key, String dflt) {
        return find(chain, key) instanceof StringElement s ? s.value() : dflt;
    }

    private static OptionalLong integer(List<MapElement> chain, String key) {
        return find(chain, key) instanceof IntElement i && i.value() > 0 ? OptionalLong.of(i.value())
                : OptionalLong.empty();
    }
}
