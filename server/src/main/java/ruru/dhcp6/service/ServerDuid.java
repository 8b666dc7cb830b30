package ruru.dhcp6.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;


import ruru.dhcp6.config.ServerIdConfig;
import ruru.net.NetInterface6;
import ruru.wire.HardwareAddress;
import ruru.wire.WireFormatException;
import ruru.wire.v6.Duid;

/**
 * The server's DUID, as Kea's {@code DUIDFactory} makes it: the stored one in
 * {@code <data dir>/kea-dhcp6-serverid} is read first and its parts reused when it has the type
 * configured (a DUID-LLT keeps its time and link-layer address across restarts), the parts the
 * administrator set in {@code server-id} win, the rest is generated (LLT: seconds since
 * 2000-01-01 and the MAC of the first interface that is up, not loopback, with a non-zero address
 * of at least 6 bytes; EN: ISC's 2495 and 6 random bytes; LL: that MAC). The result is written
 * back, colon-separated lower-case hex without a newline, when {@code persist} is true.
 */
public final class ServerDuid {

    /** Seconds from the Unix epoch to 2000-01-01T00:00:00Z (RFC 8415 section 11.2). */
    static final long EPOCH_2000 = 946_684_800L;
    static final long ISC_ENTERPRISE = 2495;
    public static final String FILE_NAME = "kea-dhcp6-serverid";
    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

    private ServerDuid() {
    }

    /**
     * The DUID to use under {@code config}, reading and (when persisting) writing {@code file}.
     * A file that cannot be written is logged and the DUID is used anyway: the server still answers,
     * only its identity will change at the next start.
     */
    public static Duid resolve(ServerIdConfig config, Path file, List<NetInterface6> interfaces, Instant now)
            throws ruru.daemon.config.ConfigException {
        Optional<byte[]> stored = read(file);
        byte[] duid = switch (config.type()) {
            case LLT -> llt(config, stored, interfaces, now);
            case EN -> en(config, stored);
            case LL -> ll(config, stored, interfaces);
        };
        if (config.persist()) {
            write(file, duid);
        }
        ruru.dhcp6.log.Dhcp6Messages.DHCP6_USING_SERVERID.log(COLONS.formatHex(duid), file);
        return new Duid(duid);
    }

    static Optional<byte[]> read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String joined = String.join("", Files.readString(file, StandardCharsets.US_ASCII).strip().split("\\s+"));
            if (joined.isEmpty()) {
                return Optional.empty();
            }
            byte[] d = ruru.wire.Hex.parseBytes(joined, Duid.MAX_LENGTH);
            return d.length >= Duid.MIN_LENGTH ? Optional.of(d) : Optional.empty();
        } catch (IOException | WireFormatException e) {
            // as Kea: an unreadable file or one without a DUID means a new identifier
            return Optional.empty();
        }
    }

    /** Kea refuses the configuration when the identifier cannot be stored, with this text. */
    private static void write(Path file, byte[] duid) throws ruru.daemon.config.ConfigException {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                throw new IOException("directory " + dir + " does not exist");
            }
            Files.writeString(file, COLONS.formatHex(duid), StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
        } catch (IOException e) {
            throw new ruru.daemon.config.ConfigException("unable to configure server identifier: unable to open '"
                    + file + "' for writing");
        }
    }

    private static int type(byte[] d) {
        return ((d[0] & 0xff) << 8) | (d[1] & 0xff);
    }

    private static byte[] llt(ServerIdConfig c, Optional<byte[]> stored, List<NetInterface6> interfaces,
                              Instant now) {
        byte[] s = stored.filter(d -> type(d) == Duid.LLT && d.length > 8).orElse(null);
        int htype = c.htype() != 0 ? c.htype() : s != null ? ((s[2] & 0xff) << 8) | (s[3] & 0xff) : 0;
        long time = c.time() != 0 ? c.time() : s != null ? ((s[4] & 0xffL) << 24) | ((s[5] & 0xffL) << 16)
                | ((s[6] & 0xffL) << 8) | (s[7] & 0xffL) : (now.getEpochSecond() - EPOCH_2000) & 0xffffffffL;
        byte[] id = c.identifier().orElse(s != null ? Arrays.copyOfRange(s, 8, s.length) : null);
        if (id == null) {
            HardwareAddress mac = mac(interfaces);
            id = mac.bytes();
            if (htype == 0) {
                htype = mac.type();
            }
        }
        if (htype == 0) {
            htype = HardwareAddress.ETHERNET;
        }
        byte[] out = new byte[8 + id.length];
        out[1] = (byte) Duid.LLT;
        out[2] = (byte) (htype >>> 8);
        out[3] = (byte) htype;
        out[4] = (byte) (time >>> 24);
        out[5] = (byte) (time >>> 16);
        out[6] = (byte) (time >>> 8);
        out[7] = (byte) time;
        System.arraycopy(id, 0, out, 8, id.length);
        return out;
    }

    private static byte[] en(ServerIdConfig c, Optional<byte[]> stored) {
        byte[] s = stored.filter(d -> type(d) == Duid.EN && d.length > 6).orElse(null);
        long enterprise = c.enterpriseId() != 0 ? c.enterpriseId() : s != null ? ((s[2] & 0xffL) << 24)
                | ((s[3] & 0xffL) << 16) | ((s[4] & 0xffL) << 8) | (s[5] & 0xffL) : ISC_ENTERPRISE;
        byte[] id = c.identifier().orElse(s != null ? Arrays.copyOfRange(s, 6, s.length) : null);
        if (id == null) {
            id = new byte[6];
            new SecureRandom().nextBytes(id);
        }
        byte[] out = new byte[6 + id.length];
        out[1] = (byte) Duid.EN;
        out[2] = (byte) (enterprise >>> 24);
        out[3] = (byte) (enterprise >>> 16);
        out[4] = (byte) (enterprise >>> 8);
        out[5] = (byte) enterprise;
        System.arraycopy(id, 0, out, 6, id.length);
        return out;
    }

    private static byte[] ll(ServerIdConfig c, Optional<byte[]> stored, List<NetInterface6> interfaces) {
        byte[] s = stored.filter(d -> type(d) == Duid.LL && d.length > 4).orElse(null);
        int htype = c.htype() != 0 ? c.htype() : s != null ? ((s[2] & 0xff) << 8) | (s[3] & 0xff) : 0;
        byte[] id = c.identifier().orElse(s != null ? Arrays.copyOfRange(s, 4, s.length) : null);
        if (id == null) {
            HardwareAddress mac = mac(interfaces);
            id = mac.bytes();
            if (htype == 0) {
                htype = mac.type();
            }
        }
        if (htype == 0) {
            htype = HardwareAddress.ETHERNET;
        }
        byte[] out = new byte[4 + id.length];
        out[1] = (byte) Duid.LL;
        out[2] = (byte) (htype >>> 8);
        out[3] = (byte) htype;
        System.arraycopy(id, 0, out, 4, id.length);
        return out;
    }

    /**
     * Kea's choice of link-layer address: an interface that is up, not loopback, with a non-zero
     * address of at least 6 bytes; without one (a container with loopback only), random bytes.
     */
    static HardwareAddress mac(List<NetInterface6> interfaces) {
        for (NetInterface6 i : interfaces) {
            HardwareAddress m = i.mac();
            if (i.up() && !i.loopback() && m != null && m.length() >= 6 && !allZero(m.bytes())) {
                return m;
            }
        }
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        random[0] = (byte) ((random[0] & 0xfe) | 0x02);
        return new HardwareAddress(HardwareAddress.ETHERNET, random);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
