package ruru.lease;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * The lease file and its LFC companions, under Kea's names so a directory moves between Kea and
 * ruru in both directions: {@code F.1} (the file being cleaned), {@code F.2} (the previous clean
 * result), {@code F.output} (being written), {@code F.completed} (written, not yet renamed to .2),
 * {@code F.pid} (a running kea-lfc).
 *
 * <p>New files are created mode 0640, not Kea's umask-dependent 0644: leases name clients (MAC,
 * client id, hostname), which is personal data other local users have no need to read. The group
 * keeps read access for monitoring tools. An existing lease file keeps its mode when appended to.
 */
public record LeaseFiles(Path file) {

    static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-r-----");

    Path dot1() {
        return sibling(".1");
    }

    Path dot2() {
        return sibling(".2");
    }

    Path output() {
        return sibling(".output");
    }

    Path completed() {
        return sibling(".completed");
    }

    Path pid() {
        return sibling(".pid");
    }

    private Path sibling(String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /** Kea's load order: a finished cleanup's result, else the previous result then the input; then the file. */
    List<Path> loadOrder() {
        return Files.exists(completed()) ? List.of(completed(), file) : List.of(dot2(), dot1(), file);
    }

    /**
     * The files Kea says it loads when it opens this lease file (DHCPSRV_MEMFILE_LEASE_FILE_LOAD):
     * those of {@link #loadOrder} that exist, and the lease file itself always.
     */
    public List<Path> keaLoads() {
        return loadOrder().stream().filter(p -> p.equals(file) || Files.exists(p)).toList();
    }

    /** Creates {@code path} (which must not exist) holding just {@code headerLine}, mode 0640. */
    static void createWithHeader(Path path, byte[] headerLine) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            restrict(path);
            ch.write(java.nio.ByteBuffer.wrap(headerLine));
        }
    }

    /** Writes {@code headerLine} and a row per lease to {@code path} (replacing it), forced to the device. */
    static <L> void writeAll(Path path, byte[] headerLine, Iterable<L> leases,
                             java.util.function.Function<L, byte[]> format) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            restrict(path);
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
            out.write(headerLine);
            for (L l : leases) {
                out.write(format.apply(l));
            }
            out.flush();
            ch.force(true);
        }
    }

    /** A complete Kea DHCPv4 lease file of {@code leases}, written atomically (lease4-write, lease dumps). */
    public static void writeAtomically(Path target, Iterable<Lease4> leases) throws IOException {
        writeAtomically(target, Lease4Csv.INSTANCE.headerLine(), leases, Lease4Csv.INSTANCE::format);
    }

    /** A complete file written beside {@code target} and renamed over it, so readers see old or new, never half. */
    /** The same for DHCPv6 leases, in Kea's v6 CSV. */
    public static void writeAtomically6(Path target, Iterable<Lease6> leases) throws IOException {
        writeAtomically(target, Lease6Csv.INSTANCE.headerLine(), leases, Lease6Csv.INSTANCE::format);
    }

    public static <L> void writeAtomically(Path target, byte[] headerLine, Iterable<L> leases,
                                    java.util.function.Function<L, byte[]> format) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        try {
            writeAll(tmp, headerLine, leases, format);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Sets the mode explicitly: permissions given at creation are cut by the umask. */
    private static void restrict(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, MODE);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to restrict
        }
    }

    static void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
