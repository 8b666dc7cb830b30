package ruru.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Consumer;

/** The json room's front door: parse Kea's extended JSON, write Kea's forms, hash a config. */
public final class Json {

    /** Kea's MAX_NESTING_LEVEL: deeper input is refused so hostile text cannot exhaust the stack. */
    public static final int MAX_NESTING = 100;

    /** How deep {@code <?include?>} may nest. */
    public static final int MAX_INCLUDE_DEPTH = 10;

    private Json() {
    }

    /** Parses one JSON value from text; anything but whitespace and comments after it is an error. */
    public static Element parse(String text, ParseOptions options) throws JsonException {
        Objects.requireNonNull(text, "text");
        return parse(text.getBytes(StandardCharsets.UTF_8), options);
    }

    /**
     * Parses one JSON value from raw bytes (as read from a socket or file). With file syntax,
     * relative include paths resolve against the current directory.
     */
    public static Element parse(byte[] bytes, ParseOptions options) throws JsonException {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(options, "options");
        Source top = new Source(bytes, options.origin(), null, options.firstLine());
        return new Parser(new Lexer(top, options.fileSyntax()), options.fileSyntax(), options.warnings())
                .parseDocument();
    }

    /**
     * Parses a configuration file with file syntax: comments, includes (relative paths resolve
     * against the including file's directory), extra commas with a warning.
     */
    public static Element parseFile(Path file, Consumer<JsonWarning> warnings) throws JsonException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(warnings, "warnings");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new JsonException(Position.NONE, "cannot read configuration file " + file + ": no such file");
        } catch (IOException | SecurityException e) {
            throw new JsonException(Position.NONE, "cannot read configuration file " + file + ": " + e);
        }
        Source top = new Source(bytes, file.toString(), file.getParent(), 1);
        return new Parser(new Lexer(top, true), true, warnings).parseDocument();
    }

    /** Kea's compact {@code Element::str()} form: sorted keys, {@code { "a": 1 }}, {@code {  }}. */
    public static String toCompact(Element element) {
        return CompactWriter.toString(Objects.requireNonNull(element, "element"));
    }

    /** Streams {@link #toCompact} to {@code out}, for large answers (lease lists). */
    public static void writeCompact(Element element, Appendable out) throws IOException {
        CompactWriter.write(Objects.requireNonNull(element, "element"), out);
    }

    /** Kea's pretty form (config-write): 2-space indent, sorted keys. */
    public static String toPretty(Element element) {
        StringBuilder b = new StringBuilder();
        try {
            writePretty(element, b);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return b.toString();
    }

    /** Streams {@link #toPretty} to {@code out}. */
    public static void writePretty(Element element, Appendable out) throws IOException {
        PrettyWriter.write(Objects.requireNonNull(element, "element"), out, 0);
    }

    /** Uppercase hex SHA-256 of {@link #toCompact}: Kea's config hash. */
    public static String hash(Element element) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(toCompact(element).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
