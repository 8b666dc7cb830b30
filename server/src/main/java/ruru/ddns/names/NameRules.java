package ruru.ddns.names;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the DHCP servers shape client names (Kea's D2ClientMgr): sanitizing with
 * {@code hostname-char-set}/{@code -replacement}, qualifying with {@code ddns-qualifying-suffix},
 * generating {@code <prefix>-<address>.<suffix>}. Names are kept in lower case.
 */
public final class NameRules {

    private NameRules() {
    }

    /** Each label scrubbed of the characters the set matches; empty labels vanish. */
    public static String sanitize(String name, DdnsParams p) {
        if (p.hostnameCharSet().isEmpty()) {
            return name.toLowerCase(Locale.ROOT);
        }
        Pattern set = p.hostnameCharSet().get();
        boolean absolute = name.endsWith(".");
        StringBuilder out = new StringBuilder();
        for (String label : name.split("\\.")) {
            String clean = set.matcher(label).replaceAll(java.util.regex.Matcher.quoteReplacement(
                    p.hostnameCharReplacement()));
            if (clean.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(clean);
        }
        if (absolute && out.length() > 0) {
            out.append('.');
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Kea's {@code D2ClientMgr::qualifyName} (2.2 and 3): a name without trailing dot gets {@code .suffix}
     * unless it already ends with the suffix on a label boundary (or is the suffix), compared as
     * written (case counts: {@code Host.Example.ORG} gets the suffix again), then the name is
     * lower-cased; {@code absolute} adds the trailing dot. kea-dhcp4 2.2 live does the same
     * (a reservation's {@code Res-91.Example.ORG} becomes {@code res-91.example.org.example.org},
     * {@code res-90.example.org} stays as it is), but also qualifies a name with a trailing dot
     * that does not end with the suffix, which Kea 3 leaves alone: ruru follows Kea 3.
     */
    public static String qualify(String name, DdnsParams p, boolean absolute) {
        String n = name;
        if (!n.endsWith(".")) {
            String suffix = p.qualifyingSuffix();
            while (suffix.startsWith(".")) {
                suffix = suffix.substring(1);
            }
            while (suffix.endsWith(".")) {
                suffix = suffix.substring(0, suffix.length() - 1);
            }
            if (!suffix.isEmpty() && !(n.equals(suffix) || n.endsWith("." + suffix))) {
                n = n + "." + suffix;
            }
            n = n + ".";
        }
        n = n.toLowerCase(Locale.ROOT);
        return absolute ? n : n.substring(0, n.length() - 1);
    }

    /** {@code myhost-192-0-2-25}: the prefix and the address with dots and colons as dashes. */
    public static String generatedLabel(DdnsParams p, String addressText) {
        String a = addressText.replace('.', '-').replace(':', '-');
        if (a.endsWith("-")) {
            a = a + "0";
        }
        return p.generatedPrefix() + "-" + a;
    }

    /** The generated name, qualified and absolute. */
    public static String generate(DdnsParams p, String addressText) {
        return qualify(generatedLabel(p, addressText), p, true);
    }

    /** The name with a trailing dot (NCRs carry absolute names). */
    public static String absolute(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    /** Labels in a name ({@code "."} and "" have none). */
    public static int labels(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return n.isEmpty() ? 0 : n.split("\\.").length;
    }
}
