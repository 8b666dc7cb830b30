package ruru.dhcp6.leasecmds;

import java.util.HexFormat;
import java.util.List;

import ruru.json.Element;
import ruru.json.Json;
import ruru.json.JsonException;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.lease.Lease6;
import ruru.wire.v6.IaType;

/** Kea's Lease6::toElement, the lease map every DHCPv6 lease_cmds answer carries. */
final class Lease6Json {

    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":");

    private Lease6Json() {
    }

    static MapElement toElement(Lease6 l) {
        MapElement.Builder b = MapElement.builder();
        b.put("cltt", l.cltt());
        b.put("duid", COLON_HEX.formatHex(l.duid()));
        b.put("fqdn-fwd", l.fqdnFwd());
        b.put("fqdn-rev", l.fqdnRev());
        b.put("hostname", l.hostname());
        if (l.hwAddress() != null) {
            b.put("hw-address", l.hwAddress().toString());
        }
        b.put("iaid", l.iaid());
        b.put("ip-address", l.address().toString());
        if (l.poolId() != 0) {
            b.put("pool-id", l.poolId());
        }
        b.put("preferred-lft", l.preferredLifetime());
        if (l.type() == IaType.PD) {
            b.put("prefix-len", l.prefixLength());
        }
        b.put("state", l.state().code());
        b.put("subnet-id", l.subnetId());
        b.put("type", l.type().keaName());
        if (l.userContext() != null) {
            try {
                b.put("user-context", Json.parse(l.userContext(), ParseOptions.string()));
            } catch (JsonException e) {
                b.put("user-context", l.userContext());
            }
        }
        b.put("valid-lft", l.validLifetime());
        return b.build();
    }

    static ListElement toList(List<Lease6> leases) {
        return Element.list(leases.stream().map(Lease6Json::toElement).toList());
    }
}
