package ruru.daemon.hooks;

import java.util.Map;

import ruru.control.CommandHandler;

/**
 * A library built into the server under a Kea file name ({@code libdhcp_lease_cmds.so}), so
 * existing Kea configurations keep working. It only adds commands, with the server's own handlers.
 */
@FunctionalInterface
public interface BuiltinLibrary {

    /** The commands it provides, created for one load. */
    Map<String, CommandHandler> commands();
}
