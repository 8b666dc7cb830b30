package ruru.daemon;

import java.time.Instant;
import java.util.function.Supplier;

import ruru.json.Json;
import ruru.json.MapElement;

/**
 * The configuration in force: typed, its wrapped JSON form ({@code { "Dhcp4": ... }}) and hash,
 * and when it was loaded. Swapped as one reference.
 *
 * <p>The wrapped form (every Kea default filled in) and its hash are made when first asked for
 * (config-get, config-hash-get, config-write, a daemon that logs the hash), not while the
 * configuration is applied: a starting server answers its first query without waiting for them.
 */
public final class Loaded<C extends DaemonConfig> {

    private final C config;
    private final Instant loadedAt;
    private Supplier<MapElement> view; // guarded by this; null once made
    private volatile View made;

    private record View(MapElement wrapped, String hash) {
    }

    /** {@code view} makes the wrapped form once, when first needed. */
    public Loaded(C config, Supplier<MapElement> view, Instant loadedAt) {
        this.config = config;
        this.view = view;
        this.loadedAt = loadedAt;
    }

    public C config() {
        return config;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** {@code { "Dhcp4": ... }} as Kea's config-get shows it. */
    public MapElement wrapped() {
        return view().wrapped();
    }

    /** The SHA-256 of {@link #wrapped()} in Kea's compact text (config-hash-get). */
    public String hash() {
        return view().hash();
    }

    private View view() {
        View v = made;
        if (v != null) {
            return v;
        }
        synchronized (this) {
            if (made == null) {
                MapElement wrapped = view.get();
                made = new View(wrapped, Json.hash(wrapped));
                view = null;
            }
            return made;
        }
    }
}
