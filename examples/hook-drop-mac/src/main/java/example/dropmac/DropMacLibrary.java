package example.dropmac;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import ruru.hooks.HookAnswer;
import ruru.hooks.HookLibrary;
import ruru.hooks.HookPoint;
import ruru.hooks.LibraryHandle;
import ruru.hooks.NextStep;
import ruru.hooks.Pkt4ReceiveCallout;
import ruru.json.Element;
import ruru.json.ListElement;
import ruru.json.MapElement;
import ruru.json.Position;
import ruru.json.StringElement;

/**
 * Drops DHCPv4 queries from the MAC addresses listed in the library's parameters
 * ({@code {"macs": ["02:00:00:00:00:01", ...]}}) and answers the control command
 * {@code drop-mac-list} with that list and how many queries were dropped.
 */
public final class DropMacLibrary implements HookLibrary {

    /** The statistic counting dropped queries (statistic-get shows it). */
    static final String DROPPED = "drop-mac-dropped";

    private Set<String> macs = Set.of();
    private LibraryHandle handle;

    @Override
    public void load(LibraryHandle handle) throws Exception {
        this.handle = handle;
        this.macs = readMacs(handle);
        handle.statistics().set(DROPPED, 0);
        handle.registerCommand("drop-mac-list", (name, args) -> list());
        handle.registerCallout(HookPoint.PKT4_RECEIVE, this::pkt4Receive);
        handle.log().info("DROP_MAC_LOADED dropping queries from {} MAC address(es)", macs.size());
    }

    private static Set<String> readMacs(LibraryHandle handle) {
        Element value = handle.parameter("macs").orElse(null);
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof ListElement list)) {
            throw new IllegalArgumentException("parameter 'macs' must be a list of MAC addresses");
        }
        List<String> out = new ArrayList<>();
        for (Element e : list.items()) {
            if (!(e instanceof StringElement s) || !s.value().matches("(?i)([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
                throw new IllegalArgumentException("not a MAC address in 'macs': " + e);
            }
            out.add(s.value().toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(out);
    }

    /** Runs on the packet threads: it only reads an immutable set. */
    private NextStep pkt4Receive(Pkt4ReceiveCallout.Args args) {
        String mac = args.query4().chaddr().toString().toLowerCase(Locale.ROOT);
        if (!macs.contains(mac)) {
            return NextStep.CONTINUE;
        }
        handle.statistics().add(DROPPED, 1);
        handle.log().debug("DROP_MAC_DROPPED query from {} dropped", mac);
        return NextStep.DROP;
    }

    private HookAnswer list() {
        List<Element> items = macs.stream().sorted().<Element>map(m -> new StringElement(m, Position.NONE)).toList();
        MapElement args = MapElement.builder()
                .put("macs", new ListElement(items, Position.NONE))
                .put("dropped", handle.statistics().get(DROPPED).orElse(0))
                .build();
        return HookAnswer.ok(macs.size() + " MAC address(es) dropped", args);
    }

    @Override
    public boolean multiThreadingCompatible() {
        return true;
    }
}
