package ruru.dhcp.leasecmds;

import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.LoggerFactory;

import ruru.classify.expr.Universe;
import ruru.daemon.hooks.BuiltinLibrary;
import ruru.hooks.HookLibrary;
import ruru.hooks.LibraryHandle;

/**
 * The load and unload of the built-in {@code libdhcp_lease_cmds.so} as Kea 3's: its
 * {@code parameters} may hold {@code binding-variables}, parsed at load (a refusal fails the load
 * with Kea 3's text, after {@code LEASE_CMDS_LOAD_ERROR}) and handed to the family's server, which
 * evaluates them where Kea's callouts run; unloading takes them away again.
 */
public final class BindingVariablesLibrary implements HookLibrary {

    private final Universe universe;
    private final Function<String, OptionalInt> optionNames;
    private final Consumer<BindingVariables> install;
    private final String daemonName;

    /**
     * @param optionNames top-level option codes by name in the configuration being applied
     * @param install     gives the server the variables in force ({@link BindingVariables#NONE} on unload)
     */
    public BindingVariablesLibrary(Universe universe, Function<String, OptionalInt> optionNames,
                                   Consumer<BindingVariables> install, String daemonName) {
        this.universe = universe;
        this.optionNames = optionNames;
        this.install = install;
        this.daemonName = daemonName;
    }

    @Override
    public void load(LibraryHandle handle) throws Exception {
        try {
            install.accept(BindingVariables.parse(handle.parameters(), universe, optionNames));
        } catch (BindingVariables.BindingVariablesException e) {
            LoggerFactory.getLogger(daemonName + ".lease-cmds-hooks").error(
                    "LEASE_CMDS_LOAD_ERROR loading Lease Commands hooks library failed: {}", e.getMessage());
            throw new BuiltinLibrary.LoadRefused(e.getMessage());
        }
    }

    @Override
    public void unload() {
        install.accept(BindingVariables.NONE);
    }

    @Override
    public boolean multiThreadingCompatible() {
        return true;
    }
}
