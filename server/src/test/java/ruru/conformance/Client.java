package ruru.conformance;

import java.util.concurrent.atomic.AtomicInteger;

import ruru.wire.HardwareAddress;
import ruru.wire.Ipv4Address;
import ruru.wire.v4.Dhcp4Options;
import ruru.wire.v4.Dhcp4Packet;
import ruru.wire.v4.MessageType;
import ruru.wire.v4.OptionCodes;

/**
 * A scripted DHCPv4 client: a MAC (chaddr), optionally a client identifier, and what it has
 * learnt (its address and server). Builds the queries of RFC 2131's states; the run that sends a
 * query updates the state from an ACK or NAK. Transaction ids are deterministic, so both servers
 * see byte-identical queries.
 */
final class Client {

    private static final AtomicInteger NEXT_XID = new AtomicInteger();
    final HardwareAddress mac;
    byte[] clientId;
    Ipv4Address address = Ipv4Address.ANY;
    Ipv4Address serverId = Ipv4Address.ANY;
    private final int xidBase;
    private int xids;
    /** Parameter Request List every query carries (1, 3, 6, 15, 51, 54 as dhclient asks, by default). */
    byte[] prl = {1, 3, 6, 15, 51, 54};

    /** Client {@code n} (0-9999) has MAC 02:00:00:00:hh:ll where "hhll" are n's decimal digits: client 23 is ...:00:23. */
    Client(int n) {
        int digits = Integer.parseInt(Integer.toString(n), 16);
        this.mac = new HardwareAddress(HardwareAddress.ETHERNET, new byte[] {0x02, 0x00, 0x00, 0x00,
                (byte) (digits >>> 8), (byte) digits});
        this.xidBase = 0x1000 * digits;
    }

    Client clientId(String hex) {
        clientId = java.util.HexFormat.of().parseHex(hex.replace(":", ""));
        return this;
    }

    Client prl(int... codes) {
        prl = new byte[codes.length];
        for (int i = 0; i < codes.length; i++) {
            prl[i] = (byte) codes[i];
        }
        return this;
    }

    private Query query(MessageType type) {
        Dhcp4Options.Builder o = Dhcp4Options.builder();
        o.put(OptionCodes.MESSAGE_TYPE, new byte[] {(byte) type.code()});
        if (clientId != null) {
            o.put(OptionCodes.CLIENT_ID, clientId);
        }
        if (prl.length > 0 && type != MessageType.RELEASE && type != MessageType.DECLINE) {
            o.put(OptionCodes.PARAMETER_LIST, prl);
        }
        Dhcp4Packet.Builder p = Dhcp4Packet.builder().op(Dhcp4Packet.BOOTREQUEST).chaddr(mac)
                .xid(xidBase + ++xids);
        return new Query(this, type, p, o);
    }

    Query discover() {
        return query(MessageType.DISCOVER);
    }

    /** SELECTING: option 50 and 54 from the offer. */
    Query select(Reply offer) {
        return query(MessageType.REQUEST).address(OptionCodes.REQUESTED_ADDRESS, offer.yiaddr().toString())
                .address(OptionCodes.SERVER_ID, offer.serverId().toString());
    }

    /** INIT-REBOOT: option 50, no server identifier, no ciaddr. */
    Query initReboot(String addr) {
        return query(MessageType.REQUEST).address(OptionCodes.REQUESTED_ADDRESS, addr);
    }

    /** RENEWING: ciaddr, unicast to the server. */
    Query renew() {
        return query(MessageType.REQUEST).ciaddr(address.toString()).unicastTo(serverId.toString());
    }

    /** REBINDING: ciaddr, broadcast. */
    Query rebind() {
        return query(MessageType.REQUEST).ciaddr(address.toString());
    }

    /** A REQUEST with nothing set: callers add what the scenario needs. */
    Query request() {
        return query(MessageType.REQUEST);
    }

    Query release() {
        return query(MessageType.RELEASE).ciaddr(address.toString()).address(OptionCodes.SERVER_ID,
                serverId.toString()).unicastTo(serverId.toString()).waitMillis(400);
    }

    Query decline() {
        return query(MessageType.DECLINE).address(OptionCodes.REQUESTED_ADDRESS, address.toString())
                .address(OptionCodes.SERVER_ID, serverId.toString()).waitMillis(400);
    }

    Query inform(String ciaddr) {
        return query(MessageType.INFORM).ciaddr(ciaddr);
    }

    /** Learns from a reply: an ACK with yiaddr gives the client its address, a NAK takes it away. */
    void learn(Reply r) {
        if (r == null) {
            return;
        }
        if (r.type() == MessageType.ACK && !r.yiaddr().isZero()) {
            address = r.yiaddr();
            serverId = r.serverId();
        } else if (r.type() == MessageType.NAK) {
            address = Ipv4Address.ANY;
        }
    }
}
