package ruru.control;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * An I/O failure in the words an operator expects from a C program ({@code path: No such file or
 * directory}), never a Java exception's class name. The JDK's file-system exceptions often carry
 * only the path as their message; the reason is then named from their type.
 */
public final class IoText {

    private IoText() {
    }

    public static String describe(IOException e) {
        if (e instanceof FileSystemException f) {
            String reason = f.getReason();
            if (reason == null || reason.isBlank()) {
                reason = switch (f) {
                    case NoSuchFileException n -> "No such file or directory";
                    case AccessDeniedException a -> "Permission denied";
                    case FileAlreadyExistsException x -> "File exists";
                    case DirectoryNotEmptyException d -> "Directory not empty";
                    case NotDirectoryException d -> "Not a directory";
                    default -> "input/output error";
                };
            }
            String file = f.getFile();
            String other = f.getOtherFile();
            return (file == null ? "" : file + (other == null ? "" : " -> " + other) + ": ") + reason;
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "input/output error" : message;
    }
}
