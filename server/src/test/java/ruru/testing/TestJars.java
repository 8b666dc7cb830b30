package ruru.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import ruru.hooks.HookLibrary;

/** Packs a test library class into a jar, found by a service file or by the manifest attribute. */
public final class TestJars {

    /** The manifest attribute naming a hook library's entry class (README, "Hook libraries"). */
    public static final String MANIFEST_ATTRIBUTE = "Ruru-Hook-Library";

    private TestJars() {
    }

    public static Path service(Path jar, Class<? extends HookLibrary> type) throws IOException {
        return write(jar, type, false);
    }

    public static Path manifest(Path jar, Class<? extends HookLibrary> type) throws IOException {
        return write(jar, type, true);
    }

    /**
     * A jar holding only a manifest that names {@code entry} and points its {@code Class-Path} at
     * {@code classPath} (issue 8's jar: the class itself lives elsewhere).
     */
    public static Path manifestWithClassPath(Path jar, String entry, String classPath) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue(MANIFEST_ATTRIBUTE, entry);
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return jar;
    }

    /** A jar with {@code type} in it, named by the manifest whatever it is (a library or not). */
    public static Path manifestNaming(Path jar, Class<?> type) throws IOException {
        return write(jar, type, true);
    }

    /**
     * An example library of examples/ (a reactor module the server's tests depend on) as the jar a
     * user installs: its built jar, or its classes directory packed, as {@code hooksDir/jarName}.
     *
     * @param className a class of the example, to find where its build output is
     */
    public static Path exampleJar(String className, Path hooksDir, String jarName) throws Exception {
        Path built = Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = hooksDir.resolve(jarName);
        Files.createDirectories(hooksDir);
        if (Files.isRegularFile(built)) {
            return Files.copy(built, jar);
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             Stream<Path> files = Files.walk(built)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new JarEntry(built.relativize(f).toString()));
                Files.copy(f, j);
            }
        }
        return jar;
    }

    /** Copies {@code type}'s class file into a class directory tree under {@code dir}. */
    public static void classTree(Path dir, Class<?> type) throws IOException {
        String entry = type.getName().replace('.', '/') + ".class";
        Path target = dir.resolve(entry);
        Files.createDirectories(target.getParent());
        try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
            Files.copy(in, target);
        }
    }

    private static Path write(Path jar, Class<?> type, boolean manifest) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (manifest) {
            m.getMainAttributes().putValue(MANIFEST_ATTRIBUTE, type.getName());
        }
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            String entry = type.getName().replace('.', '/') + ".class";
            j.putNextEntry(new JarEntry(entry));
            try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(j);
            }
            if (!manifest) {
                j.putNextEntry(new JarEntry("META-INF/services/" + HookLibrary.class.getName()));
                j.write((type.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }
}
