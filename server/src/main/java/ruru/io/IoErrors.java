package ruru.io;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Operating-system errors in an operator's words. Java's file errors often carry only the file's
 * name as their message ({@code NoSuchFileException: /run/kea/kea.kea-dhcp4.pid}): printed alone it
 * reads like a file name, not an error. Here every such error says the file and the reason, as
 * strerror(3) words it ({@code No such file or directory}), and a missing directory is named, since
 * ruru (as Kea 3) creates no directories for its files.
 */
public final class IoErrors {

    private IoErrors() {
    }

    /** {@code '<file>': <reason>} for a file-system error; otherwise the error's own text. */
    public static String describe(Throwable e) {
        if (wraps(e)) {
            return describe(e.getCause());
        }
        if (e instanceof FileSystemException f && f.getFile() != null) {
            String other = f.getOtherFile() == null ? "" : " -> '" + f.getOtherFile() + "'";
            return "'" + f.getFile() + "'" + other + ": " + reason(e);
        }
        return reason(e);
    }

    /** The reason alone ({@code No such file or directory}), for a message that names the file itself. */
    public static String reason(Throwable e) {
        if (wraps(e)) {
            return reason(e.getCause());
        }
        if (e instanceof FileSystemException f) {
            String why = f.getReason() != null ? f.getReason() : switch (f) {
                case NoSuchFileException x -> "No such file or directory";
                case AccessDeniedException x -> "Permission denied";
                case FileAlreadyExistsException x -> "File exists";
                case NotDirectoryException x -> "Not a directory";
                case DirectoryNotEmptyException x -> "Directory not empty";
                case NotLinkException x -> "Not a symbolic link";
                case FileSystemLoopException x -> "Too many levels of symbolic links";
                default -> "Input/output error";
            };
            return f instanceof NoSuchFileException && f.getFile() != null
                    ? why + missingDirectory(Path.of(f.getFile())).map(m -> " (" + m + ")").orElse("")
                    : why;
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? words(e) : message;
    }

    /** A wrapper with no text of its own ({@code UncheckedIOException(cause)}: its text is the cause's). */
    private static boolean wraps(Throwable e) {
        Throwable cause = e.getCause();
        return cause != null && cause != e
                && (e.getMessage() == null || e.getMessage().isBlank() || e.getMessage().equals(cause.toString()));
    }

    /**
     * For a message that already names {@code file}: the reason alone when the error is about that
     * file, else the other file and its reason.
     */
    public static String reasonFor(Path file, Throwable e) {
        if (wraps(e)) {
            return reasonFor(file, e.getCause());
        }
        if (e instanceof FileSystemException f && f.getFile() != null && f.getOtherFile() == null
                && Path.of(f.getFile()).toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
            return reason(e);
        }
        return describe(e);
    }

    /** When {@code file}'s directory does not exist: says so, and that ruru does not create it. */
    public static Optional<String> missingDirectory(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || Files.isDirectory(dir)) {
            return Optional.empty();
        }
        return Optional.of("the directory " + dir + " does not exist; ruru, like Kea 3, does not create it");
    }

    /** An error without a text: its kind in words ({@code ClosedChannelException}: closed channel). */
    private static String words(Throwable e) {
        String name = e.getClass().getSimpleName();
        String bare = name.endsWith("Exception") ? name.substring(0, name.length() - "Exception".length()) : name;
        return bare.isEmpty() ? "unknown error"
                : bare.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).replace("eof", "unexpected end of file");
    }
}
