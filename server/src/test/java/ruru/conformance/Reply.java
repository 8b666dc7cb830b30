package ruru.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import ruru.net.NetnsRawPort;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/** A server's reply as the client's wire saw it: the frame's addresses and the decoded message. */
record Reply(NetnsRawPort.Frame frame, Dhcp4Packet packet) {

    MessageType type() {
        return packet.messageType().orElse(null);
    }

    Ipv4Address yiaddr() {
        return packet.yiaddr();
    }

    Ipv4Address serverId() {
        return packet.options().address(OptionCodes.SERVER_ID).orElse(Ipv4Address.ANY);
    }

    /**
     * The transcript lines: where it went (destination MAC and address, ports, source address),
     * every BOOTP header field, then every option in wire order with its bytes.
     */
    List<String> describe() {
        List<String> out = new ArrayList<>();
        Dhcp4Packet p = packet;
        out.add("<- " + type() + " to " + mac(frame.dstMac()) + " " + frame.dst() + ":" + frame.dstPort() + " from "
                + frame.src() + ":" + frame.srcPort() + " (" + frame.payload().length + " bytes)");
        out.add("   op=" + p.op() + " htype=" + p.htype() + " hlen=" + p.hlen() + " hops=" + p.hops()
                + " xid=0x" + Integer.toHexString(p.xid()) + " secs=" + p.secs() + " flags=0x"
                + Integer.toHexString(p.flags()));
        out.add("   ciaddr=" + p.ciaddr() + " yiaddr=" + p.yiaddr() + " siaddr=" + p.siaddr() + " giaddr=" + p.giaddr()
                + " chaddr=" + HexFormat.of().formatHex(p.chaddrField()));
        out.add("   sname=\"" + text(p.sname()) + "\" file=\"" + text(p.file()) + "\"");
        for (int code : p.options().codes()) {
            out.add("   option " + code + " = " + HexFormat.of().formatHex(p.options().get(code).orElseThrow()));
        }
        return out;
    }

    static String mac(byte[] b) {
        return new HardwareAddress(HardwareAddress.ETHERNET, b).toString();
    }

    private static String text(byte[] field) {
        int end = 0;
        while (end < field.length && field[end] != 0) {
            end++;
        }
        StringBuilder s = new StringBuilder(new String(field, 0, end, StandardCharsets.ISO_8859_1));
        for (int i = end; i < field.length; i++) {
            if (field[i] != 0) {
                s.append("|junk after NUL");
                break;
            }
        }
        return s.toString();
    }
}
