package ruru.dhcp4.hooks;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import ruru.hooks.HookAnswer;
import ruru.hooks.HookLibrary;
import ruru.hooks.HookPoint;
import ruru.hooks.Lease4Info;
import ruru.hooks.Lease4OfferCallout;
import ruru.hooks.LibraryHandle;
import ruru.hooks.NextStep;
import ruru.hooks.ParkHandle;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.StringElement;
import ruru.wire.v4.OptionCodes;

/**
 * A test library (packed into a jar in the hooks directory by {@link Lease4OfferEndToEndTest}) on
 * lease4_offer: it drops the OFFERs of the MACs in {@code drop}, parks those in {@code park} and in
 * {@code in-use} (the latter answered "address in use", as a ping check would) until the command
 * {@code offer-test-resume}, puts {@code domain-name} into every OFFER it lets go, and tells what
 * it saw with {@code offer-test-seen} (each call's arguments, each lease4_server_decline).
 */
public final class OfferTestLibrary implements HookLibrary {

    private final ConcurrentLinkedQueue<MapElement> calls = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<MapElement> declines = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ParkHandle> parked = new ConcurrentLinkedQueue<>();

    @Override
    public void load(LibraryHandle handle) {
        Set<String> drop = macs(handle, "drop");
        Set<String> park = macs(handle, "park");
        Set<String> inUse = macs(handle, "in-use");
        String domain = handle.parameter("domain-name").flatMap(Element::asString).orElse("");
        handle.registerCallout(HookPoint.LEASE4_OFFER, (Lease4OfferCallout) a -> {
            String mac = a.query4().chaddr().toString();
            calls.add(seen(a, mac));
            if (!domain.isEmpty()) {
                a.setResponse4(a.response4().toBuilder().options(a.response4().options().toBuilder()
                        .putString(OptionCodes.DOMAIN_NAME, domain).build()).build());
            }
            if (drop.contains(mac)) {
                return NextStep.DROP;
            }
            if (park.contains(mac) || inUse.contains(mac)) {
                a.setOfferAddressInUse(inUse.contains(mac));
                parked.add(a.park());
                return NextStep.PARK;
            }
            return NextStep.CONTINUE;
        });
        handle.registerCallout(HookPoint.LEASE4_SERVER_DECLINE, a -> {
            declines.add(MapElement.builder().put("mac", a.query4().chaddr().toString())
                    .put("lease", lease(a.lease4())).build());
            return NextStep.CONTINUE;
        });
        handle.registerCommand("offer-test-seen", (name, args) -> HookAnswer.ok("seen", MapElement.builder()
                .put("calls", list(calls)).put("server-declines", list(declines)).put("parked", parked.size())
                .build()));
        handle.registerCommand("offer-test-resume", (name, args) -> {
            int n = 0;
            for (ParkHandle h; (h = parked.poll()) != null; n++) {
                h.resume();
            }
            return HookAnswer.ok(n + " resumed");
        });
    }

    private static Set<String> macs(LibraryHandle handle, String name) {
        List<String> out = new ArrayList<>();
        if (handle.parameter(name).orElse(null) instanceof ListElement list) {
            for (Element e : list.items()) {
                out.add(((StringElement) e).value().toLowerCase());
            }
        }
        return Set.copyOf(out);
    }

    private static ListElement list(java.util.Collection<? extends Element> items) {
        return new ListElement(List.copyOf(items), ruru.json.Position.NONE);
    }

    private static MapElement seen(Lease4OfferCallout.Args a, String mac) {
        return MapElement.builder()
                .put("mac", mac)
                .put("query-type", a.query4().messageType().map(Object::toString).orElse("?"))
                .put("xid", a.query4().xid() & 0xffffffffL)
                .put("response-type", a.response4().messageType().map(Object::toString).orElse("?"))
                .put("yiaddr", a.response4().yiaddr().toString())
                .put("leases4", list(a.leases4().stream().map(OfferTestLibrary::lease).toList()))
                .put("offer-lifetime", a.offerLifetime())
                .put("old-lease", a.oldLease().map(l -> (Element) lease(l)).orElse(Element.of("none")))
                .put("host", a.host().map(h -> h.identifierType() + "=" + HexFormat.ofDelimiter(":")
                        .formatHex(h.identifier()) + " " + h.hostname()).orElse("none"))
                .build();
    }

    private static MapElement lease(Lease4Info l) {
        return MapElement.builder().put("address", l.address().toString()).put("valid-lft", l.validLifetime())
                .put("state", l.state()).put("hw-address", l.hwAddress().map(Object::toString).orElse("")).build();
    }

    @Override
    public boolean multiThreadingCompatible() {
        return true;
    }
}
