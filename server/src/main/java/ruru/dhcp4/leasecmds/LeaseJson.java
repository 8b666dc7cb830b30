package ruru.dhcp4.leasecmds;

import java.util.HexFormat;
import java.util.List;

import ruru.json.Element;
import ruru.json.Json;
import ruru.json.JsonException;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.ParseOptions;
import ruru.lease.Lease4;

/** Kea's Lease4::toElement, the lease map every lease_cmds answer carries. */
final class LeaseJson {

    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":");

    private LeaseJson() {
    }

    static MapElement toElement(Lease4 l) {
        MapElement.Builder b = MapElement.builder();
        if (l.hasClientId()) {
            b.put("client-id", COLON_HEX.formatHex(l.clientId()));
        }
        b.put("cltt", l.cltt());
        b.put("fqdn-fwd", l.fqdnFwd());
        b.put("fqdn-rev", l.fqdnRev());
        b.put("hostname", l.hostname());
        if (l.hwAddress() != null) {
            b.put("hw-address", l.hwAddress().toString());
        }
        b.put("ip-address", l.address().toString());
        if (l.poolId() != 0) {
            b.put("pool-id", l.poolId());
        }
        b.put("state", l.state().code());
        b.put("subnet-id", l.subnetId());
        if (l.userContext() != null) {
            b.put("user-context", userContext(l.userContext()));
        }
        b.put("valid-lft", l.validLifetime());
        return b.build();
    }

    static ListElement toList(List<Lease4> leases) {
        return Element.list(leases.stream().map(LeaseJson::toElement).toList());
    }

    /**
     * The store keeps the context as Kea's compact text; Kea parses it back when it loads the file.
     * A text that does not parse (a hand-edited file) is shown as a string rather than lost.
     */
    static Element userContext(String text) {
        try {
            return Json.parse(text, ParseOptions.string());
        } catch (JsonException e) {
            return Element.of(text);
        }
    }
}
