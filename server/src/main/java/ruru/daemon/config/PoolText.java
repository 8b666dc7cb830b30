package ruru.daemon.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;
import ruru.wire.Ipv6Text;

/**
 * A pool's text as Kea's {@code config-get} shows it: {@code first-last} without spaces, or
 * {@code network/len} when the range is exactly one prefix ({@code "10.0.0.100 - 10.0.0.103"} reads
 * back as {@code 10.0.0.100/30}, {@code "192.0.2.65/26"} as {@code 192.0.2.64/26}). Tools that
 * label by it (kea-exporter's {@code pool} label, Stork) then see the same text from ruru as from
 * Kea for the same configuration. Works for IPv4 and IPv6 address pools.
 */
public final class PoolText {

    private PoolText() {
    }

    /** Kea's form of {@code text}, or empty if it is not a pool this understands (left as written then). */
    public static Optional<String> canonical(String text) {
        String t = text.replaceAll("\\s", "");
        int slash = t.indexOf('/');
        int dash = t.indexOf('-');
        try {
            byte[] first;
            byte[] last;
            if (slash > 0) {
                byte[] a = literal(t.substring(0, slash));
                int len = Integer.parseInt(t.substring(slash + 1));
                if (a == null || len < 0 || len > a.length * 8) {
                    return Optional.empty();
                }
                BigInteger hostMask = BigInteger.ONE.shiftLeft(a.length * 8 - len).subtract(BigInteger.ONE);
                BigInteger v = new BigInteger(1, a);
                first = bytes(v.andNot(hostMask), a.length);
                last = bytes(v.or(hostMask), a.length);
            } else if (dash > 0) {
                first = literal(t.substring(0, dash));
                last = literal(t.substring(dash + 1));
                if (first == null || last == null || first.length != last.length) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
            BigInteger lo = new BigInteger(1, first);
            BigInteger hi = new BigInteger(1, last);
            if (lo.compareTo(hi) > 0) {
                return Optional.empty();
            }
            int len = prefixLength(lo, hi, first.length * 8);
            return Optional.of(len >= 0 ? text(first) + "/" + len : text(first) + "-" + text(last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The configuration as Kea's config-get, config-write and config hash show it ({@code
     * { "Dhcp4": ... }}): pool texts in Kea's form.
     */
    public static MapElement keaView(MapElement wrapped) {
        MapElement out = wrapped;
        for (String key : new String[] {"Dhcp4", "Dhcp6"}) {
            if (out.get(key) instanceof MapElement daemon) {
                out = out.with(key, canonicalPools(daemon));
            }
        }
        return out;
    }

    /**
     * {@code daemon} (the map under {@code Dhcp4}/{@code Dhcp6}) with every {@code subnet4}/{@code
     * subnet6} pool text, top level and in shared networks, in Kea's form.
     */
    public static MapElement canonicalPools(MapElement daemon) {
        MapElement out = subnets(daemon);
        if (out.get("shared-networks") instanceof ListElement networks) {
            List<Element> items = new ArrayList<>();
            for (Element n : networks.items()) {
                items.add(n instanceof MapElement m ? subnets(m) : n);
            }
            out = out.with("shared-networks", new ListElement(items, networks.position()));
        }
        return out;
    }

    private static MapElement subnets(MapElement scope) {
        MapElement out = scope;
        for (String key : new String[] {"subnet4", "subnet6"}) {
            if (out.get(key) instanceof ListElement list) {
                List<Element> items = new ArrayList<>();
                for (Element s : list.items()) {
                    items.add(s instanceof MapElement m && m.get("pools") instanceof ListElement pools
                            ? m.with("pools", pools(pools)) : s);
                }
                out = out.with(key, new ListElement(items, list.position()));
            }
        }
        return out;
    }

    private static ListElement pools(ListElement pools) {
        List<Element> items = new ArrayList<>();
        for (Element p : pools.items()) {
            if (p instanceof MapElement m && m.get("pool") instanceof StringElement s) {
                String text = canonical(s.value()).orElse(s.value());
                items.add(m.with("pool", new StringElement(text, s.position())));
            } else {
                items.add(p);
            }
        }
        return new ListElement(items, pools.position());
    }

    /** Kea's prefixLengthFromRange: the length if [lo, hi] is exactly one aligned prefix, else -1. */
    private static int prefixLength(BigInteger lo, BigInteger hi, int bits) {
        BigInteger size = hi.subtract(lo).add(BigInteger.ONE);
        if (size.bitCount() != 1) {
            return -1;
        }
        int hostBits = size.getLowestSetBit();
        return lo.getLowestSetBit() >= hostBits || lo.signum() == 0 ? bits - hostBits : -1;
    }

    /** An address literal's bytes; null for anything else (never a name lookup). */
    private static byte[] literal(String s) {
        if (s.isEmpty() || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(s).getAddress();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] bytes(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[length];
        int n = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - n, out, length - n, n);
        return out;
    }

    private static String text(byte[] a) {
        if (a.length == 16) {
            return Ipv6Text.of(a);
        }
        return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }
}
