package ruru.daemon.config;

import java.nio.file.Path;

import ruru.json.Position;

/** The daemon's UNIX control socket: where it lives, resolved and checked by {@link PathPolicy}. */
public record UnixSocketSpec(Path path, Position position) {
}
