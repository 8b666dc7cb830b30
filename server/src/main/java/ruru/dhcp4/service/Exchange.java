package ruru.dhcp4.service;

import java.util.HexFormat;

import ruru.net.Received4;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.OptionCodes;

/**
 * One query being answered: what arrived, where, the configuration it is answered under, who sent
 * it, the time it is answered at (epoch seconds, as leases count time) and its client classes.
 */
record Exchange(Dhcp4Packet query, Received4 received, Snapshot snap, ClientIdentity client, long now,
        Classification4 classes) {

    /**
     * Kea's packet label in log messages, {@code [hwtype=1 02:00:00:00:00:01], cid=[no info], tid=0x1001},
     * as a log argument: the text is built only when a message is written (the packet path logs
     * mostly at debug levels that are off).
     */
    Label label() {
        return new Label(query);
    }

    static Label label(Dhcp4Packet q) {
        return new Label(q);
    }

    /** A query's label; its {@code toString} is the text. */
    record Label(Dhcp4Packet query) {
        @Override
        public String toString() {
            return text(query);
        }
    }

    static String text(Dhcp4Packet q) {
        StringBuilder s = new StringBuilder("[hwtype=").append(q.htype()).append(' ');
        s.append(HexFormat.ofDelimiter(":").formatHex(q.chaddr().bytes())).append("], cid=[");
        byte[] id = q.options().get(OptionCodes.CLIENT_ID).orElse(null);
        s.append(id == null || id.length == 0 ? "no info" : HexFormat.ofDelimiter(":").formatHex(id));
        return s.append("], tid=0x").append(Integer.toHexString(q.xid())).toString();
    }
}
