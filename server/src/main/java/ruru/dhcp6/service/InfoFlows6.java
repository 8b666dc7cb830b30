package ruru.dhcp6.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ruru.dhcp6.config.Subnet6;
import ruru.wire.Ipv6Address;
import ruru.wire.WireFormatException;
import ruru.wire.v6.Dhcp6MessageType;
import ruru.wire.v6.Dhcp6Options;
import ruru.wire.v6.Ia;
import ruru.wire.v6.IaAddress;
import ruru.wire.v6.IaType;
import ruru.wire.v6.Status6;
import ruru.wire.v6.StatusCode;

/** CONFIRM and INFORMATION-REQUEST (RFC 8415 sections 18.3.3, 18.3.6) with Kea's status texts. */
final class InfoFlows6 {

    private InfoFlows6() {
    }

    /** Empty when the CONFIRM carries no address at all: Kea then discards it. */
    static Optional<Answer6> confirm(Exchange6 ex, Optional<Subnet6> subnet) throws WireFormatException {
        List<Ipv6Address> addresses = new ArrayList<>();
        for (IaType type : new IaType[] {IaType.NA, IaType.TA}) {
            for (Ia ia : Ia.all(ex.query().options(), type)) {
                ia.addresses().stream().map(IaAddress::address).forEach(addresses::add);
            }
        }
        if (addresses.isEmpty()) {
            return Optional.empty();
        }
        StatusCode status;
        if (subnet.isEmpty()) {
            status = new StatusCode(Status6.NOT_ON_LINK, "No subnet selected");
        } else {
            status = new StatusCode(Status6.SUCCESS, "All addresses are on-link");
            List<Subnet6> link = ex.snap().candidates(subnet.get());
            for (Ipv6Address a : addresses) {
                if (link.stream().noneMatch(s -> s.contains(a))) {
                    status = new StatusCode(Status6.NOT_ON_LINK, "Address " + a + " is not on link.");
                    break;
                }
            }
        }
        // Kea answers a CONFIRM with the options the client asked for, as an INFORMATION-REQUEST
        Dhcp6Options.Builder reply = Reply6.start(ex);
        ex.classes().additional(ex, subnet.orElse(null), List.of());
        ReplyOptions6.add(reply, ex.snap(), ex.query(), subnet.orElse(null), List.of(),
                Hosts6.find(ex.snap(), subnet.orElse(null), ex), ex.classes());
        ReplyOptions6.relaySupplied(reply, ex.snap(), ex.query());
        reply.add(Reply6.globalStatus(ex, status));
        return Optional.of(new Answer6(Reply6.finish(ex, Dhcp6MessageType.REPLY, reply), subnet.orElse(null),
                List.of(), List.of(), false));
    }

    /** The configured options the client asked for; its client identifier echoed when it sent one. */
    static Answer6 informationRequest(Exchange6 ex, Optional<Subnet6> subnet) {
        Dhcp6Options.Builder reply = Reply6.start(ex);
        ex.classes().additional(ex, subnet.orElse(null), List.of());
        ReplyOptions6.add(reply, ex.snap(), ex.query(), subnet.orElse(null), List.of(),
                ex.client().duid() == null ? Optional.empty() : Hosts6.find(ex.snap(), subnet.orElse(null), ex),
                ex.classes());
        ReplyOptions6.relaySupplied(reply, ex.snap(), ex.query());
        return new Answer6(Reply6.finish(ex, Dhcp6MessageType.REPLY, reply), subnet.orElse(null), List.of(),
                List.of(), false);
    }
}
