package ruru.wire;

import java.net.InetAddress;

/** An IPv6 address as Kea prints it (inet_ntop: RFC 5952, lower case, the longest zero run folded). */
public final class Ipv6Text {

    private Ipv6Text() {
    }

    /** @param a 16 bytes */
    public static String of(byte[] a) {
        try {
            String s = InetAddress.getByAddress(a).getHostAddress();
            return compress(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 5952 text: the JDK writes every group, so fold the longest run of zero groups. */
    private static String compress(String full) {
        String[] g = full.split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < g.length; ) {
            if (g[i].equals("0")) {
                int j = i;
                while (j < g.length && g[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(g, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(g, bestStart + bestLen, g.length));
        return head + "::" + tail;
    }
}
