package ruru.daemon;

import java.time.Instant;

import ruru.json.MapElement;

/**
 * The configuration in force: typed, its wrapped JSON form ({@code { "Dhcp4": ... }}) and hash,
 * and when it was loaded. Swapped as one reference.
 */
public record Loaded<C extends DaemonConfig>(C config, MapElement wrapped, String hash, Instant loadedAt) {
}
