package ruru.hooks;

/**
 * A hook library: the Java counterpart of Kea's {@code load()}, {@code unload()} and
 * {@code multi_threading_compatible()} symbols. The server finds the implementation in the jar
 * through {@code META-INF/services/ruru.hooks.HookLibrary} or the manifest attribute
 * {@code Ruru-Hook-Library: fully.qualified.ClassName}, and needs a public no-argument constructor.
 *
 * <p>A library is loaded once per configuration: every reconfiguration (and {@code libreload})
 * unloads it and loads a fresh instance with the same parameters, as Kea does.
 */
public interface HookLibrary {

    /**
     * The version of ruru's hook API, what the server writes for a loaded jar as Kea writes the
     * {@code KEA_HOOKS_VERSION} a C++ library's {@code version()} returns ({@code HOOKS_LIBRARY_VERSION}).
     */
    int API_VERSION = 1;

    /**
     * Reads the parameters and registers callouts and commands. Throwing fails the configuration
     * ("One or more hook libraries failed to load").
     */
    void load(LibraryHandle handle) throws Exception;

    /** Releases what {@link #load} acquired; callouts and commands are removed by the server. */
    default void unload() {
    }

    /**
     * Whether callouts may run on several packet threads at once. A library answering false is
     * refused while {@code multi-threading} is enabled (Kea's rule).
     */
    default boolean multiThreadingCompatible() {
        return false;
    }
}
