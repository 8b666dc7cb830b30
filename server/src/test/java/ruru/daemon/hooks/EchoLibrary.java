package ruru.daemon.hooks;

import ruru.hooks.HookAnswer;
import ruru.hooks.HookLibrary;
import ruru.hooks.HookPoint;
import ruru.hooks.LibraryHandle;
import ruru.hooks.NextStep;

/** A test library (packed into jars by {@link ruru.testing.TestJars}): commands, a command_processed callout, load counts. */
public final class EchoLibrary implements HookLibrary {

    private LibraryHandle handle;

    @Override
    public void load(LibraryHandle handle) {
        this.handle = handle;
        handle.statistics().add("echo-loads", 1);
        handle.registerCommand("echo-params", (name, args) -> HookAnswer.ok("echo", handle.parameters()));
        handle.registerCommand("version-get", (name, args) -> HookAnswer.ok("hooked version"));
        handle.registerCallout(HookPoint.COMMAND_PROCESSED, a -> {
            if (a.name().equals("ping")) {
                a.setResponse(a.response().with("text", ruru.json.Element.of("pong from " + handle.daemonName())));
            }
            return NextStep.CONTINUE;
        });
    }

    @Override
    public void unload() {
        handle.statistics().add("echo-unloads", 1);
    }

    @Override
    public boolean multiThreadingCompatible() {
        return true;
    }
}
