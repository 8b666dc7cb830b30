package ruru.daemon.logging;

import java.nio.file.Path;
import java.util.Objects;

/** One entry of a logger's {@code output-options}: where messages go and how they look. */
public sealed interface OutputSpec {

    /** Kea's default layout for stdout, stderr and files (ARM, "Logging Message Format"). */
    String DEFAULT_PATTERN = "%D{%Y-%m-%d %H:%M:%S.%q} %-5p [%c/%i.%t] %m\n";

    /** Kea's default syslog layout: syslog adds the time and pid itself. */
    String DEFAULT_SYSLOG_PATTERN = "%-5p [%c.%t] %m\n";

    /** Kea's default {@code maxsize}: 10240000 bytes. */
    long DEFAULT_MAXSIZE = 10_240_000L;

    /** Kea's default {@code maxver}. */
    int DEFAULT_MAXVER = 1;

    /**
     * log4cplus refuses to rotate below 200 KiB and raises smaller sizes to this (its
     * MINIMUM_ROLLING_LOG_SIZE); only 0 switches rotation off (Kea creates a plain FileAppender).
     */
    long MIN_ROTATING_SIZE = 204_800L;

    /** The effective log4cplus pattern (defaults already applied). */
    String pattern();

    /** Whether every message is flushed to the destination at once. */
    boolean flush();

    record Stdout(boolean flush, String pattern) implements OutputSpec {
        public Stdout {
            Objects.requireNonNull(pattern, "pattern");
        }

        public static Stdout defaults() {
            return new Stdout(true, DEFAULT_PATTERN);
        }
    }

    record Stderr(boolean flush, String pattern) implements OutputSpec {
        public Stderr {
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    /**
     * {@code syslog} or {@code syslog:NAME}. Kea passes NAME to log4cplus as the syslog facility
     * (process/logging_info.cc); the ident is always the daemon's root logger name.
     */
    record Syslog(String facility, String pattern) implements OutputSpec {
        /** Facility used by a plain {@code syslog} output (Kea documents local0). */
        public static final String DEFAULT_FACILITY = "local0";

        public Syslog {
            Objects.requireNonNull(facility, "facility");
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public boolean flush() {
            return true;
        }
    }

    /**
     * A log file, already checked to lie inside an allowed log directory. {@code maxsize} 0 means
     * no rotation; otherwise rotation keeps at most {@code maxver} older files (.1 … .maxver).
     */
    record File(Path path, long maxsize, int maxver, boolean flush, String pattern) implements OutputSpec {
        public File {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(pattern, "pattern");
            if (maxsize < 0 || maxver < 0) {
                throw new IllegalArgumentException("maxsize and maxver must not be negative");
            }
        }

        /** Whether this file rotates at all. */
        public boolean rotates() {
            return maxsize > 0;
        }

        /** The size at which rotation happens, with log4cplus's floor applied. */
        public long effectiveMaxsize() {
            return Math.max(maxsize, MIN_ROTATING_SIZE);
        }

        /** log4cplus keeps at least one rotated file ({@code max(maxver, 1)}). */
        public int effectiveMaxver() {
            return Math.max(maxver, 1);
        }
    }
}
