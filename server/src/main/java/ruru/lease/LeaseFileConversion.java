package ruru.lease;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Converting lease files of another schema to the current one without keeping the server from
 * answering meanwhile. Kea does the same in two halves: at start it rotates the live file and
 * starts kea-lfc, which rewrites the old rows in the background while the server appends to a
 * fresh file. Here:
 *
 * <ol>
 * <li>{@link #prepare} (at start, before the file is opened for appending; only renames and a
 * header): a finished cleanup ({@code .completed}) is moved into place as {@code .2}, then the
 * live file is renamed to {@code .1} and recreated holding the current header. New rows go only to
 * that file, so no row is ever appended in the old schema. The set of files loads to the same
 * leases as before;</li>
 * <li>{@link #write} (later, on a thread of its own): {@code .2} and {@code .1}, which then hold
 * exactly the leases loaded at start, are read again and written in the current schema to
 * {@code .output}, renamed to {@code .completed}; then {@code .2} and {@code .1} are removed and
 * {@code .completed} becomes {@code .2}: kea-lfc's work. Nothing of the loaded leases is kept for
 * it on the start-up path.</li>
 * </ol>
 *
 * <p>A crash at any point leaves files that load to the same leases: before {@code .completed}
 * exists, {@code .2} + {@code .1} + the file (old rows upgraded as they load, and converted again at
 * the next start); after, {@code .completed} + the file. An LFC that runs first (its compaction of
 * {@code .2} + {@code .1} is the same conversion) makes the pending one unnecessary
 * ({@link MemfileLeaseStore} lets whichever comes first do it).
 *
 * <p>When an unfinished cleanup left a {@code .1} (and no {@code .completed}) the live file cannot
 * be rotated: {@link #prepare} returns null and the caller converts before answering, as before.
 */
final class LeaseFileConversion<A extends Comparable<A>, L extends Lease<A>> {

    /** Where a conversion stands, for tests that stop it there (a crash, an LFC in between). */
    enum Stage { ROTATED, COMPLETED }

    /** Test seam: per lease file, called at each {@link Stage} on the converting thread. */
    static final Map<Path, java.util.function.Consumer<Stage>> PAUSES = new ConcurrentHashMap<>();

    private final LeaseFiles files;
    private final LeaseFormat<A, L> format;
    private final LeaseCodec<A, L> codec;
    private final CsvLeaseLoader<A, L> loader;

    private LeaseFileConversion(LeaseFiles files, LeaseFormat<A, L> format, LeaseCodec<A, L> codec,
            CsvLeaseLoader<A, L> loader) {
        this.files = files;
        this.format = format;
        this.codec = codec;
        this.loader = loader;
    }

    /**
     * Rotates the files so that the conversion can run later (see the class comment).
     *
     * @param codec  the family's compact lease record (the re-read leases are kept as records)
     * @param loader reads {@code .2} and {@code .1} again when {@link #write} runs
     * @return the pending conversion, or null when the files cannot be rotated now
     */
    static <A extends Comparable<A>, L extends Lease<A>> LeaseFileConversion<A, L> prepare(LeaseFiles files,
            LeaseFormat<A, L> format, LeaseCodec<A, L> codec, CsvLeaseLoader<A, L> loader) throws IOException {
        if (Files.exists(files.completed())) {
            // a finished cleanup: .2 and .1 are already in it, so this only renames it into place
            Files.deleteIfExists(files.dot2());
            Files.deleteIfExists(files.dot1());
            LeaseFiles.rename(files.completed(), files.dot2());
        }
        if (Files.exists(files.dot1())) {
            return null;
        }
        if (Files.exists(files.file())) {
            LeaseFiles.rename(files.file(), files.dot1());
        }
        LeaseFiles.createWithHeader(files.file(), format.headerLine());
        return new LeaseFileConversion<>(files, format, codec, loader);
    }

    /** Writes the converted files (see the class comment). Call once, with the LFC lock held. */
    void write() throws IOException, LeaseStoreException {
        LeaseFileCleanup.mergeToCompleted(files, format, codec, loader);
        pause(Stage.COMPLETED);
        LeaseFileCleanup.finish(files);
    }

    void pause(Stage stage) {
        var hook = PAUSES.get(files.file());
        if (hook != null) {
            hook.accept(stage);
        }
    }
}
