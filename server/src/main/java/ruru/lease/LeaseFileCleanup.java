package ruru.lease;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Collection;
import java.util.List;

/**
 * Lease File Cleanup (LFC) the way Kea does it with kea-lfc, run in-process. The server rotates
 * the live file to {@code .1} and starts a fresh one ({@link #rotate}); the cleanup then merges
 * {@code .2} and {@code .1} into {@code .output} (one row per live lease, by address), renames it
 * to {@code .completed}, deletes {@code .2} and {@code .1}, and renames {@code .completed} to
 * {@code .2} ({@link #compact}). Every step leaves a set of files that loads to the same leases,
 * so a crash at any point loses nothing. Declined and reclaimed leases are leases and stay;
 * deleted ones have no row left to keep.
 */
final class LeaseFileCleanup {

    private LeaseFileCleanup() {
    }

    /**
     * Kea's {@code LFCSetup}: rotates only when no earlier cleanup is unfinished ({@code .completed}
     * or {@code .1} still there); otherwise the next compaction finishes that one first.
     *
     * @return true when the file was rotated
     */
    static boolean rotate(LeaseFiles files, LeaseFileWriter writer, byte[] headerLine) throws IOException {
        if (Files.exists(files.completed()) || Files.exists(files.dot1())) {
            return false;
        }
        writer.swapFile(() -> {
            LeaseFiles.rename(files.file(), files.dot1());
            try {
                LeaseFiles.createWithHeader(files.file(), headerLine);
            } catch (IOException e) {
                // No room for even a header (a full disk): put the file back, as if nothing happened.
                Files.deleteIfExists(files.file());
                LeaseFiles.rename(files.dot1(), files.file());
                throw e;
            }
        });
        return true;
    }

    /** kea-lfc's work on {@code .2} + {@code .1}; a finished {@code .completed} is only renamed into place. */
    static <A extends Comparable<A>, L extends Lease<A>> void compact(LeaseFiles files, LeaseFormat<A, L> format,
            LeaseCodec<A, L> codec, CsvLeaseLoader<A, L> loader) throws IOException, LeaseStoreException {
        if (!Files.exists(files.completed())) {
            mergeToCompleted(files, format, codec, loader);
        }
        finish(files);
    }

    /**
     * Merges {@code .2} and {@code .1} (later rows win) into {@code .output} in the current schema,
     * one row per lease by address, and renames it to {@code .completed}. The leases are held as a
     * {@link LeaseTable}'s compact records while this runs beside the server, not as lease objects.
     */
    static <A extends Comparable<A>, L extends Lease<A>> void mergeToCompleted(LeaseFiles files,
            LeaseFormat<A, L> format, LeaseCodec<A, L> codec, CsvLeaseLoader<A, L> loader)
            throws IOException, LeaseStoreException {
        LeaseTable<A, L> leases = LeaseTable.forMerging(codec);
        TableFill<A, L> fill = new TableFill<>(leases, codec);
        loader.load(files.dot2(), 0, fill);
        loader.load(files.dot1(), 0, fill);
        try {
            LeaseFiles.writeAll(files.output(), format.headerLine(), leases.inOrder(), format::format);
        } catch (IOException e) {
            // A partial .output takes space and proves nothing: the next cleanup writes it again.
            Files.deleteIfExists(files.output());
            throw e;
        }
        LeaseFiles.rename(files.output(), files.completed());
    }

    /**
     * Rewrites everything from memory in the current schema: used after loading files of another
     * schema (Kea then runs an LFC at once). The live file is replaced by a header-only one between
     * {@code .completed} appearing and being renamed, so both states load to the same leases.
     */
    static <A extends Comparable<A>, L extends Lease<A>> void rewriteFromMemory(LeaseFiles files,
            LeaseFormat<A, L> format, Collection<L> leases) throws IOException {
        LeaseFiles.writeAll(files.output(), format.headerLine(), leases, format::format);
        LeaseFiles.rename(files.output(), files.completed());
        LeaseFiles.writeAtomically(files.file(), format.headerLine(), List.<L>of(), format::format);
        finish(files);
    }

    static void finish(LeaseFiles files) throws IOException {
        Files.deleteIfExists(files.dot2());
        Files.deleteIfExists(files.dot1());
        LeaseFiles.rename(files.completed(), files.dot2());
    }
}
