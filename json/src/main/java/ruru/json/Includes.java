package ruru.json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens the file an {@code <?include?>} names. */
final class Includes {

    private Includes() {
    }

    /**
     * Resolves {@code path} against the including file's directory (null: the current directory)
     * and reads it. Errors are reported at the directive.
     */
    static Source open(String path, Path baseDir, Position directive) throws JsonException {
        Path file;
        try {
            file = baseDir == null ? Path.of(path) : baseDir.resolve(path);
        } catch (InvalidPathException e) {
            throw new JsonException(directive, "cannot open include file " + path + ": invalid path");
        }
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new JsonException(directive, "cannot open include file " + file + ": no such file");
        } catch (IOException | SecurityException e) {
            throw new JsonException(directive, "cannot open include file " + file + ": " + e);
        }
        return new Source(data, file.toString(), file.getParent(), 1);
    }
}
