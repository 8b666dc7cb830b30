package ruru.dhcp6.service;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import ruru.dhcp6.config.MacSource;
import ruru.net.Received6;
import ruru.wire.HardwareAddress;
import ruru.wire.Ipv6Address;
import ruru.wire.v6.Dhcp6Packet;
import ruru.wire.v6.Duid;
import ruru.wire.v6.Option6Codes;
import ruru.wire.v6.RelayInfo;

/**
 * Who a DHCPv6 client is: its DUID (client identifier option; null for an anonymous
 * INFORMATION-REQUEST) and the hardware address the {@code mac-sources} give, with the source it
 * came from (Kea's {@code hwaddr_source} bits).
 */
record Client6(byte[] duid, HardwareAddress hwAddress, int hwSource) {

    /**
     * Kea's {@code Pkt::getMAC} tries the configured sources in its own fixed order whatever the
     * order of {@code mac-sources} (a bit mask there): raw socket, the relay's client link-layer
     * address option, the DUID, the link-local address, remote-id, DOCSIS; subscriber-id gives none.
     */
    static final List<MacSource> KEA_ORDER = List.of(MacSource.RAW, MacSource.CLIENT_LINK_ADDR_OPTION, MacSource.DUID,
            MacSource.IPV6_LINK_LOCAL, MacSource.REMOTE_ID, MacSource.DOCSIS_CMTS, MacSource.DOCSIS_MODEM);

    static Client6 of(Dhcp6Packet query, Received6 rx, List<MacSource> sources) {
        byte[] duid = query.options().get(Option6Codes.CLIENTID).orElse(null);
        for (MacSource s : KEA_ORDER) {
            if (!sources.contains(s)) {
                continue;
            }
            Optional<HardwareAddress> hw = hardwareAddress(s, query, rx, duid);
            if (hw.isPresent()) {
                return new Client6(duid, hw.get(), s.code());
            }
        }
        return new Client6(duid, null, 0);
    }

    /** Kea's {@code Pkt6::getMAC} per source; "raw" and the DOCSIS ones need data a UDP socket does not have. */
    private static Optional<HardwareAddress> hardwareAddress(MacSource s, Dhcp6Packet q, Received6 rx, byte[] duid) {
        List<RelayInfo> relays = q.relays();
        RelayInfo closest = relays.isEmpty() ? null : relays.getLast();
        return switch (s) {
            case DUID -> duid == null ? Optional.empty() : new Duid(duid).hardwareAddress();
            case IPV6_LINK_LOCAL -> eui64(closest == null ? rx.source() : closest.peerAddress());
            case CLIENT_LINK_ADDR_OPTION -> closest == null ? Optional.empty()
                    : closest.options().get(Option6Codes.CLIENT_LINKLAYER_ADDR)
                    .filter(d -> d.length > 2 && d.length <= 22)
                    .map(d -> new HardwareAddress(((d[0] & 0xff) << 8) | (d[1] & 0xff),
                            java.util.Arrays.copyOfRange(d, 2, d.length)));
            case REMOTE_ID -> closest == null ? Optional.empty()
                    : closest.options().get(Option6Codes.REMOTE_ID).filter(d -> d.length == 10)
                    .map(d -> new HardwareAddress(HardwareAddress.ETHERNET, java.util.Arrays.copyOfRange(d, 4, 10)));
            default -> Optional.empty();
        };
    }

    /** The MAC inside a modified EUI-64 link-local address (ff:fe in the middle, universal bit flipped back). */
    static Optional<HardwareAddress> eui64(Ipv6Address a) {
        if (a == null || !a.isLinkLocal()) {
            return Optional.empty();
        }
        byte[] b = a.toBytes();
        if ((b[11] & 0xff) != 0xff || (b[12] & 0xff) != 0xfe) {
            return Optional.empty();
        }
        byte[] mac = {(byte) (b[8] ^ 0x02), b[9], b[10], b[13], b[14], b[15]};
        return Optional.of(new HardwareAddress(HardwareAddress.ETHERNET, mac));
    }

    @Override
    public String toString() {
        return "duid=[" + (duid == null ? "no info" : HexFormat.ofDelimiter(":").formatHex(duid)) + "]"
                + (hwAddress == null ? "" : ", hwaddr=" + hwAddress);
    }
}
