package ruru.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.WireFormatException;

/** Interface detection: what Kea's IfaceMgr::detectIfaces finds, IPv4 only. */
public final class Interfaces {

    private Interfaces() {
    }

    /** Every interface of this network namespace, sorted by index. */
    public static List<NetInterface> detect() throws IOException {
        List<NetInterface> result = new ArrayList<>();
        for (NetworkInterface ni : NetworkInterface.networkInterfaces().toList()) {
            List<InterfaceAddress4> addresses = new ArrayList<>();
            for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
                if (ia.getAddress() instanceof Inet4Address a) {
                    Ipv4Address bcast = ia.getBroadcast() instanceof Inet4Address b ? Ipv4Address.of(b.getAddress(), 0) : null;
                    addresses.add(new InterfaceAddress4(Ipv4Address.of(a.getAddress(), 0), ia.getNetworkPrefixLength(), bcast));
                }
            }
            // The JDK lists an interface's addresses newest first; the kernel (and so Kea, whose server
            // identifier is the interface's first address) lists the primary address first.
            java.util.Collections.reverse(addresses);
            result.add(new NetInterface(ni.getName(), ni.getIndex(), mac(ni), addresses, ni.isUp(), ni.isLoopback()));
        }
        result.sort(Comparator.comparingInt(NetInterface::index));
        return List.copyOf(result);
    }

    /** sysfs first: the JDK returns no hardware address for loopback (which still frames with zero MACs) and some others. Both families. */
    static HardwareAddress mac(NetworkInterface ni) throws IOException {
        Path sys = Path.of("/sys/class/net", ni.getName(), "address");
        try {
            String text = Files.readString(sys).trim();
            if (!text.isEmpty()) {
                return HardwareAddress.parse(text);
            }
        } catch (IOException | WireFormatException ignored) {
            // fall back to the JDK below (e.g. no sysfs in this container)
        }
        byte[] hw = ni.getHardwareAddress();
        return hw == null ? null : new HardwareAddress(HardwareAddress.ETHERNET, hw);
    }
}
