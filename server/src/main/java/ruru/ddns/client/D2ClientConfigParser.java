package ruru.ddns.client;

import java.net.Inet4Address;
import java.net.InetAddress;

import ruru.daemon.config.ConfigException;
import ruru.json.BoolElement;
import ruru.json.Element;
import ruru.json.IntElement;
import ruru.json.MapElement;
import ruru.json.StringElement;
import ruru.wire.Ipv6Address;

/** The {@code dhcp-ddns} block of a DHCP server, with Kea's defaults and texts. */
public final class D2ClientConfigParser {

    private D2ClientConfigParser() {
    }

    public static D2ClientConfig parse(Element block) throws ConfigException {
        if (!(block instanceof MapElement m)) {
            return D2ClientConfig.DISABLED;
        }
        boolean enable = m.get("enable-updates") instanceof BoolElement b && b.value();
        InetAddress server = address(m, "server-ip", "127.0.0.1");
        int serverPort = m.get("server-port") instanceof IntElement p ? (int) p.value() : 53001;
        InetAddress sender = address(m, "sender-ip", server instanceof Inet4Address ? "0.0.0.0" : "::");
        int senderPort = m.get("sender-port") instanceof IntElement p ? (int) p.value() : 0;
        long queue = m.get("max-queue-size") instanceof IntElement q ? q.value() : 1024;
        if (m.get("ncr-protocol") instanceof StringElement p && !p.value().equals("UDP")) {
            throw new ConfigException(p.position(), "D2ClientConfig: NCR Protocol: " + p.value()
                    + " is not yet supported");
        }
        if ((server instanceof Inet4Address) != (sender instanceof Inet4Address)) {
            throw new ConfigException(m.position(), "D2ClientConfig: address family mismatch: server-ip: "
                    + text(server) + " is: " + family(server) + " while sender-ip: "
                    + text(sender) + " is: " + family(sender));
        }
        if (server.equals(sender) && serverPort == senderPort) {
            throw new ConfigException(m.position(), "D2ClientConfig: server and sender cannot share the exact same IP"
                    + " address/port: " + text(server) + "/" + serverPort);
        }
        // max-queue-size 0 parses (Kea's D2ClientConfig has no check); it fails when the sender starts
        // (DdnsClient#configure), as in kea-dhcp4/kea-dhcp6 2.2 (-t accepts it, -c and config-set do not)
        return new D2ClientConfig(enable, server, serverPort, sender, senderPort, (int) Math.min(queue, 1 << 20));
    }

    /** As Kea's IOAddress::toText: an IPv6 address in its RFC 5952 form (::1, not 0:0:0:0:0:0:0:1). */
    private static String text(InetAddress a) {
        return a instanceof Inet4Address ? a.getHostAddress() : Ipv6Address.of(a.getAddress()).toString();
    }

    private static String family(InetAddress a) {
        return a instanceof Inet4Address ? "IPv4" : "IPv6";
    }

    private static InetAddress address(MapElement m, String key, String dflt) throws ConfigException {
        if (!(m.get(key) instanceof StringElement s) || s.value().isEmpty()) {
            return InetAddress.ofLiteral(dflt);
        }
        try {
            return InetAddress.ofLiteral(s.value());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(s.position(), "invalid address (" + s.value() + ") specified for parameter '"
                    + key + "'");
        }
    }
}
