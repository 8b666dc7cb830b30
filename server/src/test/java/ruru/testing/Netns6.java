package ruru.testing;

import java.io.IOException;

/**
 * IPv6 on a {@link NetnsPair}: duplicate address detection off in both namespaces (so the
 * link-local addresses are usable at once), link-local addresses made again, and the server side
 * given {@link #SERVER_IP6}/64 and the client side {@link #CLIENT_IP6}/64 when asked.
 */
public final class Netns6 {

    public static final String SERVER_IP6 = "2001:db8:1::1";
    public static final String CLIENT_IP6 = "2001:db8:1::2";

    private Netns6() {
    }

    public static NetnsPair create(String tag, boolean clientAddress, String clientMac) throws IOException,
            InterruptedException {
        NetnsPair net = NetnsPair.create(tag, false, clientMac);
        try {
            for (String[] side : new String[][] {{net.server(), net.serverIface()}, {net.client(), net.clientIface()}}) {
                net.exec(side[0], "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0",
                        "net.ipv6.conf.default.accept_dad=0", "net.ipv6.conf." + side[1] + ".accept_dad=0");
                net.exec(side[0], "ip", "link", "set", side[1], "down");
                net.exec(side[0], "ip", "link", "set", side[1], "up");
            }
            net.exec(net.server(), "ip", "-6", "addr", "add", SERVER_IP6 + "/64", "dev", net.serverIface(), "nodad");
            if (clientAddress) {
                net.exec(net.client(), "ip", "-6", "addr", "add", CLIENT_IP6 + "/64", "dev", net.clientIface(), "nodad");
            }
            return net;
        } catch (IOException | RuntimeException | InterruptedException e) {
            net.close();
            throw e;
        }
    }
}
