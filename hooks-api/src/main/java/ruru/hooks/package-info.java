/**
 * The API a ruru hook library compiles against: nothing else from the server is visible to it
 * (its class loader sees only {@code ruru.hooks}, {@code ruru.json} and {@code ruru.wire}).
 *
 * <p>A library is a jar holding a {@link ruru.hooks.HookLibrary} implementation, named in
 * {@code META-INF/services/ruru.hooks.HookLibrary} (or in the manifest attribute
 * {@code Ruru-Hook-Library}), placed in the hooks directory ({@code KEA_HOOKS_PATH}, else
 * {@code /usr/lib/ruru/hooks}, or the configuration file's directory) and named in the
 * configuration as Kea's libraries are:
 *
 * <pre>{@code
 * "hooks-libraries": [ { "library": "/usr/lib/ruru/hooks/drop-mac.jar",
 *                        "parameters": { "macs": [ "02:00:00:00:00:01" ] } } ]
 * }</pre>
 *
 * <p>An example library: a command and a {@code pkt4_receive} callout that drops listed clients.
 *
 * <pre>{@code
 * public final class DropMac implements HookLibrary {
 *     private volatile Set<String> macs = Set.of();
 *
 *     public void load(LibraryHandle handle) throws Exception {
 *         Set<String> m = new HashSet<>();
 *         if (handle.parameter("macs").orElse(null) instanceof ListElement list) {
 *             for (Element e : list.items()) {
 *                 m.add(((StringElement) e).value().toLowerCase());
 *             }
 *         }
 *         macs = Set.copyOf(m);
 *         handle.registerCommand("drop-mac-list", (name, args) -> HookAnswer.ok(macs.size() + " MAC(s)"));
 *         handle.registerCallout(HookPoint.PKT4_RECEIVE, a ->
 *                 macs.contains(a.query4().chaddr().toString()) ? NextStep.DROP : NextStep.CONTINUE);
 *     }
 *
 *     public boolean multiThreadingCompatible() {
 *         return true; // the callout only reads an immutable set
 *     }
 * }
 * }</pre>
 *
 * <p>Callouts of one hook point run in library order; the first one that returns something other
 * than {@link ruru.hooks.NextStep#CONTINUE} decides, and the later ones are not called. A callout
 * that throws is logged and counts as CONTINUE. When no library registered a callout for a point,
 * the server does no hook work there at all.
 */
package ruru.hooks;
