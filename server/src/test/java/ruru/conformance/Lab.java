package ruru.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ruru.net.NetnsRawPort;
import ruru.testing.NetnsPair;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;

/**
 * One server's test network: a server namespace and a client namespace joined by a veth pair.
 * The server side has 192.0.2.1/24 (one address: with two, kea-dhcp4 opens two raw sockets on the
 * interface and handles every broadcast twice, DHCPSRV_MULTIPLE_RAW_SOCKETS_PER_IFACE) and routes
 * to the relayed networks 198.51.100.0/24 and 203.0.113.0/24 through 192.0.2.254; the client side
 * has only 192.0.2.254 (the relay agent's address, so the server can ARP for its next hop) and is
 * promiscuous, and the test reads and writes it through a {@link NetnsRawPort}: direct clients have
 * no address in any stack, so nothing answers ARP for them. Names carry the test JVM's pid.
 */
final class Lab implements AutoCloseable {

    static final Ipv4Address SERVER = ip("192.0.2.1");
    static final Ipv4Address SERVER2 = ip("192.0.2.2");
    static final Ipv4Address RELAY_HOP = ip("192.0.2.254");
    static final List<String> RELAYED_NETS = List.of("198.51.100.0/24", "203.0.113.0/24");

    final String serverNs;
    final String clientNs;
    final String serverIface;
    final String clientIface;
    HardwareAddress serverMac;
    HardwareAddress clientMac;
    NetnsRawPort port;

    private Lab(String tag) {
        String id = tag + (ProcessHandle.current().pid() % 100000);
        serverNs = "cs" + id;
        clientNs = "cc" + id;
        serverIface = "s" + id;
        clientIface = "c" + id;
    }

    static Lab create(String tag) throws IOException, InterruptedException {
        NetnsPair.requireRoot();
        Lab lab = new Lab(tag);
        lab.close();
        try {
            run("ip", "netns", "add", lab.serverNs);
            run("ip", "netns", "add", lab.clientNs);
            run("ip", "link", "add", lab.serverIface, "type", "veth", "peer", "name", lab.clientIface);
            run("ip", "link", "set", lab.serverIface, "netns", lab.serverNs);
            run("ip", "link", "set", lab.clientIface, "netns", lab.clientNs);
            lab.in(lab.serverNs, "ip", "addr", "add", SERVER + "/24", "dev", lab.serverIface);
            lab.in(lab.clientNs, "ip", "addr", "add", RELAY_HOP + "/24", "dev", lab.clientIface);
            lab.in(lab.clientNs, "ip", "link", "set", lab.clientIface, "promisc", "on");
            for (String ns : List.of(lab.serverNs, lab.clientNs)) {
                lab.in(ns, "ip", "link", "set", "lo", "up");
            }
            lab.in(lab.serverNs, "ip", "link", "set", lab.serverIface, "up");
            lab.in(lab.clientNs, "ip", "link", "set", lab.clientIface, "up");
            for (String net : RELAYED_NETS) {
                lab.in(lab.serverNs, "ip", "route", "add", net, "via", RELAY_HOP.toString());
            }
            lab.serverMac = mac(lab.in(lab.serverNs, "cat", "/sys/class/net/" + lab.serverIface + "/address"));
            lab.clientMac = mac(lab.in(lab.clientNs, "cat", "/sys/class/net/" + lab.clientIface + "/address"));
            // Duplicate address detection is v6 only; wait for the carrier so the first frame is not lost.
            for (int i = 0; i < 50; i++) {
                if (lab.in(lab.serverNs, "cat", "/sys/class/net/" + lab.serverIface + "/operstate").trim().equals("up")) {
                    break;
                }
                Thread.sleep(50);
            }
            lab.port = NetnsRawPort.open(lab.clientNs, lab.clientIface);
            return lab;
        } catch (IOException | RuntimeException | InterruptedException e) {
            lab.close();
            throw e;
        }
    }

    String in(String ns, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(command));
        return run(cmd.toArray(String[]::new));
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }

    private static HardwareAddress mac(String text) {
        try {
            return HardwareAddress.parse(text.trim());
        } catch (ruru.wire.WireFormatException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Ipv4Address ip(String text) {
        try {
            return Ipv4Address.parse(text);
        } catch (ruru.wire.WireFormatException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        if (port != null) {
            port.close();
            port = null;
        }
        for (String ns : List.of(serverNs, clientNs)) {
            ruru.testing.Namespaces.delete(ns);
        }
    }
}
